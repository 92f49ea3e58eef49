"""Who sits at the desk: log out, switch user, the language each user chose, --lang en."""

from __future__ import annotations

import sys

from billing_world import PASSWORD, make_user
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from heatoffice import cli, glossary
from heatoffice.audit.models import AuditEntry
from heatoffice.db.connection import database
from heatoffice.ui import i18n, session
from heatoffice.ui.cashier_page import CashierPage
from heatoffice.ui.dashboard import DashboardPage
from heatoffice.ui.login import LoginDialog
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.session import Session


def _titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _start(qtbot, actor, **options) -> tuple[Session, MainWindow]:
    desk = Session(**options)
    window = desk.start(actor)
    qtbot.addWidget(window)
    return desk, window


def _log_in(qtbot, dialog: LoginDialog, username: str, password: str = PASSWORD) -> MainWindow:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.try_login()
    assert dialog.actor is not None, dialog.message.text()
    return dialog.actor


def _gone(qtbot, window: MainWindow) -> None:
    """The window was closed and Qt deleted it (and its pages with it)."""
    destroyed = []
    window.destroyed.connect(lambda: destroyed.append(True))
    qtbot.waitUntil(lambda: bool(destroyed), timeout=3000)


def test_log_out_closes_the_window_and_the_next_user_gets_their_pages(qtbot, admin):
    cashier = make_user(admin, "cashier1", "cashier", "王收费")
    desk, first = _start(qtbot, admin)
    assert "audit" in first.page_keys() and first.current_page_key() == "home"
    first.show_page("audit")
    pages = [first.page_widget(k) for k in ("accounts", "audit")]
    first.findChild(type(first.language_actions["zh"]), "log_out").trigger()

    assert desk.window is None and not first.isVisible()  # closed before anyone logs in
    dialog = desk.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    assert dialog.username.text() == ""
    page_gone = []
    pages[1].destroyed.connect(lambda: page_gone.append(True))
    _gone(qtbot, first)
    assert page_gone == [True]
    assert AuditEntry.select().where(AuditEntry.action == "auth.logout",
                                     AuditEntry.actor == "admin").count() == 1

    _log_in(qtbot, dialog, "cashier1")
    second = desk.window
    qtbot.addWidget(second)
    assert second is not None and second.actor == cashier and second.isVisible()
    assert "audit" not in second.page_keys() and "users" not in second.page_keys()
    assert second.current_page_key() == "home"  # the cashier's dashboard, first thing
    assert isinstance(second.stack.currentWidget(), DashboardPage)
    assert isinstance(second.show_page("cashier"), CashierPage)
    assert second.user_label.text() == "用户：王收费"


def test_log_out_then_cancel_ends_the_program(qtbot, admin, monkeypatch):
    ended = []
    monkeypatch.setattr(session, "quit_program", lambda: ended.append(True))
    desk, window = _start(qtbot, admin)
    desk.log_out()
    desk.login_dialog.reject()
    assert ended == [True] and desk.window is None


def test_switch_user_keeps_the_window_until_someone_logs_in(qtbot, admin):
    make_user(admin, "fin", "finance", "赵财务")
    desk, first = _start(qtbot, admin)
    desk.switch_user()
    dialog = desk.login_dialog
    assert dialog.isVisible() and dialog.parentWidget() is first
    dialog.reject()
    assert desk.window is first and first.isVisible()  # cancelled: admin goes on working

    first.findChild(type(first.language_actions["zh"]), "switch_user").trigger()
    dialog = desk.login_dialog
    _log_in(qtbot, dialog, "fin")
    second = desk.window
    qtbot.addWidget(second)
    assert second is not first and second.actor.username == "fin"
    assert second.role_label.text() == "角色：财务"
    assert "users" not in second.page_keys() and "audit" in second.page_keys()
    _gone(qtbot, first)


def test_language_is_remembered_per_user(qtbot, admin):
    make_user(admin, "cashier1", "cashier", "王收费")
    i18n.store_language("zh", "cashier1")  # the cashier chose Chinese some day before
    desk, window = _start(qtbot, admin)
    assert _titles(window)[0] == "首页"
    window.language_actions["en"].trigger()  # View → Language → English

    english = desk.window
    qtbot.addWidget(english)
    assert english is not window  # made again: every widget in the new language
    assert _titles(english) == ["Home", "Accounts", "Reception", "Hotline", "Work orders",
                                "Complaints and inspections", "Service report", "Cashier",
                                "Arrears", "On-site recheck", "Area measurement",
                                "Day and month close", "Collection reports", "Adjustments",
                                "Seasons and tariffs",
                                "Organisation", "Import", "Audit log", "Users", "Backups"]
    assert _menus(english) == ["&File", "&View", "&Help"]
    assert english.role_label.text() == "Role: administrator"
    assert english.language_actions["en"].isChecked()
    assert glossary.current_language() == "en"
    assert QSettings().value("users/admin/language") == "en"
    assert not AuditEntry.select().where(AuditEntry.action == "auth.logout").exists()

    desk.switch_user()
    _log_in(qtbot, desk.login_dialog, "cashier1")
    cashier_window = desk.window
    qtbot.addWidget(cashier_window)
    assert _titles(cashier_window)[:7] == ["首页", "用户档案", "业务受理", "热线", "维修单",
                                           "投诉与稽查", "收费"]
    assert _menus(cashier_window) == ["文件(&F)", "视图(&V)", "帮助(&H)"]

    desk.switch_user()
    _log_in(qtbot, desk.login_dialog, "admin", "secret-1234")
    assert _titles(desk.window)[0] == "Home"
    qtbot.addWidget(desk.window)


