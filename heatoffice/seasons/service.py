"""Add heating seasons and set their tariffs; a tariff change after billing makes adjustments."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from peewee import JOIN, fn

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.accounts.models import CATEGORIES, Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc, ledger
from heatoffice.billing.models import Adjustment, Bill, BillLine
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import format_yuan, from_fen, parse_money, to_fen
from heatoffice.seasons.models import SETTLEMENTS, Season, Tariff

_NAME_RE = re.compile(r"([0-9]{4})-([0-9]{4})")
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
# A tariff's dates (late fees from, discount until) lie within a year of its season.
_DATE_SLACK = _dt.timedelta(days=366)
_RATE_PLACES = Decimal("0.000001")
_CHUNK = 5000


def _season_name(value: Any) -> tuple[str, int]:
    name = val.required(value, "season_name")
    m = _NAME_RE.fullmatch(name)
    if not m or int(m[2]) != int(m[1]) + 1 or not _FIRST_YEAR <= int(m[1]) < _LAST_YEAR:
        raise UserError("seasons.name_format", field="season_name", value=name)
    return name, int(m[1])


def _in_range(day: _dt.date, low: _dt.date, high: _dt.date, field: str) -> _dt.date:
    if not low <= day <= high:
        raise UserError("seasons.date_range", field=field, value=day.isoformat(),
                        min=low.isoformat(), max=high.isoformat())
    return day


def add_season(actor: Actor, name: str, start_date: Any, end_date: Any,
               notes: str = "") -> Season:
    """采暖季 "2026-2027" from ``start_date`` to ``end_date`` (both days heated).

    The name is two consecutive years; the season starts in the first of them and lasts
    at most a year, ending no later than the second.
    """
    require(actor, "seasons.edit")
    v = val.Collector()
    parsed = v.check(_season_name, name)
    start = v.check(val.parse_date, start_date, field="start_date")
    end = v.check(val.parse_date, end_date, field="end_date")
    notes = v.check(val.max_length, (notes or "").strip(), 2000, field="notes") or ""
    if parsed and start:
        year = parsed[1]
        v.check(_in_range, start, _dt.date(year, 1, 1), _dt.date(year, 12, 31), "start_date")
    if start and end:
        if end <= start:
            v.add(UserError("validation.date_order", field="end_date", value=end.isoformat()))
        elif parsed:
            last = min(start + _dt.timedelta(days=365), _dt.date(parsed[1] + 1, 12, 31))
            v.check(_in_range, end, start + _dt.timedelta(days=1), last, "end_date")
    v.raise_if_any()
    assert parsed is not None and start is not None and end is not None
    with database.atomic():
        if Season.select().where(Season.name == parsed[0]).exists():
            raise UserError("seasons.duplicate", field="season_name", value=parsed[0])
        season = Season.create(name=parsed[0], start_date=start, end_date=end,
                               created_at=clock.now(), created_by=actor.username, notes=notes)
        audit.record(actor, "seasons.add", "season", season.id, after=audit.snapshot(season))
    return season


def get_season(name_or_id: int | str) -> Season:
    """A season by its id or its name ("2026-2027")."""
    if isinstance(name_or_id, int):
        season = Season.get_or_none(Season.id == name_or_id)
    else:
        season = Season.get_or_none(Season.name == str(name_or_id).strip())
    if season is None:
        raise UserError("seasons.not_found", value=name_or_id)
    return season


def lock_season(season_id: int) -> Season:
    """The season, locked until the transaction ends (PostgreSQL ``FOR UPDATE``).

    A billing run and a tariff change of the same season take this lock so that neither
    works from a picture the other is changing; SQLite's IMMEDIATE transactions already
    let one writer in at a time.
    """
    query = Season.select().where(Season.id == season_id)
    if is_postgres():
        query = query.for_update()
    season = query.first()
    if season is None:
        raise UserError("seasons.not_found", value=season_id)
    return season


def list_seasons() -> list[Season]:
    """Every season, the latest first."""
    return list(Season.select().order_by(Season.start_date.desc()))


def current_tariff(season_id: int, category: str) -> Tariff | None:
    """The tariff in force: the highest version for the season and category."""
    return (Tariff.select().where(Tariff.season == season_id, Tariff.category == category)
            .order_by(Tariff.version.desc()).first())


def tariff_history(season_id: int, category: str | None = None) -> list[Tariff]:
    """Every version of the season's tariffs, by category then version."""
    q = Tariff.select().where(Tariff.season == season_id)
    if category is not None:
        q = q.where(Tariff.category == category)
    return list(q.order_by(Tariff.category, Tariff.version))


