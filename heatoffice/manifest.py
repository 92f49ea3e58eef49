"""The list of areas and what each brings, as plain data that every layer reads downward.

Each area package has an ``area.py`` with ``AREA = Area(...)``: its tables and their order,
extra schema, seed rows, migrations, permissions, pages, command-line modules, ``check``
invariants, documents, tabs of the account card and the kinds of data its audited actions
change. Code is named by
dotted strings ("heatoffice.billing.ledger:check_invariant"), so reading a manifest imports
no Qt, no peewee and nothing of the area beyond its ``area.py``. The readers assemble it:
``db/registry.py`` (tables, schema, seeds), ``db/migrations.py``, ``auth/permissions.py``,
``changes.py``, ``check.py``, ``cli/``, ``ui/pages.py`` and ``ui/card_sections.py``. Adding
an area is its package and one line in AREAS (docs/architecture.md, "Adding an area").
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from heatoffice import glossary

# The areas in the order their tables are created (a table after those its foreign keys point
# at); their commands (in `--help`), checks and migrations follow this order too.
AREAS: tuple[str, ...] = (
    "heatoffice.config",
    "heatoffice.accounts",
    "heatoffice.org",
    "heatoffice.auth",
    "heatoffice.audit",
    "heatoffice.seasons",
    "heatoffice.billing",
    "heatoffice.measurements",
    "heatoffice.reception",
    "heatoffice.service",
    "heatoffice.backup",
    "heatoffice.imports",
    "heatoffice.reports",
)

# Who gets an action: role codes of the glossary. Every action names its roles in full, the
# administrator's too, so that the area's manifest alone says who may do it.
ADMIN: tuple[str, ...] = ("admin",)
MANAGERS: tuple[str, ...] = ("admin", "manager")
EVERYONE: tuple[str, ...] = glossary.codes("role")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks a page title for pyside6-lupdate (which knows the macro by name) without Qt;
    the main window translates it in the "Pages" context."""
    return source


@dataclass(frozen=True)
class PageSpec:
    """A page of the main window's navigation list; ``widget`` is made as
    ``Class(actor, parent)``."""

    key: str
    title: str  # English source text in the "Pages" translation context
    action: str  # the permission a role needs to see the page
    widget: str  # "heatoffice.ui.module:Class"
    icon: str = ""  # a QStyle.StandardPixmap name
    place: int = 0  # pages of all areas are listed by place


@dataclass(frozen=True)
class CheckSpec:
    """A ``heatoffice check`` invariant: the function returns (ok, detail), or None where it
    does not apply."""

    name: str
    func: str  # "module:function"


@dataclass(frozen=True)
class DocumentSpec:
    """A document the area offers: where the command line prints or exports it, the function
    of ``heatoffice.exports`` that writes it and the typed data it is made from."""

    command: str  # "print receipt", "export ledger", "accounts export"
    writer: str  # "module:function"
    data: str = ""  # "module:Class" of the area's documents.py; "" for plain register rows


@dataclass(frozen=True)
class CardSectionSpec:
    """A tab of the account card (客户卡片): ``widget`` is made as ``Class(actor, parent)``
    and given each card by ``show_card(card)``; an area's tab reads its own data through its
    queries by ``card.account_id``."""

    key: str
    title: str  # English source text in the "CardSections" translation context
    action: str  # the permission a role needs to see the tab
    widget: str  # "heatoffice.ui.module:Class"
    place: int = 0  # tabs of all areas are shown by place


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Area:
    """What one area brings. ``models`` are modules with a ``MODELS`` list, in creation order;
    ``schema``, ``seeds`` and ``migrations`` are "module:function" taking the database."""

    name: str
    models: tuple[str, ...] = ()
    schema: tuple[str, ...] = ()  # what peewee cannot declare: full-text tables, guards
    seeds: tuple[str, ...] = ()  # rows a new database starts with, run after all schema
    migrations: Mapping[int, str] = field(default_factory=dict)  # version -> upgrade to it
    permissions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # action -> roles
    pages: tuple[PageSpec, ...] = ()
    commands: tuple[str, ...] = ()  # command-line modules with register(commands)
    checks: tuple[CheckSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    card_sections: tuple[CardSectionSpec, ...] = ()  # tabs of the account card
    # Every audit action the area writes -> the kinds of data it changes (keys of
    # changes.KINDS: what pages watch); () for an action no page shows.
    audited: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("migrations", "permissions", "audited"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))


# -- reading the manifests ---------------------------------------------------------------------

def areas() -> list[Area]:
    """The manifest of every area in AREAS, in order (read at each call, so an area added to
    AREAS at run time is seen)."""
    found = []
    for package in AREAS:
        area = importlib.import_module(f"{package}.area").AREA
        if not isinstance(area, Area):
            raise TypeError(f"{package}.area.AREA is not an Area")
        found.append(area)
    return found


def resolve(path: str) -> Any:
    """What a "module:name" path names, importing the module; a bare "module" is the module."""
    module, _, name = path.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, name) if name else loaded


def _merged(what: str, pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"{what} {key!r} is declared by two areas")
        out[key] = value
    return out


def model_modules() -> list[str]:
    return [m for area in areas() for m in area.models]


def schema_steps() -> list[str]:
    return [s for area in areas() for s in area.schema]


def seeds() -> list[str]:
    return [s for area in areas() for s in area.seeds]


def migrations() -> dict[int, str]:
    return _merged("migration", [kv for area in areas() for kv in area.migrations.items()])


def grants() -> dict[str, tuple[str, ...]]:
    """Every permission action -> the roles that have it."""
    return _merged("permission", [kv for area in areas() for kv in area.permissions.items()])


def audited() -> dict[str, tuple[str, ...]]:
    """Every audit action -> the kinds of data it changes."""
    return _merged("audit action", [kv for area in areas() for kv in area.audited.items()])


def pages() -> list[PageSpec]:
    specs = [p for area in areas() for p in area.pages]
    _merged("page", [(p.key, p) for p in specs])
    return sorted(specs, key=lambda p: p.place)


def command_modules() -> list[str]:
    return [c for area in areas() for c in area.commands]


def checks() -> list[CheckSpec]:
    specs = [c for area in areas() for c in area.checks]
    _merged("check", [(c.name, c) for c in specs])
    return specs


def documents() -> list[DocumentSpec]:
    specs = [d for area in areas() for d in area.documents]
    _merged("document", [(d.command, d) for d in specs])
    return specs


def card_sections() -> list[CardSectionSpec]:
    """The account card's tabs of every area, by place."""
    specs = [c for area in areas() for c in area.card_sections]
    _merged("card section", [(c.key, c) for c in specs])
    return sorted(specs, key=lambda c: c.place)
