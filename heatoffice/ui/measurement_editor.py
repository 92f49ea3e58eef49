"""测量记录 editor: the account, reason, measurers and the parts, the area recomputed as typed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.measurements import queries
from heatoffice.measurements import service as measurements
from heatoffice.measurements.calc import KINDS, Part
from heatoffice.ui.choices import keyed_combo
from heatoffice.ui.form_dialog import FormDialog

PART_ROWS = 8
NAME, KIND, LENGTH, WIDTH, AREA = range(5)


def _number(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


class MeasurementEditor(FormDialog):
    """A new measurement (a draft); the total under the parts follows every keystroke with
    the current area rules, and Save computes it again in the service."""

    def __init__(self, actor: Actor, account_no: str = "", parent: QWidget | None = None):
        super().__init__(parent, aliases={"part_name": "parts", "part_kind": "parts",
                                          "length": "parts", "width": "parts",
                                          "part_area": "parts"})
        self.actor = actor
        self.rules = queries.current_rules(actor)
        self.measurement: Any = None
        self.setWindowTitle(self.tr("New area measurement"))
        self.account_no = QLineEdit(account_no)
        self.reason = keyed_combo("measurement_reason")
        self.measurers = QLineEdit()
        self.measurers.setPlaceholderText(self.tr("user names, separated by spaces"))
        self.measured_on = QLineEdit()
        self.measured_on.setPlaceholderText(self.tr("YYYY-MM-DD (default today)"))
        self.ceiling = QLineEdit()
        self.ceiling.setPlaceholderText("3.00")
        self.parts = QTableWidget(PART_ROWS, 5)
        self.parts.setHorizontalHeaderLabels(
            [glossary.label("field", f) for f in ("part_name", "part_kind", "length", "width",
                                                   "part_area")])
        for row in range(PART_ROWS):
            combo = QComboBox()
            for code in KINDS:
                combo.addItem(glossary.label("measurement_part_kind", code), code)
            combo.currentIndexChanged.connect(self.recompute)
            self.parts.setCellWidget(row, KIND, combo)
        self.parts.itemChanged.connect(self.recompute)
        self.ceiling.textChanged.connect(self.recompute)
        self.total = QLabel()
        self.total.setObjectName("total")
        form = self.form((("account_no", self.account_no), ("reason", self.reason),
                          ("measurers", self.measurers), ("measured_on", self.measured_on),
                          ("ceiling_height", self.ceiling), ("parts", self.parts)))
        self.lay_out([form, self.total], self.tr("Save draft"), self.tr("Cancel"))
        self.setMinimumWidth(640)
        self.recompute()

    def _text(self, row: int, column: int) -> str:
        item = self.parts.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_part(self, row: int, name: str, length: str = "", width: str = "",
                 kind: str = "room", area: str = "") -> None:
        for column, text in ((NAME, name), (LENGTH, length), (WIDTH, width), (AREA, area)):
            self.parts.setItem(row, column, QTableWidgetItem(text))
        combo = self.parts.cellWidget(row, KIND)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(kind))

    def typed_parts(self) -> list[dict[str, str]]:
        """The rows with a name, as the service takes them."""
        found = []
        for row in range(self.parts.rowCount()):
            name = self._text(row, NAME)
            if not name:
                continue
            combo = self.parts.cellWidget(row, KIND)
            kind = combo.currentData() if isinstance(combo, QComboBox) else "room"
            part = {"name": name, "kind": kind}
            if self._text(row, AREA):
                part["area"] = self._text(row, AREA)
            else:
                part.update(length=self._text(row, LENGTH), width=self._text(row, WIDTH))
            found.append(part)
        return found

    def preview(self) -> Decimal | None:
        """The area of the parts typed so far, None while one of them is not a number."""
        parts = []
        for p in self.typed_parts():
            if "area" in p:
                area = _number(p["area"])
                if area is None:
                    return None
                parts.append(Part(p["name"], p["kind"], area=area))
            else:
                length, width = _number(p["length"]), _number(p["width"])
                if length is None or width is None:
                    return None
                parts.append(Part(p["name"], p["kind"], length, width))
        return queries.preview(self.rules, parts, height=_number(self.ceiling.text()))

    def recompute(self, *_: Any) -> None:
        area = self.preview()
        self.total.setText(self.tr("Computed area: {area} m² (rules version {v})").format(
            area="—" if area is None else f"{area:.2f}", v=self.rules.version))

    def write(self) -> None:
        self.measurement = measurements.create(
            self.actor, self.account_no.text(), reason=self.reason.currentData(),
            measurers=self.measurers.text().replace(",", " ").replace("，", " ").split(),
            parts=self.typed_parts(), height=self.ceiling.text() or None,
            measured_on=self.measured_on.text() or None)
