"""The Draft aggregate: revisions, decisions, scheduling, publishing, withdrawal and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chatbot.domain import events as ev
from chatbot.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from chatbot.domain.model import MAX_CAPTION_INPUT, MAX_MEDIA, MAX_REASON, Draft, MediaRef
from chatbot.domain.states import DraftState
from chatbot.policy.types import CheckResult

S = DraftState
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
WISHED = NOW + timedelta(days=3)
AUTHOR, OFFICER, DEPUTY = "console:staff", "console:officer", "console:deputy"
PASS = CheckResult("pass", "base", "1.0.0")


def later(minutes: int = 1) -> datetime:
    return NOW + timedelta(minutes=minutes)


def media(n: int) -> MediaRef:
    return MediaRef(f"k{n}", f"img{n}.jpg", "image/jpeg", 100 + n, f"{n:064x}")


def new_draft(wished: datetime | None = WISHED, caption: str = "12月の展示のお知らせ") -> Draft:
    return Draft.submit("d1", "acct", AUTHOR, caption, (media(1),), wished, NOW)


def awaiting(wished: datetime | None = WISHED) -> Draft:
    draft = new_draft(wished)
    draft.record_check(PASS, later())
    draft.route_to(OFFICER, "officer", "", later())
    draft.events.clear()
    return draft


def approved(wished: datetime | None = WISHED) -> Draft:
    draft = awaiting(wished)
    draft.approve(OFFICER, "officer", later(2))
    draft.events.clear()
    return draft


def published() -> Draft:
    draft = approved()
    draft.schedule(OFFICER, later(60), later(3))
    draft.start_publishing(later(60))
    draft.mark_published("m1", "https://instagram.example/p/1", later(61))
    draft.events.clear()
    return draft


# --- submit -------------------------------------------------------------------------------------


def test_submit_creates_revision_one_and_an_event() -> None:
    draft = new_draft()
    assert draft.state is S.SUBMITTED
    assert [r.number for r in draft.revisions] == [1]
    assert draft.current.caption == "12月の展示のお知らせ"
    assert draft.current.media == (media(1),)
    assert draft.wished_at == WISHED
    assert draft.current.author == AUTHOR
    assert draft.events == [ev.DraftSubmitted("d1", 1, AUTHOR)]


def test_submit_with_images_only_is_allowed() -> None:
    draft = Draft.submit("d1", "acct", AUTHOR, "  ", (media(1),), None, NOW)
    assert draft.current.caption == "  "


@pytest.mark.parametrize(
    ("caption", "images", "key"),
    [
        ("", (), "error.empty_draft"),
        (" \n\t", (), "error.empty_draft"),
        ("x" * (MAX_CAPTION_INPUT + 1), (), "error.caption_too_long_input"),
        ("ok", tuple(media(i) for i in range(MAX_MEDIA + 1)), "error.too_many_media"),
    ],
)
def test_submit_refuses_bad_content(caption: str, images: tuple[MediaRef, ...], key: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Draft.submit("d1", "acct", AUTHOR, caption, images, None, NOW)
    assert raised.value.key == key


def test_submit_accepts_the_limits_themselves() -> None:
    images = tuple(media(i) for i in range(MAX_MEDIA))
    draft = Draft.submit("d1", "acct", AUTHOR, "x" * MAX_CAPTION_INPUT, images, None, NOW)
    assert len(draft.current.media) == MAX_MEDIA


# --- content hash -------------------------------------------------------------------------------


def test_content_hash_changes_with_caption_media_and_wished_time() -> None:
    base = new_draft().current.content_hash
    assert new_draft().current.content_hash == base
    assert new_draft(caption="別の本文").current.content_hash != base
    assert new_draft(wished=WISHED + timedelta(hours=1)).current.content_hash != base
    assert new_draft(wished=None).current.content_hash != base
    other_media = Draft.submit(
        "d1", "acct", AUTHOR, "12月の展示のお知らせ", (media(2),), WISHED, NOW
    )
    assert other_media.current.content_hash != base
    reordered = Draft.submit(
        "d1", "acct", AUTHOR, "12月の展示のお知らせ", (media(2), media(1)), WISHED, NOW
    )
    in_order = Draft.submit(
        "d1", "acct", AUTHOR, "12月の展示のお知らせ", (media(1), media(2)), WISHED, NOW
    )
    assert reordered.current.content_hash != in_order.current.content_hash


def test_content_hash_ignores_who_and_when() -> None:
    a = Draft.submit("d1", "acct", AUTHOR, "本文", (), WISHED, NOW)
    b = Draft.submit("d2", "other", "console:admin", "本文", (), WISHED, NOW + timedelta(days=1))
    assert a.current.content_hash == b.current.content_hash
    assert len(a.current.content_hash) == 64


# --- check and routing --------------------------------------------------------------------------


def test_record_check_keeps_the_result_on_the_revision() -> None:
    draft = new_draft()
    result = CheckResult("warn", "kumamoto-artistspot", "2.1.0")
    draft.record_check(result, later())
    assert draft.state is S.CHECKED
    assert draft.current.check is result
    assert draft.events[-1] == ev.DraftChecked("d1", 1, "warn")


def test_route_to_an_approver() -> None:
    draft = new_draft()
    draft.record_check(PASS, later())
    assert draft.route_to(OFFICER, "officer", "", later()) is True
    assert (draft.state, draft.approver, draft.approver_role) == (
        S.AWAITING_APPROVAL,
        OFFICER,
        "officer",
    )
    assert draft.events[-1] == ev.ApprovalRequested("d1", OFFICER, "officer", None)


def test_route_to_the_same_approver_changes_nothing() -> None:
    draft = awaiting()
    version_time = draft.updated_at
    assert draft.route_to(OFFICER, "officer", "", later(30)) is False
    assert draft.events == []
    assert draft.updated_at == version_time


def test_route_to_another_approver_names_the_previous_one() -> None:
    draft = awaiting()
    assert draft.route_to(DEPUTY, "deputy", "", later(5)) is True
    assert draft.state is S.AWAITING_APPROVAL
    assert draft.approver == DEPUTY
    assert draft.events == [ev.ApprovalRequested("d1", DEPUTY, "deputy", OFFICER)]


def test_route_to_nobody_waits_with_a_reason_and_back_again() -> None:
    draft = awaiting()
    assert draft.route_to(None, None, "both_absent", later(5)) is True
    assert draft.state is S.AWAITING_APPROVER
    assert (draft.approver, draft.approver_role, draft.waiting_reason) == (
        None,
        None,
        "both_absent",
    )
    assert draft.events == [ev.ApproverUnavailable("d1", "both_absent", OFFICER)]
    draft.events.clear()
    assert draft.route_to(None, None, "both_absent", later(6)) is False
    assert draft.events == []
    assert draft.route_to(None, None, "officer_absent_no_deputy", later(7)) is True
    assert draft.waiting_reason == "officer_absent_no_deputy"
    assert draft.state is S.AWAITING_APPROVER
    draft.events.clear()
    assert draft.route_to(OFFICER, "officer", "", later(8)) is True
    assert (draft.state, draft.waiting_reason) == (S.AWAITING_APPROVAL, "")
    assert draft.events == [ev.ApprovalRequested("d1", OFFICER, "officer", None)]


# --- decisions ----------------------------------------------------------------------------------


def test_approve_records_who_when_role_and_revision() -> None:
    draft = awaiting()
    draft.approve(DEPUTY, "deputy", later(9), delegated=True)
    assert draft.state is S.APPROVED
    decision = draft.last_decision()
    assert decision is not None
    assert (decision.kind, decision.actor, decision.role, decision.revision, decision.at) == (
        "approve",
        DEPUTY,
        "deputy",
        1,
        later(9),
    )
    assert decision.delegated is True
    assert draft.events == [ev.Approved("d1", DEPUTY, "deputy", 1)]


@pytest.mark.parametrize("kind", ["approve", "request_changes", "decline"])
def test_nobody_decides_their_own_draft(kind: str) -> None:
    draft = awaiting()
    with pytest.raises(NotPermitted) as raised:
        if kind == "approve":
            draft.approve(AUTHOR, "officer", later())
        elif kind == "request_changes":
            draft.request_changes(AUTHOR, "officer", "理由", later())
        else:
            draft.decline(AUTHOR, "officer", "理由", later())
    assert raised.value.key == "error.own_draft"
    assert draft.state is S.AWAITING_APPROVAL
    assert draft.decisions == []


@pytest.mark.parametrize("method", ["request_changes", "decline"])
@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_sending_back_and_declining_need_a_reason(method: str, reason: str) -> None:
    draft = awaiting()
    with pytest.raises(InvalidInput) as raised:
        getattr(draft, method)(OFFICER, "officer", reason, later())
    assert raised.value.key == "error.reason_required"
    assert draft.state is S.AWAITING_APPROVAL
    assert draft.decisions == []


def test_reason_length_is_bounded() -> None:
    draft = awaiting()
    with pytest.raises(InvalidInput) as raised:
        draft.decline(OFFICER, "officer", "x" * (MAX_REASON + 1), later())
    assert raised.value.key == "error.reason_too_long"
    draft.decline(OFFICER, "officer", "x" * MAX_REASON, later())
    assert draft.state is S.REJECTED


def test_request_changes_strips_and_keeps_the_reason() -> None:
    draft = awaiting()
    draft.request_changes(OFFICER, "officer", "  日付を直してください \n", later())
    assert draft.state is S.CHANGES_REQUESTED
    decision = draft.last_decision("request_changes")
    assert decision is not None and decision.reason == "日付を直してください"
    assert draft.events == [ev.ChangesRequested("d1", OFFICER, "日付を直してください")]


def test_decline_is_final() -> None:
    draft = awaiting()
    draft.decline(OFFICER, "officer", "方針に反する", later())
    assert draft.state is S.REJECTED
    assert draft.events == [ev.Declined("d1", OFFICER, "方針に反する")]
    with pytest.raises(IllegalTransition):
        draft.revise(AUTHOR, "直した", (), WISHED, later(2))


def test_last_decision_filters_by_kind() -> None:
    draft = awaiting()
    draft.request_changes(OFFICER, "officer", "直して", later(1))
    draft.revise(AUTHOR, "直しました", (), WISHED, later(2))
    draft.record_check(PASS, later(2))
    draft.route_to(OFFICER, "officer", "", later(2))
    draft.approve(OFFICER, "officer", later(3))
    approval = draft.last_decision("approve")
    sent_back = draft.last_decision("request_changes")
    assert approval is not None and approval.revision == 2
    assert sent_back is not None and sent_back.revision == 1
    assert draft.last_decision("confirm") is None
    assert draft.last_decision() is approval


# --- revise -------------------------------------------------------------------------------------


def test_revise_after_changes_requested_makes_a_new_revision() -> None:
    draft = awaiting()
    draft.request_changes(OFFICER, "officer", "直して", later(1))
    draft.events.clear()
    draft.revise(AUTHOR, "直しました", (media(2),), None, later(2))
    assert draft.state is S.SUBMITTED
    assert [r.number for r in draft.revisions] == [1, 2]
    assert draft.current.caption == "直しました"
    assert draft.current.media == (media(2),)
    assert draft.current.check is None
    assert draft.revisions[0].caption == "12月の展示のお知らせ"
    assert draft.revisions[0].check == PASS
    assert draft.events == [ev.Revised("d1", 2, AUTHOR, False)]


@pytest.mark.parametrize("scheduled", [False, True])
def test_revise_after_approval_needs_a_new_approval(scheduled: bool) -> None:
    draft = approved()
    if scheduled:
        draft.schedule(OFFICER, later(600), later(3))
        assert draft.scheduled_at is not None
    draft.events.clear()
    draft.revise(AUTHOR, "承認後の修正", (), WISHED, later(4))
    assert draft.state is S.SUBMITTED
    assert draft.scheduled_at is None
    assert draft.events == [ev.Revised("d1", 2, AUTHOR, True)]
    draft.record_check(PASS, later(5))
    draft.route_to(OFFICER, "officer", "", later(5))
    assert draft.state is S.AWAITING_APPROVAL
    # the old approval was for revision 1 and does not carry over
    old = draft.last_decision("approve")
    assert old is not None and old.revision == 1 != draft.current.number
    with pytest.raises(IllegalTransition):
        draft.schedule(OFFICER, later(600), later(6))


def test_only_the_author_revises() -> None:
    draft = awaiting()
    with pytest.raises(NotPermitted) as raised:
        draft.revise(OFFICER, "勝手に修正", (), WISHED, later())
    assert raised.value.key == "error.only_author"
    assert len(draft.revisions) == 1
    assert draft.state is S.AWAITING_APPROVAL


def test_revise_validates_content_before_moving() -> None:
    draft = awaiting()
    with pytest.raises(InvalidInput):
        draft.revise(AUTHOR, "", (), WISHED, later())
    assert draft.state is S.AWAITING_APPROVAL
    assert len(draft.revisions) == 1


# --- scheduling and publishing -------------------------------------------------------------------


def test_schedule_sets_the_time_and_may_move_it() -> None:
    draft = approved()
    draft.schedule(OFFICER, later(120), later(3))
    assert (draft.state, draft.scheduled_at) == (S.SCHEDULED, later(120))
    assert draft.events == [ev.Scheduled("d1", OFFICER, later(120))]
    draft.schedule(OFFICER, later(240), later(4))
    assert draft.scheduled_at == later(240)


def test_schedule_in_the_past_is_refused() -> None:
    draft = approved()
    with pytest.raises(InvalidInput) as raised:
        draft.schedule(OFFICER, later(2), later(3))
    assert raised.value.key == "error.schedule_in_past"
    assert (draft.state, draft.scheduled_at) == (S.APPROVED, None)


def test_schedule_for_right_now_is_not_in_the_past() -> None:
    draft = approved()
    draft.schedule(OFFICER, later(3), later(3))
    assert draft.scheduled_at == later(3)


def test_schedule_before_approval_is_illegal() -> None:
    draft = awaiting()
    with pytest.raises(IllegalTransition):
        draft.schedule(OFFICER, later(600), later())
    assert draft.scheduled_at is None


def test_publishing_success() -> None:
    draft = approved()
    draft.schedule(OFFICER, later(60), later(3))
    draft.start_publishing(later(60))
    assert (draft.state, draft.attempts) == (S.PUBLISHING, 1)
    draft.mark_published("m1", "https://instagram.example/p/1", later(61))
    assert draft.state is S.PUBLISHED
    assert (draft.published_media_id, draft.permalink, draft.published_at) == (
        "m1",
        "https://instagram.example/p/1",
        later(61),
    )
    assert [type(e) for e in draft.events][-3:] == [
        ev.Scheduled,
        ev.PublishingStarted,
        ev.Published,
    ]


def test_publishing_failure_then_retry_counts_attempts_and_clears_error() -> None:
    draft = approved()
    draft.schedule(OFFICER, later(60), later(3))
    draft.start_publishing(later(60))
    draft.mark_failed("x" * 800, later(61))
    assert draft.state is S.FAILED
    assert draft.last_error == "x" * 500
    assert draft.events[-1] == ev.PublishFailed("d1", "x" * 500)
    draft.schedule("shonin", later(70), later(62))
    draft.start_publishing(later(70))
    assert draft.attempts == 2
    draft.mark_published("m2", "https://instagram.example/p/2", later(71))
    assert draft.last_error == ""


def test_confirm_records_a_decision() -> None:
    draft = published()
    draft.confirm(OFFICER, "officer", later(90))
    assert draft.state is S.CONFIRMED
    decision = draft.last_decision()
    assert decision is not None
    assert (decision.kind, decision.actor, decision.revision) == ("confirm", OFFICER, 1)
    assert draft.events == [ev.Confirmed("d1", OFFICER)]


# --- withdraw -----------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [new_draft, awaiting, approved])
def test_author_withdraws_before_publishing(make: object) -> None:
    draft = make()  # type: ignore[operator]
    draft.events.clear()
    draft.withdraw(AUTHOR, later(10))
    assert draft.state is S.WITHDRAWN
    assert draft.events == [ev.Withdrawn("d1", AUTHOR)]


def test_only_the_author_withdraws() -> None:
    draft = awaiting()
    with pytest.raises(NotPermitted) as raised:
        draft.withdraw(OFFICER, later())
    assert raised.value.key == "error.only_author"
    assert draft.state is S.AWAITING_APPROVAL


def test_no_withdrawal_once_published() -> None:
    draft = published()
    with pytest.raises(IllegalTransition):
        draft.withdraw(AUTHOR, later(100))
    assert draft.state is S.PUBLISHED


def test_no_withdrawal_while_publishing() -> None:
    draft = approved()
    draft.schedule(OFFICER, later(60), later(3))
    draft.start_publishing(later(60))
    with pytest.raises(IllegalTransition):
        draft.withdraw(AUTHOR, later(60))


# --- expiry -------------------------------------------------------------------------------------


def test_unapproved_draft_expires_at_its_wished_time() -> None:
    draft = awaiting()
    assert draft.expire_if_due(WISHED - timedelta(seconds=1)) is False
    assert draft.state is S.AWAITING_APPROVAL
    assert draft.expire_if_due(WISHED) is True
    assert draft.state is S.EXPIRED
    assert draft.events == [ev.Expired("d1", WISHED)]
    assert draft.expire_if_due(WISHED + timedelta(days=1)) is False


def test_waiting_for_an_approver_also_expires() -> None:
    draft = awaiting()
    draft.route_to(None, None, "both_absent", later())
    assert draft.expire_if_due(WISHED + timedelta(hours=1)) is True
    assert draft.state is S.EXPIRED


def test_without_wished_time_nothing_expires() -> None:
    draft = awaiting(wished=None)
    assert draft.expire_if_due(NOW + timedelta(days=365)) is False
    assert draft.state is S.AWAITING_APPROVAL


@pytest.mark.parametrize("make", [approved, published])
def test_approved_drafts_never_expire(make: object) -> None:
    draft = make()  # type: ignore[operator]
    state = draft.state
    assert draft.expire_if_due(WISHED + timedelta(days=1)) is False
    assert draft.state is state
    assert draft.events == []


def test_is_waiting() -> None:
    assert awaiting().is_waiting
    assert not approved().is_waiting
    assert not new_draft().is_waiting


def test_officer_and_deputy_are_never_the_same_person() -> None:
    from chatbot.domain.roles import Role, Roles

    roles = Roles(officer="console:a", deputy="console:b")
    promoted = roles.with_role(Role.OFFICER, "console:b")
    assert (promoted.officer, promoted.deputy) == ("console:b", None)
    demoted = roles.with_role(Role.DEPUTY, "console:a")
    assert (demoted.officer, demoted.deputy) == (None, "console:a")
