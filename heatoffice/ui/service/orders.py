"""The work orders page (维修单): the open orders, most urgent first, with their flags (not
dispatched within the limit, overdue, a major leak's hours) re-evaluated by a timer the moment
one changes; the selected order's card and steps; dispatch (Ctrl+D) and the other steps."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.service import deadlines, orders, queries, workflow
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import export_excel, inform
from heatoffice.ui.service.dispatch import DispatchDialog
from heatoffice.ui.tables import make_widget_table

VERBS = ("onsite", "fixed", "unfixable", "visit", "close")
STATE_OF = {"onsite": "on_site", "fixed": "fixed", "unfixable": "unfixable",
            "visit": "visited", "close": "closed"}
ALERT = QColor("#f8d7da")
LONGEST_WAIT_MS = 60_000


def _minute(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


class WorkOrdersPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.rows: list[queries.OrderRow] = []
        self.dialog: DispatchDialog | None = None
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.undispatched = QCheckBox(self.tr("Not dispatched in time only"))
        self.closed = QCheckBox(self.tr("Closed too"))
        for box in (self.overdue, self.undispatched, self.closed):
            box.toggled.connect(self.load)
        self.count_label = QLabel()
        self.table: QTableWidget = make_widget_table(
            [self.tr("Number"), self.tr("Flags"), self.tr("State"), self.tr("Category"),
             self.tr("Crew"), self.tr("Due"), self.tr("Dispatch (m:ss)"), self.tr("Account no."),
             self.tr("Address")],
            (118, 150, 60, 50, 70, 126, 62, 80, 160), 8)
        self.table.currentCellChanged.connect(lambda *_: self.show_card())
        self.card = QListWidget()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("work note, reason or visit comment"))
        self.advice = QLineEdit()
        self.advice.setPlaceholderText(self.tr("advice on using heat"))
        self.satisfied = QComboBox()
        self.satisfied.addItem(self.tr("satisfied?"), None)
        self.satisfied.addItem(self.tr("satisfied"), True)
        self.satisfied.addItem(self.tr("not satisfied"), False)
        self.dispatch_button = QPushButton(self.tr("Dispatch… (Ctrl+D)"))
        self.dispatch_button.clicked.connect(self.dispatch)
        self.dispatch_button.setEnabled(can(actor, "service.dispatch"))
        actions = QHBoxLayout()
        actions.addWidget(self.note, 2)
        actions.addWidget(self.advice, 1)
        actions.addWidget(self.satisfied)
        actions.addWidget(self.dispatch_button)
        self.buttons = {}
        for verb in VERBS:
            button = QPushButton(glossary.label("work_order_state", STATE_OF[verb]))
            button.clicked.connect(lambda _c=False, v=verb: self.move_to(v))
            button.setEnabled(can(actor, workflow.ACTIONS[verb][1]))
            self.buttons[verb] = button
            actions.addWidget(button)
        filters = QHBoxLayout()
        for box in (self.overdue, self.undispatched, self.closed):
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        self.report_button = QPushButton(self.tr("Report (Excel)…"))
        self.report_button.clicked.connect(self.export_report)
        self.report_button.setEnabled(can(actor, "service.export"))
        filters.addWidget(self.report_button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.card)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        QShortcut(QKeySequence("Ctrl+D"), self, self.dispatch)
        # the flags change with time alone: wake when the next one does
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.load)
        self.load()
        subscribe(self, ("work_orders", "calls"), self.load)

    def load(self) -> None:
        keep = self.current()
        now = clock.now()
        self.rows = queries.work_orders(
            self.actor, overdue=self.overdue.isChecked(),
            undispatched=self.undispatched.isChecked(), open_only=not self.closed.isChecked(),
            now=now)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            values = (r.number, self.flags(r), glossary.label("work_order_state", r.state),
                      glossary.label("call_category", r.category), r.assignee,
                      deadlines.shown(r.due_at), r.dispatch_minutes, r.account_no, r.address)
            alert = r.overdue or r.undispatched or r.alarms > 0
            for j, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if alert:
                    item.setBackground(QBrush(ALERT))
                self.table.setItem(i, j, item)
        today = queries.day_figures(self.actor, now.date())
        share = "-" if today.share is None else f"{today.share}%"
        self.count_label.setText(self.tr(
            "{count} work orders  ·  today {calls} calls, {dispatched} dispatched, "
            "{share} within {minutes} minutes").format(
                count=len(self.rows), calls=today.calls, dispatched=today.dispatched,
                share=share, minutes=queries.dispatch_minutes()))
        numbers = [r.number for r in self.rows]
        if numbers:  # the order just moved stays selected, else the most urgent
            self.table.selectRow(numbers.index(keep) if keep in numbers else 0)
        self.show_card()
        self.schedule(now)

    def schedule(self, now) -> None:
        """Reload when the next flag changes (at most a minute away)."""
        moments = [r.next_change for r in self.rows if r.next_change is not None]
        wait = LONGEST_WAIT_MS
        if moments:
            wait = min(wait, max(200, int((min(moments) - now).total_seconds() * 1000) + 50))
        self.timer.start(wait)

    def flags(self, r: queries.OrderRow) -> str:
        out = []
        if r.undispatched:
            out.append(self.tr("not dispatched in time"))
        elif r.dispatch_late:
            out.append(self.tr("dispatched late"))
        if r.overdue:
            out.append(self.tr("overdue"))
        if r.alarms:
            out.append(self.tr("open {hours} h").format(hours=r.alarms))
        return "，".join(out)

    def current(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].number if 0 <= row < len(self.rows) else None

    def show_card(self) -> None:
        self.card.clear()
        number = self.current()
        if number is None:
            return
        card = queries.order_card(self.actor, number)
        r = card.order
        lines = [
            f"{r.number}  {r.call_number}",
            f"{glossary.label('call_category', r.category)} · "
            f"{glossary.label('work_order_severity', r.severity)} · "
            f"{glossary.label('work_order_state', r.state)}",
            self.tr("Reported: {at}").format(at=_minute(r.reported_at)),
            f"{r.contact} {r.phone}", r.address, r.content,
            self.tr("Due: {due}").format(due=deadlines.shown(r.due_at)),
            self.tr("Suggested: {name}").format(name=r.suggested or "-"),
        ]
        for label, value in ((self.tr("Work note"), card.work_note),
                             (self.tr("Advice"), card.heat_advice),
                             (self.tr("Cannot fix"), card.unfixable_reason),
                             (self.tr("Escalated to"), card.escalated_to),
                             (self.tr("Visit"), card.visit_comment)):
            if value:
                lines.append(f"{label}: {value}")
        for s in card.steps:
            lines.append(f"{_minute(s.at)}  {glossary.label('work_order_state', s.to_state)}"
                         f"  {s.by}  {s.note}".rstrip())
        for line in lines:
            self.card.addItem(line)

    def export_report(self) -> None:
        """The service report of this month up to today (calls, dispatch times, open orders
        by crew, the orders), as Excel."""
        from heatoffice.exports.service_report import export_service

        actor, today = self.actor, clock.today()
        start = today.replace(day=1)
        export_excel(self, lambda path, _p: export_service(actor, path, start, today),
                     f"service-{start:%Y-%m}.xlsx", self.tr("Writing the service report…"))

    def dispatch(self) -> None:
        number = self.current()
        if number is None:
            inform(self, self.tr("Select a work order first."))
            return
        self.dialog = DispatchDialog(self.actor, number, self)
        self.dialog.open()

    def move_to(self, verb: str) -> None:
        number = self.current()
        if number is None:
            inform(self, self.tr("Select a work order first."))
            return
        try:
            perform(orders.move, self.actor, number, verb, note=self.note.text(),
                    advice=self.advice.text(), satisfied=self.satisfied.currentData())
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            return
        self.note.clear()
        self.advice.clear()
        self.satisfied.setCurrentIndex(0)



