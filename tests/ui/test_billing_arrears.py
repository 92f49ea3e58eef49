"""The arrears page (filters, totals, dunning log, notices, round sheet, Excel), on-site
rechecks, and the manager's adjustments page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from billing_world import billed_world, make_user, pdf_text, type_chinese
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from heatoffice.accounts.service import add_community
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    DunningContact,
    Recheck,
    RemeasureRequest,
)
from heatoffice.billing.payments import record_payment
from heatoffice.org import service as org
from heatoffice.ui.adjustments_page import AdjustmentsPage
from heatoffice.ui.arrears_page import ArrearsPage
from heatoffice.ui.recheck_page import RecheckPage

D = Decimal


@pytest.fixture
def world(admin):
    cashier, season, homes = billed_world(admin)
    record_payment(cashier, homes[1].id, "2052", "cash")  # 李芳 has paid
    staff = org.add_staff(admin, {"staff_no": "S001", "name": "周收费", "phone": "",
                                  "hired_on": "2020-01-01", "notes": ""})
    org.add_service_area(admin, staff.id, "collector", community="阳光花园",
                         start_date="2026-01-01")
    return cashier, season, homes, staff


def _cells(model, row: int) -> list:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _wait_preview(qtbot, page) -> None:
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=20000)


def test_arrears_list_with_totals_and_filters(qtbot, admin, world):
    page = ArrearsPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    assert _cells(page.model, 0) == [
        "YG0000", "张伟", "阳光花园3号楼2单元501", "居民", "13800000000", "85.50", "供热",
        "¥2,052.00", "¥0.00", "¥2,052.00", "2026-2027", "本季"]
    assert page.totals_label.text().startswith(
        "共 2 户欠费，合计 ¥4,104.00 · 本季：2 户，¥4,104.00")
    page.building.setText("9")
    page.search()
    assert page.model.rowCount() == 0
    assert page.totals_label.text().startswith("共 0 户欠费，合计 ¥0.00")
    page.building.clear()
    page.collector.setCurrentIndex(page.collector.findData(world[3].id))
    page.search()
    assert page.model.rowCount() == 2


def test_record_a_dunning_contact(qtbot, admin, world):
    page = ArrearsPage(admin)
    qtbot.addWidget(page)
    page.table.selectRow(1)
    page.record_contact()
    dialog = page.dialog
    assert dialog.windowTitle() == "催缴登记：YG0002 王强"
    dialog.method.setCurrentIndex(dialog.method.findData("phone"))
    assert not dialog.save()  # the result is required
    assert dialog.errors.labels["result"].text() == "结果：必须填写"
    type_chinese(dialog.result_text, "答应下周缴费")
    dialog.promised_date.setText("2026-11-27")
    assert dialog.save()
    contact = DunningContact.get()
    assert (contact.account.account_no, contact.method, contact.result, contact.by,
            str(contact.promised_date)) == ("YG0002", "phone", "答应下周缴费", "admin",
                                            "2026-11-27")


def test_dunning_notices_round_sheet_and_export(qtbot, admin, world, tmp_path, monkeypatch):
    page = ArrearsPage(admin)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    page.print_selected()
    _wait_preview(qtbot, page)
    assert page.preview.page_count() == 1
    text = pdf_text(page.last_pdf)
    assert "YG0000" in text and "张伟" in text and "YG0002" not in text

    page.preview = None
    page.community.setCurrentText("阳光花园")
    page.print_community()
    _wait_preview(qtbot, page)
    assert page.preview.page_count() == 2

    page.preview = None
    page.collector.setCurrentIndex(page.collector.findData(world[3].id))
    page.print_round()
    _wait_preview(qtbot, page)
    assert page.preview.page_count() == 1
    text = pdf_text(page.last_pdf)
    assert "收费员走访催缴单" in text and "收费员：周收费（S001）" in text
    assert "片区：阳光花园" in text and "YG0001" not in text  # 李芳 has paid
    assert "1YG0000张伟阳光花园3号楼2单元501" in text and "YG0002王强" in text
    assert "合计：2户4,104.000.00应收合计¥4,104.00" in text

    target = tmp_path / "arrears.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Excel"))
    page.community.setCurrentIndex(0)
    page.collector.setCurrentIndex(0)
    page.export()
    qtbot.waitUntil(lambda: getattr(page, "last_export", None) is not None, timeout=20000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    numbers = [r[0] for r in rows]
    assert "YG0000" in numbers and "YG0002" in numbers and "YG0001" not in numbers
    assert page.message_box.text().startswith("已导出 2 行到")


def test_round_sheet_of_a_collector_whose_areas_owe_nothing(qtbot, admin, world):
    add_community(admin, "幸福小区", "XF")
    staff = org.add_staff(admin, {"staff_no": "S002", "name": "吴收费", "phone": "",
                                  "hired_on": "2020-01-01", "notes": ""})
    org.add_service_area(admin, staff.id, "collector", community="幸福小区",
                         start_date="2026-01-01")
    page = ArrearsPage(admin)
    qtbot.addWidget(page)
    page.print_round()
    assert page.message_box.text() == "请先选择收费员。"
    page.collector.setCurrentIndex(page.collector.findData(staff.id))
    page.message_box = None
    page.print_round()
    qtbot.waitUntil(lambda: page.message_box is not None, timeout=20000)
    assert page.message_box.text() == "该收费员片区内没有欠费用户。"
    assert getattr(page, "preview", None) is None


def test_recheck_sheets_and_a_discrepancy(qtbot, admin, world):
    page = RecheckPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "请选择小区或收费员。"
    page.community.setCurrentText("阳光花园")
    page.load()
    assert page.model.rowCount() == 3
    assert _cells(page.model, 0)[:7] == ["YG0000", "张伟", "阳光花园3号楼2单元501", "85.50",
                                         "供热", "¥2,052.00", "¥0.00"]
    page.print_sheets()
    _wait_preview(qtbot, page)
    text = pdf_text(page.last_pdf)
    assert "YG0000" in text and "YG0002" in text

    page.table.selectRow(2)
    page.enter_result()
    dialog = page.dialog
    dialog.set_result("discrepancy")
    assert dialog.measured_area.isEnabled()
    assert not dialog.save()  # a discrepancy says what differs and what follows
    assert dialog.errors.labels["follow_up"].isVisibleTo(dialog)
    dialog.measured_area.setText("80.00")
    dialog.follow_up.setCurrentIndex(dialog.follow_up.findData("remeasure"))
    dialog.customer_present.setChecked(True)
    dialog.customer_signed.setChecked(True)
    assert dialog.save()
    recheck = Recheck.get()
    assert (recheck.account.account_no, recheck.result, recheck.billed_area,
            recheck.measured_area, recheck.follow_up, recheck.customer_signed) == (
        "YG0002", "discrepancy", D("85.50"), D("80.00"), "remeasure", True)
    assert RemeasureRequest.select().count() == 1
    last, follow_up = _cells(page.model, 2)[7:9]
    assert last.startswith("2026-11-20 09:30") and last.endswith("有出入")
    assert follow_up == "面积复测"


def test_recheck_adjustment_is_prefilled_from_the_measured_area(qtbot, admin, world):
    page = RecheckPage(admin)
    qtbot.addWidget(page)
    page.community.setCurrentText("阳光花园")
    page.load()
    page.table.selectRow(2)
    page.enter_result()
    dialog = page.dialog
    dialog.set_result("discrepancy")
    dialog.follow_up.setCurrentIndex(dialog.follow_up.findData("adjustment"))
    assert dialog.adjustment_amount.text() == ""  # nothing measured yet
    qtbot.keyClicks(dialog.measured_area, "80.00")
    # 80.00 ㎡ × 24.00 = 1,920.00 against 2,052.00 billed
    assert dialog.adjustment_amount.text() == "-132.00"
    dialog.adjustment_amount.setText("-100")  # the clerk's own amount is kept
    dialog.measured_area.setText("81.00")
    assert dialog.adjustment_amount.text() == "-100"
    assert dialog.save()
    assert Recheck.get().adjustment.amount == D("-100.00")


def test_manager_approves_and_rejects_adjustments(qtbot, admin, world, monkeypatch):
    cashier, _season, homes, _staff = world
    propose_adjustment(cashier, homes[0].id, "-100", "credit", "室温不达标退费")
    propose_adjustment(cashier, homes[2].id, "50", "debit", "面积更正补收")
    manager = make_user(admin, "boss", "manager", "孙经理")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = AdjustmentsPage(manager)
    qtbot.addWidget(page)
    assert page.count_label.text() == "待审批 2 笔"
    assert _cells(page.model, 0)[:6] == ["YG0000", "张伟", "减免/退费", "-¥100.00",
                                         "室温不达标退费", "手工"]
    page.table.selectRow(0)
    page.approve()
    assert Adjustment.get(Adjustment.reason == "室温不达标退费").status == "approved"
    assert AccountBalance.get(AccountBalance.account == homes[0].id).balance == D("1952.00")
    page.table.selectRow(0)
    page.reject()
    dialog = page.dialog
    assert not dialog.save()
    type_chinese(dialog.reason, "面积未复测")
    assert dialog.save()
    assert Adjustment.get(Adjustment.reason == "面积更正补收").status == "rejected"
    assert page.count_label.text() == "待审批 0 笔"
