"""Domain objects to plain rows and back: the one place that knows both shapes.

Rows are dicts keyed by the column names of ``storage.tables``. The in-memory store keeps the
same rows, so both backends share one round trip (UTC datetimes, JSON-shaped values).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from chatbot.audit import AuditEntry, AuditRecord
from chatbot.domain.model import Decision, Draft, MediaRef, Revision
from chatbot.domain.roles import Absence, Roles
from chatbot.domain.states import Action, DraftState, next_state
from chatbot.policy.types import CheckResult
from chatbot.ports import PROGRESS_FIELDS, MessageKind, MessageRef, Suspension

Row = dict[str, Any]

# States a draft can still expire from: those whose wished time matters to the expiry query.
EXPIRABLE_STATES: tuple[DraftState, ...] = tuple(
    s for s in DraftState if next_state(s, Action.EXPIRE) is not None
)


def utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is a bug in the caller."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    return value.astimezone(UTC)


def utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def json_shaped(value: Any) -> Any:
    """What a JSON column gives back: tuples become lists, unknown objects their str()."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


# --- drafts --------------------------------------------------------------------------------


def draft_to_row(draft: Draft) -> Row:
    """The drafts row, without its version (the repository owns the version arithmetic)."""
    return {
        "id": draft.id,
        "account_id": draft.account_id,
        "author": draft.author,
        "state": draft.state.value,
        "created_at": utc(draft.created_at),
        "updated_at": utc(draft.updated_at),
        "approver": draft.approver,
        "approver_role": draft.approver_role,
        "waiting_reason": draft.waiting_reason,
        "scheduled_at": utc_or_none(draft.scheduled_at),
        "published_media_id": draft.published_media_id,
        "permalink": draft.permalink,
        "published_at": utc_or_none(draft.published_at),
        "last_error": draft.last_error,
        "attempts": draft.attempts,
        "wished_at": utc_or_none(draft.wished_at) if draft.revisions else None,
        "container_id": draft.container_id,
        "container_at": utc_or_none(draft.container_at),
        "publish_attempt_at": utc_or_none(draft.publish_attempt_at),
        "lease_owner": draft.lease_owner,
        "lease_until": utc_or_none(draft.lease_until),
        "error_args": draft.error_args or None,
        "carousel_items": list(draft.carousel_items) or None,
        "carousel_items_at": utc_or_none(draft.carousel_items_at),
    }


def progress_to_row(progress: Mapping[str, object]) -> Row:
    """A publish step's progress as drafts columns (``chatbot.ports.PROGRESS_FIELDS``)."""
    unknown = set(progress) - PROGRESS_FIELDS
    if unknown:
        raise ValueError(f"not publish progress: {sorted(unknown)}")
    row: Row = {}
    for name, value in progress.items():
        if name.endswith("_at"):
            if not isinstance(value, datetime | None):
                raise ValueError(f"{name} must be a datetime or None")
            row[name] = utc_or_none(value)
        elif name == "carousel_items":
            if not isinstance(value, list | tuple):
                raise ValueError("carousel_items must be a list")
            row[name] = [str(item) for item in value] or None
        else:
            row[name] = str(value)
    return row


def media_to_json(media: Iterable[MediaRef]) -> list[dict[str, Any]]:
    return [
        {
            "key": m.key,
            "filename": m.filename,
            "content_type": m.content_type,
            "size": m.size,
            "sha256": m.sha256,
        }
        for m in media
    ]


def media_from_json(data: Iterable[Mapping[Any, Any]]) -> tuple[MediaRef, ...]:
    return tuple(
        MediaRef(
            key=str(m["key"]),
            filename=str(m["filename"]),
            content_type=str(m["content_type"]),
            size=int(m["size"]),
            sha256=str(m["sha256"]),
        )
        for m in data
    )


def check_to_json(check: CheckResult | None) -> dict[str, Any] | None:
    return None if check is None else json_shaped(check.to_dict())


def revision_to_row(draft_id: str, revision: Revision) -> Row:
    return {
        "draft_id": draft_id,
        "number": revision.number,
        "caption": revision.caption,
        "media": media_to_json(revision.media),
        "wished_at": utc_or_none(revision.wished_at),
        "author": revision.author,
        "created_at": utc(revision.created_at),
        "check_result": check_to_json(revision.check),
        "content_hash": revision.content_hash,
    }


def revision_from_row(row: Mapping[Any, Any]) -> Revision:
    check = row["check_result"]
    return Revision(
        number=int(row["number"]),
        caption=str(row["caption"]),
        media=media_from_json(row["media"]),
        wished_at=row["wished_at"],
        author=str(row["author"]),
        created_at=row["created_at"],
        check=None if check is None else CheckResult.from_dict(check),
    )


def decision_to_row(draft_id: str, seq: int, decision: Decision) -> Row:
    return {
        "draft_id": draft_id,
        "seq": seq,
        "kind": decision.kind,
        "actor": decision.actor,
        "role": decision.role,
        "revision": decision.revision,
        "at": utc(decision.at),
        "reason": decision.reason,
        "delegated": decision.delegated,
        "gate": _gate_to_json(decision),
    }


def _gate_to_json(decision: Decision) -> dict[str, Any] | None:
    gate: dict[str, Any] = {}
    if decision.overridden or decision.acknowledged or decision.while_absent:
        gate = {
            "override_reason": decision.override_reason,
            "overridden": list(decision.overridden),
            "acknowledged": list(decision.acknowledged),
            "while_absent": decision.while_absent,
        }
    if decision.clause:  # 差し戻し / 却下 citing a clause of the pack
        gate |= {"clause": decision.clause, "clause_text": decision.clause_text}
    return gate or None


