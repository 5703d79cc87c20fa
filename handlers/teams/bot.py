"""The Teams bot: activities into the core's commands (``run_slash``, ``SubmitDraft``, actions).

A message in an account's drafts channel that mentions the bot is a draft, unless its first word
is a /shonin subcommand; in a personal chat, ``post <caption>`` is a draft and anything else a
command. ``Action.Execute`` verbs are the action ids of ``chatbot.actions``; the server re-checks
who clicked (the services do), and the invoke answer is the refreshed card, with a notice saying
what happened or why not.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    Attachment,
)
from microsoft_agents.hosting.core import ActivityHandler

from chatbot import actions
from chatbot.cards import SEVERITY_ORDER, DraftCard
from chatbot.dates import DateParseError
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError, InvalidInput
from chatbot.domain.roles import UserId
from chatbot.i18n import t
from chatbot.policy.types import CheckResult
from chatbot.ports import Text
from chatbot.services import queries
from chatbot.services.slash import is_command, run_slash
from chatbot.services.wiring import Core
from handlers.teams.cards import CONTENT_TYPE, REFRESH_VERB, attachment, draft_card, text_card
from handlers.teams.connector import Connector
from handlers.teams.media import MediaFetcher
from handlers.teams.names import clean
from handlers.teams.notifier import TeamsNotifier
from handlers.teams.parsing import (
    action_input,
    channel_of,
    command_line,
    is_personal,
    mentions_of,
    verb_of,
)
from handlers.teams.references import Reference, ReferenceBook, channel_key, user_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotConfig:
    locale: str
    user_locales: Mapping[str, str]
    channels: Mapping[str, str]  # Teams channel id -> account id
    default_account: str


async def actors(core: Core, card: DraftCard) -> dict[str, set[UserId]]:
    """For each button on the card, who may use it now (the services re-check every click)."""
    async with core.deps.uow() as uow:
        roles = await core.deps.roles(uow, card.account_id)
    managers = {p for p in (roles.officer, roles.deputy) if p}
    decision = card.last_decision
    approver = {decision.actor} if decision is not None and decision.kind == "approve" else set()
    deciders = {p for p in (card.approver, *card.also_deciding) if p}
    who = {
        "approve": deciders,
        "request_changes": deciders,
        "decline": deciders,
        "schedule": approver | managers,
        "confirm": managers,
        "identify_post": managers,
        "withdraw": {card.author},
    }
    return {action: who.get(action, set()) for action in card.buttons}


async def may_act(core: Core, card: DraftCard) -> set[UserId]:
    """Everyone for whom some button of the card is live now."""
    return set().union(*(await actors(core, card)).values())


class ShoninBot(ActivityHandler):
    def __init__(
        self,
        core: Core,
        config: BotConfig,
        book: ReferenceBook,
        connector: Connector,
        notifier: TeamsNotifier,
        media: MediaFetcher,
    ) -> None:
        self.core, self.config, self.book = core, config, book
        self.connector, self.notifier, self.media = connector, notifier, media

    # --- every activity -------------------------------------------------------------------

    async def on_turn(self, turn_context: Any) -> None:
        await self._remember(turn_context.activity)
        await super().on_turn(turn_context)

    async def _remember(self, activity: Activity) -> None:
        """Keep how to reach this person and this channel later (proactive messages)."""
        sender, service_url = activity.from_property, activity.service_url or ""
        tenant = str(getattr(activity.conversation, "tenant_id", "") or "")
        if sender is not None and sender.aad_object_id and service_url:
            personal = activity.conversation.id if is_personal(activity) else ""
            name = clean(sender.name or "")
            locale = client_locale(activity)
            seen = Reference(service_url, tenant, personal, sender.id or "", name, locale)
            await self.book.remember(user_key(sender.aad_object_id), seen)
        channel = channel_of(activity)
        if channel and service_url:
            await self.book.remember(channel_key(channel), Reference(service_url, tenant, channel))

    def _user(self, activity: Activity) -> UserId:
        sender = activity.from_property
        if sender is None or not sender.aad_object_id:
            raise InvalidInput("error.bad_user", user=str(getattr(sender, "id", ""))[:60])
        return user_key(sender.aad_object_id)

    def _locale(self, user: str, activity: Activity | None = None) -> str:
        """The configured language of the person, else their Teams client's, else the default."""
        if user in self.config.user_locales:
            return self.config.user_locales[user]
        return client_locale(activity) or self.config.locale

    # --- messages -------------------------------------------------------------------------

    async def on_message_activity(self, turn_context: Any) -> None:
        activity: Activity = turn_context.activity
        locale = self.config.locale
        try:
            user = self._user(activity)
            locale = self._locale(user, activity)
            texts = await self._message(activity, user)
        except DomainError as error:
            texts = [Text(error.key, error.args_map)]
        except DateParseError as error:
            texts = [Text("raw", {"ja": error.message_ja, "en": error.message_en})]
        await self._reply(turn_context, texts, locale)

    async def _message(self, activity: Activity, user: UserId) -> list[Text]:
        channel = channel_of(activity)
        account = self.config.channels.get(channel) if channel else self.config.default_account
        if not account:
            return [Text("teams.not_a_drafts_channel", {"channel": channel})]
        line = await self._line(activity)
        head, _, rest = line.partition(" ")
        if head.lower() in ("post", "投稿"):
            return await self._submit(activity, user, account, rest.strip())
        if is_command(head) or is_personal(activity):
            reply = await run_slash(self.core, user, account, line)
            return list(reply.texts) + (findings(reply.check) if reply.check else [])
        return await self._submit(activity, user, account, line)

    async def _line(self, activity: Activity) -> str:
        found = mentions_of(activity)
        recipient = activity.recipient.id if activity.recipient else ""
        people: dict[str, str] = {}
        for mention in found:
            if mention.mri == recipient or not mention.mri:
                continue
            aad, name, weak = mention.aad_object_id, mention.name, True
            if not aad:
                aad, looked_up = await self._member(activity, mention.mri)
                people[mention.mri] = aad
                name, weak = (looked_up, False) if looked_up else (name, True)
            if aad:
                await self._learn(activity, aad, mention.mri, name, weak=weak)
        return command_line(activity.text or "", recipient or "", people, found)

    async def _member(self, activity: Activity, mri: str) -> tuple[str, str]:
        try:
            return await self.connector.member(
                activity.service_url or "", activity.conversation.id, mri
            )
        except Exception:
            log.warning("could not look up a mentioned member")
            return "", ""

    async def _learn(
        self, activity: Activity, aad: str, mri: str, name: str, *, weak: bool = False
    ) -> None:
        """Someone the bot saw mentioned or added: how to reach them and what they are called."""
        service_url = activity.service_url or ""
        if not service_url:
            return
        tenant = str(getattr(activity.conversation, "tenant_id", "") or "")
        seen = Reference(service_url, tenant, "", mri, clean(name))
        await self.book.remember(user_key(aad), seen, weak_name=weak)

    async def _submit(
        self, activity: Activity, user: UserId, account: str, caption: str
    ) -> list[Text]:
        media = await self.media.fetch(activity)
        if not caption and not media:
            return [Text("teams.empty_caption", {}), Text("teams.usage.post", {})]
        draft = await self.core.handle(cmd.SubmitDraft(user, account, caption, tuple(media)))
        return [Text("reply.submitted", {"draft": draft.id})]

    async def _reply(self, turn_context: Any, texts: Sequence[Text], locale: str) -> None:
        named = [await self.notifier.names.text(text) for text in texts]
        message = "\n\n".join(t(text.key, locale, **text.args) for text in named)
        content = Attachment.model_validate(attachment(text_card(message)))
        reply = Activity(type=ActivityTypes.message, attachments=[content])
        await turn_context.send_activity(reply)

    # --- welcome --------------------------------------------------------------------------

    async def on_members_added_activity(self, members_added: Any, turn_context: Any) -> None:
        recipient = turn_context.activity.recipient
        for member in members_added or []:
            aad = str(getattr(member, "aad_object_id", "") or "")
            if aad and member.id:
                await self._learn(turn_context.activity, aad, member.id, member.name or "")
        if any(m.id == (recipient.id if recipient else "") for m in members_added or []):
            await self._reply(turn_context, [Text("teams.welcome", {})], self.config.locale)

    # --- Action.Execute -------------------------------------------------------------------

    async def on_adaptive_card_invoke(
        self, turn_context: Any, invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        activity = turn_context.activity
        action = invoke_value.action
        data = action.data if isinstance(action.data, dict) else {}
        locale = self.config.locale
        try:
            user = self._user(activity)
            locale = self._locale(user, activity)
            draft_id = str(data.get("draft") or "")[:64]
            if not draft_id:
                raise InvalidInput("teams.unknown_card")
            card, notice = await self._execute(str(action.verb or ""), user, draft_id, data)
            by_action = await actors(self.core, card)
            people: set[UserId] = set().union(*by_action.values())
            names = self.notifier.names
            notice = await names.text(notice) if notice else None
            body = draft_card(
                await names.card(card),
                locale,
                may_act=await self.notifier.mris(people),
                only={a for a, allowed in by_action.items() if user in allowed},
                notice=t(notice.key, locale, **notice.args) if notice else "",
                clauses=self.notifier.clauses(card.account_id),
            )
            return AdaptiveCardInvokeResponse(status_code=200, type=CONTENT_TYPE, value=body)
        except DomainError as error:
            said = await self.notifier.names.text(Text(error.key, error.args_map))
            return _message_response(t(said.key, locale, **said.args))
        except Exception:
            log.exception("Teams card action failed")
            return _message_response(t("error.internal", locale))

    async def _execute(
        self, verb: str, user: UserId, draft_id: str, data: Mapping[str, Any]
    ) -> tuple[DraftCard, Text | None]:
        """Run the verb; returns the card as it now stands and what to tell the person."""
        card = await queries.card(self.core.deps, draft_id)
        if verb == REFRESH_VERB:
            return card, None
        action_id = verb_of(verb)
        try:
            need = actions.spec(action_id).needs(card)
            tz = self.core.deps.calendar(card.account_id).tz
            given = action_input(action_id, need, data, tz, self.core.deps.clock.now())
            await self.core.handle(actions.to_command(action_id, user, draft_id, given))
            notice = Text(actions.done_key(action_id), {"draft": draft_id})
        except DomainError as error:
            notice = Text(error.key, error.args_map)
        except DateParseError as error:
            notice = Text("raw", {"ja": error.message_ja, "en": error.message_en})
        return await queries.card(self.core.deps, draft_id), notice


def findings(check: CheckResult) -> list[Text]:
    """A check's findings, must-fix first, each in both languages (the reader picks one)."""
    ordered = sorted(check.findings, key=lambda f: SEVERITY_ORDER.index(f.severity)
                     if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER))  # fmt: skip
    texts = []
    for finding in ordered:
        ja, en = (
            t("card.finding", locale, severity=finding.severity, clause=finding.clause,
              message=finding.message(locale))
            for locale in ("ja", "en")
        )  # fmt: skip
        texts.append(Text("raw", {"ja": ja, "en": en}))
    return texts


def _message_response(text: str) -> AdaptiveCardInvokeResponse:
    return AdaptiveCardInvokeResponse(
        status_code=200, type="application/vnd.microsoft.activity.message", value=text
    )


def channel_accounts(accounts: Collection[Any]) -> dict[str, str]:
    """Teams channel id -> account id, from the accounts' ``channels["teams"]``."""
    return {a.channels["teams"]: a.id for a in accounts if a.channels.get("teams")}


def client_locale(activity: Activity | None) -> str:
    """The language of the Teams client that sent ``activity`` (``ja`` / ``en``), else ""."""
    client = str(getattr(activity, "locale", "") or "").lower()[:2]
    return client if client in ("ja", "en") else ""
