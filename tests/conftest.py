"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest
from seats import SETUP

from heatoffice import clock
from heatoffice.auth import passwords

PG_DSN = os.environ.get("HEATOFFICE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
IN_CI = os.environ.get("CI", "").lower() == "true"

passwords.use_fast_hashing()


def _pg_admin():
    import psycopg2

    from heatoffice.db.connection import open_database  # noqa: F401

    conn = psycopg2.connect(PG_DSN + "/postgres", connect_timeout=5)
    conn.autocommit = True
    return conn


@pytest.fixture(scope="session")
def pg_url():
    """A PostgreSQL database made for this test run and dropped after it."""
    try:
        admin = _pg_admin()
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true: {exc}")
        pytest.skip(f"no PostgreSQL here: {exc}")
    name = f"heatoffice_test_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG_DSN}/{name}"
    from heatoffice.db.connection import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    with admin.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def _truncate_pg(db) -> None:
    """Empty every table and restart ids. DELETE with triggers off (replica role) is ten times
    faster than TRUNCATE on these small tables and passes the write-once guards."""
    tables = [t for t in db.get_tables() if t != "schema_version"]
    db.execute_sql("SET session_replication_role = replica")
    try:
        for table in tables:
            db.execute_sql(f'DELETE FROM "{table}"')
    finally:
        db.execute_sql("SET session_replication_role = DEFAULT")
    sequences = [r[0] for r in db.execute_sql(
        "SELECT sequence_name FROM information_schema.sequences "
        "WHERE sequence_schema = 'public'").fetchall()]
    for seq in sequences:
        db.execute_sql("SELECT setval(%s, 1, false)", (seq,))


def open_test_db(backend: str, tmp_path, request):
    from heatoffice.db.connection import connect, database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    if backend == "sqlite":
        return connect(f"sqlite:///{tmp_path / 'heatoffice.db'}")
    url = request.getfixturevalue("pg_url")
    db = connect(url)
    _truncate_pg(db)
    from heatoffice import manifest

    # as in a new database: the areas' seeds (the organisation, the document checklists)
    for seed in manifest.seeds():
        manifest.resolve(seed)(db)
    return db


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """An empty, migrated database, once on SQLite and once on PostgreSQL."""
    database = open_test_db(request.param, tmp_path, request)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(request, tmp_path):
    database = open_test_db("sqlite", tmp_path, request)
    yield database
    database.close()


@pytest.fixture
def system():
    """An administrator to set a test's data up as (a real login user: see tests/seats.py)."""
    return SETUP


@pytest.fixture(autouse=True)
def _data_home(tmp_path_factory, monkeypatch):
    """The user's data folder (the default backups folder of a PostgreSQL database) is a
    temporary one: no test writes into the real home."""
    monkeypatch.setenv("HEATOFFICE_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def _reset_clock():
    yield
    clock.reset()


@pytest.fixture
def second_process(monkeypatch):
    """Every workbook read in a second process (as a large one is); the readings made."""
    from heatoffice.imports import reader, sheet_process

    made: list = []

    class Counted(sheet_process.Reading):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(reader, "PROCESS_BYTES", 0)
    monkeypatch.setattr(sheet_process, "Reading", Counted)
    return made
