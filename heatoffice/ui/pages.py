"""The pages of the main window's navigation list, as the areas' manifests declare them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from heatoffice import manifest
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can


@dataclass(frozen=True)
class Page:
    """``widget`` is "module:Class"; the class is made as ``Class(actor, parent)``."""

    key: str
    title: str  # English source text in the "Pages" translation context
    action: str  # the permission a role needs to see the page
    widget: str
    icon: str = ""  # a QStyle.StandardPixmap name

    def translated_title(self) -> str:
        return QCoreApplication.translate("Pages", self.title)

    def visible_to(self, actor: Actor) -> bool:
        return can(actor, self.action)

    def create(self, actor: Actor, parent: QWidget | None = None) -> QWidget:
        cls: Callable[..., QWidget] = manifest.resolve(self.widget)
        return cls(actor, parent)


def pages() -> list[Page]:
    """Every area's pages in navigation order (heatoffice.manifest.PageSpec)."""
    return [Page(p.key, p.title, p.action, p.widget, p.icon) for p in manifest.pages()]


# The page a role starts on, when it is not the first of the list. Every role starts on its
# home page (the dashboard, first in the list), which shows what that role needs and opens
# the lists behind its figures: the cashier's tiles open the cashier's day.
START_PAGES: dict[str, str] = {}


def pages_for(actor: Actor) -> list[Page]:
    return [p for p in pages() if p.visible_to(actor)]


def start_page(actor: Actor) -> str | None:
    """The key of the page the main window opens on for ``actor`` (None: the first)."""
    return START_PAGES.get(actor.role)
