"""采暖季与热价: the seasons, every version of their tariffs, and the season's billing run and
payment notices, meter readings and the metered-heat settlement of two-part tariffs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import metering
from heatoffice.billing import queries as billing
from heatoffice.exports import documents
from heatoffice.seasons import queries as seasons
from heatoffice.seasons.queries import SeasonInfo
from heatoffice.ui import formats
from heatoffice.ui.billing_run import BillingRun
from heatoffice.ui.changes import subscribe
from heatoffice.ui.feedback import confirm, inform, preview_document, show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.meter_dialog import MeterReadingDialog
from heatoffice.ui.tables import fixed_rows, make_table
from heatoffice.ui.tariff_dialog import SeasonDialog, TariffDialog
from heatoffice.ui.worker import Task


class SeasonsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.run: BillingRun | None = None
        self.settle_task: Task | None = None
        self.dialog: Any = None  # the open SeasonDialog, TariffDialog or MeterReadingDialog

        self.seasons_model = LazyTableModel(
            [self.tr("Season"), self.tr("First day"), self.tr("Last day"), self.tr("Bills"),
             self.tr("Billed"), self.tr("Notes")], fixed_rows([]), parent=self)
        self.seasons_table = make_table(self.seasons_model, (100, 96, 96, 70, 120, 160), 5)
        self.seasons_table.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_tariffs())
        self.tariffs_model = LazyTableModel(self.tariff_headers(), fixed_rows([]), parent=self)
        self.tariffs_table = make_table(
            self.tariffs_model,
            (70, 50, 50, 96, 80, 96, 100, 80, 100, 80, 100, 100, 96, 96, 96, 100, 90, 150, 200))

        edit = can(actor, "seasons.edit")
        self.add_button = QPushButton(self.tr("Add season…"))
        self.add_button.setEnabled(edit)
        self.add_button.clicked.connect(self.add_season)
        self.tariff_button = QPushButton(self.tr("Set tariff…"))
        self.tariff_button.setEnabled(edit)
        self.tariff_button.clicked.connect(self.set_tariff)
        self.bill_button = QPushButton(self.tr("Bill the season…"))
        self.bill_button.setObjectName("bill")
        self.bill_button.setEnabled(can(actor, "billing.run"))
        self.bill_button.clicked.connect(self.bill_season)
        self.reading_button = QPushButton(self.tr("Meter reading…"))
        self.reading_button.setObjectName("meter_reading")
        self.reading_button.setEnabled(can(actor, "billing.run"))
        self.reading_button.clicked.connect(self.enter_reading)
        self.settle_button = QPushButton(self.tr("Settle metered heat…"))
        self.settle_button.setObjectName("settle_metered")
        self.settle_button.setEnabled(can(actor, "billing.run"))
        self.settle_button.clicked.connect(self.settle_metered)
        self.notices_button = QPushButton(self.tr("Payment notices…"))
        self.notices_button.setEnabled(can(actor, "billing.view"))
        self.notices_button.clicked.connect(self.print_notices)
        self.summary = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Heating seasons")))
        left_layout.addWidget(self.seasons_table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Tariffs: every version, the one in force "
                                              "ticked")))
        right_layout.addWidget(self.tariffs_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 420])
        bar = QHBoxLayout()
        for button in (self.add_button, self.tariff_button, self.bill_button,
                       self.reading_button, self.settle_button, self.notices_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.refresh()
        # Billing runs, tariff changes and settlements move the counts and totals shown.
        subscribe(self, ("seasons",), self.refresh)

    def tariff_headers(self) -> list[str]:
        return [self.tr("Category"), self.tr("Version"), self.tr("In force"),
                self.tr("Price/m²"), self.tr("Stopped share"), self.tr("Late fee/day"),
                self.tr("Late fees from"), self.tr("Discount"), self.tr("Discount until"),
                self.tr("Relief share"), self.tr("Relief max m²"), self.tr("Relief cap"),
                self.tr("Connection/m²"), self.tr("Basic/m²"), self.tr("Price/GJ"),
                self.tr("Settlement"), self.tr("Set by"), self.tr("Set at"), self.tr("Reason")]

    # --- loading -------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.season_id()
        stats = billing.season_bill_totals(self.actor)
        rows = []
        for s in seasons.seasons(self.actor):
            count, total = stats.get(s.id, (0, None))
            rows.append((s.id, s.name, s.start_date, s.end_date, count,
                         formats.yuan(total) if count else None, s.notes))
        self.seasons_model.reset_query(fixed_rows(rows))
        keys = [r[0] for r in rows]
        row = keys.index(current) if current in keys else (0 if rows else -1)
        if row >= 0:
            self.seasons_table.selectRow(row)
        self.show_tariffs()

    def season_id(self) -> int | None:
        index = self.seasons_table.currentIndex()
        return self.seasons_model.key(index.row()) if index.isValid() else None

    def season(self) -> SeasonInfo | None:
        season_id = self.season_id()
        return seasons.season(self.actor, season_id) if season_id is not None else None

    def show_tariffs(self) -> None:
        season_id = self.season_id()
        rows = []
        if season_id is not None:
            history = seasons.tariff_history(self.actor, season_id)
            latest = {t.category: t.version for t in history}
            for t in history:
                rows.append((
                    t.id, glossary.label("account_category", t.category),
                    t.version, latest[t.category] == t.version, formats.yuan(t.price_per_m2),
                    formats.rate(t.stopped_share), formats.rate(t.late_fee_rate),
                    t.late_fee_from, formats.rate(t.discount_rate), t.discount_until,
                    formats.rate(t.relief_share),
                    t.relief_max_area, formats.yuan(t.relief_cap),
                    formats.yuan(t.connection_fee_per_m2), formats.yuan(t.basic_price_per_m2),
                    formats.yuan(t.price_per_gj),
                    glossary.label("tariff_settlement", t.settlement),
                    t.created_by, t.created_at, t.reason))
        self.tariffs_model.reset_query(fixed_rows(rows))
        season = self.seasons_model.row_values(self.seasons_table.currentIndex().row()) \
            if season_id is not None else None
        self.summary.setText("" if season is None else self.tr(
            "{season}: {bills} bills").format(season=season[0], bills=season[3]))

    # --- actions -------------------------------------------------------------------------
    def add_season(self) -> None:
        self.dialog = SeasonDialog(self.actor, self)
        self.dialog.accepted.connect(lambda: self.select_season(self.dialog.season.id))
        self.dialog.open()

    def select_season(self, season_id: int) -> None:
        """Put the cursor on a season (the list was refreshed from the change bus)."""
        for row in range(self.seasons_model.rowCount()):
            if self.seasons_model.key(row) == season_id:
                self.seasons_table.selectRow(row)
                return

    def set_tariff(self) -> None:
        season = self.season()
        if season is None:
            return
        self.dialog = TariffDialog(self.actor, season, self)
        self.dialog.accepted.connect(self._tariff_saved)
        self.dialog.open()

    def _tariff_saved(self) -> None:
        dialog = self.dialog
        count, total = dialog.adjustments
        text = self.tr("Tariff saved as version {version}.").format(version=dialog.tariff.version)
        if count:
            text += glossary.pick("", " ")
            text += self.tr("{count} tariff-change adjustments were booked, total "
                            "{total}.").format(count=count, total=formats.money(total))
        inform(self, text)

    def bill_season(self) -> None:
        season = self.season()
        if season is None or not confirm(self, self.tr(
                "Bill season {season}? Every billable account without a bill for it gets "
                "one.").format(season=season.name)):
            return
        self.run = BillingRun(self.actor, season, self)
        self.run.start()

    def enter_reading(self) -> None:
        season = self.season()
        if season is None:
            return
        self.dialog = MeterReadingDialog(self.actor, season, self)
        self.dialog.accepted.connect(self._reading_saved)
        self.dialog.open()

    def _reading_saved(self) -> None:
        reading = self.dialog.reading
        inform(self, self.tr("Meter reading of account {account} saved: {used} GJ used.").format(
            account=self.dialog.account.account_no, used=reading.end_gj - reading.start_gj))

    def settle_metered(self) -> None:
        season = self.season()
        if season is None or not confirm(self, self.tr(
                "Settle the metered heat of season {season}? Each two-part account with an "
                "unsettled reading gets an adjustment of the difference between the heat used "
                "and the advance on its bill.").format(season=season.name)):
            return
        actor, season_id, name = self.actor, season.id, season.name
        task = Task(lambda _progress: metering.settle_season(actor, season_id),
                    self.tr("Settling the metered heat of season {season}…").format(
                        season=name), self)
        task.finished.connect(lambda result: self._settled(name, result))
        task.error.connect(lambda exc: show_error(self, exc))
        self.settle_task = task.start()

    def _settled(self, season: str, result: metering.SettlementResult) -> None:
        inform(self, self.tr(
            "Metered heat of season {season} settled: {count} accounts, {adjustments} "
            "adjustments, total {total}.").format(
                season=season, count=result.count, adjustments=result.adjustments,
                total=formats.money(result.total)))

    def print_notices(self) -> None:
        season = self.season()
        if season is None:
            return
        names = [self.tr("(every community)"), *accounts.community_names(self.actor)]
        name, ok = QInputDialog.getItem(self, self.tr("Payment notices"),
                                        self.tr("Community:"), names, 0, True)
        if not ok:
            return
        community = None if name == names[0] else name.strip() or None
        actor, season_id = self.actor, season.id
        preview_document(
            self, lambda path, progress: documents.print_notices(
                actor, path, season_id, community, progress=progress),
            f"notices-{season.name}-{community or 'all'}",
            self.tr("Payment notices {season}").format(season=season.name),
            self.tr("Writing payment notices…"))
