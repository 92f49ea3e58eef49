"""Test helpers for the fee ledger: move the clock, a season with its tariff, homes, bills.

Bills are written straight into the tables (as the season run would) so that the payment,
closing and property tests do not depend on the billing run; the figures are the usual ones:
85.50 m² × 24.00 元/㎡ = 2052.00.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from seats import SETUP, seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.billing import ledger
from heatoffice.billing.models import Bill, BillLine
from heatoffice.db.connection import database
from heatoffice.money import round_fen
from heatoffice.seasons.models import Season, Tariff

D = Decimal
SYSTEM = SETUP
CASHIER = seat("cashier1", "cashier", "王收费")
CASHIER2 = seat("cashier2", "cashier", "李收费")
FINANCE = seat("finance1", "finance", "赵财务")
MANAGER = seat("boss", "manager", "孙经理")
ADMIN = seat("admin", "admin", "管理员")
READER = seat("reader", "read_only")
FIELD = seat("field1", "customer_service")


def at(day: _dt.date, hour: int = 9) -> None:
    """Move the clock to ``day`` at ``hour`` o'clock."""
    clock.reset()
    clock.shift(_dt.datetime.combine(day, _dt.time(hour)) - clock.now())


def season(name: str = "2026-2027", *, start: _dt.date | None = None,
           end: _dt.date | None = None, price: str = "24.00", late_fee_rate: str = "0.0005",
           late_fee_from: _dt.date | None = None, discount_rate: str = "0",
           discount_until: _dt.date | None = None,
           category: str = "residential") -> tuple[Season, Tariff]:
    year = int(name[:4])
    start = start or _dt.date(year, 11, 15)
    end = end or _dt.date(year + 1, 3, 15)
    s = Season.create(name=name, start_date=start, end_date=end, created_at=clock.now(),
                      created_by="system")
    t = Tariff.create(season=s, category=category, price_per_m2=D(price), stopped_share=D("0.3"),
                      late_fee_rate=D(late_fee_rate),
                      late_fee_from=late_fee_from or _dt.date(year + 1, 1, 1),
                      discount_rate=D(discount_rate), discount_until=discount_until,
                      relief_share=D(0), relief_max_area=D(0), relief_cap=D(0),
                      connection_fee_per_m2=D(0), created_at=clock.now(), created_by="system")
    return s, t


_rooms = iter(range(101, 100_000))


def home(name: str = "张伟", area: str = "85.50", *, status: str = "heating") -> Account:
    """A home in 阳光花园 with its own account number."""
    room = next(_rooms)
    return accounts.open_account(SYSTEM, dict(
        account_no=f"YG{room:06d}", name=name, community="阳光花园", building="3", unit="2",
        room=str(room), heating_area=area), status=status)


def bill(account: Account, s: Season, t: Tariff, total: str | None = None, *,
         day: _dt.date | None = None, kind: str = "season") -> Bill:
    """A season bill of ``total`` (default area × price), issued on ``day`` (default today)."""
    amount = D(total) if total is not None else round_fen(account.heating_area * t.price_per_m2)
    day = day or clock.today()
    with database.atomic():
        b = Bill.create(account=account, season=s, tariff=t, kind=kind,
                        area=account.heating_area, total=amount, paid=D(0),
                        issued_at=_dt.datetime.combine(day, _dt.time(8)), issued_by="system",
                        business_date=day)
        BillLine.create(bill=b, seq=1, kind="heat", description=f"{s.name} 热费",
                        quantity=account.heating_area, unit_price=t.price_per_m2,
                        amount=amount)
        ledger.post(account.id, billed=amount)
    return b


def row_counts() -> dict[str, int]:
    """Rows in every table (what a refused operation must leave untouched) but the users,
    which a test's seats make on their first call (tests/seats.py)."""
    return {t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in sorted(database.get_tables()) if t != "user"}


def counter_state() -> list[tuple]:
    return list(database.execute_sql(
        "SELECT year, last_seq FROM receipt_counter ORDER BY year").fetchall())


def pay_many(url: str | None, username: str, account_id: int, count: int,
             start_at: float = 0.0) -> list[str]:
    """Take ``count`` payments of 1.00 as cashier ``username``; the receipt numbers taken.

    With ``url`` (a separate process) it connects first; otherwise it uses the shared database
    object, on which peewee opens one connection per thread. Starts at ``start_at`` (a
    time.time() value) so that all writers race for the year's first number together.
    """
    import time

    from heatoffice.billing.payments import record_payment
    from heatoffice.db.connection import connect, is_sqlite

    if url is not None:
        connect(url, migrate=False)
    # What is tested here is the numbering under contention, not durability; and eight
    # threads hammering one SQLite file queue far longer than a desk ever waits.
    if is_sqlite():
        database.execute_sql("PRAGMA synchronous = OFF")
        database.execute_sql("PRAGMA busy_timeout = 300000")
    else:
        database.execute_sql("SET synchronous_commit = off")
    actor = seat(username, "cashier")
    time.sleep(max(0.0, start_at - time.time()))
    try:
        return [record_payment(actor, account_id, D("1.00"), "card").receipt_no
                for _ in range(count)]
    finally:
        database.close()
