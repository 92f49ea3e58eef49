"""The hotline page (热线): the greeting script, a call form made for the keyboard, the read-back
panel that must be confirmed before the call is saved (对用户申报内容复述一遍), the account card
one key away (F12) and the dispatch of the call's work order (Ctrl+D)."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.service import calls, orders, queries
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import inform
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.service.dispatch import DispatchDialog
from heatoffice.ui.tables import fixed_rows, make_table


class HotlinePage(QWidget):
    """Enter moves from field to field; Enter on the content (or Ctrl+R) shows the read-back;
    only the read-back panel's confirmation (Enter on it, or Ctrl+S) saves the call."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id: int | None = None
        self.started_at: _dt.datetime | None = None
        self.last_call: str | None = None
        self.dialog: DispatchDialog | None = None
        self.greeting = QLabel()
        font = QFont(self.greeting.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.greeting.setFont(font)
        self.greeting.setObjectName("greeting")

        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("account no., name, address or phone; Enter "
                                                "searches"))
        self.hits = QListWidget()
        self.hits.setMaximumHeight(110)
        self.hits.hide()
        self.unit = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.category = QComboBox()
        for code, name in glossary.labels("call_category").items():
            self.category.addItem(name, code)
        self.content = QLineEdit()
        self.referred = QLineEdit()
        self.referred.setPlaceholderText(self.tr("only for a call outside our scope: the body "
                                                 "the caller was pointed to"))
        form = QFormLayout()
        form.addRow(self.tr("Account:"), self.account)
        form.addRow("", self.hits)
        form.addRow(self.tr("Unit:"), self.unit)
        form.addRow(self.tr("Contact:"), self.contact)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Content:"), self.content)
        form.addRow(self.tr("Pointed to:"), self.referred)
        self.fields = [self.unit, self.contact, self.phone, self.address, self.category,
                       self.content, self.referred]
        for widget in (self.unit, self.contact, self.phone, self.address, self.referred):
            widget.returnPressed.connect(self.focusNextChild)
        self.content.returnPressed.connect(self.read_back)
        for widget in (self.unit, self.contact, self.phone, self.address, self.content,
                       self.referred):
            widget.textEdited.connect(self.withdraw_read_back)
        self.category.currentIndexChanged.connect(self.withdraw_read_back)
        for widget in (self.account, self.unit, self.contact, self.phone, self.address,
                       self.content, self.referred):
            widget.textEdited.connect(self.mark_start)
        self.account.returnPressed.connect(self.search)
        self.hits.itemActivated.connect(self.pick_hit)

        self.readback = QGroupBox(self.tr("Read back to the caller (复述) and have it confirmed"))
        self.readback_text = QLabel()
        self.readback_text.setWordWrap(True)
        self.readback_text.setFont(font)
        self.confirm = QPushButton(self.tr("Caller confirmed: save the call (Enter)"))
        self.confirm.setAutoDefault(True)
        self.confirm.clicked.connect(self.save)
        self.correct = QPushButton(self.tr("Correct (Esc)"))
        self.correct.clicked.connect(self.withdraw_read_back)
        panel = QVBoxLayout(self.readback)
        panel.addWidget(self.readback_text)
        row = QHBoxLayout()
        row.addWidget(self.confirm)
        row.addWidget(self.correct)
        row.addStretch(1)
        panel.addLayout(row)
        self.readback.hide()

        self.read_button = QPushButton(self.tr("Read back (Ctrl+R)"))
        self.read_button.clicked.connect(self.read_back)
        self.new_button = QPushButton(self.tr("New call (F2)"))
        self.new_button.clicked.connect(self.new_call)
        self.card_button = QPushButton(self.tr("Account card (F12)"))
        self.card_button.clicked.connect(self.open_card)
        self.dispatch_button = QPushButton(self.tr("Work order and dispatch (Ctrl+D)"))
        self.dispatch_button.clicked.connect(self.dispatch)
        self.status = QLabel()
        buttons = QHBoxLayout()
        for button in (self.new_button, self.read_button, self.card_button,
                       self.dispatch_button):
            buttons.addWidget(button)
        buttons.addWidget(self.status, 1)

        self.model = LazyTableModel(
            [self.tr("Number"), self.tr("Received"), self.tr("Category"), self.tr("Contact"),
             self.tr("Account no."), self.tr("Address"), self.tr("Content"),
             self.tr("Pointed to")], fixed_rows([]), parent=self)
        self.table = make_table(self.model, (120, 120, 70, 70, 100, 180, 200, 110), 6)
        hints = QLabel(self.tr("F2 new call  ·  Enter next field  ·  Enter on the content or "
                               "Ctrl+R read back  ·  Enter on the read-back or Ctrl+S save  ·  "
                               "Esc correct  ·  F12 account card  ·  Ctrl+D dispatch"))
        hints.setWordWrap(True)
        hints.setStyleSheet("color: #555;")

        left = QVBoxLayout()
        left.addWidget(self.greeting)
        left.addLayout(form)
        left.addWidget(self.readback)
        left.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(QLabel(self.tr("Recent calls")))
        layout.addWidget(self.table, 1)
        layout.addWidget(hints)
        self._shortcut("F2", self.new_call)
        self._shortcut("Ctrl+R", self.read_back)
        self._shortcut("Ctrl+S", self.save)
        self._shortcut("Escape", self.withdraw_read_back)
        self._shortcut("F12", self.open_card)
        self._shortcut("Ctrl+D", self.dispatch)
        self.setFocusProxy(self.account)
        # a role that may not take calls reads the page (its buttons say so by being off)
        for button in (self.read_button, self.confirm):
            button.setEnabled(can(actor, "service.calls"))
        self.dispatch_button.setEnabled(can(actor, "service.dispatch"))
        self.load()
        subscribe(self, ("calls", "work_orders"), self.load)
        self.new_call()

    def _shortcut(self, keys: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def load(self) -> None:
        self.greeting.setText(queries.greeting())
        rows = queries.recent_calls(self.actor, limit=200)
        self.model.reset_query(fixed_rows([
            (r.number, r.number, f"{r.received_at:%Y-%m-%d %H:%M}",
             glossary.label("call_category", r.category), r.contact, r.account_no, r.address,
             r.content, r.referred_to) for r in rows]))

    # --- the call ------------------------------------------------------------------------
    def new_call(self) -> None:
        """A new call on the line: the form empty; the call begins with the first key typed."""
        self.started_at = None
        self.account_id = None
        for widget in (self.account, self.unit, self.contact, self.phone, self.address,
                       self.content, self.referred):
            widget.clear()
        self.category.setCurrentIndex(0)
        self.hits.clear()
        self.hits.hide()
        self.withdraw_read_back()
        self.account.setFocus()

    def mark_start(self) -> None:
        """The first key of a call: the time it began (the call's end is its saving)."""
        if self.started_at is None:
            self.started_at = clock.now()

    def search(self) -> None:
        text = self.account.text().strip()
        self.hits.clear()
        if not text:  # no account: the address is typed
            self.hits.hide()
            self.unit.setFocus()
            return
        for hit in queries.find_accounts(self.actor, text):
            item = QListWidgetItem(f"{hit.account_no}  {hit.name}  {hit.address}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.hits.addItem(item)
        if self.hits.count() == 0:
            self.status.setText(self.tr("No account found: type the address."))
            self.hits.hide()
            self.unit.setFocus()
            return
        self.hits.show()
        self.hits.setCurrentRow(0)
        if self.hits.count() == 1:
            self.pick_hit(self.hits.item(0))
        else:
            self.hits.setFocus()

    def pick_hit(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        self.account_id = hit.id
        self.account.setText(hit.account_no)
        self.address.setText(hit.address)
        if not self.contact.text():
            self.contact.setText(hit.name)
        self.hits.hide()
        self.withdraw_read_back()
        self.unit.setFocus()

    def read_back(self) -> None:
        """Show what is read back to the caller; the confirmation gets the focus."""
        self.readback_text.setText(self.tr(
            "Unit: {unit}\nContact: {contact}  {phone}\nAddress: {address}\n"
            "Content: {category}, {content}").format(
                unit=self.unit.text() or "-", contact=self.contact.text() or "-",
                phone=self.phone.text() or "-", address=self.address.text() or "-",
                category=self.category.currentText(), content=self.content.text() or "-"))
        self.readback.show()
        self.confirm.setFocus()

    def withdraw_read_back(self) -> None:
        """A change after the read-back asks for a new one."""
        if self.readback.isVisible():
            self.readback.hide()
            self.content.setFocus()

    def save(self) -> None:
        if not self.readback.isVisible():  # the read-back cannot be skipped
            self.status.setText(self.tr("Read the call back to the caller first (Ctrl+R)."))
            self.read_back()
            return
        try:
            call = perform(
                calls.add_call, self.actor, phone=self.phone.text(),
                contact=self.contact.text(), category=self.category.currentData(),
                content=self.content.text(), account=self.account_id,
                address=self.address.text(), unit=self.unit.text(),
                referred_to=self.referred.text(), readback_confirmed=True,
                started_at=self.started_at)
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            self.withdraw_read_back()
            return
        self.last_call = call.number
        self.status.setText(self.tr("Saved {number}").format(number=call.number))
        self.new_call()
        if call.in_scope and can(self.actor, "service.dispatch"):
            self.dispatch_button.setFocus()

    # --- one key away --------------------------------------------------------------------
    def open_card(self) -> None:
        if self.account_id is None:
            self.status.setText(self.tr("Find the account first."))
            return
        from heatoffice.ui.account_card import open_card

        open_card(self, self.actor, self.account_id)

    def dispatch(self) -> None:
        """The last call's work order, then the dispatch dialog (the suggestion filled in)."""
        if self.last_call is None:
            self.status.setText(self.tr("Save a call first."))
            return
        try:
            order = perform(orders.new_order, self.actor, self.last_call)
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            return
        self.last_call = None
        self.status.setText(self.tr("Work order {number}").format(number=order.number))
        self.dialog = DispatchDialog(self.actor, order.number, self)
        self.dialog.open()
