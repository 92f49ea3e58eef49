"""The import graph: no circles between modules and every import points down the layers.

Imports inside functions count: they hide a circle from Python, not from the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import heatoffice

ROOT = Path(heatoffice.__file__).resolve().parent

# Areas from the bottom up (an area is the first name under heatoffice: a package or a
# top-level module). A module may import its own area, the areas of its own layer and any
# layer below; never a layer above. docs/architecture.md shows the same table.
LAYERS: list[set[str]] = [
    # the plain-Python base every layer reads (manifest: the list of areas, read by importlib)
    {"heatoffice", "errors", "messages", "glossary", "clock", "paths", "money",
     "validation", "privacy", "transitions", "changes", "manifest"},
    # the data layer; check.py runs the checks the areas declare and the database's own
    {"db", "check"},
    # the records everything else points at; peers, kept free of circles module by module
    {"config", "accounts", "org", "auth", "audit"},
    {"seasons"},
    {"billing"},
    # business reception (asks billing for arrears and the connection fee) and measurements
    # (apply an area and propose its adjustment through billing): peers; the service desk
    # (calls, work orders, complaints, inspections, room temperatures: proposes adjustments)
    {"reception", "measurements", "service"},
    # backups and restore (restore moves billing's receipt counter and runs the checks)
    {"backup"},
    # the reports: the ledger's figures, the dashboard (reads billing, reception, org)
    {"reports"},
    {"exports"},
    # the import area: reads files into accounts (and the ledger), writes its rejects and
    # templates through exports
    {"imports"},
    # the programs: the desktop app, the command line, the demo generator
    {"ui", "cli", "demo", "__main__"},
]

# Tangles a branch under way is removing, each with the branch that removes it; empty when
# none is. test_pending_entries_are_still_needed fails as soon as an entry is no longer true.
PENDING_CIRCLES: dict[frozenset[str], str] = {}
PENDING_UPWARD: dict[tuple[str, str], str] = {}

def module_names(root: Path, package: str) -> dict[str, Path]:
    names = {}
    for path in root.rglob("*.py"):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of ``package`` (at ``root``) -> the modules of the package it imports,
    wherever the import statement stands (module level, function, ``TYPE_CHECKING``)."""
    modules = module_names(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[:len(here) - (node.level - 1)]
                    base = ".".join(here + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            # A package and its own submodules importing each other is no tangle of design.
            real = {m for m in group if not any(o.startswith(m + ".") for o in group)}
            if len(real) > 1:
                found.append(frozenset(real))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer(module: str) -> int:
    for number, areas in enumerate(LAYERS):
        if area(module) in areas:
            return number
    raise LookupError(f"{module}: put its area {area(module)!r} in a layer of LAYERS "
                      "(tests/unit/test_imports.py) and in docs/architecture.md")


def upward(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((m, t) for m, targets in graph.items() for t in targets
                  if layer(t) > layer(m))


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(ROOT, "heatoffice")


def test_the_graph_counts_imports_inside_functions(graph):
    # check.py reads the schema version only inside its check function
    assert "heatoffice.db.migrations" in graph["heatoffice.check"]
    assert "heatoffice.billing.calc" in graph["heatoffice.billing.tariff_change"]


def test_a_circle_through_a_function_import_is_found(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("from pkg import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (tmp_path / "c.py").write_text("import pkg.a\n")
    assert circles(import_graph(tmp_path, "pkg")) == [frozenset({"pkg.a", "pkg.b"})]


def test_no_import_circles(graph):
    found = [c for c in circles(graph) if c not in PENDING_CIRCLES]
    assert found == [], [" <-> ".join(sorted(c)) for c in found]


def test_every_area_has_a_layer(graph):
    for module in graph:
        layer(module)


def test_imports_point_down_the_layers(graph):
    found = [pair for pair in upward(graph) if pair not in PENDING_UPWARD]
    assert found == [], [f"{m} (layer {layer(m)}) imports {t} (layer {layer(t)})"
                         for m, t in found]


def test_seasons_do_not_import_billing(graph):
    # a tariff change that reprices bills is billing's operation (billing/tariff_change.py)
    assert [(m, t) for m in graph for t in graph[m]
            if area(m) == "seasons" and area(t) == "billing"] == []


def test_pending_entries_are_still_needed(graph):
    stale = [c for c in PENDING_CIRCLES if c not in circles(graph)]
    stale += [pair for pair in PENDING_UPWARD if pair not in upward(graph)]
    assert stale == [], f"fixed: remove these from the PENDING tables: {stale}"
