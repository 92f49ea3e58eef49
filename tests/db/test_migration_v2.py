"""Schema version 2 on real version-1 data: tests/fixtures/heatoffice-v1.db (made once by
make_v1_db.py with the program that still wrote version 1), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError
from seats import SETUP

from heatoffice.accounts import register, search
from heatoffice.accounts.models import Account, Community, format_address
from heatoffice.audit.models import AuditEntry
from heatoffice.check import run_checks
from heatoffice.db import migrations, schema_v2
from heatoffice.db.connection import connect, database
from heatoffice.errors import UserError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "heatoffice-v1.db"
ACCOUNTS = 302
LOOSE = ("X0000001", "X0000002")  # community typed by a clerk, no Community row in version 1
LOOSE_NAME = "老城区散户"
# Search terms of one, two, three and more characters, a phone fragment and a number.
TERMS = ("老城区", "散户", "阳光花园", "王", "幸福里", "1380", "x0000002", "2号楼 1单元")
# Tables a migration to version 2 rewrites; every other one must come through untouched
# (but the payment table, which version 3 gives a column: see assert_migrated).
REWRITTEN = {"account", "community", "audit_entry", "schema_version", "payment"}
# Tables later versions add with rows of their own (4: the default document checklists).
SEEDED_LATER = {"checklist_item", "chain_head"}
# Version 7's columns: every ledger and audit row hashed in a chain (heatoffice.db.chain).
CHAINED = ("hash", "decision_no", "decision_hash")


def unchained(dumped: dict[str, tuple[list[str], list[tuple]]]) -> dict:
    """A dump without version 7's chain columns."""
    out = {}
    for table, (columns, rows) in dumped.items():
        keep = [i for i, c in enumerate(columns) if c not in CHAINED]
        out[table] = ([columns[i] for i in keep],
                      sorted((tuple(r[i] for i in keep) for r in rows), key=repr))
    return out

pytestmark = pytest.mark.usefixtures("cli_env")  # tests/db/conftest.py


# ---------------------------------------------------------------- reading any database


def _rows(execute, sql: str) -> tuple[list[str], list[tuple]]:
    cursor = execute(sql)
    return [d[0] for d in cursor.description], [tuple(r) for r in cursor.fetchall()]


def _tables(execute, sqlite: bool) -> list[str]:
    sql = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
           if sqlite else "SELECT table_name FROM information_schema.tables WHERE "
           "table_schema = current_schema() AND table_type = 'BASE TABLE'")
    return sorted(r[0] for r in execute(sql).fetchall())


