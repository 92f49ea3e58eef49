"""The dispatch dialog (派工): who gets the work order (the service areas' suggestion filled
in), a note; Enter dispatches."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.service import deadlines, orders, queries
from heatoffice.ui.changes import perform
from heatoffice.ui.feedback import inform


class DispatchDialog(QDialog):
    def __init__(self, actor: Actor, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.number = number
        self.setWindowTitle(self.tr("Dispatch {number}").format(number=number))
        card = queries.order_card(actor, number).order
        self.summary = QLabel(self.tr(
            "{category} · {severity}\n{address}\n{content}\nDue: {due}").format(
                category=glossary.label("call_category", card.category),
                severity=glossary.label("work_order_severity", card.severity),
                address=card.address or "-", content=card.content,
                due=deadlines.shown(card.due_at)))
        self.summary.setWordWrap(True)
        self.to = QLineEdit(card.assignee or card.suggested)
        self.to.setPlaceholderText(self.tr("login, staff no. or name"))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("To:"), self.to)
        form.addRow(self.tr("Note:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.to.returnPressed.connect(self.accept)
        self.note.returnPressed.connect(self.accept)
        self.setMinimumWidth(380)
        self.to.setFocus()
        self.to.selectAll()

    def accept(self) -> None:
        try:
            perform(orders.dispatch, self.actor, self.number, self.to.text(),
                    note=self.note.text())
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            return
        super().accept()
