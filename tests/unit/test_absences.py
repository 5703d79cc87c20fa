"""Absence periods, their merging, and the Roles value object."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chatbot.domain.roles import (
    Absence,
    Role,
    Roles,
    absent_at,
    is_user_id,
    merge_absences,
    platform_of,
)

T0 = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
OFFICER, DEPUTY = "console:officer", "console:deputy"


def h(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def period(
    start: float, end: float, user: str = OFFICER, pid: int | None = None, reason: str = ""
) -> Absence:
    return Absence("acct", user, h(start), h(end), reason=reason, id=pid)


# --- covers / absent_at -------------------------------------------------------------------------


def test_covers_is_half_open() -> None:
    p = period(1, 3)
    assert not p.covers(h(1) - timedelta(microseconds=1))
    assert p.covers(h(1))
    assert p.covers(h(3) - timedelta(microseconds=1))
    assert not p.covers(h(3))


def test_absent_at_finds_the_users_current_period() -> None:
    mine, theirs = period(0, 2, pid=1), period(0, 10, DEPUTY, pid=2)
    assert absent_at([theirs, mine], OFFICER, h(1)) == mine
    assert absent_at([theirs, mine], OFFICER, h(2)) is None
    assert absent_at([theirs, mine], None, h(1)) is None


# --- merge_absences -----------------------------------------------------------------------------


def test_disjoint_periods_stay_apart() -> None:
    old = period(0, 1, pid=1)
    merged, swallowed = merge_absences([old], period(2, 3))
    assert (merged.start, merged.end) == (h(2), h(3))
    assert swallowed == []


def test_overlapping_periods_merge() -> None:
    old = period(0, 4, pid=1, reason="出張")
    merged, swallowed = merge_absences([old], period(2, 6))
    assert (merged.start, merged.end) == (h(0), h(6))
    assert swallowed == [old]
    assert merged.reason == "出張"


def test_new_reason_wins_over_the_old_one() -> None:
    old = period(0, 4, pid=1, reason="出張")
    merged, _ = merge_absences([old], period(2, 6, reason="研修"))
    assert merged.reason == "研修"


def test_touching_periods_merge() -> None:
    old = period(0, 2, pid=1)
    merged, swallowed = merge_absences([old], period(2, 5))
    assert (merged.start, merged.end) == (h(0), h(5))
    assert swallowed == [old]


def test_new_period_inside_an_old_one_keeps_the_old_bounds() -> None:
    old = period(0, 10, pid=1)
    merged, swallowed = merge_absences([old], period(3, 4))
    assert (merged.start, merged.end) == (h(0), h(10))
    assert swallowed == [old]


def test_chain_of_three_merges_through_the_middle() -> None:
    # the new period touches only the first; the first reaches the second only after merging
    first, second, third = period(0, 2, pid=1), period(5, 7, pid=2), period(7, 9, pid=3)
    merged, swallowed = merge_absences([third, second, first], period(2, 5))
    assert (merged.start, merged.end) == (h(0), h(9))
    assert sorted(p.id or 0 for p in swallowed) == [1, 2, 3]


def test_chain_reached_only_after_growing() -> None:
    far, near = period(10, 12, pid=1), period(3, 10, pid=2)
    merged, swallowed = merge_absences([far, near], period(0, 4))
    assert (merged.start, merged.end) == (h(0), h(12))
    assert {p.id for p in swallowed} == {1, 2}


def test_other_users_periods_are_not_merged() -> None:
    deputy = period(0, 10, DEPUTY, pid=1)
    merged, swallowed = merge_absences([deputy], period(2, 3))
    assert (merged.user, merged.start, merged.end) == (OFFICER, h(2), h(3))
    assert swallowed == []


# --- roles --------------------------------------------------------------------------------------

ROLES = Roles(
    officer=OFFICER,
    deputy=DEPUTY,
    admins=frozenset({"console:admin"}),
    staff=frozenset({"console:staff"}),
)


def test_roles_of() -> None:
    assert ROLES.roles_of(OFFICER) == {Role.OFFICER}
    assert ROLES.roles_of("console:admin") == {Role.ADMIN}
    assert ROLES.roles_of("console:nobody") == frozenset()
    both = Roles(officer=OFFICER, admins=frozenset({OFFICER}))
    assert both.roles_of(OFFICER) == {Role.OFFICER, Role.ADMIN}


def test_may_post_and_may_manage() -> None:
    assert ROLES.may_post("console:staff") and ROLES.may_post(OFFICER)
    assert not ROLES.may_post("console:nobody")
    assert Roles(officer=OFFICER).may_post("console:nobody")  # no staff listed: open channel
    assert ROLES.may_manage(OFFICER) and ROLES.may_manage("console:admin")
    assert not ROLES.may_manage(DEPUTY) and not ROLES.may_manage("console:staff")


def test_with_role_replaces_officer_and_adds_to_sets() -> None:
    changed = ROLES.with_role(Role.OFFICER, "console:new")
    assert changed.officer == "console:new" and changed.deputy == DEPUTY
    assert ROLES.with_role(Role.ADMIN, "console:x").admins == {"console:admin", "console:x"}
    assert ROLES.with_role(Role.STAFF, "console:x").staff == {"console:staff", "console:x"}
    assert ROLES.officer == OFFICER  # frozen: the original is untouched


@pytest.mark.parametrize("role", [Role.OFFICER, Role.DEPUTY])
def test_removing_a_single_role_from_someone_else_changes_nothing(role: Role) -> None:
    assert ROLES.without_role(role, "console:staff") == ROLES


def test_without_role() -> None:
    assert ROLES.without_role(Role.OFFICER, OFFICER).officer is None
    assert ROLES.without_role(Role.DEPUTY, DEPUTY).deputy is None
    assert ROLES.without_role(Role.ADMIN, "console:admin").admins == frozenset()
    assert ROLES.without_role(Role.STAFF, "console:staff").staff == frozenset()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("slack:U0123", True),
        ("teams:29:abc", True),
        ("console:officer", True),
        ("officer", False),
        ("slack:", False),
        ("mail:a@b", False),
        ("slack:U\n1", False),
        ("slack:" + "U" * 300, False),
    ],
)
def test_is_user_id(value: str, ok: bool) -> None:
    assert is_user_id(value) is ok


def test_platform_of() -> None:
    assert platform_of("teams:29:abc") == "teams"
    assert platform_of("nobody") == ""
