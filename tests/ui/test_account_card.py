"""The account card (客户卡片): its figures equal the ledger, it opens by double-click and Enter
from the register, the arrears list and the cashier's window, each role sees the actions it may
take, it fits a 1366×768 screen, and its actions print, recheck and take payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from billing_world import DAY, at, billed_world, make_user, pdf_text
from made_up_area import forget, install
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest

from heatoffice import glossary, manifest
from heatoffice.billing import statement
from heatoffice.billing.adjustments import approve_adjustment, propose_adjustment
from heatoffice.billing.models import AccountBalance
from heatoffice.billing.payments import record_payment, reverse_payment
from heatoffice.ui import card_sections
from heatoffice.ui.account_card import AccountCardDialog, fitted_size
from heatoffice.ui.accounts_page import AccountsPage
from heatoffice.ui.arrears_page import ArrearsPage
from heatoffice.ui.cashier_page import CashierPage
from heatoffice.ui.main_window import MainWindow

D = Decimal


@pytest.fixture
def world(admin):
    """YG0000 billed 2,052.00, paid 1,000.00, paid 500.00 and had it reversed, credited
    52.00 by an approved adjustment: owes 1,000.00. YG0001 and YG0002 owe 2,052.00 each."""
    cashier, season, homes = billed_world(admin)
    manager = make_user(admin, "boss", "manager", "孙经理")
    first = homes[0]
    record_payment(cashier, first.id, "1000", "cash")
    wrong = record_payment(cashier, first.id, "500", "wechat")
    reverse_payment(cashier, wrong.receipt_no, "收错户")
    bill_id = first.bills[0].id
    at(DAY + dt.timedelta(hours=1))
    credit = propose_adjustment(cashier, first.id, "-52", "credit", "面积复核减免",
                                bill_id=bill_id)
    approve_adjustment(manager, credit.id)
    return cashier, manager, season, homes


def _cells(model, row: int) -> list:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _show(qtbot, widget, size=(1200, 700)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _double_click(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _card_of(qtbot, page) -> AccountCardDialog:
    qtbot.waitUntil(lambda: getattr(page, "card", None) is not None and page.card.isVisible(),
                    timeout=3000)
    return page.card


def test_the_card_shows_what_the_ledger_says(qtbot, world):
    cashier, _manager, _season, homes = world
    page = _show(qtbot, AccountsPage(cashier))
    _double_click(qtbot, page.table, 0)
    card = _card_of(qtbot, page)
    assert card.windowTitle() == "客户卡片：YG0000 张伟"
    facts = {key: label.text() for key, label in card.facts.items()}
    assert facts["account_no"] == "YG0000" and facts["status"] == "供热"
    assert facts["address"] == "阳光花园3号楼2单元501"
    assert facts["heating_area"] == "85.50 ㎡" and facts["phone"] == "13800000000"

    # What it owes, season by season: 2,052.00 − 52.00 − 1,000.00 = 1,000.00, due 12-31.
    assert card.owed_label.text() == "今日应缴 ¥1,000.00"
    assert [card.owed_model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(card.owed_model.columnCount())] == [
        "采暖季", "类别", "应收", "调整", "滞纳金", "已缴", "欠费", "缴费期限", "状态"]
    assert _cells(card.owed_model, 0) == ["2026-2027", "热费", "¥2,052.00", "-¥52.00",
                                          "¥0.00", "¥1,000.00", "¥1,000.00", "2026-12-31",
                                          "未到期"]
    balance = AccountBalance.get(AccountBalance.account == homes[0].id).balance
    owed = statement.owed(homes[0].id)
    assert balance == owed.total == D("1000.00") == card.card.owed.total

    tabs = [card.tabs.tabText(i) for i in range(card.tabs.count())]
    assert tabs == ["账单", "收费与红冲", "分户账", "调账", "现场复核", "催缴记录", "状态变更",
                    "用热申请", "面积测量", "投诉与稽查"]
    bills = card.sections["bills"]
    assert _cells(bills.model, 0) == ["2026-2027", "热费", "2026-11-20", "85.50", "¥2,052.00",
                                      "¥1,000.00", "供热", "admin"]
    assert _cells(bills.lines_model, 0)[0].startswith("热费")
    assert _cells(bills.lines_model, 0)[-1] == "¥2,052.00"
    payments = card.sections["payments"]
    assert [_cells(payments.model, r)[:5:4] + _cells(payments.model, r)[3:4]
            + _cells(payments.model, r)[6:] for r in range(3)] == [
        ["2026-000003", "微信", "-¥500.00", "红冲 2026-000002：收错户"],
        ["2026-000002", "微信", "¥500.00", "已被 2026-000003 红冲"],
        ["2026-000001", "现金", "¥1,000.00", ""]]
    ledger = card.sections["ledger"]
    balances = [_cells(ledger.model, r)[-1] for r in range(ledger.model.rowCount())]
    assert balances == ["¥2,052.00", "¥1,052.00", "¥552.00", "¥1,052.00", "¥1,000.00"]
    adjustments = card.sections["adjustments"]
    assert _cells(adjustments.model, 0)[2:8] == ["减免/退费", "-¥52.00", "已批准", "手工",
                                                 "面积复核减免", "cashier1"]
    # reception and measurements declare their tabs (nothing of theirs here)
    assert card.sections["applications"].model.rowCount() == 0
    assert card.sections["measurements"].model.rowCount() == 0


def test_overdue_with_late_fees_after_the_due_date(qtbot, world):
    cashier, _manager, _season, homes = world
    at(dt.datetime(2027, 1, 11, 9))
    card = AccountCardDialog(cashier, homes[0].id)
    _show(qtbot, card)
    # 1,000.00 × 0.05 % × 11 days = 5.50 accrued since 1 January.
    assert card.owed_label.text() == ("今日应缴 ¥1,005.50 · 其中逾期 ¥1,005.50 · "
                                      "含未计收滞纳金 ¥5.50")
    assert _cells(card.owed_model, 0)[4:] == ["¥5.50", "¥1,000.00", "¥1,005.50",
                                              "2026-12-31", "已逾期"]
    assert statement.owed(homes[0].id).total == D("1005.50")


def test_opened_by_enter_from_the_register(qtbot, world):
    cashier, *_ = world
    page = _show(qtbot, AccountsPage(cashier))
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    page.table.selectRow(2)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    card = _card_of(qtbot, page)
    assert card.facts["account_no"].text() == "YG0002"


def test_opened_by_double_click_and_enter_from_the_arrears_list(qtbot, world):
    cashier, *_ = world
    page = _show(qtbot, ArrearsPage(cashier))
    page.include_not_due.setChecked(True)  # billed in November: nothing is overdue yet
    assert page.model.rowCount() == 3
    _double_click(qtbot, page.table, 1)
    card = _card_of(qtbot, page)
    assert card.facts["account_no"].text() == "YG0001"
    card.reject()
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    page.table.selectRow(2)
    QTest.keyClick(page.table, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: page.card is not card and page.card.isVisible(), timeout=3000)
    assert page.card.facts["account_no"].text() == "YG0002"


def test_from_the_cashiers_window_and_back_to_take_the_payment(qtbot, world):
    cashier, *_ = world
    page = _show(qtbot, CashierPage(cashier), (1300, 720))
    with qtbot.waitActive(page):
        page.activateWindow()
    page.setFocus()
    qtbot.keyClicks(page.search, "YG0001")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F12)
    card = _card_of(qtbot, page.account_view)
    assert card.facts["account_no"].text() == "YG0001"
    assert card.buttons["take_payment"].isVisible()
    page.load_account(None)  # the cashier moved on; the card's button brings YG0001 back
    qtbot.mouseClick(card.buttons["take_payment"], Qt.MouseButton.LeftButton)
    assert not card.isVisible()
    assert page.account_view.fields["account_no"].text() == "YG0001"
    qtbot.waitUntil(lambda: page.panel.amount.hasFocus(), timeout=3000)


def test_take_payment_opens_the_cashiers_window_on_the_account(qtbot, world):
    cashier, *_ = world
    window = _show(qtbot, MainWindow(cashier), (1300, 720))
    page = window.show_page("accounts")
    _double_click(qtbot, page.table, 2)
    card = _card_of(qtbot, page)
    qtbot.mouseClick(card.buttons["take_payment"], Qt.MouseButton.LeftButton)
    cashier_page = window.stack.currentWidget()
    assert isinstance(cashier_page, CashierPage)
    assert cashier_page.account_view.fields["account_no"].text() == "YG0002"
    assert cashier_page.panel.amount.text() == "2052.00"


@pytest.mark.parametrize(("role", "shown"), [
    ("cashier", {"take_payment", "statement", "notice", "recheck", "dunning", "details"}),
    ("finance", {"take_payment", "statement", "notice", "recheck", "dunning", "details"}),
    ("reception", {"statement", "notice", "details"}),
    ("customer_service", {"statement", "notice", "recheck", "dunning", "details"}),
    ("read_only", {"statement", "notice", "details"}),
])
def test_each_role_sees_the_actions_it_may_take(qtbot, admin, world, role, shown):
    user = make_user(admin, f"u_{role}", role, role)
    window = _show(qtbot, MainWindow(user), (1300, 720))
    page = window.show_page("accounts")
    _double_click(qtbot, page.table, 0)
    card = _card_of(qtbot, page)
    assert {k for k, b in card.buttons.items() if b.isVisible()} == shown
    tabs = set(card.sections)
    assert ("dunning" in tabs) == ("dunning" in shown)


def test_the_card_fits_a_1366_by_768_screen(qtbot, world):
    cashier, *_ = world
    # The work area of a 1366×768 screen under a 40-pixel task bar.
    size = fitted_size(QSize(1366, 728))
    assert size.width() <= 1366 - 24 and size.height() <= 728 - 48
    card = AccountCardDialog(cashier, world[3][0].id)
    _show(qtbot, card, (size.width(), size.height()))
    hint = card.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height()
    inside = QRect(QPoint(0, 0), card.size())
    for name, button in card.buttons.items():
        corner = button.mapTo(card, QPoint(button.width() - 1, button.height() - 1))
        assert inside.contains(corner), name
    assert card.tabs.currentWidget().height() >= 150  # room for a list, not a sliver
    assert card.owed_table.height() >= 60


def test_print_a_statement_from_the_card(qtbot, world):
    cashier, *_ = world
    card = _show(qtbot, AccountCardDialog(cashier, world[3][0].id))
    qtbot.mouseClick(card.buttons["statement"], Qt.MouseButton.LeftButton)
    dialog = card.dialog
    assert dialog.windowTitle() == "对账单：YG0000"
    assert [dialog.period.itemText(i) for i in range(dialog.period.count())] == [
        "2026-2027 采暖季", "全部账目", "按日期区间"]
    dialog.period.setCurrentIndex(2)
    dialog.date_from.setText("2026-11-31")
    assert not dialog.save()
    assert dialog.errors.labels["date_from"].text() == "开始日期：“2026-11-31”不是日期（年-月-日）"
    dialog.period.setCurrentIndex(0)
    assert dialog.save()
    qtbot.waitUntil(lambda: card.preview is not None, timeout=20000)
    text = pdf_text(card.last_pdf)
    assert "用户对账单" in text and "YG0000" in text
    assert "期末余额：¥1,000.00（欠费）" in text
    card.preview.reject()


def test_print_the_notice_and_open_a_recheck_from_the_card(qtbot, world):
    cashier, *_ = world
    card = _show(qtbot, AccountCardDialog(cashier, world[3][1].id))
    qtbot.mouseClick(card.buttons["notice"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.preview is not None, timeout=20000)
    text = pdf_text(card.last_pdf)
    assert "供热费缴费通知单" in text and "YG0001" in text and "2,052.00" in text
    card.preview.reject()
    qtbot.mouseClick(card.buttons["recheck"], Qt.MouseButton.LeftButton)
    dialog = card.dialog
    assert dialog.windowTitle() == "复核结果：YG0001 李芳"
    assert dialog.row.bill_id == card.card.bills[0].id
    dialog.reject()


def test_the_card_follows_a_payment_taken_elsewhere(qtbot, world):
    from heatoffice.ui.changes import perform

    cashier, *_ = world
    card = _show(qtbot, AccountCardDialog(cashier, world[3][2].id))
    assert card.owed_label.text().startswith("今日应缴 ¥2,052.00")
    with qtbot.waitSignal(card.reloaded):
        perform(record_payment, cashier, world[3][2].id, "52", "cash")
    assert card.owed_label.text() == "今日应缴 ¥2,000.00"
    assert card.sections["payments"].model.rowCount() == 1


def test_every_tab_of_the_manifests_is_a_section_widget():
    specs = card_sections.sections()
    assert [s.key for s in specs] == ["bills", "payments", "ledger", "adjustments", "rechecks",
                                      "dunning", "status", "applications", "measurements",
                                      "service_cases"]
    assert len({s.place for s in specs}) == len(specs)
    for spec in specs:
        cls = manifest.resolve(spec.widget)
        assert spec.widget.startswith("heatoffice.ui.") and callable(cls.show_card), spec
        assert spec.action in glossary.codes("permission"), spec


@pytest.fixture
def made_up(tmp_path, monkeypatch):
    install(tmp_path / "src", monkeypatch)
    yield
    forget()


def test_an_area_adds_its_tab_by_its_manifest(qtbot, world, made_up):
    cashier, *_ = world
    card = _show(qtbot, AccountCardDialog(cashier, world[3][1].id))
    tabs = [card.tabs.tabText(i) for i in range(card.tabs.count())]
    assert tabs == ["账单", "收费与红冲", "分户账", "调账", "现场复核", "催缴记录", "状态变更",
                    "Gadgets", "用热申请", "面积测量",
                    "投诉与稽查"]  # no translation for Gadgets: the source text
    assert card.sections["gadgets"].text() == "gadgets of YG0001"
