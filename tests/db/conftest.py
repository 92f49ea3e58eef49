"""Fixtures of the command-line tests: a clean environment and the heatoffice command."""

from __future__ import annotations

import pytest

from heatoffice import cli
from heatoffice.db.connection import database

# What the command reads from the environment: a developer's shell must not leak into a test.
CLI_ENV = ("HEATOFFICE_DB", "HEATOFFICE_USER", "HEATOFFICE_PASSWORD", "HEATOFFICE_NEW_PASSWORD",
           "HEATOFFICE_ADMIN_PASSWORD", "HEATOFFICE_LANG")


@pytest.fixture
def cli_env(monkeypatch):
    """None of CLI_ENV set; the database the command left open is closed afterwards."""
    for name in CLI_ENV:
        monkeypatch.delenv(name, raising=False)
    yield
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'office.db'}"


@pytest.fixture
def run(url, capsys):
    """heatoffice --db URL ARGS...; returns (exit status, stdout, stderr)."""
    def call(*args: str, db: str | None = None):
        status = cli.main(["--db", db or url, *args])
        out, err = capsys.readouterr()
        return status, out, err
    return call
