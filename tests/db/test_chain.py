"""The tamper-evident ledger (heatoffice.db.chain) on SQLite and PostgreSQL: a row rewritten,
deleted or inserted by raw SQL with the triggers dropped (SQLite) or disabled by the table's
owner (PostgreSQL) is found by `check`, which names its table and id; what the program never
updates is refused by the database itself."""

from __future__ import annotations

import datetime as _dt
import hashlib
import sys

import pytest
from ledger_world import ADMIN, CASHIER, FIELD, MANAGER, at, bill, home, season

from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.billing import adjustments, payments
from heatoffice.billing.models import Adjustment, Payment
from heatoffice.check import run_checks
from heatoffice.db import chain
from heatoffice.db.connection import database, is_sqlite

OCT20 = _dt.date(2026, 10, 20)
TABLES = ("bill", "bill_line", "adjustment", "payment", "allocation", "audit_entry")


@pytest.fixture
def world(db):
    at(OCT20)
    s, t = season()
    account = home()
    bill(account, s, t)
    other = home("李娜")
    bill(other, s, t)
    at(_dt.date(2027, 1, 20))  # late fees are charged first: adjustments with decisions
    payments.record_payment(CASHIER, account.id, "500", "cash")
    payments.record_payment(CASHIER, other.id, "300", "card")
    adj = adjustments.propose_adjustment(FIELD, account.id, "-10", "credit", "核减")
    adjustments.approve_adjustment(MANAGER, adj.id)
    yield account
    _triggers(on=True)


def _chain_result():
    return {r.name: r for r in run_checks()}["chain"]


def _triggers(*, on: bool) -> None:
    """Drop (SQLite) or disable as the table's owner (PostgreSQL) the triggers of the ledger."""
    if is_sqlite():
        if not on:
            for (name,) in database.execute_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                database.execute_sql(f"DROP TRIGGER {name}")
        return
    for table in (*TABLES, "user", "receipt_counter", "chain_head"):
        database.execute_sql(f'ALTER TABLE "{table}" {"ENABLE" if on else "DISABLE"} '
                             "TRIGGER USER")


def _ids(table: str) -> list[int]:
    return [i for (i,) in database.execute_sql(f'SELECT id FROM "{table}" ORDER BY id')]


def test_the_program_writes_intact_chains(world):
    result = _chain_result()
    assert result.ok, result.detail
    assert Adjustment.select().where(Adjustment.decision_no.is_null(False)).count() >= 2
    for table in TABLES:
        assert database.execute_sql(
            f'SELECT COUNT(*) FROM "{table}" WHERE hash IS NULL').fetchone()[0] == 0


@pytest.mark.parametrize("table,column,value", [
    ("payment", "amount", 5000000),
    ("audit_entry", "note", "改过"),
    ("bill_line", "amount", 1),
    ("adjustment", "reason", "改过的理由"),
    ("allocation", "amount", 1),
    ("bill", "total", 1),
])
def test_a_rewritten_row_is_found(world, table, column, value):
    _triggers(on=False)
    target = _ids(table)[0]
    database.execute_sql(f'UPDATE "{table}" SET "{column}" = {database.param} WHERE id = '
                         f"{database.param}", (value, target))
    result = _chain_result()
    assert not result.ok
    assert f"{table} id {target}: hash does not match" in result.detail


@pytest.mark.parametrize("table", ["payment", "audit_entry", "bill_line", "allocation"])
def test_a_deleted_row_is_found(world, table):
    _triggers(on=False)
    first, second, *_ = _ids(table)
    if table == "payment":  # as whoever deletes a payment must
        database.execute_sql(f"DELETE FROM allocation WHERE payment_id = {database.param}",
                             (first,))
    database.execute_sql(f'DELETE FROM "{table}" WHERE id = {database.param}', (first,))
    assert (f"{table} id {second}: hash does not match: this row was changed, or a row "
            "before it deleted or inserted" in _chain_result().detail)


