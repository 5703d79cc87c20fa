"""The audit covers content: each entry's revision hash is recomputed from the stored revision
and its images, so an edited caption or a swapped image is found, naming the draft."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from chatbot.audit import AuditEntry, AuditProblem
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
        found = await _check(uow, media, record.draft_id, record.revision, record.revision_hash)
        if found:
            key, file = found
            bad.add(record.draft_id)
            args: dict[str, object] = {"seq": entry.seq, "draft": record.draft_id}
            args["revision"] = record.revision
            if file:
                args["file"] = file
            problems.append(AuditProblem(f"audit.problem.{key}", **args))
    return problems


async def _check(
    uow: UnitOfWork, media: MediaStore, draft_id: str, number: int, expected: str
) -> tuple[str, str] | None:
    """(kind of problem, image file name or "") for a revision that no longer matches."""
    draft = await uow.drafts.get(draft_id)
    revision = next((r for r in draft.revisions if r.number == number), None) if draft else None
    if revision is None:
        return "revision_missing", ""
    if revision.content_hash != expected:
        return "revision_changed", ""
    for ref in revision.media:
        try:
            data = await media.get(ref.key)
        except DomainError:
            return "image_missing", ref.filename
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            return "image_changed", ref.filename
    return None
