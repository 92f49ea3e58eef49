"""Demo data for an empty database: a city of communities, accounts, staff and one user a role.

``build(accounts=500_000, seed=1, actor=admin)`` writes half a million accounts in about a
minute: the rows are made in Python from one seeded Random and written with the DB-API cursor
in batches, in one transaction, so a cancelled or failed build leaves nothing behind. The same
seed gives the same accounts on SQLite and PostgreSQL. Small things (stations, communities,
staff, users) go through their services and are audited one by one; the accounts get one
audit row in all.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from peewee import fn

import heatoffice.demo.rows as rows_
from heatoffice import clock, config, glossary
from heatoffice.accounts import numbering, search
from heatoffice.accounts import service as accounts_service
from heatoffice.accounts.models import (
    Account,
    AccountStatusChange,
    Community,
    Station,
    format_address,
)
from heatoffice.audit import service as audit
from heatoffice.auth import service as auth_service
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.passwords import DEMO_PASSWORD
from heatoffice.auth.permissions import require
from heatoffice.billing.models import Bill, Payment
from heatoffice.db import bulk, stats
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.org import service as org
from heatoffice.org.models import Department, Post, Staff

PASSWORD = DEMO_PASSWORD  # every role's demo login; allowed only on a demo database
CHUNK = 20_000
MAX_ACCOUNTS = 2_000_000

# Departments whose seed has no post get one, so that every department has staff.
HEAD_POSTS = {"gm": "总经理", "finance": "会计", "customer_service": "部长", "operations": "部长"}
# The post whose holder logs in as each role (admin and read_only are nobody's).
ROLE_POSTS = {"manager": "gm_head", "reception": "reception", "cashier": "collector",
              "finance": "finance_head", "customer_service": "inspector",
              "operations": "operator", "hotline": "hotline"}

Progress = Callable[[int, int], Any]


def build(*, accounts: int, seed: int, progress: Progress | None = None,
          today: _dt.date | None = None, actor: Actor) -> dict[str, Any]:
    """Fill an empty database with ``accounts`` demo accounts and the people who serve them.

    ``progress(done, total)`` is called after each batch; returning False cancels the build
    (UserError "cancelled") and rolls everything back. ``today`` anchors every date (default:
    the clock's today). Returns the counts, and the wall-clock and CPU seconds of each phase
    (setup, generate, insert, index) and in total.
    """
    require(actor, "system.demo")
    if not 0 <= accounts <= MAX_ACCOUNTS:
        raise UserError("demo.bad_count", value=accounts, max=MAX_ACCOUNTS)
    check_fillable()
    existing = Account.select().count()
    if existing:
        raise UserError("demo.not_empty", count=existing)
    today = today or clock.today()
    timer = _Timer()
    city = rows_.plan_city(random.Random(f"{seed}:city"), accounts, today)
    with timer("total"), database.atomic():
        mark_demo(actor)
        _report(progress, 0, accounts)
        with timer("setup"):
            station_ids, codes, community_ids = _places(actor, city)
            staff = _organisation(actor, random.Random(f"{seed}:staff"), city, station_ids,
                                  today)
            users = _users(actor, staff)
        headcount = sum(map(len, staff.values()))
        counts = _accounts(random.Random(f"{seed}:accounts"), city, today, station_ids, codes,
                           progress, timer, community_ids)
        with timer("insert"):
            stats.analyze(None, (Account, AccountStatusChange, search.PG, Station, Community,
                                 Staff, User))
        summary: dict[str, Any] = {
            "seed": seed, "accounts": accounts, "stations": len(city.stations),
            "communities": len(city.communities), "staff": headcount, "users": users,
            "status_changes": counts.pop("changes"),
            "by_status": {k[7:]: v for k, v in sorted(counts.items()) if k[:7] == "status:"},
            "by_category": {k[9:]: v for k, v in sorted(counts.items()) if k[:9] == "category:"},
        }
        audit.record(actor, "demo.build", "account", "demo", after=summary,
                     note=(f"seed {seed}: {accounts} accounts, {len(city.communities)} "
                           f"communities, {len(city.stations)} stations, {headcount} staff, "
                           f"{len(users)} users"))
    summary["seconds"] = {k: round(v, 3) for k, v in timer.wall.items()}
    summary["cpu_seconds"] = {k: round(v, 3) for k, v in timer.cpu.items()}
    return summary


def check_fillable() -> None:
    """Refuse a database holding accounts, bills or payments that no demo made: demo data
    goes only into a new (or freshly initialised) database or one the demo filled."""
    if config.is_demo():
        return
    counts = {"accounts": Account.select().count(), "bills": Bill.select().count(),
              "payments": Payment.select().count()}
    if any(counts.values()):
        raise UserError("demo.real_database", **counts)


def mark_demo(actor: Actor) -> None:
    """Mark the database as a demo (the setting "demo"): the window title and every printed
    document say 演示, and the published demo passwords may be set. Audited once."""
    require(actor, "system.demo")
    check_fillable()
    with database.atomic():
        if not config.is_demo():
            config.put("demo", "1")
            audit.record(actor, "settings.set", "setting", "demo", before={"demo": ""},
                         after={"demo": "1"}, note="demo database")


class _Timer:
    """Wall-clock and CPU seconds per phase; CPU tells the work apart from a busy machine."""

    def __init__(self) -> None:
        phases = ("setup", "generate", "insert", "index", "total")
        self.wall = dict.fromkeys(phases, 0.0)
        self.cpu = dict.fromkeys(phases, 0.0)

    @contextlib.contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[phase] += time.perf_counter() - wall
            self.cpu[phase] += time.process_time() - cpu


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise UserError("cancelled")


def _places(actor: Actor, city: rows_.City) -> tuple[list[int], list[str], list[int]]:
    """The stations and communities of ``city`` (reusing rows of the same name): the station
    ids, and the code and id of each community."""
    station_ids = []
    for code, name, address in city.stations:
        row = Station.get_or_none((Station.code == code) | (Station.name == name))
        row = row or accounts_service.add_station(actor, code, name, address)
        station_ids.append(row.id)
    codes, community_ids = [], []
    for plan in city.communities:
        row = Community.get_or_none(Community.name == plan.name)
        if row is None:
            code = plan.code
            while Community.select().where(Community.code == code).exists():
                code += "D"
            row = accounts_service.add_community(actor, plan.name, code,
                                                 station_ids[plan.station])
        codes.append(row.code)
        community_ids.append(row.id)
    return station_ids, codes, community_ids


def _posts(actor: Actor) -> list[Post]:
    """Every active post, after giving each department without one a head post."""
    for dept in Department.select().where(Department.active).order_by(Department.id):
        if Post.select().where((Post.department == dept.id) & Post.active).exists():
            continue
        code = f"{dept.code}_head"
        if Post.select().where(Post.code == code).exists():
            continue
        org.add_post(actor, {"code": code, "department_id": dept.id,
                             "name": HEAD_POSTS.get(dept.code, "负责人")})
    return list(Post.select().where(Post.active).order_by(Post.id))


def _headcount(post: Post, city: rows_.City) -> int:
    communities, stations = len(city.communities), len(city.stations)
    accounts = city.accounts
    return {
        "collector": max(2, math.ceil(communities / 4)),
        "operator": max(1, stations),
        "inspector": max(2, communities // 10),
        "maintenance": max(3, math.ceil(stations * 1.5)),
        "hotline": min(8, 2 + accounts // 60_000),
        "reception": min(6, 2 + accounts // 100_000),
        "finance_head": 2,
    }.get(post.code, 1)


def _organisation(actor: Actor, rng: random.Random, city: rows_.City, station_ids: list[int],
                  today: _dt.date) -> dict[str, list[Staff]]:
    """Staff on every post with their assignments; collectors and inspectors get communities,
    operators get stations. Returns the staff by post code."""
    taken = {no for (no,) in Staff.select(Staff.staff_no).tuples()}
    numbers = (f"RL{i:04d}" for i in itertools.count(1))
    by_post: dict[str, list[Staff]] = {}
    for post in _posts(actor):
        for _ in range(_headcount(post, city)):
            staff_no = next(n for n in numbers if n not in taken)
            name = rows_.person(rng.random)[0]
            hired = today - _dt.timedelta(days=rng.randint(200, 25 * 365))
            member = org.add_staff(actor, {"staff_no": staff_no, "name": name,
                                           "phone": rows_.mobile(rng.random), "hired_on": hired})
            org.assign(actor, member.id, post.id, hired)
            by_post.setdefault(post.code, []).append(member)
    areas: list[tuple[str, list[Any], str]] = [
        ("collector", [c.name for c in city.communities], "community"),
        ("inspector", [c.name for c in city.communities], "community"),
        ("operator", station_ids, "station")]
    for kind, targets, what in areas:
        people = by_post.get(kind, [])
        for i, target in enumerate(targets if people else []):
            member = people[i % len(people)]
            start = max(member.hired_on, today - _dt.timedelta(days=365))
            if what == "community":
                org.add_service_area(actor, member.id, kind, community=target, start_date=start)
            else:
                org.add_service_area(actor, member.id, kind, station_id=target, start_date=start)
    return by_post


def _users(actor: Actor, staff: dict[str, list[Staff]]) -> list[str]:
    """One login per role, user name = role, password PASSWORD; existing users are kept."""
    made = []
    for role in glossary.codes("role"):
        if User.select().where(User.username == role).exists():
            continue
        holders = staff.get(ROLE_POSTS.get(role, ""), [])
        person = holders[0] if holders else None
        # Stored text, so Chinese whatever the language (the role's own name when no one holds it).
        shown = person.name if person else glossary.label("role", role, "zh")
        auth_service.create_user(actor, role, PASSWORD, role, display_name=shown,
                                 staff_id=person.id if person else None)
        made.append(role)
    return made


@contextlib.contextmanager
def _bulk(tables: tuple[str, ...], timer: _Timer) -> Iterator[None]:
    """Set aside the indexes and foreign keys of empty ``tables`` (heatoffice.db.bulk) and
    put them back after the load. Inside the build's transaction, so a failed or cancelled
    build keeps them. The garbage collector would rescan millions of young tuples again and
    again, so it waits too."""
    rebuild = bulk.set_aside(tables)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with bulk.pipelined():
            yield
    finally:
        if collecting:
            gc.enable()
    with timer("insert"):
        bulk.put_back(rebuild)


def _accounts(rng: random.Random, city: rows_.City, today: _dt.date, station_ids: list[int],
              codes: list[str], progress: Progress | None,
              timer: _Timer, community_ids: list[int]) -> Counter:
    """Write every account of ``city`` with its status history and search text."""
    pattern = config.get("account_no_pattern")
    numbering.check_pattern(pattern)
    first_id = (Account.select(fn.MAX(Account.id)).scalar() or 0) + 1
    write_accounts = bulk.writer(Account, rows_.ACCOUNT_COLUMNS)
    write_changes = bulk.writer(AccountStatusChange, rows_.CHANGE_COLUMNS)
    clerks = ("reception", "customer_service")
    seen: set[str] = set()
    counts: Counter = Counter()
    stream = rows_.homes(city)
    total = city.accounts
    done = 0
    tables = (Account._meta.table_name, AccountStatusChange._meta.table_name, search.PG)
    with _bulk(tables, timer):
        while items := list(itertools.islice(stream, CHUNK)):
            with timer("generate"):
                made = rows_.make_rows(rng, city, items, first_id + done, today, pattern,
                                       station_ids, codes, seen, clerks, community_ids)
            with timer("insert"):
                write_accounts(made.accounts)
                write_changes(made.changes)
            with timer("index"):
                search.index_rows([(d[0], search.document(
                    d[1], d[2], d[3], d[4], d[5], format_address(d[6], d[7], d[8], d[9])))
                    for d in made.documents], replace=False)
            counts.update(f"status:{a[15]}" for a in made.accounts)
            counts.update(f"category:{a[2]}" for a in made.accounts)
            counts["changes"] += len(made.changes)
            done += len(items)
            _report(progress, done, total)
    if is_postgres() and done:
        database.obj.execute_sql("SELECT setval(pg_get_serial_sequence('account', 'id'), "
                                 "(SELECT MAX(id) FROM account))")
    return counts
