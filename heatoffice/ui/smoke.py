"""Smoke start: the real app logs in, opens every page of its main window and quits."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# HEATOFFICE_SMOKE=1 turns `heatoffice` (and `heatoffice --demo`) into a smoke start: it logs in
# with $HEATOFFICE_PASSWORD, prints a line per page, saves a screenshot to
# $HEATOFFICE_SMOKE_SCREENSHOT if set, and exits 0 only if no Qt warning or exception came.
ENV = "HEATOFFICE_SMOKE"
SCREENSHOT_ENV = "HEATOFFICE_SMOKE_SCREENSHOT"
PASSWORD_ENV = "HEATOFFICE_PASSWORD"
TIMEOUT_MS = 60_000
STEP_MS = 50
FAILED = 3

_FAILING = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
# The offscreen platform (the tests' own) says so of a feature it lacks; xcb never does.
_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


def from_env() -> Smoke | None:
    """The smoke run the environment asks for, with its handlers installed; else None."""
    if os.environ.get(ENV, "").strip() in ("", "0"):
        return None
    shot = os.environ.get(SCREENSHOT_ENV) or None
    smoke = Smoke(os.environ.get(PASSWORD_ENV, ""), Path(shot) if shot else None)
    smoke.install()
    return smoke


class Smoke:
    """Drives the login dialog and the main window from a timer; records every problem."""

    def __init__(self, password: str, screenshot: Path | None = None,
                 out: TextIO | None = None):
        self.password = password
        self.screenshot = screenshot
        self.out = out or sys.stdout
        self.problems: list[str] = []
        self.visited: list[str] = []
        self.done = False
        self._window = None
        self._previous_handler: Any = None

    # --- what counts as a failure ------------------------------------------------------------
    def install(self) -> None:
        """Catch Qt's warnings and uncaught exceptions from now on (before the QApplication,
        so the platform plugin's own warnings count too)."""
        self._previous_handler = qInstallMessageHandler(self._on_qt_message)

    def install_excepthook(self) -> None:
        """After crash.install(): an exception fails the run instead of opening a dialog."""
        sys.excepthook = self._on_exception

    def _on_qt_message(self, kind: QtMsgType, context, message: str) -> None:
        print(f"qt: {message}", file=sys.stderr)
        if QGuiApplication.platformName() == "offscreen" and message in _OFFSCREEN_NOISE:
            return
        if kind in _FAILING:
            self.fail(f"Qt {kind.name}: {message}")

    def _on_exception(self, kind: type[BaseException], exc: BaseException,
                      tb: TracebackType | None) -> None:
        self.fail("".join(traceback.format_exception(kind, exc, tb)).rstrip())
        # Not from inside the Qt call that raised (a paint or show event): from the loop.
        QTimer.singleShot(0, self._quit)

    def fail(self, problem: str) -> None:
        self.problems.append(problem)
        print(f"smoke: FAILED {problem}", file=sys.stderr)

    # --- the drive -------------------------------------------------------------------------
    def start(self) -> None:
        """Begin driving once the event loop runs (the login dialog's own loop counts)."""
        QTimer.singleShot(STEP_MS, self._step)
        QTimer.singleShot(TIMEOUT_MS, self._timeout)

    def _step(self) -> None:
        if self.done:
            return
        try:
            self._advance()
        except Exception:  # noqa: BLE001 - any error fails the smoke run, with its traceback
            self.fail(traceback.format_exc().rstrip())
            self._quit()
            return
        if not self.done:
            QTimer.singleShot(STEP_MS, self._step)

    def _advance(self) -> None:
        from heatoffice.ui.login import FirstAdminDialog, LoginDialog
        from heatoffice.ui.main_window import MainWindow

        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstAdminDialog):
            self.fail("the database has no admin: run `heatoffice init` or --demo first")
            self._close(modal)
        elif isinstance(modal, LoginDialog):
            modal.password.setText(self.password)
            modal.try_login()
            if modal.actor is None:
                self.fail(f"login as {modal.username.text()!r} failed: "
                          f"{modal.message.text()}")
                self._close(modal)
            else:
                self.say(f"logged in as {modal.actor.username}")
        elif modal is not None:
            self.fail(f"an unexpected dialog: {modal.windowTitle()!r}")
            self._close(modal)
        else:
            windows = [w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()]
            if windows:
                self._visit(windows[0])

    def _visit(self, window) -> None:
        self._window = window
        self._check_fits(window, "first shown")
        for key in window.page_keys():
            widget = window.show_page(key)
            QApplication.processEvents()
            self.visited.append(key)
            self.say(f"page {key}: {type(widget).__name__}")
        if window.page_keys():
            window.show_page(window.page_keys()[0])
        QApplication.processEvents()
        self._check_fits(window, "after every page")
        if self.screenshot is not None:
            self._grab(window)
        self._quit()

    def _check_fits(self, window, when: str) -> None:
        """The window with its frame stays on the screen (a page's minimum size can push it)."""
        frame = window.frameGeometry()
        screen = window.screen().availableGeometry()
        self.say(f"window {frame.width()}x{frame.height()} at {frame.x()},{frame.y()} on a "
                 f"{screen.width()}x{screen.height()} screen, {when}")
        if not screen.contains(frame):
            self.fail(f"the window ({frame.width()}x{frame.height()} at {frame.x()},{frame.y()}"
                      f") does not fit the screen ({screen.width()}x{screen.height()}), {when}")

    def _grab(self, window) -> None:
        """The whole screen as the user would see it; offscreen has none, so the window."""
        if self.screenshot is None:
            return
        pixmap = window.screen().grabWindow(0)
        if pixmap.isNull():
            pixmap = window.grab()
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(self.screenshot)):
            self.fail(f"could not save the screenshot to {self.screenshot}")
        else:
            self.say(f"screenshot {pixmap.width()}x{pixmap.height()} saved to {self.screenshot}")

    def _timeout(self) -> None:
        if not self.done:
            self.fail(f"not done after {TIMEOUT_MS // 1000} s")
            self._quit()

    def _close(self, dialog: QWidget) -> None:
        self.done = True
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    def _quit(self) -> None:
        """Close what is open and let Qt end the run: closing the last window posts its own
        quit, and an extra exit() would leave that posted to end some later event loop."""
        self.done = True
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()
        if self._window is not None:
            self._window.close()
        elif modal is None:
            QApplication.exit(FAILED)

    def say(self, line: str) -> None:
        print(f"smoke: {line}", file=self.out, flush=True)

    def finish(self, code: int) -> int:
        """The exit code of the smoke run: non-zero on any problem or a page not visited."""
        qInstallMessageHandler(self._previous_handler)
        if not self.visited and not self.problems:
            self.fail("the main window never showed")
        if self.problems:
            self.say(f"{len(self.problems)} problem(s); pages visited: {len(self.visited)}")
            return code or FAILED
        self.say(f"ok: {len(self.visited)} pages")
        return code
