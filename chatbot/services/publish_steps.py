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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

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


def override_given(draft: Draft) -> bool:
    """The officer ordered this revision out at once, outside operating hours, with a reason."""
    decision = draft.last_decision("publish_now")
    return decision is not None and decision.revision == draft.current.number


def request_of(draft: Draft, deps: Deps) -> PublishRequest:
    revision = draft.current
    account = deps.account(draft.account_id)
    return PublishRequest(draft.id, revision.number, account, revision.caption, revision.media)


async def advance(draft_id: str, tx: Transactions, deps: Deps) -> Outcome:
    """Run the post's remaining steps; the outcome of this attempt."""
    post = await tx.run(lambda uow: _load(uow, deps, draft_id))
    if post is None:
        return Outcome.LOST
    try:
        return await _steps(post, tx, deps)
    except LeaseLost:
        return Outcome.LOST
    except PublishError as error:
        return await _fail(post, error, tx, deps)


async def _load(uow: UnitOfWork, deps: Deps, draft_id: str) -> _Post | None:
    draft = await deps.load(uow, draft_id)
    owner = deps.publishing.worker_id
    if not draft.holds_lease(owner, deps.clock.now()) or draft.lease_until is None:
        return None
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
    await _commit(post, tx, deps, lambda draft, now: draft.drop_container())
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
    await _commit(post, tx, deps, lambda draft, _: draft.record_container(container_id, now))
    post.container_id, post.container_at = container_id, now


async def _carousel_items(post: _Post, tx: Transactions, deps: Deps) -> tuple[str, ...]:
    """The carousel's item containers: those committed earlier if still usable, then the rest,
    each committed before the next is made."""
    if post.items and not await _items_usable(post, deps):
        await _commit(post, tx, deps, lambda draft, now: draft.drop_carousel_items())
        post.items, post.items_at = (), None
    for index in range(len(post.items), len(post.request.media)):
        item = await deps.publisher.create_carousel_item(post.request, index)
        await _commit(post, tx, deps, _item_recorder(item))
        post.items_at = post.items_at or deps.clock.now()
        post.items = (*post.items, item)
    return post.items


def _item_recorder(item: str) -> Mutation:
    return lambda draft, now: draft.record_carousel_item(item, now)


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
                await _commit(post, tx, deps, lambda draft, now: None)
    raise PublishError(
        "the media container is still in progress",
        recovery=Recovery.RETRY,
        key="publish.error.not_ready",
    )


async def _publish(post: _Post, tx: Transactions, deps: Deps) -> None:
    await _commit(post, tx, deps, lambda draft, now: draft.record_publish_attempt(now))
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
        await _commit(post, tx, deps, lambda draft, now: draft.record_media(media_id))
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
    """Apply one step's result if the lease is still ours, extending it; else LeaseLost."""

    async def work(uow: UnitOfWork) -> None:
        draft = await deps.load(uow, post.draft_id)
        now = deps.clock.now()
        if not draft.holds_lease(post.owner, now):
            raise LeaseLost(post.draft_id)
        until = now + deps.publishing.lease
        draft.take_lease(post.owner, until)
        mutate(draft, now)
        await uow.drafts.save(draft)
        if draft.state.value != "publishing":
            await _audit_settled(uow, deps, draft, details or {})
        await uow.commit()
        post.lease_until = until

    await tx.run(work)


def _settle_published(post: _Post, permalink: str, deps: Deps) -> Mutation:
    def mutate(draft: Draft, now: datetime) -> None:
        draft.mark_published(post.media_id, permalink, now)

    return mutate


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
        # A container media_publish was called on may have gone live: keep it even when giving
        # up, so that a retry asks Instagram about it before making anything new.
        keep = retry or draft.publish_attempt_at is not None
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
        mutate(draft, now)
        retry = draft.state.value == "scheduled"
        details = {
            "error": str(error),
            "code": error.code,
            "attempt": draft.attempts,
            "retry": retry,
        }
        await audit(uow, deps, SYSTEM, "draft.publish_failed", draft=draft, details=details)
        await uow.drafts.save(draft)
        await uow.commit()

    try:
        await tx.run(work)
    except LeaseLost:
        return Outcome.LOST
    return Outcome.FAILED


def _strings(params: dict[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in params.items()}
