"""The tabs of the account card: an area adds its section with one line here (or one call to
:func:`add_section`), never by editing the card.

A section is a widget made as ``Class(actor, parent)`` with a ``show_card(card)`` method that
the card calls with the :class:`~heatoffice.billing.card.AccountCard` each time it loads; a
section of another area reads its own data through its area's queries, by
``card.account_id``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing.card import AccountCard

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP


class Section(Protocol):
    def show_card(self, card: AccountCard) -> None: ...


@dataclass(frozen=True)
class CardSection:
    """``widget`` is "module:Class"; ``action`` the permission a role needs to see the tab."""

    key: str
    title: str  # English source text in the "CardSections" translation context
    action: str
    widget: str

    def translated_title(self) -> str:
        return QCoreApplication.translate("CardSections", self.title)

    def visible_to(self, actor: Actor) -> bool:
        return can(actor, self.action)

    def create(self, actor: Actor, parent: QWidget | None = None) -> QWidget:
        module, _, name = self.widget.partition(":")
        cls: Callable[..., QWidget] = getattr(importlib.import_module(module), name)
        return cls(actor, parent)


_TABS = "heatoffice.ui.card_tabs"

SECTIONS: list[CardSection] = [
    CardSection("bills", QT_TRANSLATE_NOOP("CardSections", "Bills"), "billing.view",
                f"{_TABS}:BillsSection"),
    CardSection("payments", QT_TRANSLATE_NOOP("CardSections", "Payments and reversals"),
                "billing.view", f"{_TABS}:PaymentsSection"),
    CardSection("ledger", QT_TRANSLATE_NOOP("CardSections", "Ledger"), "billing.view",
                f"{_TABS}:LedgerSection"),
    CardSection("adjustments", QT_TRANSLATE_NOOP("CardSections", "Adjustments"),
                "billing.view", f"{_TABS}:AdjustmentsSection"),
    CardSection("rechecks", QT_TRANSLATE_NOOP("CardSections", "Rechecks"), "billing.view",
                f"{_TABS}:RechecksSection"),
    CardSection("dunning", QT_TRANSLATE_NOOP("CardSections", "Dunning contacts"),
                "arrears.view", f"{_TABS}:DunningSection"),
    CardSection("status", QT_TRANSLATE_NOOP("CardSections", "Status history"),
                "accounts.view", f"{_TABS}:StatusSection"),
    # Reserved for the areas to come: each replaces its placeholder with its own section.
    CardSection("applications", QT_TRANSLATE_NOOP("CardSections", "Applications"),
                "accounts.view", "heatoffice.ui.card_sections:ApplicationsPlaceholder"),
    CardSection("measurements", QT_TRANSLATE_NOOP("CardSections", "Measurements"),
                "accounts.view", "heatoffice.ui.card_sections:MeasurementsPlaceholder"),
]


def add_section(section: CardSection, *, before: str | None = None) -> None:
    """Add a tab (replacing one of the same key, such as a placeholder), before ``before``."""
    keys = [s.key for s in SECTIONS]
    if section.key in keys:
        SECTIONS[keys.index(section.key)] = section
        return
    SECTIONS.insert(keys.index(before) if before in keys else len(SECTIONS), section)


def sections_for(actor: Actor) -> list[CardSection]:
    return [s for s in SECTIONS if s.visible_to(actor)]


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
