"""抄表录入: the heat meter's start and end readings of one two-part account for a season."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from heatoffice import clock
from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.billing import metering
from heatoffice.errors import UserError
from heatoffice.seasons.queries import SeasonInfo
from heatoffice.ui.form_dialog import FormDialog

FIELDS = ("account_no", "start_gj", "end_gj", "read_on", "notes")


class MeterReadingDialog(FormDialog):
    """One reading for ``season``; ``reading`` is the saved reading, ``account`` the
    AccountDetails of its account."""

    def __init__(self, actor: Actor, season: SeasonInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.season = season
        self.reading: Any = None  # the MeterReading saved (the UI names no model)
        self.account: accounts.AccountDetails | None = None
        self.setWindowTitle(self.tr("Meter reading, season {season}").format(
            season=season.name))
        self.editors: dict[str, QLineEdit] = {field: QLineEdit() for field in FIELDS}
        self.editors["read_on"].setText(clock.today().isoformat())
        self.editors["read_on"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        for field in ("start_gj", "end_gj"):
            self.editors[field].setPlaceholderText("GJ")
            self.editors[field].setAlignment(Qt.AlignmentFlag.AlignRight)
        intro = QLabel(self.tr("The meter's readings at the start and the end of the season. "
                               "A new reading replaces an unsettled one."))
        intro.setWordWrap(True)
        self.lay_out([intro, self.form(self.editors.items())], self.tr("Save"),
                     self.tr("Cancel"))
        self.setMinimumWidth(420)

    def write(self) -> None:
        e = self.editors
        text = e["account_no"].text().strip()
        if not text:
            raise UserError("validation.required", field="account_no", value="")
        try:
            account = accounts.account(self.actor, text)
        except UserError as exc:
            # get_account names no field: the number typed here is the one not found.
            if exc.code == "accounts.not_found" and exc.field is None:
                exc.field = "account_no"
            raise
        self.reading = metering.record_reading(
            self.actor, account.id, self.season.id, e["start_gj"].text(), e["end_gj"].text(),
            read_on=e["read_on"].text(), notes=e["notes"].text())
        self.account = account
