"""The print preview, the seasons page with its tariff dialog and billing run (cancelled and
not), and the closing page whose day close then stops the cashier's window."""

from __future__ import annotations

import subprocess
import threading
from decimal import Decimal

import pytest
from billing_world import at, billed_world, homes, pdf_text, season, type_chinese
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton

from heatoffice.audit import seals as ledger_seals
from heatoffice.billing.models import Adjustment, Bill, DayClose, Payment
from heatoffice.billing.payments import record_payment
from heatoffice.seasons.models import Season, Tariff
from heatoffice.ui import billing_run
from heatoffice.ui.cashier_page import CashierPage
from heatoffice.ui.closing_page import ClosingPage
from heatoffice.ui.pdf_preview import PdfPreviewDialog
from heatoffice.ui.seasons_page import SeasonsPage
from heatoffice.ui.tariff_dialog import SeasonDialog, TariffDialog

D = Decimal


@pytest.fixture
def yes(monkeypatch):
    """Every confirmation answered Yes (the question box would block the test)."""
    asked = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def _pdf(path, pages: int) -> None:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    for n in range(1, pages + 1):
        c.drawString(100, 700, f"page {n}")
        c.showPage()
    c.save()


def _cells(model, row: int) -> list:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


# --- print preview -----------------------------------------------------------------------

def test_preview_renders_turns_zooms_prints_and_saves(qtbot, tmp_path):
    source = tmp_path / "three.pdf"
    _pdf(source, 3)
    dialog = PdfPreviewDialog(source, title="test")
    qtbot.addWidget(dialog)
    assert dialog.page_count() == 3
    assert not dialog.current_image().isNull()
    assert dialog.fit_width and dialog.zoom < 1  # fitted into the 800×600 test screen
    dialog.set_zoom(1.0)
    image = dialog.current_image()
    # A4 at 96 dpi: 595 x 842 pt -> 794 x 1123 px.
    assert (image.width(), image.height()) == (794, 1123)
    assert dialog.page_label.text() == "第 1 / 3 页"
    assert not dialog.prev_action.isEnabled()
    dialog.next_page()
    dialog.next_page()
    assert dialog.page_label.text() == "第 3 / 3 页"
    assert not dialog.next_action.isEnabled()
    dialog.step_zoom(1)
    assert dialog.current_image().width() == 993  # 125 % (120 dpi)

    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer) == 3
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert "Pages:           3" in info
    assert "A4" in info

    saved = dialog.save_to(tmp_path / "copy")
    assert saved.name == "copy.pdf"
    assert saved.read_bytes() == source.read_bytes()


def test_preview_of_a_landscape_receipt_prints_landscape(qtbot, admin, tmp_path):
    cashier, _season, homes_ = billed_world(admin)
    from heatoffice.exports import documents

    payment = record_payment(cashier, homes_[0].id, "100", "card")
    path = tmp_path / "r.pdf"
    documents.print_receipt(cashier, path, payment.receipt_no)
    dialog = PdfPreviewDialog(path)
    qtbot.addWidget(dialog)
    image = dialog.current_image()
    assert image.width() > image.height()
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    assert dialog.print_to(printer) == 1
    info = subprocess.run(["pdfinfo", str(tmp_path / "p.pdf")], capture_output=True,
                          text=True).stdout
    assert "595 x 420 pts (A5)" in info


# --- seasons, tariffs, billing run -------------------------------------------------------

def test_add_a_season_with_errors_beside_the_fields(qtbot, admin):
    at()
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    dialog = SeasonDialog(admin, page)
    qtbot.addWidget(dialog)
    assert dialog.editors["season_name"].text() == "2026-2027"
    dialog.editors["season_name"].setText("2026")
    dialog.editors["end_date"].setText("2026-02-30")
    assert not dialog.save()
    assert dialog.errors.labels["season_name"].isVisibleTo(dialog)
    assert dialog.errors.labels["end_date"].text() == "结束日期：“2026-02-30”不是日期（年-月-日）"
    assert Season.select().count() == 0
    dialog.editors["season_name"].setText("2026-2027")
    dialog.editors["end_date"].setText("2027-03-15")
    assert dialog.save()
    page.refresh(dialog.season.id)
    assert _cells(page.seasons_model, 0)[:4] == ["2026-2027", "2026-11-15", "2027-03-15", "0"]


