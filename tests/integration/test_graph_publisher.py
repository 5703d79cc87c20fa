"""The Graph publisher against a fake Instagram that fetches every image_url like the real one."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import web
from PIL import Image

from chatbot.adapters.clock import ManualClock
from chatbot.adapters.instagram_graph import GraphPublisher
from chatbot.adapters.media_store import LocalMediaStore, MediaLinks
from chatbot.domain import commands as cmd
from chatbot.domain.errors import NotFound
from chatbot.domain.model import Draft
from chatbot.domain.roles import Account
from chatbot.domain.states import DraftState
from chatbot.i18n import t
from chatbot.ports import ContainerStatus, PublishError, PublishRequest, Recovery, TokenHealth
from chatbot.services.context import CoreConfig, Ports, PublishingConfig
from chatbot.services.publishing import RunReport
from chatbot.services.wiring import Core, build_core, seed_roles
from handlers.media_http import add_media_route
from storage.memory import InMemoryStore
from tests.fake_servers.graph_api import FakeGraph
from tests.fakes import FakeChecker, RecordingNotifier
from tests.fakes.images import image_bytes, photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, OFFICER, SEED, STAFF, jst

S = DraftState
TOKEN = "EAAG-test-token-value-never-logged"
SECRET = b"media-secret-for-tests-0123456789"
ACCOUNTS_IG = {
    key: dataclasses.replace(a, instagram_user_id=f"ig-{key}", token_env=f"TOKEN_{key.upper()}")
    for key, a in ACCOUNTS.items()
}


@dataclass
class Rig:
    graph: FakeGraph
    media: LocalMediaStore
    clock: ManualClock
    publisher: GraphPublisher
    notifier: RecordingNotifier
    core: Core

    async def scheduled(self, caption: str = "展示のお知らせ", images: int = 1) -> Draft:
        media = tuple(photo(f"p{n}.jpg") for n in range(images))
        draft: Draft = await self.core.handle(
            cmd.SubmitDraft(STAFF, ACCOUNT, caption, media=media, wished_at=jst(12, 1, 11))
        )
        approved: Draft = await self.core.handle(cmd.Approve(OFFICER, draft.id))
        return approved

    async def run(self) -> RunReport:
        self.clock.set(max(self.clock.now(), jst(12, 1, 11)))
        report: RunReport = await self.core.handle(cmd.RunDue("shonin"))
        return report

    async def draft(self, draft_id: str) -> Draft:
        async with self.core.deps.uow() as uow:
            return await self.core.deps.load(uow, draft_id)

    def request(self, images: int = 1) -> PublishRequest:
        return PublishRequest("d1", 1, ACCOUNTS_IG[ACCOUNT], "x", ())


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    clock = ManualClock(jst(12, 1, 10))
    graph = FakeGraph({f"ig-{ACCOUNT}": TOKEN, "ig-kokuraminami": "other"}, clock=clock)
    await graph.start()
    media = LocalMediaStore(tmp_path / "media")
    http = web.Application()
    add_media_route(http, media, clock)
    runner = web.AppRunner(http, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    media.links = MediaLinks(SECRET, f"http://127.0.0.1:{port}")

    async def no_wait(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))

    publisher = GraphPublisher(
        graph.base_url,
        {ACCOUNT: TOKEN},
        media,
        clock,
        token_envs={ACCOUNT: "TOKEN_KUMAMOTO"},
        sleep=no_wait,
    )
    notifier = RecordingNotifier("console")
    counter = itertools.count(1)
    ports = Ports(InMemoryStore().unit_of_work, clock, FakeChecker(), media, publisher)
    config = CoreConfig(
        ACCOUNTS_IG,
        new_id=lambda: f"d{next(counter)}",
        publishing=PublishingConfig(poll_delays=(1, 2, 4), sleep=no_wait),
    )
    core = build_core(ports, config, {"console": notifier})
    await seed_roles(core.deps, {ACCOUNT: SEED, "kokuraminami": SEED})
    yield Rig(graph, media, clock, publisher, notifier, core)
    await publisher.close()
    await runner.cleanup()
    await graph.close()


async def test_single_image_is_published_and_instagram_fetched_it(rig: Rig) -> None:
    draft = await rig.scheduled("12月7日に展示を開催します")
    report = await rig.run()
    assert report.published == [draft.id]
    [post] = rig.graph.posts
    assert (post.caption, post.images, post.user) == ("12月7日に展示を開催します", 1, "ig-kumamoto")
    [(url, status, kind)] = rig.graph.fetched
    assert (status, kind) == (200, "image/jpeg") and "/media/" in url
    done = await rig.draft(draft.id)
    assert done.state is S.PUBLISHED
    assert done.permalink == f"https://www.instagram.com/p/{post.id}/"
    assert done.published_media_id == post.id
    # the token travels only in the Authorization header
    assert set(rig.graph.authorization_seen) == {f"Bearer {TOKEN}"}
    assert TOKEN not in url


async def test_calls_reuse_their_connections(rig: Rig) -> None:
    """Kept alive: a post's calls one after another go over one connection, and calls at once
    open no more connections than there are calls at once, used again by the next ones."""
    draft = await rig.scheduled("展示のお知らせ")
    assert (await rig.run()).published == [draft.id]
    assert rig.graph.calls.total() >= 4
    assert len(rig.graph.connections) == 1
    request, [post] = rig.request(), rig.graph.posts
    for _burst in range(3):
        await asyncio.gather(*(rig.publisher.permalink(request, post.id) for _ in range(5)))
    assert sum(rig.graph.connections.values()) == rig.graph.calls.total()
    assert len(rig.graph.connections) <= 5


async def test_carousel_creates_children_then_the_parent(rig: Rig) -> None:
    draft = await rig.scheduled("写真で振り返る展示", images=3)
    assert (await rig.run()).published == [draft.id]
    [post] = rig.graph.posts
    assert post.images == 3
    parent = rig.graph.containers[post.container]
    assert len(parent.children) == 3
    assert all(rig.graph.containers[c].carousel_item for c in parent.children)
    assert len(rig.graph.fetched) == 3


async def test_in_progress_container_is_polled_with_back_off(rig: Rig) -> None:
    rig.graph.in_progress_polls = 2
    draft = await rig.scheduled()
    before = rig.clock.now()
    assert (await rig.run()).published == [draft.id]
    assert rig.graph.calls["status"] == 3
    assert rig.clock.now() - before >= timedelta(seconds=3)  # waited 1 s, then 2 s


async def test_a_container_that_never_finishes_is_retried_later(rig: Rig) -> None:
    rig.graph.in_progress_polls = 99
    draft = await rig.scheduled()
    report = await rig.run()
    assert report.failed == [draft.id]
    waiting = await rig.draft(draft.id)
    assert waiting.state is S.SCHEDULED and waiting.last_error == "publish.error.not_ready"
    assert waiting.container_id  # kept: the next attempt asks about it first
    assert rig.graph.posts == []


async def test_live_post_whose_response_failed_is_recorded_once(rig: Rig) -> None:
    rig.graph.fail_after_live = True
    draft = await rig.scheduled()
    assert (await rig.run()).published == [draft.id]
    assert len(rig.graph.posts) == 1
    assert (await rig.draft(draft.id)).published_media_id == rig.graph.posts[0].id


async def audit_of(rig: Rig, draft_id: str, action: str) -> dict[str, object]:
    async with rig.core.deps.uow() as uow:
        entries = await uow.audit.entries()
    [entry] = [e for e in entries if e.record.draft_id == draft_id and e.record.action == action]
    return entry.record.details


async def test_a_live_post_is_matched_on_its_normalised_caption_and_time(rig: Rig) -> None:
    """The container is PUBLISHED but the response was lost: the live post is found among recent
    media (Instagram drops "@" and may change line ends), not the same caption posted earlier."""
    caption = "展示のお知らせ\r\n@artistspot_kumamoto まで "
    rig.graph.post_by_hand("ig-kumamoto", caption, jst(11, 30, 10))  # the day before: not ours
    rig.graph.listed_caption = lambda text: text.replace("\r\n", "\n").replace("@", "")
    rig.graph.fail_after_live = True
    draft = await rig.scheduled(caption)
    assert (await rig.run()).published == [draft.id]
    ours = rig.graph.posts[-1]
    assert len(rig.graph.posts) == 2 and ours.container  # published once
    done = await rig.draft(draft.id)
    assert done.published_media_id == ours.id and done.permalink.endswith(f"/{ours.id}/")
    assert "note.published" in rig.notifier.thread_keys()


async def test_several_matching_posts_are_left_to_a_person_never_posted_again(rig: Rig) -> None:
    rig.graph.fail_after_live = True
    draft = await rig.scheduled("年末年始の開館時間")
    # someone also posted the same caption by hand, after our container was made
    rig.graph.post_by_hand("ig-kumamoto", "年末年始の開館時間", jst(12, 1, 11))
    assert (await rig.run()).published == [draft.id]
    assert rig.graph.calls["publish"] == 1 and len(rig.graph.posts) == 2
    done = await rig.draft(draft.id)
    assert done.state is S.PUBLISHED and done.published_media_id == "" and done.permalink == ""
    assert "note.published_ambiguous" in rig.notifier.thread_keys()
    assert "note.confirm_unidentified" in [m.key for m in rig.notifier.directs(OFFICER)]
    details = await audit_of(rig, draft.id, "draft.published")
    assert details["unidentified"] == "ambiguous" and len(details["candidates"]) == 2  # type: ignore[arg-type]
    assert "確認" in t("note.published_ambiguous", "ja", confirmer=OFFICER)
    assert "cannot tell" in t("note.published_ambiguous", "en", confirmer=OFFICER)


async def test_a_live_post_not_in_the_list_is_looked_for_again_then_left_to_a_person(
    rig: Rig,
) -> None:
    rig.graph.fail_after_live = True
    rig.graph.hide_new_posts = True  # the media list never shows it (deleted at once, say)
    draft = await rig.scheduled("図書館だより")
    assert (await rig.run()).failed == [draft.id]  # not listed yet: looked for again later
    first = await rig.draft(draft.id)
    assert first.state is S.SCHEDULED and first.last_error == "publish.error.live_not_found"
    assert first.container_id and first.publish_attempt_at is not None  # kept to ask about
    for _ in range(5):  # every later attempt asks about the container, never publishes again
        rig.clock.advance(timedelta(hours=3))
        await rig.run()
        if (await rig.draft(draft.id)).state is S.PUBLISHED:
            break
    done = await rig.draft(draft.id)
    assert done.state is S.PUBLISHED and done.published_media_id == ""
    assert rig.graph.calls["publish"] == 1 and len(rig.graph.posts) == 1
    assert done.attempts == rig.core.deps.max_publish_attempts
    assert "note.published_not_found" in rig.notifier.thread_keys()
    details = await audit_of(rig, draft.id, "draft.published")
    assert details["unidentified"] == "not_found" and details["candidates"] == []


async def test_outside_hours_and_suspension_hold_posts_until_the_officer_overrides(
    rig: Rig,
) -> None:
    """Against the fake Instagram: nothing goes out at 20:00 or while suspended; the officer's
    publish-now with a written reason goes out at once, outside hours, and is audited."""
    draft = await rig.scheduled("避難所開設のお知らせ")
    rig.clock.set(jst(12, 1, 20))  # after the 17:15 close
    report: RunReport = await rig.core.handle(cmd.RunDue("shonin"))
    assert report.held == {draft.id: "outside_hours"} and rig.graph.posts == []
    await rig.core.handle(cmd.Suspend(OFFICER, ACCOUNT, "災害対応のため"))
    await rig.core.handle(cmd.PublishNow(OFFICER, draft.id, "大雨警報による避難所開設"))
    report = await rig.core.handle(cmd.RunDue("shonin"))
    assert report.held == {draft.id: "suspended"} and rig.graph.posts == []  # 運用中止 wins
    await rig.core.handle(cmd.Resume(OFFICER, ACCOUNT))
    report = await rig.core.handle(cmd.RunDue("shonin"))
    assert report.published == [draft.id]
    assert [p.caption for p in rig.graph.posts] == ["避難所開設のお知らせ"]
    details = await audit_of(rig, draft.id, "draft.publish_now")
    assert details["reason"] == "大雨警報による避難所開設" and details["outside_hours"] is True


async def test_an_unfetchable_image_is_reported_with_what_to_do(rig: Rig) -> None:
    rig.media.links = MediaLinks(SECRET, "http://127.0.0.1:9")  # nobody listens there
    draft = await rig.scheduled()
    assert (await rig.run()).failed == [draft.id]
    failed = await rig.draft(draft.id)
    assert failed.last_error == "publish.error.media_unfetchable"
    ja = t("note.publish_failed", "ja", error=failed.last_error, **failed.error_args)
    en = t("note.publish_failed", "en", error=failed.last_error, **failed.error_args)
    assert "public_base_url" in ja and "could not fetch the image" in en


ERRORS = [
    # (step, HTTP status, code, subcode, key, recovery)
    ("create", 400, 9004, 2207052, "publish.error.media_unfetchable", Recovery.RETRY),
    ("create", 400, 36003, 2207009, "publish.error.media_format", Recovery.PERMANENT),
    ("create", 400, -1, 2207026, "publish.error.media_format", Recovery.PERMANENT),
    ("publish", 400, 9, 2207042, "publish.error.limit_reached", Recovery.RETRY),
    ("create", 400, 190, 463, "publish.error.token_invalid", Recovery.PERMANENT),
    ("create", 403, 10, None, "publish.error.permission", Recovery.PERMANENT),
    ("create", 403, 200, None, "publish.error.permission", Recovery.PERMANENT),
    ("create", 400, 4, None, "publish.error.rate_limited", Recovery.RETRY),
    ("create", 400, 17, None, "publish.error.rate_limited", Recovery.RETRY),
    ("create", 400, 32, None, "publish.error.rate_limited", Recovery.RETRY),
    ("create", 400, 613, None, "publish.error.rate_limited", Recovery.RETRY),
    ("create", 503, 2, None, "publish.error.transient", Recovery.RETRY),
    ("publish", 400, -2, 2207020, "publish.error.container_expired", Recovery.NEW_CONTAINER),
]


@pytest.mark.parametrize(("step", "status", "code", "subcode", "key", "recovery"), ERRORS)
async def test_every_mapped_error(
    rig: Rig, step: str, status: int, code: int, subcode: int | None, key: str, recovery: Recovery
) -> None:
    await rig.media.put("a.jpg", image_bytes(), "image/jpeg")
    ref = await rig.media.put("a.jpg", image_bytes(), "image/jpeg")
    request = PublishRequest("d1", 1, ACCOUNTS_IG[ACCOUNT], "x", (ref,))
    rig.graph.fail(step, status, code, subcode)
    with pytest.raises(PublishError) as raised:
        container = await rig.publisher.create_container(request)
        assert await rig.publisher.container_status(request, container) is ContainerStatus.FINISHED
        await rig.publisher.publish_container(request, container)
    error = raised.value
    assert (error.key, error.recovery) == (key, recovery)
    assert TOKEN not in str(error) and TOKEN not in repr(error.params)
    for locale in ("ja", "en"):
        text = t("note.publish_failed", locale, error=error.key, **error.params)
        assert "{" not in text and TOKEN not in text


async def test_every_mapped_error_through_the_scheduler_is_told_and_audited(rig: Rig) -> None:
    rig.graph.fail("create", 400, 190, 463)
    draft = await rig.scheduled()
    assert (await rig.run()).failed == [draft.id]
    failed = await rig.draft(draft.id)
    assert (failed.state, failed.last_error) == (S.FAILED, "publish.error.token_invalid")
    assert failed.error_args["env"] == "TOKEN_KUMAMOTO"
    assert rig.notifier.direct_keys(OFFICER)[-1] == "note.publish_failed"
    async with rig.core.deps.uow() as uow:
        entries = await uow.audit.entries()
    assert TOKEN not in repr([e.record for e in entries])


async def test_the_limit_makes_the_post_wait(rig: Rig) -> None:
    rig.graph.quota_total = 1
    first = await rig.scheduled("一つ目")
    second = await rig.scheduled("二つ目")
    report = await rig.run()
    assert report.published == [first.id]
    assert report.waiting_for_limit == [second.id]
    waiting = await rig.draft(second.id)
    assert waiting.state is S.SCHEDULED
    # the first post leaves the 24-hour window on the next day at 11:00, an opening day
    assert waiting.scheduled_at == jst(12, 2, 11)
    assert "note.publish_waiting_limit" in rig.notifier.thread_keys()


async def test_no_token_is_a_clear_error(rig: Rig) -> None:
    publisher = GraphPublisher(rig.graph.base_url, {}, rig.media, rig.clock)
    ref = await rig.media.put("a.jpg", image_bytes(), "image/jpeg")
    with pytest.raises(PublishError) as raised:
        await publisher.create_container(PublishRequest("d1", 1, ACCOUNTS_IG[ACCOUNT], "x", (ref,)))
    assert raised.value.key == "publish.error.no_token"
    assert raised.value.params["env"] == "TOKEN_KUMAMOTO"
    await publisher.close()


async def test_token_health_reads_the_debug_endpoint(rig: Rig) -> None:
    rig.graph.token_expires_at = jst(12, 20)  # type: ignore[attr-defined]
    health = await rig.publisher.token_health(ACCOUNTS_IG[ACCOUNT])
    assert health is not None and health.valid and health.expires_at == jst(12, 20)
    broken = GraphPublisher(rig.graph.base_url, {ACCOUNT: "revoked"}, rig.media, rig.clock)
    assert (await broken.token_health(ACCOUNTS_IG[ACCOUNT])) is not None
    await broken.close()


async def test_token_health_on_the_instagram_login_host_reads_validity_only(rig: Rig) -> None:
    """graph.instagram.com has no debug_token: validity comes from reading the account, the
    expiry is left to the config (token_expires_at)."""
    login = GraphPublisher(
        rig.graph.base_url, {ACCOUNT: TOKEN}, rig.media, rig.clock, debug_token=False
    )
    assert await login.token_health(ACCOUNTS_IG[ACCOUNT]) == TokenHealth(valid=True)
    revoked = GraphPublisher(
        rig.graph.base_url, {ACCOUNT: "revoked"}, rig.media, rig.clock, debug_token=False
    )
    assert await revoked.token_health(ACCOUNTS_IG[ACCOUNT]) == TokenHealth(valid=False)
    assert rig.graph.calls["debug"] == 0 and rig.graph.calls["user"] == 2
    on_host = GraphPublisher("https://graph.instagram.com/v23.0", {}, rig.media, rig.clock)
    assert on_host.debug_token is False and rig.publisher.debug_token is True
    await login.close()
    await revoked.close()


async def test_media_route_serves_signed_jpeg_without_exif_and_hides_the_rest(rig: Rig) -> None:
    import aiohttp

    tall = image_bytes("PNG", (400, 1000), gps=False)
    ref = await rig.media.put("tall.png", image_bytes("JPEG", (400, 1000), gps=True), "image/jpeg")
    assert rig.media.links is not None
    url = rig.media.public_url(ref.key, rig.clock.now() + timedelta(hours=1))
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            assert response.status == 200 and response.content_type == "image/jpeg"
            body = await response.read()
        with Image.open(io.BytesIO(body)) as served:
            assert served.format == "JPEG"
            assert not served.getexif()
            assert served.width / served.height == pytest.approx(0.8, abs=0.01)
        token = url.rsplit("/", 1)[1]
        bad = [
            url.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB")),
            rig.media.links.url("0" * 64 + ".jpg", rig.clock.now() + timedelta(hours=1)),
            rig.media.public_url(ref.key, rig.clock.now() - timedelta(seconds=1)),
            url.rsplit("/", 1)[0] + "/../etc/passwd",
            url.rsplit("/", 1)[0] + "/" + ref.key,
        ]
        for wrong in bad:
            async with session.get(wrong) as response:
                assert response.status == 404, wrong
                assert ref.key not in await response.text()
    assert tall  # a PNG source is served as JPEG too (converted on upload by the core)


async def test_an_image_asked_for_by_many_at_once_is_converted_once(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instagram fetches a slot's posts together, often the same image: the first request
    makes its copy, the others wait for it instead of each converting it again."""
    import chatbot.adapters.media_store as media_store

    made: list[int] = []
    convert = media_store.instagram_ready

    def counted(data: bytes) -> bytes:
        made.append(len(data))
        return convert(data)

    monkeypatch.setattr(media_store, "instagram_ready", counted)
    ref = await rig.media.put("a.jpg", image_bytes("JPEG", (400, 1000), gps=True), "image/jpeg")
    copies = await asyncio.gather(*(rig.media.instagram_copy(ref.key) for _ in range(20)))
    assert len(made) == 1 and len(set(copies)) == 1
    assert await rig.media.instagram_copy(ref.key) == copies[0] and len(made) == 1  # kept
    with pytest.raises(NotFound):  # a missing image fails every request, as before
        await asyncio.gather(*(rig.media.instagram_copy("0" * 64 + ".jpg") for _ in range(3)))


