"""Call and work-order numbers under contention: 4 hotline desks × 25 calls, each made a work
order, give RX- and WO- numbers 1..100 with no duplicate and no gap, on SQLite (4 threads on
one file) and PostgreSQL (4 processes); the check passes."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor

from seats import seat

from heatoffice import clock
from heatoffice.check import run_checks
from heatoffice.db.connection import database, is_sqlite

WRITERS = 4
EACH = 25


def take_calls(url: str | None, username: str, count: int, start_at: float) -> list[str]:
    """``count`` calls with their work orders as hotline ``username``; the numbers taken."""
    from heatoffice.db.connection import connect
    from heatoffice.service import calls, orders

    if url is not None:
        connect(url, migrate=False)
    if is_sqlite():
        database.execute_sql("PRAGMA synchronous = OFF")
        database.execute_sql("PRAGMA busy_timeout = 300000")
    actor = seat(username, "hotline")
    time.sleep(max(0.0, start_at - time.time()))
    taken = []
    try:
        for _ in range(count):
            call = calls.add_call(actor, phone="13800000001", contact="张伟", category="no-heat",
                                  content="不热", address="阳光花园1号楼101",
                                  readback_confirmed=True)
            taken += [call.number, orders.new_order(actor, call.number).number]
        return taken
    finally:
        database.close()


def test_numbers_are_gap_free_under_contention(db, request):
    clock.reset()
    year = clock.today().year
    start_at = time.time() + (1.0 if is_sqlite() else 4.0)
    users = [f"rexian{i}" for i in range(WRITERS)]
    if is_sqlite():
        db.close()
        with ThreadPoolExecutor(WRITERS) as pool:
            results = list(pool.map(lambda u: take_calls(None, u, EACH, start_at), users))
    else:
        url = request.getfixturevalue("pg_url")
        with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
            results = pool.starmap(take_calls, [(url, u, EACH, start_at) for u in users])
    numbers = [n for per_writer in results for n in per_writer]
    total = WRITERS * EACH
    for prefix in ("RX", "WO"):
        assert sorted(n for n in numbers if n.startswith(prefix)) == [
            f"{prefix}-{year}-{seq:06d}" for seq in range(1, total + 1)]
    assert [(r.name, r.detail) for r in run_checks() if r.name == "work_orders"] == [
        ("work_orders", f"{total} calls, {total} work orders in order")]
