"""The main window: pages by role, status bar, language menu."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStackedWidget

from heatoffice.auth import service as auth
from heatoffice.ui import i18n
from heatoffice.ui.accounts_page import AccountsPage
from heatoffice.ui.audit_page import AuditPage
from heatoffice.ui.dashboard import DashboardPage
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.org_page import OrgPage


def _titles(window):
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_admin_sees_every_page_with_chinese_titles(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.show()
    assert _titles(window) == ["首页", "用户档案", "业务受理", "热线", "维修单", "投诉与稽查",
                               "服务报表", "收费", "欠费催缴", "现场复核", "面积测量", "日结月结",
                               "收费统计", "调账审批", "采暖季与热价", "组织机构", "数据导入",
                               "操作日志", "登录用户", "备份"]
    assert window.page_keys() == ["home", "accounts", "reception", "hotline", "work_orders",
                                  "service_cases", "service_report", "cashier", "arrears",
                                  "recheck", "measurements", "closing", "reports",
                                  "adjustments", "seasons", "org", "imports", "audit",
                                  "users", "backups"]
    assert isinstance(window.stack.currentWidget(), DashboardPage)
    window.nav.setCurrentRow(1)
    assert isinstance(window.stack.currentWidget(), AccountsPage)
    window.nav.setCurrentRow(15)
    assert isinstance(window.stack.currentWidget(), OrgPage)
    window.nav.setCurrentRow(17)
    assert isinstance(window.stack.currentWidget(), AuditPage)
    assert isinstance(window.stack, QStackedWidget) and window.stack.count() == 20
    assert window.windowTitle() == "阳光热力 — 供热营业管理"


def test_status_bar_shows_user_role_and_database(qtbot, admin, sqlite_db):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.user_label.text() == "用户：系统管理员"
    assert window.role_label.text() == "角色：系统管理员"
    assert window.db_label.text() == f"数据库：SQLite {sqlite_db.database}"


def test_audit_page_only_for_roles_that_may_view_it(qtbot, admin):
    auth.create_user(admin, "li", "pass-word-1", "reception", display_name="李接待")
    clerk = auth.login("li", "pass-word-1")
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    assert _titles(window) == ["首页", "用户档案", "业务受理", "热线", "维修单", "投诉与稽查",
                               "面积测量", "组织机构", "数据导入"]
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
    assert set(window._widgets) == {"home"}
    assert isinstance(window.show_page("audit"), AuditPage)
    assert set(window._widgets) == {"home", "audit"}


def test_language_menu_asks_for_the_window_in_that_language(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.language_actions["zh"].isChecked()
    with qtbot.waitSignal(window.language_chosen) as chosen:
        window.language_actions["en"].trigger()
    assert chosen.args == ["en"]  # the session stores it and makes the window again
    with qtbot.assertNotEmitted(window.language_chosen):
        window.language_actions["zh"].trigger()  # already Chinese


def test_each_role_starts_on_its_home_page(qtbot, admin):
    from billing_world import make_user

    cashier = make_user(admin, "cashier1", "cashier", "王收费")
    finance = make_user(admin, "fin", "finance", "赵财务")
    window = MainWindow(cashier)
    qtbot.addWidget(window)
    assert window.page_keys()[:7] == ["home", "accounts", "reception", "hotline", "work_orders",
                                      "service_cases", "cashier"]
    assert window.current_page_key() == "home"
    assert window.stack.currentWidget() is window.page_widget("home")
    assert set(window._widgets) == {"home"}  # the other pages are not even made
    assert list(window.page_widget("home").tiles)[0] == "takings_today"  # the cashier's day
    other = MainWindow(finance)
    qtbot.addWidget(other)
    assert other.current_page_key() == "home"
    assert "season_rate" in other.page_widget("home").tiles
    clerk = MainWindow(make_user(admin, "desk1", "reception", "孙接待"))
    qtbot.addWidget(clerk)
    assert clerk.current_page_key() == "home"  # the front desk's applications and queue
    assert "reception_queue" in clerk.page_widget("home").tiles


def test_size_and_position_are_remembered(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(30, 40, 720, 520)  # the offscreen screen is 800×600
    window.close()
    again = MainWindow(admin)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.geometry().size().width(), again.geometry().size().height()) == (720, 520)
    assert (again.geometry().x(), again.geometry().y()) == (30, 40)
    assert QSettings().value("ui/main_geometry") is not None


def test_english_window(qtbot, admin):
    i18n.apply_language("en")
    window = MainWindow(admin, demo=True)
    qtbot.addWidget(window)
    assert _titles(window) == ["Home", "Accounts", "Reception", "Hotline", "Work orders",
                               "Complaints and inspections", "Service report", "Cashier",
                               "Arrears",
                               "On-site recheck", "Area measurement", "Day and month close",
                               "Collection reports", "Adjustments", "Seasons and tariffs",
                               "Organisation", "Import", "Audit log", "Users", "Backups"]
    assert window.role_label.text() == "Role: administrator"
    assert window.windowTitle() == "阳光热力 — heatoffice [demo data]"


def test_a_demo_database_says_so_in_the_title(qtbot, admin):
    from heatoffice import config

    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.windowTitle() == "阳光热力 — 供热营业管理"
    config.put("demo", "1")  # what heatoffice demo / --demo set
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.windowTitle() == "阳光热力 — 供热营业管理 【演示数据】"
