"""The pages of the main window's navigation list: add a page with one line in PAGES."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can

if TYPE_CHECKING:
    # It returns the source text it marks; PySide6's stub says object.
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP


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
        module, _, name = self.widget.partition(":")
        cls: Callable[..., QWidget] = getattr(importlib.import_module(module), name)
        return cls(actor, parent)


PAGES: list[Page] = [
    Page("accounts", QT_TRANSLATE_NOOP("Pages", "Accounts"), "accounts.view",
         "heatoffice.ui.accounts_page:AccountsPage", "SP_FileDialogDetailedView"),
    Page("cashier", QT_TRANSLATE_NOOP("Pages", "Cashier"), "payments.take",
         "heatoffice.ui.cashier_page:CashierPage", "SP_DialogApplyButton"),
    Page("arrears", QT_TRANSLATE_NOOP("Pages", "Arrears"), "arrears.view",
         "heatoffice.ui.arrears_page:ArrearsPage", "SP_MessageBoxWarning"),
    Page("recheck", QT_TRANSLATE_NOOP("Pages", "On-site recheck"), "recheck.record",
         "heatoffice.ui.recheck_page:RecheckPage", "SP_BrowserReload"),
    Page("closing", QT_TRANSLATE_NOOP("Pages", "Day and month close"), "day.close",
         "heatoffice.ui.closing_page:ClosingPage", "SP_DialogSaveButton"),
    Page("adjustments", QT_TRANSLATE_NOOP("Pages", "Adjustments"), "adjustments.approve",
         "heatoffice.ui.adjustments_page:AdjustmentsPage", "SP_FileDialogListView"),
    Page("seasons", QT_TRANSLATE_NOOP("Pages", "Seasons and tariffs"), "seasons.edit",
         "heatoffice.ui.seasons_page:SeasonsPage", "SP_FileDialogInfoView"),
    Page("org", QT_TRANSLATE_NOOP("Pages", "Organisation"), "org.view",
         "heatoffice.ui.org_page:OrgPage", "SP_DirHomeIcon"),
    Page("audit", QT_TRANSLATE_NOOP("Pages", "Audit log"), "audit.view",
         "heatoffice.ui.audit_page:AuditPage", "SP_FileDialogContentsView"),
    Page("users", QT_TRANSLATE_NOOP("Pages", "Users"), "users.manage",
         "heatoffice.ui.users_page:UsersPage", "SP_DialogYesButton"),
]


# The page a role starts on, when it is not the first of the list: the cashier works at the
# cashier's window all day.
START_PAGES: dict[str, str] = {"cashier": "cashier"}


def pages_for(actor: Actor) -> list[Page]:
    return [p for p in PAGES if p.visible_to(actor)]


def start_page(actor: Actor) -> str | None:
    """The key of the page the main window opens on for ``actor`` (None: the first)."""
    return START_PAGES.get(actor.role)
