"""Qt's xcb plugin and the app's Qt libraries find every system library they link to."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "scripts" / "system-packages.txt"

pytestmark = pytest.mark.skipif(shutil.which("ldd") is None, reason="no ldd on this system")


def _qt_libraries():
    """scripts/qt_libraries.py, the helper that found the system packages."""
    spec = importlib.util.spec_from_file_location("qt_libraries",
                                                  ROOT / "scripts" / "qt_libraries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_s_qt_modules_are_read_from_its_source():
    modules = _qt_libraries().app_qt_modules()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= set(modules)


def test_every_qt_library_the_app_loads_finds_its_system_libraries():
    qt = _qt_libraries()
    files = qt.targets(qt.pyside_dir(), qt.app_qt_modules())
    names = {f.name for f in files}
    assert "libqxcb.so" in names and "libcupsprintersupport.so" in names
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= {n.split(".")[0] for n in names}
    linked = qt.linked(files)
    assert "libxcb-icccm.so.4" in linked  # ldd ran and reached the xcb plugin's libraries
    missing = qt.missing(files)
    assert missing == {}, (
        "system libraries not found (install the packages of scripts/system-packages.txt, "
        "or run `python scripts/qt_libraries.py --missing --packages`): "
        + "; ".join(f"{name} for {', '.join(users)}" for name, users in sorted(missing.items())))


def test_the_ldd_reading_marks_a_missing_library(tmp_path, monkeypatch):
    qt = _qt_libraries()
    out = ("\tlinux-vdso.so.1 (0x00007ffd)\n"
           "\tlibxcb-icccm.so.4 => not found\n"
           "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f00)\n")

    class Done:
        stdout = out

    monkeypatch.setattr(qt.subprocess, "run", lambda *a, **k: Done())
    assert qt.ldd(tmp_path / "libqxcb.so") == {
        "libxcb-icccm.so.4": None, "libc.so.6": "/lib/x86_64-linux-gnu/libc.so.6"}
    assert qt.missing([tmp_path / "libqxcb.so"]) == {"libxcb-icccm.so.4": ["libqxcb.so"]}


def test_system_packages_are_named_in_one_place():
    lines = [line.split("#")[0].strip() for line in PACKAGES.read_text().splitlines()]
    packages = [p for p in lines if p]
    assert len(packages) == len(set(packages))
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0",
            "fonts-wqy-microhei", "python3-venv", "xvfb", "xauth"} <= set(packages)
    for script in (ROOT / ".ci" / "run", ROOT / "scripts" / "desk.sh"):
        text = script.read_text()
        assert "libxcb" not in text and "fonts-wqy" not in text, script
    assert "system-packages.txt" in (ROOT / "scripts" / "desk.sh").read_text()
