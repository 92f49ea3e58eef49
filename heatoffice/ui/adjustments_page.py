"""调账审批: adjustments waiting for a manager, approved or rejected with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import adjustments
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import MANUAL_KINDS, PendingAdjustment
from heatoffice.errors import UserError
from heatoffice.ui import formats
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.choices import keyed_combo
from heatoffice.ui.feedback import confirm, show_error
from heatoffice.ui.form_dialog import FormDialog
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table


class RejectDialog(FormDialog):
    """驳回 with the reason the proposer will read."""

    def __init__(self, actor: Actor, adjustment: PendingAdjustment,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.adjustment = adjustment
        self.setWindowTitle(self.tr("Reject adjustment"))
        self.reason = QLineEdit()
        self.lay_out([QLabel(adjustment.reason), self.form([("reason", self.reason)])],
                     self.tr("Reject"), self.tr("Cancel"))
        self.setMinimumWidth(420)

    def write(self) -> None:
        adjustments.reject_adjustment(self.actor, self.adjustment.id, self.reason.text())


class ProposeDialog(FormDialog):
    """调账申请 on one account: + debit (补收) or − credit (减免、退费), with its reason; a
    manager approves it on the adjustments page."""

    def __init__(self, actor: Actor, account_id: int, parent: QWidget | None = None):
        super().__init__(parent, aliases={"bill_id": "bill"})
        self.actor = actor
        self.account_id = account_id
        self.adjustment: Any = None  # the Adjustment proposed by Propose
        account = accounts.account(actor, account_id)
        self.setWindowTitle(self.tr("Propose adjustment: {no} {name}").format(
            no=account.account_no, name=account.name))
        self.kind = keyed_combo("adjustment_kind", MANUAL_KINDS)
        self.amount = QLineEdit()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setPlaceholderText(self.tr("+ charge more, − credit"))
        self.bill = QComboBox()
        self.bill.addItem(self.tr("(no particular bill)"), None)
        for bill in billing.bills_of(actor, account_id):
            self.bill.addItem(f"{bill.season} {formats.money(bill.total)}".strip(), bill.id)
        self.reason = QLineEdit()
        form = self.form((("adjustment_kind", self.kind), ("amount", self.amount),
                          ("bill", self.bill), ("reason", self.reason)))
        self.lay_out([form], self.tr("Propose"), self.tr("Cancel"))
        self.setMinimumWidth(460)

    def write(self) -> None:
        self.adjustment = adjustments.propose_adjustment(
            self.actor, self.account_id, self.amount.text(), self.kind.currentData(),
            self.reason.text(), bill_id=self.bill.currentData())


class AdjustmentsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.dialog: RejectDialog | None = None
        self.model = LazyTableModel(
            [self.tr("Account no."), self.tr("Name"), self.tr("Kind"), self.tr("Amount"),
             self.tr("Reason"), self.tr("Source"), self.tr("Proposed by"),
             self.tr("Proposed at")], fixed_rows([]), parent=self)
        self.table = make_table(self.model, (100, 70, 100, 100, 320, 80, 80, 150), 4)
        decide = can(actor, "adjustments.approve")
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.approve_button.setEnabled(decide)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setEnabled(decide)
        self.reject_button.clicked.connect(self.reject)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        for button in (self.refresh_button, self.approve_button, self.reject_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Adjustments waiting for approval (+ charge, − credit). "
                                        "Whoever proposed one cannot approve it.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.waiting: dict[int, PendingAdjustment] = {}
        self.refresh()
        subscribe(self, ("adjustments",), self.refresh)

    def refresh(self) -> None:
        waiting = billing.pending_adjustments(self.actor)
        self.waiting = {a.id: a for a in waiting}
        rows = []
        for a in waiting:
            rows.append((a.id, a.account_no, a.name,
                         glossary.label("adjustment_kind", a.kind),
                         formats.yuan(a.amount), a.reason,
                         glossary.label("adjustment_source", a.source),
                         a.proposed_by, a.proposed_at))
        self.model.reset_query(fixed_rows(rows))
        self.count_label.setText(self.tr("{count} waiting").format(count=len(rows)))

    def selected(self) -> PendingAdjustment | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.waiting.get(self.model.key(index.row()))

    def approve(self) -> None:
        adj = self.selected()
        if adj is None:
            return
        if not confirm(self, self.tr("Approve {amount} on this account? It enters the ledger "
                                     "today.").format(amount=formats.money(adj.amount))):
            return
        try:
            perform(adjustments.approve_adjustment, self.actor, adj.id)
        except UserError as exc:
            show_error(self, exc)
            return

    def reject(self) -> None:
        adj = self.selected()
        if adj is None:
            return
        self.dialog = RejectDialog(self.actor, adj, self)
        self.dialog.open()
