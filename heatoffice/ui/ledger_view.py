"""One account at the cashier's window: its header and its ledger (分户账) with running balance,
from which a receipt is reprinted (副本) or reversed (红冲)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
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
from heatoffice.billing import payments
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import PaymentInfo
from heatoffice.privacy import mask_phone
from heatoffice.ui import formats, i18n
from heatoffice.ui.form_dialog import FormDialog
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table

RECEIPT_KINDS = ("payment", "reversal")


def _value_label(bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        label.setFont(font)
    return label


class AccountView(QWidget):
    """``reprint(PaymentInfo)`` and ``reverse(PaymentInfo)`` ask the page to act on a ledger row,
    ``propose(account_id)`` to propose an adjustment of the account."""

    reprint = Signal(object)
    reverse = Signal(object)
    propose = Signal(int)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id: int | None = None
        self.show_personal = can(actor, "accounts.view_personal")

        self.fields: dict[str, QLabel] = {}
        header = QGridLayout()
        header.setHorizontalSpacing(12)
        colon = glossary.pick("：", ":")
        cells = (("account_no", self.tr("Account no."), 0, 0, True),
                 ("name", self.tr("Name"), 0, 2, True),
                 ("status", self.tr("Status"), 0, 4, False),
                 ("address", self.tr("Address"), 1, 0, False),
                 ("area", self.tr("Heating area"), 1, 4, False),
                 ("category", self.tr("Category"), 2, 0, False),
                 ("phone", self.tr("Phone"), 2, 2, False))
        for key, text, row, column, bold in cells:
            caption = QLabel(text + colon)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label = _value_label(bold)
            label.setObjectName(f"account_{key}")
            self.fields[key] = label
            header.addWidget(caption, row, column)
            span = 3 if key == "address" else 1
            header.addWidget(label, row, column + 1, 1, span)
        header.setColumnStretch(1, 1)
        header.setColumnStretch(3, 1)
        header.setColumnStretch(5, 1)

        self.model = LazyTableModel(self.headers(), fixed_rows([]), parent=self)
        self.table = make_table(self.model, (92, 96, 250, 110, 110, 110), 2)
        self.table.setObjectName("ledger")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.reprint_button = QPushButton(self.tr("Reprint receipt (F7)"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.reverse_button = QPushButton(self.tr("Reverse… (F8)"))
        self.reverse_button.setObjectName("reverse")
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.propose_button = QPushButton(self.tr("Propose adjustment… (F9)"))
        self.propose_button.setObjectName("propose")
        self.propose_button.clicked.connect(self.propose_adjustment)
        self.card_button = QPushButton(self.tr("Account card (F12)"))
        self.card_button.setObjectName("card")
        self.card_button.clicked.connect(self.open_card)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Ledger (F6)")))
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.reverse_button)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.card_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Entry"), self.tr("Reference"), self.tr("Debit"),
                self.tr("Credit"), self.tr("Balance")]

    # --- loading -------------------------------------------------------------------------
    def load(self, account_id: int | None) -> None:
        self.account_id = account_id
        if account_id is None:
            for label in self.fields.values():
                label.clear()
            self.model.reset_query(fixed_rows([]))
            self._update_buttons()
            return
        a = accounts.account(self.actor, account_id)
        values = {
            "account_no": a.account_no, "name": a.name, "address": a.address,
            "area": f"{formats.display(a.heating_area)} ㎡",
            "status": glossary.label("account_status", a.status),
            "category": glossary.label("account_category", a.category),
            "phone": a.phone if self.show_personal else mask_phone(a.phone),
        }
        for key, label in self.fields.items():
            label.setText(values[key])
        rows = [((r.kind, r.id), r.day, r.label, r.reference,
                 formats.yuan(r.debit) if r.debit else None,
                 formats.yuan(r.credit) if r.credit else None, formats.yuan(r.balance))
                for r in billing.ledger(self.actor, account_id, lang=i18n.language())]
        self.model.reset_query(fixed_rows(rows))
        if rows:
            self.table.scrollToBottom()
        self._update_buttons()

    # --- receipts ------------------------------------------------------------------------
    def selected_payment(self) -> PaymentInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        kind, key = self.model.key(index.row())
        if kind not in RECEIPT_KINDS:
            return None
        return billing.payment(self.actor, key)

    def focus_ledger(self) -> None:
        """Focus the ledger on its last receipt row (the one a clerk most often needs)."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        for row in range(self.model.rowCount() - 1, -1, -1):
            if self.model.key(row)[0] in RECEIPT_KINDS:
                self.table.selectRow(row)
                return
        if self.model.rowCount():
            self.table.selectRow(self.model.rowCount() - 1)

    def _update_buttons(self) -> None:
        payment = self.selected_payment()
        reversible = payment is not None and payment.reversible
        self.reprint_button.setEnabled(payment is not None and can(self.actor, "payments.take"))
        self.reverse_button.setEnabled(reversible and (can(self.actor, "payments.reverse")
                                                       or can(self.actor, "payments.reverse_any")))
        self.propose_button.setEnabled(self.account_id is not None
                                       and can(self.actor, "adjustments.propose"))
        self.card_button.setEnabled(self.account_id is not None)

    def reprint_selected(self) -> None:
        payment = self.selected_payment()
        if payment is not None and self.reprint_button.isEnabled():
            self.reprint.emit(payment)

    def propose_adjustment(self) -> None:
        if self.account_id is not None and self.propose_button.isEnabled():
            self.propose.emit(self.account_id)

    def open_card(self) -> None:
        """The account's card (客户卡片): everything about it, and its other actions."""
        if self.account_id is not None:
            from heatoffice.ui.account_card import open_card

            open_card(self, self.actor, self.account_id)

    def reverse_selected(self) -> None:
        payment = self.selected_payment()
        if payment is not None and self.reverse_button.isEnabled():
            self.reverse.emit(payment)


class ReversalDialog(FormDialog):
    """红冲 of one receipt: the reason is required; the service decides who may."""

    def __init__(self, actor: Actor, payment: PaymentInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.payment = payment
        self.reversal: PaymentInfo | None = None
        self.setWindowTitle(self.tr("Reverse receipt {receipt}").format(
            receipt=payment.receipt_no))
        intro = QLabel(self.tr("Receipt {receipt} of {amount} will be cancelled by a negative "
                               "entry with its own receipt number. The original stays in the "
                               "ledger.").format(receipt=payment.receipt_no,
                                                 amount=formats.money(payment.amount)))
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        caption = self.tr("Reason") + glossary.pick("：", ":")
        form = self.form([("reason", self.reason)], caption=lambda _field: caption)
        self.lay_out([intro, form], self.tr("Reverse"), self.tr("Cancel"))
        self.setMinimumWidth(440)

    def write(self) -> None:
        reversal = payments.reverse_payment(self.actor, self.payment.receipt_no,
                                            self.reason.text())
        self.reversal = billing.payment(self.actor, reversal.id)
