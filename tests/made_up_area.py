"""A made-up area written to a temporary folder: the proof that an area is a package plus one
line in heatoffice.manifest.AREAS. One table, one page, one command, one check, one tab of
the account card."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from heatoffice import manifest

NAME = "madeup"

FILES = {
    "__init__.py": '"""A made-up area: gadgets."""\n',
    "models.py": '''"""The gadget table."""
from peewee import CharField

from heatoffice.db.base import BaseModel


class Gadget(BaseModel):
    name = CharField()


MODELS = [Gadget]
''',
    "checks.py": '''"""Gadgets have names."""
from madeup.models import Gadget


def check_gadgets():
    unnamed = Gadget.select().where(Gadget.name == "").count()
    return unnamed == 0, f"{Gadget.select().count()} gadgets, {unnamed} without a name"
''',
    "cli.py": '''"""heatoffice gadgets: how many gadgets there are."""
from heatoffice.cli import common


def cmd_gadgets(args):
    from madeup.models import Gadget

    common.open_db(args.db, create=False)
    print(f"{Gadget.select().count()} gadgets")
    return common.DONE


def register(commands):
    common.command(commands.top, "gadgets", "count the gadgets", cmd_gadgets)
''',
    "page.py": '''"""The gadgets page (Qt: imported only when the main window makes it)."""
from PySide6.QtWidgets import QLabel


class GadgetPage(QLabel):
    def __init__(self, actor, parent=None):
        super().__init__("gadgets", parent)
''',
    "card.py": '''"""The gadgets tab of the account card."""
from PySide6.QtWidgets import QLabel


class GadgetSection(QLabel):
    def __init__(self, actor, parent=None):
        super().__init__(parent)

    def show_card(self, card):
        self.setText(f"gadgets of {card.facts.account_no}")
''',
    "area.py": '''"""The made-up area's manifest."""
from heatoffice.manifest import Area, CardSectionSpec, CheckSpec, PageSpec

AREA = Area(
    name="madeup",
    models=("madeup.models",),
    pages=(PageSpec("gadgets", "Gadgets", "accounts.view", "madeup.page:GadgetPage",
                    place=55),),
    commands=("madeup.cli",),
    checks=(CheckSpec("gadgets", "madeup.checks:check_gadgets"),),
    card_sections=(CardSectionSpec("gadgets", "Gadgets", "accounts.view",
                                   "madeup.card:GadgetSection", place=75),),
)
''',
}


def install(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Write the package under ``root``, put it on the path and add its one line to AREAS;
    the test's end takes all three back (call ``forget`` then)."""
    package = root / NAME
    package.mkdir(parents=True)
    for name, text in FILES.items():
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(manifest, "AREAS", (*manifest.AREAS, NAME))


def forget() -> None:
    for module in [m for m in sys.modules if m == NAME or m.startswith(NAME + ".")]:
        del sys.modules[module]
