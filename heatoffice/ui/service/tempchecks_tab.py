"""室温检测 (四查): the check plan (homes to visit first, with why), a reading's form (F2 from
anywhere in the tab), the readings below the standard flagged, a cold home's refund proposed
for a manager's approval."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.service import case_queries, tempchecks
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import inform
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.service.case_widgets import when
from heatoffice.ui.tables import fixed_rows, make_table


class TempChecksTab(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.station = QLineEdit()
        self.station.setPlaceholderText(self.tr("station code"))
        self.community = QLineEdit()
        self.community.setPlaceholderText(self.tr("community"))
        self.plan_button = QPushButton(self.tr("Plan"))
        self.plan_button.clicked.connect(self.load_plan)
        self.station.returnPressed.connect(self.load_plan)
        self.community.returnPressed.connect(self.load_plan)
        self.plan_model = LazyTableModel(
            [self.tr("Account no."), self.tr("Address"), self.tr("Why")], fixed_rows([]),
            parent=self)
        self.plan_table = make_table(self.plan_model, (110, 260, 200), 1)
        self.plan_table.selectionModel().currentRowChanged.connect(lambda *_: self.pick())

        new = QGroupBox(self.tr("Reading"))
        self.account = QLineEdit()
        self.room = QLineEdit()
        self.celsius = QLineEdit()
        self.outdoor = QLineEdit()
        self.instrument = QLineEdit()
        self.record_button = QPushButton(self.tr("Record reading"))
        self.record_button.clicked.connect(self.record)
        self.celsius.returnPressed.connect(self.record)
        form = QFormLayout(new)
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Room:"), self.room)
        form.addRow(self.tr("°C:"), self.celsius)
        form.addRow(self.tr("Outdoor °C:"), self.outdoor)
        form.addRow(self.tr("Instrument:"), self.instrument)
        form.addRow("", self.record_button)
        reading_key = QShortcut(QKeySequence("F2"), self, self.account.setFocus)
        reading_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        refund = QGroupBox(self.tr("Refund for a cold home"))
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("YYYY-MM-DD")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("YYYY-MM-DD")
        self.refund_button = QPushButton(self.tr("Propose refund"))
        self.refund_button.clicked.connect(self.refund)
        row = QHBoxLayout(refund)
        row.addWidget(self.date_from)
        row.addWidget(self.date_to)
        row.addWidget(self.refund_button)

        self.cold_only = QCheckBox(self.tr("Below the standard only"))
        self.cold_only.toggled.connect(self.load)
        self.model = LazyTableModel(
            [self.tr("Measured"), self.tr("Account no."), self.tr("Room"), self.tr("°C"),
             self.tr("Outdoor °C"), self.tr("Standard"), self.tr("Below"),
             self.tr("Instrument"), self.tr("By")], fixed_rows([]), parent=self)
        self.table = make_table(self.model, (120, 110, 60, 50, 60, 60, 50, 100, 70), 7)

        plan_bar = QHBoxLayout()
        plan_bar.addWidget(self.station)
        plan_bar.addWidget(self.community)
        plan_bar.addWidget(self.plan_button)
        plan_bar.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(plan_bar)
        lv.addWidget(self.plan_table, 1)
        lv.addWidget(self.cold_only)
        lv.addWidget(self.table, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(new)
        rv.addWidget(refund)
        rv.addStretch(1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.load_plan()
        self.load()
        subscribe(self, ("tempchecks",), self.load)

    def load_plan(self) -> None:
        rows = case_queries.check_plan(self.actor, station=self.station.text().strip(),
                               community=self.community.text().strip(), limit=200)
        self.plan_model.reset_query(fixed_rows([
            (r.home.account_no, r.home.account_no, r.home.address,
             "、".join(glossary.label("tempcheck_reason", x) for x in r.reasons))
            for r in rows]))

    def pick(self) -> None:
        index = self.plan_table.currentIndex()
        if index.isValid():
            self.account.setText(str(self.plan_model.key(index.row())))

    def load(self) -> None:
        rows = case_queries.readings(self.actor, cold_only=self.cold_only.isChecked())
        yes = self.tr("yes")
        self.model.reset_query(fixed_rows([
            (r.id, when(r.measured_at), r.account_no, r.room, str(r.celsius),
             "" if r.outdoor is None else str(r.outdoor), str(r.standard),
             yes if r.below else "", r.instrument, r.by) for r in rows]))

    def _write(self, write, *args, **kwargs):
        try:
            return perform(write, self.actor, *args, **kwargs)
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            return None

    def record(self) -> None:
        reading = self._write(tempchecks.record, self.account.text(), self.celsius.text(),
                              instrument=self.instrument.text(), room=self.room.text(),
                              outdoor=self.outdoor.text())
        if reading is not None:
            self.room.clear()
            self.celsius.clear()
            self.room.setFocus()

    def refund(self) -> None:
        made = self._write(tempchecks.refund, self.account.text(), self.date_from.text(),
                           self.date_to.text())
        if made is not None:
            inform(self, self.tr("Refund of {amount} yuan proposed for a manager's "
                                 "approval.").format(amount=f"{made.amount:,.2f}"))
