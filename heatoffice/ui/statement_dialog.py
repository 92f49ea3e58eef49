"""对账单 from the account card: choose a season, the whole ledger or a date range, then the
statement opens in the print preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from heatoffice import clock
from heatoffice.auth.actor import Actor
from heatoffice.billing import queries as billing
from heatoffice.billing.card import AccountCard
from heatoffice.ui.feedback import preview_document
from heatoffice.ui.form_dialog import FormDialog


class StatementDialog(FormDialog):
    """Print writes the PDF on the worker thread and opens the preview (``parent.preview``)."""

    def __init__(self, actor: Actor, card: AccountCard, parent: QWidget):
        super().__init__(parent)
        self.actor = actor
        self.card = card
        self.opener = parent
        self.options: dict[str, Any] = {}
        self.setWindowTitle(self.tr("Statement of {no}").format(no=card.facts.account_no))
        self.period = QComboBox()
        seasons: list[tuple[str, int | None]] = []
        for bill in reversed(card.bills):
            if bill.season and (bill.season, bill.season_id) not in seasons:
                seasons.append((bill.season, bill.season_id))
        for name, _id in seasons:
            self.period.addItem(self.tr("Season {season}").format(season=name), name)
        self.period.addItem(self.tr("The whole ledger"), "")
        self.period.addItem(self.tr("From … to …"), None)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.date_from = QLineEdit()
        self.date_to = QLineEdit(clock.today().isoformat())
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        form = self.form([("season", self.period), ("date_from", self.date_from),
                          ("date_to", self.date_to)])
        self.lay_out([form], self.tr("Print"), self.tr("Cancel"))
        self.setMinimumWidth(380)
        self._period_chosen()

    def _period_chosen(self, *_args: Any) -> None:
        dates = self.period.currentData() is None
        self.date_from.setEnabled(dates)
        self.date_to.setEnabled(dates)

    def chosen(self) -> dict[str, Any]:
        season = self.period.currentData()
        if season is None:
            return {"date_from": self.date_from.text().strip() or None,
                    "date_to": self.date_to.text().strip() or None}
        return {"season": season} if season else {}

    def write(self) -> None:
        options = self.chosen()
        # Read once here so that wrong dates are shown beside their fields.
        billing.account_statement(self.actor, self.card.account_id, **options)
        self.options = options

    def accept(self) -> None:
        super().accept()
        from heatoffice.exports import documents

        actor, account_id, options = self.actor, self.card.account_id, self.options
        no = self.card.facts.account_no
        preview_document(
            self.opener, lambda path, _progress: documents.print_statement(
                actor, path, account_id, **options),
            f"statement-{no}", self.tr("Statement of {no}").format(no=no),
            self.tr("Writing the statement…"))
