"""Passwords at the desk: change one's own (the current one first), and an administrator's
reset of another user's."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.ui.form_dialog import FormDialog


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPasswordDialog(FormDialog):
    """The new password typed twice; the service's "password" errors appear beside it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, aliases={"password": "new_password"})
        self.new_password = _secret()
        self.repeat_password = _secret()

    def check_repeat(self) -> None:
        """The service is not asked while the two entries differ."""
        if self.new_password.text() != self.repeat_password.text():
            self.repeat_password.clear()
            raise UserError("cli.password_mismatch", field="repeat_password")


class ChangePasswordDialog(NewPasswordDialog):
    """One's own password: the current one, then the new one twice."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.current_password = _secret()
        self.setWindowTitle(self.tr("Change password — {user}").format(user=actor.username))
        intro = QLabel(self.tr("At least {min} characters.").format(min=auth.MIN_PASSWORD))
        self.lay_out([intro, self.form([("current_password", self.current_password),
                                        ("new_password", self.new_password),
                                        ("repeat_password", self.repeat_password)])],
                     self.tr("Change password"), self.tr("Cancel"))
        self.setMinimumWidth(380)
        self.current_password.setFocus()

    def write(self) -> None:
        self.check_repeat()
        auth.change_password(self.actor, self.current_password.text(), self.new_password.text())


class ResetPasswordDialog(NewPasswordDialog):
    """An administrator sets another user's password (which also lifts a lock)."""

    def __init__(self, actor: Actor, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.username = actor, username
        self.setWindowTitle(self.tr("Reset the password of {user}").format(user=username))
        intro = QLabel(self.tr("Tell the user the new password in person; it works at once "
                               "and lifts a lock from failed logins."))
        intro.setWordWrap(True)
        self.lay_out([intro, self.form([("new_password", self.new_password),
                                        ("repeat_password", self.repeat_password)])],
                     self.tr("Reset password"), self.tr("Cancel"))
        self.setMinimumWidth(380)

    def write(self) -> None:
        self.check_repeat()
        auth.set_password(self.actor, self.username, self.new_password.text())
