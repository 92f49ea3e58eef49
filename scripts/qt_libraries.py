"""The shared libraries Qt's xcb plugin and the app's Qt modules link to, and their Debian packages.

    python scripts/qt_libraries.py            every library outside PySide6, missing ones marked
    python scripts/qt_libraries.py --missing  only those `ldd` finds nowhere; exit 1 if any
    python scripts/qt_libraries.py --packages each library with the Debian package that has it:
                                              `dpkg -S` for an installed one, `apt-file search`
                                              for a missing one (apt-file and `apt-file update`)

Run it with the Python whose PySide6 the app uses (the virtual environment's). The packages it
names for a bare machine are kept, with the libraries that called for them, in
scripts/system-packages.txt. No Qt is loaded: PySide6 is only located.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Plugins Qt loads for the desktop app under X11 besides the platform plugin itself: the
# GL integration of the xcb plugin, the keyboard compose input context, and CUPS printing
# (without it the print dialog of a preview lists no printer).
XCB_PLUGIN = "plugins/platforms/libqxcb.so"
EXTRA_PLUGINS = ("plugins/xcbglintegrations/libqxcb-glx-integration.so",
                 "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 "plugins/printsupport/libcupsprintersupport.so")
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")


def pyside_dir() -> Path:
    """PySide6's package folder, found without importing it (so no Qt library is loaded)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("PySide6 is not installed in this Python: " + sys.executable)
    return Path(next(iter(spec.submodule_search_locations)))


def app_qt_modules(source: Path = ROOT / "heatoffice") -> list[str]:
    """The PySide6 modules the app imports (QtCore, QtGui, ...), read from its source."""
    found: set[str] = set()
    for path in source.rglob("*.py"):
        found.update(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return sorted(found)


def targets(pyside: Path, modules: list[str]) -> list[Path]:
    """The files to check: the xcb platform plugin, its usual companions, and the binding
    module of every Qt module the app imports (each links its Qt library, e.g. libQt6Widgets)."""
    qt = pyside / "Qt"
    files = [qt / XCB_PLUGIN]
    files += [qt / extra for extra in EXTRA_PLUGINS if (qt / extra).exists()]
    for module in modules:
        files += sorted(pyside.glob(f"{module}.*.so"))
    return files


def ldd(path: Path) -> dict[str, str | None]:
    """Each library ``path`` needs (directly or not) and where it was found, None if nowhere."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True).stdout
    libraries: dict[str, str | None] = {}
    for line in out.splitlines():
        match = _LDD_LINE.match(line)
        if match:
            name, where = match.groups()
            libraries[name] = None if where == "not found" else where
    return libraries


def linked(files: list[Path]) -> dict[str, tuple[str | None, list[str]]]:
    """Every library the files need, outside PySide6's own folder: where it is (None when
    missing) and which of the files asked for it."""
    pyside = str(pyside_dir())
    result: dict[str, tuple[str | None, list[str]]] = {}
    for file in files:
        for name, where in ldd(file).items():
            if where is not None and where.startswith(pyside):
                continue
            result.setdefault(name, (where, []))[1].append(file.name)
    return result


def missing(files: list[Path]) -> dict[str, list[str]]:
    """The libraries `ldd` finds nowhere, each with the files that need it."""
    return {name: users for name, (where, users) in linked(files).items() if where is None}


def package_of(name: str, where: str | None) -> str:
    """The Debian package that has the library: dpkg's for an installed file, apt-file's
    (amd64 or the machine's own architecture) for one that is missing."""
    if where is not None:
        out = subprocess.run(["dpkg", "-S", str(Path(where).resolve())],
                             capture_output=True, text=True).stdout
        if not out:
            out = subprocess.run(["dpkg", "-S", where], capture_output=True, text=True).stdout
        return out.split(":", 1)[0] if out else "?"
    out = subprocess.run(["apt-file", "search", "--regexp", f"/{re.escape(name)}$"],
                         capture_output=True, text=True).stdout
    packages = sorted({line.split(":", 1)[0] for line in out.splitlines() if line})
    return " | ".join(packages) if packages else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="only the missing libraries")
    parser.add_argument("--packages", action="store_true", help="name each library's package")
    args = parser.parse_args(argv)
    files = targets(pyside_dir(), app_qt_modules())
    print("# checked: " + ", ".join(f.name for f in files))
    libraries = linked(files)
    lost = 0
    for name, (where, users) in sorted(libraries.items(), key=lambda kv: (kv[1][0] is not None,
                                                                           kv[0])):
        if args.missing and where is not None:
            continue
        lost += where is None
        state = "NOT FOUND" if where is None else where
        package = f"  [{package_of(name, where)}]" if args.packages else ""
        print(f"{name}  {state}{package}  (for {', '.join(sorted(set(users))[:3])})")
    return 1 if args.missing and lost else 0


if __name__ == "__main__":
    sys.exit(main())
