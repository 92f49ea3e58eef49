"""What reading the acting user again costs (issue 9, item 6): ``require`` on a read, the
audit rows of one write, and a payment at the window, on SQLite and PostgreSQL.

    python bench/identity.py [--pg postgresql://postgres@127.0.0.1:5432] [-n 20000]

Each figure is the best of five rounds (the two sides' rounds alternate); "without" runs the
same calls with ``identity.verify`` replaced by a function that does nothing (the program
before it); "user reads" counts the reads one call makes (the rest answered from the
transaction's memory). Commits
do not wait for the disk here (SQLite ``synchronous=OFF``, PostgreSQL ``synchronous_commit
= off``): a flush costs milliseconds, varies by as much, and would hide the read's cost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # python bench/identity.py
    sys.path.insert(0, str(ROOT))

from heatoffice.auth import identity, passwords, permissions  # noqa: E402

passwords.use_fast_hashing()


def _best(call: Callable[[], None], n: int, rounds: int = 5) -> float:
    """Microseconds a call, best of ``rounds`` rounds of ``n`` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            call()
        times.append((time.perf_counter() - start) / n * 1e6)
    return min(times)


def _world(url: str):
    import datetime as dt

    from heatoffice import clock
    from heatoffice.accounts import service as accounts
    from heatoffice.auth import service as auth
    from heatoffice.billing import tariff_change
    from heatoffice.billing.run import run_season_billing
    from heatoffice.db.connection import connect
    from heatoffice.seasons import service as seasons

    db = connect(url)
    db.execute_sql("PRAGMA synchronous = OFF" if url.startswith("sqlite")
                   else "SET synchronous_commit = off")
    clock.now = lambda: dt.datetime(2026, 11, 20, 9, 0)  # type: ignore[assignment]
    clock.today = lambda: dt.date(2026, 11, 20)  # type: ignore[assignment]
    auth.create_first_admin("bench-admin-password")
    admin = auth.login("admin", "bench-admin-password")
    auth.create_user(admin, "cashier", "bench-cashier-password", "cashier")
    cashier = auth.login("cashier", "bench-cashier-password")
    accounts.add_community(admin, "阳光花园", "YG")
    homes = [accounts.open_account(admin, dict(
        name=f"住户{i}", community="阳光花园", building="1", unit="1", room=str(100 + i),
        heating_area="80")).id for i in range(400)]
    season = seasons.add_season(admin, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(admin, season.id, "residential", price_per_m2="24.00",
                             stopped_share="30%", late_fee_rate="0",
                             late_fee_from="2027-01-01")
    run_season_billing(admin, season.id)
    return admin, cashier, homes


def measure(url: str, n: int) -> dict[str, float]:
    from heatoffice.audit import service as audit
    from heatoffice.billing import payments
    from heatoffice.db.connection import database

    admin, cashier, homes = _world(url)
    real = identity.verify
    found: dict[str, float] = {}

    def nothing(actor: object) -> None:
        pass

    reads = [0]

    def counting(actor: object) -> None:
        before = identity._seen.last
        real(actor)  # type: ignore[arg-type]
        tx = identity._transaction()
        if tx is None or before is None or before[0] is not tx:  # not answered from memory
            reads[0] += 1

    def both(name: str, call: Callable[[], None], count: int) -> None:
        permissions.verify = audit.verify = counting  # type: ignore[assignment]
        reads[0] = 0
        call()
        found[name + " reads"] = reads[0]
        best = {True: float("inf"), False: float("inf")}
        try:
            for _ in range(5):  # rounds alternate, so that neither side gets the warm caches
                for reading in (True, False):
                    permissions.verify = audit.verify = (  # type: ignore[assignment]
                        real if reading else nothing)
                    best[reading] = min(best[reading], _best(call, count, rounds=1))
        finally:
            permissions.verify = audit.verify = real  # type: ignore[assignment]
        found[name], found[name + " without"] = best[True], best[False]

    both("require (a read's check)", lambda: permissions.require(cashier, "accounts.view"), n)

    def ten_rows() -> None:
        with database.atomic():
            for i in range(10):
                audit.record(admin, "settings.set", "setting", "bench", note=str(i))

    both("a transaction of 10 audit rows", ten_rows, max(n // 50, 20))
    queue = iter(homes * 1000)

    def pay() -> None:
        payments.record_payment(cashier, next(queue), Decimal("10.00"), "cash")

    both("a payment at the window", pay, max(n // 200, 20))
    database.close()
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432")
    ap.add_argument("-n", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"SQLite": measure(f"sqlite:///{Path(tmp) / 'identity.db'}", args.n)}
    import psycopg2

    name = f"hobench_identity_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(args.pg + "/postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        results["PostgreSQL"] = measure(f"{args.pg}/{name}", args.n)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()
    print("| call | backend | user reads | with them (µs) | without (µs) |")
    print("|---|---|---:|---:|---:|")
    for backend, found in results.items():
        for key in [k for k in found if " " in k and not k.endswith((" without", " reads"))]:
            print(f"| {key} | {backend} | {found[key + ' reads']} | {found[key]:.1f} | "
                  f"{found[key + ' without']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
