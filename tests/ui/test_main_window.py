"""The main window: pages by role, status bar, language menu."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStackedWidget

from heatoffice.auth import service as auth
from heatoffice.ui import i18n
from heatoffice.ui.accounts_page import AccountsPage
from heatoffice.ui.audit_page import AuditPage
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.org_page import OrgPage


def _titles(window):
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_admin_sees_every_page_with_chinese_titles(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.show()
    assert _titles(window) == ["用户档案", "业务受理", "收费", "欠费催缴", "现场复核", "日结月结",
                               "调账审批", "采暖季与热价", "组织机构", "操作日志"]
    assert window.page_keys() == ["accounts", "reception", "cashier", "arrears", "recheck",
                                  "closing", "adjustments", "seasons", "org", "audit"]
    assert isinstance(window.stack.currentWidget(), AccountsPage)
    window.nav.setCurrentRow(8)
    assert isinstance(window.stack.currentWidget(), OrgPage)
    window.nav.setCurrentRow(9)
    assert isinstance(window.stack.currentWidget(), AuditPage)
    assert isinstance(window.stack, QStackedWidget) and window.stack.count() == 10
    assert window.windowTitle() == "阳光热力 — 供热营业管理"


def test_status_bar_shows_user_role_and_database(qtbot, admin, sqlite_db):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.user_label.text() == "用户：系统管理员"
    assert window.role_label.text() == "角色：系统管理员"
    assert window.db_label.text() == f"数据库：SQLite {sqlite_db.database}"


def test_audit_page_only_for_roles_that_may_view_it(qtbot, admin):
    auth.create_user(admin, "li", "password1", "reception", display_name="李接待")
    clerk = auth.login("li", "password1")
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    assert _titles(window) == ["用户档案", "业务受理", "组织机构"]
    assert window.role_label.text() == "角色：业务接待"
    assert window.user_label.text() == "用户：李接待"


def test_accounts_page_opens_with_the_cursor_in_the_search_box(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.show_page("org")
    page = window.show_page("accounts")
    assert window.focusWidget() is page.search


def test_pages_are_made_on_first_use(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert set(window._widgets) == {"accounts"}
    assert isinstance(window.show_page("audit"), AuditPage)
    assert set(window._widgets) == {"accounts", "audit"}


def test_language_menu_stores_the_choice_for_next_start(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.language_actions["zh"].isChecked()
    window.language_actions["en"].trigger()
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.chosen_language() == "en"
    assert window.statusBar().currentMessage() == "界面语言将在下次启动程序时生效。"


def test_english_window(qtbot, admin):
    i18n.apply_language("en")
    window = MainWindow(admin, demo=True)
    qtbot.addWidget(window)
    assert _titles(window) == ["Accounts", "Reception", "Cashier", "Arrears", "On-site recheck",
                               "Day and month close", "Adjustments", "Seasons and tariffs",
                               "Organisation", "Audit log"]
    assert window.role_label.text() == "Role: administrator"
    assert window.windowTitle() == "阳光热力 — heatoffice [demo data]"
