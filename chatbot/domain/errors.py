"""Domain errors: each carries a message key and arguments for the message catalogue."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user should read: rendered through the catalogue in their language."""

    key: str = "error.domain"

    def __init__(self, key: str | None = None, **args: Any) -> None:
        self.key = key or type(self).key
        self.args_map: dict[str, Any] = args
        super().__init__(f"{self.key} {args}")


class IllegalTransition(DomainError):
    key = "error.illegal_transition"


class NotPermitted(DomainError):
    key = "error.not_permitted"


class AlreadyDecided(DomainError):
    """Somebody else changed the draft first (optimistic concurrency or a decided state)."""

    key = "error.already_decided"


class ConcurrentUpdate(DomainError):
    """The stored version moved on while we worked: reload and tell the user who acted."""

    key = "error.concurrent_update"


class NotFound(DomainError):
    key = "error.not_found"


class InvalidInput(DomainError):
    key = "error.invalid_input"


class OutsideOperatingHours(DomainError):
    key = "error.outside_hours"


class PublishingSuspended(DomainError):
    key = "error.suspended"
