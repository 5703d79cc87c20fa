"""A publish time chosen after the check: are the caption's announced dates still to come?

The policy check reads the caption's dates against the publish time known when it ran (the
wished time, else the time of posting). Approval, scheduling and a retry may fix another time;
a date the caption announces that is already past at that time (``accuracy.past_date`` then, not
at the check) is told in the thread and recorded with the schedule, so nobody publishes an
invitation to an event that is over without having been told.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import datetime

from chatbot.domain import events as ev
from chatbot.domain.model import Draft
from chatbot.services.context import Deps

log = logging.getLogger(__name__)

PAST_DATE_RULE = "accuracy.past_date"


async def dates_past_at(draft: Draft, deps: Deps, at: datetime) -> tuple[str, ...]:
    """The dates of the caption past at ``at`` that the recorded check did not already report.

    A re-check that fails says nothing (the check that gated the draft stands); it is logged
    without the caption.
    """
    account = deps.account(draft.account_id)
    try:
        result = await asyncio.to_thread(
            functools.partial(deps.checker.check, publish_at=at),
            account.policy_pack,
            draft.current.caption,
            (),
        )
    except Exception as exc:  # a failing re-check must not stop a schedule; the gate stands
        log.warning("date re-check for draft %s failed: %s", draft.id, type(exc).__name__)
        return ()
    check = draft.current.check
    known = check.findings if check is not None else ()
    before = {(f.start, f.end) for f in known if f.rule == PAST_DATE_RULE}
    past = [
        f for f in result.findings if f.rule == PAST_DATE_RULE and (f.start, f.end) not in before
    ]
    return tuple(dict.fromkeys(f.excerpt for f in past))


async def note_dates_past_at(draft: Draft, deps: Deps, actor: str, at: datetime) -> tuple[str, ...]:
    """Tell the thread when dates of the caption are past at the new publish time ``at``."""
    dates = await dates_past_at(draft, deps, at)
    if dates:
        draft.events.append(ev.DatesPastAtSlot(draft.id, actor, at, dates))
    return dates
