"""The resumable publish of one claimed post: each step's result is committed before the next.

A post is resumed from what was committed, never by publishing blindly again:

- a media id recorded: the post is live; read its permalink and settle;
- no container: create one (a crash before its id is committed leaves an unpublished container
  that Instagram lets expire: harmless). A carousel's item containers are made and committed one
  by one, so a crash mid-carousel resumes with the items already made (if still FINISHED and
  younger than a container's 24 hours) instead of making them all again;
- a container: ask its status. PUBLISHED: the post went live (e.g. the worker died after
  ``media_publish``, before the commit): find its media id. FINISHED: publish it (recording the
  attempt first). ERROR / EXPIRED: a new container. IN_PROGRESS: poll with a bounded back-off.

Instagram documents no link from a container to the post made from it, so a PUBLISHED container's
media id is searched among the account's recent posts (``InstagramPublisher.find_published``).
Only a unique match is recorded. Several matches, or none after every attempt (lists may lag, so
none is looked for again first), settle the post as live *unidentified*: never published again,
the thread says so and the officer is asked to check the account and confirm.

Every commit re-checks that this worker still holds the lease and extends it; a worker that lost
its lease (it stalled past the lease and another took over) stops without touching the post.

A worker publishes many posts at once (the network waits dominate), and their step commits are
grouped (``StepCommits``): whatever step waits while one transaction runs goes into the next, so
many posts share one commit and one audit append (the audit chain's head is the one lock every
replica shares).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import cast

from chatbot.domain.errors import ConcurrentUpdate
from chatbot.domain.model import Draft
from chatbot.ports import (
    ContainerStatus,
    PublishError,
    PublishRequest,
    Recovery,
    Transactions,
    UnitOfWork,
)
from chatbot.scheduling.planner import retry_at
from chatbot.services.context import Deps, audit
from chatbot.services.dates_at_slot import note_dates_past_at
from chatbot.services.publish_quota import quota_book

SYSTEM = "shonin"
MAX_CONTAINERS = 3  # per attempt: a container that keeps failing is the media's fault
# Containers expire 24 hours after they are made; carousel items older than this are made again.
ITEM_LIFETIME = timedelta(hours=23)


class Outcome(StrEnum):
    PUBLISHED = "published"
    FAILED = "failed"  # failed this attempt (a retry may be scheduled)
    LOST = "lost"  # the lease is no longer ours: another worker has the post


class LeaseLost(Exception):
    pass


@dataclass
class _Post:
    """This worker's view of one post between two committed steps."""

    draft_id: str
    owner: str
    request: PublishRequest
    container_id: str
    container_at: datetime | None
    media_id: str
    lease_until: datetime
    attempts: int = 1
    items: tuple[str, ...] = ()  # carousel item containers committed so far
    items_at: datetime | None = None
    containers: int = 0
    attempted_at: datetime | None = None  # when media_publish was called by this worker
    commits: StepCommits | None = field(default=None, repr=False)
    # The aggregate as this worker last wrote it (claim, then each committed step), so that the
    # settle need not load it again; the version check still proves nobody else changed it.
    draft: Draft | None = field(default=None, repr=False)


def override_given(draft: Draft) -> bool:
    """The officer ordered this revision out at once, outside operating hours, with a reason."""
    decision = draft.last_decision("publish_now")
    return decision is not None and decision.revision == draft.current.number


def request_of(draft: Draft, deps: Deps) -> PublishRequest:
    revision = draft.current
    account = deps.account(draft.account_id)
    return PublishRequest(draft.id, revision.number, account, revision.caption, revision.media)


async def advance(draft_id: str, tx: Transactions, deps: Deps) -> Outcome:
    """Run the remaining steps of a post this worker holds the lease on (loaded afresh)."""
    post = await tx.run(lambda uow: _load(uow, deps, draft_id))
    if post is None:
        return Outcome.LOST
    return await advance_post(post, tx, deps, StepCommits(tx, deps))


