"""Demo data as plain rows: a city's communities, buildings and accounts from one seeded Random.

No database here: heatoffice.demo.city writes what this module makes. Everything comes from the
``random.Random`` handed in, so one seed gives the same city on every machine.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import heatoffice.demo.names as names
from heatoffice.validation import ID_CHECK_CHARS, ID_WEIGHTS

# Share of accounts in each status; heating takes what the others leave.
STATUS_SHARE = {"stopped": 0.08, "pending": 0.03, "cut_off": 0.025, "closed": 0.01}
ID_SHARE = 0.65  # residential accounts whose owner's ID number is on file
PHONE2_SHARE = 0.3
CONTACT_SHARE = 0.12
LOW_INCOME_SHARE = 0.03
ACCOUNTS_PER_COMMUNITY = 6000
MIN_COMMUNITIES = 24
MAX_BUILDINGS = 90  # residential buildings per community; offices are numbered after them

STOP_REASONS = ("房屋空置报停", "外出务工报停", "长期不住报停", "房屋出租空置报停")
CUT_REASONS = ("欠费停供", "违章用热断管", "私接管道停供")
CLOSE_REASONS = ("房屋拆迁销户", "用户申请销户", "合并户号销户")
COMPANY_PREFIXES = ("华强", "宏达", "鑫源", "恒通", "永兴", "金鼎", "博远", "中信达", "天成",
                    "瑞丰", "广源", "德润", "昌盛", "凯旋", "新世纪", "正泰")
COMPANY_TRADES = ("商贸", "建筑工程", "物流", "科技", "电子", "机械", "印刷", "餐饮管理",
                  "房地产开发", "广告", "医药", "汽车服务")


@dataclass
class Building:
    number: int
    units: int
    floors: int
    per_floor: int
    areas: tuple[int, ...]  # heating area in hundredths of m² by position on the floor
    shops: bool  # ground floor let to shops

    @property
    def homes(self) -> int:
        return self.units * self.floors * self.per_floor


@dataclass
class CommunityPlan:
    name: str
    code: str
    station: int  # index into the city's stations
    opened: _dt.date
    buildings: list[Building] = field(default_factory=list)
    homes: int = 0  # residential accounts, the last building possibly partly
    offices: int = 0  # institution accounts in the community's public buildings


@dataclass
class City:
    stations: list[tuple[str, str, str]]  # (code, name, address)
    communities: list[CommunityPlan]

    @property
    def accounts(self) -> int:
        return sum(c.homes + c.offices for c in self.communities)


def _cum(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


_SURNAMES = _cum(names.SURNAMES)
_MALE = _cum(names.GIVEN_MALE)
_FEMALE = _cum(names.GIVEN_FEMALE)


def _community_names() -> Iterator[tuple[str, str]]:
    yield from names.COMMUNITIES
    for phase, digit in names.PHASES:
        for name, code in names.COMMUNITIES:
            yield name + phase, code + digit


def _building(rng: random.Random, number: int, opened: _dt.date) -> Building:
    new = opened.year >= 2008
    kind = rng.random()
    if new and kind < 0.55:  # 高层
        units, floors, per_floor = rng.randint(1, 3), rng.randint(18, 33), rng.randint(2, 4)
    elif kind < 0.8 and opened.year >= 2000:  # 小高层
        units, floors, per_floor = rng.randint(2, 3), rng.randint(11, 18), 2
    else:  # 多层 walk-up
        units, floors, per_floor = rng.randint(3, 6), rng.randint(5, 7), 2
    mode = 10500 if new else 7500
    areas = tuple(int(rng.triangular(4500, 16000, mode)) for _ in range(per_floor))
    return Building(number, units, floors, per_floor, areas, shops=rng.random() < 0.25)


def plan_city(rng: random.Random, accounts: int, today: _dt.date) -> City:
    """Communities and buildings holding exactly ``accounts`` accounts, stations serving them."""
    wanted = max(MIN_COMMUNITIES, math.ceil(accounts / ACCOUNTS_PER_COMMUNITY))
    available = _community_names()
    communities: list[CommunityPlan] = []
    left = accounts
    first = _dt.date(1985, 1, 1).toordinal()
    last = (today - _dt.timedelta(days=400)).toordinal()
    while left > 0 or len(communities) < wanted:
        try:
            name, code = next(available)
        except StopIteration:
            raise ValueError(f"too many demo accounts: {accounts}") from None
        opened = _dt.date.fromordinal(rng.randint(first, last))
        plan = CommunityPlan(name, code, 0, opened)
        slots = max(wanted - len(communities), 1)
        target = left if slots == 1 else min(left, round(left / slots * rng.uniform(0.6, 1.4)))
        offices = int(target * 0.002 + rng.random())
        if not communities and target:
            offices = max(offices, 1)  # so that every demo has an institution and shops
        offices = min(offices, target)
        homes = target - offices
        capacity = 0
        while capacity < homes and len(plan.buildings) < MAX_BUILDINGS:
            plan.buildings.append(_building(rng, len(plan.buildings) + 1, opened))
            capacity += plan.buildings[-1].homes
        if not communities and plan.buildings:
            plan.buildings[0].shops = True
        plan.homes, plan.offices = min(homes, capacity), offices
        left -= plan.homes + plan.offices
        communities.append(plan)
    per_station = 3
    count = math.ceil(len(communities) / per_station)
    stations = []
    for i in range(count):
        base = names.STATIONS[i % len(names.STATIONS)]
        label = base if i < len(names.STATIONS) else f"{base}{i // len(names.STATIONS) + 1}号"
        address = f"{rng.choice(names.STREETS)}{rng.randint(1, 300)}号"
        stations.append((f"HR{i + 1:02d}", f"{label}换热站", address))
    for i, plan in enumerate(communities):
        plan.station = i // per_station
    return City(stations, communities)


def _rooms(ci: int, plan: CommunityPlan) -> Iterator[tuple[int, int, int, int, int, int, int]]:
    for b in plan.buildings:
        for unit in range(1, b.units + 1):
            for floor in range(1, b.floors + 1):
                shop = 1 if b.shops and floor == 1 else 0
                for n in range(1, b.per_floor + 1):
                    yield ci, b.number, unit, floor, floor * 100 + n, b.areas[n - 1], shop


def homes(city: City) -> Iterator[tuple[int, int, int, int, int, int, int]]:
    """(community index, building, unit, floor, room, area, kind) for every account, in
    address order; kind is 0 for a home, 1 for a ground-floor shop, 2 for an office."""
    for ci, plan in enumerate(city.communities):
        # The last building of a community may be occupied only up to its lower floors.
        yield from itertools.islice(_rooms(ci, plan), plan.homes)
        first_office = len(plan.buildings) + 1
        for k in range(plan.offices):
            yield ci, first_office + k, 1, 1, 101, 0, 2


def statuses(rng: random.Random, n: int) -> list[str]:
    """Exactly the STATUS_SHARE of ``n`` (at least one of each when n allows), shuffled."""
    out: list[str] = []
    for status, share in STATUS_SHARE.items():
        out.extend([status] * max(int(n * share), 1 if n >= 20 else 0))
    out.extend(["heating"] * (n - len(out)))
    rng.shuffle(out)
    return out


# The per-account draws below take ``rand`` (a Random's bound ``random``) and index sequences
# with it: five times faster than choice/randint, which matters half a million times over.
Rand = Callable[[], float]


def _pick(rand: Rand, seq: Sequence[str]) -> str:
    return seq[int(rand() * len(seq))]


def mobile(rand: Rand) -> str:
    return f"{_pick(rand, names.MOBILE_PREFIXES)}{int(rand() * 100_000_000):08d}"


@functools.cache
def _iso(day: int) -> str:
    return _dt.date.fromordinal(day).isoformat()


@functools.cache
def _weighted(digits: str, start: int) -> int:
    """The GB 11643 weighted sum of ``digits`` standing at ``start`` in the ID number."""
    return sum(int(c) * w for c, w in zip(digits, ID_WEIGHTS[start:], strict=False))


@functools.cache
def _born(day: int) -> tuple[str, int]:
    text = _dt.date.fromordinal(day).strftime("%Y%m%d")
    return text, _weighted(text, 6)


def id_number(rand: Rand, male: bool, today: _dt.date) -> str:
    """A valid GB 11643 number for someone of the given sex aged 22 to 85.

    The check character is validation.id_check_char's, summed in parts so that the region's
    and the birth date's share are computed once each, not half a million times.
    """
    region = _pick(rand, names.LOCAL_REGIONS if rand() < 0.8 else names.OTHER_REGIONS)
    oldest = _dt.date(today.year - 85, 1, 1).toordinal()
    born, born_sum = _born(oldest + int(rand() * 63 * 365))
    place = int(rand() * 10)
    seq = int(rand() * 50) * 2 + (1 if male else 0)  # the sex digit: odd for men
    total = (_weighted(region, 0) + born_sum + place * ID_WEIGHTS[14]
             + (seq // 10) * ID_WEIGHTS[15] + (seq % 10) * ID_WEIGHTS[16])
    return f"{region}{born}{place}{seq:02d}{ID_CHECK_CHARS[total % 11]}"


def person(rand: Rand) -> tuple[str, bool]:
    """A name drawn by surname frequency, and whether it is a man's."""
    male = rand() < 0.5
    surnames, cum = _SURNAMES
    pool, pool_cum = _MALE if male else _FEMALE
    return (surnames[bisect.bisect(cum, rand() * cum[-1])]
            + pool[bisect.bisect(pool_cum, rand() * pool_cum[-1])]), male


