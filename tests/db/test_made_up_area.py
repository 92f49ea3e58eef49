"""An area is a package plus one line: a made-up one appears in the registry, the command
line, ``heatoffice check`` and the page list without touching any other file."""

from __future__ import annotations

import pytest
from made_up_area import forget, install

from heatoffice import manifest
from heatoffice.cli import build_parser
from heatoffice.db import registry

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def made_up(tmp_path, monkeypatch):
    install(tmp_path / "src", monkeypatch)
    yield
    forget()


def _commands(parser) -> list[str]:
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(action.choices)


def test_the_made_up_area_is_everywhere(made_up, run, url, monkeypatch):
    assert "Gadget" in [m.__name__ for m in registry.all_models()]
    assert _commands(build_parser())[-10:] == ["application", "call", "order", "complaint",
                                               "inspection", "tempcheck", "backup", "backups",
                                               "restore", "import", "report", "gadgets"][-10:]
    assert [p.key for p in manifest.pages()] == [
        "home", "accounts", "reception", "hotline", "work_orders", "service_cases",
        "service_report", "cashier", "arrears", "recheck", "measurements", "closing", "reports",
        "gadgets",
        "adjustments", "seasons", "org", "imports", "audit", "users", "backups"]

    status, out, err = run("init", "--admin-password", "secret-admin")
    assert (status, err) == (0, "")
    assert run("gadgets") == (0, "0 gadgets\n", "")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "secret-admin")
    status, out, err = run("check")
    assert status == 0, out + err
    assert "[OK] gadgets: 0 gadgets, 0 without a name" in out.splitlines()
    assert out.splitlines()[-1] == "全部 14 项检查通过"  # the 13 of test_cli, and gadgets


def test_without_its_line_the_area_is_nowhere():
    assert "madeup" not in manifest.AREAS
    assert "Gadget" not in [m.__name__ for m in registry.all_models()]
    assert "gadgets" not in _commands(build_parser())
