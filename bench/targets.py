"""Everything the benchmarks call in heatoffice, in one place.

The jobs in bench/jobs/ import heatoffice only through this module, so that a module moving
inside the program is adapted here and nowhere else. Baselines use the program only for
its pure rules (the bill calculation, money formatting): see each job's ``baseline`` text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from heatoffice import clock, config, money  # noqa: F401  (re-exported)
from heatoffice.accounts import register, search  # noqa: F401
from heatoffice.auth.actor import Actor
from heatoffice.billing import calc  # noqa: F401  (the pure bill rule, shared with baselines)
from heatoffice.billing.arrears import arrears_list  # noqa: F401
from heatoffice.billing.batches import PaymentLine, import_payments  # noqa: F401
from heatoffice.billing.payments import record_payment  # noqa: F401
from heatoffice.billing.run import run_season_billing  # noqa: F401
from heatoffice.db.chain import link as chain_link  # noqa: F401  (the chain's pure rule)
from heatoffice.db.connection import SQLITE_PRAGMAS, connect, database  # noqa: F401
from heatoffice.demo import build as demo_build  # noqa: F401
from heatoffice.demo import build_ledger  # noqa: F401
from heatoffice.demo import city as _demo_city
from heatoffice.demo import ledger as _demo_ledger
from heatoffice.demo import rows as demo_rows  # noqa: F401  (the seeded generator)


@contextlib.contextmanager
def unchained() -> Iterator[None]:
    """The program with the tamper-evident chain's work taken out (heatoffice.db.chain), to
    measure what the chain costs: no heads locked, read or written, no hash computed (rows
    get an empty one), and the billing run writing its bills and lines without hashing them
    (nor reading its targets back for them) and each chunk in one step, as it would without
    the chain. Bench only: the program itself has no such switch."""
    from heatoffice.billing import payments as _payments
    from heatoffice.billing import position as _position
    from heatoffice.billing import run as _run
    from heatoffice.db import chain as _chain

    class Null(_chain.Link):
        def next(self, chain: str, values: Any, order: int | None = None) -> str:
            return ""

        def many(self, chain: str, rows: Any) -> list[str]:
            return ["" for _ in rows]

        def statements(self) -> list[tuple[str, tuple]]:
            return []

    class NoHashes:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def chunk(self, low: int, high: int, steps: Any) -> None:
            pass

        def take(self, low: int) -> tuple[None, None]:
            return None, None

        def finish(self) -> None:
            pass

        def close(self) -> None:
            pass

    init, hashes, step = _run._Sql.__init__, _run.RunHashes, _run.STEP

    def plain(self: Any, season_id: int) -> None:
        init(self, season_id)
        for name in ("bills", "lines"):
            sql = getattr(self, name).replace(", hash) SELECT", ") SELECT")
            sql, n = re.subn(r", (?:encode\()?substr\(.*? FROM run_target",
                             " FROM run_target", sql)
            assert n == 1, sql
            setattr(self, name, sql)

    lock = _chain.Link.__dict__["lock"]
    _chain.Link.lock = classmethod(lambda cls, *a, **k: Null({}))  # type: ignore[assignment]
    # a payment reads its account without the heads' locking read joined to it
    load_locked = _payments.load_locked
    _payments.load_locked = lambda account_id: (_position.load(account_id), Null({}))
    _run._Sql.__init__ = plain  # type: ignore[method-assign]
    _run.RunHashes = NoHashes  # type: ignore[misc]
    # Without the chain a chunk is written in one step (the steps are there for its hashes).
    _run.STEP = _run.CHUNK
    try:
        yield
    finally:
        _chain.Link.lock = lock  # type: ignore[assignment]
        _payments.load_locked = load_locked
        _run._Sql.__init__ = init  # type: ignore[method-assign]
        _run.RunHashes = hashes  # type: ignore[misc]
        _run.STEP = step


DEMO_CHUNK: int = _demo_city.CHUNK  # the generator's batch: its random draws depend on it
DEMO_PASSWORD: str = _demo_city.PASSWORD
LEDGER_PRICES: dict[str, str] = _demo_ledger.PRICES

# The bench's login users, made in the empty fixture (add_users) in this order, so every
# fixture has them under these ids: the program verifies them on every call as a desk's
# session, and the baselines write the same names and ids.
BENCH_PASSWORD = "bench-desk-password-1"
SYSTEM = Actor(user_id=1, username="bench_admin", role="admin", display_name="系统管理员")
CASHIER = Actor(user_id=2, username="bench_cashier", role="cashier", display_name="收费员")
FINANCE = Actor(user_id=3, username="bench_finance", role="finance", display_name="财务")


def add_users() -> None:
    """The office's first admin (as init makes it) and the cashier and finance clerk."""
    from heatoffice.auth import service

    made = service.create_first_admin(BENCH_PASSWORD, username=SYSTEM.username)
    assert made.id == SYSTEM.user_id, made.id
    for actor in (CASHIER, FINANCE):
        user = service.create_user(SYSTEM, actor.username, BENCH_PASSWORD, actor.role,
                                   display_name=actor.display_name)
        assert user.id == actor.user_id, (actor.username, user.id)


