"""An account's status, the buttons to change it (报停, 复供, 停供, 销户) and its history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.accounts import queries
from heatoffice.accounts.queries import STATUS_TRANSITIONS
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import status_share
from heatoffice.errors import UserError
from heatoffice.ui import formats
from heatoffice.ui.changes import perform
from heatoffice.ui.field_errors import error_label


class StatusBox(QWidget):
    """Shows the status of one account; ``changed`` is emitted after a status change."""

    changed = Signal(int)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id: int | None = None
        self.status = ""
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.change_button = QPushButton(self.tr("Change status"))
        self.menu = QMenu(self)
        self.change_button.setMenu(self.menu)
        self.error = error_label()
        self.error.setObjectName("status_error")
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("From"), self.tr("To"), self.tr("By"), self.tr("Reason")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.verticalHeader().setDefaultSectionSize(24)
        self.history.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        self.history.horizontalHeader().resizeSection(0, 150)
        self.history.setMaximumHeight(140)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status:")))
        top.addWidget(self.status_label)
        top.addStretch(1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Status history:")))
        layout.addWidget(self.history)

    def action_text(self, target: str) -> str:
        if target == "heating":
            return (self.tr("Start heating") if self.status == "pending"
                    else self.tr("Resume heating"))
        return {
            "stopped": self.tr("Stop heating"),
            "cut_off": self.tr("Cut off"),
            "closed": self.tr("Close account"),
        }.get(target, glossary.label("account_status", target))

    def load(self, account_id: int | None, status: str = "") -> None:
        self.account_id = account_id
        self.status = status
        self.error.setVisible(False)
        self.status_label.setText(glossary.label("account_status", status) if status
                                  else self.tr("(new)"))
        self.menu.clear()
        allowed = can(self.actor, "accounts.status") and account_id is not None
        order = glossary.codes("account_status")
        for target in sorted(STATUS_TRANSITIONS.get(status, ()), key=order.index):
            action = self.menu.addAction(self.action_text(target))
            action.setObjectName(f"to_{target}")
            action.triggered.connect(lambda _=False, t=target: self.change_to(t))
        self.change_button.setEnabled(allowed and not self.menu.isEmpty())
        self._load_history()

    def _load_history(self) -> None:
        rows = [] if self.account_id is None else queries.status_history(self.actor,
                                                                         self.account_id)
        self.history.setRowCount(len(rows))
        for r, change in enumerate(rows):
            values = (
                formats.display(change.at),
                glossary.label("account_status", change.from_status) if change.from_status
                else "",
                glossary.label("account_status", change.to_status),
                change.by,
                change.reason,
            )
            for c, value in enumerate(values):
                self.history.setItem(r, c, QTableWidgetItem(value))

    def ask_reason(self, target: str) -> str | None:
        """The reason the clerk types; None when cancelled."""
        text, ok = QInputDialog.getText(
            self, self.action_text(target),
            self.tr("Reason for the change (required):"))
        return text if ok else None

    def change_to(self, target: str) -> None:
        if self.account_id is None:
            return
        reason = self.ask_reason(target)
        if reason is None:
            return
        try:
            # through billing: a change inside a billed season is billed from its day
            account, _made = perform(status_share.change_status, self.actor,
                                     self.account_id, target, reason)
        except UserError as exc:
            self.error.setText(exc.message())
            self.error.setVisible(True)
            return
        self.load(account.id, account.status)
        self.changed.emit(account.id)
