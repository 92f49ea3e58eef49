"""Seals of the ledger (heatoffice.db.seals, heatoffice.audit.seals) on SQLite and PostgreSQL:
a chain alone misses a rewrite that recomputes every hash after the changed row; the seal a
day close made (in the audit log, in the file beside the backups, on the printed report)
finds it, names the table and id, and `check --seal CODE` confirms a printed code."""

from __future__ import annotations

import datetime as _dt
import json
import subprocess

import pytest
from ledger_world import CASHIER, MANAGER, at, bill, home, season

from heatoffice.audit import seals as ledger_seals
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import cash_reports, closing, payments
from heatoffice.check import run_checks
from heatoffice.db import chain, seals
from heatoffice.db.connection import database, is_sqlite
from heatoffice.exports import documents

DEC5 = _dt.date(2026, 12, 5)


@pytest.fixture
def closed(db):
    """Two homes billed, three payments on 12-05, the cashier's day closed (and sealed)."""
    at(_dt.date(2026, 10, 20))
    s, t = season()
    a, b = home(), home("李娜")
    bill(a, s, t)
    bill(b, s, t)
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "500", "cash")
    payments.record_payment(CASHIER, b.id, "300", "card")
    payments.record_payment(CASHIER, a.id, "20", "wechat")
    at(DEC5, 17)
    close = closing.close_day(CASHIER, DEC5)
    yield close
    if not is_sqlite():
        database.execute_sql("SET session_replication_role = DEFAULT")


def _results():
    return {r.name: r for r in run_checks()}


def _unguarded() -> None:
    """What someone with the database's keys does first: the triggers out of the way."""
    if is_sqlite():
        for (name,) in database.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            database.execute_sql(f"DROP TRIGGER {name}")
    else:
        database.execute_sql("SET session_replication_role = replica")


def _rehash(name: str) -> None:
    """Recompute a whole chain and its head from the published canonical form, as a forger
    who knows it would."""
    c = chain.CHAINS[name]
    cols = ", ".join(f'"{col}"' for col in c.columns)
    prev, last = chain.GENESIS, 0
    p = database.param
    for row in database.execute_sql(f'SELECT id, {cols} FROM "{c.table}" ORDER BY id').fetchall():
        prev, last = chain.link(prev, row[1:]), row[0]
        database.execute_sql(f'UPDATE "{c.table}" SET "{c.hash}" = {p} WHERE id = {p}',
                             (prev, last))
    database.execute_sql(f"UPDATE {chain.HEAD_TABLE} SET last_id = {p}, last_hash = {p} "
                         f"WHERE chain = {p}", (last, prev, name))


def _seal_row() -> AuditEntry:
    return AuditEntry.get(AuditEntry.action == ledger_seals.ACTION)


def test_a_day_close_seals_the_ledger_in_three_places(closed, tmp_path):
    entry = _seal_row()
    assert (entry.table, entry.record_id) == ("day_close", str(closed.id))
    data = json.loads(entry.after)
    heads = seals.heads_of(data["heads"])
    assert data["code"] == seals.code(heads) and len(data["code"]) == 24
    # the heads name the close itself and the payments' last row
    by_chain = {h.chain: h for h in heads}
    assert by_chain["day_close"].last == closed.id
    (last_payment,) = database.execute_sql("SELECT MAX(id) FROM payment").fetchone()
    assert by_chain["payment"].last == last_payment
    # outside the database, beside the backups
    kept, bad = seals.read_outside(database.obj)
    assert bad == [] and [k["code"] for k in kept] == [data["code"]]
    assert seals.outside_file(database.obj).parent.name == "backups"
    # on the printed daily report
    report = cash_reports.daily_report(MANAGER, CASHIER.username, DEC5)
    assert report.seal == data["code"]
    pdf = tmp_path / "daily.pdf"
    documents.print_daily_report(MANAGER, pdf, CASHIER.username, DEC5)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert f"账本封存码：{data['code']}" in text
    result = _results()["seals"]
    assert result.ok and "1 seals hold; 1 kept in" in result.detail, result.detail


