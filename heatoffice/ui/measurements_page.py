"""面积测量: the measurement list with its filters, the editor, review and apply by role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.measurements import queries
from heatoffice.measurements import service as measurements
from heatoffice.measurements.documents import RegisterRow
from heatoffice.ui import formats
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.choices import keyed_combo
from heatoffice.ui.feedback import show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.measurement_editor import MeasurementEditor
from heatoffice.ui.tables import fixed_rows, make_table


class MeasurementsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.editor: MeasurementEditor | None = None
        self.rows: dict[int, RegisterRow] = {}
        self.community = QLineEdit()
        self.community.setPlaceholderText(glossary.label("field", "community"))
        self.state = keyed_combo("measurement_state", everything=True)
        self.reason = keyed_combo("measurement_reason", everything=True)
        self.threshold = QLineEdit()
        self.threshold.setPlaceholderText(self.tr("difference at least (m²)"))
        self.open_requests = QCheckBox(self.tr("Open re-measurement requests"))
        filters = QHBoxLayout()
        for w in (self.community, self.state, self.reason, self.threshold, self.open_requests):
            filters.addWidget(w)
        self.community.editingFinished.connect(self.refresh)
        self.threshold.editingFinished.connect(self.refresh)
        for combo in (self.state, self.reason):
            combo.currentIndexChanged.connect(self.refresh)
        self.open_requests.toggled.connect(self.refresh)
        self.model = LazyTableModel(
            [self.tr("Number"), self.tr("Measured on"), self.tr("Community"),
             self.tr("Account no."), self.tr("Name"), self.tr("Reason"), self.tr("State"),
             self.tr("Area before"), self.tr("Measured"), self.tr("Difference"),
             self.tr("Measurers"), self.tr("Application")], fixed_rows([]), parent=self)
        self.table = make_table(self.model, (120, 90, 100, 100, 70, 90, 70, 80, 80, 80, 120,
                                             120),
                                7)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, action in (
                ("new", self.tr("New…"), "measurements.record"),
                ("submit", self.tr("Submit"), "measurements.record"),
                ("review", self.tr("Review"), "measurements.review"),
                ("reject", self.tr("Reject…"), "measurements.review"),
                ("apply", self.tr("Apply…"), "measurements.apply")):
            button = QPushButton(text)
            button.setObjectName(key)
            button.setVisible(can(actor, action))
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.buttons["new"].clicked.connect(self.new)
        self.buttons["submit"].clicked.connect(lambda: self.step(measurements.submit))
        self.buttons["review"].clicked.connect(lambda: self.step(measurements.review))
        self.buttons["reject"].clicked.connect(self.reject)
        self.buttons["apply"].clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.refresh()
        subscribe(self, ("measurements", "accounts"), self.refresh)

    def refresh(self) -> None:
        try:
            found = queries.register(
                self.actor, state=self.state.currentData(), reason=self.reason.currentData(),
                community=self.community.text().strip() or None,
                min_difference=self.threshold.text().strip() or None,
                open_requests=self.open_requests.isChecked())
        except (UserError, ArithmeticError):
            found = []
        self.rows = dict(enumerate(found))
        self.model.reset_query(fixed_rows([
            (i, r.number, r.measured_on, r.community, r.account_no, r.name,
             glossary.label("measurement_reason", r.reason),
             glossary.label("measurement_state", r.state), formats.display(r.area_before),
             formats.display(r.area), formats.display(r.difference), r.measurers,
             r.application)
            for i, r in enumerate(found)]))

    def selected(self) -> RegisterRow | None:
        index = self.table.currentIndex()
        return self.rows.get(self.model.key(index.row())) if index.isValid() else None

    def new(self) -> None:
        self.editor = MeasurementEditor(self.actor, parent=self)
        self.editor.open()

    def step(self, write: Callable[..., Any], *args: Any) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            perform(write, self.actor, row.number, *args)
        except UserError as exc:
            show_error(self, exc)

    def reject(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Reject"), self.tr("Reason"))
        if ok:
            self.step(measurements.reject, reason)

    def apply(self) -> None:
        row = self.selected()
        if row is None:
            return
        day, ok = QInputDialog.getText(self, self.tr("Apply"), self.tr(
            "Effective date (YYYY-MM-DD)"), text=f"{row.measured_on:%Y-%m-%d}")
        if ok:
            self.step(measurements.apply, day)
