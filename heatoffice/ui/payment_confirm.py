"""The cashier's confirmation: account, amount and method shown together, and the one place
where a plain Enter takes the money (when this summary has the focus)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from heatoffice.ui.field_errors import ERROR_STYLE

_IDLE = "QFrame#confirmation { border: 1px solid #b0b0b0; border-radius: 4px; }"
_ARMED = ("QFrame#confirmation { border: 2px solid #1565c0; border-radius: 4px; "
          "background: #e3f2fd; }")


@dataclass(frozen=True)
class Summary:
    """What the payment will be; ``amount`` is its text, "" when the amount is not valid."""

    account: str  # account number and name
    amount: str
    method: str
    detail: str = ""  # cash tendered and change, or the transaction reference
    typed: bool = True  # False: the amount field is empty (an account that owes nothing)


class ConfirmSummary(QFrame):
    """``confirmed`` on Enter (Return or keypad Enter, not held down) while focused.

    Tab or Enter from the last field of the form brings the focus here; the frame turns
    blue and says that Enter takes the payment. A key held down repeats Enter: those
    repeats are ignored, so a cashier leaning on Enter does not walk through the form
    into a payment."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("confirmation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(_IDLE)
        self.text = QLabel()
        self.text.setObjectName("confirmation_text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("confirmation_hint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        layout.addWidget(self.hint)
        self.summary: Summary | None = None
        self.show_summary(None)

    def show_summary(self, summary: Summary | None) -> None:
        self.summary = summary
        if summary is None:
            self.text.setText(self.tr("No account chosen."))
        else:
            invalid, missing = self.tr("not a valid amount"), self.tr("type the amount")
            if summary.amount:
                amount = f"<b style='font-size:large'>{escape(summary.amount)}</b>"
            elif summary.typed:
                amount = f"<span style='{ERROR_STYLE}'>{escape(invalid)}</span>"
            else:
                amount = f"<span style='color:#555'>{escape(missing)}</span>"
            rows = [(self.tr("Account"), escape(summary.account)),
                    (self.tr("Amount"), amount), (self.tr("Method"), escape(summary.method))]
            if summary.detail:
                rows.append(("", escape(summary.detail)))
            self.text.setText("<table cellspacing='2'>" + "".join(
                f"<tr><td>{label}</td><td>&nbsp;{value}</td></tr>" for label, value in rows)
                + "</table>")
        self._show_hint()

    def ready(self) -> bool:
        return self.summary is not None and bool(self.summary.amount)

    def _show_hint(self) -> None:
        if self.hasFocus() and self.ready():
            self.hint.setText(self.tr("Enter: take this payment · Esc: back to the search"))
        else:
            self.hint.setText(self.tr("Check, then Ctrl+Enter — or Enter here — takes it"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet(_ARMED)
        self._show_hint()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet(_IDLE)
        self._show_hint()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and not event.isAutoRepeat():
                self.confirmed.emit()
            event.accept()
            return
        super().keyPressEvent(event)
