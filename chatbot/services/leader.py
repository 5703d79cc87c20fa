"""One replica at a time: the scheduler's passes over every account (token health, reminders,
expiry and re-routing on absences) run only in the process that holds the ``scheduler`` lease.

The lease is a row (``LeaseRepository``) taken with a conditional write for
``PublishingConfig.leader_lease`` (60 s by default): its holder renews it every third of that;
the others try again every ``retry_after`` (5 s, or a third of a shorter lease) and take it once
it has lapsed, so a dead leader is replaced within the lease plus that. A leader that
stalls past its lease may briefly overlap with its successor: the passes stay safe to run twice
(the reminder log and version checks decide), the lease only saves the work. Publishing is not
led: every replica claims due posts (with their own leases).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from chatbot.services.context import Deps

__all__ = ["LEASE", "Leadership", "leads", "renew_after", "retry_after", "step_down"]
log = logging.getLogger(__name__)

NAME = "scheduler"
LEASE = timedelta(seconds=60)  # the default of PublishingConfig.leader_lease
RETRY_AFTER = timedelta(seconds=5)


def renew_after(lease: timedelta) -> timedelta:
    """How often the holder renews: a third of the lease (two renewals may fail in a row)."""
    return lease / 3


def retry_after(lease: timedelta) -> timedelta:
    """How often the others try to take it: every 5 s, or a third of a shorter lease."""
    return min(RETRY_AFTER, lease / 3)


class Leadership:
    """This process's view of the ``scheduler`` lease (asks the database only when due)."""

    def __init__(self) -> None:
        self.until: datetime | None = None  # held until then (None: not held)
        self.asked: datetime | None = None  # when the database was last asked

    async def held(self, deps: Deps) -> bool:
        now, lease = deps.clock.now(), deps.publishing.leader_lease
        wait = renew_after(lease) if self.until is not None else retry_after(lease)
        if self.asked is not None and self.asked <= now < self.asked + wait:
            return self.until is not None and now < self.until
        self.asked = now
        until = now + lease
        try:
            async with deps.uow() as uow:
                taken = await uow.leases.take(NAME, deps.publishing.worker_id, now, until)
                await uow.commit()
        except Exception:  # the database is away: lead nothing until it answers again
            log.warning("the scheduler lease could not be taken or renewed", exc_info=True)
            taken = False
        if taken and self.until is None:
            log.info("this process now runs the passes over every account")
        self.until = until if taken else None
        return taken

    async def release(self, deps: Deps) -> None:
        if self.until is None:
            return
        self.until = None
        try:
            async with deps.uow() as uow:
                await uow.leases.release(NAME, deps.publishing.worker_id)
                await uow.commit()
        except Exception:  # it lapses on its own
            log.warning("the scheduler lease could not be given up", exc_info=True)


def leadership(deps: Deps) -> Leadership:
    return deps.kept(Leadership)


async def leads(deps: Deps) -> bool:
    """Whether this process runs the passes over every account now."""
    return await leadership(deps).held(deps)


async def step_down(deps: Deps) -> None:
    """At shutdown: give the lease up, so that another replica takes over at once."""
    found = deps.kept_if_made(Leadership)
    if found is not None:
        await found.release(deps)
