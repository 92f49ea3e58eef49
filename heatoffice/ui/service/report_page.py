"""服务报表: the service report of a period on screen, one tab per table (calls per day and
category, dispatch times with the share in time, open and overdue work orders by crew, the
period's work orders, complaint replies, inspection outcomes, cold homes), the same tables
the Excel and PDF files hold (read through ``service.queries.service_report``); Excel…,
Print preview… and, for a manager, the service settings."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.exports.service_report import write_service_report
from heatoffice.service import queries
from heatoffice.service.reports import ServiceReport, Sheet, cell_text, is_figure
from heatoffice.ui.changes import subscribe
from heatoffice.ui.feedback import export_excel, inform, preview_document
from heatoffice.ui.field_errors import error_label
from heatoffice.ui.tables import make_widget_table

PIXELS_PER_WIDTH = 8  # a column's width in the workbook (characters) on the screen


def _qdate(day: _dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> _dt.date:
    q = edit.date()
    return _dt.date(q.year(), q.month(), q.day())


def sheet_table(sheet: Sheet) -> QTableWidget:
    """One sheet as a read-only table: the cells as ``reports.cell_text`` writes them, figures
    right-aligned."""
    table = make_widget_table([glossary.pick(c.zh, c.en) for c in sheet.columns],
                              tuple(c.width * PIXELS_PER_WIDTH for c in sheet.columns))
    table.setObjectName(f"sheet_{sheet.key}")
    table.setRowCount(len(sheet.rows))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for i, row in enumerate(sheet.rows):
        for j, (column, value) in enumerate(zip(sheet.columns, row, strict=True)):
            item = QTableWidgetItem(cell_text(column, value))
            if is_figure(value):
                item.setTextAlignment(right)
            table.setItem(i, j, item)
    return table


class ServiceReportPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.report: ServiceReport | None = None
        self.preview = None
        self.stale = False
        today = clock.today()
        # this month, or the last seven days early in a month
        self.start = QDateEdit(_qdate(min(today.replace(day=1),
                                          today - _dt.timedelta(days=6))))
        self.end = QDateEdit(_qdate(today))
        for edit, name in ((self.start, "date_from"), (self.end, "date_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("show")
        self.show_button.clicked.connect(self.load)
        self.excel_button = QPushButton(self.tr("Excel…"))
        self.excel_button.setObjectName("excel")
        self.excel_button.clicked.connect(self.export)
        self.pdf_button = QPushButton(self.tr("Print preview…"))
        self.pdf_button.setObjectName("pdf")
        self.pdf_button.clicked.connect(self.print_preview)
        self.settings_button = QPushButton(self.tr("Service settings…"))
        self.settings_button.setObjectName("service_settings")
        self.settings_button.clicked.connect(self.edit_settings)
        self.settings_button.setVisible(can(actor, "settings.edit"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.error = error_label()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sheets")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("From:")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(self.tr("To:")))
        bar.addWidget(self.end)
        bar.addWidget(self.show_button)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.excel_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.load()
        subscribe(self, ("calls", "work_orders", "complaints", "inspections", "tempchecks"),
                  self.changed)

    def changed(self) -> None:
        """A write elsewhere: reload now when shown, else when next shown."""
        if self.isVisible():
            self.load()
        else:
            self.stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.stale:
            self.load()

    def load(self) -> None:
        self.stale = False
        self.error.setVisible(False)
        start, end = _day(self.start), _day(self.end)
        if start > end:
            self.error.setText(self.tr("The first day is after the last."))
            self.error.setVisible(True)
            return
        keep = self.tabs.currentIndex()
        try:
            self.report = queries.service_report(self.actor, start, end)
        except UserError as exc:
            self.error.setText(exc.message())
            self.error.setVisible(True)
            return
        self.tabs.clear()
        for sheet in self.report.sheets:
            self.tabs.addTab(sheet_table(sheet), glossary.pick(sheet.title_zh, sheet.title_en))
        if 0 <= keep < self.tabs.count():
            self.tabs.setCurrentIndex(keep)
        self.summary.setText(self.summary_text(self.report))

    def summary_text(self, report: ServiceReport) -> str:
        """The period's calls and the share dispatched in time (the totals rows)."""
        sheets = {s.key: s for s in report.sheets}
        calls = sheets["calls_by_day"].rows[-1][-1]
        total = sheets["dispatch_times"].rows[-1]
        share = "-" if total[4] is None else f"{total[4]}%"
        return self.tr("{calls} calls, {dispatched} dispatched, {share} within {minutes} "
                       "minutes").format(calls=calls, dispatched=total[1], share=share,
                                         minutes=queries.dispatch_minutes())

    def _name(self) -> str:
        return f"service-{_day(self.start)}-{_day(self.end)}"

    def export(self) -> None:
        report, actor = self.report, self.actor
        if report is None:
            inform(self, self.tr("Show a report first."))
            return
        export_excel(self, lambda path, _p: write_service_report(actor, report, path),
                     f"{self._name()}.xlsx", self.tr("Writing the service report…"))

    def print_preview(self) -> None:
        report, actor = self.report, self.actor
        if report is None:
            inform(self, self.tr("Show a report first."))
            return
        preview_document(self, lambda path, _p: write_service_report(actor, report, path),
                         self._name(), self.tr("Service report"), self.tr("Making the PDF"))

    def edit_settings(self) -> None:
        from heatoffice.ui.service.settings_dialog import ServiceSettingsDialog

        self.dialog = ServiceSettingsDialog(self.actor, self)
        self.dialog.accepted.connect(self.load)
        self.dialog.open()
