"""The change bus: what a write changed reaches every page that shows it (Anki's OpChanges).

A write runs inside :func:`publishing` (FormDialog.save and the worker do it for theirs);
when it succeeds, its :class:`heatoffice.changes.Changes` go out on the bus, and each page
that called :func:`subscribe` for one of the kinds touched refreshes itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from heatoffice.changes import KINDS, Changes, Tracker, tracking

T = TypeVar("T")


class ChangeBus(QObject):
    changed = Signal(object)  # Changes


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus


def publish(changes: Changes) -> None:
    if changes:
        bus().changed.emit(changes)


@contextmanager
def publishing() -> Iterator[Tracker]:
    """Track the writes inside the block; when it ends without an error, publish them."""
    with tracking() as tracker:
        yield tracker
    publish(tracker.changes)


def perform(write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a service write and tell the pages what it changed."""
    with publishing():
        return write(*args, **kwargs)


class _Subscription(QObject):
    """Refreshes one page on the changes of its kinds. A page covered by another in a window
    on screen is only marked stale, and refreshes when it is shown again: a payment at the
    window should not wait for an arrears list nobody is looking at."""

    def __init__(self, page: QWidget, kinds: tuple[str, ...],
                 refresh: Callable[[], None]) -> None:
        super().__init__(page)  # dies with the page, and Qt then disconnects it
        self.page, self.kinds, self.refresh = page, kinds, refresh
        self.stale = False
        bus().changed.connect(self.receive)

    @Slot(object)
    def receive(self, changes: Changes) -> None:
        if not changes.touches(*self.kinds):
            return
        if self.page.isVisible() or not self.page.window().isVisible():
            if self.stale:
                self.stale = False
                self.page.removeEventFilter(self)
            self.refresh()
        elif not self.stale:
            self.stale = True
            self.page.installEventFilter(self)  # only while stale: it sees every event

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.page.removeEventFilter(self)
            self.refresh()
        return False


def subscribe(page: QWidget, kinds: tuple[str, ...], refresh: Callable[[], None]) -> None:
    """Call ``refresh`` whenever a published write touches one of ``kinds`` (keys of
    heatoffice.changes.KINDS)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise KeyError(f"unknown kinds of change {sorted(unknown)}")
    _Subscription(page, kinds, refresh)
