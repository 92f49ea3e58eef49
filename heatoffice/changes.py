"""What a write changed (Anki's OpChanges): noted from the audit rows the services write."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from heatoffice import manifest

T = TypeVar("T")

# Every audited action -> the kinds of data a page shows that it changes (() when nothing on
# screen depends on it), as each area declares in its manifest; tests/unit/test_changes.py
# checks every action the services audit is there.
AUDITED: Mapping[str, frozenset[str]] = MappingProxyType(
    {action: frozenset(kinds) for action, kinds in manifest.audited().items()})

# The kinds of data pages show, each with the audit actions that change it.
KINDS: Mapping[str, frozenset[str]] = MappingProxyType({
    kind: frozenset(a for a, kinds in AUDITED.items() if kind in kinds)
    for kind in sorted({k for kinds in AUDITED.values() for k in kinds})})

# Audited, but nothing on screen depends on them.
SHOWN_NOWHERE = frozenset(a for a, kinds in AUDITED.items() if not kinds)


def kinds_of(action: str) -> frozenset[str]:
    """The kinds of data an audit action changes."""
    return AUDITED.get(action, frozenset())


def is_classified(action: str) -> bool:
    return action in AUDITED


@dataclass(frozen=True)
class Changes:
    """The audit actions a write ran and the records (table, id) they name."""

    actions: frozenset[str] = frozenset()
    records: frozenset[tuple[str, str]] = frozenset()

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset().union(*(kinds_of(a) for a in self.actions))

    def touches(self, *kinds: str) -> bool:
        """Whether any of ``kinds`` (keys of KINDS) changed."""
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise KeyError(f"unknown kinds of change {sorted(unknown)}")
        return bool(self.kinds & set(kinds))

    def ids(self, table: str) -> frozenset[str]:
        """The ids of the records of ``table`` (as the audit names them) that were written."""
        return frozenset(i for t, i in self.records if t == table)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.actions | other.actions, self.records | other.records)

    def __bool__(self) -> bool:
        return bool(self.actions)


class Tracker:
    """Collects the audit rows written while it is current; ``changes`` is what they say."""

    def __init__(self) -> None:
        self._notes: list[tuple[str, str, str]] = []

    def note(self, action: str, table: str, record_id: Any) -> None:
        self._notes.append((action, table, str(record_id)))

    @property
    def changes(self) -> Changes:
        return Changes(frozenset(a for a, _, _ in self._notes),
                       frozenset((t, i) for _, t, i in self._notes))


# Per thread (and per asyncio task): a worker thread tracks its own writes.
_current: ContextVar[Tracker | None] = ContextVar("heatoffice_changes", default=None)


@contextmanager
def tracking() -> Iterator[Tracker]:
    """Track the writes inside the block; a block inside another also counts for the outer."""
    tracker = Tracker()
    outer = _current.get()
    token = _current.set(tracker)
    try:
        yield tracker
    finally:
        _current.reset(token)
        if outer is not None:
            outer._notes.extend(tracker._notes)


def note(action: str, table: str, record_id: Any) -> None:
    """Called by audit.record for every audit row: tells the current tracker, if any."""
    tracker = _current.get()
    if tracker is not None:
        tracker.note(action, table, record_id)


def tracked(write: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, Changes]:
    """Run a service write and return its result with what it changed."""
    with tracking() as tracker:
        result = write(*args, **kwargs)
    return result, tracker.changes