def test_a_month_close_seals_too(closed):
    at(_dt.date(2027, 1, 2))
    month = closing.close_month(MANAGER, "2026-12")
    codes = [json.loads(e.after)["code"] for e in AuditEntry.select().where(
        AuditEntry.action == ledger_seals.ACTION).order_by(AuditEntry.id)]
    assert len(codes) == 2 and codes[0] != codes[1]
    assert ledger_seals.code_of("month_close", month.id) == codes[1]
    assert cash_reports.month_report(MANAGER, "2026-12").seal == codes[1]
    assert _results()["seals"].ok


def test_a_rewrite_with_every_hash_recomputed_is_found_by_the_seal(closed):
    _unguarded()
    (first,) = database.execute_sql("SELECT MIN(id) FROM payment").fetchone()
    database.execute_sql(f"UPDATE payment SET amount = 1000 WHERE id = {database.param}",
                         (first,))
    _rehash("payment")
    results = _results()
    assert results["chain"].ok, "the chain alone cannot see it: every hash was recomputed"
    (last,) = database.execute_sql("SELECT MAX(id) FROM payment").fetchone()
    assert not results["seals"].ok
    assert (f"payment id {last}: not the row that was sealed (it or a row before it was "
            "rewritten)") in results["seals"].detail
    ok, detail = ledger_seals.confirm(json.loads(_seal_row().after)["code"])
    assert not ok and f"payment id {last}" in detail


def test_a_rewritten_audit_log_is_found_by_the_file_outside(closed):
    """The forger rewrites the seal in the audit log too (its heads and code recomputed, the
    audit chain rehashed): the seal kept outside the database is no longer in it."""
    old = json.loads(_seal_row().after)["code"]
    _unguarded()
    (first,) = database.execute_sql("SELECT MIN(id) FROM payment").fetchone()
    database.execute_sql(f"UPDATE payment SET amount = 1000 WHERE id = {database.param}",
                         (first,))
    _rehash("payment")
    entry = _seal_row()
    data = json.loads(entry.after)
    heads = [h if h.chain != "payment" else seals.Head(
        "payment", h.last, database.execute_sql(
            f"SELECT hash FROM payment WHERE id = {database.param}", (h.last,)).fetchone()[0])
        for h in seals.heads_of(data["heads"])]
    forged = {"code": seals.code(heads), "heads": seals.as_json(heads)}
    database.execute_sql(f"UPDATE audit_entry SET after = {database.param} WHERE id = "
                         f"{database.param}", (json.dumps(forged), entry.id))
    _rehash("audit_entry")
    results = _results()
    assert results["chain"].ok
    assert not results["seals"].ok
    assert f"seal {old} of 2026-12-05 17:0" in results["seals"].detail  # the clock runs
    assert "is not in the database: the audit log was rewritten" in results["seals"].detail
    assert not ledger_seals.confirm(old)[0]  # the code on paper is gone from the database


def test_a_printed_code_is_confirmed_however_it_is_typed(closed):
    code = json.loads(_seal_row().after)["code"]
    ok, detail = ledger_seals.confirm(code.lower().replace("-", " "))
    assert ok and f"seal {code} holds" in detail
    ok, detail = ledger_seals.confirm("0000-0000-0000-0000-0000")
    assert not ok and "no seal 0000-0000-0000-0000-0000 in this database" in detail


def test_a_mangled_seal_file_is_a_failed_check(closed):
    path = seals.outside_file(database.obj)
    with open(path, "a", encoding="utf-8") as f:
        f.write("not json\n")
    detail = _results()["seals"].detail
    assert f"{path.name} line 2: not a seal" in detail


def test_a_restore_sets_the_later_seals_aside(closed):
    """Seals made after a backup are not in the restored ledger: they move to a file of their
    own, the rest stay and still hold."""
    code = json.loads(_seal_row().after)["code"]
    path = seals.outside_file(database.obj)
    later = {"at": "2026-12-06 17:00:00", "code": "ABCD-ABCD-ABCD-ABCD-ABCD",
             "heads": [["payment", 99, "0" * 64]]}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(later) + "\n")
    assert not _results()["seals"].ok
    ledger_seals.after_restore("20261207-090000")
    assert [k["code"] for k in seals.read_outside(database.obj)[0]] == [code]
    aside = path.with_name(path.name.replace("-seals.log", "-seals.replaced-20261207-090000.log"))
    assert json.loads(aside.read_text(encoding="utf-8"))["code"] == later["code"]
    assert _results()["seals"].ok
