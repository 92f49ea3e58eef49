"""The cashier's window driven by the keyboard only: search, pick, amount, F1 cash, tendered,
Enter to the confirmation, Enter there; the receipt PDF it printed; reprint as a copy;
reversal; errors beside their fields."""

from __future__ import annotations

from decimal import Decimal

import pytest
from billing_world import billed_world, pdf_text, type_chinese
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from heatoffice.billing.models import Payment, ReceiptPrint
from heatoffice.billing.payments import record_payment
from heatoffice.ui.cashier_page import CashierPage

D = Decimal


@pytest.fixture
def world(admin):
    return billed_world(admin)


def _page(qtbot, actor) -> CashierPage:
    page = CashierPage(actor)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.setFocus()
    return page


def _find(qtbot, page: CashierPage, account_no: str) -> None:
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, account_no)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def _close_preview(qtbot, page: CashierPage) -> None:
    preview = page.preview
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview, timeout=3000)
    assert preview.isVisible()
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=3000)


def test_a_cash_payment_without_the_mouse(qtbot, world):
    cashier, season, homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")

    # The account, its ledger and what it owes today; the amount is selected for overwrite.
    assert page.account_view.fields["account_no"].text() == "YG0001"
    assert page.account_view.fields["name"].text() == "李芳"
    assert page.account_view.fields["address"].text() == "阳光花园3号楼2单元502"
    assert page.account_view.fields["area"].text() == "85.50 ㎡"
    assert page.account_view.fields["status"].text() == "供热"
    ledger = page.account_view.model
    assert [ledger.data(ledger.index(0, c)) for c in range(6)] == [
        "2026-11-20", "热费", "2026-2027", "¥2,052.00", "", "¥2,052.00"]
    assert page.panel.owed_labels["settle"].text() == "¥2,052.00"
    amount = page.panel.amount
    assert amount.hasFocus()
    assert amount.text() == "2052.00" and amount.selectedText() == "2052.00"

    qtbot.keyClicks(amount, "1000")  # a partial payment overwrites the prefilled total
    QTest.keyClick(amount, Qt.Key.Key_F1)
    tendered = page.panel.tendered
    assert tendered.hasFocus()
    qtbot.keyClicks(tendered, "1100")
    assert page.panel.change.text() == "¥100.00"
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    # Enter in the last field only brings the confirmation up: nothing is taken yet.
    confirmation = page.panel.confirmation
    assert confirmation.hasFocus() and Payment.select().count() == 0
    text = confirmation.text.text()
    for part in ("YG0001 李芳", "¥1,000.00", "现金", "¥1,100.00", "¥100.00"):
        assert part in text, part
    assert confirmation.hint.text() == "Enter：收取这笔费用 · Esc：回到查找"
    qtbot.keyClick(confirmation, Qt.Key.Key_Return)

    payment = Payment.get()
    assert (payment.receipt_no, payment.account.account_no, payment.amount, payment.method,
            payment.tendered, payment.change, payment.cashier) == (
        "2026-000001", "YG0001", D("1000.00"), "cash", D("1100.00"), D("100.00"), "cashier1")
    text = pdf_text(page.last_pdf)
    for part in ("阳光热力", "2026-000001", "YG0001", "李芳", "阳光花园3号楼2单元502",
                 "¥1,000.00", "人民币壹仟元整", "现金", "¥1,100.00", "¥100.00", "王收费"):
        assert part in text, part
    assert "副本" not in text
    assert page.preview.page_count() == 1
    assert ReceiptPrint.select().where(ReceiptPrint.copy == False).count() == 1  # noqa: E712
    # The ledger shows the payment and the balance left.
    assert [ledger.data(ledger.index(1, c)) for c in (1, 2, 4, 5)] == [
        "缴费", "2026-000001 现金", "¥1,000.00", "¥1,052.00"]
    assert page.panel.amount.text() == "1052.00"

    # Esc leaves the receipt and puts the cursor back in the search box.
    _close_preview(qtbot, page)
    qtbot.waitUntil(page.search.hasFocus, timeout=3000)
    assert page.search.selectedText() == "YG0001"


