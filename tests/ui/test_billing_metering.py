"""The seasons page's two-part tariff tools: a meter reading entered through its dialog (errors
beside the fields, nothing saved), and the metered-heat settlement run on the worker thread."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from billing_world import at, make_user
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from heatoffice.accounts import service as accounts
from heatoffice.billing import tariff_change
from heatoffice.billing.models import Adjustment, Bill, BillLine, MeterReading
from heatoffice.billing.run import run_season_billing
from heatoffice.seasons import service as seasons
from heatoffice.ui.meter_dialog import MeterReadingDialog
from heatoffice.ui.seasons_page import SeasonsPage

D = Decimal
AFTER_SEASON = _dt.datetime(2027, 3, 20, 10, 0)


@pytest.fixture
def yes(monkeypatch):
    """Every confirmation answered Yes (the question box would block the test)."""
    asked = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


@pytest.fixture
def metered(admin):
    """A two-part season (24.00/m², basic 9.60/m², 30.00/GJ) with one heating home of
    100.00 m² billed in November; the clock then stands after the season."""
    at()
    s = seasons.add_season(admin, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(admin, s.id, "residential", price_per_m2="24.00", stopped_share="30%",
                             basic_price_per_m2="9.60", price_per_gj="30.00")
    home = accounts.open_account(admin, dict(
        account_no="JL0001", name="赵敏", community="阳光花园", building="1", unit="1",
        room="101", heating_area="100.00", phone="13800000001"), status="heating")
    run_season_billing(admin, s.id)
    at(AFTER_SEASON)
    return s, home


def _reading_dialog(qtbot, page) -> MeterReadingDialog:
    page.enter_reading()
    dialog = page.dialog
    assert isinstance(dialog, MeterReadingDialog)
    qtbot.addWidget(dialog)
    return dialog


def test_bill_carries_the_metered_advance(metered):
    s, home = metered
    bill = Bill.get(Bill.account == home.id, Bill.season == s.id)
    lines = {line.kind: line.amount for line in BillLine.select().where(BillLine.bill == bill)}
    assert lines == {"basic": D("960.00"), "metered": D("1440.00")}


def test_reading_entered_through_the_dialog(qtbot, admin, metered):
    s, home = metered
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    assert page.reading_button.isEnabled() and page.settle_button.isEnabled()
    dialog = _reading_dialog(qtbot, page)
    assert dialog.windowTitle() == "抄表录入（2026-2027 采暖季）"
    assert dialog.editors["read_on"].text() == "2027-03-20"
    qtbot.keyClicks(dialog.editors["account_no"], "jl0001")
    qtbot.keyClicks(dialog.editors["start_gj"], "120.5")
    qtbot.keyClicks(dialog.editors["end_gj"], "165.5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    reading = MeterReading.get()
    assert (reading.account_id, reading.season_id, reading.start_gj, reading.end_gj,
            reading.read_on, reading.read_by) == (
        home.id, s.id, D("120.50"), D("165.50"), _dt.date(2027, 3, 20), "admin")
    assert page.message_box.text() == "用户 JL0001 的抄表读数已保存：用热 45.00 GJ。"


def test_bad_reading_shows_beside_its_field_and_saves_nothing(qtbot, admin, metered):
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    dialog = _reading_dialog(qtbot, page)
    qtbot.keyClicks(dialog.editors["account_no"], "JL0001")
    qtbot.keyClicks(dialog.editors["start_gj"], "50")
    qtbot.keyClicks(dialog.editors["end_gj"], "40")
    assert not dialog.save()
    label = dialog.errors.labels["end_gj"]
    assert label.isVisibleTo(dialog)
    assert label.text() == "结束读数（GJ）：结束读数 40.00 GJ 小于起始读数 50.00 GJ"
    assert not dialog.errors.labels["start_gj"].isVisibleTo(dialog)
    assert MeterReading.select().count() == 0

    dialog.editors["account_no"].setText("NOPE99")
    dialog.editors["end_gj"].setText("60")
    assert not dialog.save()
    assert dialog.errors.labels["account_no"].text() == "找不到户号或编号为“NOPE99”的用户"
    assert not dialog.errors.labels["end_gj"].isVisibleTo(dialog)
    dialog.editors["account_no"].clear()
    assert not dialog.save()
    assert dialog.errors.labels["account_no"].text() == "户号：必须填写"
    assert MeterReading.select().count() == 0
    assert not hasattr(page, "message_box")


def test_settle_through_the_page_books_the_exact_difference(qtbot, admin, metered, yes):
    s, home = metered
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    dialog = _reading_dialog(qtbot, page)
    qtbot.keyClicks(dialog.editors["account_no"], "JL0001")
    qtbot.keyClicks(dialog.editors["start_gj"], "0")
    qtbot.keyClicks(dialog.editors["end_gj"], "45")
    assert dialog.save()

    page.settle_metered()
    assert len(yes) == 1 and "2026-2027" in yes[0]
    with qtbot.waitSignal(page.settle_task.finished, timeout=20000):
        pass
    # 45 GJ × 30.00 = 1,350.00 used against 100 m² × (24.00 − 9.60) = 1,440.00 advanced.
    adjustment = Adjustment.get(Adjustment.kind == "metered_settlement")
    assert (adjustment.account_id, adjustment.amount, adjustment.status) == (
        home.id, D("-90.00"), "approved")
    assert MeterReading.get().adjustment_id == adjustment.id
    assert page.message_box.text() == (
        "采暖季 2026-2027 计量热费结算完成：结算 1 户，调账 1 笔，合计 -¥90.00。")

    # Settling again finds nothing left to settle.
    page.settle_metered()
    with qtbot.waitSignal(page.settle_task.finished, timeout=20000):
        pass
    assert Adjustment.select().where(Adjustment.kind == "metered_settlement").count() == 1
    assert page.message_box.text() == (
        "采暖季 2026-2027 计量热费结算完成：结算 0 户，调账 0 笔，合计 ¥0.00。")


def test_settle_declined_does_nothing(qtbot, admin, metered, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    page.settle_metered()
    assert page.settle_task is None


def test_buttons_need_the_billing_run_permission(qtbot, admin, metered):
    cashier = make_user(admin, "cashier1", "cashier", "王收费")
    page = SeasonsPage(cashier)
    qtbot.addWidget(page)
    assert not page.reading_button.isEnabled()
    assert not page.settle_button.isEnabled()
