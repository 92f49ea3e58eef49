"""Two-part tariffs after the season: meter readings, and settling the metered advance.

Rules (两部制热价的计量热费结算):

* A season bill of a two-part heating account carries a "metered" line, the advance on the
  heat it will use (see :mod:`heatoffice.billing.calc`). After the season the meter is read
  (:func:`record_reading`) and :func:`settle_season` settles the advance:
  cost = GJ used × ``price_per_gj``, rounded half-up to the fen; difference = cost − advance.
  多退少补 (``both_ways``): an approved "metered_settlement" adjustment of the difference,
  a debit for heat used beyond the advance, a credit (refund) for less; 多退少不补
  (``refund_only``): only a credit, never a debit. A zero difference makes no adjustment.
* The price per GJ, the settlement mode and the advance are those of the tariff version in
  force when settling. The advance is the metered part that version gives the bill's facts
  (area and days, read from the bill): the bill's own "metered" line unless the tariff
  changed since billing, in which case the tariff-change adjustments have already moved the
  charged total to that version's fee, so its metered part is what was really advanced.
* Accounts whose bill has no "metered" line (stopped homes, single-part tariffs) and bills
  whose category is no longer two-part are not settled; their readings stay unsettled.
* One reading counts per account and season: a second reading before settlement supersedes
  the first (the newest row wins; both stay for the record); once settled a reading cannot be
  replaced, and a correction is a manual adjustment with a manager's approval.
* Settling is idempotent: a settled reading is stamped with the time, who and the adjustment
  (if any), and a bill that already has a "metered_settlement" adjustment is skipped too.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import fn

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc, closing, ledger, receipts
from heatoffice.billing.models import Adjustment, Bill, BillLine, MeterReading
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import format_yuan, from_fen, round_fen, to_fen
from heatoffice.seasons import service as seasons
from heatoffice.seasons.models import Tariff

KIND = "metered_settlement"
_GJ_RE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")


@dataclass(frozen=True)
class SettlementResult:
    """``count`` accounts settled by this run (a zero or refused difference included),
    ``adjustments`` adjustments made, ``total`` their sum (+ debit, − credit)."""

    count: int
    total: Decimal
    adjustments: int = 0


def _gj(value: Any, field: str) -> Decimal:
    """A meter reading in GJ: not negative, at most two decimals ("123.4", "123.40GJ", 12)."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, bool) or value is None:
        raise UserError("validation.required", field=field, value="")
    text = str(value).strip()
    if text.lower().endswith("gj"):
        text = text[:-2].strip()
    if not text:
        raise UserError("validation.required", field=field, value=value)
    if not _GJ_RE.fullmatch(text):
        raise UserError("billing.gj_format", field=field, value=value)
    return Decimal(text).quantize(Decimal("0.01"))


def latest_reading(account_id: int, season_id: int) -> MeterReading | None:
    """The reading that counts: the newest for the account and season."""
    return (MeterReading.select()
            .where(MeterReading.account == account_id, MeterReading.season == season_id)
            .order_by(MeterReading.id.desc()).first())


def record_reading(actor: Actor, account_id: int, season_id: int | str, start_gj: Any,
                   end_gj: Any, *, read_on: Any = None, notes: str = "") -> MeterReading:
    """抄表: the heat meter's start and end readings of the season for a two-part account.

    Refused once the account's metered heat of the season is settled; before that a new
    reading supersedes the earlier one.
    """
    require(actor, "billing.run")
    season = seasons.get_season(season_id)
    today = clock.today()
    v = val.Collector()
    start = v.check(_gj, start_gj, "start_gj")
    end = v.check(_gj, end_gj, "end_gj")
    if start is not None and end is not None and end < start:
        v.add(UserError("billing.reading_order", field="end_gj", value=str(end),
                        start=str(start)))
    day = today if read_on is None or (isinstance(read_on, str) and not read_on.strip()) \
        else v.check(val.parse_date, read_on, field="read_on")
    if day is not None and not season.start_date <= day <= today:
        v.add(UserError("billing.read_on_range", field="read_on", value=day.isoformat(),
                        min=season.start_date.isoformat(), max=today.isoformat()))
    notes = v.check(val.max_length, (notes or "").strip(), 2000, field="notes") or ""
    v.raise_if_any()
    assert start is not None and end is not None and day is not None
    with database.atomic():
        if not ledger.lock_account(account_id):
            raise UserError("accounts.not_found", value=account_id)
        previous = latest_reading(account_id, season.id)
        if previous is not None and previous.settled_at is not None:
            account = Account.get_by_id(account_id)
            raise UserError("billing.reading_settled", account=account.account_no,
                            season=season.name)
        reading = MeterReading.create(account=account_id, season=season.id, start_gj=start,
                                      end_gj=end, read_on=day, read_by=actor.username,
                                      recorded_at=clock.now(), notes=notes)
        audit.record(actor, "billing.meter_reading", "meter_reading", reading.id,
                     before=audit.snapshot(previous), after=audit.snapshot(reading),
                     note=f"{season.name} {start}→{end} GJ"
                          + (f"（更正读数 {previous.id}）" if previous else ""))
    return reading


