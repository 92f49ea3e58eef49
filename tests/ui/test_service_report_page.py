"""The service report page shows the same tables as the Excel file of the same period, cell by
cell; the service settings dialog saves a manager's changes (audited) and refuses bad ones,
naming each field, saving nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableWidget
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.errors import PermissionDenied
from heatoffice.exports.service_report import export_service
from heatoffice.service import calls, complaints, inspections, orders, settings, tempchecks
from heatoffice.ui.service.report_page import ServiceReportPage
from heatoffice.ui.service.settings_dialog import ServiceSettingsDialog

DAY = dt.date(2026, 12, 1)


def _scenario(admin):
    """Two days of the desk: calls of three categories, one out of scope, orders dispatched in
    time, late and not at all, a complaint, an inspection, a cold reading."""
    clock.shift(dt.datetime(2026, 12, 2, 16, 0) - clock.now())
    for no, room in (("YG-101", "101"), ("YG-501", "501")):
        accounts.open_account(admin, dict(account_no=no, name="张伟", community="阳光花园",
                                          building="3", room=room, heating_area="110",
                                          phone="13800000001"), status="heating")
    auth.create_user(admin, "jianxiu", "jianxiu-pw-1", "operations")
    made = []
    for day, hour, category, minutes in ((1, 8, "no-heat", 4), (1, 9, "leak-minor", 12),
                                         (2, 10, "noise", None), (2, 11, "no-heat", 9)):
        at = dt.datetime(2026, 12, day, hour)
        call = calls.add_call(admin, phone="13800000001", contact="张伟", account="YG-101",
                              category=category, content="报修", readback_confirmed=True,
                              at=at)
        order = orders.new_order(admin, call.number)
        if minutes is not None:
            orders.dispatch(admin, order.number, "jianxiu",
                            at=at + dt.timedelta(minutes=minutes))
        made.append(order.number)
    calls.add_call(admin, phone="13800000001", contact="张伟", category="consultation",
                   content="燃气", referred_to="燃气公司", readback_confirmed=True)
    complaints.add(admin, channel="letter", complainant="李娜", account="YG-501",
                   content="室温低", at="2026-12-01 10:00")
    inspections.add(admin, kind="seal", account="YG-101", findings="贴封",
                    at="2026-12-02 09:00")
    tempchecks.record(admin, "YG-501", "16.5", instrument="TM-01", room="卧室",
                      at="2026-12-02 12:00")
    return made


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    return str(value)


def _same(screen: str, excel: object) -> bool:
    if isinstance(excel, int | float) and not isinstance(excel, bool) and screen:
        return Decimal(screen) == Decimal(str(excel))
    return screen == _text(excel) or (isinstance(excel, dt.datetime)
                                      and screen == f"{excel:%Y-%m-%d %H:%M}")


def _cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(i, j).text() for j in range(table.columnCount())]
            for i in range(table.rowCount())]


def test_the_tables_on_screen_are_the_workbooks_sheets(qtbot, admin, tmp_path):
    _scenario(admin)
    page = ServiceReportPage(admin)
    qtbot.addWidget(page)
    page.resize(1200, 680)
    page.start.setDate(QDate(2026, 12, 1))
    page.end.setDate(QDate(2026, 12, 2))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["来电按日按类别", "派工用时", "未关闭维修单按人员（2026-12-02 16:00）",
                      "维修单", "投诉答复", "稽查结果", "室温不达标"]
    out = tmp_path / "service.xlsx"
    export_service(admin, out, DAY, DAY + dt.timedelta(days=1))
    book = load_workbook(out)
    assert len(book.sheetnames) == page.tabs.count()
    for i, name in enumerate(book.sheetnames):
        table = page.tabs.widget(i)
        rows = [list(r) for r in book[name].iter_rows(min_row=3, values_only=True)]
        header = [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())]
        assert header == rows[0], name
        screen = _cells(table)
        assert len(screen) == len(rows) - 1, name
        for s_row, x_row in zip(screen, rows[1:], strict=True):
            assert all(_same(s, x) for s, x in zip(s_row, x_row, strict=True)), (s_row, x_row)
    # the figures themselves: calls by day, dispatch in time, the crews' open orders
    by_day = _cells(page.tabs.widget(0))
    assert by_day[0][0] == "2026-12-01" and by_day[-1][-1] == "5" and by_day[-1][-2] == "1"
    assert _cells(page.tabs.widget(1))[-1][:5] == ["合计", "3", "2", "1", "66.7"]
    crews = {r[0]: r[1:] for r in _cells(page.tabs.widget(2))}
    assert crews["jianxiu"][:3] == ["3", "3", "2"] and crews["（未派工）"][3] == "1"
    assert page.summary.text() == "5 个来电，已派工 3，10 分钟内派工 66.7%"
    # a period the wrong way round is refused on the page
    page.start.setDate(QDate(2026, 12, 3))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisibleTo(page) and "晚于" in page.error.text()


def _dialog(qtbot, actor) -> ServiceSettingsDialog:
    dialog = ServiceSettingsDialog(actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_settings_dialog_refuses_bad_input_naming_each_field(qtbot, admin):
    dialog = _dialog(qtbot, seat("jingli", "manager"))
    assert dialog.editors["service_dispatch_minutes"].text() == "10"
    assert dialog.deadlines["no-heat"].text() == "24"
    dialog.editors["service_dispatch_minutes"].setText("abc")
    dialog.editors["room_temp_standard"].setText("99")
    dialog.editors["complaint_reply_days"].setText("5")  # good, but not saved with the rest
    dialog.deadlines["noise"].setText("0")
    assert dialog.save() is False and dialog.isVisible()
    minutes = dialog.findChild(type(dialog.general_error), "error_service_dispatch_minutes")
    assert minutes.isVisibleTo(dialog) and "派工时限（分钟）" in minutes.text()
    standard = dialog.findChild(type(dialog.general_error), "error_room_temp_standard")
    assert "室温标准（°C）" in standard.text() and "10 至 30" in standard.text()
    noise = dialog.findChild(type(dialog.general_error),
                             "error_service_deadline_hours.noise")
    assert noise.isVisibleTo(dialog) and "噪音的处理时限（小时）：“0”不正确" in noise.text()
    assert settings.get("complaint_reply_days") == "7"
    assert settings.get("service_dispatch_minutes") == "10"
    assert settings.deadline_hours()["noise"] == 72


def test_the_settings_dialog_saves_a_managers_changes_audited(qtbot, admin):
    from heatoffice.audit.models import AuditEntry

    manager = seat("jingli", "manager")
    dialog = _dialog(qtbot, manager)
    dialog.editors["service_dispatch_minutes"].setText("15")
    dialog.deadlines["noise"].setText("48")
    dialog.editors["cold_refund_steps"].setText("2:10,4:25")
    assert dialog.save() is True
    assert settings.get_int("service_dispatch_minutes") == 15
    assert settings.deadline_hours()["noise"] == 48
    assert settings.get("cold_refund_steps") == "2:10,4:25"
    rows = [(e.record_id, e.actor) for e in AuditEntry.select()
            .where(AuditEntry.action == "settings.set").order_by(AuditEntry.id)]
    assert rows == [("service_dispatch_minutes", "jingli"), ("cold_refund_steps", "jingli"),
                    ("service_deadline_hours", "jingli")]
    # only a manager sees the button; the service refuses anyone else
    for actor, shown in ((manager, True), (seat("rexian", "hotline"), False)):
        page = ServiceReportPage(actor)
        qtbot.addWidget(page)
        assert page.settings_button.isVisibleTo(page) is shown
    with pytest.raises(PermissionDenied):
        settings.set_settings(seat("rexian", "hotline"), {"service_dispatch_minutes": "12"})
