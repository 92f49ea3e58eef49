"""Who sits at the desk: the main window of the logged-in user, log out, switch user, and the
interface language (per user), all without restarting the program."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.ui import i18n
from heatoffice.ui.login import LoginDialog
from heatoffice.ui.main_window import MainWindow


def quit_program() -> None:
    QApplication.quit()


class Session(QObject):
    """Owns the main window. Logging out or switching user closes the old window with its
    pages (they stop listening for changes with it) and makes a new one for whoever logs in.

    ``forced_language`` (the command line's --lang, or $HEATOFFICE_LANG) wins over what
    each user chose in the Language menu, for this run."""

    def __init__(self, *, demo: bool = False, forced_language: str | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.demo = demo
        self.forced_language = forced_language or i18n.env_language()
        self.window: MainWindow | None = None
        self.login_dialog: LoginDialog | None = None

    # --- the window ------------------------------------------------------------------------
    def start(self, actor: Actor, *, page: str | None = None) -> MainWindow:
        """The main window of ``actor``, in the language that user chose; the window it
        replaces is closed once the new one shows, so the program never has no window."""
        i18n.apply_language(self.forced_language or i18n.user_language(actor.username)
                            or i18n.language())
        old = self.window
        if old is not None:
            old.save_geometry()  # the new window opens where the old one was
        window = MainWindow(actor, demo=self.demo)
        window.log_out_requested.connect(self.log_out)
        window.switch_user_requested.connect(self.switch_user)
        window.language_chosen.connect(self.change_language)
        if page is not None and page in window.page_keys():
            window.show_page(page)
        self.window = window
        window.show()
        if old is not None:
            # The same user again is the language changing, not someone leaving.
            self._close(old, log_out=old.actor != actor)
        return window

    def _close(self, window: MainWindow, *, log_out: bool = True) -> None:
        if log_out:
            auth.log_out(window.actor)
        window.close()  # saves its geometry
        window.deleteLater()

    # --- log out, switch user ----------------------------------------------------------------
    def log_out(self) -> None:
        """Back to the login dialog: the window and its pages close at once; cancelling the
        dialog ends the program."""
        old = self.window
        dialog = self._login(parent=None)
        if old is not None:
            self.window = None
            self._close(old)
        dialog.rejected.connect(self._quit_if_alone)

    def switch_user(self) -> None:
        """The login dialog over the window: the window closes when someone logs in;
        cancelling keeps the current user at work."""
        self._login(parent=self.window)

    def _login(self, *, parent: QWidget | None) -> LoginDialog:
        dialog = LoginDialog(None, parent)
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        self.login_dialog = dialog
        dialog.open()
        return dialog

    def _logged_in(self, dialog: LoginDialog) -> None:
        if dialog.actor is not None:
            self.start(dialog.actor)
        self.login_dialog = None

    def _quit_if_alone(self) -> None:
        self.login_dialog = None
        if self.window is None:
            quit_program()

    # --- the language ------------------------------------------------------------------------
    def change_language(self, lang: str) -> None:
        """The Language menu: remembered for this user, and the window is made again in it
        (Qt widgets keep the text they were made with)."""
        window = self.window
        if window is None:
            return
        i18n.store_language(lang, window.actor.username)
        self.forced_language = None  # the user's own choice now rules this run
        i18n.apply_language(lang)
        self.start(window.actor, page=window.current_page_key())
