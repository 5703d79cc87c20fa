"""Editing a draft's message with other images: a new revision with the message's images now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.slack.harness import CHANNEL, STAFF, Slack, running_slack
from tests.fakes.images import jpeg

CLEAN = "12月20日（日）10時から、版画のワークショップを開きます。参加は無料です。"


def _edit(ts: str, files: list[dict[str, Any]], before: list[dict[str, Any]], **kw: Any) -> Any:
    text_now, text_before = kw.get("text", CLEAN), kw.get("before_text", CLEAN)
    return {
        "type": "message",
        "subtype": "message_changed",
        "channel": CHANNEL,
        "hidden": True,
        "ts": f"1765000009.{len(files)}{len(before)}0001",
        "message": {"type": "message", "user": STAFF, "text": text_now, "ts": ts, "files": files},
        "previous_message": {
            "type": "message",
            "user": STAFF,
            "text": text_before,
            "ts": ts,
            "files": before,
        },
    }


async def _revisions(slack: Slack) -> list[list[str]]:
    """Each revision's image file names, oldest first."""
    deps = slack.context.core.deps
    async with deps.uow() as uow:
        [draft] = await uow.drafts.list()
    return [[m.filename for m in r.media] for r in draft.revisions]


async def test_images_added_removed_and_replaced_by_an_edit(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        first = slack.image("first.jpg")
        _, ts = await slack.post_message(STAFF, CLEAN, [first])
        await slack.settle()
        assert await _revisions(slack) == [["first.jpg"]]
        # added
        second = slack.image("second.jpg", data=jpeg((1080, 1350)))
        await slack.event(_edit(ts, [first, second], [first]))
        await slack.settle()
        assert (await _revisions(slack))[-1] == ["first.jpg", "second.jpg"]
        # removed
        await slack.event(_edit(ts, [second], [first, second]))
        await slack.settle()
        assert (await _revisions(slack))[-1] == ["second.jpg"]
        # replaced, with new words too
        third = slack.image("third.jpg")
        changed = CLEAN.replace("無料", "500円")
        await slack.event(_edit(ts, [third], [second], text=changed))
        await slack.settle()
        revisions = await _revisions(slack)
        assert revisions == [
            ["first.jpg"],
            ["first.jpg", "second.jpg"],
            ["second.jpg"],
            ["third.jpg"],
        ]
        downloaded = [name for name, _ in slack.fake.downloads]
        assert downloaded.count("third.jpg") == 1 and "second.jpg" in downloaded
        # each revision's check is posted in the message's thread
        in_thread = [
            c.text() for c in slack.fake.of("chat.postMessage") if c.get("thread_ts") == ts
        ]
        assert any("第4版" in text for text in in_thread)


async def test_the_same_files_and_words_keep_the_revision(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        first = slack.image("first.jpg")
        _, ts = await slack.post_message(STAFF, CLEAN, [first])
        await slack.settle()
        downloads = len(slack.fake.downloads)
        await slack.event(_edit(ts, [first], [first]))
        await slack.settle()
        assert await _revisions(slack) == [["first.jpg"]]
        # new words, same files: a revision that keeps the images without downloading them again
        await slack.event(_edit(ts, [first], [first], text=CLEAN + " 予約不要です。"))
        await slack.settle()
        assert await _revisions(slack) == [["first.jpg"], ["first.jpg"]]
        assert len(slack.fake.downloads) == downloads


async def test_an_edit_with_a_file_that_is_not_an_image_changes_nothing(
    tmp_path: Path, default_database_url: str
) -> None:
    async with running_slack(tmp_path, default_database_url) as slack:
        first = slack.image("first.jpg")
        _, ts = await slack.post_message(STAFF, CLEAN, [first])
        await slack.settle()
        pdf = slack.image("flyer.jpg", data=b"%PDF-1.7 not an image")
        await slack.event(_edit(ts, [first, pdf], [first]))
        await slack.settle()
        assert await _revisions(slack) == [["first.jpg"]]
        [told] = [c.text() for c in slack.fake.of("chat.postEphemeral") if c["user"] == STAFF]
        assert "flyer.jpg" in told
        # removing every image is a revision without images (the check says one is needed)
        await slack.event(_edit(ts, [], [first]))
        await slack.settle()
        assert await _revisions(slack) == [["first.jpg"], []]