def test_a_forced_language_wins_over_the_users_choice(qtbot, admin):
    i18n.store_language("zh", "admin")
    desk, window = _start(qtbot, admin, forced_language="en")
    assert _titles(window)[0] == "Home"


def test_lang_en_on_the_command_line_makes_the_whole_gui_english(qtbot, sqlite_db, monkeypatch):
    """`heatoffice --lang en`: the login dialog, the window title, menus, pages and status bar
    in English, although the last user at this desk chose Chinese."""
    from heatoffice.auth import service as auth

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    url = f"sqlite:///{sqlite_db.database}"
    auth.create_first_admin("abcdef-1234")
    sqlite_db.close()
    i18n.store_language("zh", "admin")
    seen: dict[str, object] = {}

    def drive():
        modal = QApplication.activeModalWidget()
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if isinstance(modal, LoginDialog):
            seen["login"] = (modal.windowTitle(), modal.rule.text())
            modal.username.setText("admin")
            modal.password.setText("abcdef-1234")
            modal.try_login()
        elif windows:
            window = windows[0]
            seen["title"] = window.windowTitle()
            seen["menus"] = _menus(window)
            seen["file"] = [a.text() for a in window.menuBar().actions()[0].menu().actions()
                            if a.text()]
            seen["pages"] = _titles(window)
            seen["status"] = (window.user_label.text(), window.role_label.text())
            window.close()
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    try:
        code = cli.main(["--db", url, "--lang", "en"])
    finally:
        database.close()
    assert code == 0
    assert seen["login"] == ("Log in — heatoffice",
                             "5 wrong passwords in a row lock the user for 10 minutes.")
    assert seen["title"] == "阳光热力 — heatoffice"  # the company's name is its own
    assert seen["menus"] == ["&File", "&View", "&Help"]
    assert seen["file"] == ["Company &settings…", "Change &password…", "&Switch user…",
                            "&Log out", "E&xit"]
    assert seen["pages"][:8] == ["Home", "Accounts", "Reception", "Hotline", "Work orders",
                                 "Complaints and inspections", "Service report", "Cashier"]
    assert seen["status"] == ("User: 系统管理员", "Role: administrator")


def test_a_demoted_managers_open_window_offers_to_log_out(qtbot, admin, monkeypatch):
    """Issue 9, item 6: the manager's window is open when an admin demotes them; their next
    approval is refused with what happened and a button that logs out."""
    from billing_world import billed_world
    from PySide6.QtWidgets import QMessageBox

    from heatoffice.auth import service as auth
    from heatoffice.billing.adjustments import propose_adjustment
    from heatoffice.billing.models import Adjustment

    cashier, _season, homes = billed_world(admin)
    adj = propose_adjustment(cashier, homes[0].id, "-100", "credit", "室温不达标退费")
    boss = make_user(admin, "boss", "manager", "孙经理")
    desk, window = _start(qtbot, boss)
    page = window.show_page("adjustments")
    auth.set_role(admin, "boss", "read_only")  # at another desk
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.table.selectRow(0)
    page.approve()
    assert Adjustment.get_by_id(adj.id).status == "proposed"
    box = page.message_box
    assert "孙经理" not in box.text() and "“boss”的角色由“经理”改为“只读”" in box.text()
    [log_out] = [b for b in box.buttons() if b.text() == "退出登录"]
    log_out.click()
    assert desk.window is None and isinstance(desk.login_dialog, LoginDialog)
    _gone(qtbot, window)
    assert AuditEntry.select().where(AuditEntry.action == "auth.logout",
                                     AuditEntry.actor == "boss").count() == 1
    # logging in again gives the new role's window
    _log_in(qtbot, desk.login_dialog, "boss")
    again = desk.window
    qtbot.addWidget(again)
    assert again.actor.role == "read_only" and again.role_label.text() == "角色：只读"
