"""Logging in through the real dialogs, and setting the first admin password."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.auth.models import User
from heatoffice.ui.app import ask_login
from heatoffice.ui.login import FirstAdminDialog, LoginDialog

ADMIN_PASSWORD = "secret-1234"  # as in conftest


def _ok(dialog):
    return dialog.buttons.findChild(type(dialog.buttons.buttons()[0]), "ok")


def test_login_through_the_dialog(qtbot, admin):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "admin"
    assert dialog.actor.role == "admin"
    assert AuditEntry.select().where(AuditEntry.action == "auth.login").count() == 2


def test_wrong_password_shows_the_message_and_stays_open(qtbot, admin):
    dialog = LoginDialog(user="admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.username.text() == "admin"
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.message.text() == "用户名或密码错误；再输错 4 次，该用户将被锁定 10 分钟"
    assert dialog.password.text() == ""
    assert User.get(User.username == "admin").failed_logins == 1


def test_the_dialog_tells_the_lock_rule_and_the_tries_left(qtbot, admin):
    dialog = LoginDialog(user="admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rule.isVisible()
    assert dialog.rule.text() == "连续输错密码 5 次，该用户将被锁定 10 分钟。"
    for left in (4, 3, 2, 1):
        qtbot.keyClicks(dialog.password, "wrong-one")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        assert dialog.message.text() == (
            f"用户名或密码错误；再输错 {left} 次，该用户将被锁定 10 分钟")
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("登录失败次数过多，账号已锁定")
    dialog.username.setText("nobody")  # an unknown name: no count to tell
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "用户名或密码错误"


def test_locked_user_sees_the_lock_message(qtbot, admin):
    for _ in range(auth.MAX_FAILED_LOGINS):
        try:
            auth.login("admin", "nope")
        except Exception:  # noqa: BLE001
            pass
    dialog = LoginDialog(user="admin")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.actor is None
    assert dialog.message.text().startswith("登录失败次数过多，账号已锁定")


def test_first_admin_dialog_needs_the_same_password_twice(qtbot, sqlite_db):
    assert auth.needs_admin()
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "abcdef-1234")
    qtbot.keyClicks(dialog.repeat, "abcdef-1235")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "两次输入的密码不一致。"
    assert auth.needs_admin()
    dialog.password.setText("abc")
    dialog.repeat.setText("abc")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "密码：密码至少 10 位"
    assert auth.needs_admin()
    dialog.password.setText("abcdef-1234")
    dialog.repeat.setText("abcdef-1234")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not auth.needs_admin()
    assert auth.login("admin", "abcdef-1234").role == "admin"


def test_start_on_a_new_database_asks_admin_password_then_login(qtbot, sqlite_db):
    seen = []

    def fill_modal():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill_modal)
            return
        seen.append(type(dialog).__name__)
        if isinstance(dialog, FirstAdminDialog):
            dialog.password.setText("abcdef-1234")
            dialog.repeat.setText("abcdef-1234")
            dialog.create_admin()
            QTimer.singleShot(20, fill_modal)
        else:
            assert dialog.username.text() == "admin"
            dialog.password.setText("abcdef-1234")
            dialog.try_login()

    QTimer.singleShot(0, fill_modal)
    actor = ask_login()
    assert seen == ["FirstAdminDialog", "LoginDialog"]
    assert actor is not None and actor.username == "admin"
