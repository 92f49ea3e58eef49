"""The account form: open or edit an account, errors shown beside their fields, status history."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.accounts import queries, service
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.privacy import mask_id_number, mask_phone
from heatoffice.ui import formats
from heatoffice.ui.account_status import StatusBox
from heatoffice.ui.changes import publishing
from heatoffice.ui.field_errors import FieldErrors, error_label

# Form layout: pairs of fields per row.
_ROWS = (
    ("account_no", "category"),
    ("name", "contact"),
    ("phone", "phone2"),
    ("id_number", "station_id"),
    ("community", "building"),
    ("unit", "floor"),
    ("room", "heating_area"),
    ("connected_on", "low_income"),
)
_SPECIAL = ("category", "station_id", "community", "notes", "low_income")
PERSONAL = {"phone": mask_phone, "phone2": mask_phone, "id_number": mask_id_number}


def field_label(field: str) -> str:
    key = "station" if field == "station_id" else field
    text = glossary.label("field", key)
    return text[:1].upper() + text[1:]


class AccountDialog(QDialog):
    """``account_id`` None opens a new account; ``saved`` carries the id after a save."""

    saved = Signal(int)

    def __init__(self, actor: Actor, account_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id = account_id
        self.show_personal = can(actor, "accounts.view_personal")
        self.editable = can(actor, "accounts.edit")
        self._masked: dict[str, str] = {}
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(720)

        self.general_error = error_label()
        self.general_error.setObjectName("error_general")
        self.errors = FieldErrors(self.general_error, aliases={"station": "station_id"})
        self.editors: dict[str, QWidget] = self._make_editors()

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        for r, pair in enumerate(self._rows()):
            for c, field in enumerate(pair):
                label = QLabel(field_label(field) + glossary.pick("：", ":"))
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                label.setContentsMargins(0, 4, 0, 0)
                label.setBuddy(self.editors[field])
                form.addWidget(label, r, c * 2)
                form.addWidget(self.errors.add(field, self.editors[field]), r, c * 2 + 1,
                               Qt.AlignmentFlag.AlignTop)
        notes_label = QLabel(field_label("notes") + glossary.pick("：", ":"))
        notes_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        last = len(self._rows())
        form.addWidget(notes_label, last, 0)
        form.addWidget(self.errors.add("notes", self.editors["notes"]), last, 1, 1, 3)

        details = QGroupBox(self.tr("Account"))
        details.setLayout(form)
        self.status_box = StatusBox(actor, self)
        self.status_box.changed.connect(self.saved.emit)
        status_group = QGroupBox(self.tr("Status"))
        QVBoxLayout(status_group).addWidget(self.status_box)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(self.editable)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(details)
        layout.addWidget(self.general_error)
        layout.addWidget(status_group)
        layout.addWidget(self.buttons)
        self.load()

    @staticmethod
    def _rows() -> list[tuple[str, ...]]:
        """_ROWS for the fields the service edits; a field added there later still shows."""
        editable = set(service.EDITABLE) - {"notes"}
        rows = [tuple(f for f in pair if f in editable) for pair in _ROWS]
        placed = {f for pair in rows for f in pair}
        extra = [f for f in service.EDITABLE if f in editable and f not in placed]
        rows += [tuple(extra[i:i + 2]) for i in range(0, len(extra), 2)]
        return [pair for pair in rows if pair]

    def _make_editors(self) -> dict[str, QWidget]:
        editors: dict[str, QWidget] = {}
        hints = {"account_no": self.tr("empty: made from the address"),
                 "heating_area": "㎡", "connected_on": self.tr("YYYY-MM-DD")}
        for field in service.EDITABLE:
            if field not in _SPECIAL:
                edit = QLineEdit()
                edit.setObjectName(field)
                edit.setPlaceholderText(hints.get(field, ""))
                editors[field] = edit
        if "id_number" in editors:
            cast(QLineEdit, editors["id_number"]).setMaxLength(18)
        low_income = QCheckBox()
        category = QComboBox()
        for key, name in glossary.labels("account_category").items():
            category.addItem(name, key)
        station = QComboBox()
        station.addItem(self.tr("(none)"), None)
        for s in queries.stations(self.actor):
            station.addItem(f"{s.code} {s.name}", s.id)
        community = QComboBox()
        community.setEditable(True)
        community.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for c in queries.communities(self.actor):
            community.addItem(c.name, c.station_id)
        community.setCurrentIndex(-1)
        community.activated.connect(self._community_chosen)
        notes = QPlainTextEdit()
        notes.setFixedHeight(60)
        for field, widget in (("category", category), ("station_id", station),
                              ("community", community), ("notes", notes),
                              ("low_income", low_income)):
            widget.setObjectName(field)
            editors[field] = widget
        for editor in editors.values():
            editor.setEnabled(self.editable)
        return editors

    def _community_chosen(self, index: int) -> None:
        station_id = cast(QComboBox, self.editors["community"]).itemData(index)
        station = cast(QComboBox, self.editors["station_id"])
        if station_id is not None and station.currentData() is None:
            station.setCurrentIndex(max(station.findData(station_id), 0))

    # --- values --------------------------------------------------------------------------
    def load(self) -> None:
        if self.account_id is None:
            self.setWindowTitle(self.tr("New account"))
            self.status_box.load(None)
            return
        account = queries.account(self.actor, self.account_id)
        self.setWindowTitle(self.tr("Account {no}").format(no=account.account_no))
        for field in service.EDITABLE:
            value = account.station_id if field == "station_id" else getattr(account, field)
            text = formats.edit_text(value)
            if field in PERSONAL and not self.show_personal:
                text = PERSONAL[field](text)
                self._masked[field] = text
            self.set_value(field, value if field in _SPECIAL and field != "notes" else text)
        area = self.editors["heating_area"]
        if account.heating_area and isinstance(area, QLineEdit):
            # The area on record changes only by an applied measurement (issue 14).
            area.setReadOnly(True)
            area.setToolTip(self.tr("Changed only by an applied area measurement"))
        self.status_box.load(account.id, account.status)

    def set_value(self, field: str, value: Any) -> None:
        widget = self.editors[field]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.setCurrentText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))

    def value(self, field: str) -> Any:
        widget = self.editors[field]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox) and widget.isEditable():
            return widget.currentText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        raise TypeError(widget)

    def form_data(self) -> dict[str, Any]:
        """The form as service data; a masked personal field left as shown is not sent."""
        data = {}
        for field in service.EDITABLE:
            value = self.value(field)
            if field in self._masked and value == self._masked[field]:
                continue
            data[field] = value
        return data

    # --- saving --------------------------------------------------------------------------
    def error_label(self, field: str) -> QLabel:
        return self.errors.labels[field]

    def save(self) -> bool:
        """Save through the service; on errors show them and keep the dialog open."""
        self.errors.clear()
        try:
            with publishing():  # the register and the other pages refresh from it
                if self.account_id is None:
                    account = service.open_account(self.actor, self.form_data())
                else:
                    account = service.update_account(self.actor, self.account_id,
                                                     self.form_data())
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.account_id = account.id
        self.saved.emit(account.id)
        self.accept()
        return True
