"""The login dialog and, on a new database, the dialog that sets the admin password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from heatoffice import config
from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.ui.field_errors import error_label


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName("ok")
    ok.setDefault(True)
    cancel = box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setObjectName("cancel")
    box.rejected.connect(dialog.reject)
    return box


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class LoginDialog(QDialog):
    """Asks for user name and password; ``actor`` is set when the login succeeds."""

    def __init__(self, user: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in — heatoffice"))
        self.username = QLineEdit(user or "")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        self.message.setObjectName("message")
        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        # Said before the first try, so nobody learns of the lock by running into it; a wrong
        # password then says how many tries are left (auth.service.login).
        self.rule = QLabel(self.tr("{count} wrong passwords in a row lock the user for "
                                   "{minutes} minutes.").format(count=auth.MAX_FAILED_LOGINS,
                                                                minutes=auth.LOCK_MINUTES))
        self.rule.setObjectName("rule")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #555;")
        self.buttons = _buttons(self, self.tr("Log in"), self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_login)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(config.company_name()))
        layout.addLayout(form)
        layout.addWidget(self.rule)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        (self.password if user else self.username).setFocus()

    def try_login(self) -> None:
        try:
            self.actor = auth.login(self.username.text().strip(), self.password.text())
        except UserError as exc:
            self.message.setText(exc.message())
            self.message.setVisible(True)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """First start on a new database: the administrator's password, typed twice."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set the administrator password"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = error_label()
        self.message.setObjectName("message")
        intro = QLabel(self.tr("This database has no administrator yet. Choose the password of "
                               "the user \"admin\" (at least {min} characters).")
                       .format(min=auth.MIN_PASSWORD))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Repeat password:"), self.repeat)
        self.buttons = _buttons(self, self.tr("Create administrator"), self.tr("Cancel"))
        self.buttons.accepted.connect(self.create_admin)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def create_admin(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            self.message.setVisible(True)
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            auth.create_first_admin(self.password.text())
        except UserError as exc:
            self.message.setText(exc.message())
            self.message.setVisible(True)
            return
        self.accept()
