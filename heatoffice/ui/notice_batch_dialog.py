"""Which payment notices to print: a community (or all) and whether settled accounts get one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from heatoffice.auth.actor import Actor
from heatoffice.ui import choices


class NoticeBatchDialog(QDialog):
    """The batch of 缴费通知单 to print. Accounts that owe nothing are left out (a ¥0.00
    "零元整" notice only puzzles the customer) unless the box is ticked."""

    def __init__(self, actor: Actor, season: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment notices {season}").format(season=season))
        self.community = choices.community_combo(actor)
        self.community.setObjectName("community")
        self.community.setMinimumWidth(200)
        self.include_settled = QCheckBox(self.tr("Also print accounts that owe nothing"))
        self.include_settled.setObjectName("include_settled")
        form = QFormLayout()
        form.addRow(self.tr("Community:"), self.community)
        form.addRow("", self.include_settled)
        hint = QLabel(self.tr("Settled accounts get no notice unless this is ticked."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(self.tr("Print…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str | None, bool]:
        """(the community, None for every one; whether settled accounts are printed too)."""
        return choices.community_of(self.community), self.include_settled.isChecked()
