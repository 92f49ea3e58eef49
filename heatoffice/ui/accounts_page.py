"""The account register page: as-you-type search over one lazy table with each account's
balance, filters by community, heat station, status and "owes money"; an account opens on its
card (double-click or Enter), a new one in the account form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import register
from heatoffice.ui import choices, formats, i18n
from heatoffice.ui.changes import subscribe
from heatoffice.ui.lazy_model import Fetch, LazyTableModel
from heatoffice.ui.search_box import search_box

_SORT_KEYS = list(register.COLUMNS)


class AccountsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self._text = ""
        self._sort = "id"
        self._descending = False
        self._filters = register.Filters()

        self.search, self.timer = search_box(
            self, self.tr("Search account no., name, phone, address… (Ctrl+F)"), self.run_search)
        self.search.returnPressed.connect(self.run_search)

        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.new_button.setEnabled(can(actor, "accounts.edit"))
        self.new_button.clicked.connect(self.new_account)
        self.open_button = QPushButton(self.tr("Open (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.count_button = QPushButton(self.tr("Count"))
        self.count_button.setToolTip(self.tr("Count every matching account"))
        self.count_button.clicked.connect(self.show_count)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        self.community = choices.community_combo(actor)
        self.community.setObjectName("community")
        self.community.setMinimumWidth(140)
        self.community.activated.connect(self.apply_filters)
        edit = self.community.lineEdit()
        assert edit is not None  # an editable combo box
        edit.returnPressed.connect(self.apply_filters)
        self.station = QComboBox()
        self.station.setObjectName("station")
        self.station.addItem(choices.everything(), None)
        for s in accounts.stations(actor):
            self.station.addItem(f"{s.code} {s.name}", s.id)
        self.station.activated.connect(self.apply_filters)
        self.status = choices.keyed_combo("account_status", everything=True)
        self.status.setObjectName("status")
        self.status.activated.connect(self.apply_filters)
        self.owing = QCheckBox(self.tr("Owes money"))
        self.owing.setObjectName("owing")
        self.owing.toggled.connect(self.apply_filters)

        self.model = LazyTableModel(self.headers(), self._fetch_for(), sorter=self._sorter,
                                    parent=self)
        self.model.modelReset.connect(self._update_count_label)
        self.model.rowsInserted.connect(self._update_count_label)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        header.setStretchLastSection(False)
        for column, width in enumerate((120, 110, 70, 260, 110, 100, 70, 100)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Search:")))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        filters = QHBoxLayout()
        for text, widget in ((self.tr("Community:"), self.community),
                             (self.tr("Heat station:"), self.station),
                             (self.tr("Status:"), self.status)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.owing)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.count_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        for keys, slot in ((QKeySequence.StandardKey.New, self.new_account),
                           (QKeySequence.StandardKey.Find, self.focus_search)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_selected)
        self._update_count_label()
        # Coming to the page puts the cursor in the search box, ready to type.
        self.setFocusProxy(self.search)
        # An account opened, edited or changed in status, or its balance moved, anywhere.
        subscribe(self, ("accounts", "ledger"), self.refresh)

    # --- queries -----------------------------------------------------------------------
    def headers(self) -> list[str]:
        return register.headings()

    def _fetch_for(self) -> Fetch:
        actor, text, sort, descending = self.actor, self._text, self._sort, self._descending
        filters, lang = self._filters, i18n.language()

        def fetch(offset: int, limit: int) -> list[tuple]:
            rows = register.page(actor, text, sort=sort, descending=descending, offset=offset,
                                 limit=limit, lang=lang, filters=filters)
            return [(*r[:-1], formats.yuan(r[-1])) for r in rows]  # the balance is money

        return fetch

    def _sorter(self, column: int, descending: bool) -> Fetch:
        self._sort = _SORT_KEYS[column] if 0 <= column < len(_SORT_KEYS) else "id"
        self._descending = descending
        return self._fetch_for()

    def run_search(self) -> None:
        self.timer.stop()
        text = self.search.text().strip()
        if text == self._text:
            return
        self._text = text
        self.refresh()

    def current_filters(self) -> register.Filters:
        return register.Filters(community=choices.community_of(self.community),
                                station_id=self.station.currentData(),
                                status=self.status.currentData(),
                                owing=self.owing.isChecked())

    def apply_filters(self, *_args) -> None:
        filters = self.current_filters()
        if filters != self._filters:
            self._filters = filters
            self.refresh()

    def refresh(self) -> None:
        """Query again, keeping search text and order (after an edit, say)."""
        self.model.reset_query(self._fetch_for())

    def show_count(self) -> None:
        total = register.count(self.actor, self._text, self._filters)
        self.count_label.setText(self.tr("{count} accounts match").format(count=total))

    def _update_count_label(self, *_args) -> None:
        rows = self.model.rowCount()
        if self.model.all_fetched():
            text = self.tr("{count} accounts match").format(count=rows)
        else:
            text = self.tr("Showing the first {count} accounts; scroll for more").format(
                count=rows)
        self.count_label.setText(text)

    # --- actions -----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current = self.table.currentIndex()
        return current.row() if current.isValid() else None

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        self.open_card(self.model.key(row))

    def open_card(self, account_id: int) -> None:
        from heatoffice.ui.account_card import open_card

        open_card(self, self.actor, account_id)

    def new_account(self) -> None:
        if can(self.actor, "accounts.edit"):
            self.open_account(None)

    def open_account(self, account_id: int | None) -> None:
        """The account form: a new account, or (from elsewhere) one to edit."""
        from heatoffice.ui.account_dialog import AccountDialog

        dialog = AccountDialog(self.actor, account_id, self)
        self.dialog = dialog  # kept for tests and so it is not garbage-collected early
        dialog.open()
