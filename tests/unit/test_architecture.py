"""House rules that code review would otherwise have to catch."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import heatoffice
from heatoffice.messages import MESSAGES

ROOT = Path(heatoffice.__file__).resolve().parent


def _non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(ROOT)], prefix="heatoffice."):
        # __main__ runs the program when imported; heatoffice.cli is what it calls and is imported.
        if info.name.startswith("heatoffice.ui") or info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return names


def test_domain_modules_do_not_load_qt():
    modules = _non_ui_modules()
    assert "heatoffice.accounts.service" in modules and "heatoffice.db.migrations" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
            "print(','.join(loaded))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"PySide6 loaded by a non-UI module: {out.stdout}"


def test_only_ui_imports_pyside6():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "ui" in path.relative_to(ROOT).parts[:1]:
            continue
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(encoding="utf-8"), re.M):
            offenders.append(str(path))
    assert offenders == []


def _codes_in_source() -> set[str]:
    pattern = re.compile(r"UserError\(\s*\"([a-z_]+(?:\.[a-z_]+)*)\"")
    codes: set[str] = set()
    for path in ROOT.rglob("*.py"):
        codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_error_code_has_text_in_both_languages():
    codes = _codes_in_source()
    assert "accounts.duplicate_no" in codes  # the scan itself works
    missing = sorted(c for c in codes if c not in MESSAGES)
    assert missing == []
    for code, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), code
        # the same placeholders in both languages, so neither text loses a value
        assert set(re.findall(r"{(\w+)", zh)) == set(re.findall(r"{(\w+)", en)), code
