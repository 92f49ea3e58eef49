"""Backups and restore (heatoffice.db.backup, heatoffice.backup) on SQLite and PostgreSQL:
restore gives back the source table by table, never reuses a receipt number, refuses a
damaged file; rotation keeps the right files; a migration and a month close back up first."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import subprocess
from pathlib import Path

import psycopg2
import pytest

from heatoffice import cli, clock
from heatoffice.audit.models import AuditEntry
from heatoffice.backup import queries, service
from heatoffice.billing import cash_reports, closing, payments
from heatoffice.check import run_checks
from heatoffice.db import backup, migrations
from heatoffice.db.connection import connect, database, is_sqlite
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.exports import documents
from tests.conftest import PG_DSN
from tests.db.ledger_world import (
    ADMIN,
    CASHIER,
    FINANCE,
    MANAGER,
    SYSTEM,
    at,
    bill,
    counter_state,
    home,
    season,
)

DAY = _dt.date(2026, 11, 20)


def url_of(db, request) -> str:
    if is_sqlite(db):
        return f"sqlite:///{db.database}"
    return request.getfixturevalue("pg_url")


def tables_now() -> dict[str, list[tuple]]:
    """Every row of every table, in key order (the tables' own columns, as stored)."""
    out = {}
    for table in sorted(database.get_tables()):
        cols = [c.name for c in database.get_columns(table)]
        order = ", ".join(f'"{c}"' for c in cols)
        rows = database.execute_sql(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
        out[table] = [tuple(str(v) for v in row) for row in rows]
    return out


@pytest.fixture
def world(db, request):
    at(DAY)
    s, t = season()
    homes = [home(name) for name in ("张伟", "李娜")]
    for h in homes:
        bill(h, s, t)
    yield db, url_of(db, request), homes
    if not is_sqlite(db):  # the databases a restore renamed aside
        admin = psycopg2.connect(PG_DSN + "/postgres")
        admin.autocommit = True
        name = request.getfixturevalue("pg_url").rsplit("/", 1)[1]
        with admin.cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                        (name + "_replaced_%",))
            for (old,) in cur.fetchall():
                cur.execute(f'DROP DATABASE "{old}"')
        admin.close()


def test_backup_then_restore_equals_the_source_table_by_table(world):
    db, url, (a, b) = world
    payments.record_payment(CASHIER, a.id, "100", "cash")
    assert ADMIN.user_id  # the admin's login user, before the source is read
    source = tables_now()
    path = service.make_backup(ADMIN)
    assert path.parent == backup.folder(db) and path.name.endswith(
        "-manual.db" if is_sqlite(db) else "-manual.dump")
    assert backup.checksum_file(path).read_text() == f"{backup.sha256_of(path)}  {path.name}\n"
    # what happens after the backup is what the restore takes away
    payments.record_payment(CASHIER, b.id, "200", "card")
    clock.shift(_dt.timedelta(minutes=5))
    done = service.restore(path, "2026-000002", url=url, actor=ADMIN)
    assert (done.lost_first, done.lost_last, done.lost_count) == ("2026-000002",
                                                                   "2026-000002", 1)
    restored = tables_now()
    assert restored.keys() == source.keys()
    for table in source:
        if table in ("audit_entry", "receipt_counter", "chain_head"):  # moved by the restore
            continue
        assert restored[table] == source[table], table
    # the audit is the source's and the restore's own rows after it
    assert restored["audit_entry"][:len(source["audit_entry"])] == source["audit_entry"]
    actions = [r.action for r in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions[-2:] == ["receipts.lost_by_restore", "backups.restore"]
    assert "backups.make" not in actions  # made after the copy: the copy does not know it
    # the replaced database is kept
    if is_sqlite(db):
        assert Path(done.replaced).is_file()
        old = sqlite3.connect(done.replaced)
        assert old.execute("SELECT COUNT(*) FROM payment").fetchone() == (2,)
        old.close()
    else:
        assert done.replaced.startswith(url.rsplit("/", 1)[1] + "_replaced_")


def test_restore_moves_the_counter_and_the_daily_report_shows_the_lost_range(world, tmp_path):
    db, url, (a, b) = world
    first = [payments.record_payment(CASHIER, a.id, "10", "cash").receipt_no for _ in range(3)]
    path = service.make_backup(ADMIN)
    later = [payments.record_payment(CASHIER, b.id, "10", "cash").receipt_no for _ in range(2)]
    assert first + later == [f"2026-00000{i}" for i in range(1, 6)]

    # a copy that issued more than the number given: the number is wrong, nothing changes
    with pytest.raises(UserError) as err:
        service.restore(path, "2026-000002", url=url, actor=ADMIN)
    assert err.value.code == "backup.receipt_in_copy" and err.value.field == "last_receipt"
    assert "2026-000003" in err.value.message("en")
    connect(url, migrate=False)
    assert counter_state() == [(2026, 5)]

    clock.shift(_dt.timedelta(hours=1))
    done = service.restore(path, "2026-000005", url=url, actor=ADMIN)
    assert (done.lost_first, done.lost_last, done.lost_count) == ("2026-000004",
                                                                   "2026-000005", 2)
    assert counter_state() == [(2026, 5)]
    row = AuditEntry.get(AuditEntry.action == "receipts.lost_by_restore")
    assert (row.actor, row.table, row.record_id, row.note) == (
        "admin", "receipt_counter", "2026", "2026-000004–2026-000005")
    assert json.loads(row.before) == {"last_seq": 3}
    assert json.loads(row.after) == {"last_seq": 5, "lost_from": "2026-000004",
                                     "lost_to": "2026-000005", "lost_count": 2,
                                     "backup_file": path.name}
    # the next receipt follows the lost ones; `check` counts the lost numbers in the gap
    assert payments.record_payment(CASHIER, b.id, "10", "cash").receipt_no == "2026-000006"
    assert [(r.name, r.detail) for r in run_checks() if not r.ok] == []
    with database.atomic() as txn:  # a gap nobody recorded, then taken back
        database.execute_sql("UPDATE receipt_counter SET last_seq = 7")
        [failed] = [r for r in run_checks() if not r.ok]
        assert failed.detail == ("1 problems: receipts of 2026: 4 numbers from 1 to 6 and 2 "
                                 "lost by restores, counter at 7 (numbers must run 1..n "
                                 "without a gap)")
        txn.rollback()
    # the counter only moves forward (heatoffice.db.chain_guards)
    with pytest.raises(Exception, match="only moves forward"), database.atomic():
        database.execute_sql("UPDATE receipt_counter SET last_seq = 2")
    report = cash_reports.daily_report(FINANCE, "cashier1", DAY)
    [lost] = report.lost_by_restore
    assert (lost.first, lost.last, lost.count) == ("2026-000004", "2026-000005", 2)
    # and on the next day's report of the receipts that follow it
    at(DAY + _dt.timedelta(days=1))
    payments.record_payment(CASHIER, a.id, "10", "cash")
    assert cash_reports.daily_report(FINANCE, "cashier1", DAY + _dt.timedelta(days=1)) \
        .lost_by_restore == ()
    pdf = tmp_path / "daily.pdf"
    documents.print_daily_report(FINANCE, str(pdf), "cashier1", DAY)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "因恢复备份作废的收据号：No. 2026-000004 至 No. 2026-000005，共 2 张" in text


def test_a_damaged_backup_is_refused_and_nothing_changes(world):
    db, url, (a, _) = world
    payments.record_payment(CASHIER, a.id, "10", "cash")
    path = service.make_backup(ADMIN)
    before = tables_now()
    with open(path, "r+b") as f:
        f.seek(200)
        f.write(b"\xff")
    with pytest.raises(UserError) as err:
        service.restore(path, "2026-000001", url=url, actor=ADMIN)
    assert err.value.code == "backup.bad_checksum" and err.value.field == "backup_file"
    connect(url, migrate=False)
    assert tables_now() == before
    backup.checksum_file(path).unlink()
    with pytest.raises(UserError) as err:
        service.restore(path, "2026-000001", url=url, actor=ADMIN)
    assert err.value.code == "backup.no_checksum"
    assert [b.checksum_ok for b in service.list_backups(ADMIN)] == [None]


def test_who_may_back_up_and_restore(world):
    db, url, _ = world
    with pytest.raises(PermissionDenied):
        service.make_backup(FINANCE)
    with pytest.raises(PermissionDenied):
        service.list_backups(CASHIER)
    path = service.make_backup(ADMIN)
    with pytest.raises(PermissionDenied):
        service.restore(path, "2026-000001", url=url, actor=FINANCE)
    assert queries.last_backup(FINANCE) is None
    last = queries.last_backup(ADMIN)
    assert last is not None and (last.age_days, last.warn) == (0, False)
    clock.shift(_dt.timedelta(days=2))
    assert queries.last_backup(ADMIN).warn


def test_month_close_makes_a_backup(world):
    db, url, (a, _) = world
    payments.record_payment(CASHIER, a.id, "10", "cash")
    closing.close_day(CASHIER)
    at(_dt.date(2026, 12, 1))
    closing.close_month(FINANCE, "2026-11")
    [made] = backup.list_backups(backup.folder(db))
    assert (made.kind, made.checksum_ok) == ("month_close", True)
    row = AuditEntry.get(AuditEntry.action == "backups.make")
    assert (row.actor, row.note) == ("finance1", "month_close")


def _names(where: Path) -> list[tuple[str, str]]:
    return sorted((b.made_at.strftime("%Y-%m-%d"), b.kind)
                  for b in backup.list_backups(where, check=False))


def test_automatic_backups_rotate(sqlite_db):
    at(_dt.date(2026, 1, 1), 8)
    assert service.auto_backup(SYSTEM) is not None
    assert service.auto_backup(SYSTEM) is None  # once a day, whoever starts
    for _ in range(99):  # 100 days: 2026-01-01 .. 2026-04-10
        clock.shift(_dt.timedelta(days=1))
        assert service.auto_backup(SYSTEM) is not None
    where = backup.folder(sqlite_db)
    kept = _names(where)
    # monthly: the first of each month (2026-01-01 a Thursday)
    assert [d for d, k in kept if k == "monthly"] == [
        "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]
    # weekly: each ISO week's first backup where no monthly was made that week; the last 4
    assert [d for d, k in kept if k == "weekly"] == [
        "2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"]
    # daily: the last 7 that are neither
    assert [d for d, k in kept if k == "daily"] == [
        "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-07", "2026-04-08",
        "2026-04-09", "2026-04-10"][-7:]
    assert len(list(where.glob("*.sha256"))) == len(kept)  # deleted with their checksums
    # a manual backup is never rotated away
    manual = service.make_backup(ADMIN)
    clock.shift(_dt.timedelta(days=1))
    service.auto_backup(SYSTEM)
    assert manual.is_file()


def test_rotation_policy_is_a_setting(sqlite_db):
    from heatoffice.config.service import set_setting

    set_setting(ADMIN, "backup_daily", "2")
    with pytest.raises(UserError) as err:
        set_setting(ADMIN, "backup_weekly", "ab")
    assert err.value.code == "backup.bad_keep" and err.value.field == "backup_weekly"
    with pytest.raises(PermissionDenied):
        set_setting(MANAGER, "backup_daily", "3")
    assert backup.keep_policy(sqlite_db) == {"daily": 2, "weekly": 4, "monthly": 12}


def test_a_migration_backs_up_first_on_postgresql(pg_url, monkeypatch):
    """The pre-migration backup, real on PostgreSQL: a fresh database one version behind."""
    name = "heatoffice_premig_" + clock.now().strftime("%H%M%S")
    admin = psycopg2.connect(PG_DSN + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{PG_DSN}/{name}"
        connect(url).close()
        applied = []

        def step(target):
            applied.append(migrations.current_version(target))

        latest = migrations.LATEST + 1
        monkeypatch.setattr(migrations, "LATEST", latest)
        monkeypatch.setitem(migrations.MIGRATIONS, latest, step)
        db = connect(url)
        [made] = backup.list_backups(backup.folder(db))
        assert (made.kind, made.checksum_ok, made.backend) == ("pre_migration", True,
                                                               "postgresql")
        assert applied == [latest - 1]
        listing = subprocess.run(["pg_restore", "--list", str(made.path)], capture_output=True,
                                 text=True, check=True).stdout
        assert "TABLE DATA public schema_version" in listing
        db.close()
    finally:
        with admin.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def test_the_v1_database_is_backed_up_before_its_migration(tmp_path):
    v1 = Path(__file__).parent.parent / "fixtures" / "heatoffice-v1.db"
    target = tmp_path / "office.db"
    target.write_bytes(v1.read_bytes())
    db = connect(f"sqlite:///{target}")
    [made] = backup.list_backups(tmp_path / "backups")
    assert (made.kind, made.checksum_ok) == ("pre_migration", True)
    old = sqlite3.connect(made.path)
    assert old.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    assert old.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    old.close()
    assert migrations.current_version(db) == migrations.LATEST
    db.close()


# -- the command line --------------------------------------------------------------------------

ADMIN_PW = "secret-admin"


@pytest.fixture
def office(tmp_path, monkeypatch, capsys):
    for name in ("HEATOFFICE_DB", "HEATOFFICE_USER", "HEATOFFICE_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    url = f"sqlite:///{tmp_path / 'office.db'}"

    def run(*args: str):
        status = cli.main(["--db", url, *args])
        out, err = capsys.readouterr()
        return status, out, err

    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    yield run, tmp_path
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def test_cli_backup_list_restore(office):
    run, tmp = office
    status, out, err = run("init")  # on an existing database: a backup first
    assert status == 0 and "已先备份现有数据库：" in out and "-init.db" in out
    status, out, err = run("backup", "--out", str(tmp / "mine.db"))
    assert (status, err) == (0, "") and out == f"已备份：{tmp / 'mine.db'}\n"
    status, out, _ = run("backup", "--auto")
    assert status == 0 and "-monthly.db" in out
    status, out, _ = run("backup", "--auto")
    assert (status, out) == (0, "今天已有自动备份\n")
    status, out, _ = run("--lang", "en", "backups")
    lines = out.splitlines()
    assert lines[0] == f"backups folder: {tmp / 'backups'}"
    assert lines[1].split() == ["file", "made", "size", "kind", "checksum"]
    kinds = [line.split()[-2:] for line in lines[2:]]
    assert [k for k in kinds] == [["monthly", "ok"], ["init", "ok"]]

    status, out, err = run("restore", str(tmp / "mine.db"), "--last-receipt", "2026-000007")
    assert (status, err) == (0, "")
    assert "收据号 2026-000001 至 2026-000007（7 张）因恢复作废" in out
    assert len(list(tmp.glob("office.db.replaced-*"))) == 1


def test_cli_refusals_are_one_line(office):
    run, tmp = office
    assert run("backup", "--out", str(tmp / "b.db"))[0] == 0
    with open(tmp / "b.db", "ab") as f:
        f.write(b"x")
    status, out, err = run("restore", str(tmp / "b.db"), "--last-receipt", "2026-000001")
    assert (status, out) == (1, "")
    assert err == (f"备份文件：备份“{tmp / 'b.db'}”的校验和不符（文件已损坏或被改动），"
                   "不能恢复\n")
    status, out, err = run("restore", str(tmp / "b.db"), "--last-receipt", "1618")
    assert (status, err) == (1, "截止收据号：“1618”不是收据号（格式如 2026-001618）\n")
    status, _, err = run("restore", str(tmp / "b.db"))
    assert status == 2 and "--last-receipt" in err
    status, _, err = run("backup", "--out", str(tmp / "b.dump"))
    assert status == 1 and err.count("\n") == 1 and ".db" in err
    status, _, err = run("--lang", "en", "restore", str(tmp / "none.db"), "--last-receipt",
                         "2026-000001")
    assert (status, err) == (1, f'backup file: no backup file "{tmp / "none.db"}"\n')


def test_a_database_open_elsewhere_is_not_replaced(world, request):
    db, url, (a, _) = world
    payments.record_payment(CASHIER, a.id, "10", "cash")
    path = service.make_backup(ADMIN)
    if is_sqlite(db):
        other = sqlite3.connect(db.database)
        other.execute("SELECT COUNT(*) FROM payment").fetchone()
    else:
        other = psycopg2.connect(request.getfixturevalue("pg_url"))
    try:
        before = tables_now()
        with pytest.raises(UserError) as err:
            service.restore(path, "2026-000001", url=url, actor=ADMIN)
        assert err.value.code == "backup.in_use"
    finally:
        other.close()
    connect(url, migrate=False)
    assert tables_now() == before
    if is_sqlite(db):
        assert not Path(db.database + ".restoring").exists()
        assert list(Path(db.database).parent.glob("*.replaced-*")) == []


def test_pg_tools_follow_the_server_version(tmp_path, monkeypatch):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.4'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    # the client on PATH is older than the server: Debian's versioned one, else a refusal
    if Path("/usr/lib/postgresql/15/bin/pg_dump").is_file():
        assert backup.pg_tool("pg_dump", 15) == "/usr/lib/postgresql/15/bin/pg_dump"
    with pytest.raises(UserError) as err:
        backup.pg_tool("pg_dump", 99)
    assert err.value.message("en") == ("pg_dump 13 is older than the database server 99: "
                                       "install postgresql-client-99")
    assert backup.pg_tool("pg_dump", 12) == str(fake)  # a newer client reads an older server
    monkeypatch.setenv("PATH", str(tmp_path / "none"))
    with pytest.raises(UserError) as err:
        backup.pg_tool("pg_restore", 99)
    assert err.value.code == "backup.no_pg_tool"


def test_cli_restores_a_database_that_is_gone(office):
    run, tmp = office
    assert run("backup", "--out", str(tmp / "b.db"))[0] == 0
    for p in tmp.glob("office.db*"):
        p.unlink()
    status, out, err = run("restore", str(tmp / "b.db"), "--last-receipt", "2026-000003")
    assert (status, err) == (0, ""), err  # the admin logged in on the checked copy
    assert "被替换的数据库" not in out and "（3 张）" in out
    status, out, err = run("check")
    assert status == 0, out


def test_a_postgresql_database_that_is_gone_is_restored(pg_url):
    name = "heatoffice_gone_" + clock.now().strftime("%H%M%S")
    admin = psycopg2.connect(PG_DSN + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_DSN}/{name}"
    try:
        connect(url)
        path = service.make_backup(ADMIN)
        database.obj.close()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE "{name}"')
        logins = []
        done = service.restore(path, "2026-000004", url=url, actor=None,
                               login=lambda: logins.append(1) or ADMIN)
        assert (done.replaced, done.lost_count, logins) == ("", 4, [1])
        assert counter_state() == [(2026, 4)]
        database.obj.close()
    finally:
        with admin.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def test_a_file_that_is_no_database_is_refused(office):
    run, tmp = office
    fake = tmp / "fake-20261120-090000-manual.db"
    fake.write_bytes(b"not a database at all" * 100)
    backup.checksum_file(fake).write_text(f"{backup.sha256_of(fake)}  {fake.name}\n")
    status, out, err = run("--lang", "en", "restore", str(fake), "--last-receipt", "2026-000001")
    assert (status, out) == (1, "")
    assert err == f'backup file: "{fake}" is not a backup of a heatoffice database\n'
    assert not (tmp / "office.db.restoring").exists()
    # the live database is still there and used
    assert run("check")[0] == 0
    # a database file that is damaged: the admin logs in on the checked copy
    assert run("backup", "--out", str(tmp / "good.db"))[0] == 0
    (tmp / "office.db").write_bytes(b"garbage" * 1000)
    for extra in tmp.glob("office.db-*"):
        extra.unlink()
    status, out, err = run("restore", str(tmp / "good.db"), "--last-receipt", "2026-000001")
    assert (status, err) == (0, ""), err
    assert run("check")[0] == 0
