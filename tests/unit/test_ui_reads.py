"""The UI reads through the services: no module in heatoffice/ui imports peewee or an area's
models, not even inside a function (the AST is walked, not the text grepped)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import heatoffice

UI = Path(heatoffice.__file__).resolve().parent / "ui"
_MODELS = re.compile(r"heatoffice(\.\w+)*\.models(\..*)?")


def imported_modules(source: str, package: str = "heatoffice.ui") -> set[str]:
    """Every module an import statement anywhere in ``source`` names; for ``from a import b``
    both ``a`` and ``a.b`` (b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def forbidden(names: set[str]) -> list[str]:
    return sorted(n for n in names
                  if n == "peewee" or n.startswith("peewee.") or _MODELS.fullmatch(n))


def test_the_check_sees_every_kind_of_import():
    source = (
        "import peewee\n"
        "from peewee import fn\n"
        "from heatoffice.billing import models\n"
        "from heatoffice.billing.queries import owed\n"
        "def later():\n"
        "    from heatoffice.accounts.models import Account\n"
        "    from ..org.models import Staff\n"
        "    import heatoffice.seasons.models as m\n")
    assert forbidden(imported_modules(source)) == [
        "heatoffice.accounts.models", "heatoffice.accounts.models.Account",
        "heatoffice.billing.models", "heatoffice.org.models", "heatoffice.org.models.Staff",
        "heatoffice.seasons.models", "peewee", "peewee.fn"]


def test_no_ui_module_imports_peewee_or_models():
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 20  # the walk itself finds the pages
    offenders = {}
    for path in modules:
        package = "heatoffice." + ".".join(path.relative_to(UI.parent).parent.parts)
        bad = forbidden(imported_modules(path.read_text(encoding="utf-8"), package))
        if bad:
            offenders[str(path.relative_to(UI.parent))] = bad
    assert offenders == {}, "read through an area's queries module instead"
