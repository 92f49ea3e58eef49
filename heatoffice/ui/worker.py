"""Long work on a QThread with a cancellable progress dialog; results come back by signal.

The callable gets ``progress(done, total) -> bool``, which returns False once the user has
pressed Cancel: the work should then stop soon and return. peewee keeps one connection per
thread on the same database object, so the worker thread opens its own and closes it after.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from heatoffice.changes import Changes, tracking
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.ui.changes import publish

SHOW_AFTER_MS = 400
REPORT_EVERY_S = 0.05

Progress = Callable[[int, int | None], bool]  # total None: not known yet
Work = Callable[[Progress], Any]


class Worker(QObject):
    """Runs ``work`` once on the thread it was moved to."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    done = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.cancelled = threading.Event()
        self.changes = Changes()  # what the work wrote, published when it succeeded
        self._last_report = 0.0

    def progress(self, done: int, total: int | None) -> bool:
        now = time.monotonic()
        # A tight loop reporting each row would flood the GUI thread's event queue.
        finished = total is not None and done >= total
        if finished or now - self._last_report >= REPORT_EVERY_S:
            self._last_report = now
            self.progressed.emit(done, total or 0)  # 0: the dialog shows a busy bar
        return not self.cancelled.is_set()

    def cancel(self) -> None:
        self.cancelled.set()

    @Slot()
    def run(self) -> None:
        opened = database.obj is not None and database.is_closed()
        try:
            if opened:
                database.connect()
            with tracking() as tracker:
                result = self.work(self.progress)
            self.changes = tracker.changes
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            if opened and not database.is_closed():
                database.close()
            self.done.emit()


# Tasks are kept alive while their thread runs, whoever else holds them.
_running: set[Task] = set()


class Task(QObject):
    """A running piece of work: its thread, worker and progress dialog.

    ``finished(result)`` or ``error(exception)`` is emitted on the GUI thread; a task whose
    user pressed Cancel still reports what the work returned, and ``cancelled`` tells.
    """

    finished = Signal(object)
    error = Signal(object)

    def __init__(self, work: Work, label: str, parent: QWidget | None = None,
                 *, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self.result: Any = None
        self.exception: BaseException | None = None
        self._thread = QThread()
        self.worker = Worker(work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        # Direct: the GUI thread may be blocked in wait() when the work ends.
        self.worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        # Queued: these run on the GUI thread where this Task lives.
        self.worker.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.worker.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(SHOW_AFTER_MS)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            # Task.cancel runs here at once; a slot of the worker would queue behind the work.
            self.dialog.canceled.connect(self.cancel)

    @property
    def cancelled(self) -> bool:
        return self.worker.cancelled.is_set()

    def cancel(self) -> None:
        self.worker.cancel()

    def start(self) -> Task:
        _running.add(self)
        self._thread.start()
        if self.dialog is not None:
            # Quick work finishes without a flash of dialog; slow work shows it.
            QTimer.singleShot(SHOW_AFTER_MS, self._show_dialog)
        return self

    def _show_dialog(self) -> None:
        if self.dialog is not None and self in _running:
            self.dialog.show()

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)

    def _close_dialog(self) -> None:
        _running.discard(self)
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()

    def _succeeded(self, result: Any) -> None:
        self._thread.wait()
        self._close_dialog()
        publish(self.worker.changes)
        self.result = result
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._thread.wait()
        self._close_dialog()
        self.exception = exc
        self.error.emit(exc)


def wait_for_running(ms: int = 60_000) -> None:
    """Before the program ends: let the threads still at work finish (a QThread destroyed
    while it runs aborts the process), such as a home page's season figures still being
    read when the user closes the window."""
    for task in list(_running):
        task.wait(ms)


def run_in_background(work: Work, label: str, parent: QWidget | None,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None) -> Task:
    """Start ``work`` with a progress dialog. Without ``on_error`` a UserError is shown as a
    warning and anything else goes to the crash dialog (sys.excepthook)."""
    task = Task(work, label, parent)
    task.finished.connect(on_done)
    task.error.connect(on_error or _default_error(parent))
    return task.start()


def _default_error(parent: QWidget | None) -> Callable[[BaseException], None]:
    def handle(exc: BaseException) -> None:
        if isinstance(exc, UserError):
            from heatoffice.ui.crash import show_user_error

            show_user_error(exc, parent)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    return handle
