"""The audit log's hash chain and its CSV export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chatbot.audit import (
    CSV_COLUMNS,
    GENESIS,
    AuditEntry,
    AuditRecord,
    chain_next,
    entry_hash,
    to_csv,
    verify_chain,
)

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def record(i: int, **changes: object) -> AuditRecord:
    base = AuditRecord(
        at=T0 + timedelta(minutes=i),
        actor="console:officer",
        action="draft.approved",
        account_id="kumamoto",
        draft_id=f"d{i}",
        revision=1,
        revision_hash="ab" * 32,
        pack_version="1.2.0",
        details={"reason": "日付を直してください", "n": i},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for i in range(n):
        entries.append(chain_next(entries[-1] if entries else None, record(i)))
    return entries


def head_of(entries: list[AuditEntry]) -> tuple[int, str]:
    return len(entries), entries[-1].hash


def test_chain_next_links_each_entry_to_the_one_before() -> None:
    entries = chain(3)
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    assert len({e.hash for e in entries}) == 3
    assert entries[0].hash == entry_hash(1, GENESIS, entries[0].record)


def test_intact_chain_verifies() -> None:
    entries = chain(5)
    report = verify_chain(entries, head_of(entries))
    assert report.ok and report.count == 5 and report.problems == ()


def test_empty_chain_verifies_against_an_empty_head() -> None:
    assert verify_chain([], None).ok
    assert verify_chain([], (0, GENESIS)).ok


@pytest.mark.parametrize(
    "change",
    [
        {"actor": "console:deputy"},
        {"action": "draft.declined"},
        {"details": {"reason": "改ざん", "n": 2}},
        {"at": T0 + timedelta(days=1)},
        {"revision_hash": "cd" * 32},
        {"pack_version": "9.9.9"},
        {"revision": 2},
    ],
)
def test_edited_record_is_detected(change: dict[str, object]) -> None:
    entries = chain(4)
    entries[2] = replace(entries[2], record=replace(entries[2].record, **change))  # type: ignore[arg-type]
    report = verify_chain(entries, head_of(entries))
    assert not report.ok
    assert any("seq 3" in p and "content changed" in p for p in report.problems)


def test_deleted_middle_entry_is_detected() -> None:
    entries = chain(5)
    del entries[2]
    report = verify_chain(entries)
    assert not report.ok
    assert any("seq 4" in p for p in report.problems)


def test_reordering_is_detected() -> None:
    entries = chain(4)
    entries[1], entries[2] = entries[2], entries[1]
    report = verify_chain(entries, head_of(chain(4)))
    assert not report.ok
    assert len(report.problems) >= 2


def test_deleted_tail_is_detected_only_through_the_head() -> None:
    full = chain(5)
    truncated = full[:-1]
    assert verify_chain(truncated).ok  # a chain alone cannot see a missing end
    report = verify_chain(truncated, head_of(full))
    assert not report.ok
    assert "deleted or added" in report.problems[-1]


def test_everything_deleted_is_detected_through_the_head() -> None:
    full = chain(3)
    assert not verify_chain([], head_of(full)).ok


def test_appended_entry_without_head_update_is_detected() -> None:
    entries = chain(3)
    head = head_of(entries)
    entries.append(chain_next(entries[-1], record(99)))
    assert not verify_chain(entries, head).ok


def test_edited_hash_is_detected() -> None:
    entries = chain(3)
    entries[1] = replace(entries[1], hash="f" * 64)
    report = verify_chain(entries)
    assert not report.ok
    assert any("seq 2" in p for p in report.problems)
    assert any("seq 3" in p and "previous hash" in p for p in report.problems)


def test_rehashed_forgery_is_caught_by_the_head() -> None:
    # a forger who rewrites one record and recomputes every later hash still misses the head
    entries = chain(3)
    head = head_of(entries)
    forged = [entries[0]]
    forged.append(chain_next(forged[-1], record(1, actor="console:deputy")))
    forged.append(chain_next(forged[-1], entries[2].record))
    assert verify_chain(forged).ok
    assert not verify_chain(forged, head).ok


# --- CSV export ---------------------------------------------------------------------------------


def test_csv_has_bom_header_and_round_trips_japanese() -> None:
    entries = chain(2)
    entries.append(
        chain_next(entries[-1], record(2, revision=None, details={"理由": "誤字、改行\nあり"}))
    )
    data = to_csv(entries)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["seq"] == "1"
    assert first["actor"] == "console:officer"
    assert first["at"] == T0.isoformat()
    assert json.loads(first["details"]) == {"reason": "日付を直してください", "n": 0}
    assert first["hash"] == entries[0].hash and first["prev_hash"] == GENESIS
    last = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert last["revision"] == ""
    assert json.loads(last["details"]) == {"理由": "誤字、改行\nあり"}
    assert "日付を直してください" in data.decode("utf-8-sig")  # not \\u-escaped


def test_csv_of_nothing_is_just_the_header() -> None:
    data = to_csv([])
    assert data == b"\xef\xbb\xbf" + (",".join(CSV_COLUMNS) + "\r\n").encode()


def test_chain_next_clamps_a_clock_that_went_back() -> None:
    first = chain_next(None, record(5))
    second = chain_next(first, record(2))
    assert second.record.at == first.record.at
    assert second.record.details["clock_at"] == record(2).at.isoformat()
    assert verify_chain([first, second], (2, second.hash)).ok


def test_verify_flags_a_timestamp_earlier_than_the_one_before() -> None:
    # A chain written (or rewritten) with time going backwards, hashes made consistent: only the
    # time order can tell.
    first = AuditEntry(1, record(5), GENESIS, entry_hash(1, GENESIS, record(5)))
    second = AuditEntry(2, record(2), first.hash, entry_hash(2, first.hash, record(2)))
    report = verify_chain([first, second], (2, second.hash))
    assert not report.ok
    assert len(report.problems) == 1 and "seq 2" in report.problems[0]
    assert "earlier" in report.problems[0]
