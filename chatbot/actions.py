"""The one action table: every button a draft card can show, for every chat platform.

For each action id: its label (catalogue key), its style, what it needs from the person before it
can run, in which states the card shows it, and how it becomes a bus command. Slack, Teams and the
console read this table; none of them keeps its own mapping. ``DraftCard.buttons`` is the tuple of
action ids this table says the card shows.

``needs`` and ``shown`` are functions of the card (not only of the state), so that a rule may
depend on the draft: e.g. approve needing a confirm that lists the warn findings, or a written
override reason when there are overridable must-fix findings, or being hidden by a hard limit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from chatbot.domain import commands as cmd
from chatbot.domain.errors import InvalidInput
from chatbot.domain.states import DraftState

if TYPE_CHECKING:
    from chatbot.cards import DraftCard

S = DraftState


class Need(StrEnum):
    """What the person must give before the action runs (a modal, a form, a console argument)."""

    NOTHING = "nothing"
    CONFIRM = "confirm"  # an explicit "yes" (e.g. after reading the warn findings)
    REASON = "reason"  # a written reason, required
    DATETIME = "datetime"  # a date-time; left empty it means "the wished time / next slot"
    CLAUSE = "clause"  # optionally, one clause of the account's pack


class Style(StrEnum):
    PRIMARY = "primary"
    DANGER = "danger"
    DEFAULT = "default"


@dataclass(frozen=True)
class ActionInput:
    """What the person gave; which field matters is said by ``Need``."""

    reason: str = ""
    at: datetime | None = None
    confirmed: bool = False
    clause: str = ""
    revision: int | None = None  # approve: the revision the person saw (refused if it moved on)


Build = Callable[[str, str, ActionInput], cmd.Command]


def _always(card: DraftCard) -> bool:
    return True


@dataclass(frozen=True)
class ActionSpec:
    id: str
    label_key: str  # catalogue key of the button label
    style: Style
    states: frozenset[DraftState]
    build: Build  # (actor, draft id, input) -> command
    need: Need = Need.NOTHING
    needs_for: Callable[[DraftCard], Need] | None = None  # overrides ``need`` per draft
    shown: Callable[[DraftCard], bool] = field(default=_always)
    done_key: str = ""  # catalogue key of the reply to the actor: "reply.done.<id>"

    def needs(self, card: DraftCard) -> Need:
        return self.needs_for(card) if self.needs_for is not None else self.need


def _reason(given: ActionInput) -> str:
    return given.reason.strip()


def _approve_needs(card: DraftCard) -> Need:
    """Overridable must-fix findings need a written reason; warn findings a confirm."""
    if card.requirements.needs_override:
        return Need.REASON
    if card.requirements.needs_acknowledgement:
        return Need.CONFIRM
    return Need.NOTHING


def _approve(actor: str, draft: str, given: ActionInput) -> cmd.Command:
    return cmd.Approve(
        actor,
        draft,
        override_reason=_reason(given),
        acknowledged=given.confirmed,
        revision=given.revision,
    )


ACTIONS: Mapping[str, ActionSpec] = {
    spec.id: spec
    for spec in (
        ActionSpec(
            "approve",
            "button.approve",
            Style.PRIMARY,
            frozenset({S.AWAITING_APPROVAL}),
            _approve,
            needs_for=_approve_needs,
            shown=lambda card: card.requirements.approvable,
        ),
        ActionSpec(
            "request_changes",
            "button.request_changes",
            Style.DEFAULT,
            frozenset({S.AWAITING_APPROVAL}),
            lambda actor, draft, given: cmd.RequestChanges(
                actor, draft, _reason(given), given.clause.strip()
            ),
            need=Need.REASON,
        ),
        ActionSpec(
            "decline",
            "button.decline",
            Style.DANGER,
            frozenset({S.AWAITING_APPROVAL}),
            lambda actor, draft, given: cmd.Decline(
                actor, draft, _reason(given), given.clause.strip()
            ),
            need=Need.REASON,
        ),
        ActionSpec(
            "schedule",
            "button.schedule",
            Style.PRIMARY,
            frozenset({S.APPROVED, S.SCHEDULED, S.FAILED}),
            lambda actor, draft, given: cmd.Schedule(actor, draft, given.at),
            need=Need.DATETIME,
        ),
        ActionSpec(
            "confirm",
            "button.confirm",
            Style.PRIMARY,
            frozenset({S.PUBLISHED}),
            lambda actor, draft, given: cmd.Confirm(actor, draft),
        ),
        ActionSpec(
            "report_problem",
            "button.report_problem",
            Style.DANGER,
            frozenset({S.PUBLISHED, S.CONFIRMED}),
            lambda actor, draft, given: cmd.ReportProblem(actor, draft, _reason(given)),
            need=Need.REASON,
        ),
        ActionSpec(
            "identify_post",
            "button.identify_post",
            Style.DEFAULT,
            frozenset({S.PUBLISHED, S.CONFIRMED}),
            lambda actor, draft, given: cmd.IdentifyPost(actor, draft, _reason(given)),
            need=Need.REASON,
            # only a post settled as live but unidentified (no permalink, no media id)
            shown=lambda card: not card.permalink,
        ),
        ActionSpec(
            "retry_publish",
            "button.retry_publish",
            Style.PRIMARY,
            frozenset({S.FAILED}),
            lambda actor, draft, given: cmd.RetryPublish(actor, draft),
        ),
        ActionSpec(
            "publish_now",
            "button.publish_now",
            Style.DANGER,
            frozenset({S.SCHEDULED}),
            lambda actor, draft, given: cmd.PublishNow(actor, draft, _reason(given)),
            need=Need.REASON,
        ),
        ActionSpec(
            "withdraw",
            "button.withdraw",
            Style.DANGER,
            frozenset(
                {S.AWAITING_APPROVAL, S.AWAITING_APPROVER, S.CHANGES_REQUESTED}
                | {S.APPROVED, S.SCHEDULED, S.FAILED}
            ),
            lambda actor, draft, given: cmd.Withdraw(actor, draft),
        ),
    )
}
ORDER = tuple(ACTIONS)  # the order buttons appear in on every card


def spec(action_id: str) -> ActionSpec:
    """The action, or InvalidInput naming it (a stale or forged button id)."""
    try:
        return ACTIONS[action_id]
    except KeyError:
        raise InvalidInput("error.unknown_action", action=action_id[:40]) from None


def buttons(card: DraftCard) -> tuple[str, ...]:
    """The action ids the card shows, in table order."""
    state = DraftState(card.state) if card.state else None
    return tuple(a.id for a in ACTIONS.values() if state in a.states and a.shown(card))


def to_command(action_id: str, actor: str, draft_id: str, given: ActionInput) -> cmd.Command:
    """The bus command the action becomes; the services re-check everything on the server."""
    return spec(action_id).build(actor, draft_id, given)


def done_key(action_id: str) -> str:
    return spec(action_id).done_key or f"reply.done.{action_id}"


DECISIONS = frozenset({"approve", "request_changes", "decline"})


def copy_buttons(card: DraftCard, viewer: str) -> tuple[str, ...]:
    """The buttons of one person's own copy (a DM): the decisions only for whoever decides now,
    withdraw only for the author, so an FYI copy carries nothing its reader cannot use. The
    services re-check every click regardless."""
    return tuple(
        b
        for b in card.buttons
        if (b not in DECISIONS or card.may_decide(viewer))
        and (b != "withdraw" or viewer == card.author)
    )