def test_set_a_tariff_every_number_and_its_versions(qtbot, admin):
    at()
    s = season(admin)
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    dialog = TariffDialog(admin, s, page)
    qtbot.addWidget(dialog)
    # The form starts from the tariff in force.
    assert dialog.editors["price_per_m2"].text() == "24.00"
    assert dialog.editors["stopped_share"].text() == "30%"
    assert dialog.editors["late_fee_rate"].text() == "0.05%"
    assert dialog.editors["late_fee_from"].text() == "2027-01-01"
    dialog.editors["price_per_m2"].setText("abc")
    dialog.editors["discount_rate"].setText("2%")  # needs its deadline
    assert not dialog.save()
    assert dialog.errors.labels["price_per_m2"].isVisibleTo(dialog)
    assert dialog.errors.labels["discount_until"].text() == "优惠截止日：必须填写"
    dialog.editors["price_per_m2"].setText("25.50")
    dialog.editors["discount_until"].setText("2026-11-30")
    assert dialog.save()
    assert dialog.adjustments == (0, D("0.00"))
    t = Tariff.get(Tariff.version == 2)
    assert (t.price_per_m2, t.discount_rate, t.stopped_share) == (D("25.50"), D("0.02"),
                                                                   D("0.3"))
    page.show_tariffs()
    assert page.tariffs_model.rowCount() == 2
    assert _cells(page.tariffs_model, 1)[:9] == [
        "居民", "2", "✓", "¥25.50", "30%", "0.05%", "2027-01-01", "2%", "2026-11-30"]
    assert _cells(page.tariffs_model, 0)[2] == ""


def test_tariff_change_on_a_billed_season_is_confirmed_and_adjusts(qtbot, admin, yes):
    _cashier, s, _homes = billed_world(admin)
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    page.set_tariff()
    dialog = page.dialog
    assert "已开账单 3 张" in dialog.version_label.text()
    dialog.editors["price_per_m2"].setText("25.00")
    assert not dialog.save()  # a billed season needs a reason
    assert dialog.errors.labels["reason"].text() == "原因：必须填写"
    assert len(yes) == 1 and "已开账单 3 张" in yes[0]
    type_chinese(dialog.reason, "物价局核准调价")
    assert dialog.save()
    assert dialog.adjustments == (3, D("256.50"))  # 85.50 m² × 1.00 × 3 homes
    assert Adjustment.select().where(Adjustment.kind == "tariff_change").count() == 3
    assert page.message_box.text() == "热价已保存为第 2 版。已生成调价差额 3 笔，合计 ¥256.50。"
    assert Bill.select().where(Bill.total == D("2052.00")).count() == 3  # bills untouched


def test_billing_run_with_progress_and_result(qtbot, admin, yes):
    at()
    s = season(admin)
    homes(admin, 12)
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    page.bill_season()
    assert "2026-2027" in yes[0]
    with qtbot.waitSignal(page.run.done, timeout=20000):
        pass
    assert Bill.select().where(Bill.season == s.id).count() == 12
    assert page.message_box.text().startswith(
        "采暖季 2026-2027 开票完成：开出账单 12 户，合计 ¥24,624.00。另有 0 户不开票")
    assert _cells(page.seasons_model, 0)[3:5] == ["12", "¥24,624.00"]