async def advance_post(post: _Post, tx: Transactions, deps: Deps, commits: StepCommits) -> Outcome:
    """Run the post's remaining steps, committing through ``commits``; this attempt's outcome."""
    post.commits = commits
    try:
        return await _steps(post, tx, deps)
    except LeaseLost:
        return Outcome.LOST
    except PublishError as error:
        return await _fail(post, error, tx, deps)


async def _load(uow: UnitOfWork, deps: Deps, draft_id: str) -> _Post | None:
    draft = await deps.load(uow, draft_id)
    if not draft.holds_lease(deps.publishing.worker_id, deps.clock.now()):
        return None
    return post_of(draft, deps)


def post_of(draft: Draft, deps: Deps) -> _Post:
    """This worker's view of a post it has just taken the lease on."""
    owner = deps.publishing.worker_id
    assert draft.lease_until is not None and draft.lease_owner == owner
    return _Post(
        draft.id,
        owner,
        request_of(draft, deps),
        draft.container_id,
        draft.container_at,
        draft.published_media_id,
        draft.lease_until,
        draft.attempts,
        tuple(draft.carousel_items),
        draft.carousel_items_at,
        draft=draft,
    )


async def _steps(post: _Post, tx: Transactions, deps: Deps) -> Outcome:
    while True:
        try:
            if await _step(post, tx, deps):
                return Outcome.PUBLISHED
        except PublishError as error:
            if error.recovery is not Recovery.NEW_CONTAINER or not post.container_id:
                raise
            await _drop_container(post, tx, deps)


async def _step(post: _Post, tx: Transactions, deps: Deps) -> bool:
    """Run the next step and commit its result; True once the post is settled as published."""
    if post.media_id:
        permalink = await deps.publisher.permalink(post.request, post.media_id)
        await _commit(post, tx, deps, _settle_published(post, permalink, deps))
        return True
    if not post.container_id:
        await _new_container(post, tx, deps)
        return False
    status = await _ready(post, tx, deps)
    if status is ContainerStatus.PUBLISHED:
        await _live(post, tx, deps)
        return True
    if status in (ContainerStatus.ERROR, ContainerStatus.EXPIRED):
        await _drop_container(post, tx, deps)
        return False
    await _publish(post, tx, deps)
    return True


async def _drop_container(post: _Post, tx: Transactions, deps: Deps) -> None:
    await _progress(post, tx, deps, _DROPPED)
    post.container_id, post.container_at = "", None
    post.items, post.items_at = (), None


async def _new_container(post: _Post, tx: Transactions, deps: Deps) -> None:
    if post.containers >= MAX_CONTAINERS:
        raise PublishError(
            "Instagram could not prepare the media",
            recovery=Recovery.PERMANENT,
            key="publish.error.container_failed",
        )
    if len(post.request.media) > 1:
        items = await _carousel_items(post, tx, deps)
        container_id = await deps.publisher.create_carousel(post.request, items)
    else:
        container_id = await deps.publisher.create_container(post.request)
    post.containers += 1
    now = deps.clock.now()
    change = {"container_id": container_id, "container_at": now, "publish_attempt_at": None}
    await _progress(post, tx, deps, change)
    post.container_id, post.container_at = container_id, now


async def _carousel_items(post: _Post, tx: Transactions, deps: Deps) -> tuple[str, ...]:
    """The carousel's item containers: those committed earlier if still usable, then the rest,
    each committed before the next is made."""
    if post.items and not await _items_usable(post, deps):
        await _progress(post, tx, deps, {"carousel_items": [], "carousel_items_at": None})
        post.items, post.items_at = (), None
    for index in range(len(post.items), len(post.request.media)):
        item = await deps.publisher.create_carousel_item(post.request, index)
        items_at = post.items_at or deps.clock.now()
        change = {"carousel_items": [*post.items, item], "carousel_items_at": items_at}
        await _progress(post, tx, deps, change)
        post.items, post.items_at = (*post.items, item), items_at
    return post.items