def test_only_the_last_row_deleted_is_found_by_the_head(world):
    _triggers(on=False)
    last = _ids("payment")[-1]
    database.execute_sql(f"DELETE FROM allocation WHERE payment_id = {database.param}", (last,))
    database.execute_sql(f"DELETE FROM payment WHERE id = {database.param}", (last,))
    detail = _chain_result().detail
    assert f"payment: the chain ends at id {last - 1} but its head names id {last}" in detail


@pytest.mark.parametrize("table", ["payment", "audit_entry", "adjustment"])
def test_an_inserted_row_is_found(world, table):
    _triggers(on=False)
    columns = [c.name for c in database.get_columns(table) if c.name not in ("id", "hash")]
    names = ", ".join(f'"{c}"' for c in columns)
    source = ", ".join(
        "receipt_no || 'X'" if c == "receipt_no" else
        "receipt_seq + 1000" if c == "receipt_seq" else f'"{c}"' for c in columns)
    first = _ids(table)[0]
    database.execute_sql(f'INSERT INTO "{table}" ({names}) SELECT {source} FROM "{table}" '
                         f"WHERE id = {database.param}", (first,))
    new = _ids(table)[-1]
    assert f"{table} id {new}: no hash: written outside the program" in _chain_result().detail


def test_a_row_inserted_with_a_copied_hash_is_found(world):
    _triggers(on=False)
    columns = [c.name for c in database.get_columns("payment") if c.name != "id"]
    names = ", ".join(f'"{c}"' for c in columns)
    source = ", ".join("receipt_no || 'X'" if c == "receipt_no" else
                       "receipt_seq + 1000" if c == "receipt_seq" else f'"{c}"' for c in columns)
    database.execute_sql(f'INSERT INTO payment ({names}) SELECT {source} FROM payment '
                         "WHERE id = (SELECT MAX(id) FROM payment)")
    new = _ids("payment")[-1]
    assert f"payment id {new}: hash does not match" in _chain_result().detail


def test_a_rewritten_decision_is_found(world):
    _triggers(on=False)
    adj = Adjustment.select().where(Adjustment.source == "manual").get()
    database.execute_sql(f"UPDATE adjustment SET decided_by = 'someone' WHERE id = "
                         f"{database.param}", (adj.id,))
    assert (f"adjustment (adjustment_decision) id {adj.id}: hash does not match"
            in _chain_result().detail)


def test_a_decision_made_outside_the_program_is_found(world):
    at(_dt.date(2027, 1, 21))
    adj = adjustments.propose_adjustment(FIELD, world.id, "-5", "credit", "再核减")
    _triggers(on=False)
    database.execute_sql(f"UPDATE adjustment SET status = 'approved', decided_by = 'x' "
                         f"WHERE id = {database.param}", (adj.id,))
    assert (f"adjustment (adjustment_decision) id {adj.id}: decided outside the program"
            in _chain_result().detail)


def _refused(sql: str, params: tuple = (), match: str = "") -> None:
    with pytest.raises(Exception, match=match), database.atomic():
        database.execute_sql(sql, params)


def test_the_database_refuses_what_the_program_never_updates(world):
    p = database.param
    adj = Adjustment.select().where(Adjustment.source == "manual").get()
    _refused(f"UPDATE adjustment SET reason = 'x' WHERE id = {p}", (adj.id,), "written once")
    _refused(f"UPDATE adjustment SET status = 'rejected' WHERE id = {p}", (adj.id,),
             "decided adjustment")
    _refused(f"UPDATE adjustment SET decided_by = 'x' WHERE id = {p}", (adj.id,),
             "decided adjustment")
    pay = Payment.select().first()
    _refused(f"UPDATE payment SET amount = 1 WHERE id = {p}", (pay.id,), "written once")
    _refused(f"UPDATE bill SET hash = 'x' WHERE id = {p}", (pay.account_id,), "written once")
    _refused("UPDATE receipt_counter SET last_seq = 0", (), "only moves forward")
    _refused("DELETE FROM receipt_counter", (), "kept")
    _refused("DELETE FROM chain_head", (), "kept")
    _refused("UPDATE audit_entry SET note = 'x'", (), "written once")
    # a proposal not yet decided keeps its reason too, but its decision may still be taken
    at(_dt.date(2027, 1, 21))
    open_ = adjustments.propose_adjustment(FIELD, world.id, "-5", "credit", "再核减")
    _refused(f"UPDATE adjustment SET amount = -1 WHERE id = {p}", (open_.id,), "written once")
    adjustments.reject_adjustment(MANAGER, open_.id, "不符合")
    assert _chain_result().ok