def test_cancelled_billing_run_leaves_no_bills(qtbot, admin, yes, monkeypatch):
    at()
    s = season(admin)
    homes(admin, 30)
    reached, release = threading.Event(), threading.Event()
    real = billing_run.run_season_billing

    def held_at_the_end(actor, season_id, *, progress):
        def report(done, total):
            if total and done == total:  # every bill written, the transaction still open
                reached.set()
                release.wait(10)
            return progress(done, total)

        return real(actor, season_id, progress=report)

    monkeypatch.setattr(billing_run, "run_season_billing", held_at_the_end)
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    page.show()
    page.bill_season()
    task = page.run.task
    assert reached.wait(10)
    qtbot.waitUntil(task.dialog.isVisible, timeout=3000)
    qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert task.cancelled
    release.set()
    with qtbot.waitSignal(page.run.done, timeout=20000):
        pass
    assert page.run.result is None
    assert page.message_box.text() == "采暖季 2026-2027 的开票已取消，未开出任何账单。"
    assert Bill.select().where(Bill.season == s.id).count() == 0
    assert _cells(page.seasons_model, 0)[3] == "0"


# --- day close -----------------------------------------------------------------------------

def test_closing_the_day_locks_the_cashiers_window(qtbot, admin, yes):
    cashier, _season, homes_ = billed_world(admin)
    record_payment(cashier, homes_[0].id, "2052", "cash", tendered="2100")
    record_payment(cashier, homes_[1].id, "1000", "wechat")
    page = ClosingPage(cashier)
    qtbot.addWidget(page)
    assert not page.cashier.isEnabled()
    assert not page.month_box.isVisibleTo(page)
    values = {k: v.text() for k, v in page.values.items()}
    assert values == {"state": "未日结", "receipts": "2 张（收款 2 笔）", "first": "2026-000001",
                      "last": "2026-000002", "gross": "¥3,052.00", "reversals": "0 笔，¥0.00",
                      "total": "¥3,052.00", "cash": "¥2,052.00", "seal": "—"}
    assert [_cells(page.methods_model, r) for r in range(2)] == [
        ["现金", "¥2,052.00"], ["微信", "¥1,000.00"]]

    page.print_report()
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=20000)
    text = pdf_text(page.last_pdf)
    assert "2026-000001" in text and "2026-000002" in text and "2,052.00" in text

    page.close_day()
    assert "¥2,052.00" in yes[-1]
    close = DayClose.get()
    assert (close.cashier, close.receipt_count, close.total, close.cash_to_hand_over) == (
        "cashier1", 2, D("3052.00"), D("2052.00"))
    assert page.values["state"].text().startswith("已日结（2026-11-20 09:30")
    # the close's ledger seal, as the daily report prints it (heatoffice.audit.seals)
    code = ledger_seals.code_of("day_close", close.id)
    assert len(code) == 24 and page.values["seal"].text() == code
    assert not page.close_button.isEnabled()
    assert page.message_box.text() == "已日结。请上交现金 ¥2,052.00。"

    window = CashierPage(cashier)
    qtbot.addWidget(window)
    window.pick(homes_[2].id)
    assert window.panel.take() is None
    assert window.panel.general_error.isVisibleTo(window)
    assert window.panel.general_error.text() == (
        "cashier1 的 2026-11-20 已日结，不能再记入该日；更正请记入未日结的日期")
    assert Payment.select().count() == 2


def test_finance_sees_every_cashier_and_the_month(qtbot, admin):
    from billing_world import make_user

    cashier, _season, homes_ = billed_world(admin)
    record_payment(cashier, homes_[0].id, "10", "cash")
    finance = make_user(admin, "finance1", "finance", "赵财务")
    page = ClosingPage(finance)
    qtbot.addWidget(page)
    assert page.cashier.isEnabled()
    assert page.cashier.findData("cashier1") >= 0
    assert page.month_box.isVisibleTo(page)
    assert page.month.text() == "2026-10"
    page.cashier.setCurrentIndex(page.cashier.findData("cashier1"))
    assert page.values["total"].text() == "¥10.00"
    page.month.setText("2026-11")
    page.refresh_month()
    assert page.month_state.text() == "2026-11：还有 1 个收费日未日结：cashier1 2026-11-20"
