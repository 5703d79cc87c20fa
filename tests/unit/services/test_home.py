"""The App Home view on every storage backend: what waits for me, my drafts, schedule, absences."""

from __future__ import annotations

import itertools
from datetime import timedelta

from chatbot.adapters.clock import ManualClock
from chatbot.domain import commands as cmd
from chatbot.domain.states import DraftState
from chatbot.i18n import t
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.home import HomeView, home_texts, home_view
from chatbot.services.slash import run_slash
from chatbot.services.wiring import Core, build_core, seed_roles
from tests.conftest import Backend
from tests.fakes import FakeChecker, FakePublisher, InMemoryMediaStore, RecordingNotifier
from tests.fakes.images import photo
from tests.unit.services.conftest import (
    ACCOUNT,
    ACCOUNTS,
    ADMIN,
    DEPUTY,
    OFFICER,
    SEED,
    STAFF,
    START,
    jst,
)

S = DraftState


async def core_on(backend: Backend) -> tuple[Core, ManualClock]:
    clock = ManualClock(START)
    counter = itertools.count(1)
    ports = Ports(backend.make_uow, clock, FakeChecker(), InMemoryMediaStore(), FakePublisher())
    config = CoreConfig(ACCOUNTS, new_id=lambda: f"d{next(counter)}")
    core = build_core(ports, config, {"console": RecordingNotifier("console")})
    await seed_roles(core.deps, {ACCOUNT: SEED})
    return core, clock


async def submit(core: Core, actor: str = STAFF, **kw: object) -> str:
    command = cmd.SubmitDraft(actor, ACCOUNT, "12月の展示のお知らせです", (photo(),), **kw)  # type: ignore[arg-type]
    draft = await core.handle(command)
    return str(draft.id)


def ids(items: object) -> list[str]:
    return [d.draft_id for d in items]  # type: ignore[attr-defined]


async def test_home_on_every_backend(db_backend: Backend) -> None:
    core, clock = await core_on(db_backend)
    waiting = await submit(core, wished_at=jst(12, 3, 10))
    soon = await submit(core, wished_at=jst(12, 4, 11))
    await core.handle(cmd.Approve(OFFICER, soon))
    later = await submit(core, wished_at=jst(12, 28, 11))  # beyond the 14-day horizon
    await core.handle(cmd.Approve(OFFICER, later))
    sent_back = await submit(core)
    await core.handle(cmd.RequestChanges(OFFICER, sent_back, "写真を差し替えてください"))
    by_officer = await submit(core, actor=OFFICER)  # routed to the deputy
    await core.handle(cmd.SetAbsence(DEPUTY, ACCOUNT, DEPUTY, jst(12, 7, 0), jst(12, 9, 0), "研修"))
    await core.handle(cmd.Suspend(OFFICER, ACCOUNT, "アカウント確認中"))

    officer = await home_view(core.deps, OFFICER)
    assert ids(officer.waiting) == [waiting]
    assert officer.waiting[0].role == "officer"
    assert [s.reason for s in officer.suspensions] == ["アカウント確認中"]
    [account] = officer.accounts
    assert account.roles == ("officer",) and ids(account.scheduled) == [soon]
    assert account.scheduled[0].scheduled_at == jst(12, 4, 11)
    assert [(a.user, a.current) for a in officer.absences] == [(DEPUTY, False)]
    assert ids(officer.mine) == [by_officer]

    deputy = await home_view(core.deps, DEPUTY)
    assert ids(deputy.waiting) == [by_officer] and deputy.waiting[0].role == "deputy"

    staff = await home_view(core.deps, STAFF)
    assert staff.waiting == ()
    states = {d.draft_id: d.state for d in staff.mine}
    assert states == {
        waiting: S.AWAITING_APPROVAL,
        soon: S.SCHEDULED,
        later: S.SCHEDULED,
        sent_back: S.CHANGES_REQUESTED,
    }

    # the deputy's absence begins: the officer's own draft now waits for nobody
    clock.set(jst(12, 7, 9))
    deputy = await home_view(core.deps, DEPUTY)
    assert deputy.waiting == () and [(a.user, a.current) for a in deputy.absences] == [
        (DEPUTY, True)
    ]


async def test_absent_officer_sees_nothing_waiting_and_the_deputy_does(db_backend: Backend) -> None:
    core, clock = await core_on(db_backend)
    draft = await submit(core)
    await core.handle(cmd.SetAbsence(OFFICER, ACCOUNT, OFFICER, START, START + timedelta(days=1)))
    assert (await home_view(core.deps, OFFICER)).waiting == ()
    assert ids((await home_view(core.deps, DEPUTY)).waiting) == [draft]
    clock.advance(timedelta(days=1))  # back: it waits for the officer again
    assert ids((await home_view(core.deps, OFFICER)).waiting) == [draft]
    assert (await home_view(core.deps, DEPUTY)).waiting == ()


async def test_finished_drafts_leave_my_list_after_two_weeks(db_backend: Backend) -> None:
    core, clock = await core_on(db_backend)
    draft = await submit(core)
    await core.handle(cmd.Withdraw(STAFF, draft))
    assert [d.state for d in (await home_view(core.deps, STAFF)).mine] == [S.WITHDRAWN]
    clock.advance(timedelta(days=15))
    assert (await home_view(core.deps, STAFF)).mine == ()


async def test_a_stranger_sees_an_empty_home(db_backend: Backend) -> None:
    core, _ = await core_on(db_backend)
    await submit(core)
    view = await home_view(core.deps, "console:visitor")
    assert view.is_empty and view.accounts == () and view.absences == ()
    assert [x.key for x in home_texts(view)][-1] == "home.nothing"


async def test_admin_sees_schedule_and_banner_but_decides_nothing(db_backend: Backend) -> None:
    core, _ = await core_on(db_backend)
    await submit(core)
    await core.handle(cmd.Suspend(OFFICER, ACCOUNT, "点検"))
    view = await home_view(core.deps, ADMIN)
    assert view.waiting == () and [a.roles for a in view.accounts] == [("admin",)]
    assert len(view.suspensions) == 1 and not view.is_empty


async def test_view_is_frozen(db_backend: Backend) -> None:
    core, _ = await core_on(db_backend)
    view = await home_view(core.deps, OFFICER)
    assert isinstance(view, HomeView)
    try:
        view.waiting = ()  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("HomeView must be frozen")


async def test_slash_home_renders_in_both_languages(db_backend: Backend) -> None:
    core, _ = await core_on(db_backend)
    draft = await submit(core, wished_at=jst(12, 3, 10))
    for line in ("home", "ホーム", "HOME"):
        reply = await run_slash(core, OFFICER, ACCOUNT, line)
        keys = [x.key for x in reply.texts]
        assert keys[:3] == ["home.title", "home.waiting_header", "home.waiting_line"], line
    ja = "\n".join(t(x.key, "ja", **x.args) for x in reply.texts)
    en = "\n".join(t(x.key, "en", **x.args) for x in reply.texts)
    assert f"・{draft} [kumamoto] 2026年12月3日(木) 10:00" in ja and "運用責任者として" in ja
    assert f"- {draft} [kumamoto]" in en and "as officer" in en and "Home (console:officer)" in en