def test_a_role_changes_only_through_the_audited_service(world):
    admin = auth.create_user(ADMIN, "boss2", "a-long-secret-9", "manager")
    reader = auth.create_user(ADMIN, "reader2", "a-long-secret-9", "read_only")
    p = database.param
    _refused(f'UPDATE "user" SET role = \'admin\' WHERE id = {p}', (reader.id,),
             "audited role change")
    auth.set_role(ADMIN, "reader2", "cashier")
    assert AuditEntry.select().where(AuditEntry.action == "users.role").count() == 1
    assert {r.name: r for r in run_checks()}["chain"].ok
    # raised by raw SQL with the triggers off: the check of the roles finds it
    _triggers(on=False)
    database.execute_sql(f'UPDATE "user" SET role = \'admin\' WHERE id = {p}', (reader.id,))
    roles = {r.name: r for r in run_checks()}["roles"]
    assert not roles.ok and "reader2" in roles.detail and admin.username not in roles.detail


def test_the_canonical_text_is_fixed():
    assert chain.canonical([None, 12, True, "a\\b\x1fc", _dt.date(2026, 1, 2),
                            _dt.datetime(2026, 1, 2, 3, 4, 5)]) == \
        "\\N\x1f12\x1f1\x1fa\\\\b\\uc\x1f2026-01-02\x1f2026-01-02 03:04:05"
    assert chain.link(chain.GENESIS, ["x", None]) == hashlib.sha256(
        ("0" * 64 + "\x1e" + "x\x1f\\N").encode()).hexdigest()
    with pytest.raises(TypeError):
        chain.canonical([1.5])


def test_a_renamed_account_is_found(world):
    assert {r.name: r for r in run_checks()}["account_names"].ok
    database.execute_sql(f"UPDATE account SET name = '王五' WHERE id = {database.param}",
                         (world.id,))
    result = {r.name: r for r in run_checks()}["account_names"]
    assert not result.ok and f"{world.account_no} 王五 (audit: {world.account_no} 张伟)" \
        in result.detail


def test_every_write_path_of_the_ledger_keeps_the_chains(db):
    """The season run (its bills and lines hashed in chunks and steps), a tariff change's
    adjustments, payments, a reversal, a rejected and an approved adjustment, the day and
    month closes."""
    from ledger_world import FINANCE, SYSTEM  # noqa: I001

    from heatoffice.billing import closing, run, tariff_change

    at(OCT20)
    s, _ = season()
    homes = [home(f"住户{i}") for i in range(7)]
    old_chunk, run.CHUNK = run.CHUNK, 3
    old_step, run.STEP = run.STEP, 2  # chunks of 3 in steps of 2 (SQLite), 1
    switch = sys.getswitchinterval()
    try:
        assert run.run_season_billing(SYSTEM, s.id).billed == 7
    finally:
        run.CHUNK, run.STEP = old_chunk, old_step
    # the run's short switch interval (run_hashes.SWITCH) ends with it
    assert sys.getswitchinterval() == switch
    assert _chain_result().ok, _chain_result().detail
    tariff_change.set_tariff(MANAGER, s.id, "residential", price_per_m2="25.00",
                             stopped_share="0.3", reason="调价")
    at(_dt.date(2027, 1, 20))
    p = payments.record_payment(CASHIER, homes[0].id, "500", "cash")
    payments.record_payment(CASHIER, homes[1].id, "300", "card")
    payments.reverse_payment(CASHIER, p.receipt_no, "收错")
    adj = adjustments.propose_adjustment(FIELD, homes[2].id, "-10", "credit", "核减")
    adjustments.reject_adjustment(MANAGER, adj.id, "不符")
    adj = adjustments.propose_adjustment(FIELD, homes[3].id, "-10", "credit", "核减")
    adjustments.approve_adjustment(MANAGER, adj.id)
    closing.close_day(CASHIER)
    at(_dt.date(2027, 2, 3))
    closing.close_month(FINANCE, "2027-01")
    result = _chain_result()
    assert result.ok, result.detail
    assert all(database.execute_sql(f'SELECT COUNT(*) FROM "{t}" WHERE hash IS NULL')
               .fetchone()[0] == 0 for t in (*TABLES, "day_close", "month_close"))