def dump(execute, sqlite: bool) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table: its columns and its rows in a stable order."""
    out = {}
    for table in _tables(execute, sqlite):
        columns, rows = _rows(execute, f'SELECT * FROM "{table}"')
        out[table] = (columns, sorted(rows, key=repr))
    return out


def accounts_by_no(execute) -> dict[str, dict]:
    """Every account as a dict of its columns, the community as a trimmed name."""
    names = dict(execute("SELECT id, name FROM community").fetchall())
    columns, rows = _rows(execute, "SELECT * FROM account")
    out = {}
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        if "community_id" in values:
            values["community"] = names[values.pop("community_id")]
        else:
            values["community"] = values["community"].strip()
        out[values["account_no"]] = values
    return out


def sqlite_schema(execute) -> dict[str, object]:
    """Tables' columns, foreign keys and indexes (PRAGMA), and the stored SQL of everything."""
    shape: dict[str, object] = {}
    for table in _tables(execute, True):
        shape[f"{table}: columns"] = execute(f'PRAGMA table_info("{table}")').fetchall()
        shape[f"{table}: foreign keys"] = sorted(
            execute(f'PRAGMA foreign_key_list("{table}")').fetchall())
        indexes = sorted(execute(f'PRAGMA index_list("{table}")').fetchall(), key=lambda r: r[1])
        shape[f"{table}: indexes"] = [
            (r[1:], execute(f'PRAGMA index_info("{r[1]}")').fetchall()) for r in indexes]
    shape["sql"] = sorted(execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                  "WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=repr)
    return shape


def pg_schema(execute) -> dict[str, object]:
    """Columns (their order aside: PostgreSQL adds a column at the end), indexes, constraints,
    triggers and the columns with a statistics target of their own, from information_schema
    and the catalogue."""
    return {
        "statistics": sorted(execute(
            "SELECT c.relname, a.attname, a.attstattarget FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped "
            "AND COALESCE(a.attstattarget, -1) <> -1").fetchall()),
        "columns": sorted(execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default, "
            "character_maximum_length, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()").fetchall(), key=repr),
        "indexes": sorted(execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema()").fetchall()),
        "constraints": sorted(execute(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = current_schema()").fetchall()),
        "triggers": sorted(execute(
            "SELECT event_object_table, trigger_name, event_manipulation, action_statement "
            "FROM information_schema.triggers WHERE trigger_schema = current_schema()")
            .fetchall()),
    }


def up_to(monkeypatch, url: str, version: int) -> None:
    """Open the database at ``url`` with a program that knows the versions up to ``version``
    only (a later migration then has something to do)."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS",
                  {v: migrations.MIGRATIONS[v] for v in range(2, version + 1)})
        m.setattr(migrations, "LATEST", version)
        db = connect(url)
        assert migrations.current_version(db) == version
        db.close()


def search_ids(url: str) -> dict[str, list[int]]:
    """The accounts each of TERMS finds, asked of the search index without migrating (the
    conditions name only account ids, which both versions have)."""
    connect(url, migrate=False)
    try:
        return {term: [i for (i,) in Account.select(Account.id)
                       .where(*search.conditions(term)).order_by(Account.id).tuples()]
                for term in TERMS}
    finally:
        database.obj.close()


def facts(execute, sqlite: bool) -> dict[str, object]:
    """What a version-1 database holds, to hold the migrated one against."""
    return {"dump": dump(execute, sqlite), "accounts": accounts_by_no(execute),
            "communities": execute("SELECT id, name, code, station_id FROM community "
                                   "ORDER BY id").fetchall()}


# ---------------------------------------------------------------- what must hold after


def assert_migrated(before: dict, found: dict[str, list[int]], sqlite: bool) -> None:
    """The open database is the version-1 one of ``before`` at the newest version (2 and
    the later ones), nothing lost."""
    db = database.obj
    execute = db.execute_sql
    assert migrations.current_version(db) == migrations.LATEST
    # Every account, every column, the community under the same (trimmed) name.
    assert accounts_by_no(execute) == before["accounts"]
    assert len(before["accounts"]) == ACCOUNTS
    # The written address is the one version 1 wrote.
    for a in Account.select(Account, Community).join(Community):
        old = before["accounts"][a.account_no]
        assert a.address == format_address(old["community"], old["building"], old["unit"],
                                           old["room"])
    # The typed community got a row of its own; the registered ones are as they were.
    communities = execute("SELECT id, name, code, station_id FROM community ORDER BY id"
                          ).fetchall()
    assert communities[:-1] == before["communities"]
    new_id, name, code, station = communities[-1]
    assert (name, code, station) == (LOOSE_NAME, "M001", None)
    loose = Account.select(Account.account_no, Account.community).where(
        Account.account_no.in_(LOOSE)).tuples()
    assert sorted(loose) == [(no, new_id) for no in LOOSE]
    # One audit row says what the migration did.
    entry = AuditEntry.select().where(AuditEntry.action == "schema.migrate",
                                      AuditEntry.record_id == "2").get()
    assert (entry.action, entry.actor, entry.table, entry.record_id) == (
        "schema.migrate", "system", "schema_version", "2")
    assert json.loads(entry.after)["communities_created"] == [
        {"id": new_id, "name": LOOSE_NAME, "code": "M001"}]
    assert LOOSE_NAME in entry.note
    old_audit = before["dump"]["audit_entry"][1]
    # Versions 2, 3, 6 and 7 say what they did in the audit log; the others add tables only.
    migrated = [e.record_id for e in AuditEntry.select().where(
        AuditEntry.action == "schema.migrate").order_by(AuditEntry.id)]
    assert migrated == ["2", "3", "6", "7"]
    assert AuditEntry.select().count() == len(old_audit) + len(migrated)
    # Status history, the ledger, the search index and the rest: not a byte changed.
    after = unchained(dump(execute, sqlite))
    # later versions only add tables (4: reception, 5: the measurements and the area
    # history), empty but for the default checklists
    added = set(after) - set(before["dump"])
    assert set(before["dump"]) <= set(after), added
    assert all(not after[t][1] for t in added - SEEDED_LATER), added
    for table in set(before["dump"]) - REWRITTEN:
        assert after[table] == before["dump"][table], table
    # Version 3 gave every payment an empty transaction reference, version 6 an empty source
    # (taken at the window), and they changed nothing else.
    columns, rows = before["dump"]["payment"]
    assert after["payment"] == ([*columns, "reference", "source"],
                                [(*row, "", "") for row in rows])
    # Search finds the same accounts, and the index holds what the accounts now say.
    actor = SETUP
    for term, ids in found.items():
        rows = register.page(actor, term, limit=1000)
        assert [r[0] for r in rows] == ids, term
        assert ids, term  # the terms are chosen to find something
    assert found["老城区"] == [i for (i,) in Account.select(Account.id).where(
        Account.account_no.in_(LOOSE)).order_by(Account.id).tuples()]
    table, key = (search.TRI, "rowid") if sqlite else (search.PG, "account_id")
    stored = dict(execute(f"SELECT {key}, doc FROM {table}").fetchall())
    assert stored == {a.id: search.document_of(a)
                      for a in Account.select(Account, Community).join(Community)}
    # And the program's own checks agree.
    results = run_checks()
    assert [(r.name, r.ok) for r in results if not r.ok] == [], results


# ---------------------------------------------------------------- SQLite


@pytest.fixture
def v1_copy(tmp_path, url) -> Path:
    """The fixture copied to where ``url`` and ``run`` (tests/db/conftest.py) point."""
    path = Path(url[len("sqlite:///"):])
    shutil.copyfile(FIXTURE, path)
    return path


def _sqlite_execute(path: Path):
    conn = sqlite3.connect(path)
    return conn, conn.execute


def assert_schema_is_new(migrated: Path, tmp_path: Path) -> dict[str, object]:
    """The migrated SQLite file has exactly the schema a new database gets (table by table,
    index by index, trigger by trigger); returns that schema."""
    new = tmp_path / "new.db"
    connect(f"sqlite:///{new}").close()
    shapes = []
    for path in (migrated, new):
        conn, execute = _sqlite_execute(path)
        shapes.append(sqlite_schema(execute))
        conn.close()
    found, wanted = shapes
    assert found.keys() == wanted.keys()
    for key in wanted:
        assert found[key] == wanted[key], key
    return found


def migrated_fixture(tmp_path: Path, tables: set[str]) -> Path:
    """A copy of the version-1 fixture, without ``tables`` before it is opened, opened (so
    migrated to the latest version) and closed."""
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, old)
    conn, execute = _sqlite_execute(old)
    assert not tables & {n for (n,) in execute("SELECT name FROM sqlite_master")}
    conn.close()
    connect(f"sqlite:///{old}").close()
    return old


def test_the_fixture_is_version_1_with_typed_communities():
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
        columns = [r[1] for r in conn.execute("PRAGMA table_info(account)")]
        assert "community" in columns and "community_id" not in columns
        assert conn.execute("SELECT COUNT(*) FROM account").fetchone() == (ACCOUNTS,)
        loose = conn.execute(
            "SELECT account_no FROM account WHERE community NOT IN (SELECT name FROM community) "
            "ORDER BY account_no").fetchall()
        assert loose == [(no,) for no in LOOSE]
    finally:
        conn.close()


def test_sqlite_v1_database_migrates_on_opening_after_a_backup(v1_copy, url, tmp_path,
                                                               monkeypatch, run):
    conn, execute = _sqlite_execute(v1_copy)
    before = facts(execute, True)
    conn.close()
    shutil.copyfile(v1_copy, tmp_path / "reading.db")
    found = search_ids(f"sqlite:///{tmp_path / 'reading.db'}")

    # Not migrated by `check`: an old schema is reported (after a login that writes nothing).
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "admin-v1-fixture")
    status, out, _ = run("check")
    assert status == 1 and (f"[FAIL] schema_version: version 1, program expects "
                            f"{migrations.LATEST}") in out

    backups_when_run = []
    real = migrations.MIGRATIONS[2]

    def watched(db):
        for backup in tmp_path.glob("backups/office-*-pre_migration.db"):
            old = sqlite3.connect(backup)
            backups_when_run.append((
                old.execute("SELECT MAX(version) FROM schema_version").fetchone()[0],
                [r[1] for r in old.execute("PRAGMA table_info(account)")][8],
                old.execute("SELECT COUNT(*) FROM account").fetchone()[0]))
            old.close()
        real(db)

    monkeypatch.setitem(migrations.MIGRATIONS, 2, watched)
    db = connect(url)  # as the program opens it: migrates
    # The backup was there, at version 1 with the text column, before the migration ran.
    assert backups_when_run == [(1, "community", ACCOUNTS)]
    assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    assert_migrated(before, found, sqlite=True)
    db.close()
    [backup] = tmp_path.glob("backups/office-*-pre_migration.db")
    old = sqlite3.connect(backup)
    assert dump(old.execute, True) == before["dump"]  # the backup is the version-1 database
    old.close()

    status, out, err = run("check")
    assert (status, err) == (0, ""), out
    assert f"[OK] schema_version: version {migrations.LATEST}" in out


def test_sqlite_migrated_schema_is_the_new_schema(v1_copy, url, tmp_path):
    connect(url).close()
    assert_schema_is_new(v1_copy, tmp_path)


@pytest.mark.parametrize("step", ["create_communities", "copy_accounts", "record"])
def test_sqlite_failure_half_way_changes_nothing(v1_copy, url, monkeypatch, run, step):
    conn, execute = _sqlite_execute(v1_copy)
    before, shape = dump(execute, True), sqlite_schema(execute)
    conn.close()
    real = getattr(schema_v2, step)

    def fails_after(*args):
        real(*args)  # the step's statements ran
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(schema_v2, step, fails_after)
    status, out, err = run("init")  # a command that opens the database the usual way
    assert status == 1 and out == ""
    assert "Traceback" not in err
    assert "数据库升级到第 2 版失败，数据库未作任何改动：disk I/O error" in err
    assert "/backups/office-" in err and "-pre_migration.db" in err

    conn, execute = _sqlite_execute(v1_copy)
    assert execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    assert "community" in [r[1] for r in execute("PRAGMA table_info(account)")]
    assert dump(execute, True) == before
    assert sqlite_schema(execute) == shape
    conn.close()

    # The connection that saw the failure has its foreign keys on again, and the same
    # database migrates once the cause is gone.
    with pytest.raises(UserError):
        connect(url)
    assert database.obj.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    database.obj.close()
    monkeypatch.setattr(schema_v2, step, real)
    connect(url).close()
    conn, execute = _sqlite_execute(v1_copy)
    assert execute("SELECT MAX(version) FROM schema_version").fetchone() == (
        migrations.LATEST,)
    conn.close()


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_v1(pg_url):
    """A PostgreSQL database of its own holding the fixture's rows in the version-1 shape
    (made from a new version-2 database by hand); yields its URL and the new schema."""
    import psycopg2

    server, _, name = pg_url.rpartition("/")
    own = f"{name}_v1"
    admin = psycopg2.connect(server + "/postgres", connect_timeout=5)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{own}"')
        cur.execute(f'CREATE DATABASE "{own}"')
    url = f"{server}/{own}"
    try:
        db = connect(url)
        new_schema = pg_schema(db.execute_sql)
        with db.atomic():
            _to_version_1(db)
            _load_fixture(db)
        db.close()
        yield url, new_schema
    finally:
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        with admin.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (own,))
            cur.execute(f'DROP DATABASE IF EXISTS "{own}"')
        admin.close()


def _to_version_1(db) -> None:
    """Empty every table, and turn the account and payment tables into their version-1
    shape."""
    db.execute_sql("SET LOCAL session_replication_role = replica")  # past the guards
    for table in _tables(db.execute_sql, False):
        db.execute_sql(f'DELETE FROM "{table}"')
    for index in ("account_community_id", "account_community_id_building_unit_room"):
        db.execute_sql(f'DROP INDEX "{index}"')
    db.execute_sql('ALTER TABLE "account" DROP COLUMN "community_id"')
    db.execute_sql('ALTER TABLE "account" ADD COLUMN "community" VARCHAR(64) NOT NULL')
    db.execute_sql('CREATE INDEX "account_community" ON "account" ("community")')
    db.execute_sql('CREATE INDEX "account_community_building_unit_room" ON "account" '
                   '("community", "building", "unit", "room")')
    db.execute_sql('ALTER TABLE "payment" DROP COLUMN "reference"')  # added by version 3
    db.execute_sql('ALTER TABLE "payment" DROP COLUMN "source"')  # version 6, and its index
    # version 7: the chain's columns (with the triggers naming them) and guards
    for table in ("bill", "bill_line", "adjustment", "payment", "allocation", "day_close",
                  "month_close", "audit_entry"):
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "hash" CASCADE')
    db.execute_sql('ALTER TABLE "adjustment" DROP COLUMN "decision_no"')
    db.execute_sql('ALTER TABLE "adjustment" DROP COLUMN "decision_hash"')
    for table, trigger in (("adjustment", "adjustment_decided"), ("user", "user_role_audited"),
                           ("receipt_counter", "receipt_counter_forward"),
                           ("receipt_counter", "receipt_counter_kept")):
        db.execute_sql(f'DROP TRIGGER "{trigger}" ON "{table}"')
    # Tables of later versions (5: the measurements) are not in version 1.
    src = sqlite3.connect(f"file:{FIXTURE}?mode=ro&immutable=1", uri=True)
    old = set(_tables(src.execute, True))
    src.close()
    for table in set(_tables(db.execute_sql, False)) - old - {search.PG}:
        db.execute_sql(f'DROP TABLE "{table}" CASCADE')


def _load_fixture(db) -> None:
    """Every row of the SQLite fixture, the search index made from its documents."""
    from psycopg2.extras import execute_values

    kinds = {(t, c): k for t, c, k in db.execute_sql(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema()").fetchall()}
    src = sqlite3.connect(f"file:{FIXTURE}?mode=ro&immutable=1", uri=True)
    cursor = db.cursor()
    for table in _tables(db.execute_sql, False):
        if table == search.PG:
            rows = [(i, doc, search.grams(doc)) for i, doc in src.execute(
                f"SELECT rowid, doc FROM {search.TRI}")]
            columns = ["account_id", "doc", "grams"]
        else:
            columns, rows = _rows(src.execute, f'SELECT * FROM "{table}"')
            flags = [kinds[(table, c)] == "boolean" for c in columns]
            rows = [tuple(bool(v) if flag and v is not None else v
                          for v, flag in zip(row, flags, strict=True)) for row in rows]
        if rows:
            names = ", ".join(f'"{c}"' for c in columns)
            execute_values(cursor, f'INSERT INTO "{table}" ({names}) VALUES %s', rows)
        if ("id" in columns and kinds.get((table, "id")) == "integer" and rows
                and table != search.PG):
            db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f'(SELECT MAX(id) FROM "{table}"))')
    src.close()


def test_postgres_v1_database_migrates_to_the_new_schema(pg_v1):
    url, new_schema = pg_v1
    connect(url, migrate=False)
    assert migrations.current_version(database.obj) == 1
    before = facts(database.obj.execute_sql, False)
    database.obj.close()
    assert len(before["accounts"]) == ACCOUNTS
    found = search_ids(url)

    connect(url)
    assert_migrated(before, found, sqlite=False)
    assert pg_schema(database.obj.execute_sql) == new_schema
    database.obj.close()


@pytest.mark.parametrize("step", ["drop_old_column", "record"])
def test_postgres_failure_half_way_changes_nothing(pg_v1, monkeypatch, step):
    url, _ = pg_v1
    connect(url, migrate=False)
    before, shape = dump(database.obj.execute_sql, False), pg_schema(database.obj.execute_sql)
    database.obj.close()
    real = getattr(schema_v2, step)

    def fails_after(*args):
        real(*args)
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(schema_v2, step, fails_after)
    with pytest.raises(UserError) as err:
        connect(url)
    assert err.value.code == "db.migration_failed" and err.value.params["version"] == 2
    database.obj.close()

    connect(url, migrate=False)
    execute = database.obj.execute_sql
    assert migrations.current_version(database.obj) == 1
    assert "community" in [c.name for c in database.obj.get_columns("account")]
    assert dump(execute, False) == before
    assert pg_schema(execute) == shape
    database.obj.close()
