"""The command line as a package: modules plug in through register(), share print and export,
and no module reaches into another's private names."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import pytest

import heatoffice
from heatoffice.cli import billing_documents, build_parser, command_modules, main, setup
from heatoffice.cli.common import command

ROOT = Path(heatoffice.__file__).resolve().parent


def _choices(parser, *path: str) -> list[str]:
    """The subcommand names under ``path`` of ``parser``, in --help order."""
    for name in (*path, None):
        action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        if name is None:
            return list(action.choices)
        parser = action.choices[name]
    raise AssertionError("unreachable")


def test_every_command_of_the_readme_comes_from_the_module_list():
    assert _choices(build_parser()) == [
        "init", "demo", "check", "users", "settings", "accounts", "season", "bill", "pay",
        "reverse", "close-day", "close-month", "meter", "settle", "print", "export", "measure",
        "application", "call", "order", "complaint", "inspection", "tempcheck", "backup",
        "backups", "restore", "import", "report"]
    assert _choices(build_parser(), "report") == ["collection", "ageing", "takings", "compare"]
    assert _choices(build_parser(), "print") == [
        "notice", "receipt", "dunning", "recheck", "round", "daily", "month", "statement",
        "measurement", "acceptance", "review", "handover", "reply"]
    assert _choices(build_parser(), "export") == ["ledger", "arrears", "payments", "daily",
                                                  "month", "measurements", "applications",
                                                  "service"]


def test_a_parser_of_some_modules_has_only_their_commands():
    assert _choices(build_parser([setup])) == ["init", "demo", "check", "users"]
    assert main(["pay", "A-1", "10", "--method", "cash"], modules=[setup]) == 2


def _slip_area(calls: list[str]) -> types.SimpleNamespace:
    """A made-up area that adds one document to the shared ``print`` group."""
    def cmd_print_slip(args) -> int:
        calls.append(args.out)
        return 0

    def register(commands) -> None:
        p = command(commands.shared("print"), "slip", "a slip", cmd_print_slip)
        p.add_argument("--out", required=True)

    return types.SimpleNamespace(register=register)


def test_another_area_adds_its_document_to_print(capsys):
    calls: list[str] = []
    modules = (*command_modules(), _slip_area(calls))
    assert _choices(build_parser(modules), "print")[-2:] == ["reply", "slip"]
    assert main(["print", "slip", "--out", "s.pdf"], modules=modules) == 0
    assert calls == ["s.pdf"]
    # the group is listed where the first module that uses it comes
    first = (setup, _slip_area(calls), billing_documents)
    assert _choices(build_parser(first)) == ["init", "demo", "check", "users", "print",
                                             "export"]
    assert _choices(build_parser(first), "print")[0] == "slip"


@pytest.mark.parametrize("lang, word", [("zh", "命令"), ("en", "commands")])
def test_shared_groups_speak_the_command_language(capsys, lang, word):
    assert main(["--lang", lang, "print", "--help"]) == 0
    assert f"\n{word}:\n" in capsys.readouterr().out


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def test_no_module_uses_another_modules_private_names():
    modules = _modules()
    offenders = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}  # local name -> heatoffice module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules and alias.asname:
                        bound[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom) and (node.module or "") in modules:
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        offenders.append(f"{name}: from {node.module} import {alias.name}")
                    if f"{node.module}.{alias.name}" in modules:
                        bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in bound and node.attr.startswith("_")
                    and not node.attr.startswith("__") and bound[node.value.id] != name):
                offenders.append(f"{name}: {bound[node.value.id]}.{node.attr}")
    assert "heatoffice.cli.common" in modules
    assert offenders == []