def test_the_season_runs_hashes_are_its_32_bytes_on_sqlite_read_as_hex(db):
    """SQLite keeps the run's bill and line hashes as BLOBs (half the bytes to write); the
    ORM, the check and the seals read them as the hex every other row stores, and a
    rewrite of a run's row or of its stored bytes is found as any other."""
    from ledger_world import SYSTEM

    from heatoffice.billing import run
    from heatoffice.billing.models import Bill, BillLine

    at(OCT20)
    s, _ = season()
    for i in range(3):
        home(f"住户{i}")
    assert run.run_season_billing(SYSTEM, s.id).billed == 3
    stored = "blob" if is_sqlite() else "text"
    for model in (Bill, BillLine):
        table = model._meta.table_name
        kinds = database.execute_sql(
            f'SELECT DISTINCT typeof(hash), length(hash) FROM "{table}"').fetchall() \
            if is_sqlite() else [("text", 64)]
        assert kinds == [(stored, 32 if is_sqlite() else 64)]
        hashes = [m.hash for m in model.select().order_by(model.id)]
        assert all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)
        head = database.execute_sql("SELECT last_hash FROM chain_head WHERE chain = "
                                    f"{database.param}", (table,)).fetchone()[0]
        assert head == hashes[-1]
    assert _chain_result().ok, _chain_result().detail
    _triggers(on=False)
    try:
        first, second, *_ = _ids("bill")
        database.execute_sql(f'UPDATE bill SET total = 1 WHERE id = {database.param}',
                             (second,))
        assert f"bill id {second}: hash does not match" in _chain_result().detail
        database.execute_sql(f"UPDATE bill SET hash = {database.param} WHERE id = "
                             f"{database.param}",
                             (b"\x00" * 32 if is_sqlite() else "0" * 64, first))
        assert f"bill id {first}: hash does not match" in _chain_result().detail
    finally:
        _triggers(on=True)


def test_the_season_run_takes_its_targets_only_in_account_order():
    """The run reads each chunk's targets as three lists in one row (run_hashes): hashed in
    any other order than the bills are written, the chain would break, so the run stops."""
    from heatoffice.billing.run_hashes import _split

    assert _split(("3,5", "1,2", "10,11"), 2) == (["3", "5"], ["1", "2"], ["10", "11"])
    assert _split(("", "", ""), 0) == ([], [], [])
    with pytest.raises(RuntimeError, match="order"):
        _split(("5,3", "1,2", "10,11"), 2)
    with pytest.raises(RuntimeError, match="targets"):
        _split(("3", "1", "10"), 2)


def test_a_bulk_writer_keeps_the_chain_with_rows_added_between_its_batches(db):
    """db/bulk.writer hashes on from its own heads while nothing else moved them, and reads
    them again after the ORM added a row of the chain (an import's community, audited)."""
    from ledger_world import SYSTEM  # noqa: I001

    from heatoffice.audit import service as audit
    from heatoffice.db import bulk

    at(OCT20)
    columns = ("at", "actor", "actor_id", "action", "table", "record_id", "before", "after",
               "note")
    now = "2026-10-20 09:00:00"

    def rows(n: int, start: int) -> list[tuple]:
        return [(now, "bulk", None, "test.bulk", "account", str(start + i), None, "{}", "")
                for i in range(n)]
    with database.atomic():
        write = bulk.writer(AuditEntry, columns)
        with bulk.pipelined():
            write(rows(3, 0))
            write(rows(2, 3))  # nothing in between: the writer's own heads
            bulk.settle()
            audit.record(SYSTEM, "test.between", "account", "x", note="ORM")
            write(rows(4, 5))  # after the ORM's row: read again
    result = _chain_result()
    assert result.ok, result.detail
    assert AuditEntry.select().where(AuditEntry.action == "test.bulk").count() == 9