def _advance(terms: calc.TariffTerms, area: Decimal, days: int | None,
             season) -> int | None:
    """The metered advance in fen the tariff gives a heating bill of ``area`` (``days``
    supplied for a mid-season connection), None when the tariff has no metered part."""
    connected = season.end_date - _dt.timedelta(days=days - 1) if days else None
    rows = calc.line_rows(terms, "heating", to_fen(area), False, connected,
                          season.start_date, season.end_date)
    return next((row[-1] for row in rows if row[0] == "metered"), None)


def settle_season(actor: Actor, season_id: int | str, *,
                  account_ids: list[int] | None = None) -> SettlementResult:
    """Settle the metered advance of every two-part bill of the season that has an unsettled
    reading (only ``account_ids`` when given); one audit row for the run."""
    require(actor, "billing.run")
    season = seasons.get_season(season_id)
    now, today = clock.now(), clock.today()
    with database.atomic():
        season = seasons.lock_season(season.id)
        receipts.lock_year(today.year)  # serializes with a month close
        closing.ensure_month_open(today)
        newest = (MeterReading.select(fn.MAX(MeterReading.id))
                  .where(MeterReading.season == season.id)
                  .group_by(MeterReading.account))
        settled_bills = Adjustment.select(Adjustment.bill).where(
            Adjustment.kind == KIND, Adjustment.bill.is_null(False))
        query = (MeterReading.select(MeterReading.id, MeterReading.account,
                                     MeterReading.start_gj, MeterReading.end_gj, Bill.id,
                                     Bill.area, Tariff.category, BillLine.days)
                 .join(Bill, on=((Bill.account == MeterReading.account)
                                 & (Bill.season == MeterReading.season)
                                 & (Bill.kind == "season")))
                 .join(Tariff, on=(Tariff.id == Bill.tariff))
                 .join(BillLine, on=((BillLine.bill == Bill.id) & (BillLine.kind == "metered")))
                 .where(MeterReading.id.in_(newest), MeterReading.settled_at.is_null(),
                        Bill.id.not_in(settled_bills))
                 .order_by(MeterReading.account))
        if account_ids is not None:
            query = query.where(MeterReading.account.in_(list(account_ids)))
        terms: dict[str, calc.TariffTerms | None] = {}
        count = made = total = 0
        for reading_id, account_id, start, end, bill_id, area, category, days in query.tuples():
            if category not in terms:
                current = seasons.current_tariff(season.id, category)
                terms[category] = calc.TariffTerms.from_tariff(current) if current else None
            t = terms[category]
            if t is None or not t.two_part or t.price_per_gj is None:
                continue
            advance = _advance(t, area, days, season)
            if advance is None:
                continue
            used = end - start
            cost = to_fen(round_fen(used * t.price_per_gj))
            diff = cost - advance
            amount = diff if t.settlement == "both_ways" else min(diff, 0)
            adjustment = None
            if amount:
                mode = "多退少补" if t.settlement == "both_ways" else "多退少不补"
                text = (f"{season.name} 计量热费结算（{mode}）：用热 {used} GJ × "
                        f"{t.price_per_gj} 元/GJ = {from_fen(cost)} 元，"
                        f"预收 {from_fen(advance)} 元")
                adjustment = Adjustment.create(
                    account=account_id, bill=bill_id,
                    kind=KIND, amount=from_fen(amount), reason=text, status="approved",
                    proposed_by=actor.username, proposed_at=now, decided_by=actor.username,
                    decided_at=now, business_date=today, source="rule")
                ledger.post(account_id, adjusted=from_fen(amount))
                made += 1
                total += amount
            (MeterReading.update(settled_at=now, settled_by=actor.username,
                                 adjustment=adjustment)
             .where(MeterReading.id == reading_id).execute())
            count += 1
        result = SettlementResult(count=count, total=from_fen(total), adjustments=made)
        audit.record(actor, "billing.metered_settlement", "season", season.id,
                     after={"season": season.name, "settled": count, "adjustments": made,
                            "total": str(result.total)},
                     note=(f"{season.name}：计量热费结算 {count} 户，调账 {made} 笔，"
                           f"合计 {format_yuan(result.total)}"))
    return result
