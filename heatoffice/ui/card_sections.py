"""The tabs of the account card, as the areas' manifests declare them (``card_sections``):
an area adds its tab with one ``CardSectionSpec`` in its ``area.py``, never by editing the
card. Tabs kept for areas still to come show a placeholder until an area declares their key.

A tab is a widget made as ``Class(actor, parent)`` with a ``show_card(card)`` method that the
card calls with the :class:`~heatoffice.billing.card.AccountCard` each time it loads; a tab of
another area reads its own data through its area's queries, by ``card.account_id``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from heatoffice import manifest
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing.card import AccountCard
from heatoffice.manifest import CardSectionSpec

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP


class Section(Protocol):
    def show_card(self, card: AccountCard) -> None: ...


_HERE = "heatoffice.ui.card_sections:"

# Kept for business reception and measurements: each area replaces its placeholder by
# declaring a card section of the same key.
RESERVED = (
    CardSectionSpec("applications", QT_TRANSLATE_NOOP("CardSections", "Applications"),
                    "accounts.view", _HERE + "ApplicationsPlaceholder", place=80),
    CardSectionSpec("measurements", QT_TRANSLATE_NOOP("CardSections", "Measurements"),
                    "accounts.view", _HERE + "MeasurementsPlaceholder", place=90),
)


def sections() -> list[CardSectionSpec]:
    """Every tab in order: those the areas declare, and the reserved ones nobody declared."""
    declared = manifest.card_sections()
    keys = {s.key for s in declared}
    return sorted([*declared, *(r for r in RESERVED if r.key not in keys)],
                  key=lambda s: s.place)


def sections_for(actor: Actor) -> list[CardSectionSpec]:
    return [s for s in sections() if can(actor, s.action)]


def title(section: CardSectionSpec) -> str:
    return QCoreApplication.translate("CardSections", section.title)


def create(section: CardSectionSpec, actor: Actor, parent: QWidget | None = None) -> QWidget:
    cls: Callable[..., QWidget] = manifest.resolve(section.widget)
    return cls(actor, parent)


class Placeholder(QWidget):
    """A tab of an area not yet in heatoffice: says what will be shown there."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        label = QLabel(self.message())
        label.setObjectName("placeholder")
        label.setWordWrap(True)
        label.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addStretch(1)

    def message(self) -> str:
        return ""

    def show_card(self, card: AccountCard) -> None:
        """Nothing of this area is recorded yet."""


class ApplicationsPlaceholder(Placeholder):
    def message(self) -> str:
        return self.tr("The account's heat-use applications (open, stop, resume, transfer, "
                       "area change, close) will be listed here once business reception is "
                       "part of heatoffice.")


class MeasurementsPlaceholder(Placeholder):
    def message(self) -> str:
        return self.tr("The account's area measurements and re-measurements will be listed "
                       "here once customer service's measurements are part of heatoffice.")
