"""The gate's pure rules: which findings are Instagram's hard limits, and what approving needs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chatbot.gate import (
    GateRefused,
    approval_requirements,
    enforce,
    hard_limit_findings,
    with_hard_limits,
)
from chatbot.policy.engine import PolicyEngine
from chatbot.policy.types import CheckResult, MediaBlob
from tests.fakes import finding
from tests.fakes.images import image_bytes, jpeg

PHOTO = MediaBlob("a.jpg", jpeg())


def kinds(caption: str, media: list[MediaBlob]) -> set[str]:
    return {f.kind for f in hard_limit_findings(caption, media)}


def test_a_plain_post_breaks_no_limit() -> None:
    assert kinds("12月の展示です #熊本", [PHOTO]) == set()


@pytest.mark.parametrize(
    ("caption", "media", "kind"),
    [
        ("x" * 2201, [PHOTO], "caption_too_long"),
        (" ".join(f"#t{n}x" for n in range(31)), [PHOTO], "too_many_hashtags"),
        (" ".join(f"@u{n}" for n in range(21)), [PHOTO], "too_many_mentions"),
        ("ok", [], "no_media"),
        ("ok", [PHOTO] * 11, "too_many_items"),
        ("ok", [MediaBlob("a.jpg", b"hello")], "unreadable"),
        ("ok", [MediaBlob("a.jpg", b"%PDF-1.7")], "disguised"),
        ("ok", [MediaBlob("a.png", image_bytes("PNG"))], "not_jpeg"),
    ],
)
def test_each_hard_limit(caption: str, media: list[MediaBlob], kind: str) -> None:
    assert kind in kinds(caption, media)


def test_limits_exactly_at_instagram_maximum_pass() -> None:
    caption = " ".join(f"#t{n}x" for n in range(30))
    assert kinds(caption, [PHOTO] * 10) == set()
    assert kinds("x" * 2200, [PHOTO]) == set()


def test_pack_limits_become_binding_even_when_a_pack_calls_them_a_warning() -> None:
    result = PolicyEngine().check("base", "x" * 2300)
    softened = replace(result, findings=tuple(replace(f, severity="warn") for f in result.findings))
    merged = with_hard_limits(softened, hard_limit_findings("x" * 2300, [PHOTO]))
    assert merged.verdict == "block"
    too_long = [f for f in merged.findings if f.kind == "caption_too_long"]
    assert len(too_long) == 1 and too_long[0].severity == "block"  # not reported twice


def test_requirements_split_hard_overridable_and_warns() -> None:
    hard = replace(finding("block", rule="platform.caption_length"), kind="caption_too_long")
    block, warn, info = finding("block"), finding("warn"), finding("info")
    check = CheckResult("block", "p", "1", (hard, block, warn, info))
    req = approval_requirements(check)
    assert (req.hard, req.overridable, req.warns) == ((hard,), (block,), (warn,))
    assert not req.approvable and req.needs_override and req.needs_acknowledgement
    assert not approval_requirements(None).approvable


def test_enforce_order_and_records() -> None:
    block, warn = finding("block", rule="b"), finding("warn", rule="w")
    req = approval_requirements(CheckResult("block", "p", "1", (block, warn)))
    with pytest.raises(GateRefused) as raised:
        enforce(req, "", True)
    assert raised.value.key == "error.gate_override_required"
    with pytest.raises(GateRefused) as raised:
        enforce(req, "理由", False)
    assert raised.value.key == "error.gate_ack_required"
    with pytest.raises(GateRefused):
        enforce(req, "x" * 1001, True)
    reason, overridden, acked = enforce(req, " 理由 ", True)
    assert (reason, overridden, acked) == ("理由", ("b [5(1)]",), ("w [5(1)]",))
    # nothing to override: a reason given anyway is not recorded as an override
    clean = approval_requirements(CheckResult("pass", "p", "1", ()))
    assert enforce(clean, "念のため", False) == ("", (), ())
