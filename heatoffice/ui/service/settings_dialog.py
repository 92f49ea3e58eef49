"""服务设置: the service desk's settings in one form for a manager (what ``order settings``
shows): the dispatch limit, the deadline of each category of fault, the written complaints'
reply days, the room-temperature standard, the check plan's low floors and network ends, the
cold-home refund steps. Save checks every field at once (``service.settings.set_settings``):
each bad one is named beside its editor and nothing is saved; each change is audited."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.service import settings
from heatoffice.ui.form_dialog import FormDialog

# the settings of one line each, in the order of the form (the deadlines have their own box)
FIELDS = ("service_dispatch_minutes", "complaint_reply_days", "room_temp_standard",
          "tempcheck_low_floor", "tempcheck_network_ends", "cold_refund_steps",
          "cold_refund_min_days")


class ServiceSettingsDialog(FormDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Service settings"))
        self.editors: dict[str, QLineEdit] = {key: QLineEdit(settings.get(key))
                                              for key in FIELDS}
        self.editors["tempcheck_network_ends"].setPlaceholderText(
            self.tr("community codes, comma separated; empty: each station's last"))
        self.editors["cold_refund_steps"].setPlaceholderText("1:10,3:20,5:30")
        self.editors["cold_refund_steps"].setToolTip(self.tr(
            "degrees short:percent of the days' fee, the highest step reached counts"))
        hours = settings.deadline_hours()
        self.deadlines: dict[str, QLineEdit] = {
            code: QLineEdit(str(hours[code])) for code in settings.DEADLINE_CATEGORIES}
        fields = {settings.deadline_field(code): editor
                  for code, editor in self.deadlines.items()}
        names = {settings.deadline_field(code): code for code in settings.DEADLINE_CATEGORIES}

        def category(field: str) -> str:
            return glossary.label("call_category", names[field]) + glossary.pick("：", ":")

        left = QWidget()
        left_form = self.form(list(self.editors.items()))
        left.setLayout(left_form)
        box = QGroupBox(glossary.label("field", "service_deadline_hours"))
        box.setLayout(self.form(list(fields.items()), category))
        for editor in self.deadlines.values():
            editor.setMaximumWidth(80)
        columns = QHBoxLayout()
        columns.addWidget(left, 3)
        columns.addWidget(box, 2)
        note = QLabel(self.tr("A major leak is due at once and a minor leak by 24:00 the same "
                              "day (大漏连夜抢，小漏不过夜); the other faults by the hours "
                              "on the right."))
        note.setWordWrap(True)
        self.lay_out([note, columns], self.tr("Save"), self.tr("Cancel"))
        self.setMinimumWidth(760)
        for editor in self.editors.values():
            editor.setMinimumWidth(200)

    def write(self) -> None:
        values: dict[str, object] = {key: editor.text() for key, editor in self.editors.items()}
        values["service_deadline_hours"] = {code: editor.text()
                                            for code, editor in self.deadlines.items()}
        self.result_values = settings.set_settings(self.actor, values)