async def _items_usable(post: _Post, deps: Deps) -> bool:
    """Items made before a crash: reused while young enough and all still FINISHED."""
    if post.items_at is None or deps.clock.now() - post.items_at >= ITEM_LIFETIME:
        return False
    for item in post.items:
        status = await deps.publisher.container_status(post.request, item)
        if status is not ContainerStatus.FINISHED:
            return False
    return True


async def _ready(post: _Post, tx: Transactions, deps: Deps) -> ContainerStatus:
    """The container's status once Instagram has finished preparing it (bounded back-off)."""
    delays = deps.publishing.poll_delays
    for attempt in range(len(delays) + 1):
        status = await deps.publisher.container_status(post.request, post.container_id)
        if status is not ContainerStatus.IN_PROGRESS:
            return status
        if attempt < len(delays):
            await deps.publishing.sleep(delays[attempt])
            if post.lease_until - deps.clock.now() < deps.publishing.lease / 2:
                await _progress(post, tx, deps, {})  # the lease is extended
    raise PublishError(
        "the media container is still in progress",
        recovery=Recovery.RETRY,
        key="publish.error.not_ready",
    )


async def _publish(post: _Post, tx: Transactions, deps: Deps) -> None:
    # Not committed first: after a crash the container's status tells whether it went live.
    post.attempted_at = deps.clock.now()
    try:
        media_id = await deps.publisher.publish_container(post.request, post.container_id)
    except PublishError as error:
        if error.recovery is not Recovery.RETRY:
            raise
        # A timeout or a 5xx may come after the post went live: ask before trying again.
        status = await deps.publisher.container_status(post.request, post.container_id)
        if status is not ContainerStatus.PUBLISHED:
            raise
        await _live(post, tx, deps)
        return
    await _record_media(post, media_id, tx, deps)


async def _live(post: _Post, tx: Transactions, deps: Deps) -> None:
    """The container shows PUBLISHED: record its post's media id if it can be told for sure,
    else settle it as live and unidentified for a person to confirm (never publish it again)."""
    since = post.container_at or deps.clock.now()
    search = await deps.publisher.find_published(post.request, post.container_id, since)
    if search.unique:
        await _record_media(post, search.unique, tx, deps)
        return
    if not search.media_ids and search.complete and post.attempts < deps.max_publish_attempts:
        raise PublishError(  # Instagram's media list may lag behind: look again later
            "the post is live but its media id was not found yet",
            recovery=Recovery.RETRY,
            key="publish.error.live_not_found",
        )
    why = "ambiguous" if search.media_ids or not search.complete else "not_found"
    details: dict[str, object] = {"unidentified": why, "candidates": list(search.media_ids)}
    details["container_id"] = post.container_id

    def mutate(draft: Draft, now: datetime) -> None:
        draft.mark_published("", "", now, unidentified=why)

    await _commit(post, tx, deps, mutate, details)


async def _record_media(post: _Post, media_id: str, tx: Transactions, deps: Deps) -> None:
    """The post is live: settle it with its permalink in one commit, or (when the permalink
    cannot be read now) commit the media id so that nobody ever publishes it again."""
    post.media_id = media_id
    try:
        permalink = await deps.publisher.permalink(post.request, media_id)
    except PublishError:
        change: dict[str, object] = {"published_media_id": media_id}
        if post.attempted_at is not None:
            change["publish_attempt_at"] = post.attempted_at
        await _progress(post, tx, deps, change)
        raise
    await _commit(post, tx, deps, _settle_published(post, permalink, deps))


Mutation = Callable[[Draft, datetime], None]