def close() -> None:
    """Close the program's connection, if one is open."""
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def open_app(url: str) -> Any:
    """Connect the program to ``url`` (creating or migrating its schema)."""
    close()
    return connect(url)


@contextlib.contextmanager
def frozen_clock(at: dt.datetime) -> Iterator[None]:
    """The program's clock standing still at ``at``: the rows both sides write carry the same
    time stamps, so that their digests can compare them."""
    saved = clock.now
    clock.now = lambda: at  # type: ignore[assignment]
    try:
        yield
    finally:
        clock.now = saved  # type: ignore[assignment]


def add_season(name: str, start: dt.date, end: dt.date, year: int) -> int:
    """The demo ledger's season and tariffs (heatoffice demo --ledger), not yet billed."""
    from heatoffice.billing import tariff_change
    from heatoffice.seasons import service as seasons

    season = seasons.add_season(SYSTEM, name, start, end)
    for category, price in LEDGER_PRICES.items():
        tariff_change.set_tariff(
            SYSTEM, season.id, category, price_per_m2=price, stopped_share="0.30",
            late_fee_rate="0.0005", late_fee_from=dt.date(year + 1, 1, 1),
            discount_rate="0.02", discount_until=dt.date(year, 11, 30), relief_share="0.5",
            relief_max_area="60", relief_cap="600", connection_fee_per_m2="45")
    return season.id


def notices(season_id: int) -> Iterator[Any]:
    """The season's payment notices in address order, read in batches from the database."""
    from heatoffice.billing.notices import notices as season_notices

    return season_notices(SYSTEM, season_id)


def render_notices(path: Any, items: Any) -> int:
    from heatoffice.exports import documents
    from heatoffice.exports.pdf.notice import render_notices as render

    # The bench's city is demo data, whose documents carry the 演示 watermark; an office's
    # notices (and the bare baseline) have none.
    company = dataclasses.replace(documents.company(), watermark="")
    return render(path, items, company=company)


def export_season_ledger(path: Any, season_id: int) -> int:
    from heatoffice.exports.ledger_xlsx import export_season_ledger as export

    return export(SYSTEM, path, season_id)


def document_font() -> Any:
    """The font the program's PDFs embed (registered with reportlab on first use)."""
    from heatoffice.exports.pdf.fonts import document_font as font

    return font()


def ledger_columns() -> list[tuple]:
    """The season ledger's columns: (zh, en, number format, width)."""
    from heatoffice.exports.ledger_xlsx import LEDGER_COLUMNS

    return list(LEDGER_COLUMNS)


def xlsx_header_fill() -> str:
    from heatoffice.exports.xlsx import HEADER_FILL

    return HEADER_FILL


def xlsx_fitted_widths(headers: list[str], sample: list[tuple], formats: dict[int, str],
                       caps: list[Any]) -> list[float]:
    """The program's pure rule for column widths (header, the first rows, the caps)."""
    from heatoffice.exports.xlsx import fitted_widths

    return fitted_widths(headers, sample, formats, caps)


