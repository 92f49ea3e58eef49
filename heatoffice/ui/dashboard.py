"""首页: the first page after login, what the role needs at a glance (reports.queries.dashboard):
the cashier's takings today by method, finance's season rate, month and open days, a
manager's weakest communities and stations and what waits for approval, reception's
applications and queue. A tile opens the list behind it."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.money import format_percent
from heatoffice.reports import charts as ch
from heatoffice.reports import queries
from heatoffice.reports.queries import Dashboard, Tile
from heatoffice.ui import formats
from heatoffice.ui.changes import subscribe
from heatoffice.ui.chart_widget import ChartWidget
from heatoffice.ui.feedback import show_error
from heatoffice.ui.worker import Task

translate = QCoreApplication.translate


def tile_title(key: str) -> str:
    return {
        "takings_today": translate("Dashboard", "My takings today"),
        "receipts_today": translate("Dashboard", "Receipts today"),
        "reversals_today": translate("Dashboard", "Reversals today"),
        "season_rate": translate("Dashboard", "Collection rate"),
        "collected": translate("Dashboard", "Collected this season"),
        "last_season_rate": translate("Dashboard", "Last season, same day"),
        "month_to_date": translate("Dashboard", "Takings this month"),
        "open_days": translate("Dashboard", "Days not closed"),
        "pending_adjustments": translate("Dashboard", "Adjustments to approve"),
        "overdue_applications": translate("Dashboard", "Applications past due"),
        "applications_today": translate("Dashboard", "Applications today"),
        "reception_queue": translate("Dashboard", "Waiting at reception"),
        "calls_today": translate("Dashboard", "Calls today"),
        "open_orders": translate("Dashboard", "Open work orders"),
        "overdue_orders": translate("Dashboard", "Work orders past deadline"),
        "undispatched_orders": translate("Dashboard", "Not dispatched in time"),
        "overdue_replies": translate("Dashboard", "Complaint replies overdue"),
        "open_inspections": translate("Dashboard", "Open inspections"),
    }.get(key, key)


def tile_value(tile: Tile, pending: bool = False) -> str:
    if tile.value is None:
        return "…" if pending else "—"
    if tile.kind == "percent":
        return format_percent(Decimal(tile.value))
    if tile.kind == "money":
        return formats.money(Decimal(tile.value))
    return str(tile.value)


class TileWidget(QFrame):
    """A figure with its name; a click (or Enter) opens its page."""

    clicked = Signal(str)

    def __init__(self, tile: Tile, parent: QWidget | None = None, pending: bool = False):
        super().__init__(parent)
        self.tile = tile
        self.setObjectName(f"tile_{tile.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: #f4f8fc; border-radius: 6px; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if tile.page:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = QLabel(tile_value(tile, pending and tile.key in queries.LATER_TILES))
        self.value.setObjectName("value")
        self.value.setStyleSheet("font-size: 22px; font-weight: bold; color: #1f4e79;")
        name = QLabel(tile_title(tile.key))
        name.setStyleSheet("color: #444;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(name)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        if self.tile.page and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.tile.page)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if self.tile.page and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                              Qt.Key.Key_Space):
            self.clicked.emit(self.tile.page)
            return
        super().keyPressEvent(event)


class DashboardPage(QWidget):
    """``loaded`` once every figure is shown (the season's arrive from a worker thread)."""

    loaded = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.data: Dashboard | None = None
        self.task: Task | None = None
        self.snapshot_task: Task | None = None
        self.snapshot_day: _dt.date | None = None
        self.tiles: dict[str, TileWidget] = {}
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        self.chart = ChartWidget(self)
        self.chart.setObjectName("chart")
        self.second = ChartWidget(self)
        self.second.setObjectName("second_chart")
        charts = QHBoxLayout()
        charts.addWidget(self.chart, 1)
        charts.addWidget(self.second, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        layout.addLayout(charts, 1)
        subscribe(self, ("payments", "ledger", "adjustments", "closing", "applications"),
                  self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """What a few index lookups read at once; the season's and the month's figures from a
        worker thread (a pass over the season's bills: seconds at a city of 500,000), shown
        when they come."""
        self.task = None
        self.show_data(queries.home_page(self.actor))
        d = self.data
        if d is None or not d.pending:
            self.loaded.emit()
            return
        actor, today = self.actor, d.today
        # No parent: the task outlives a page closed meanwhile (its thread must finish); the
        # page's slots are disconnected with the page.
        task = Task(lambda _progress: queries.later_figures(actor, today),
                    self.tr("Reading the season"), None, show_dialog=False)
        task.finished.connect(self._season_came)
        task.error.connect(self._season_failed)
        self.task = task.start()

    def _season_came(self, found: queries.LaterFigures) -> None:
        if self.sender() is not self.task or self.data is None:
            return  # an earlier refresh's: a later one is on its way
        self.show_data(queries.with_later(self.data, found))
        self.loaded.emit()
        self._refresh_snapshot(self.data.today)

    def _refresh_snapshot(self, today: _dt.date) -> None:
        """A snapshot made before today: a new one in the background (reports.snapshots),
        so that tomorrow's delta starts from today; nothing is shown, a failure is quiet
        (the figures are exact with the older one)."""
        actor = self.actor
        if self.snapshot_day == today:
            return  # asked for once today by this page
        self.snapshot_day = today
        try:
            if not queries.snapshot_stale(actor, today):
                return
        except Exception:  # noqa: BLE001 (a cache: the page works without it)
            return
        task = Task(lambda _progress: queries.refresh_snapshot(actor, today),
                    self.tr("Reading the season"), None, show_dialog=False)
        self.snapshot_task = task.start()

    def _season_failed(self, exc: BaseException) -> None:
        # A page no longer shown (its window closed, the database gone) says nothing.
        if self.sender() is self.task and self.isVisible():
            show_error(self, exc)

    def show_data(self, d: Dashboard) -> None:
        self.data = d
        self.heading.setText(self.tr("{role} — {day}{season}").format(
            role=glossary.label("role", self.actor.role), day=d.today.isoformat(),
            season=self.tr(", season {name}").format(name=d.season) if d.season else ""))
        while self.grid.count():
            item = self.grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.tiles = {}
        for i, tile in enumerate(d.tiles):
            w = TileWidget(tile, self, d.pending)
            w.clicked.connect(self.open_page)
            self.tiles[tile.key] = w
            self.grid.addWidget(w, i // 4, i % 4)
        first: ch.BarChart | None = None
        second: ch.BarChart | None = None
        rate = next((t.value for t in d.tiles if t.key == "season_rate"), None)
        average = None if rate is None else Decimal(rate)
        label = self.tr("company average")
        if d.methods:
            first = ch.money_bars(self.tr("Today by method (yuan)"),
                                  [(glossary.label("payment_method", m), v)
                                   for m, v in d.methods])
        if d.weakest:
            first = ch.rate_bars(self.tr("Weakest communities"), list(d.weakest), average,
                                 label)
        if d.weakest_stations:
            second = ch.rate_bars(self.tr("Weakest heat stations"), list(d.weakest_stations),
                                  average, label)
        self.chart.set_chart(first)
        self.second.set_chart(second)
        self.chart.setVisible(first is not None)
        self.second.setVisible(second is not None)

    def open_page(self, key: str) -> None:
        window = self.window()
        keys = getattr(window, "page_keys", None)
        if callable(keys) and key in keys():
            window.show_page(key)  # type: ignore[attr-defined]