async def _commit(
    post: _Post,
    tx: Transactions,
    deps: Deps,
    mutate: Mutation,
    details: dict[str, object] | None = None,
) -> None:
    """Settle the post (a state change, audited and told) if the lease is still ours; else
    LeaseLost."""
    commits = post.commits or StepCommits(tx, deps)
    await commits.commit(post, mutate, details or {})


async def _progress(post: _Post, tx: Transactions, deps: Deps, progress: dict[str, object]) -> None:
    """Record a step's progress and extend the lease if it is still ours; else LeaseLost."""
    commits = post.commits or StepCommits(tx, deps)
    await commits.commit(post, None, {}, progress)


@dataclass
class _Pending:
    post: _Post
    mutate: Mutation | None  # a settle (state change); None: progress only
    details: dict[str, object]
    progress: dict[str, object]
    done: asyncio.Future[None]
    taken: bool = False  # in a group being committed
    held: Draft | None = None  # the post's aggregate as last written, while being committed


class StepCommits:
    """One worker's step commits, grouped: a step that arrives while the transactions run waits
    for the next one, which takes every step waiting (up to ``MAX_GROUP``); up to ``PARALLEL``
    transactions run at once (each on its own connection; the audit head is locked only for
    each one's final append). Each step is checked against its post's lease on its own; a lost
    lease fails only that step (LeaseLost)."""

    MAX_GROUP = 100
    PARALLEL = 4

    def __init__(self, tx: Transactions, deps: Deps) -> None:
        self._tx, self._deps = tx, deps
        self._waiting: list[_Pending] = []
        self._slots = asyncio.Semaphore(self.PARALLEL)

    async def commit(
        self,
        post: _Post,
        mutate: Mutation | None,
        details: dict[str, object],
        progress: dict[str, object] | None = None,
    ) -> None:
        future = asyncio.get_running_loop().create_future()
        step = _Pending(post, mutate, details, progress or {}, future)
        self._waiting.append(step)
        while not step.taken:
            async with self._slots:
                if step.taken:
                    break  # another transaction took it meanwhile
                group = self._waiting[: self.MAX_GROUP]
                del self._waiting[: self.MAX_GROUP]
                for taken in group:
                    taken.taken = True
                await self._run(group)
        await step.done

    async def _run(self, group: list[_Pending]) -> None:
        # A step whose publish was cancelled meanwhile has its future done (cancelled) already.
        try:
            lost = await self._tx.run(lambda uow: self._apply(uow, group))
        except Exception as error:
            for step in group:
                if not step.done.done():
                    step.done.set_exception(error)
            return
        except BaseException:
            for step in group:
                step.done.cancel()
            raise
        for step in group:
            if step.done.done():
                continue
            if step in lost:
                step.done.set_exception(LeaseLost(step.post.draft_id))
            else:
                step.done.set_result(None)

    async def _apply(self, uow: UnitOfWork, group: list[_Pending]) -> list[_Pending]:
        """Progress steps: one conditional update each (no load). Settles: loaded together,
        changed through the aggregate (events, audit, notifications)."""
        deps = self._deps
        now = deps.clock.now()
        until = now + deps.publishing.lease
        lost: list[_Pending] = []
        settles = [step for step in group if step.mutate is not None]
        for step in group:
            if step.mutate is None:
                post = step.post
                recorded = await uow.drafts.record_progress(
                    post.draft_id, post.owner, now, until, step.progress
                )
                if not recorded:
                    lost.append(step)
        for step in group:  # whatever happens next, the copies held are stale until it commits
            step.held, step.post.draft = step.post.draft, None
        unheld = [s.post.draft_id for s in settles if s.held is None]
        drafts = await uow.drafts.get_many(unheld) if unheld else []
        found = {draft.id: draft for draft in drafts}
        for step in settles:
            draft = step.held or found.get(step.post.draft_id)
            if step.held is not None:
                draft = await uow.drafts.adopt(step.held)
            if draft is None or not draft.holds_lease(step.post.owner, now):
                lost.append(step)
                continue
            draft.take_lease(step.post.owner, until)
            assert step.mutate is not None
            step.mutate(draft, now)
            try:
                await uow.drafts.save(draft)
            except ConcurrentUpdate:  # another worker took the post over meanwhile
                draft.events.clear()
                lost.append(step)
                continue
            if draft.state.value != "publishing":
                await _audit_settled(uow, deps, draft, step.details)
        await uow.commit()
        for step in group:
            if step in lost:
                continue
            step.post.lease_until = until
            held = step.held
            if held is not None and step.mutate is None:  # as record_progress wrote it
                for name, value in step.progress.items():
                    if name == "carousel_items":
                        value = [str(item) for item in cast(Iterable[object], value)]
                    setattr(held, name, value)
                held.lease_until = until
                held.version += 1
            step.post.draft = held
        return lost


