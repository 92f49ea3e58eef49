"""Set a season's tariff; once the season is billed the change is booked as adjustments."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc, ledger, status_share
from heatoffice.billing.models import Adjustment, Bill, BillLine
from heatoffice.db import chain
from heatoffice.db.connection import database
from heatoffice.money import format_yuan, from_fen, to_fen
from heatoffice.seasons.models import Season, Tariff
from heatoffice.seasons.service import clean_tariff, current_tariff, get_season, lock_season

_CHUNK = 5000


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
        if billed:  # the shares of stops and resumes inside the season, at the new prices
            status_share.resettle_season(actor, season)
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
    link = chain.Link.lock()
    for row in rows:  # hashed in the order inserted (heatoffice.db.chain)
        row.update(chain.stamp(link, Adjustment, row))
    for start in range(0, len(rows), _CHUNK):
        Adjustment.insert_many(rows[start:start + _CHUNK]).execute()
    link.flush()
    for row in rows:
        ledger.post(row["account"], adjusted=row["amount"])
    return len(rows), total
