"""Help → Keyboard shortcuts: every key the window and its pages answer, in one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Keys = QKeySequence.StandardKey | str

if TYPE_CHECKING:
    # It returns the source text it marks; PySide6's stub says object.
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

_EVERYWHERE = QT_TRANSLATE_NOOP("Shortcuts", "Everywhere")
_ACCOUNTS = QT_TRANSLATE_NOOP("Shortcuts", "Accounts")
_CASHIER = QT_TRANSLATE_NOOP("Shortcuts", "Cashier")
_USERS = QT_TRANSLATE_NOOP("Shortcuts", "Users")
_PREVIEW = QT_TRANSLATE_NOOP("Shortcuts", "Print preview")
_HOTLINE = QT_TRANSLATE_NOOP("Shortcuts", "Hotline")
_ORDERS = QT_TRANSLATE_NOOP("Shortcuts", "Work orders")

# (where, keys, what they do); the texts are English sources in the "Shortcuts" context.
# tests/ui/test_shortcuts_help.py checks that every shortcut the window, the pages and the
# preview set up is listed here.
SHORTCUTS: tuple[tuple[str, tuple[Keys, ...], str], ...] = (
    (_EVERYWHERE, ("Ctrl+/",), QT_TRANSLATE_NOOP("Shortcuts", "this list of shortcuts")),
    (_EVERYWHERE, ("Ctrl+Shift+L",), QT_TRANSLATE_NOOP("Shortcuts", "log out")),
    (_EVERYWHERE, ("Ctrl+Q",), QT_TRANSLATE_NOOP("Shortcuts", "exit the program")),
    (_ACCOUNTS, (QKeySequence.StandardKey.Find,),
     QT_TRANSLATE_NOOP("Shortcuts", "to the search box")),
    (_ACCOUNTS, (QKeySequence.StandardKey.New,), QT_TRANSLATE_NOOP("Shortcuts", "new account")),
    (_ACCOUNTS, ("Return",), QT_TRANSLATE_NOOP("Shortcuts", "open the selected account")),
    (_CASHIER, (QKeySequence.StandardKey.Find, "Esc"),
     QT_TRANSLATE_NOOP("Shortcuts", "back to the search box")),
    (_CASHIER, ("Return",), QT_TRANSLATE_NOOP(
        "Shortcuts", "in the search box: pick the account, or go to the list of several")),
    (_CASHIER, ("Down",), QT_TRANSLATE_NOOP("Shortcuts", "in the search box: to the list")),
    (_CASHIER, ("F1", "F2", "F3", "F4", "F5"), QT_TRANSLATE_NOOP(
        "Shortcuts", "method: cash, bank card, WeChat, Alipay, bank transfer")),
    (_CASHIER, ("Return",), QT_TRANSLATE_NOOP(
        "Shortcuts", "in the amount, cash tendered or transaction no.: the next field — "
        "never takes money")),
    (_CASHIER, ("Return",), QT_TRANSLATE_NOOP(
        "Shortcuts", "on the highlighted confirmation: take the payment")),
    (_CASHIER, ("Ctrl+Return",), QT_TRANSLATE_NOOP(
        "Shortcuts", "take the payment the confirmation shows")),
    (_CASHIER, ("F6",), QT_TRANSLATE_NOOP("Shortcuts", "to the account's ledger")),
    (_CASHIER, ("F7",), QT_TRANSLATE_NOOP("Shortcuts", "reprint the selected receipt (copy)")),
    (_CASHIER, ("F8",), QT_TRANSLATE_NOOP("Shortcuts", "reverse the selected receipt")),
    (_CASHIER, ("F9",), QT_TRANSLATE_NOOP("Shortcuts", "propose an adjustment of the account")),
    (_CASHIER, ("F12",), QT_TRANSLATE_NOOP("Shortcuts", "open the account's card")),
    (_USERS, ("Ctrl+N",), QT_TRANSLATE_NOOP("Shortcuts", "add a user")),
    (_HOTLINE, ("F2",), QT_TRANSLATE_NOOP("Shortcuts", "a new call: the form emptied")),
    (_HOTLINE, ("Return",), QT_TRANSLATE_NOOP(
        "Shortcuts", "in the account box: find by any fragment; in the form: the next field")),
    (_HOTLINE, ("Ctrl+R",), QT_TRANSLATE_NOOP(
        "Shortcuts", "read the call back to the caller (also Return on the content)")),
    (_HOTLINE, ("Ctrl+S",), QT_TRANSLATE_NOOP(
        "Shortcuts", "the caller confirmed the read-back: save the call (also Return on it)")),
    (_HOTLINE, ("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "withdraw the read-back to correct")),
    (_HOTLINE, ("F12",), QT_TRANSLATE_NOOP("Shortcuts", "open the account's card")),
    (_HOTLINE, ("Ctrl+D",), QT_TRANSLATE_NOOP(
        "Shortcuts", "the saved call's work order and its dispatch")),
    (_ORDERS, ("Ctrl+D",), QT_TRANSLATE_NOOP("Shortcuts", "dispatch the selected work order")),
    (_PREVIEW, (QKeySequence.StandardKey.Print,), QT_TRANSLATE_NOOP("Shortcuts", "print")),
    (_PREVIEW, (QKeySequence.StandardKey.Save,), QT_TRANSLATE_NOOP("Shortcuts", "save as PDF")),
    (_PREVIEW, ("PgUp", "PgDown"), QT_TRANSLATE_NOOP("Shortcuts", "previous / next page")),
    (_PREVIEW, (QKeySequence.StandardKey.ZoomIn, QKeySequence.StandardKey.ZoomOut),
     QT_TRANSLATE_NOOP("Shortcuts", "zoom in / out")),
    (_PREVIEW, ("Ctrl+9",), QT_TRANSLATE_NOOP("Shortcuts", "fit the page width")),
    (_PREVIEW, ("Ctrl+0",), QT_TRANSLATE_NOOP("Shortcuts", "actual size")),
    (_PREVIEW, ("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "close")),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def key_sequence(keys: Keys) -> QKeySequence:
    """The keys (a standard key: its first binding on this platform)."""
    if isinstance(keys, QKeySequence.StandardKey):
        bindings = QKeySequence.keyBindings(keys)
        return bindings[0] if bindings else QKeySequence()
    return QKeySequence(keys)


def key_text(keys: Keys) -> str:
    """The keys as the user reads them (Ctrl on Linux and Windows, ⌘ on macOS)."""
    return key_sequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"),
                                              self.tr("What they do")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        rows = [(_t(section), " / ".join(key_text(k) for k in keys), _t(text))
                for section, keys, text in SHORTCUTS]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.setWindowModality(Qt.WindowModality.NonModal)

    def rows(self) -> list[tuple[str, ...]]:
        cells = [[self.table.item(r, c) for c in range(3)] for r in range(self.table.rowCount())]
        return [tuple(item.text() if item is not None else "" for item in row) for row in cells]
