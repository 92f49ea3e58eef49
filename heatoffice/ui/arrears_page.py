"""欠费: the arrears list by community, building, category, collector and age, with totals;
dunning contacts, dunning notices, the collector's round sheet and the Excel export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import clock, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing.queries import ArrearsTotals, arrears_list
from heatoffice.errors import UserError
from heatoffice.exports import documents, ledger_xlsx
from heatoffice.ui import choices, formats, i18n
from heatoffice.ui.changes import subscribe
from heatoffice.ui.feedback import export_excel, inform, preview_document, show_error
from heatoffice.ui.lazy_model import Fetch, LazyTableModel
from heatoffice.ui.tables import make_table, selected_keys

BATCH = 100


class ArrearsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.totals = ArrearsTotals()
        self.filters: dict = {}
        self.dialog: QDialog | None = None
        self.preview = None

        self.community = choices.community_combo(actor)
        self.community.setMinimumWidth(140)
        self.building = QLineEdit()
        self.building.setMaximumWidth(70)
        self.building.returnPressed.connect(self.search)
        self.category = choices.keyed_combo("account_category", everything=True)
        self.collector = choices.collector_combo(actor)
        self.age = choices.keyed_combo("arrears_age", everything=True)
        # Arrears are what is overdue; what is owed but not yet due is counted apart unless
        # asked for here.
        self.include_not_due = QCheckBox(self.tr("Include not yet due"))
        self.include_not_due.setObjectName("include_not_due")
        self.include_not_due.toggled.connect(lambda _on: self.search())
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        edit = self.community.lineEdit()
        assert edit is not None  # an editable combo box
        edit.returnPressed.connect(self.search)

        self.model = LazyTableModel(self.headers(), lambda o, n: [], batch=BATCH, parent=self)
        self.table = make_table(self.model, (100, 70, 200, 56, 110, 80, 56, 100, 100, 90, 100,
                                             96, 64), 2, multi=True)
        # The account's card, by double-click or Enter, as everywhere an account is listed.
        self.table.doubleClicked.connect(lambda index: self.open_card(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.open_current)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("totals")
        self.totals_label.setWordWrap(True)

        self.contact_button = QPushButton(self.tr("Record contact…"))
        self.contact_button.setEnabled(can(actor, "dunning.record"))
        self.contact_button.clicked.connect(self.record_contact)
        self.notice_button = QPushButton(self.tr("Dunning notices: selected"))
        self.notice_button.clicked.connect(self.print_selected)
        self.community_notice_button = QPushButton(self.tr("Dunning notices: community"))
        self.community_notice_button.clicked.connect(self.print_community)
        self.round_button = QPushButton(self.tr("Collector's round sheet"))
        self.round_button.setEnabled(self.collector.count() > 1)
        self.round_button.clicked.connect(self.print_round)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setEnabled(can(actor, "billing.export"))
        self.export_button.clicked.connect(self.export)

        filters = QHBoxLayout()
        for text, widget in ((self.tr("Community:"), self.community),
                             (self.tr("Building:"), self.building),
                             (self.tr("Category:"), self.category),
                             (self.tr("Collector:"), self.collector),
                             (self.tr("Age:"), self.age)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.include_not_due)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.contact_button, self.notice_button, self.community_notice_button,
                       self.round_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addLayout(actions)
        self.search()
        # Payments, adjustments and new bills move what is owed; account edits what is shown.
        subscribe(self, ("ledger", "accounts"), self.refresh)

    def headers(self) -> list[str]:
        return [self.tr("Account no."), self.tr("Name"), self.tr("Address"), self.tr("Category"),
                self.tr("Phone"), self.tr("Area (m²)"), self.tr("Status"), self.tr("Overdue"),
                self.tr("Not yet due"), self.tr("Late fees"), self.tr("Total"),
                self.tr("Oldest overdue season"), self.tr("Age")]

    # --- the list ------------------------------------------------------------------------
    def current_filters(self) -> dict:
        return {"community": choices.community_of(self.community),
                "building": self.building.text().strip() or None,
                "category": self.category.currentData(),
                "collector_staff_id": self.collector.currentData(),
                "age": self.age.currentData(),
                "include_not_due": self.include_not_due.isChecked()}

    def _fetch_for(self, filters: dict) -> Fetch:
        actor, lang = self.actor, i18n.language()

        def fetch(offset: int, limit: int) -> list[tuple]:
            result = arrears_list(actor, **filters, limit=limit, offset=offset)
            if offset == 0:
                self.show_totals(result.totals)
            return [(r.account_id, r.account_no, r.name, r.address, r.label("category", lang),
                     r.phone, r.area, r.label("status", lang), formats.yuan(r.overdue),
                     formats.yuan(r.not_due), formats.yuan(r.late_fees),
                     formats.yuan(r.owed + r.late_fees), r.oldest_season,
                     r.label("age", lang)) for r in result.rows]

        return fetch

    def search(self) -> None:
        self.filters = self.current_filters()
        self.refresh()

    def refresh(self) -> None:
        """The list again with the filters last searched for."""
        try:
            self.model.reset_query(self._fetch_for(self.filters))
        except UserError as exc:
            self.model.reset_query(lambda o, n: [])
            self.show_totals(ArrearsTotals())
            show_error(self, exc)

    def show_totals(self, totals: ArrearsTotals) -> None:
        self.totals = totals
        parts = [self.tr("{count} accounts owe {owed} overdue").format(
            count=totals.count, owed=formats.money(totals.overdue))]
        if totals.not_due:
            parts[0] += self.tr(", {not_due} more not yet due").format(
                not_due=formats.money(totals.not_due))
        listed = self.filters.get("include_not_due") or self.filters.get("age")
        for key, (count, amount) in totals.by_age.items():
            if key != "not_due" or listed:
                parts.append(self.tr("{age}: {count} accounts, {owed}").format(
                    age=glossary.label("arrears_age", key), count=count,
                    owed=formats.money(amount)))
            elif count:
                parts.append(self.tr("not listed, all not yet due: {count} accounts, {owed}")
                             .format(count=count, owed=formats.money(amount)))
        self.totals_label.setText(" · ".join(parts))

    def selected_ids(self) -> list[int]:
        return selected_keys(self.table, self.model)

    # --- actions -------------------------------------------------------------------------
    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_card(index.row())

    def open_card(self, row: int) -> None:
        from heatoffice.ui.account_card import open_card

        open_card(self, self.actor, self.model.key(row))

    def record_contact(self) -> None:
        ids = self.selected_ids()
        if not ids or not can(self.actor, "dunning.record"):
            return
        from heatoffice.ui.dunning_dialog import DunningDialog

        self.dialog = DunningDialog(self.actor, ids[0], self)
        self.dialog.open()

    def print_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            inform(self, self.tr("Select the accounts first."))
            return
        self._print_dunning(f"dunning-{len(ids)}", account_ids=ids)

    def print_community(self) -> None:
        community = choices.community_of(self.community)
        if community is None:
            inform(self, self.tr("Choose a community first."))
            return
        self._print_dunning(f"dunning-{community}", community=community)

    def _print_dunning(self, name: str, **which) -> None:
        actor = self.actor
        preview_document(
            self, lambda path, progress: documents.print_dunning(actor, path, progress=progress,
                                                                 **which),
            name, self.tr("Dunning notices"), self.tr("Writing dunning notices…"))

    def print_round(self) -> None:
        staff_id = self.collector.currentData()
        if staff_id is None:
            inform(self, self.tr("Choose a collector first."))
            return
        actor = self.actor
        preview_document(
            self, lambda path, progress: documents.print_round_sheet(actor, staff_id, path,
                                                                     progress=progress),
            f"round-{self.collector.currentText()}", self.tr("Collector's round sheet"),
            self.tr("Writing the round sheet…"),
            empty=self.tr("Nobody in this collector's areas owes anything."))

    def export(self) -> None:
        actor, filters = self.actor, self.current_filters()
        export_excel(
            self, lambda path, progress: ledger_xlsx.export_arrears(
                actor, path, progress=progress, lang=i18n.language(), **filters),
            glossary.pick(f"欠费清单-{clock.today():%Y%m%d}.xlsx",
                          f"arrears-{clock.today():%Y%m%d}.xlsx"),
            self.tr("Exporting arrears…"))
