"""Dialogs of one form: each service error beside its field, Save and Cancel at the bottom."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.errors import UserError
from heatoffice.ui.changes import publishing
from heatoffice.ui.feedback import grow_to_fit
from heatoffice.ui.field_errors import FieldErrors, error_label


def field_caption(field: str) -> str:
    """The label in front of a field: its name from the glossary and a colon."""
    text = glossary.label("field", field)
    return text[:1].upper() + text[1:] + glossary.pick("：", ":")


def dialog_buttons(dialog: Any, save_text: str,
                   cancel_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The box and its Save button: Save (the default) runs ``dialog.save``, Cancel rejects."""
    box = QDialogButtonBox()
    save = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    save.setDefault(True)
    box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.save)
    box.rejected.connect(dialog.reject)
    return box, save


class FormDialog(QDialog):
    """A window-modal dialog whose Save calls ``write``: a UserError from it is shown beside
    the field it names (else in ``general_error``) and the dialog stays open; what a
    successful write changed is published to the pages (heatoffice.ui.changes)."""

    grow_on_error = True  # make room for the messages that just appeared

    def __init__(self, parent: QWidget | None = None, *,
                 aliases: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.general_error = error_label()
        self.general_error.setObjectName("error_general")
        self.errors = FieldErrors(self.general_error, aliases)

    def form(self, fields: Iterable[tuple[str, QWidget]],
             caption: Callable[[str], str] = field_caption) -> QFormLayout:
        """Each editor, named after its field, with its caption and its error label."""
        form = QFormLayout()
        for field, editor in fields:
            editor.setObjectName(field)
            form.addRow(caption(field), self.errors.add(field, editor))
        return form

    def lay_out(self, parts: Iterable[QWidget | QLayout], save_text: str,
                cancel_text: str) -> QVBoxLayout:
        """``parts`` from the top, then ``general_error`` and the buttons (``save_button``)."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.general_error)
        buttons, self.save_button = dialog_buttons(self, save_text, cancel_text)
        layout.addWidget(buttons)
        return layout

    def save(self) -> bool:
        self.errors.clear()
        try:
            with publishing():
                if self.write() is False:
                    return False
        except UserError as exc:
            self.errors.show(exc)
            if self.grow_on_error:
                grow_to_fit(self)
            return False
        self.accept()
        return True

    def write(self) -> Any:
        """Call the service and keep what it returns; False keeps the dialog open quietly."""
        raise NotImplementedError
