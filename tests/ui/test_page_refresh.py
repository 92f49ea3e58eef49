"""Pages refresh from what a write changed (the change bus): the close page's totals move the
moment a payment is taken at the window, without the page being opened again."""

from __future__ import annotations

import pytest
from billing_world import billed_world, make_user
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.ui.adjustments_page import AdjustmentsPage, ProposeDialog
from heatoffice.ui.arrears_page import ArrearsPage
from heatoffice.ui.cashier_page import CashierPage
from heatoffice.ui.closing_page import ClosingPage
from heatoffice.ui.main_window import MainWindow


@pytest.fixture
def world(admin):
    return billed_world(admin)


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _take_by_card(qtbot, cashier_page: CashierPage, account_no: str) -> None:
    """Find the account, F2 card, Ctrl+Enter takes the prefilled amount; close the receipt
    preview."""
    with qtbot.waitActive(cashier_page.window()):
        cashier_page.window().activateWindow()
    cashier_page.search.setFocus()
    qtbot.keyClicks(cashier_page.search, account_no)
    qtbot.keyClick(cashier_page.search, Qt.Key.Key_Return)
    QTest.keyClick(cashier_page.panel.amount, Qt.Key.Key_F2)
    QTest.keyClick(cashier_page.panel.reference, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    preview = cashier_page.preview
    assert preview is not None
    preview.close()


def _figures(page: ClosingPage) -> dict[str, str]:
    return {key: label.text() for key, label in page.values.items()
            if key in ("receipts", "total", "cash")}


def _methods(page: ClosingPage) -> list[list[str]]:
    model = page.methods_model
    return [[model.data(model.index(r, c)) for c in range(2)] for r in range(model.rowCount())]


def test_the_open_close_page_follows_the_window(qtbot, world):
    cashier, _season, _homes = world
    closing = _shown(qtbot, ClosingPage(cashier))
    window = _shown(qtbot, CashierPage(cashier))
    assert _figures(closing) == {"receipts": "0 张（收款 0 笔）", "total": "¥0.00", "cash": "¥0.00"}

    _take_by_card(qtbot, window, "YG0001")
    assert _figures(closing) == {"receipts": "1 张（收款 1 笔）", "total": "¥2,052.00",
                                 "cash": "¥0.00"}
    assert _methods(closing) == [["银行卡", "¥2,052.00"]]

    # A reversal at the window moves the day back at once as well.
    window.account_view.focus_ledger()
    window.account_view.reverse_selected()
    dialog = window.dialog
    dialog.reason.setText("收错户")
    assert dialog.save()
    window.preview.close()
    assert _figures(closing) == {"receipts": "2 张（收款 1 笔）", "total": "¥0.00", "cash": "¥0.00"}


def test_a_page_behind_another_refreshes_when_shown_again(qtbot, world):
    cashier, _season, _homes = world
    window = _shown(qtbot, MainWindow(cashier))
    closing = window.show_page("closing")
    arrears = window.show_page("arrears")
    assert (arrears.totals.count, str(arrears.totals.owed)) == (3, "6156.00")
    page = window.show_page("cashier")

    _take_by_card(qtbot, page, "YG0002")
    # Covered by the cashier's page, neither list was worked out again yet...
    assert closing.values["total"].text() == "¥0.00"
    assert arrears.totals.count == 3
    # ...and each is up to date the moment it is shown: the same widgets, not new ones.
    assert window.show_page("closing") is closing
    assert closing.values["total"].text() == "¥2,052.00"
    assert window.show_page("arrears") is arrears
    assert (arrears.totals.count, str(arrears.totals.owed)) == (2, "4104.00")


def test_adjustments_reach_the_approval_and_arrears_pages(qtbot, admin, world, monkeypatch):
    cashier, _season, homes = world
    manager = make_user(admin, "boss", "manager", "孙经理")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    approvals = _shown(qtbot, AdjustmentsPage(manager))
    arrears = _shown(qtbot, ArrearsPage(manager))
    assert approvals.count_label.text() == "待审批 0 笔"

    # Proposed at the cashier's window (F9): the manager's list has it without a refresh.
    proposal = ProposeDialog(cashier, homes[1].id)
    qtbot.addWidget(proposal)
    proposal.kind.setCurrentIndex(proposal.kind.findData("credit"))
    proposal.amount.setText("-52")
    proposal.reason.setText("室温不达标退费")
    assert proposal.save()
    assert approvals.count_label.text() == "待审批 1 笔"
    propose_adjustment(cashier, homes[2].id, "-1", "credit", "不经界面")  # no bus: no refresh
    assert approvals.count_label.text() == "待审批 1 笔"

    # Approved: it enters the ledger, and the arrears page shows the lower balance.
    approvals.table.selectRow(0)
    approvals.approve()
    assert approvals.count_label.text() == "待审批 1 笔"  # the one proposed without the UI
    assert str(arrears.totals.owed) == "6104.00"
