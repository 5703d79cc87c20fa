"""Routing: who decides a draft now, and in which capacity a person may decide it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chatbot.domain.errors import NotPermitted
from chatbot.domain.roles import Absence, Account, Roles
from chatbot.i18n import has
from chatbot.routing import Authority, Route, acting_approver, decision_authority

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
OFFICER, DEPUTY, STAFF = "slack:UOFF", "slack:UDEP", "slack:USTAFF"
ADMIN, STRANGER = "slack:UADM", "slack:UWHO"
ROLES = Roles(officer=OFFICER, deputy=DEPUTY, admins=frozenset({ADMIN}), staff=frozenset({STAFF}))
ACCOUNT = Account("acct", "テスト")
LENIENT = Account("acct", "テスト", deputy_may_approve_when_officer_present=True)


def away(user: str, start: datetime = NOW - timedelta(hours=1), hours: int = 24) -> Absence:
    return Absence("acct", user, start, start + timedelta(hours=hours))


# --- acting_approver ----------------------------------------------------------------------------


def test_officer_present_decides() -> None:
    assert acting_approver(ROLES, [], STAFF, NOW) == Route(OFFICER, "officer")


def test_officer_absent_deputy_decides() -> None:
    assert acting_approver(ROLES, [away(OFFICER)], STAFF, NOW) == Route(DEPUTY, "deputy")


def test_officer_wrote_it_deputy_decides() -> None:
    assert acting_approver(ROLES, [], OFFICER, NOW) == Route(DEPUTY, "deputy")


def test_deputy_wrote_it_officer_present_decides() -> None:
    assert acting_approver(ROLES, [], DEPUTY, NOW) == Route(OFFICER, "officer")


def test_deputy_absent_does_not_matter_while_officer_present() -> None:
    assert acting_approver(ROLES, [away(DEPUTY)], STAFF, NOW) == Route(OFFICER, "officer")


@pytest.mark.parametrize(
    ("roles", "absent", "author", "reason"),
    [
        (ROLES, [OFFICER], DEPUTY, "officer_absent_deputy_is_author"),
        (ROLES, [OFFICER, DEPUTY], STAFF, "both_absent"),
        (ROLES, [DEPUTY], OFFICER, "author_is_officer_deputy_absent"),
        (Roles(), [], STAFF, "no_approvers"),
        (Roles(officer=OFFICER), [], OFFICER, "author_is_officer_no_deputy"),
        (Roles(officer=OFFICER), [OFFICER], STAFF, "officer_absent_no_deputy"),
        (Roles(deputy=DEPUTY), [], DEPUTY, "no_officer_deputy_is_author"),
        (Roles(deputy=DEPUTY), [DEPUTY], STAFF, "no_officer_deputy_absent"),
    ],
)
def test_nobody_eligible_says_why(
    roles: Roles, absent: list[str], author: str, reason: str
) -> None:
    route = acting_approver(roles, [away(u) for u in absent], author, NOW)
    assert route == Route(None, None, reason)
    assert has(f"reason.{reason}")


def test_deputy_alone_decides_when_no_officer_is_set() -> None:
    assert acting_approver(Roles(deputy=DEPUTY), [], STAFF, NOW) == Route(DEPUTY, "deputy")


def test_absence_is_half_open() -> None:
    period = Absence("acct", OFFICER, NOW, NOW + timedelta(hours=2))
    before, end = NOW - timedelta(microseconds=1), NOW + timedelta(hours=2)
    assert acting_approver(ROLES, [period], STAFF, before).approver == OFFICER
    assert acting_approver(ROLES, [period], STAFF, NOW).approver == DEPUTY
    assert acting_approver(ROLES, [period], STAFF, end - timedelta(seconds=1)).approver == DEPUTY
    assert acting_approver(ROLES, [period], STAFF, end).approver == OFFICER


def test_another_users_absence_is_ignored() -> None:
    assert acting_approver(ROLES, [away(STRANGER)], STAFF, NOW).approver == OFFICER


def test_future_absence_does_not_count_yet() -> None:
    later = away(OFFICER, start=NOW + timedelta(days=1))
    assert acting_approver(ROLES, [later], STAFF, NOW).approver == OFFICER
    assert acting_approver(ROLES, [later], STAFF, NOW + timedelta(days=1)).approver == DEPUTY


# --- decision_authority -------------------------------------------------------------------------


def test_officer_decides_in_own_right() -> None:
    assert decision_authority(ACCOUNT, ROLES, [], STAFF, OFFICER, NOW) == Authority(
        "officer", False
    )


def test_deputy_refused_while_officer_present() -> None:
    with pytest.raises(NotPermitted) as raised:
        decision_authority(ACCOUNT, ROLES, [], STAFF, DEPUTY, NOW)
    assert raised.value.key == "error.deputy_while_officer_present"


def test_deputy_allowed_while_officer_present_when_the_account_says_so() -> None:
    assert decision_authority(LENIENT, ROLES, [], STAFF, DEPUTY, NOW) == Authority("deputy", False)


def test_deputy_decides_on_delegation_while_officer_absent() -> None:
    who = decision_authority(ACCOUNT, ROLES, [away(OFFICER)], STAFF, DEPUTY, NOW)
    assert who == Authority("deputy", True)


def test_deputy_decides_the_officers_own_draft() -> None:
    who = decision_authority(ACCOUNT, ROLES, [], OFFICER, DEPUTY, NOW)
    assert who.role == "deputy"


@pytest.mark.parametrize("actor", [STRANGER, ADMIN, STAFF])
def test_others_are_refused(actor: str) -> None:
    author = "slack:UOTHER"
    with pytest.raises(NotPermitted) as raised:
        decision_authority(ACCOUNT, ROLES, [], author, actor, NOW)
    assert raised.value.key == "error.only_approver"


@pytest.mark.parametrize("actor", [OFFICER, DEPUTY])
def test_author_is_refused_even_as_approver(actor: str) -> None:
    with pytest.raises(NotPermitted) as raised:
        decision_authority(LENIENT, ROLES, [away(OFFICER)], actor, actor, NOW)
    assert raised.value.key == "error.own_draft"


def test_deputy_decides_an_escalated_draft_while_the_officer_is_present() -> None:
    who = decision_authority(ACCOUNT, ROLES, [], STAFF, DEPUTY, NOW, escalated=True)
    assert who == Authority("deputy", True)
    for actor in (ADMIN, STAFF, STRANGER):  # escalation opens the door for the deputy only
        with pytest.raises(NotPermitted):
            decision_authority(ACCOUNT, ROLES, [], "slack:UOTHER", actor, NOW, escalated=True)
    with pytest.raises(NotPermitted):  # never one's own draft
        decision_authority(ACCOUNT, ROLES, [], DEPUTY, DEPUTY, NOW, escalated=True)
