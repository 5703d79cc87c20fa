"""Real `shonin worker` processes against a fake Instagram: for crash tests and the benchmark.

The test (or benchmark) process runs the fake Graph API and the media route on ephemeral loopback
ports, seeds approved posts straight into the database (a fake policy checker keeps that fast),
and starts workers as subprocesses (`python -m handlers.cli worker`) on the same database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from chatbot.adapters.clock import SystemClock
from chatbot.adapters.media_store import LocalMediaStore, MediaLinks
from chatbot.calendar import CalendarSpec
from chatbot.domain import commands as cmd
from chatbot.domain.roles import Account, Roles
from chatbot.domain.states import DraftState
from chatbot.services.context import CoreConfig, Ports
from chatbot.services.wiring import Core, build_core, seed_roles
from handlers.media_http import add_media_route
from storage import tables as t
from storage.database import create_engine, upgrade
from storage.unit_of_work import SqlUnitOfWorkFactory
from tests.fake_servers.graph_api import FakeGraph
from tests.fakes import FakeChecker, FakePublisher
from tests.fakes.images import photo

SECRET = "crash-test-media-secret-0123456789"
OFFICER, STAFF = "console:officer", "console:staff"
REPO = Path(__file__).resolve().parents[2]


def midday_timezone(now: datetime | None = None) -> str:
    """A fixed-offset zone in which it is about noon now: operating hours never get in the way."""
    hour = (now or datetime.now(UTC)).hour
    offset = 12 - hour  # -11 .. 12
    return "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}" if offset < 0 else "")


def account_id(n: int) -> str:
    return f"acct{n:03d}"


def ig_user(n: int) -> str:
    return f"1784{n:06d}"


def token_of(n: int) -> str:
    return f"token-{n:03d}-secret"


@dataclass
class PublishRig:
    """The fake Instagram, the media route and the configuration the workers read."""

    root: Path
    database_url: str
    accounts: int = 1
    latency: float = 0.0
    lease_seconds: float = 2.0
    extra_env: dict[str, str] = field(default_factory=dict)  # more for the workers
    graph: FakeGraph = field(init=False)
    config: Path = field(init=False)
    _media_runner: web.AppRunner | None = None
    workers: list[asyncio.subprocess.Process] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    async def start(self) -> None:
        tokens = {ig_user(n): token_of(n) for n in range(self.accounts)}
        self.graph = FakeGraph(tokens, latency=self.latency)
        await self.graph.start()
        media = LocalMediaStore(self.root / "media")
        http = web.Application()
        add_media_route(http, media, SystemClock())
        self._media_runner = web.AppRunner(http, access_log=None)
        await self._media_runner.setup()
        site = web.TCPSite(self._media_runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        media.links = MediaLinks(SECRET.encode(), f"http://127.0.0.1:{port}")
        self.public = f"http://127.0.0.1:{port}"
        self.config = self.root / "shonin.toml"
        self.config.write_text(self._toml(), encoding="utf-8")

    def _toml(self) -> str:
        zone = midday_timezone()
        lines = [
            "[publishing]",
            'publisher = "instagram"',
            "[server]",
            f'public_base_url = "{self.public}"',
            "[storage]",
            f'media_dir = "{self.root / "media"}"',
            "[instagram]",
            f'graph_api_base = "{self.graph.base_url}"',
        ]
        for n in range(self.accounts):
            lines += [
                "[[accounts]]",
                f'id = "{account_id(n)}"',
                f'instagram_user_id = "{ig_user(n)}"',
                f'token_env = "TOKEN_{n:03d}"',
                'policy_pack = "kumamoto-artistspot"',
                f'timezone = "{zone}"',
                "[accounts.calendar]",
                'kind = "every-day"',
                "national_holidays = false",
                "[accounts.roles]",
                f'officer = "{OFFICER}"',
                f'staff = ["{STAFF}"]',
            ]
        return "\n".join(lines) + "\n"

    def env(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root),
            "DATABASE_URL": self.database_url,
            "SHONIN_MEDIA_SECRET": SECRET,
            "SHONIN_PUBLISH_LEASE_SECONDS": str(self.lease_seconds),
            "SHONIN_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),
        }
        env.update({f"TOKEN_{n:03d}": token_of(n) for n in range(self.accounts)})
        env.update(self.extra_env)
        return env

    async def _core(self, engine: AsyncEngine, accounts: dict[str, Account], prefix: str) -> Core:
        """A core on the rig's database that writes drafts ``<prefix>00001``… with the roles set."""
        ids = iter(range(1, 1_000_000))
        ports = Ports(
            SqlUnitOfWorkFactory(engine),
            SystemClock(),
            FakeChecker(),
            LocalMediaStore(self.root / "media"),
            FakePublisher(),
        )
        core = build_core(
            ports, CoreConfig(accounts, new_id=lambda: f"{prefix}{next(ids):05d}"), {}
        )
        roles = Roles(officer=OFFICER, staff=frozenset({STAFF}))
        await seed_roles(core.deps, {a: roles for a in accounts})
        return core

    async def seed(self, posts: int, *, due: bool = True, images: int = 1) -> list[str]:
        """Approved posts spread over the accounts (due now, or tomorrow until ``make_due``)."""
        engine = create_engine(self.database_url)
        await upgrade(engine)
        zone = midday_timezone()
        accounts = {
            account_id(n): Account(
                account_id(n),
                account_id(n),
                instagram_user_id=ig_user(n),
                calendar=CalendarSpec(
                    timezone=zone, kind="every-day", national_holidays=False, year_end_closure=None
                ),
            )
            for n in range(self.accounts)
        }
        core = await self._core(engine, accounts, "p")
        drafts: list[str] = []
        try:
            for start in range(0, posts, 20):  # a few at once: seeding 1,000 posts stays quick
                chunk = range(start, min(start + 20, posts))
                drafts += await asyncio.gather(
                    *(self._one(core, account_id(n % self.accounts), n, images) for n in chunk)
                )
        finally:
            await engine.dispose()
        if due:
            await self.make_due(drafts)
        return drafts

    async def submit(self, posts: int) -> list[str]:
        """Posts submitted and not approved, wished for tomorrow (``make_expirable`` later)."""
        engine = create_engine(self.database_url)
        await upgrade(engine)
        zone = midday_timezone()
        spec = CalendarSpec(
            timezone=zone, kind="every-day", national_holidays=False, year_end_closure=None
        )
        accounts = {
            account_id(n): Account(account_id(n), account_id(n), calendar=spec)
            for n in range(self.accounts)
        }
        core = await self._core(engine, accounts, "s")
        wished = datetime.now(UTC) + timedelta(days=1)
        drafts = []
        try:
            for n in range(posts):
                draft = await core.handle(
                    cmd.SubmitDraft(
                        STAFF,
                        account_id(n % self.accounts),
                        f"ご意見募集 第{n}号",
                        media=(photo(),),
                        wished_at=wished,
                    )
                )
                drafts.append(str(draft.id))
        finally:
            await engine.dispose()
        return drafts

    async def make_expirable(self, drafts: Sequence[str]) -> None:
        """Their wished time has passed unapproved: the next expiry pass expires them."""
        engine = create_engine(self.database_url)
        try:
            past = datetime.now(UTC) - timedelta(minutes=1)
            async with engine.begin() as connection:  # the query's column and the revision's
                await connection.execute(
                    update(t.drafts).where(t.drafts.c.id.in_(list(drafts))).values(wished_at=past)
                )
                await connection.execute(
                    update(t.revisions)
                    .where(t.revisions.c.draft_id.in_(list(drafts)))
                    .values(wished_at=past)
                )
        finally:
            await engine.dispose()

    async def audited(self, action: str) -> list[str]:
        """The draft id of every audit entry with this action, in the log's order."""
        engine = create_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    select(t.audit_entries.c.draft_id)
                    .where(t.audit_entries.c.action == action)
                    .order_by(t.audit_entries.c.seq)
                )
                return [str(row[0]) for row in rows]
        finally:
            await engine.dispose()

    async def make_due(self, drafts: Sequence[str]) -> datetime:
        """Every post due at one instant (the slot), in one transaction; the slot."""
        engine = create_engine(self.database_url)
        try:
            slot = datetime.now(UTC)
            async with engine.begin() as connection:
                await connection.execute(
                    update(t.drafts)
                    .where(t.drafts.c.id.in_(list(drafts)))
                    .values(scheduled_at=slot)
                )
            return slot
        finally:
            await engine.dispose()

    async def _one(self, core: Core, account: str, n: int, images: int = 1) -> str:
        wished = datetime.now(UTC) + timedelta(days=1)
        media = tuple(photo(f"p{i}.jpg") for i in range(images))
        draft = await core.handle(
            cmd.SubmitDraft(STAFF, account, f"お知らせ 第{n}号", media=media, wished_at=wished)
        )
        approved = await core.handle(cmd.Approve(OFFICER, draft.id, acknowledged=True))
        assert approved.state is DraftState.SCHEDULED, approved.state
        return str(draft.id)

    async def start_worker(self, *extra: str) -> asyncio.subprocess.Process:
        """A `shonin worker` subprocess; its log goes to ``worker-N.log`` (a pipe could fill)."""
        log = self.root / f"worker-{len(self.workers) + 1}.log"
        with log.open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "handlers.cli",
                "--config",
                str(self.config),
                "worker",
                "--interval",
                "0.2",
                *extra,
                env=self.env(),
                cwd=str(self.root),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=sink,
            )
        self.workers.append(process)
        self.logs.append(log)
        return process

    def log_of(self, process: asyncio.subprocess.Process) -> str:
        """The tail of a worker's log (for a failing test's message)."""
        log = self.logs[self.workers.index(process)]
        return log.read_text(encoding="utf-8", errors="replace")[-3000:]

    async def reached(self, step: str, process: asyncio.subprocess.Process, within: float) -> bool:
        """Wait until the held step is reached; False when the worker exited or time ran out."""
        waiter = asyncio.ensure_future(self.graph.reached[step].wait())
        exited = asyncio.ensure_future(process.wait())
        done, _ = await asyncio.wait(
            {waiter, exited}, timeout=within, return_when=asyncio.FIRST_COMPLETED
        )
        for task in (waiter, exited):
            if task not in done:
                task.cancel()
        return waiter in done

    async def states(self, draft_ids: Sequence[str]) -> dict[str, DraftState]:
        engine = create_engine(self.database_url)
        try:
            factory = SqlUnitOfWorkFactory(engine)
            async with factory() as uow:
                found = {}
                for draft_id in draft_ids:
                    draft = await uow.drafts.get(draft_id)
                    assert draft is not None
                    found[draft_id] = draft.state
                return found
        finally:
            await engine.dispose()

    async def wait_published(
        self, draft_ids: Sequence[str], within: float
    ) -> dict[str, DraftState]:
        """Poll (one count query, twice a second) until every post is published or time is up;
        then every post's state."""
        await self.wait_all_published(draft_ids, within)
        return await self.states(draft_ids)

    async def wait_all_published(self, draft_ids: Sequence[str], within: float) -> None:
        """Poll (one count query, twice a second) until every post is published or time is up."""
        deadline = time.monotonic() + within
        engine = create_engine(self.database_url)
        wanted = list(draft_ids)
        query = select(func.count()).where(
            t.drafts.c.id.in_(wanted), t.drafts.c.state == DraftState.PUBLISHED.value
        )
        try:
            while time.monotonic() < deadline:
                async with engine.connect() as connection:
                    if (await connection.execute(query)).scalar_one() == len(wanted):
                        break
                await asyncio.sleep(0.5)
        finally:
            await engine.dispose()

    async def close(self) -> None:
        for process in self.workers:
            if process.returncode is None:
                process.send_signal(signal.SIGKILL)
                await process.wait()
        await self.graph.close()
        if self._media_runner is not None:
            await self._media_runner.cleanup()
