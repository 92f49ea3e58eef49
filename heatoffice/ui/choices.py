"""Combo boxes the billing pages filter by: communities, collectors, seasons, keyed lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from heatoffice import glossary
from heatoffice.accounts import queries as accounts
from heatoffice.auth.actor import Actor
from heatoffice.billing.queries import COLLECTOR_KIND
from heatoffice.org import queries as org
from heatoffice.seasons import queries as seasons


def _all() -> str:
    return QCoreApplication.translate("Choices", "(all)")


def everything() -> str:
    """The text of the choice that filters nothing."""
    return _all()


def community_combo(actor: Actor, *, everything: bool = True) -> QComboBox:
    """Editable: a clerk may type the start of a name."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if everything:
        combo.addItem(_all(), None)
    for name in accounts.community_names(actor):
        combo.addItem(name, name)
    return combo


def community_of(combo: QComboBox) -> str | None:
    """The chosen community: a listed one, or the text typed; None for all."""
    text = combo.currentText().strip()
    if not text or text == _all():
        return None
    return text


def collector_combo(actor: Actor, *, everything: bool = True) -> QComboBox:
    """Staff who have (or had) a collector's service area."""
    combo = QComboBox()
    if everything:
        combo.addItem(_all(), None)
    for s in org.staff_with_areas(actor, COLLECTOR_KIND):
        combo.addItem(f"{s.staff_no} {s.name}", s.id)
    return combo


def season_combo(actor: Actor) -> QComboBox:
    """The seasons, the latest first and chosen."""
    combo = QComboBox()
    for s in seasons.seasons(actor):
        combo.addItem(s.name, s.id)
    return combo


def keyed_combo(group: str, codes: Iterable[str] | None = None, *, everything: bool = False,
                blank: str | None = None) -> QComboBox:
    """A choice among the codes of a glossary group (all, or ``codes``), shown by name."""
    combo = QComboBox()
    if everything:
        combo.addItem(_all(), None)
    if blank is not None:
        combo.addItem(blank, "")
    for code in glossary.codes(group) if codes is None else codes:
        combo.addItem(glossary.label(group, code), code)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
