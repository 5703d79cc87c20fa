"""The local outbox follows the resumable protocol: a crash mid-publish leaves one post folder."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from chatbot.adapters import outbox as outbox_module
from chatbot.adapters.clock import ManualClock
from chatbot.adapters.outbox import OutboxPublisher
from chatbot.domain.model import MediaRef
from chatbot.i18n import t
from chatbot.ports import ContainerStatus, LiveSearch, PublishError, PublishRequest, Recovery
from tests.fakes import InMemoryMediaStore
from tests.fakes.images import photo
from tests.unit.services.conftest import ACCOUNT, ACCOUNTS, jst


class Crash(BaseException):
    pass


async def request(media: InMemoryMediaStore) -> PublishRequest:
    upload = photo()
    ref = await media.put(upload.filename, upload.data, upload.content_type)
    return PublishRequest("d1", 1, ACCOUNTS[ACCOUNT], "展示のお知らせ", (ref,))


async def test_publish_steps_write_one_folder(tmp_path: Path) -> None:
    media = InMemoryMediaStore()
    publisher = OutboxPublisher(tmp_path, media, ManualClock(jst(12, 1, 11)))
    req = await request(media)
    container = await publisher.create_container(req)
    assert await publisher.container_status(req, container) is ContainerStatus.FINISHED
    media_id = await publisher.publish_container(req, container)
    assert await publisher.container_status(req, container) is ContainerStatus.PUBLISHED
    assert await publisher.find_published(req, container, jst(12, 1, 11)) == LiveSearch((media_id,))
    post = json.loads((tmp_path / "d1-r1" / "post.json").read_text(encoding="utf-8"))
    assert (post["media_id"], post["caption"], post["media"]) == (
        media_id,
        "展示のお知らせ",
        ["01.jpg"],
    )
    assert (await publisher.permalink(req, media_id)).startswith("file://")


async def test_a_carousel_is_made_item_by_item(tmp_path: Path) -> None:
    media = InMemoryMediaStore()
    publisher = OutboxPublisher(tmp_path, media, ManualClock(jst(12, 1, 11)))
    refs = []
    for n in range(3):
        upload = photo(f"p{n}.jpg")
        refs.append(await media.put(upload.filename, upload.data, upload.content_type))
    req = PublishRequest("d2", 1, ACCOUNTS[ACCOUNT], "写真で振り返る", tuple(refs))
    items = [await publisher.create_carousel_item(req, n) for n in range(3)]
    statuses = [await publisher.container_status(req, i) for i in items]
    assert statuses == [ContainerStatus.FINISHED] * 3
    container = await publisher.create_carousel(req, items)
    await publisher.publish_container(req, container)
    post = json.loads((tmp_path / "d2-r1" / "post.json").read_text(encoding="utf-8"))
    assert post["media"] == ["01.jpg", "02.jpg", "03.jpg"]
    with pytest.raises(PublishError) as raised:  # an item that is gone: make a new container
        await publisher.create_carousel(req, [*items[:2], "oi-missing"])
    assert raised.value.recovery is Recovery.NEW_CONTAINER


async def test_crash_between_post_and_marker_resumes_to_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media = InMemoryMediaStore()
    publisher = OutboxPublisher(tmp_path, media, ManualClock(jst(12, 1, 11)))
    req = await request(media)
    container = await publisher.create_container(req)

    def crash(container: Path, media_id: str) -> None:
        raise Crash

    real_mark = outbox_module._mark
    monkeypatch.setattr(outbox_module, "_mark", crash)
    with pytest.raises(Crash):
        await publisher.publish_container(req, container)
    monkeypatch.setattr(outbox_module, "_mark", real_mark)
    # the successor asks: not marked yet, so it publishes again, which finds the folder
    assert await publisher.container_status(req, container) is ContainerStatus.FINISHED
    media_id = await publisher.publish_container(req, container)
    names = await asyncio.to_thread(lambda: [p.name for p in tmp_path.iterdir()])
    folders = [name for name in names if not name.startswith(".")]
    assert folders == ["d1-r1"]
    assert media_id == "outbox-d1:r1"


async def test_missing_container_calls_for_a_new_one(tmp_path: Path) -> None:
    media = InMemoryMediaStore()
    publisher = OutboxPublisher(tmp_path, media, ManualClock(jst(12, 1, 11)))
    req = await request(media)
    assert await publisher.container_status(req, "oc-gone") is ContainerStatus.EXPIRED
    with pytest.raises(PublishError) as raised:
        await publisher.publish_container(req, "oc-gone")
    assert raised.value.recovery is Recovery.NEW_CONTAINER


async def test_missing_media_is_permanent(tmp_path: Path) -> None:
    publisher = OutboxPublisher(tmp_path, InMemoryMediaStore(), ManualClock(jst(12, 1, 11)))
    ref = MediaRef("f" * 64, "photo.jpg", "image/jpeg", 10, "f" * 64)
    req = PublishRequest("d1", 1, ACCOUNTS[ACCOUNT], "x", (ref,))
    with pytest.raises(PublishError) as raised:
        await publisher.create_container(req)
    assert raised.value.recovery is Recovery.PERMANENT
    assert raised.value.key == "publish.error.media_unavailable"


async def test_unwritable_outbox_is_retryable_and_bilingual(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    media = InMemoryMediaStore()
    publisher = OutboxPublisher(blocker / "outbox", media, ManualClock(jst(12, 1, 11)))
    with pytest.raises(PublishError) as raised:
        await publisher.create_container(await request(media))
    error = raised.value
    assert error.recovery is Recovery.RETRY
    ja = t("note.publish_failed", "ja", error=error.key, **error.params)
    en = t("note.publish_failed", "en", error=error.key, **error.params)
    assert "送信フォルダに書き込めません" in ja and error.params["reason"] in ja
    assert "outbox folder is not writable" in en
    assert str(error).startswith("outbox not writable")