async def test_account_without_user_id_uses_me(rig: Rig) -> None:
    account = Account(ACCOUNT, "x")
    assert GraphPublisher._user(account) == "me"


async def test_captions_and_urls_with_reserved_characters_reach_instagram_unchanged(
    rig: Rig,
) -> None:
    """Each call's form and query are encoded by the publisher itself: characters that mean
    something in a form or URL (& = + % # ? /, spaces, line ends, emoji) arrive as written."""
    caption = "雨 & 風=強い 100% + #防災 ?/ 🌀\n2行目  a+b=c"
    draft = await rig.scheduled(caption)
    report = await rig.run()
    assert report.published == [draft.id]
    [post] = rig.graph.posts
    assert post.caption == caption
    [(url, status, _kind)] = rig.graph.fetched
    assert status == 200 and "/media/" in url  # the signed image URL survived the form too
    # a GET with a query reaches the same fake (status poll, permalink) and answers as JSON
    assert (await rig.draft(draft.id)).permalink.endswith(f"/p/{post.id}/")


async def test_a_body_that_is_not_json_is_an_error_not_a_crash(rig: Rig) -> None:
    """A proxy's HTML error page (or an empty body) maps to the transient-error outcome."""
    app = web.Application()

    async def html(request: web.Request) -> web.Response:
        return web.Response(status=502, text="<html>Bad gateway</html>", content_type="text/html")

    async def empty(request: web.Request) -> web.Response:
        return web.Response(status=200, body=b"\xff\xfe not utf-8")

    app.router.add_route("*", "/v21.0/bad/{tail:.*}", html)
    app.router.add_route("*", "/v21.0/empty/{tail:.*}", empty)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        for base, expected in (("bad", Recovery.RETRY), ("empty", None)):
            publisher = GraphPublisher(
                f"http://127.0.0.1:{port}/v21.0/{base}", {ACCOUNT: TOKEN}, rig.media, rig.clock
            )
            try:
                if expected is None:  # 200 with an undecodable body: nothing found, no crash
                    status = await publisher.container_status(rig.request(), "123")
                    assert status is ContainerStatus.ERROR
                    continue
                with pytest.raises(PublishError) as raised:
                    await publisher.container_status(rig.request(), "123")
                assert raised.value.recovery is expected
                assert TOKEN not in str(raised.value)
            finally:
                await publisher.close()
    finally:
        await runner.cleanup()