def test_card_payment_with_enter_on_the_amount(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0002")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F2)
    panel = page.panel
    assert not panel.tendered.isVisible() and panel.reference.isVisible()
    assert panel.reference.hasFocus()  # a card payment asks for the slip's number
    panel.amount.setFocus()
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    assert panel.reference.hasFocus() and Payment.select().count() == 0
    qtbot.keyClicks(panel.reference, "POS 0042")
    qtbot.keyClick(panel.reference, Qt.Key.Key_Return)
    assert panel.confirmation.hasFocus() and Payment.select().count() == 0
    assert "银行卡" in panel.confirmation.text.text()
    assert "POS 0042" in panel.confirmation.text.text()
    qtbot.keyClick(panel.confirmation, Qt.Key.Key_Return)
    payment = Payment.get()
    assert (payment.amount, payment.method, payment.tendered, payment.change) == (
        D("2052.00"), "card", None, None)
    assert "银行卡" in pdf_text(page.last_pdf)


def test_search_by_name_then_down_and_enter(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    qtbot.keyClicks(page.search, "502")  # an address fragment
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.hasFocus()
    assert page.results_model.rowCount() == 1
    qtbot.keyClick(page.results, Qt.Key.Key_Return)
    assert page.account_view.fields["account_no"].text() == "YG0001"
    assert page.panel.amount.hasFocus()


def test_reprint_is_a_copy(qtbot, world):
    cashier, _season, homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0000")
    qtbot.keyClick(page.panel.amount, Qt.Key.Key_Return)  # cash is the default: to tendered
    qtbot.keyClick(page.panel.tendered, Qt.Key.Key_Return)  # exact money
    qtbot.keyClick(page.panel.confirmation, Qt.Key.Key_Return)
    first = page.last_pdf
    _close_preview(qtbot, page)
    with qtbot.waitActive(page):
        page.activateWindow()
    QTest.keyClick(page.search, Qt.Key.Key_F6)
    assert page.account_view.table.hasFocus()
    assert page.account_view.reprint_button.isEnabled()
    QTest.keyClick(page.account_view.table, Qt.Key.Key_F7)
    assert page.last_pdf != first
    assert "副本" in pdf_text(page.last_pdf)
    assert "副本" in page.preview.windowTitle()
    assert [p.copy for p in ReceiptPrint.select().order_by(ReceiptPrint.id)] == [False, True]
    payment = Payment.get()
    assert (payment.amount, payment.tendered, payment.change) == (
        D("2052.00"), D("2052.00"), D("0.00"))


def test_reversal_from_the_ledger(qtbot, world):
    cashier, _season, homes = world
    record_payment(cashier, homes[0].id, "500", "wechat")
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0000")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F6)
    assert page.account_view.reverse_button.isEnabled()
    QTest.keyClick(page.account_view.table, Qt.Key.Key_F8)
    dialog = page.dialog
    assert dialog.isVisible()
    dialog.save()  # no reason: refused beside the field
    assert dialog.errors.labels["reason"].isVisible()
    assert Payment.select().count() == 1
    type_chinese(dialog.reason, "金额输错")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    reversal = Payment.get(Payment.reverses.is_null(False))
    assert (reversal.receipt_no, reversal.amount, reversal.reason) == (
        "2026-000002", D("-500.00"), "金额输错")
    text = pdf_text(page.last_pdf)
    assert "2026-000002" in text and "2026-000001" in text
    assert page.panel.amount.text() == "2052.00"
    assert not page.account_view.reverse_button.isEnabled()


def test_bad_amount_shows_beside_the_field_and_writes_nothing(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")
    qtbot.keyClicks(page.panel.amount, "abc")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    label = page.panel.errors.labels["amount"]
    assert label.isVisible()
    assert label.text() == "金额：“abc”不是金额"
    assert "c62828" in label.styleSheet()
    assert page.panel.amount.hasFocus()
    assert Payment.select().count() == 0
    assert page.preview is None


def test_eighteen_digits_are_refused_beside_the_field(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")
    qtbot.keyClicks(page.panel.amount, "999999999999999999")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    label = page.panel.errors.labels["amount"]
    assert label.isVisible()
    assert label.text() == "金额：“999999999999999999”超过单笔金额上限 ¥9,999,999.99"
    assert Payment.select().count() == 0 and page.preview is None


def test_a_receipt_that_cannot_be_printed_leaves_the_payment_taken(qtbot, world,
                                                                   monkeypatch):
    from heatoffice.exports.pdf import receipt as receipt_pdf

    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    real = receipt_pdf.render_receipt

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(receipt_pdf, "render_receipt", broken)
    _find(qtbot, page, "YG0000")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    payment = Payment.get()
    box = page.message_box
    assert box.isVisible()
    assert box.text() == (f"已收款：收据号 {payment.receipt_no}。\n"
                          "收据未能打印：[Errno 28] No space left on device\n"
                          "请在台账中按 F7（补打）重新打印。")
    box.accept()
    assert ReceiptPrint.select().count() == 0 and page.preview is None
    # Once the trouble is gone, F7 prints it: the original, not a copy.
    monkeypatch.setattr(receipt_pdf, "render_receipt", real)
    with qtbot.waitActive(page):
        page.activateWindow()
    QTest.keyClick(page.search, Qt.Key.Key_F6)
    QTest.keyClick(page.account_view.table, Qt.Key.Key_F7)
    assert "副本" not in pdf_text(page.last_pdf)
    assert "副本" not in page.preview.windowTitle()
    assert [p.copy for p in ReceiptPrint.select()] == [False]
    _close_preview(qtbot, page)


def test_short_cash_is_refused_beside_tendered(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F1)
    qtbot.keyClicks(page.panel.tendered, "2000")
    assert page.panel.change.text() == "还差 ¥52.00"
    qtbot.keyClick(page.panel.tendered, Qt.Key.Key_Return)
    qtbot.keyClick(page.panel.confirmation, Qt.Key.Key_Return)
    assert page.panel.errors.labels["tendered"].text() == (
        "实收现金：实收现金 2000.00 元少于应收 2052.00 元")
    assert Payment.select().count() == 0


def test_buttons_follow_permissions(qtbot, world, admin):
    from billing_world import make_user

    _cashier, _season, homes = world
    reader = make_user(admin, "reader", "read_only", "只读")
    page = CashierPage(reader)
    qtbot.addWidget(page)
    page.pick(homes[0].id)
    assert not page.panel.take_button.isEnabled()
    assert not page.panel.amount.isEnabled()


def test_propose_an_adjustment_with_f9(qtbot, world):
    from heatoffice.billing.models import Adjustment, Bill

    cashier, _season, homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0000")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F9)
    dialog = page.dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "调账申请：YG0000 张伟"
    dialog.kind.setCurrentIndex(dialog.kind.findData("credit"))
    dialog.amount.setText("100")  # a credit is negative
    type_chinese(dialog.reason, "室温不达标退费")
    assert not dialog.save()
    assert dialog.errors.labels["amount"].text() == "金额：减免/退费的金额应为负数（100.00）"
    dialog.amount.setText("-100")
    dialog.bill.setCurrentIndex(1)
    assert dialog.save()
    adj = Adjustment.get()
    bill = Bill.get(Bill.account == homes[0].id)
    assert (adj.amount, adj.kind, adj.status, adj.bill_id, adj.proposed_by) == (
        D("-100.00"), "credit", "proposed", bill.id, "cashier1")
    assert page.message_box.text() == "调账申请已提交，经理批准后记入台账。"


def test_the_page_opens_with_the_cursor_in_the_search_box(qtbot, world, qtmodeltester):
    from heatoffice.ui.main_window import MainWindow

    cashier, _season, _homes = world
    window = MainWindow(cashier)
    qtbot.addWidget(window)
    assert window.page_keys()[:7] == ["home", "accounts", "reception", "hotline", "work_orders",
                                      "service_cases", "cashier"]
    page = window.show_page("cashier")
    assert window.focusWidget() is page.search
    page.pick(_homes[0].id)
    qtmodeltester.check(page.account_view.model)
    qtmodeltester.check(page.results_model)


def test_a_stray_enter_takes_no_money(qtbot, world):
    """Enter in the search box picks the account, Enter in the amount moves on, and Enter
    held down into the confirmation repeats: none of them takes a payment."""
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")  # Enter in the search box
    panel = page.panel
    assert panel.amount.hasFocus() and panel.amount.text() == "2052.00"
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    assert panel.tendered.hasFocus() and Payment.select().count() == 0
    QTest.keyClick(panel.tendered, Qt.Key.Key_F3)  # WeChat: the next field is the reference
    assert panel.reference.hasFocus()
    panel.amount.setFocus()
    qtbot.keyClick(panel.amount, Qt.Key.Key_Enter)  # keypad Enter walks on too
    assert panel.reference.hasFocus() and Payment.select().count() == 0
    qtbot.keyClick(panel.reference, Qt.Key.Key_Return)
    assert panel.confirmation.hasFocus() and Payment.select().count() == 0
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier,
                     "\r", True)  # an auto-repeat of a key held down
    QApplication.sendEvent(panel.confirmation, held)
    assert Payment.select().count() == 0
    qtbot.keyClick(panel.confirmation, Qt.Key.Key_Return)  # the deliberate press
    assert [(p.amount, p.method) for p in Payment.select()] == [(D("2052.00"), "wechat")]


def test_confirmation_shows_account_amount_and_method(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0002")
    panel = page.panel
    summary = panel.summary()
    assert (summary.account, summary.amount, summary.method) == ("YG0002 王强", "¥2,052.00", "现金")
    panel.amount.setText("500")
    QTest.keyClick(panel.amount, Qt.Key.Key_F4)
    panel.reference.setText("2026112022001")
    assert panel.summary() == type(summary)("YG0002 王强", "¥500.00", "支付宝",
                                            "交易流水号 2026112022001")
    panel.amount.setText("abc")
    assert panel.summary().amount == "" and not panel.confirmation.ready()
    assert "不是有效金额" in panel.confirmation.text.text()
    panel.amount.clear()  # as for an account that owes nothing: asked for, not an error
    assert "请输入金额" in panel.confirmation.text.text()
    page.load_account(None)
    assert panel.summary() is None and not panel.confirmation.isEnabled()


def test_ctrl_enter_takes_exactly_one_payment(qtbot, world):
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0000")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [(p.amount, p.method) for p in Payment.select()] == [(D("2052.00"), "cash")]
    _close_preview(qtbot, page)
    assert Payment.select().count() == 1


def test_the_reference_is_passed_when_the_service_takes_it(qtbot, world, monkeypatch):
    from heatoffice.billing import payments
    from heatoffice.ui import payment_panel

    calls = []
    original = payments.record_payment

    def record(*args, reference="", **kwargs):
        calls.append(reference)
        return original(*args, **kwargs)

    monkeypatch.setattr(payment_panel.payments, "record_payment", record)
    monkeypatch.setattr(payment_panel, "TAKES_REFERENCE", True)
    cashier, _season, _homes = world
    page = _page(qtbot, cashier)
    _find(qtbot, page, "YG0001")
    QTest.keyClick(page.panel.amount, Qt.Key.Key_F5)
    qtbot.keyClicks(page.panel.reference, " HX20261120-77 ")
    QTest.keyClick(page.panel.reference, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["HX20261120-77"]
    assert Payment.get().method == "transfer"
