"""Instagram's rolling 24-hour publishing limit as this process last read it.

``content_publishing_limit`` is read once per account per ``QUOTA_TTL`` (not once per post);
what was published or put in flight since a reading is counted from the database by the claim
(``chatbot.services.publishing``), so a reading stays usable between two reads.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from chatbot.ports import Quota
from chatbot.services.context import Deps


@dataclass(frozen=True)
class Reading:
    """An account's rolling 24-hour limit as Instagram reported it, and when it was asked."""

    quota: Quota
    at: datetime


# A reading is reused for this long: the posts published or in flight since it was asked are
# counted from the database (``DraftRepository.publishing_load``), so it goes stale only by posts
# made by hand in the Instagram app (and by old posts leaving the window, which errs safe).
QUOTA_TTL = timedelta(seconds=60)
QUOTA_NEAR = 10  # with this few posts left it is asked again at every claim


class QuotaBook:
    """One process's readings of ``content_publishing_limit``: asked once per account per
    ``QUOTA_TTL`` (not once per post), and at every claim when the account is near its limit."""

    def __init__(self) -> None:
        self._readings: dict[str, Reading] = {}

    async def readings(
        self, deps: Deps, account_ids: set[str], now: datetime
    ) -> dict[str, Reading]:
        """The readings of these accounts, asking Instagram for the stale ones (absent: none
        known, e.g. the call failed; Instagram enforces the limit anyway)."""
        stale = sorted(a for a in account_ids if a in deps.accounts and self._stale(a, now))

        async def one(account_id: str) -> None:
            asked = deps.clock.now()  # posts settled after this are counted on top of it
            try:
                quota = await deps.publisher.quota(deps.account(account_id))
            except Exception:  # the limit check must not stop publishing
                quota = None
            if quota is None:
                self._readings.pop(account_id, None)
            else:
                self._readings[account_id] = Reading(quota, asked)

        await asyncio.gather(*(one(a) for a in stale))
        return {a: self._readings[a] for a in account_ids if a in self._readings}

    def forget(self, account_id: str) -> None:
        """Ask again next time (e.g. Instagram said the limit was reached)."""
        self._readings.pop(account_id, None)

    def _stale(self, account_id: str, now: datetime) -> bool:
        found = self._readings.get(account_id)
        return (
            found is None
            or now - found.at >= QUOTA_TTL
            or found.at > now  # the clock went back (tests)
            or found.quota.remaining <= QUOTA_NEAR
        )


def quota_book(deps: Deps) -> QuotaBook:
    """The process's quota readings (made on first use)."""
    return deps.kept(QuotaBook)
