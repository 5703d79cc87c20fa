"""Slack's markup and button values, read back."""

from __future__ import annotations

import pytest

from chatbot import mentions
from chatbot.domain.errors import InvalidInput
from handlers.slack.commands import slack_style, take_account
from handlers.slack.files import allowed_hosts, check_file
from handlers.slack.intake import _files_changed, is_post, plain_caption
from handlers.slack.interactions import parse_value


def test_plain_caption_undoes_slack_markup() -> None:
    text = "詳しくは <https://example.jp/a?b=1&amp;c=2|example.jp/a> へ &lt;無料&gt; <!channel> <@U1|taro> <#C1|general>"
    assert plain_caption(text) == "詳しくは example.jp/a へ <無料>  @taro #general"
    assert plain_caption("<mailto:a@b.jp|a@b.jp>") == "a@b.jp"


def test_mentions_become_user_ids() -> None:
    line = "absent <@U0OFFICER|officer> 12/7 12/9 <@not a mention>"
    assert (
        mentions.normalise(line, slack_style) == "absent slack:U0OFFICER 12/7 12/9 <@not a mention>"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "x",
        "[]",
        '{"r": 1}',
        '{"d": "", "r": 1}',
        '{"d": "d1", "r": "1"}',
        '{"d": "' + "x" * 65 + '"}',
    ],
)
def test_forged_button_values_are_invalid(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_value(raw)


def test_a_button_value_reads_back() -> None:
    assert parse_value('{"d":"d2345ab","r":3}') == ("d2345ab", 3)


def test_what_counts_as_a_post() -> None:
    base = {"type": "message", "user": "U1", "text": "x", "ts": "1.1"}
    assert is_post(base) and is_post({**base, "subtype": "file_share"})
    assert is_post({**base, "thread_ts": "1.1"})  # a thread's parent is a post
    assert not is_post({**base, "thread_ts": "0.5"})
    assert not is_post({**base, "bot_id": "B1"})
    assert not is_post({**base, "subtype": "channel_join"})
    assert not is_post({k: v for k, v in base.items() if k != "user"})


def test_files_are_checked_before_download() -> None:
    with pytest.raises(InvalidInput):
        check_file({"name": "a.pdf", "mimetype": "application/pdf", "size": 10})
    with pytest.raises(InvalidInput):
        check_file({"name": "a.jpg", "mimetype": "image/jpeg", "size": 31 * 1024 * 1024})
    check_file({"name": "a.jpg", "mimetype": "image/jpeg", "size": 10})
    assert allowed_hosts("https://slack-gov.com/api/") >= {"files.slack.com", "slack-gov.com"}


@pytest.mark.parametrize(
    ("line", "rest", "named"),
    [
        ("queue", "queue", None),
        ("queue --account art", "queue", "art"),
        ("--account=kokura queue", "queue", "kokura"),
        ("absent 12/1 12/3 --account art 出張", "absent 12/1 12/3 出張", "art"),
        ("queue --account", "queue", ""),
        ("check 口座--accountは不要", "check 口座--accountは不要", None),
    ],
)
def test_the_account_option_is_taken_out_of_the_line(
    line: str, rest: str, named: str | None
) -> None:
    assert take_account(line) == (rest, named)


def test_edited_files_compare_by_id_in_order() -> None:
    a, b = {"id": "F1"}, {"id": "F2"}
    assert not _files_changed({"text": "x"}, {"text": "y"})
    assert not _files_changed({"files": [a, b]}, {"files": [a, b]})
    assert _files_changed({"files": [b, a]}, {"files": [a, b]})
    assert _files_changed({"files": []}, {"files": [a]})
    assert _files_changed({"files": [a]}, {})
