"""收费 the cashier's window, keyboard first: find the account, see its ledger and what it owes,
take the payment, print the receipt at once, and back to the search for the next customer.

Keys: type in the search box, Down to the results, Enter picks; the amount is prefilled and
selected; F1–F5 choose the method (F1 cash: then the cash tendered; the others: their
transaction reference); Enter moves on to the confirmation, which shows account, amount and
method, and only Enter there, or Ctrl+Enter anywhere, takes the payment and shows the receipt:
a stray Enter in the search box or the amount takes no money. Esc returns to the search box.
F6 goes to the ledger, F7 reprints the selected receipt (副本), F8 reverses it (红冲), F9
proposes an adjustment of the account (调账申请), F12 opens the account's card (客户卡片).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.accounts import queries as accounts
from heatoffice.accounts import register
from heatoffice.auth.actor import Actor
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import PaymentInfo
from heatoffice.errors import UserError
from heatoffice.exports import documents
from heatoffice.ui import i18n
from heatoffice.ui.changes import subscribe
from heatoffice.ui.crash import show_user_error
from heatoffice.ui.feedback import inform
from heatoffice.ui.lazy_model import Fetch, LazyTableModel
from heatoffice.ui.ledger_view import AccountView, ReversalDialog
from heatoffice.ui.payment_panel import METHOD_KEYS, PaymentPanel
from heatoffice.ui.pdf_preview import PdfPreviewDialog, print_path, show_pdf
from heatoffice.ui.search_box import search_box

RESULT_ROWS = 6
# Search result columns: a subset of the register's.
_RESULT_COLUMNS = ("account_no", "name", "address", "phone", "status")
_PICK = [register.COLUMNS.index(c) for c in _RESULT_COLUMNS]


class CashierPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self._text = ""
        self.last_pdf: Path | None = None
        self.preview: PdfPreviewDialog | None = None
        self.dialog: QDialog | None = None

        self.search, self.timer = search_box(
            self, self.tr("Account no., name, address or phone — Enter picks, Down to the list"),
            self.run_search)
        self.search.installEventFilter(self)
        self.search_note = QLabel()
        self.search_note.setObjectName("search_note")

        self.results_model = LazyTableModel(self.result_headers(), self._fetch_for(""),
                                            batch=50, parent=self)
        self.results = QTableView()
        self.results.setObjectName("results")
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(22)
        self.results.setTabKeyNavigation(False)
        header = self.results.horizontalHeader()
        for column, width in enumerate((110, 100, 300, 120, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.setFixedHeight(header.sizeHint().height() + 22 * RESULT_ROWS + 4)
        self.results.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self.pick_row(index.row()))

        self.account_view = AccountView(actor, self)
        self.account_view.reprint.connect(self.reprint)
        self.account_view.reverse.connect(self.ask_reversal)
        self.account_view.propose.connect(self.propose_adjustment)
        self.panel = PaymentPanel(actor, self)
        self.panel.setMinimumWidth(300)
        self.panel.paid.connect(self.payment_taken)

        hints = QLabel(self.tr("F1 cash  F2 card  F3 WeChat  F4 Alipay  F5 transfer  ·  "
                               "Enter next field, on the confirmation: take  ·  Ctrl+Enter take"
                               "  ·  F6 ledger  F7 reprint  F8 reverse  F9 adjustment  ·  "
                               "Esc back to search"))
        hints.setWordWrap(True)
        hints.setObjectName("hints")
        hints.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Find account:")))
        top.addWidget(self.search, 1)
        top.addWidget(self.search_note)
        splitter = QSplitter()
        splitter.addWidget(self.account_view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 320])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addWidget(splitter, 1)
        layout.addWidget(hints)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut(QKeySequence(Qt.Key.Key_Escape), self.focus_search)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            self._shortcut(QKeySequence(keys), self.panel.take)
        for number in range(1, len(METHOD_KEYS) + 1):
            self._shortcut(QKeySequence(f"F{number}"),
                           lambda number=number: self.panel.choose_method(number))
        self._shortcut(QKeySequence("F6"), self.account_view.focus_ledger)
        self._shortcut(QKeySequence("F7"), self.account_view.reprint_selected)
        self._shortcut(QKeySequence("F8"), self.account_view.reverse_selected)
        self._shortcut(QKeySequence("F9"), self.account_view.propose_adjustment)
        self._shortcut(QKeySequence("F12"), self.account_view.open_card)
        self.setFocusProxy(self.search)
        # A payment or reversal here, or an approved adjustment elsewhere, moves what the
        # account shown owes.
        subscribe(self, ("ledger", "accounts"), self.reload_account)

    def _shortcut(self, keys: QKeySequence | QKeySequence.StandardKey, slot) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # --- search --------------------------------------------------------------------------
    def result_headers(self) -> list[str]:
        return [glossary.label("column", c) for c in _RESULT_COLUMNS]

    def _fetch_for(self, text: str) -> Fetch:
        actor, lang = self.actor, i18n.language()

        def fetch(offset: int, limit: int) -> list[tuple]:
            if not text:
                return []
            rows = register.page(actor, text, offset=offset, limit=limit, lang=lang)
            return [(r[0], *(r[1 + c] for c in _PICK)) for r in rows]

        return fetch

    def run_search(self) -> None:
        self.timer.stop()
        text = self.search.text().strip()
        if text == self._text:
            return
        self._text = text
        self.results_model.reset_query(self._fetch_for(text))
        count = self.results_model.rowCount()
        if not text:
            self.search_note.clear()
        elif count == 0:
            self.search_note.setText(self.tr("No account found"))
        elif self.results_model.all_fetched():
            self.search_note.setText(self.tr("{count} found").format(count=count))
        else:
            self.search_note.setText(self.tr("{count}+ found").format(count=count))
        if count:
            self.results.selectRow(0)

    def search_entered(self) -> None:
        """Enter in the search box: an exact account number, or the only match, is picked at
        once; several matches put the cursor in the list."""
        self.run_search()
        text = self.search.text().strip()
        if not text:
            return
        exact = accounts.account_id_of(self.actor, text)
        if exact is not None:
            self.pick(exact)
        elif self.results_model.rowCount() == 1:
            self.pick_row(0)
        elif self.results_model.rowCount() > 1:
            self.focus_results()

    def focus_results(self) -> None:
        if self.results_model.rowCount():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.results.currentIndex().isValid():
                self.results.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            event = cast(QKeyEvent, event)
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if watched is self.search:
                if enter and plain:
                    self.search_entered()
                    return True
                if key == Qt.Key.Key_Down:
                    self.run_search()
                    self.focus_results()
                    return True
            elif watched is self.results:
                if enter and plain:
                    index = self.results.currentIndex()
                    if index.isValid():
                        self.pick_row(index.row())
                    return True
                if key == Qt.Key.Key_Up and self.results.currentIndex().row() <= 0:
                    self.focus_search()
                    return True
        return super().eventFilter(watched, event)

    # --- the account ---------------------------------------------------------------------
    def pick_row(self, row: int) -> None:
        self.pick(self.results_model.key(row))

    def pick(self, account_id: int) -> None:
        """Show the account, what it owes today, and put the cursor on the prefilled amount."""
        self.load_account(account_id)
        self.panel.focus_amount()

    def load_account(self, account_id: int | None) -> None:
        self.account_view.load(account_id)
        self.panel.set_account(account_id, billing.owed(self.actor, account_id)
                               if account_id is not None else None)

    def reload_account(self) -> None:
        if self.account_view.account_id is not None:
            self.load_account(self.account_view.account_id)

    # --- receipts ------------------------------------------------------------------------
    def payment_taken(self, payment: PaymentInfo) -> None:
        # The ledger and what is owed were reloaded from the change bus already.
        self.print_receipt(payment, self.tr("Receipt {receipt}"), taken=True)

    def print_receipt(self, payment: PaymentInfo, title: str, *, taken: bool = False) -> None:
        """Write the PDF, log the printing (a second one is a 副本), show the preview. After a
        payment (``taken``) a receipt that cannot be written is a warning: the money was
        taken, and F7 prints the receipt (not as a copy) once the trouble is fixed."""
        path = print_path(f"receipt-{payment.receipt_no}")
        try:
            copy = documents.print_receipt(self.actor, path, payment.receipt_no)
        except (UserError, OSError, ValueError) as exc:
            reason = exc.message() if isinstance(exc, UserError) else str(exc)
            if taken:
                inform(self, self.tr(
                    "The payment was taken: receipt {receipt}.\n"
                    "Its receipt could not be printed: {reason}\n"
                    "Print it again with F7 (Reprint) in the ledger.").format(
                        receipt=payment.receipt_no, reason=reason), warning=True)
            elif isinstance(exc, UserError):
                show_user_error(exc, self)
            else:
                inform(self, reason, warning=True)
            return
        self.last_pdf = path
        title = title.format(receipt=payment.receipt_no)
        if copy:
            title += " " + self.tr("(copy)")
        self.preview = show_pdf(path, self, title=title,
                                save_name=f"{payment.receipt_no}.pdf")
        self.preview.finished.connect(lambda _r: self.next_customer())

    def next_customer(self) -> None:
        self.window().activateWindow()
        self.focus_search()

    def reprint(self, payment: PaymentInfo) -> None:
        self.print_receipt(payment, self.tr("Receipt {receipt}"))

    def ask_reversal(self, payment: PaymentInfo) -> None:
        dialog = self.dialog = ReversalDialog(self.actor, payment, self)
        dialog.accepted.connect(lambda: self._reversed(dialog.reversal))
        dialog.open()

    def propose_adjustment(self, account_id: int) -> None:
        from heatoffice.ui.adjustments_page import ProposeDialog

        self.dialog = ProposeDialog(self.actor, account_id, self)
        self.dialog.accepted.connect(lambda: inform(self, self.tr(
            "The adjustment was proposed; it enters the ledger once a manager approves it.")))
        self.dialog.open()

    def _reversed(self, reversal: PaymentInfo | None) -> None:
        if reversal is None:
            return
        self.print_receipt(reversal, self.tr("Reversal receipt {receipt}"))
