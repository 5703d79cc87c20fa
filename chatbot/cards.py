"""The platform-neutral draft card: what Slack, Teams and the console each render their way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from chatbot import actions
from chatbot.domain.model import Decision, Draft
from chatbot.domain.roles import Account
from chatbot.gate import ApprovalRequirements, approval_requirements
from chatbot.policy.types import Finding

SEVERITY_ORDER = ("block", "warn", "info")
CLAUSE_TITLE = 40  # characters of a clause's text shown after its number


def cited_clause(clause: str, text: str) -> dict[str, str]:
    """The clause a 差し戻し / 却下 cites, as text arguments ``clause`` and ``clause_title``.

    Empty when none is cited; the title is the clause's text on one line, shortened.
    """
    if not clause:
        return {}
    title = " ".join(text.split())
    if len(title) > CLAUSE_TITLE:
        title = title[: CLAUSE_TITLE - 1] + "…"
    return {"clause": clause, "clause_title": title}


@dataclass(frozen=True)
class DraftCard:
    draft_id: str
    account_id: str
    account_name: str
    timezone: str
    state: str
    revision: int
    author: str
    caption: str
    media_count: int
    wished_at: datetime | None
    scheduled_at: datetime | None
    approver: str | None
    approver_role: str | None
    waiting_reason: str
    verdict: str
    pack_name: str
    pack_version: str
    findings: tuple[Finding, ...]
    buttons: tuple[str, ...]  # action ids from chatbot.actions, in table order
    last_decision: Decision | None
    permalink: str
    last_error: str
    error_args: dict[str, str] = field(default_factory=dict)
    # The gate: what approving needs (read by every front end for its buttons and confirm step),
    # and what the approval of this revision let through.
    requirements: ApprovalRequirements = field(default_factory=ApprovalRequirements)
    override_reason: str = ""
    overridden: tuple[str, ...] = ()
    acknowledged: tuple[str, ...] = ()
    approved_while_absent: bool = False
    # Who else may decide now: the deputy once the draft escalated (chatbot.services.reminders).
    also_deciding: tuple[str, ...] = ()

    def may_decide(self, user: str) -> bool:
        """Whether ``user``'s own copy carries the decision buttons (the services re-check)."""
        return bool(user) and (user == self.approver or user in self.also_deciding)

    def facts(self) -> list[tuple[str, dict[str, object]]]:
        """The fact lines as catalogue (key, arguments), in the order every front end shows."""
        lines: list[tuple[str, dict[str, object]]] = [
            ("card.account", {"account": self.account_name}),
            ("card.author", {"author": self.author}),
        ]
        if self.approver:
            lines.append(
                ("card.approver", {"approver": self.approver, "role": self.approver_role or ""})
            )
        if self.waiting_reason:
            lines.append(("card.waiting", {"reason_code": self.waiting_reason}))
        if self.wished_at:
            lines.append(("card.wished_at", {"at": self.wished_at}))
        if self.scheduled_at:
            lines.append(("card.scheduled_at", {"at": self.scheduled_at}))
        if self.media_count:
            lines.append(("card.media", {"count": self.media_count}))
        else:
            lines.append(("card.no_media", {}))
        return lines

    def decision_facts(self) -> list[tuple[str, dict[str, object]]]:
        """The lines under the card (who decided, reason, cited clause, permalink, last error) as
        catalogue (key, arguments), in the order every front end shows."""
        lines: list[tuple[str, dict[str, object]]] = []
        decision = self.last_decision
        if decision is not None:
            lines.append(
                (
                    "card.decided",
                    {
                        "decision": decision.kind,
                        "actor": decision.actor,
                        "role": decision.role,
                        "at": decision.at,
                    },
                )
            )
            if decision.reason:
                lines.append(("card.reason", {"reason": decision.reason}))
            cited = cited_clause(decision.clause, decision.clause_text)
            if cited:
                lines.append(("card.clause", dict(cited)))
        if self.permalink:
            lines.append(("card.permalink", {"permalink": self.permalink}))
        if self.last_error:
            lines.append(("card.error", {**self.error_args, "error": self.last_error}))
        return lines

    def findings_by_severity(self) -> list[tuple[str, list[Finding]]]:
        """Findings grouped block → warn → info, each group in caption order."""
        groups = []
        for severity in SEVERITY_ORDER:
            group = sorted(
                (f for f in self.findings if f.severity == severity),
                key=lambda f: (f.media_index if f.media_index is not None else -1, f.start),
            )
            if group:
                groups.append((severity, group))
        return groups


def build_card(draft: Draft, account: Account) -> DraftCard:
    check = draft.current.check
    requirements = approval_requirements(check)
    approval = draft.last_decision("approve")
    if approval is not None and approval.revision != draft.current.number:
        approval = None
    card = DraftCard(
        draft_id=draft.id,
        account_id=account.id,
        account_name=account.display_name,
        timezone=account.timezone,
        state=draft.state.value,
        revision=draft.current.number,
        author=draft.author,
        caption=draft.current.caption,
        media_count=len(draft.current.media),
        wished_at=draft.wished_at,
        scheduled_at=draft.scheduled_at,
        approver=draft.approver,
        approver_role=draft.approver_role,
        waiting_reason=draft.waiting_reason,
        verdict=check.verdict if check else "",
        pack_name=check.pack_name if check else "",
        pack_version=check.pack_version if check else "",
        findings=check.findings if check else (),
        buttons=(),
        last_decision=draft.last_decision(),
        permalink=draft.permalink,
        last_error=draft.last_error,
        error_args=dict(draft.error_args),
        requirements=requirements,
        override_reason=approval.override_reason if approval else "",
        overridden=approval.overridden if approval else (),
        acknowledged=approval.acknowledged if approval else (),
        approved_while_absent=approval.while_absent if approval else False,
    )
    return replace(card, buttons=actions.buttons(card))
