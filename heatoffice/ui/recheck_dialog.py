"""现场复核 result of one account's season bill: confirmed, or a discrepancy with what was found,
the customer's presence and signature, and the follow-up (re-measurement or adjustment)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.billing import queries as billing
from heatoffice.billing.queries import RecheckRow
from heatoffice.billing.recheck import record_recheck
from heatoffice.errors import UserError
from heatoffice.ui import formats
from heatoffice.ui.choices import keyed_combo
from heatoffice.ui.form_dialog import FormDialog


class RecheckDialog(FormDialog):
    """``recheck`` is the recheck written by Save."""

    def __init__(self, actor: Actor, row: RecheckRow, season_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.row = row
        self.season_id = season_id
        self.recheck: Any = None  # the Recheck written by Save
        self._suggested = ""  # the amount last filled in for the clerk, not typed by them
        self.setWindowTitle(self.tr("Recheck result: {no} {name}").format(no=row.account_no,
                                                                         name=row.name))
        intro = QLabel(self.tr("{address} · season {season} · billed {area} m², status "
                               "{status}, amount {amount}").format(
            address=row.address, season=row.season, area=formats.display(row.billed_area),
            status=glossary.label("account_status", row.billed_status),
            amount=formats.money(row.amount)))
        intro.setWordWrap(True)

        self.result_group = QButtonGroup(self)
        result_box = QWidget()
        result_layout = QHBoxLayout(result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        self.result_buttons: dict[str, QRadioButton] = {}
        for key in glossary.codes("recheck_result"):
            button = QRadioButton(glossary.label("recheck_result", key))
            button.setObjectName(f"result_{key}")
            self.result_group.addButton(button)
            self.result_buttons[key] = button
            result_layout.addWidget(button)
        result_layout.addStretch(1)
        self.result_buttons["confirmed"].setChecked(True)

        self.measured_area = QLineEdit()
        self.measured_area.setPlaceholderText("㎡")
        self.status_found = keyed_combo("account_status", blank=self.tr("(as billed)"))
        self.customer_present = QCheckBox()
        self.customer_signed = QCheckBox()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(54)
        self.follow_up = keyed_combo("recheck_follow_up")
        self.adjustment_amount = QLineEdit()
        self.adjustment_amount.setPlaceholderText(self.tr("+ charge more, − credit"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("empty: written from what was found"))

        form = self.form((("result", result_box), ("measured_area", self.measured_area),
                          ("status_found", self.status_found),
                          ("customer_present", self.customer_present),
                          ("customer_signed", self.customer_signed), ("notes", self.notes),
                          ("follow_up", self.follow_up),
                          ("adjustment_amount", self.adjustment_amount), ("reason", self.reason)))
        self.lay_out([intro, form], self.tr("Record"), self.tr("Cancel"))
        self.setMinimumWidth(520)

        self.result_group.buttonToggled.connect(lambda *_: self._update())
        self.follow_up.currentIndexChanged.connect(lambda _i: self._update())
        self.measured_area.textChanged.connect(lambda _t: self._suggest())
        self._update()

    def chosen_result(self) -> str:
        return next(k for k, b in self.result_buttons.items() if b.isChecked())

    def set_result(self, key: str) -> None:
        self.result_buttons[key].setChecked(True)

    def _update(self) -> None:
        """What was found and the follow-up only matter for a discrepancy."""
        discrepancy = self.chosen_result() == "discrepancy"
        for widget in (self.measured_area, self.status_found, self.follow_up, self.reason):
            widget.setEnabled(discrepancy)
        if not discrepancy:
            self.follow_up.setCurrentIndex(self.follow_up.findData("none"))
        self.adjustment_amount.setEnabled(discrepancy
                                          and self.follow_up.currentData() == "adjustment")
        self._suggest()

    def _suggest(self) -> None:
        """Prefill the adjustment with the bill recomputed for the measured area, unless the
        clerk has typed an amount of their own."""
        if not self.adjustment_amount.isEnabled() or not self.measured_area.text().strip():
            return
        if self.adjustment_amount.text() not in ("", self._suggested):
            return
        try:
            amount = billing.suggested_adjustment(self.actor, self.row.bill_id,
                                                  self.measured_area.text())
        except UserError:
            return  # half-typed or wrong: the error shows when the clerk saves
        self._suggested = str(amount)
        self.adjustment_amount.setText(self._suggested)

    def write(self) -> None:
        discrepancy = self.chosen_result() == "discrepancy"
        self.recheck = record_recheck(
            self.actor, self.row.account_id, self.season_id, result=self.chosen_result(),
            measured_area=self.measured_area.text() if discrepancy else None,
            status_found=self.status_found.currentData() if discrepancy else "",
            notes=self.notes.toPlainText(),
            customer_present=self.customer_present.isChecked(),
            customer_signed=self.customer_signed.isChecked(),
            follow_up=self.follow_up.currentData(),
            adjustment_amount=(self.adjustment_amount.text()
                               if self.adjustment_amount.isEnabled() else None),
            reason=self.reason.text() if discrepancy else "")
