"""Dialogs of the seasons page: add a heating season; set a tariff with every number, each
error beside its field; a change on a billed season is confirmed and its adjustments reported."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from heatoffice import clock
from heatoffice.auth.actor import Actor
from heatoffice.billing import queries as billing
from heatoffice.billing import tariff_change
from heatoffice.money import ZERO
from heatoffice.seasons import queries as seasons
from heatoffice.seasons import service
from heatoffice.seasons.queries import SeasonInfo
from heatoffice.ui import formats
from heatoffice.ui.choices import keyed_combo, select_data
from heatoffice.ui.feedback import confirm
from heatoffice.ui.form_dialog import FormDialog, field_caption

RATES = ("stopped_share", "late_fee_rate", "discount_rate", "relief_share")
MONEY = ("price_per_m2", "connection_fee_per_m2", "relief_cap", "basic_price_per_m2",
         "price_per_gj")
DATES = ("late_fee_from", "discount_until")
LAYOUT: tuple[tuple[str, str | None], ...] = (
    ("category", "price_per_m2"), ("stopped_share", "connection_fee_per_m2"),
    ("late_fee_rate", "late_fee_from"), ("discount_rate", "discount_until"),
    ("relief_share", "relief_max_area"), ("relief_cap", None),
    ("basic_price_per_m2", "price_per_gj"), ("settlement", None))


class SeasonDialog(FormDialog):
    """采暖季: a name such as 2027-2028 and the first and last day heated."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.season: Any = None  # the Season written by Add
        self.setWindowTitle(self.tr("Add heating season"))
        latest = seasons.seasons(actor)[:1]
        year = latest[0].start_date.year + 1 if latest else clock.today().year
        self.editors: dict[str, QWidget] = {
            "season_name": QLineEdit(f"{year}-{year + 1}"),
            "start_date": QLineEdit(f"{year}-11-15"),
            "end_date": QLineEdit(f"{year + 1}-03-15"),
            "notes": QPlainTextEdit(),
        }
        self.editors["notes"].setFixedHeight(60)
        grid = QGridLayout()
        for row, (field, editor) in enumerate(self.editors.items()):
            editor.setObjectName(field)
            if isinstance(editor, QLineEdit) and field != "season_name":
                editor.setPlaceholderText(self.tr("YYYY-MM-DD"))
            grid.addWidget(QLabel(field_caption(field)), row, 0,
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.errors.add(field, editor), row, 1)
        self.lay_out([grid], self.tr("Add"), self.tr("Cancel"))
        self.setMinimumWidth(420)

    def write(self) -> None:
        e: dict[str, Any] = self.editors
        self.season = service.add_season(self.actor, e["season_name"].text(),
                                         e["start_date"].text(), e["end_date"].text(),
                                         e["notes"].toPlainText())


class TariffDialog(FormDialog):
    """热价 of one category: a new version; ``adjustments`` = (count, total) it created."""

    def __init__(self, actor: Actor, season: SeasonInfo, parent: QWidget | None = None, *,
                 category: str = "residential"):
        super().__init__(parent)
        self.actor = actor
        self.season = season
        self.tariff: Any = None  # the Tariff version written by Save
        self.adjustments: tuple[int, Decimal] = (0, ZERO)
        self.setWindowTitle(self.tr("Tariff of season {season}").format(season=season.name))

        self.category = keyed_combo("account_category")
        self.settlement = keyed_combo("tariff_settlement")
        self.editors: dict[str, QWidget] = {"category": self.category,
                                            "settlement": self.settlement}
        hints = {**dict.fromkeys(RATES, self.tr("e.g. 30% or 0.3")),
                 **dict.fromkeys(DATES, self.tr("YYYY-MM-DD")),
                 **dict.fromkeys(MONEY, self.tr("yuan")), "relief_max_area": "㎡"}
        for pair in LAYOUT:
            for field in pair:
                if field is not None and field not in self.editors:
                    edit = QLineEdit()
                    edit.setPlaceholderText(hints.get(field, ""))
                    if field in MONEY or field == "relief_max_area":
                        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                    self.editors[field] = edit
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required once the season is billed"))
        self.editors["reason"] = self.reason

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, pair in enumerate(LAYOUT):
            for col, field in enumerate(pair):
                if field is None:
                    continue
                editor = self.editors[field]
                editor.setObjectName(field)
                grid.addWidget(QLabel(field_caption(field)), row, col * 2,
                               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(self.errors.add(field, editor), row, col * 2 + 1,
                               Qt.AlignmentFlag.AlignTop)
        last = len(LAYOUT)
        grid.addWidget(QLabel(field_caption("reason")), last, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.errors.add("reason", self.reason), last, 1, 1, 3)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.lay_out([self.version_label, grid], self.tr("Save"), self.tr("Cancel"))
        self.setMinimumWidth(720)
        select_data(self.category, category)
        self.category.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def load(self) -> None:
        """Fill the form from the tariff in force for the chosen category."""
        current = seasons.current_tariff(self.actor, self.season.id,
                                         self.category.currentData())
        billed = billing.billed_count(self.actor, self.season.id, self.category.currentData())
        if current is None:
            self.version_label.setText(self.tr("No tariff yet for this category."))
        else:
            self.version_label.setText(self.tr(
                "In force: version {version} of {at} by {who}. {billed} bills issued with "
                "this category.").format(version=current.version,
                                         at=formats.display(current.created_at),
                                         who=current.created_by, billed=billed))
        for field, editor in self.editors.items():
            if not isinstance(editor, QLineEdit) or field == "reason":
                continue
            value = getattr(current, field, None) if current is not None else None
            if field in RATES:
                editor.setText(formats.rate(value))
            elif value is None:
                editor.setText("")
            else:
                editor.setText(value.isoformat() if field in DATES else formats.edit_text(value))
        if current is not None:
            select_data(self.settlement, current.settlement)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[field] = editor.currentData()
            elif isinstance(editor, QLineEdit):
                out[field] = editor.text().strip()
        for field in ("basic_price_per_m2", "price_per_gj", *DATES):
            out[field] = out[field] or None
        return out

    def write(self) -> bool:
        data = self.values()
        category = data.pop("category")
        billed = billing.billed_count(self.actor, self.season.id, category)
        if billed and not confirm(self, self.tr(
                "Season {season} already has {count} bills of this category. The bills stay "
                "as issued; the difference is booked as an adjustment on each account whose "
                "fee changes. Go on?").format(season=self.season.name, count=billed)):
            return False
        before = billing.adjustment_mark(self.actor)
        self.tariff = tariff_change.set_tariff(self.actor, self.season.id, category, **data)
        self.adjustments = billing.tariff_changes_since(self.actor, before)
        return True
