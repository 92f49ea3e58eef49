"""The crash dialog: any exception that is not a UserError is a bug and shows its traceback."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from heatoffice.auth.identity import SessionRefused
from heatoffice.errors import UserError

_kept: list[QMessageBox] = []  # boxes without a parent, until they close


class CrashDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("heatoffice: program error"))
        intro = QLabel(self.tr("The program hit an error it did not expect. Please copy the "
                               "text below and send it to the maintainers. Unsaved input of "
                               "the current form may be lost."))
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox()
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)


def show_user_error(exc: UserError, parent: QWidget | None = None) -> None:
    if isinstance(exc, SessionRefused):
        session_refused(exc, parent)
        return
    QMessageBox.warning(parent, QApplication.translate("CrashDialog", "heatoffice"),
                        exc.message())


def _main_window(parent: QWidget | None) -> QWidget | None:
    """The main window ``parent`` is in (the one with the File menu's log out), if any."""
    widget = parent.window() if parent is not None else QApplication.activeWindow()
    while widget is not None and not hasattr(widget, "log_out_requested"):
        widget = widget.parentWidget()
    return widget


def session_refused(exc: SessionRefused, parent: QWidget | None = None) -> QMessageBox:
    """The user of this window was disabled or given another role (or is gone): nothing more
    can be done in it. The message, with a button that logs out (the File menu's action)."""
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QApplication.translate("CrashDialog", "heatoffice"), exc.message(),
                      QMessageBox.StandardButton.Close, parent)
    window = _main_window(parent)
    if window is not None:
        log_out = box.addButton(QApplication.translate("CrashDialog", "Log out"),
                                QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(log_out)
        log_out.clicked.connect(window.log_out_requested.emit)  # type: ignore[attr-defined]
    if parent is None:
        _kept.append(box)
        box.finished.connect(lambda *_: _kept.remove(box))
    box.open()
    return box


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """Print the traceback, then show it; a UserError that escaped is shown as a warning."""
    text = "".join(traceback.format_exception(kind, exc, tb))
    if sys.__stderr__ is not None:  # pythonw on Windows has none
        sys.__stderr__.write(text)
    if QApplication.instance() is None:
        return
    if isinstance(exc, UserError):
        show_user_error(exc, QApplication.activeWindow())
        return
    CrashDialog(text, QApplication.activeWindow()).exec()


def install() -> None:
    sys.excepthook = excepthook
