"""The administrator's user management: add a login with its role, change the role, reset the
password, disable or enable, lift a lock. Every act is a service of auth.service that needs
"users.manage" and writes its audit row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth import queries
from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.auth.queries import UserInfo
from heatoffice.errors import UserError
from heatoffice.ui import formats
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import show_error
from heatoffice.ui.form_dialog import FormDialog
from heatoffice.ui.password_dialog import NewPasswordDialog, ResetPasswordDialog
from heatoffice.ui.tables import make_widget_table


def _role_combo(current: str = "") -> QComboBox:
    combo = QComboBox()
    for code in glossary.codes("role"):
        combo.addItem(glossary.label("role", code), code)
    if current:
        combo.setCurrentIndex(combo.findData(current))
    return combo


class AddUserDialog(NewPasswordDialog):
    """A new login: name, name shown, role, and the first password typed twice."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = _role_combo("read_only")
        self.setWindowTitle(self.tr("Add user"))
        self.lay_out([self.form([("username", self.username),
                                 ("display_name", self.display_name), ("role", self.role),
                                 ("new_password", self.new_password),
                                 ("repeat_password", self.repeat_password)])],
                     self.tr("Add user"), self.tr("Cancel"))
        self.setMinimumWidth(400)

    def write(self) -> None:
        self.check_repeat()
        auth.create_user(self.actor, self.username.text().strip(), self.new_password.text(),
                         self.role.currentData(), display_name=self.display_name.text().strip())


class RoleDialog(FormDialog):
    """A user's role: what the user may see and do from the next login on."""

    def __init__(self, actor: Actor, user: UserInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor, self.username = actor, user.username
        self.role = _role_combo(user.role)
        self.setWindowTitle(self.tr("Role of {user}").format(user=user.username))
        note = QLabel(self.tr("The new role applies from the user's next login."))
        note.setWordWrap(True)
        self.lay_out([self.form([("role", self.role)]), note], self.tr("Change role"),
                     self.tr("Cancel"))
        self.setMinimumWidth(360)

    def write(self) -> None:
        auth.set_role(self.actor, self.username, self.role.currentData())


class UsersPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.users: tuple[UserInfo, ...] = ()
        self.dialog: FormDialog | None = None

        self.table = make_widget_table([
            self.tr("User name"), self.tr("Name shown"), self.tr("Role"), self.tr("Enabled"),
            self.tr("Locked until"), self.tr("Last login")], (120, 140, 120, 60, 150), 5)
        self.table.setObjectName("users")
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = self._button(self.tr("Add user… (Ctrl+N)"), "add", self.add_user)
        self.role_button = self._button(self.tr("Change role…"), "role", self.change_role)
        self.password_button = self._button(self.tr("Reset password…"), "password",
                                            self.reset_password)
        self.active_button = self._button(self.tr("Disable"), "active", self.toggle_active)
        self.unlock_button = self._button(self.tr("Unlock"), "unlock", self.unlock)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add_user)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button,
                       self.active_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("Five wrong passwords in a row lock a user for {minutes} minutes; "
                              "Unlock lifts the lock at once.").format(minutes=auth.LOCK_MINUTES))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.setFocusProxy(self.table)
        subscribe(self, ("users",), self.refresh)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- the list --------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected()
        self.users = queries.users(self.actor)
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            values = (user.username, user.display_name, glossary.label("role", user.role),
                      formats.display(user.active) if user.active else "—",
                      formats.display(user.locked_until), formats.display(user.last_login_at))
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if chosen is not None:
            self.select(chosen.username)
        self._update_buttons()

    def select(self, username: str) -> None:
        for r, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(r)
                return

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.role_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked)
        self.active_button.setText(self.tr("Enable") if user is not None and not user.active
                                   else self.tr("Disable"))

    # --- the acts --------------------------------------------------------------------------
    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_user(self) -> FormDialog:
        dialog = AddUserDialog(self.actor, self)
        dialog.accepted.connect(lambda: self.select(dialog.username.text().strip()))
        return self._open(dialog)

    def change_role(self) -> FormDialog | None:
        user = self.selected()
        return None if user is None else self._open(RoleDialog(self.actor, user, self))

    def reset_password(self) -> FormDialog | None:
        user = self.selected()
        return None if user is None else self._open(
            ResetPasswordDialog(self.actor, user.username, self))

    def _act(self, write: Callable[..., object], *args: object) -> bool:
        try:
            perform(write, self.actor, *args)
        except UserError as exc:
            show_error(self, exc)
            return False
        return True

    def toggle_active(self) -> bool:
        user = self.selected()
        return user is not None and self._act(auth.set_active, user.username, not user.active)

    def unlock(self) -> bool:
        user = self.selected()
        return user is not None and self._act(auth.unlock, user.username)
