"""Receipt numbers under contention: 8 writers × 200 payments give exactly 1..1600, with no
duplicate and no gap, on SQLite (8 threads on one file) and PostgreSQL (8 processes)."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor

from ledger_world import at, bill, home, pay_many, season

from heatoffice import clock
from heatoffice.billing import ledger
from heatoffice.billing.models import Payment
from heatoffice.db.connection import database, is_sqlite

WRITERS = 8
EACH = 200


def test_receipt_numbers_are_gap_free_under_contention(db, request):
    at(clock.today().replace(month=1, day=1))
    s, t = season(f"{clock.today().year - 1}-{clock.today().year}", late_fee_rate="0")
    clock.reset()  # the writers (other processes too) run on the real clock
    homes = [home(f"户{i}") for i in range(WRITERS)]
    for account in homes[:4]:  # half of them settle a bill first, then pay ahead
        bill(account, s, t, "150.00")
    accounts = [account.id for account in homes]
    year = clock.today().year
    start_at = time.time() + (1.0 if is_sqlite() else 4.0)
    jobs = [(f"cashier{i}", accounts[i]) for i in range(WRITERS)]
    if is_sqlite():
        db.close()  # each thread opens its own connection to the file
        with ThreadPoolExecutor(WRITERS) as pool:
            results = list(pool.map(lambda job: pay_many(None, job[0], job[1], EACH, start_at),
                                    jobs))
    else:
        url = request.getfixturevalue("pg_url")
        with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
            results = pool.starmap(pay_many, [(url, user, acc, EACH, start_at)
                                              for user, acc in jobs])
    numbers = [n for per_writer in results for n in per_writer]
    assert len(numbers) == WRITERS * EACH
    assert sorted(numbers) == [f"{year}-{seq:06d}" for seq in range(1, WRITERS * EACH + 1)]
    # each writer saw its own numbers rise
    assert all(per_writer == sorted(per_writer) for per_writer in results)
    seqs = [s for (s,) in Payment.select(Payment.receipt_seq).order_by(Payment.receipt_seq)
            .tuples()]
    assert seqs == list(range(1, WRITERS * EACH + 1))
    assert database.execute_sql("SELECT last_seq FROM receipt_counter").fetchall() == [
        (WRITERS * EACH,)]
    assert ledger.verify() == []
