"""The home page per role on the reports' scenario (tests/db/report_world.py): the figures
each role sees, its charts, the tiles opening the lists behind them; and the reports page."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).parents[1] / "db"))

from ledger_world import CASHIER2, FINANCE, MANAGER, at  # noqa: E402
from report_world import NOV30, build  # noqa: E402
from seats import seat  # noqa: E402

from heatoffice.service import calls, orders  # noqa: E402
from heatoffice.ui.dashboard import DashboardPage  # noqa: E402
from heatoffice.ui.main_window import MainWindow  # noqa: E402
from heatoffice.ui.reports_page import ReportsPage  # noqa: E402

RECEPTION = seat("rec1", "reception", "李接待")
HOTLINE = seat("rx1", "hotline", "王热线")


@pytest.fixture
def world(sqlite_db):
    w = build()
    at(NOV30)
    return w


def _values(page: DashboardPage) -> dict[str, str]:
    return {key: tile.value.text() for key, tile in page.tiles.items()}


def test_the_cashier_sees_today_by_method(qtbot, world):
    page = DashboardPage(CASHIER2)
    qtbot.addWidget(page)
    assert _values(page) == {"takings_today": "¥1,400.00", "receipts_today": "1",
                             "reversals_today": "0"}
    assert page.data.methods == (("alipay", page.data.methods[0][1]),)
    assert [b.label for b in page.chart.chart.bars] == ["支付宝"]


def _loaded(qtbot, page: DashboardPage) -> DashboardPage:
    """The season's figures come from a worker thread."""
    qtbot.waitUntil(lambda: page.data is not None and not page.data.pending, timeout=10_000)
    return page


def test_finance_sees_the_rate_the_month_and_the_open_days(qtbot, world):
    page = DashboardPage(FINANCE)
    qtbot.addWidget(page)
    # shown at once, filled in when the worker thread has read the season and the month
    assert page.data.pending and page.tiles["season_rate"].value.text() == "…"
    assert page.tiles["month_to_date"].value.text() == "…"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        pass
    assert _values(page) == {"season_rate": "33.5%", "collected": "¥2,600.00",
                             "last_season_rate": "0%", "month_to_date": "¥3,900.00",
                             "open_days": "4"}
    assert page.chart.isHidden() and page.second.isHidden()


def test_the_manager_sees_the_weakest_places_and_the_tiles_open_their_lists(qtbot, world):
    window = MainWindow(MANAGER)
    qtbot.addWidget(window)
    window.show()
    page = _loaded(qtbot, window.stack.currentWidget())
    assert isinstance(page, DashboardPage) and window.current_page_key() == "home"
    values = _values(page)
    assert values["season_rate"] == "33.5%" and values["pending_adjustments"] == "0"
    assert values["overdue_applications"] == "0"
    assert [b.label for b in page.chart.chart.bars] == ["幸福里", "阳光花园"]
    assert page.chart.chart.average_text == "company average 33.5%" or \
        page.chart.chart.average_text.endswith("33.5%")
    assert {b.label for b in page.second.chart.bars} == {"（无）", "东区换热站", "西区换热站"}
    assert any(getattr(s, "text", "") == "26.58%" for s in page.chart.shapes())
    qtbot.mouseClick(page.tiles["pending_adjustments"], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "adjustments"
    window.show_page("home")
    page.tiles["season_rate"].setFocus()
    qtbot.keyClick(page.tiles["season_rate"], Qt.Key.Key_Return)
    assert window.current_page_key() == "reports"
    assert isinstance(window.stack.currentWidget(), ReportsPage)


def test_reception_sees_applications_and_the_queue(qtbot, world):
    page = DashboardPage(RECEPTION)
    qtbot.addWidget(page)
    assert _values(page) == {"applications_today": "0", "reception_queue": "0"}


def _two_calls_one_order() -> None:
    """At 09:00 a minor leak becomes a work order nobody dispatches; a consultation needs none."""
    leak = calls.add_call(HOTLINE, phone="13900000001", contact="赵", category="leak-minor",
                          content="厨房暖气漏水", address="幸福里1-101", readback_confirmed=True)
    calls.add_call(HOTLINE, phone="13900000002", contact="钱", category="consultation",
                   content="问开栓时间", address="幸福里2-202", readback_confirmed=True)
    orders.new_order(HOTLINE, leak.number)


def test_the_hotline_sees_its_calls_and_what_is_late_and_opens_the_orders(qtbot, world):
    _two_calls_one_order()
    at(NOV30, 10)  # an hour later: not dispatched within 10 minutes; due by 24:00 still
    window = MainWindow(HOTLINE)
    qtbot.addWidget(window)
    window.show()
    page = window.stack.currentWidget()
    assert isinstance(page, DashboardPage)
    values = _values(page)
    assert {k: values[k] for k in ("calls_today", "open_orders", "overdue_orders",
                                   "undispatched_orders")} == {
        "calls_today": "2", "open_orders": "1", "overdue_orders": "0",
        "undispatched_orders": "1"}
    qtbot.mouseClick(page.tiles["undispatched_orders"], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "work_orders"


def test_the_manager_sees_the_desks_late_work(qtbot, world):
    _two_calls_one_order()
    at(NOV30 + dt.timedelta(days=1), 9)  # past the minor leak's 24:00
    page = _loaded(qtbot, DashboardPage(MANAGER))
    qtbot.addWidget(page)
    values = _values(page)
    assert (values["overdue_orders"], values["undispatched_orders"]) == ("1", "1")
    assert values["open_inspections"] == "0" and values["overdue_replies"] == "0"
    assert "calls_today" not in values


def test_the_reports_page_shows_the_table_and_charts_of_the_report(qtbot, world):
    page = ReportsPage(MANAGER)
    qtbot.addWidget(page)
    assert page.season.currentData() == "2026-2027" and page.cut.currentData() == "community"
    table = page.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert rows[-1][0] == "合计" and rows[-1][-1] == "33.5%"
    assert "收费率 33.5%" in page.summary.text()
    assert [b.text for b in page.chart.chart.bars] == ["40%", "26.58%"]
    assert [s.name for s in page.second.chart.series] == ["2026-2027", "2025-2026"]
    page.kind.setCurrentIndex(page.kind.findData("takings"))
    page.first.setDate(page.first.date().addDays(-10))
    page.refresh()
    assert page.table.item(page.table.rowCount() - 1, 0).text() == "合计"
    assert page.chart.chart.bars[-1].label == "11-30"
