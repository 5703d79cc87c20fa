"""Accuracy checks in the workflow, and an internal error that is never a verdict.

A real PolicyEngine behind the core (not the fake checker): a draft submitted with a wished
publish time is checked against that time; a detector that raises leaves the draft visibly
unchecked and unapprovable, and `shonin check` exits 70 with a message in either language.
"""

from __future__ import annotations

import io
import itertools
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatbot.adapters.clock import ManualClock
from chatbot.cards import build_card
from chatbot.domain import commands as cmd
from chatbot.domain.errors import DomainError
from chatbot.domain.model import Draft
from chatbot.domain.states import DraftState
from chatbot.policy import engine as engine_module
from chatbot.policy.detectors.hits import Hit
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.normalize import NormalizedText
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from handlers import cli
from storage.memory import InMemoryStore
from tests.fakes import FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, KNOWN_USERS, OFFICER, SEED, STAFF

JST = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=JST)  # Tuesday


async def _core() -> Core:
    store = InMemoryStore()
    counter = itertools.count(1)
    ports = Ports(
        store.unit_of_work, ManualClock(NOW), PolicyEngine(), InMemoryMediaStore(), FakePublisher()
    )
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}", known_users=KNOWN_USERS)
    core = build_core(ports, config, {"console": RecordingNotifier("console")})
    await seed_roles(core.deps, {ACCOUNT: SEED, "kokuraminami": SEED})
    return core


async def _submit(core: Core, caption: str, wished_at: datetime | None = None) -> Draft:
    draft: Draft = await core.handle(
        cmd.SubmitDraft(STAFF, ACCOUNT, caption, media=(photo(),), wished_at=wished_at)
    )
    async with core.deps.uow() as uow:
        return await core.deps.load(uow, draft.id)


def _accuracy(draft: Draft) -> dict[str, str]:
    assert draft.current.check is not None
    return {
        f.rule: f.message_ja for f in draft.current.check.findings if f.rule.startswith("accuracy.")
    }


async def test_a_wrong_weekday_is_a_warning_naming_the_right_one() -> None:
    draft = await _submit(await _core(), "12月5日(金)に花畑広場でライブを開催します。")
    found = _accuracy(draft)
    assert "土曜日" in found["accuracy.weekday"]
    assert draft.current.check is not None and draft.current.check.verdict == "warn"


async def test_an_event_date_past_at_the_wished_publish_time() -> None:
    core = await _core()
    caption = "12月8日(火)に展示の講評会を開催します。ぜひお越しください。"
    on_time = await _submit(core, caption, wished_at=datetime(2026, 12, 3, 9, 0, tzinfo=JST))
    assert _accuracy(on_time) == {}
    late = await _submit(core, caption, wished_at=datetime(2026, 12, 10, 9, 0, tzinfo=JST))
    assert "2026-12-10" in _accuracy(late)["accuracy.past_date"]


async def test_an_impossible_date_and_an_impossible_phone() -> None:
    draft = await _submit(await _core(), "2月30日締切。お問い合わせは096-12-345まで。")
    found = _accuracy(draft)
    assert "2月30日" in found["accuracy.impossible_date"]
    assert "096-12-345" in found["accuracy.phone"]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("令和8年12月5日(金)開催", "土曜日"),  # era year
        ("2026年12月5日（金曜日）開催", "土曜日"),
        ("十二月五日(金)開催", "土曜日"),  # kanji numerals
        ("12月5日金曜日に開催", "土曜日"),  # weekday without brackets
        ("12月5日(土)～7日(金)開催", "月曜日"),  # the end of a range
        ("1月9日(金)開催", "土曜日"),  # year-less, in December: next January (2027-01-09)
    ],
)
async def test_weekdays_in_every_written_form(caption: str, expected: str) -> None:
    assert expected in _accuracy(await _submit(await _core(), caption))["accuracy.weekday"]


@pytest.mark.parametrize(
    "caption",
    ["令和8年12月5日(土)開催", "12月5日(土)～7日(月)開催", "1月8日(金)開催", "12/5(土)開催"],
)
async def test_a_right_weekday_passes(caption: str) -> None:
    assert _accuracy(await _submit(await _core(), caption)) == {}


async def test_29_february_in_a_year_without_one_is_a_warning_not_a_crash() -> None:
    draft = await _submit(await _core(), "2月29日(月)に発表会を開きます。")
    assert "2027" in _accuracy(draft)["accuracy.impossible_date"]


def _broken_pii(nt: NormalizedText, cfg: object, reference: date | None = None) -> list[Hit]:
    raise RuntimeError("detector crashed: 山田 090-1234-5678")


async def test_a_failing_detector_leaves_the_draft_visibly_unchecked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    core = await _core()
    monkeypatch.setattr(engine_module, "detect_pii", _broken_pii)
    draft = await _submit(core, "12月の展示のお知らせです。")
    assert draft.state is DraftState.SUBMITTED
    assert draft.current.check is None and draft.approver is None
    card = build_card(draft, ACCOUNTS[ACCOUNT])
    assert card.verdict == "" and not card.requirements.approvable
    assert [f.kind for f in card.requirements.hard] == ["not_checked"]
    async with core.deps.uow() as uow:
        entries = await uow.audit.entries(after_seq=0)
    failed = [e.record for e in entries if e.record.action == "draft.check_failed"]
    assert [r.details for r in failed] == [{"error": "RuntimeError"}]  # no caption data logged
    with pytest.raises(DomainError):
        await core.handle(cmd.Approve(OFFICER, draft.id))


@pytest.mark.parametrize(("lang", "words"), [("ja", "未チェック"), ("en", "unchecked")])
def test_shonin_check_exits_70_when_a_detector_fails(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    lang: str,
    words: str,
) -> None:
    caption = tmp_path / "caption.txt"
    caption.write_text("12月の展示のお知らせです。", encoding="utf-8")
    monkeypatch.setattr(engine_module, "detect_pii", _broken_pii)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = cli.main(["check", "--lang", lang, str(caption)])
    out, err = capsys.readouterr()
    assert code == 70
    assert out == ""  # no verdict printed
    assert "RuntimeError" in err and words in err
    assert "090-1234-5678" not in err
