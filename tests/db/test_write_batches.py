"""Writes sent together (heatoffice.db.batch) and the round trips a payment makes.

On PostgreSQL every statement waits for the server; at the cashier's window a payment used
to make twenty-one round trips. The count is asserted, not a time, so a machine's load
cannot fail it.
"""

from __future__ import annotations

import datetime as _dt

import psycopg2.extensions
import pytest
from ledger_world import CASHIER, D, at, bill, home, season

from heatoffice.auth.models import User
from heatoffice.auth.service import actor_for
from heatoffice.billing import ledger, payments
from heatoffice.billing.models import Adjustment, Allocation
from heatoffice.db.batch import Batch
from heatoffice.db.connection import database


def test_batch_runs_in_order_and_an_error_undoes_the_transaction(db):
    db.execute_sql("DROP TABLE IF EXISTS batch_probe")
    db.execute_sql("CREATE TABLE batch_probe (n INTEGER PRIMARY KEY, t TEXT)")
    p = db.param
    writes = Batch()
    with db.atomic():
        writes.add(f"INSERT INTO batch_probe VALUES ({p}, {p})", (1, "it's 100%; ok"))
        writes.add(f"UPDATE batch_probe SET t = t || {p} WHERE n = {p}", ("!", 1))
        writes.run()
        assert writes.statements == []
    assert db.execute_sql("SELECT t FROM batch_probe").fetchall() == [("it's 100%; ok!",)]
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        with db.atomic():
            writes.add(f"INSERT INTO batch_probe VALUES ({p}, {p})", (2, "two"))
            writes.add(f"INSERT INTO batch_probe VALUES ({p}, {p})", (1, "again"))
            writes.run()
    assert db.execute_sql("SELECT COUNT(*) FROM batch_probe").fetchone() == (1,)
    db.execute_sql("DROP TABLE batch_probe")


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_a_payment_with_a_late_fee_makes_ten_round_trips(db):
    at(_dt.date(2026, 10, 20))
    s, t = season(late_fee_rate="0.0005", late_fee_from=_dt.date(2027, 1, 1))
    account = home()
    b = bill(account, s, t)
    at(_dt.date(2027, 1, 10))
    payments.record_payment(CASHIER, account.id, "100", "card")  # the year's counter row
    at(_dt.date(2027, 1, 20))
    sent = []

    class Counting(psycopg2.extensions.cursor):
        def execute(self, sql, params=None):
            sent.append(sql)
            return super().execute(sql, params)

        def executemany(self, sql, seq):
            seq = list(seq)
            sent.extend([sql] * len(seq))  # one round trip per row
            return super().executemany(sql, seq)

    cashier = actor_for(User.get_by_id(CASHIER.user_id))  # a login's actor: no seat lookups
    connection = database.connection()
    connection.cursor_factory = Counting
    try:
        p = payments.record_payment(cashier, account.id, "500", "card")
    finally:
        connection.cursor_factory = psycopg2.extensions.cursor
    fee = Adjustment.get(Adjustment.kind == "late_fee", Adjustment.business_date == p.business_date)
    # a late fee, then the money: fee first, the rest on the bill
    assert [(a.bill_id, a.adjustment_id) for a in
            Allocation.select().where(Allocation.payment == p.id).order_by(Allocation.id)] == [
        (None, fee.id), (b.id, None)]
    assert fee.amount > D("0")
    # BEGIN, the cashier read again (auth.identity), lock, read the ledger and lock the chain
    # heads (heatoffice.db.chain) in one statement, late fee, receipt number, day open?,
    # payment, the rest with the heads moved at once, COMMIT (it was 21, then 11)
    assert len(sent) == 10, "\n".join(s[:70] for s in sent)
    assert ledger.verify() == []
