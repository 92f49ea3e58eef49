"""日清月结: a cashier's day (totals by method, receipts, reversals, cash to hand over), the day
close, the daily report in print preview and Excel; finance sees every cashier and closes the
month."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import closing
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import DayState
from heatoffice.errors import UserError
from heatoffice.exports import documents, ledger_xlsx
from heatoffice.ui import formats, i18n
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import confirm, export_excel, inform, preview_document, show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table

SUMMARY = ("state", "receipts", "first", "last", "gross", "reversals", "total", "cash", "seal")


def previous_month(day: _dt.date) -> str:
    first = day.replace(day=1) - _dt.timedelta(days=1)
    return closing.month_key(first)


class ClosingPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.preview = None
        self.summary: DayState | None = None
        self.for_others = closing.may_close_for_others(actor)

        self.cashier = QComboBox()
        self.cashier.setMinimumWidth(160)
        for username, shown in billing.cashiers(actor):
            self.cashier.addItem(f"{username} {shown}".strip(), username)
        self.cashier.setCurrentIndex(max(0, self.cashier.findData(actor.username)))
        self.cashier.setEnabled(self.for_others)
        today = clock.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.cashier.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())

        self.values: dict[str, QLabel] = {}
        day_box = QGroupBox(self.tr("Day"))
        form = QFormLayout()
        captions = {"state": self.tr("State"), "receipts": self.tr("Receipts"),
                    "first": self.tr("First receipt"), "last": self.tr("Last receipt"),
                    "gross": self.tr("Payments"), "reversals": self.tr("Reversals"),
                    "total": self.tr("Net total"), "cash": self.tr("Cash to hand over"),
                    # the close's seal of the ledger, as the daily report prints it
                    "seal": self.tr("Ledger seal")}
        for key in SUMMARY:
            label = QLabel()
            label.setObjectName(f"summary_{key}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values[key] = label
            form.addRow(captions[key] + glossary.pick("：", ":"), label)
        bold = label.font()
        bold.setBold(True)
        for key in ("total", "cash", "state"):
            self.values[key].setFont(bold)
        self.methods_model = LazyTableModel([self.tr("Method"), self.tr("Amount")],
                                            fixed_rows([]), parent=self)
        self.methods_table = make_table(self.methods_model, (120, 140), 1)
        self.methods_table.setMaximumHeight(190)
        self.close_button = QPushButton(self.tr("Close the day…"))
        self.close_button.setObjectName("close_day")
        self.close_button.clicked.connect(self.close_day)
        self.report_button = QPushButton(self.tr("Daily report"))
        self.report_button.clicked.connect(self.print_report)
        self.export_button = QPushButton(self.tr("Daily report to Excel…"))
        self.export_button.setEnabled(can(actor, "billing.export"))
        self.export_button.clicked.connect(self.export_report)
        figures = QWidget()
        figures.setLayout(form)
        figures.setMaximumWidth(440)
        self.methods_table.setMaximumWidth(340)
        columns = QHBoxLayout()
        columns.addWidget(figures)
        columns.addSpacing(24)
        columns.addWidget(self.methods_table)
        columns.addStretch(1)
        day_buttons = QHBoxLayout()
        for button in (self.close_button, self.report_button, self.export_button):
            day_buttons.addWidget(button)
        day_buttons.addStretch(1)
        day_layout = QVBoxLayout(day_box)
        day_layout.addLayout(columns)
        day_layout.addLayout(day_buttons)

        self.month_box = QGroupBox(self.tr("Month"))
        self.month = QLineEdit(previous_month(today))
        self.month.setObjectName("month")
        self.month.setMaximumWidth(100)
        self.month.setPlaceholderText("YYYY-MM")
        self.month.returnPressed.connect(self.refresh_month)
        self.month_state = QLabel()
        self.month_state.setWordWrap(True)
        self.close_month_button = QPushButton(self.tr("Close the month…"))
        self.close_month_button.setEnabled(can(actor, "month.close"))
        self.close_month_button.clicked.connect(self.close_month)
        self.month_report_button = QPushButton(self.tr("Month report"))
        self.month_report_button.clicked.connect(self.print_month)
        self.month_export_button = QPushButton(self.tr("Month report to Excel…"))
        self.month_export_button.setEnabled(can(actor, "billing.export"))
        self.month_export_button.clicked.connect(self.export_month)
        month_row = QHBoxLayout()
        month_row.addWidget(QLabel(self.tr("Month:")))
        month_row.addWidget(self.month)
        for button in (self.close_month_button, self.month_report_button,
                       self.month_export_button):
            month_row.addWidget(button)
        month_row.addStretch(1)
        month_layout = QVBoxLayout(self.month_box)
        month_layout.addLayout(month_row)
        month_layout.addWidget(self.month_state)
        self.month_box.setVisible(can(actor, "month.close") or self.for_others)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Cashier:")))
        top.addWidget(self.cashier)
        top.addWidget(QLabel(self.tr("Business date:")))
        top.addWidget(self.day)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(day_box)
        layout.addWidget(self.month_box)
        layout.addStretch(1)
        self.refresh()
        self.refresh_month()
        # A payment or reversal at the window moves the day's totals the moment it is taken.
        subscribe(self, ("payments", "closing"), self.refresh_all)

    def refresh_all(self) -> None:
        self.refresh()
        self.refresh_month()

    def chosen(self) -> tuple[str, _dt.date]:
        day = self.day.date().toPython()
        assert isinstance(day, _dt.date)
        return self.cashier.currentData(), day

    # --- the day -------------------------------------------------------------------------
    def refresh(self) -> None:
        cashier, day = self.chosen()
        s = self.summary = billing.day_state(self.actor, cashier, day)
        if s.closed:
            state = self.tr("Closed {at} by {who}").format(
                at=formats.display(s.closed_at), who=s.closed_by_name)
        else:
            state = self.tr("Open")
        self.values["state"].setText(state)
        self.values["receipts"].setText(self.tr("{count} ({payments} payments)").format(
            count=s.receipt_count, payments=s.payment_count))
        self.values["first"].setText(s.first_receipt or "—")
        self.values["last"].setText(s.last_receipt or "—")
        self.values["gross"].setText(formats.money(s.gross_total))
        self.values["reversals"].setText(self.tr("{count}, {amount}").format(
            count=s.reversal_count, amount=formats.money(s.reversal_total)))
        self.values["total"].setText(formats.money(s.total))
        self.values["cash"].setText(formats.money(s.cash_to_hand_over))
        self.values["seal"].setText(s.seal or "—")
        rows = [(m, glossary.label("payment_method", m), formats.yuan(amount))
                for m, amount in s.totals_by_method]
        self.methods_model.reset_query(fixed_rows(rows))
        self.close_button.setEnabled(not s.closed and can(self.actor, "day.close"))

    def close_day(self) -> None:
        cashier, day = self.chosen()
        s = self.summary
        if s is None or not confirm(self, self.tr(
                "Close {cashier}'s day {day}? {count} receipts, net {total}, cash to hand over "
                "{cash}. After closing nothing can be entered on that day.").format(
                    cashier=cashier, day=day.isoformat(), count=s.receipt_count,
                    total=formats.money(s.total), cash=formats.money(s.cash_to_hand_over))):
            return
        try:
            perform(closing.close_day, self.actor, day, cashier=cashier)
        except UserError as exc:
            show_error(self, exc)
            return
        inform(self, self.tr("The day is closed. Hand over {cash} in cash.").format(
            cash=formats.money(s.cash_to_hand_over)))

    def print_report(self) -> None:
        actor, (cashier, day) = self.actor, self.chosen()
        preview_document(
            self, lambda path, _p: documents.print_daily_report(actor, path, cashier, day),
            f"daily-{cashier}-{day.isoformat()}", self.tr("Daily report"),
            self.tr("Writing the daily report…"))

    def export_report(self) -> None:
        actor, (cashier, day), lang = self.actor, self.chosen(), i18n.language()
        export_excel(
            self, lambda path, _p: ledger_xlsx.export_daily_report(actor, path, cashier, day,
                                                                   lang=lang),
            f"daily-{cashier}-{day.isoformat()}.xlsx", self.tr("Exporting the daily report…"))

    # --- the month -----------------------------------------------------------------------
    def refresh_month(self) -> None:
        month = self.month.text().strip()
        try:
            state = billing.month_state(self.actor, month)
        except UserError as exc:
            self.month_state.setText(exc.message())
            return
        still_open = state.open_days
        if state.closed:
            text = self.tr("{month} is closed ({at}, {who}): total {total}.").format(
                month=month, at=formats.display(state.closed_at), who=state.closed_by_name,
                total=formats.money(state.total))
            if state.seal:
                text += " " + self.tr("Ledger seal {code}.").format(code=state.seal)
        elif still_open:
            text = self.tr("{month}: {count} cashier days still open: {days}").format(
                month=month, count=len(still_open),
                days=", ".join(f"{c} {d.isoformat()}" for c, d in still_open))
        else:
            text = self.tr("{month}: every cashier day is closed.").format(month=month)
        self.month_state.setText(text)

    def close_month(self) -> None:
        month = self.month.text().strip()
        if not confirm(self, self.tr("Close the month {month}? Nothing dated in it can be "
                                     "entered afterwards.").format(month=month)):
            return
        try:
            perform(closing.close_month, self.actor, month)
        except UserError as exc:
            show_error(self, exc)
            return
        inform(self, self.tr("The month {month} is closed.").format(month=month))

    def print_month(self) -> None:
        actor, month = self.actor, self.month.text().strip()
        preview_document(self, lambda path, _p: documents.print_month_report(actor, path, month),
                         f"month-{month}", self.tr("Month report"),
                         self.tr("Writing the month report…"))

    def export_month(self) -> None:
        actor, month, lang = self.actor, self.month.text().strip(), i18n.language()
        export_excel(self, lambda path, _p: ledger_xlsx.export_month_report(actor, path, month,
                                                                            lang=lang),
                     f"month-{month}.xlsx", self.tr("Exporting the month report…"))
