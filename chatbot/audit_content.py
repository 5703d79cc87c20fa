"""The audit covers content: each entry's revision hash is recomputed from the stored revision
and its images, so an edited caption or a swapped image is found, naming the draft."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from chatbot.audit import AuditEntry
from chatbot.domain.errors import DomainError
from chatbot.ports import MediaStore, UnitOfWork


async def content_problems(
    entries: Sequence[AuditEntry], uow: UnitOfWork, media: MediaStore
) -> list[str]:
    """One problem per draft whose stored content no longer matches what the audit recorded."""
    problems: list[str] = []
    bad: set[str] = set()
    for entry in entries:
        record = entry.record
        if not record.draft_id or record.revision is None or not record.revision_hash:
            continue
        if record.draft_id in bad:
            continue
        problem = await _check(uow, media, record.draft_id, record.revision, record.revision_hash)
        if problem:
            bad.add(record.draft_id)
            problems.append(f"seq {entry.seq}: draft {record.draft_id} {problem}")
    return problems


async def _check(
    uow: UnitOfWork, media: MediaStore, draft_id: str, number: int, expected: str
) -> str:
    draft = await uow.drafts.get(draft_id)
    revision = next((r for r in draft.revisions if r.number == number), None) if draft else None
    if revision is None:
        return f"revision {number}: missing from the database"
    if revision.content_hash != expected:
        return f"revision {number}: caption, images or wished time changed after approval records"
    for ref in revision.media:
        try:
            data = await media.get(ref.key)
        except DomainError:
            return f"revision {number}: image {ref.filename} missing from the media store"
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            return f"revision {number}: image {ref.filename} changed in the media store"
    return ""
