"""The administrator's user management and everyone's change of password, through the dialogs."""

from __future__ import annotations

import pytest
from billing_world import PASSWORD, make_user

from heatoffice.audit.models import AuditEntry
from heatoffice.auth import queries
from heatoffice.auth import service as auth
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.password_dialog import ChangePasswordDialog
from heatoffice.ui.users_page import UsersPage

ADMIN_PASSWORD = "secret-1234"  # as in conftest


def _page(qtbot, actor) -> UsersPage:
    page = UsersPage(actor)
    qtbot.addWidget(page)
    page.show()
    return page


def _rows(page: UsersPage) -> list[list[str]]:
    return [[page.table.item(r, c).text() for c in range(4)]
            for r in range(page.table.rowCount())]


def _actions() -> list[str]:
    """The user changes the admin made, in order."""
    return [e.action for e in AuditEntry.select().where(AuditEntry.actor == "admin",
                                                        AuditEntry.action.startswith("users."))
            .order_by(AuditEntry.id)]


def test_add_a_user_with_a_role(qtbot, admin):
    page = _page(qtbot, admin)
    assert _rows(page) == [["admin", "系统管理员", "系统管理员", "✓"]]
    dialog = page.add_user()
    dialog.username.setText("liu")
    dialog.display_name.setText("刘收费")
    dialog.role.setCurrentIndex(dialog.role.findData("cashier"))
    dialog.new_password.setText("cash-pass-1")
    dialog.repeat_password.setText("cash-pas")
    assert not dialog.save()  # the two entries differ: the service is not asked
    assert dialog.errors.labels["repeat_password"].text() == "再输入一次：两次输入的密码不一致"
    assert queries.user(admin, "liu") is None
    dialog.new_password.setText("abc")
    dialog.repeat_password.setText("abc")
    assert not dialog.save()
    assert dialog.errors.labels["new_password"].text() == "密码：密码至少 10 位"
    dialog.new_password.setText("cash-pass-1")
    dialog.repeat_password.setText("cash-pass-1")
    assert dialog.save()
    # The list refreshed from the change bus, with the new user selected.
    assert _rows(page)[1] == ["liu", "刘收费", "收费员", "✓"]
    assert page.selected().username == "liu"
    assert auth.login("liu", "cash-pass-1").role == "cashier"
    assert "users.create" in _actions()


def test_change_role_reset_password_disable_and_enable(qtbot, admin):
    make_user(admin, "clerk", "reception", "李接待")
    page = _page(qtbot, admin)
    page.select("clerk")
    assert page.role_button.isEnabled() and not page.unlock_button.isEnabled()

    dialog = page.change_role()
    assert dialog.role.currentData() == "reception"
    dialog.role.setCurrentIndex(dialog.role.findData("finance"))
    assert dialog.save()
    assert _rows(page)[1][2] == "财务"
    assert auth.login("clerk", PASSWORD).role == "finance"

    dialog = page.reset_password()
    dialog.new_password.setText("fresh-pass")
    dialog.repeat_password.setText("fresh-pass")
    assert dialog.save()
    with pytest.raises(UserError):
        auth.login("clerk", PASSWORD)
    assert auth.login("clerk", "fresh-pass")

    assert page.active_button.text() == "停用"
    assert page.toggle_active()
    assert _rows(page)[1][3] == "—" and page.active_button.text() == "启用"
    with pytest.raises(UserError) as err:
        auth.login("clerk", "fresh-pass")
    assert err.value.code == "auth.inactive"
    assert page.toggle_active()
    assert auth.login("clerk", "fresh-pass")
    assert _actions()[-4:] == ["users.role", "users.password", "users.active",
                                      "users.active"]


def test_unlock_a_locked_user(qtbot, admin):
    make_user(admin, "clerk", "reception", "李接待")
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(UserError):
            auth.login("clerk", "wrong")
    page = _page(qtbot, admin)
    page.select("clerk")
    assert page.table.item(1, 4).text() != ""  # locked until …
    assert page.unlock_button.isEnabled()
    assert page.unlock()
    assert page.table.item(1, 4).text() == "" and not page.unlock_button.isEnabled()
    assert auth.login("clerk", PASSWORD).username == "clerk"
    assert _actions()[-1] == "users.unlock"


def test_the_last_admin_cannot_be_disabled_from_the_page(qtbot, admin):
    page = _page(qtbot, admin)
    page.select("admin")
    assert not page.toggle_active()
    assert page.message_box.text() == (
        "启用：“admin”是唯一在用的系统管理员，不能取消其管理员角色或停用")
    assert queries.user(admin, "admin").active


def test_only_users_manage_may_open_or_use_it(qtbot, admin):
    clerk = make_user(admin, "clerk", "manager", "周经理")
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    assert "users" not in window.page_keys()
    with pytest.raises(PermissionDenied):
        UsersPage(clerk)
    for write in (lambda: auth.set_role(clerk, "admin", "hotline"),
                  lambda: auth.set_active(clerk, "admin", False),
                  lambda: auth.unlock(clerk, "admin"),
                  lambda: auth.set_password(clerk, "admin", "taken-over"),
                  lambda: auth.create_user(clerk, "x", "xxxx-xxxx-1", "admin")):
        with pytest.raises(PermissionDenied):
            write()
    assert auth.login("admin", ADMIN_PASSWORD).role == "admin"


def test_change_own_password(qtbot, admin):
    clerk = make_user(admin, "clerk", "reception", "李接待")
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.findChild(type(window.language_actions["zh"]), "change_password").trigger()
    dialog = window.dialog
    assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "修改密码 — clerk"
    dialog.current_password.setText("not-mine")
    dialog.new_password.setText("new-pass-12")
    dialog.repeat_password.setText("new-pass-12")
    assert not dialog.save()
    assert dialog.errors.labels["current_password"].text() == "当前密码：当前密码不正确"
    dialog.current_password.setText(PASSWORD)
    assert dialog.save()
    assert window.statusBar().currentMessage() == "您的密码已修改。"
    assert auth.login("clerk", "new-pass-12").username == "clerk"
    entry = AuditEntry.select().where(AuditEntry.action == "users.password").get()
    assert (entry.actor, entry.note) == ("clerk", "own password changed")
