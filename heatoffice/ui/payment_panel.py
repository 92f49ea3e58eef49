"""The cashier's payment form: what is owed today, amount, method by F-key, cash tendered with
live change or the transaction reference of other methods, and the payment taken through
billing.payments.record_payment only from the confirmation (payment_confirm.py)."""

from __future__ import annotations

import inspect
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
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
from heatoffice.billing.queries import Owed, PaymentInfo
from heatoffice.errors import UserError
from heatoffice.money import ZERO, parse_money
from heatoffice.ui import formats
from heatoffice.ui.changes import perform
from heatoffice.ui.field_errors import ERROR_STYLE, FieldErrors, error_label
from heatoffice.ui.payment_confirm import ConfirmSummary, Summary

# F1..F5 choose the method in this order.
METHOD_KEYS: list[str] = list(glossary.codes("payment_method"))
# The transaction reference of a non-cash payment (WeChat/Alipay order, card slip, transfer)
# is stored once record_payment takes it; until then the field is shown and not sent.
TAKES_REFERENCE = "reference" in inspect.signature(payments.record_payment).parameters


def _parse(text: str) -> Decimal | None:
    try:
        return parse_money(text) if text.strip() else None
    except UserError:
        return None


class _EnterEdit(QLineEdit):
    """A line edit that reports Enter (Return or keypad Enter) without Ctrl."""

    entered = Signal()

    def keyPressEvent(self, event) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class PaymentPanel(QWidget):
    """``paid(PaymentInfo)`` after a payment was recorded."""

    paid = Signal(object)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id: int | None = None
        self.owed: Owed | None = None
        self.allowed = can(actor, "payments.take")

        self.owed_labels: dict[str, QLabel] = {}
        owed_box = QGroupBox(self.tr("Owed today"))
        owed_form = QFormLayout(owed_box)
        owed_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, text in (("principal", self.tr("Balance")), ("late_fees", self.tr("Late fees")),
                          ("discount", self.tr("Early-payment discount")),
                          ("credit", self.tr("Paid ahead")),
                          ("settle", self.tr("To settle today"))):
            label = QLabel()
            label.setObjectName(f"owed_{key}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.owed_labels[key] = label
            owed_form.addRow(text + self._colon(), label)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.3)
        self.owed_labels["settle"].setFont(bold)

        self.amount = _EnterEdit()
        self.amount.setObjectName("amount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setFont(bold)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for n, key in enumerate(METHOD_KEYS, 1):
            self.method.addItem(f"F{n} {glossary.label('payment_method', key)}", key)
        self.tendered = _EnterEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered.setFont(bold)
        self.change = QLabel()
        self.change.setObjectName("change")
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.change.setFont(bold)
        self.reference = _EnterEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(self.tr("transaction no. on the slip or the phone"))
        self.reference.setMaxLength(64)
        self.confirmation = ConfirmSummary()
        self.confirmation.confirmed.connect(self.take)
        self.take_button = QPushButton(self.tr("Take payment (Ctrl+Enter)"))
        self.take_button.setObjectName("take_payment")
        self.take_button.setFont(bold)
        self.take_button.setMinimumHeight(40)
        self.take_button.clicked.connect(self.take)

        self.general_error = error_label()
        self.general_error.setObjectName("error_general")
        self.errors = FieldErrors(self.general_error)
        pay_box = QGroupBox(self.tr("Payment"))
        form = QFormLayout(pay_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.tendered_caption = QLabel(self.tr("Cash tendered") + self._colon())
        self.change_caption = QLabel(self.tr("Change") + self._colon())
        self.reference_caption = QLabel(self.tr("Transaction no.") + self._colon())
        form.addRow(self.tr("Amount") + self._colon(), self.errors.add("amount", self.amount))
        form.addRow(self.tr("Method") + self._colon(), self.errors.add("method", self.method))
        form.addRow(self.tendered_caption, self.errors.add("tendered", self.tendered))
        form.addRow(self.change_caption, self.change)
        form.addRow(self.reference_caption, self.errors.add("reference", self.reference))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(owed_box)
        layout.addWidget(pay_box)
        layout.addWidget(self.general_error)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.take_button)
        layout.addStretch(1)
        for first, second in ((self.amount, self.method), (self.method, self.tendered),
                              (self.tendered, self.reference),
                              (self.reference, self.confirmation),
                              (self.confirmation, self.take_button)):
            QWidget.setTabOrder(first, second)

        # Enter walks the form (amount, then tendered or the reference) to the confirmation;
        # only there does Enter take money.
        self.amount.entered.connect(self._amount_entered)
        self.tendered.entered.connect(self.focus_confirmation)
        self.reference.entered.connect(self.focus_confirmation)
        for edit in (self.amount, self.tendered, self.reference):
            edit.textChanged.connect(lambda _t: self.update_change())
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.set_account(None, None)

    def _colon(self) -> str:
        return glossary.pick("：", ":")

    # --- state ---------------------------------------------------------------------------
    def set_account(self, account_id: int | None, owed: Owed | None) -> None:
        """Show what the account owes and prefill the amount that settles it today."""
        self.account_id, self.owed = account_id, owed
        self.account_text = ""
        if account_id is not None:
            account = accounts.account(self.actor, account_id)
            self.account_text = f"{account.account_no} {account.name}"
        self.errors.clear()
        for label in self.owed_labels.values():
            label.clear()
        if owed is not None:
            self.owed_labels["principal"].setText(formats.money(owed.principal))
            self.owed_labels["late_fees"].setText(formats.money(owed.late_fees))
            self.owed_labels["discount"].setText(formats.money(-owed.discount))
            self.owed_labels["credit"].setText(formats.money(owed.credit))
            self.owed_labels["settle"].setText(formats.money(owed.settle_amount))
        self.amount.setText(formats.edit_text(owed.settle_amount)
                            if owed is not None and owed.settle_amount > 0 else "")
        self.method.setCurrentIndex(0)
        self.tendered.clear()
        self.reference.clear()
        enabled = self.allowed and account_id is not None
        for widget in (self.amount, self.method, self.tendered, self.reference,
                       self.confirmation, self.take_button):
            widget.setEnabled(enabled)
        self._method_changed()

    def is_cash(self) -> bool:
        return self.method.currentData() == "cash"

    def focus_amount(self) -> None:
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.amount.selectAll()

    def choose_method(self, number: int) -> None:
        """F1..F5: the method, then the next field to fill (tendered for cash)."""
        if not self.amount.isEnabled() or not 1 <= number <= len(METHOD_KEYS):
            return
        self.method.setCurrentIndex(number - 1)
        if self.is_cash():
            self.tendered.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tendered.selectAll()
        else:
            self.reference.setFocus(Qt.FocusReason.OtherFocusReason)
            self.reference.selectAll()

    def focus_confirmation(self) -> None:
        if self.confirmation.isEnabled():
            self.confirmation.setFocus(Qt.FocusReason.OtherFocusReason)

    def _method_changed(self) -> None:
        cash = self.is_cash()
        for widget in (self.tendered_caption, self.tendered, self.change_caption, self.change):
            widget.setVisible(cash)
        for widget in (self.reference_caption, self.reference):
            widget.setVisible(not cash)
        if cash:
            self.reference.clear()
        else:
            self.tendered.clear()
        self.update_change()

    def update_change(self) -> None:
        """找零 as the cashier types: tendered − amount, or what is still missing in red."""
        amount = _parse(self.amount.text())
        tendered = _parse(self.tendered.text())
        self.change.setStyleSheet("")
        if amount is None:
            self.change.clear()
        elif not self.tendered.text().strip():
            self.change.setText(formats.money(ZERO))
        elif tendered is None:
            self.change.clear()
        elif tendered < amount:
            self.change.setStyleSheet(ERROR_STYLE)
            self.change.setText(self.tr("{missing} short").format(
                missing=formats.money(amount - tendered)))
        else:
            self.change.setText(formats.money(tendered - amount))
        self.update_summary()

    def summary(self) -> Summary | None:
        """What Enter on the confirmation or Ctrl+Enter would take."""
        if self.account_id is None:
            return None
        amount = _parse(self.amount.text())
        method = glossary.label("payment_method", self.method.currentData())
        detail = ""
        if self.is_cash():
            tendered = _parse(self.tendered.text())
            if tendered is not None and amount is not None and tendered >= amount:
                detail = self.tr("tendered {tendered}, change {change}").format(
                    tendered=formats.money(tendered), change=formats.money(tendered - amount))
        elif self.reference.text().strip():
            detail = self.tr("transaction no. {reference}").format(
                reference=self.reference.text().strip())
        return Summary(self.account_text,
                       formats.money(amount) if amount is not None and amount > 0 else "",
                       method, detail, typed=bool(self.amount.text().strip()))

    def update_summary(self) -> None:
        self.confirmation.show_summary(self.summary())

    def _amount_entered(self) -> None:
        """Enter in the amount never takes money: it goes on to the cash tendered, or to the
        transaction reference of the other methods."""
        if self.is_cash():
            self.tendered.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tendered.selectAll()
        else:
            self.reference.setFocus(Qt.FocusReason.OtherFocusReason)
            self.reference.selectAll()

    # --- the payment ---------------------------------------------------------------------
    def take(self) -> PaymentInfo | None:
        """record_payment with what was typed (the confirmation, Ctrl+Enter or the button
        call it); errors appear beside their fields."""
        if self.account_id is None or not self.take_button.isEnabled():
            return None
        self.errors.clear()
        tendered = self.tendered.text().strip() if self.is_cash() else None
        extra: dict[str, str] = {}
        if TAKES_REFERENCE and not self.is_cash():
            extra["reference"] = self.reference.text().strip()
        try:
            # The pages showing the account's ledger or the day's totals refresh from this.
            taken = perform(payments.record_payment, self.actor, self.account_id,
                            self.amount.text(), self.method.currentData(),
                            tendered=tendered or None, **extra)
        except UserError as exc:
            self.errors.show(exc)
            return None
        payment = billing.payment(self.actor, taken.id)
        self.paid.emit(payment)
        return payment