# --- validation of a tariff's numbers ---------------------------------------------------------

def _money(value: Any, field: str, *, positive: bool = False) -> Decimal:
    amount = parse_money(value if value is not None else "", field=field)
    if positive and amount <= 0:
        raise UserError("seasons.not_positive", field=field, value=value)
    return amount


def _rate(value: Any, field: str) -> Decimal:
    """A share or rate 0..1 with at most six decimals; "30%" is also understood."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, bool) or value is None:
        raise UserError("seasons.rate_format", field=field, value=value)
    if isinstance(value, (Decimal, int)):
        number = Decimal(value)
    else:
        text = val.required(value, field).replace("％", "%")
        percent = text.endswith("%")
        try:
            number = Decimal(text.rstrip("%").strip())
        except InvalidOperation:
            raise UserError("seasons.rate_format", field=field, value=value) from None
        if percent:
            number = number / 100
    if not number.is_finite():
        raise UserError("seasons.rate_format", field=field, value=value)
    if not 0 <= number <= 1:
        raise UserError("seasons.rate_range", field=field, value=value)
    if number != number.quantize(_RATE_PLACES, rounding=ROUND_DOWN):
        raise UserError("seasons.rate_precision", field=field, value=value)
    return number.quantize(_RATE_PLACES)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(value: Any, field: str, season: Season) -> _dt.date | None:
    if _blank(value):
        return None
    day = val.parse_date(value, field)
    return _in_range(day, season.start_date - _DATE_SLACK, season.end_date + _DATE_SLACK, field)


def clean_tariff(season: Season, data: dict[str, Any]) -> dict[str, Any]:
    """Every number of a tariff form checked at once; each error names its field."""
    v = val.Collector()
    out: dict[str, Any] = {
        "category": v.check(val.choice, data.get("category"), CATEGORIES, field="category"),
        "settlement": v.check(val.choice, data.get("settlement") or "both_ways", SETTLEMENTS,
                              field="settlement"),
        "price_per_m2": v.check(_money, data.get("price_per_m2"), "price_per_m2",
                                positive=True),
        "relief_max_area": v.check(val.area, data.get("relief_max_area") or "0",
                                   field="relief_max_area", min=Decimal("0")),
    }
    for field in ("relief_cap", "connection_fee_per_m2"):
        out[field] = v.check(_money, data.get(field) or "0", field)
    for field in ("basic_price_per_m2", "price_per_gj"):
        raw = data.get(field)
        out[field] = None if _blank(raw) else v.check(_money, raw, field, positive=True)
    for field in ("stopped_share", "late_fee_rate", "discount_rate", "relief_share"):
        out[field] = v.check(_rate, data.get(field), field)
    for field in ("late_fee_from", "discount_until"):
        out[field] = v.check(_date, data.get(field), field, season)
    # A two-part tariff needs both of its prices; a rate needs the date it depends on.
    for a, b in (("basic_price_per_m2", "price_per_gj"), ("price_per_gj", "basic_price_per_m2")):
        if out[a] is not None and _blank(data.get(b)):
            v.add(UserError("validation.required", field=b, value=""))
    # The basic part is a share of the full area price: the rest is the metered advance.
    basic, price = out["basic_price_per_m2"], out["price_per_m2"]
    if basic is not None and price is not None and basic > price:
        v.add(UserError("seasons.basic_above_price", field="basic_price_per_m2",
                        value=str(basic), price=str(price)))
    for rate, day in (("late_fee_rate", "late_fee_from"), ("discount_rate", "discount_until")):
        if out[rate] and _blank(data.get(day)):
            v.add(UserError("validation.required", field=day, value=""))
    if out["relief_share"]:
        for field in ("relief_max_area", "relief_cap"):
            if out[field] is not None and out[field] <= 0:
                v.add(UserError("seasons.relief_incomplete", field=field, value=data.get(field)))
    v.raise_if_any()
    return out


# --- setting a tariff ---------------------------------------------------------------------------

def _billed(season_id: int, category: str):
    return (Bill.select().join(Tariff)
            .where(Bill.season == season_id, Bill.kind == "season", Tariff.category == category))


def set_tariff(actor: Actor, season_id: int, category: str, *, price_per_m2: Any,
               stopped_share: Any, late_fee_rate: Any = "0", late_fee_from: Any = None,
               discount_rate: Any = "0", discount_until: Any = None, relief_share: Any = "0",
               relief_max_area: Any = "0", relief_cap: Any = "0",
               connection_fee_per_m2: Any = "0", basic_price_per_m2: Any = None,
               price_per_gj: Any = None, settlement: str = "both_ways",
               reason: str = "") -> Tariff:
    """A new version of the season's tariff for ``category``; old versions stay as they were.

    Once the season has bills of that category the change needs "tariffs.change_billed" and a
    reason, and makes an approved "tariff_change" adjustment for every billed account whose
    total under the new tariff differs from what it has been charged so far (the bill as
    issued plus earlier tariff-change adjustments). Bills themselves are never rewritten.
    """
    require(actor, "seasons.edit")
    season = get_season(season_id)
    data = dict(category=category, price_per_m2=price_per_m2, stopped_share=stopped_share,
                late_fee_rate=late_fee_rate, late_fee_from=late_fee_from,
                discount_rate=discount_rate, discount_until=discount_until,
                relief_share=relief_share, relief_max_area=relief_max_area,
                relief_cap=relief_cap, connection_fee_per_m2=connection_fee_per_m2,
                basic_price_per_m2=basic_price_per_m2, price_per_gj=price_per_gj,
                settlement=settlement)
    values = clean_tariff(season, data)
    reason = (reason or "").strip()
    val.max_length(reason, 2000, "reason")
    with database.atomic():
        season = lock_season(season.id)
        previous = current_tariff(season.id, values["category"])
        billed = _billed(season.id, values["category"]).exists()
        if billed:
            require(actor, "tariffs.change_billed")
            val.required(reason, "reason")
        tariff = Tariff.create(season=season, version=previous.version + 1 if previous else 1,
                               **values, created_at=clock.now(), created_by=actor.username,
                               approved_by=actor.username if billed else "", reason=reason)
        count, total = _adjust_bills(actor, season, tariff, previous, reason) if billed else (0, 0)
        note = (f"{season.name} {values['category']} v{tariff.version}"
                + (f": {count} 笔调价差额，合计 {format_yuan(from_fen(total))}" if billed else ""))
        audit.record(actor, "seasons.tariff", "tariff", tariff.id,
                     before=audit.snapshot(previous), after=audit.snapshot(tariff), note=note)
    return tariff


def _adjust_bills(actor: Actor, season: Season, tariff: Tariff, previous: Tariff | None,
                  reason: str) -> tuple[int, int]:
    """Approved adjustments for the difference each billed account now owes: (count, fen).

    The facts a bill was issued on are read back from the bill itself (area; the base line's
    kind tells stopped from heating, its days a mid-season connection); only the low-income
    flag is the account's current one.
    """
    terms = calc.TariffTerms.from_tariff(tariff)
    bills = (_billed(season.id, tariff.category)
             .select(Bill.id, Bill.account, Bill.area, Bill.total, Account.low_income,
                     BillLine.kind, BillLine.days)
             .switch(Bill).join(Account)
             .switch(Bill).join(BillLine, JOIN.LEFT_OUTER,
                                on=((BillLine.bill == Bill.id) & (BillLine.seq == 1)))
             .order_by(Bill.id).tuples())
    earlier = dict(Adjustment.select(Adjustment.bill, fn.SUM(Adjustment.amount).coerce(False))
                   .where(Adjustment.kind == "tariff_change", Adjustment.status == "approved",
                          Adjustment.bill.in_(_billed(season.id, tariff.category)
                                              .select(Bill.id)))
                   .group_by(Adjustment.bill).tuples())
    now, today = clock.now(), clock.today()
    was = f"v{previous.version}" if previous else "-"
    text = f"{season.name} 热价调整 {was}→v{tariff.version}：{reason}"
    cache: dict[calc.AccountFacts, int] = {}
    rows: list[dict[str, Any]] = []
    total = 0
    for bill_id, account_id, area, issued, low_income, kind, days in bills:
        facts = calc.facts_of_bill(tariff.category, area, kind, days, low_income,
                                   season.end_date)
        if facts not in cache:
            lines = calc.bill_lines(terms, facts, season.start_date, season.end_date)
            cache[facts] = to_fen(calc.bill_total(lines))
        charged = to_fen(issued) + int(earlier.get(bill_id) or 0)
        delta = cache[facts] - charged
        if delta == 0:
            continue
        rows.append(dict(account=account_id, bill=bill_id, kind="tariff_change",
                         amount=from_fen(delta), reason=text, status="approved",
                         proposed_by=actor.username, proposed_at=now,
                         decided_by=actor.username, decided_at=now, business_date=today,
                         source="tariff"))
        total += delta
    for start in range(0, len(rows), _CHUNK):
        Adjustment.insert_many(rows[start:start + _CHUNK]).execute()
    for row in rows:
        ledger.post(row["account"], adjusted=row["amount"])
    return len(rows), total