def decision_from_row(row: Mapping[Any, Any]) -> Decision:
    gate: dict[str, Any] = row.get("gate") or {}
    return Decision(
        kind=str(row["kind"]),
        actor=str(row["actor"]),
        role=str(row["role"]),
        revision=int(row["revision"]),
        at=row["at"],
        reason=str(row["reason"]),
        delegated=bool(row["delegated"]),
        override_reason=str(gate.get("override_reason", "")),
        overridden=tuple(str(x) for x in gate.get("overridden", ())),
        acknowledged=tuple(str(x) for x in gate.get("acknowledged", ())),
        while_absent=bool(gate.get("while_absent", False)),
        clause=str(gate.get("clause", "")),
        clause_text=str(gate.get("clause_text", "")),
    )


def draft_from_rows(
    row: Mapping[Any, Any],
    revision_rows: Iterable[Mapping[Any, Any]],
    decision_rows: Iterable[Mapping[Any, Any]],
) -> Draft:
    """The aggregate from its rows; children must come ordered by number / seq."""
    return Draft(
        id=str(row["id"]),
        account_id=str(row["account_id"]),
        author=str(row["author"]),
        state=DraftState(row["state"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        revisions=[revision_from_row(r) for r in revision_rows],
        decisions=[decision_from_row(d) for d in decision_rows],
        approver=row["approver"],
        approver_role=row["approver_role"],
        waiting_reason=str(row["waiting_reason"]),
        scheduled_at=row["scheduled_at"],
        published_media_id=str(row["published_media_id"]),
        permalink=str(row["permalink"]),
        published_at=row["published_at"],
        last_error=str(row["last_error"]),
        attempts=int(row["attempts"]),
        version=int(row["version"]),
        container_id=str(row["container_id"]),
        container_at=row["container_at"],
        publish_attempt_at=row["publish_attempt_at"],
        lease_owner=str(row["lease_owner"]),
        lease_until=row["lease_until"],
        error_args={str(k): str(v) for k, v in (row["error_args"] or {}).items()},
        carousel_items=[str(item) for item in row.get("carousel_items") or ()],
        carousel_items_at=row.get("carousel_items_at"),
    )


# --- accounts, absences, cards -------------------------------------------------------------


def roles_to_row(account_id: str, roles: Roles) -> Row:
    return {
        "account_id": account_id,
        "officer": roles.officer,
        "deputy": roles.deputy,
        "admins": sorted(roles.admins),
        "staff": sorted(roles.staff),
    }


def roles_from_row(row: Mapping[Any, Any]) -> Roles:
    return Roles(
        officer=row["officer"],
        deputy=row["deputy"],
        admins=frozenset(str(u) for u in row["admins"]),
        staff=frozenset(str(u) for u in row["staff"]),
    )


def suspension_to_row(account_id: str, suspension: Suspension) -> Row:
    return {
        "account_id": account_id,
        "reason": suspension.reason,
        "suspended_by": suspension.by,
        "at": utc(suspension.at),
    }


def suspension_from_row(row: Mapping[Any, Any]) -> Suspension:
    return Suspension(reason=str(row["reason"]), by=str(row["suspended_by"]), at=row["at"])


def absence_to_row(absence: Absence) -> Row:
    """The row without its id (the database assigns it)."""
    return {
        "account_id": absence.account_id,
        "user_id": absence.user,
        "start_at": utc(absence.start),
        "end_at": utc(absence.end),
        "reason": absence.reason,
        "set_by": absence.set_by,
    }


def absence_from_row(row: Mapping[Any, Any]) -> Absence:
    return Absence(
        account_id=str(row["account_id"]),
        user=str(row["user_id"]),
        start=row["start_at"],
        end=row["end_at"],
        reason=str(row["reason"]),
        set_by=str(row["set_by"]),
        id=int(row["id"]),
    )


def card_to_row(draft_id: str, ref: MessageRef) -> Row:
    return {
        "draft_id": draft_id,
        "platform": ref.platform,
        "channel": ref.channel,
        "message_id": ref.message_id,
        "thread_id": ref.thread_id,
        "kind": MessageKind(ref.kind).value,
        "handle": ref.handle,
    }


def card_from_row(row: Mapping[Any, Any]) -> MessageRef:
    return MessageRef(
        platform=str(row["platform"]),
        channel=str(row["channel"]),
        message_id=str(row["message_id"]),
        thread_id=str(row["thread_id"]),
        kind=MessageKind(str(row["kind"])),
        handle=str(row.get("handle") or ""),
    )


# --- audit ---------------------------------------------------------------------------------


def audit_to_row(entry: AuditEntry) -> Row:
    record = entry.record
    return {
        "seq": entry.seq,
        "at": utc(record.at),
        "at_iso": record.at.isoformat(),
        "actor": record.actor,
        "action": record.action,
        "account_id": record.account_id,
        "draft_id": record.draft_id,
        "revision": record.revision,
        "revision_hash": record.revision_hash,
        "pack_version": record.pack_version,
        "details": json_shaped(record.details),
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def audit_from_row(row: Mapping[Any, Any]) -> AuditEntry:
    revision = row["revision"]
    record = AuditRecord(
        at=datetime.fromisoformat(str(row["at_iso"])),
        actor=str(row["actor"]),
        action=str(row["action"]),
        account_id=str(row["account_id"]),
        draft_id=str(row["draft_id"]),
        revision=None if revision is None else int(revision),
        revision_hash=str(row["revision_hash"]),
        pack_version=str(row["pack_version"]),
        details=dict(row["details"]),
    )
    return AuditEntry(
        seq=int(row["seq"]), record=record, prev_hash=str(row["prev_hash"]), hash=str(row["hash"])
    )
