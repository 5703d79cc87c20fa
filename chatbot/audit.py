"""The audit log's hash chain: each entry carries the hash of the one before it.

Editing or deleting any entry breaks the chain; the stored head (count and last hash) catches a
deletion at the end, which a chain alone cannot.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from chatbot.i18n import t

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """What happened: appended by the services, never changed afterwards."""

    at: datetime
    actor: str
    action: str
    account_id: str = ""
    draft_id: str = ""
    revision: int | None = None
    revision_hash: str = ""
    pack_version: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    record: AuditRecord
    prev_hash: str
    hash: str


def canonical(seq: int, prev_hash: str, record: AuditRecord) -> bytes:
    payload = {
        "seq": seq,
        "prev": prev_hash,
        "at": record.at.isoformat(),
        "actor": record.actor,
        "action": record.action,
        "account": record.account_id,
        "draft": record.draft_id,
        "revision": record.revision,
        "revision_hash": record.revision_hash,
        "pack_version": record.pack_version,
        "details": record.details,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()


def entry_hash(seq: int, prev_hash: str, record: AuditRecord) -> str:
    return hashlib.sha256(canonical(seq, prev_hash, record)).hexdigest()


def not_before(record: AuditRecord, previous_at: datetime | None) -> AuditRecord:
    """The record stamped no earlier than the entry before it: the chain's time never goes back.

    A clock that stepped back (NTP, a moved sandbox clock) is clamped to the previous time, and
    the time the clock gave is kept in the details so that nothing is hidden.
    """
    if previous_at is None or record.at >= previous_at:
        return record
    details = {**record.details, "clock_at": record.at.isoformat()}
    return replace(record, at=previous_at.astimezone(record.at.tzinfo), details=details)


def chain_next(previous: AuditEntry | None, record: AuditRecord) -> AuditEntry:
    record = not_before(record, previous.record.at if previous else None)
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    return AuditEntry(seq, record, prev_hash, entry_hash(seq, prev_hash, record))


class AuditProblem(str):
    """One problem `verify` found: the English text as a string, and the key to say it in any
    language (``text(locale)``), so the CLI follows the chosen language."""

    key: str
    args: dict[str, Any]

    def __new__(cls, key: str, **args: Any) -> AuditProblem:
        problem = super().__new__(cls, t(key, "en", **args))
        problem.key = key
        problem.args = dict(args)
        return problem

    def text(self, locale: str) -> str:
        return t(self.key, locale, **self.args)


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    count: int
    problems: tuple[str, ...]


def verify_chain(
    entries: Iterable[AuditEntry], head: tuple[int, str] | None = None
) -> VerifyReport:
    """Recompute every hash in order; report edits, gaps, reordering and a truncated tail."""
    problems: list[str] = []
    expected_seq, prev_hash, count = 1, GENESIS, 0
    previous_at: datetime | None = None
    for entry in entries:
        count += 1
        seq = entry.seq
        if previous_at is not None and entry.record.at < previous_at:
            at, before = entry.record.at.isoformat(), previous_at.isoformat()
            problems.append(
                AuditProblem("audit.problem.time_back", seq=seq, at=at, previous=before)
            )
        previous_at = entry.record.at
        if entry.seq != expected_seq:
            problems.append(AuditProblem("audit.problem.seq", seq=seq, expected=expected_seq))
        if entry.prev_hash != prev_hash:
            problems.append(AuditProblem("audit.problem.prev_hash", seq=seq))
        if entry_hash(entry.seq, entry.prev_hash, entry.record) != entry.hash:
            problems.append(AuditProblem("audit.problem.changed", seq=seq))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    if head is not None:
        head_count, head_hash = head
        if head_count != count or (count and head_hash != prev_hash):
            problems.append(
                AuditProblem(
                    "audit.problem.head",
                    head_count=head_count,
                    head_hash=head_hash[:12],
                    count=count,
                    last_hash=prev_hash[:12],
                )
            )
    return VerifyReport(not problems, count, tuple(problems))


CSV_COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "account",
    "draft",
    "revision",
    "revision_hash",
    "pack_version",
    "details",
    "prev_hash",
    "hash",
)


def to_csv(entries: Iterable[AuditEntry]) -> bytes:
    """UTF-8 with BOM so that Excel opens the Japanese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        r = e.record
        writer.writerow(
            [
                e.seq,
                r.at.isoformat(),
                r.actor,
                r.action,
                r.account_id,
                r.draft_id,
                "" if r.revision is None else r.revision,
                r.revision_hash,
                r.pack_version,
                json.dumps(r.details, ensure_ascii=False, sort_keys=True, default=str),
                e.prev_hash,
                e.hash,
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