def company(rand: Rand, plan: CommunityPlan, index: int) -> str:
    """An institution's name: the community's own offices first, then city ones."""
    if index < len(names.COMMUNITY_OFFICES):
        return plan.name + names.COMMUNITY_OFFICES[index]
    if rand() < 0.5:
        return _pick(rand, names.CITY_INSTITUTIONS).format(n=_pick(rand, names.NUMERALS))
    return f"{_pick(rand, COMPANY_PREFIXES)}{_pick(rand, COMPANY_TRADES)}有限公司"


def shop(rand: Rand, plan: CommunityPlan) -> str:
    if rand() < 0.5:
        return f"{_pick(rand, names.SHOP_CHAINS)}（{plan.name}店）"
    return _pick(rand, names.SHOPS)


# The account columns make_rows fills, in order.
ACCOUNT_COLUMNS = ("id", "account_no", "category", "name", "contact", "phone", "phone2",
                   "id_number", "community_id", "building", "unit", "floor", "room", "station_id",
                   "heating_area", "status", "low_income", "connected_on", "notes", "created_at",
                   "updated_at")
CHANGE_COLUMNS = ("account_id", "from_status", "to_status", "at", "by", "reason")


@dataclass
class Rows:
    accounts: list[tuple] = field(default_factory=list)
    changes: list[tuple] = field(default_factory=list)
    # (id, account_no, name, contact, phone, phone2, community, building, unit, room)
    documents: list[tuple] = field(default_factory=list)


