"""收费统计: the collection reports on screen (the table the command line prints, the charts
the PDF draws), printed to PDF in preview or exported to Excel."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.exports.reports import write_report
from heatoffice.reports import charts as ch
from heatoffice.reports import documents as d
from heatoffice.reports import queries
from heatoffice.reports.cuts import CUTS
from heatoffice.reports.tables import report_table
from heatoffice.ui.changes import subscribe
from heatoffice.ui.chart_widget import ChartWidget
from heatoffice.ui.feedback import export_excel, preview_document, show_error
from heatoffice.ui.tables import make_widget_table


def _qdate(day: _dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> _dt.date:
    q = edit.date()
    return _dt.date(q.year(), q.month(), q.day())


class ReportsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.preview = None
        self.report: Any = None
        today = clock.today()
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code in d.KINDS:
            self.kind.addItem(glossary.label("report_kind", code), code)
        self.season = QComboBox()
        self.season.setObjectName("season")
        for name in queries.season_names(actor):
            self.season.addItem(name, name)
        current = queries.current_season_name(actor, today)
        if current:
            self.season.setCurrentIndex(max(0, self.season.findData(current)))
        self.cut = QComboBox()
        self.cut.setObjectName("cut")
        self.cut.addItem(self.tr("Company"), "")
        for code in CUTS:
            self.cut.addItem(glossary.label("report_cut", code), code)
        self.cut.setCurrentIndex(1)
        self.on = QDateEdit(_qdate(today))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.first = QDateEdit(_qdate(today.replace(day=1)))
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("show")
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(self.tr("Print preview…"))
        self.pdf_button.clicked.connect(self.print_preview)
        self.xlsx_button = QPushButton(self.tr("Export to Excel…"))
        self.xlsx_button.clicked.connect(self.export)
        may_export = can(actor, "reports.export")
        self.pdf_button.setEnabled(may_export)
        self.xlsx_button.setEnabled(may_export)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.table = make_widget_table([""], (160,), 0)
        self.table.setObjectName("report_table")
        self.chart = ChartWidget(self)
        self.chart.setObjectName("chart")
        self.second = ChartWidget(self)
        self.second.setObjectName("second_chart")

        bar = QHBoxLayout()
        for label, widget in ((self.tr("Report"), self.kind), (self.tr("Season"), self.season),
                              (self.tr("By"), self.cut), (self.tr("From"), self.first),
                              (self.tr("As of"), self.on)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        charts = QHBoxLayout()
        charts.addWidget(self.chart, 1)
        charts.addWidget(self.second, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addLayout(charts, 3)
        layout.addWidget(self.table, 2)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        subscribe(self, ("payments", "ledger", "adjustments"), self.refresh)
        self.refresh()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.first.setEnabled(kind == "takings")
        self.season.setEnabled(kind in ("collection", "compare"))
        self.cut.setEnabled(kind != "takings")

    def build(self) -> Any:
        kind, cut = self.kind.currentData(), self.cut.currentData() or None
        on = _day(self.on)
        if kind == "takings":
            return queries.takings_report(self.actor, _day(self.first), on)
        if kind == "ageing":
            return queries.ageing_report(self.actor, on, cut)
        season = self.season.currentData()
        if not season:
            return None
        if kind == "collection":
            return queries.collection_report(self.actor, season, on, cut)
        return queries.compare_report(self.actor, season, on, cut)

    def refresh(self) -> None:
        try:
            self.report = report = self.build()
        except UserError as exc:
            show_error(self, exc)
            return
        if report is None:
            self.summary.setText(self.tr("There is no season yet."))
            self.table.setRowCount(0)
            return
        table = report_table(report)
        self.summary.setText("　".join(table.summary))
        self.table.setColumnCount(len(table.header))
        self.table.setHorizontalHeaderLabels(table.header)
        rows = [*table.rows, *table.totals]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if c:  # figures right, as on paper
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        first: ch.BarChart | ch.LineChart | None = None
        second: ch.BarChart | ch.LineChart | None = None
        if isinstance(report, d.CollectionReport):
            first = ch.collection_bars(report, None) if report.cut and report.rows else None
            second = ch.collection_curve(report, None)
        elif isinstance(report, d.AgeingReport):
            first = ch.ageing_bars(report, None)
        elif isinstance(report, d.TakingsReport):
            first = ch.takings_bars(report, None)
        elif report.cut and report.rows:
            first = ch.rate_bars(glossary.label("report_kind", "compare"),
                                 [(ch.group_name(report.cut, g.key, g.name), g.this.rate)
                                  for g in report.rows], report.total.this.rate,
                                 self.tr("company average"))
        self.chart.set_chart(first)
        self.second.set_chart(second)
        self.chart.setVisible(first is not None)
        self.second.setVisible(second is not None)

    def _name(self) -> str:
        return f"{self.kind.currentData()}-{_day(self.on).isoformat()}"

    def print_preview(self) -> None:
        report, actor = self.report, self.actor
        if report is None:
            return
        preview_document(self, lambda path, _p: write_report(actor, report, path), self._name(),
                         glossary.label("report_kind", self.kind.currentData()),
                         self.tr("Making the PDF"))

    def export(self) -> None:
        report, actor = self.report, self.actor
        if report is None:
            return
        export_excel(self, lambda path, _p: write_report(actor, report, path),
                     f"{self._name()}.xlsx", self.tr("Exporting"))
