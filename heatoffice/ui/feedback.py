"""What the billing pages share: messages that do not block, confirmations, and documents or
Excel files made on the worker thread, then shown in the print preview or saved."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from heatoffice.auth.identity import SessionRefused
from heatoffice.errors import UserError
from heatoffice.ui.crash import session_refused
from heatoffice.ui.pdf_preview import print_path, show_pdf
from heatoffice.ui.worker import Progress, Task

translate = QCoreApplication.translate


def inform(parent: QWidget, text: str, *, warning: bool = False,
           title: str = "") -> QMessageBox:
    """A message box that does not block; kept on ``parent.message_box`` (tests read it)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title or translate("Feedback", "heatoffice"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.open()
    parent.message_box = box  # type: ignore[attr-defined]
    return box


def confirm(parent: QWidget, text: str, *, title: str = "") -> bool:
    """Yes / No, No being the default: for acts that cannot be undone."""
    answer = QMessageBox.question(parent, title or translate("Feedback", "Please confirm"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, exc: BaseException) -> None:
    """A UserError as a warning (a refused session with a button to log out); a bug to the
    crash dialog."""
    if isinstance(exc, SessionRefused):
        parent.message_box = session_refused(exc, parent)  # type: ignore[attr-defined]
    elif isinstance(exc, UserError):
        if exc.code == "cancelled":
            inform(parent, translate("Feedback", "Cancelled: nothing was written."))
        else:
            inform(parent, exc.message(), warning=True)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def grow_to_fit(dialog: QWidget) -> None:
    """Make room for error messages that just appeared: a wrapped label does not grow its
    window by itself. Never shrinks what the user (or the dialog) sized."""
    layout = dialog.layout()
    width = max(dialog.width(), dialog.sizeHint().width())
    height = dialog.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    dialog.resize(width, max(dialog.height(), height))


def _keep(parent: QWidget, task: Task) -> Task:
    parent.task = task  # type: ignore[attr-defined]
    return task


def preview_document(parent: QWidget, make: Callable[[Path, Progress], Any], name: str,
                     title: str, label: str, *, empty: str = "") -> Task:
    """``make(path, progress)`` writes a PDF on the worker thread; then the preview opens
    (``parent.preview``). A document with nothing in it is reported instead (``empty`` says
    why, if given)."""
    path = print_path(name)

    def work(progress: Progress) -> Any:
        return make(path, progress)

    def done(count: Any) -> None:
        if count == 0 or not path.exists():
            inform(parent, empty or translate("Feedback", "Nothing to print."))
            return
        parent.last_pdf = path  # type: ignore[attr-defined]
        parent.preview = show_pdf(path, parent, title=title,  # type: ignore[attr-defined]
                                  save_name=f"{name}.pdf")

    task = Task(work, label, parent)
    task.finished.connect(done)
    task.error.connect(lambda exc: show_error(parent, exc))
    return _keep(parent, task.start())


def ask_save_path(parent: QWidget, suggested: str) -> str:
    """The Excel file to write, or "" when the user cancels."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, translate("Feedback", "Export to Excel"), suggested,
        translate("Feedback", "Excel files (*.xlsx)"))
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


def export_excel(parent: QWidget, make: Callable[[str, Progress], Any], suggested: str,
                 label: str) -> Task | None:
    """Ask where to save, then ``make(path, progress)`` on the worker thread; the message says
    how many rows went to which file."""
    path = ask_save_path(parent, suggested)
    if not path:
        return None

    def done(rows: Any) -> None:
        parent.last_export = path  # type: ignore[attr-defined]
        inform(parent, translate("Feedback", "Exported {rows} rows to {path}.").format(
            rows=rows, path=path))

    task = Task(lambda progress: make(path, progress), label, parent)
    task.finished.connect(done)
    task.error.connect(lambda exc: show_error(parent, exc))
    return _keep(parent, task.start())
