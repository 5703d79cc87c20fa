"""Drafts in given states, built through the domain's own methods (never by setting fields)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from chatbot.domain.model import Draft, MediaRef
from chatbot.policy.types import CheckResult, Finding

T0 = datetime(2025, 4, 7, 0, 30, tzinfo=UTC)  # 09:30 JST, a Monday
AUTHOR = "slack:UAUTHOR"
OFFICER = "slack:UOFFICER"
DEPUTY = "slack:UDEPUTY"


def media(name: str) -> MediaRef:
    data = name.encode()
    return MediaRef(
        key=f"k-{name}",
        filename=f"{name}.jpg",
        content_type="image/jpeg",
        size=len(data) * 1000,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check(verdict: str = "warn") -> CheckResult:
    finding = Finding(
        category="pii",
        rule="phone_number",
        severity="warn",
        clause="熊本市 5(1)",
        start=3,
        end=15,
        excerpt="096-328-2111",
        message_ja="電話番号が含まれています",
        message_en="Contains a phone number",
        suggestion_ja="代表番号以外は載せないでください",
        suggestion_en="Only the main office number may appear",
        clause_text="個人情報",
        media_index=None,
    )
    findings = () if verdict == "pass" else (finding,)
    return CheckResult(verdict, "kumamoto-artistspot", "2025.04", findings)


def submitted(
    draft_id: str = "d1",
    account: str = "artistspot",
    author: str = AUTHOR,
    now: datetime = T0,
    wished_at: datetime | None = None,
) -> Draft:
    return Draft.submit(
        draft_id,
        account,
        author,
        "熊本市アートスポットより、春の展示のお知らせです。 #熊本",
        (media("a"), media("b")),
        wished_at,
        now,
    )


def awaiting(
    draft_id: str = "d1",
    account: str = "artistspot",
    author: str = AUTHOR,
    now: datetime = T0,
    wished_at: datetime | None = None,
) -> Draft:
    draft = submitted(draft_id, account, author, now, wished_at)
    draft.record_check(check(), now)
    draft.route_to(OFFICER, "officer", "", now)
    return draft


def scheduled(draft_id: str, at: datetime, now: datetime = T0) -> Draft:
    draft = awaiting(draft_id, now=now)
    draft.approve(OFFICER, "officer", now, acknowledged=True)
    draft.schedule(OFFICER, at, now)
    return draft


def rich(draft_id: str = "rich") -> Draft:
    """Two revisions, media, check results on both, a change request and an approval."""
    draft = awaiting(draft_id, wished_at=T0 + timedelta(days=3))
    later = T0 + timedelta(hours=1)
    draft.request_changes(OFFICER, "officer", "日付を確認してください", later)
    draft.revise(
        AUTHOR, "訂正：展示は4月12日からです。", (media("c"),), T0 + timedelta(days=4), later
    )
    draft.record_check(check("pass"), later)
    draft.route_to(DEPUTY, "deputy", "", later)
    draft.approve(DEPUTY, "deputy", later + timedelta(minutes=5), delegated=True, acknowledged=True)
    return draft