def _settle_published(post: _Post, permalink: str, deps: Deps) -> Mutation:
    def mutate(draft: Draft, now: datetime) -> None:
        if post.attempted_at is not None:
            draft.record_publish_attempt(post.attempted_at)
        draft.mark_published(post.media_id, permalink, now)

    return mutate


_DROPPED: dict[str, object] = {
    "container_id": "",
    "container_at": None,
    "publish_attempt_at": None,
    "carousel_items": [],
    "carousel_items_at": None,
}


async def _audit_settled(
    uow: UnitOfWork, deps: Deps, draft: Draft, extra: dict[str, object]
) -> None:
    if draft.published_at is not None and draft.state.value == "published":
        approval = draft.last_decision("approve")
        details = extra | {
            "media_id": draft.published_media_id,
            "permalink": draft.permalink,
            "approver": approval.actor if approval else "",
            "caption": draft.current.caption,
            "images": [ref.sha256 for ref in draft.current.media],
        }
        await audit(uow, deps, SYSTEM, "draft.published", draft=draft, details=details)


async def _fail(post: _Post, error: PublishError, tx: Transactions, deps: Deps) -> Outcome:
    """Settle a failed attempt: retry later (keeping the container to ask about) or give up."""

    def mutate(draft: Draft, now: datetime) -> None:
        retry = error.retryable and draft.attempts < deps.max_publish_attempts
        # A container (media_publish may have been called on it) is kept even when giving up,
        # so that a retry asks Instagram about it before making anything new.
        keep = retry or bool(draft.container_id)
        draft.mark_failed(
            error.key, now, args=_strings(error.params), final=not retry, keep_container=keep
        )
        if retry:
            at = retry_at(deps.calendar(draft.account_id), now, draft.attempts)
            draft.schedule(SYSTEM, at, now)

    async def work(uow: UnitOfWork) -> None:
        draft = await deps.load(uow, post.draft_id)
        now = deps.clock.now()
        if not draft.holds_lease(post.owner, now):
            raise LeaseLost(post.draft_id)
        if post.attempted_at is not None:
            draft.record_publish_attempt(post.attempted_at)
        mutate(draft, now)
        retry = draft.state.value == "scheduled"
        details: dict[str, object] = {
            "error": str(error),
            "code": error.code,
            "attempt": draft.attempts,
            "retry": retry,
        }
        if retry and draft.scheduled_at is not None:
            # the automatic retry may fall on a later opening day, after an announced date
            past = await note_dates_past_at(draft, deps, SYSTEM, draft.scheduled_at)
            if past:
                details["dates_past"] = list(past)
        await audit(uow, deps, SYSTEM, "draft.publish_failed", draft=draft, details=details)
        await uow.drafts.save(draft)
        await uow.commit()

    if error.key == "publish.error.limit_reached":
        quota_book(deps).forget(post.request.account.id)  # read the limit again before more
    try:
        await tx.run(work)
    except LeaseLost:
        return Outcome.LOST
    return Outcome.FAILED


def _strings(params: dict[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in params.items()}
