"""公司设置: the company details printed on every notice, letter and receipt, for the admin."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from heatoffice.auth.actor import Actor
from heatoffice.config import service as settings
from heatoffice.ui.form_dialog import FormDialog


class SettingsDialog(FormDialog):
    """Every editable setting in one form; Save writes those changed (each audited)."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Company settings"))
        self.editors: dict[str, QLineEdit] = {}
        for item in settings.settings(actor):
            if item.key in settings.COMPANY:
                editor = QLineEdit(item.value)
                editor.setMaxLength(settings.EDITABLE[item.key])
                self.editors[item.key] = editor
        self.editors["hotline"].setPlaceholderText("0371-96069")
        self.editors["bank_account"].setPlaceholderText("1702 0210 0920 0123 456")
        note = QLabel(self.tr("Printed on payment notices, dunning letters and receipts."))
        note.setWordWrap(True)
        self.lay_out([note, self.form(list(self.editors.items()))], self.tr("Save"),
                     self.tr("Cancel"))
        self.setMinimumWidth(460)

    def write(self) -> None:
        self.result_values = settings.set_settings(
            self.actor, {key: editor.text() for key, editor in self.editors.items()})
