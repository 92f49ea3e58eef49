"""Dialogs of the organisation page: add a staff member, assign a staff member to a post."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from heatoffice import clock
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.org import queries
from heatoffice.org import service as org
from heatoffice.ui.form_dialog import FormDialog


def _date_edit(value: _dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


class _FormDialog(FormDialog):
    """A form of labelled fields with error labels and Save / Cancel."""

    grow_on_error = False  # as these dialogs always were

    def _setup(self, title: str, fields: list[tuple[str, QWidget]], save_text: str,
               cancel_text: str) -> None:
        self.setWindowTitle(title)
        self.lay_out([self.form(fields)], save_text, cancel_text)
        self.setMinimumWidth(420)


class AddStaffDialog(_FormDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.staff_no = QLineEdit()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.hired_on = _date_edit(clock.today())
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self._setup(self.tr("Add staff member"),
                    [("staff_no", self.staff_no), ("staff_name", self.name),
                     ("phone", self.phone), ("hired_on", self.hired_on),
                     ("notes", self.notes)],
                    self.tr("Save"), self.tr("Cancel"))

    def write(self) -> None:
        self.result_record = org.add_staff(self.actor, {
            "staff_no": self.staff_no.text(), "name": self.name.text(),
            "phone": self.phone.text(), "hired_on": _iso(self.hired_on),
            "notes": self.notes.toPlainText()})


class AssignDialog(_FormDialog):
    """任职: a staff member holds a post from a start date on."""

    def __init__(self, actor: Actor, parent: QWidget | None = None, *,
                 staff_id: int | None = None, post_id: int | None = None):
        super().__init__(parent)
        self.actor = actor
        self.staff = QComboBox()
        for s in queries.list_staff(actor):
            self.staff.addItem(f"{s.staff_no} {s.name}", s.id)
        self.post = QComboBox()
        for p in queries.list_posts(actor):
            self.post.addItem(f"{p.department.name} / {p.name}", p.id)
        for combo, value in ((self.staff, staff_id), (self.post, post_id)):
            combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
        self.start = _date_edit(clock.today())
        self.note = QLineEdit()
        self._setup(self.tr("Assign to a post"),
                    [("staff", self.staff), ("post", self.post), ("start_date", self.start),
                     ("note", self.note)],
                    self.tr("Assign"), self.tr("Cancel"))
        if self.staff.count() == 0:
            self.errors.general.setText(self.tr("Add a staff member first."))
            self.errors.general.setVisible(True)

    def write(self) -> None:
        staff_id, post_id = self.staff.currentData(), self.post.currentData()
        if staff_id is None:
            raise UserError("validation.required", field="staff")
        if post_id is None:
            raise UserError("validation.required", field="post")
        self.result_record = org.assign(self.actor, staff_id, post_id, _iso(self.start),
                                        note=self.note.text())

