"""催缴登记: one polite contact about an account's arrears, with the account's dunning log."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from heatoffice import glossary
from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import dunning
from heatoffice.billing import queries as billing
from heatoffice.ui import formats
from heatoffice.ui.choices import keyed_combo
from heatoffice.ui.form_dialog import FormDialog
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table


class DunningDialog(FormDialog):
    """``contact`` is the dunning contact written by Save."""

    def __init__(self, actor: Actor, account_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id = account_id
        self.contact: Any = None  # the DunningContact written by Save
        account = accounts.account(actor, account_id)
        self.setWindowTitle(self.tr("Dunning: {no} {name}").format(no=account.account_no,
                                                                  name=account.name))
        due = billing.owed(actor, account_id)
        intro = QLabel(self.tr("{address} — owes {owed}, late fees {fees}. Be polite: remind, "
                               "explain, thank the customer.").format(
            address=account.address, owed=formats.money(due.principal),
            fees=formats.money(due.late_fees)))
        intro.setWordWrap(True)

        self.history_model = LazyTableModel(
            [self.tr("When"), self.tr("By"), self.tr("Method"), self.tr("Result"),
             self.tr("Promised"), self.tr("Next follow-up"), self.tr("Notes")],
            fixed_rows(self._history()), parent=self)
        self.history = make_table(self.history_model, (140, 70, 80, 200, 90, 90, 120), 3)
        self.history.setMinimumHeight(120)

        self.method = keyed_combo("dunning_method")
        self.result_text = QLineEdit()
        self.promised_date = QLineEdit()
        self.next_follow_up = QLineEdit()
        for edit in (self.promised_date, self.next_follow_up):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD, may stay empty"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(54)
        form = self.form((("method", self.method), ("result", self.result_text),
                          ("promised_date", self.promised_date),
                          ("next_follow_up", self.next_follow_up), ("notes", self.notes)))
        layout = self.lay_out([intro, QLabel(self.tr("Dunning log:")), self.history,
                               QLabel(self.tr("New contact:")), form],
                              self.tr("Record"), self.tr("Close"))
        layout.setStretchFactor(self.history, 1)
        self.save_button.setEnabled(can(actor, "dunning.record"))
        self.resize(760, 560)
        self.result_text.setFocus()

    def _history(self) -> list[tuple]:
        return [(c.id, c.at, c.by, glossary.label("dunning_method", c.method),
                 c.result, c.promised_date, c.next_follow_up, c.notes)
                for c in billing.dunning_log(self.actor, self.account_id)]

    def write(self) -> None:
        self.contact = dunning.record_contact(
            self.actor, self.account_id, self.method.currentData(), self.result_text.text(),
            promised_date=self.promised_date.text(),
            next_follow_up=self.next_follow_up.text(), notes=self.notes.toPlainText())