def import_accounts(path: Any) -> Any:
    """heatoffice import accounts FILE --create-communities: the import's report."""
    from heatoffice.imports import service

    report, _ = service.import_file(SYSTEM, "accounts", path, create_communities=True)
    return report


def import_balances(lines: Any, *, file_name: str, digest: str) -> Any:
    """The opening balances of ``lines`` (heatoffice.billing.opening.OpeningLine) carried into
    the ledger as ``heatoffice import balances`` does after reading the file."""
    from heatoffice.billing import opening

    return opening.import_opening_balances(SYSTEM, lines, file_name=file_name, digest=digest)


def opening_line(row: int, account_no: str, season: str, amount: str, late_fee: str) -> Any:
    from heatoffice.billing.opening import OpeningLine

    return OpeningLine(row, account_no, season, amount, late_fee)


def git_commit() -> str:
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return out + ("+changes" if dirty else "")


AMOUNTS = (300, 500, 800, 1200, 1500, 2000, 3000)


def collect_payments(*, seed: int, share: float, chunk: int = 20_000) -> int:
    """The reports' city: payment batches (heatoffice.billing.batches) for ``share`` of the
    billed homes that owe, on the days from 20 November to the day before PAY_AT, amounts
    drawn from 300 to 3,000 yuan (some part, some the whole bill, some more); returns the
    payments taken."""
    import random

    from heatoffice.accounts.models import Account
    from heatoffice.auth import service
    from heatoffice.billing.models import AccountBalance

    service.create_user(SYSTEM, MANAGER_NAME, BENCH_PASSWORD, "manager", display_name="经理")
    rng = random.Random(f"{seed}:collected")
    owing = [no for (no,) in Account.select(Account.account_no)
             .join(AccountBalance, on=(AccountBalance.account == Account.id))
             .where(AccountBalance.balance > 0).order_by(Account.id).tuples()]
    chosen = rng.sample(owing, int(len(owing) * share))
    first = dt.date(2026, 11, 20)
    days = [first + dt.timedelta(days=i) for i in range(61)]  # to 19 January 2027
    taken = 0
    with frozen_clock(dt.datetime(2027, 1, 20, 9, 0, 0)):
        for start in range(0, len(chosen), chunk):
            part = chosen[start:start + chunk]
            day = days[min(len(days) - 1, start * len(days) // max(1, len(chosen)))]
            lines = [PaymentLine(i + 2, no, f"{rng.choice(AMOUNTS)}.00", day.isoformat(),
                                 "转账", f"C{start + i:08d}") for i, no in enumerate(part)]
            report = import_payments(FINANCE, lines, source="工商银行",
                                     file_name=f"collected-{start}.xlsx", digest="0" * 64)
            taken += report.imported
    from heatoffice.db import stats

    stats.analyze(database, ["payment", "allocation", "bill", "adjustment", "account_balance"])
    return taken


def collection(season_name: str, on: dt.date, cut: str | None) -> list[Any]:
    """The collection report's rows (heatoffice.reports.figures.collection)."""
    from heatoffice.reports import figures, queries

    return figures.collection(queries.season(season_name), on, cut)


def dashboard(on: dt.date) -> Any:
    """A manager's home page figures (heatoffice.reports.queries.dashboard)."""
    from heatoffice.reports import queries

    return queries.dashboard(manager(), on)


def home_page(on: dt.date) -> Any:
    """What a manager's home page shows at once (heatoffice.reports.queries.home_page)."""
    from heatoffice.reports import queries

    return queries.home_page(manager(), on)


MANAGER_NAME = "bench_manager"  # made with the reports' city (fixture "collected")


def manager() -> Actor:
    """The reports' city's manager, as logged in (the program verifies the user)."""
    from heatoffice.auth.models import User

    user = User.get(User.username == MANAGER_NAME)
    return Actor(user_id=user.id, username=MANAGER_NAME, role="manager", display_name="经理")
