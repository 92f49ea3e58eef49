"""现场复核: the season bills of a community or a collector's round, their recheck sheets in
print preview, and the result entered per account."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import RecheckRow, recheck_rows
from heatoffice.errors import UserError
from heatoffice.exports import documents
from heatoffice.ui import choices, formats
from heatoffice.ui.changes import subscribe
from heatoffice.ui.feedback import inform, preview_document, show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table


class RecheckPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.rows: dict[int, RecheckRow] = {}
        self.dialog: QDialog | None = None
        self.preview = None

        self.season = choices.season_combo(actor)
        self.community = choices.community_combo(actor)
        self.community.setMinimumWidth(140)
        self.collector = choices.collector_combo(actor)
        self.show_button = QPushButton(self.tr("Show bills"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        edit = self.community.lineEdit()
        assert edit is not None  # an editable combo box
        edit.returnPressed.connect(self.load)
        self.print_button = QPushButton(self.tr("Print recheck sheets"))
        self.print_button.clicked.connect(self.print_sheets)
        self.record_button = QPushButton(self.tr("Enter result…"))
        self.record_button.clicked.connect(self.enter_result)

        self.model = LazyTableModel(
            [self.tr("Account no."), self.tr("Name"), self.tr("Address"),
             self.tr("Billed m²"), self.tr("Status billed"), self.tr("Amount"), self.tr("Paid"),
             self.tr("Last recheck"), self.tr("Follow-up")], fixed_rows([]), parent=self)
        self.table = make_table(self.model, (100, 70, 220, 80, 80, 100, 100, 160, 100), 2)
        self.table.doubleClicked.connect(lambda _i: self.enter_result())
        self.count_label = QLabel()

        filters = QHBoxLayout()
        for text, widget in ((self.tr("Season:"), self.season),
                             (self.tr("Community:"), self.community),
                             (self.tr("Collector:"), self.collector)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.load()
        # A recheck recorded, or a payment on a bill listed (the Paid column).
        subscribe(self, ("rechecks", "ledger"), self.load)

    def scope(self) -> dict:
        return {"season_id": self.season.currentData(),
                "community": choices.community_of(self.community),
                "staff_id": self.collector.currentData()}

    def load(self) -> None:
        scope = self.scope()
        if scope["season_id"] is None:
            self.count_label.setText(self.tr("No heating season yet."))
            return
        if scope["community"] is None and scope["staff_id"] is None:
            # A whole city's bills are no sheet to carry round: ask for the area first.
            self.rows = {}
            self.model.reset_query(fixed_rows([]))
            self.count_label.setText(self.tr("Choose a community or a collector."))
            return
        try:
            found = recheck_rows(self.actor, **scope)
        except UserError as exc:
            show_error(self, exc)
            return
        self.rows = {r.account_id: r for r in found}
        last = billing.last_rechecks(self.actor, scope["season_id"], list(self.rows))
        out = []
        for r in found:
            check = last.get(r.account_id)
            done = "" if check is None else (
                f"{formats.display(check.checked_at)} "
                f"{glossary.label('recheck_result', check.result)}")
            follow = "" if check is None else glossary.label("recheck_follow_up",
                                                             check.follow_up)
            out.append((r.account_id, r.account_no, r.name, r.address, r.billed_area,
                        glossary.label("account_status", r.billed_status),
                        formats.yuan(r.amount), formats.yuan(r.paid), done, follow))
        self.model.reset_query(fixed_rows(out))
        self.count_label.setText(self.tr("{count} bills").format(count=len(out)))

    def print_sheets(self) -> None:
        scope = self.scope()
        if scope["season_id"] is None:
            return
        if scope["community"] is None and scope["staff_id"] is None:
            inform(self, self.tr("Choose a community or a collector."))
            return
        actor = self.actor
        preview_document(
            self, lambda path, _progress: documents.print_recheck_sheets(
                actor, path, scope["season_id"], community=scope["community"],
                staff_id=scope["staff_id"]),
            f"recheck-{self.season.currentText()}-{scope['community'] or 'all'}",
            self.tr("Recheck sheets"), self.tr("Writing recheck sheets…"))

    def enter_result(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            inform(self, self.tr("Select a bill first."))
            return
        from heatoffice.ui.recheck_dialog import RecheckDialog

        row = self.rows[self.model.key(index.row())]
        self.dialog = RecheckDialog(self.actor, row, self.season.currentData(), self)
        self.dialog.open()