def _stamp(rand: Rand, day: int) -> str:
    """A time on ``day`` in office hours, as the database stores it."""
    minute = int(rand() * 600)
    return f"{_iso(day)} {8 + minute // 60:02d}:{minute % 60:02d}:00"


def make_rows(rng: random.Random, city: City, items: list[tuple], first_id: int,
              today: _dt.date, pattern: str, station_ids: list[int], codes: list[str],
              seen: set[str], clerks: tuple[str, str], community_ids: list[int]) -> Rows:
    """The rows of the accounts at the addresses ``items`` (from ``homes``), ids from
    ``first_id``; account numbers from ``pattern``, made unique against ``seen``; the
    communities of ``city`` are the rows ``community_ids`` with the ``codes``."""
    out = Rows()
    status_of = statuses(rng, len(items))
    rand = rng.random
    today_n = today.toordinal()
    reception, service = clerks
    fmt = pattern.format
    add_account, add_change, add_doc = (out.accounts.append, out.changes.append,
                                        out.documents.append)
    for i, (ci, building, unit, floor, room, area, kind) in enumerate(items):
        plan = city.communities[ci]
        account_id = first_id + i
        status = status_of[i]
        b, u, r = str(building), str(unit), str(room)
        # What numbering.generate does, without re-parsing the pattern for every account.
        number = fmt(community_code=codes[ci], building=b, unit=u, floor=str(floor),
                     room=r).upper()
        if number in seen:
            k = 2
            while f"{number}-{k}" in seen:
                k += 1
            number = f"{number}-{k}"
        seen.add(number)
        contact = phone2 = id_no = ""
        low_income = False
        if kind == 0:
            category = "residential"
            name, male = person(rand)
            if rand() < ID_SHARE:
                id_no = id_number(rand, male, today)
            if rand() < CONTACT_SHARE:
                contact = person(rand)[0]
            if rand() < PHONE2_SHARE:
                phone2 = mobile(rand)
            low_income = rand() < LOW_INCOME_SHARE
            phone = mobile(rand)
        elif kind == 1:
            category = "business"
            name, area = shop(rand, plan), 3000 + int(rand() * 37000)
            contact, phone = person(rand)[0], mobile(rand)
        else:
            category = "institution"
            name = company(rand, plan, building - len(plan.buildings) - 1)
            area = 30000 + int(rand() * 1170000)
            contact = person(rand)[0]
            phone = f"{names.CITY_AREA_CODE}-{2 + int(rand() * 7)}{int(rand() * 10**7):07d}"
            phone2 = mobile(rand)
        if status == "pending":
            opened = today_n - 1 - int(rand() * 60)
        else:
            opened = min(plan.opened.toordinal() + int(rand() * 120), today_n - 61)
        created = updated = _stamp(rand, opened)
        connected = None if status == "pending" else _iso(opened)
        if status == "pending" or status == "heating":
            add_change((account_id, None, status, created, reception,
                        "开户" if status == "pending" else "开户通热"))
        else:
            add_change((account_id, None, "heating", created, reception, "开户通热"))
            reasons = (STOP_REASONS if status == "stopped" else CUT_REASONS
                       if status == "cut_off" else CLOSE_REASONS)
            day = opened + 30 + int(rand() * (today_n - 31 - opened))
            updated = _stamp(rand, day)
            add_change((account_id, "heating", status, updated, service, _pick(rand, reasons)))
        add_account((account_id, number, category, name, contact, phone, phone2, id_no,
                     community_ids[ci], b, u, floor, r, station_ids[plan.station], area, status,
                     low_income, connected, "", created, updated))
        add_doc((account_id, number, name, contact, phone, phone2, plan.name, b, u, r))
    return out
