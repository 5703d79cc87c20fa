"""Test doubles for the core's ports: checker, chat notifier, publisher and media store."""

from tests.fakes.checker import FakeChecker, finding
from tests.fakes.media import InMemoryMediaStore
from tests.fakes.notifier import Call, RecordingNotifier
from tests.fakes.publisher import FakePublisher

__all__ = [
    "Call",
    "FakeChecker",
    "FakePublisher",
    "InMemoryMediaStore",
    "RecordingNotifier",
    "finding",
]
