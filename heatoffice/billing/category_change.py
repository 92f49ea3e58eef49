"""用户性质变更 and the fee: a new category is billed from the next season; the season already
billed keeps its bill unless a manager approves the adjustment proposed for it.

The category on record is the one the next billing run uses, and a season bill keeps the
category of the tariff it was issued with (every repricing reads the bill's tariff, never the
account's category). So a change made between seasons is billed from the next season on;
one made while a season runs that is billed already leaves that bill as it is and proposes an
adjustment (the difference for the days from the change's day, prorated like a mid-season
connection's bill) that finance takes to a manager; approved, the new category counts at
once, rejected, from the next season. A change while a season runs that has not been billed
for the account yet is refused: the season has started under the old category, so it is
billed first.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from heatoffice import glossary
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.billing import calc
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.billing.models import Adjustment, Bill, BillLine
from heatoffice.errors import UserError
from heatoffice.money import ZERO, from_fen, to_fen
from heatoffice.seasons.models import Season, Tariff
from heatoffice.seasons.service import current_tariff


def running_season(day: _dt.date) -> Season | None:
    """The season that has started on or before ``day`` and not yet ended."""
    return (Season.select().where(Season.start_date <= day, Season.end_date >= day)
            .order_by(Season.start_date.desc()).first())


def next_season_start(day: _dt.date) -> _dt.date:
    """The first day of the first season starting after ``day`` (the day after the running
    season's end when the next one is not set up yet)."""
    found = (Season.select().where(Season.start_date > day)
             .order_by(Season.start_date).first())
    if found is not None:
        return found.start_date
    running = running_season(day)
    return running.end_date + _dt.timedelta(days=1) if running is not None else day


def check_billed(account: Account, day: _dt.date) -> Bill | None:
    """The bill of the season running on ``day`` (None between seasons or when the account is
    not billed at all); refuses when that season has not been billed for the account yet."""
    season = running_season(day)
    if season is None:
        return None
    bill = Bill.get_or_none(Bill.account == account.id, Bill.season == season.id,
                            Bill.kind == "season")
    if bill is None and calc.is_billable(account.status, account.heating_area,
                                         account.connected_on, season.end_date):
        raise UserError("applications.category_unbilled", season=season.name,
                        value=account.account_no)
    return bill


def amount(bill: Bill, new_category: str, effective: _dt.date) -> Decimal:
    """The bill's difference under the new category's tariff for the days from ``effective``
    (its first day or earlier: the whole season) to the season's end: same area, the bill's
    stopped or heating status and connection day, each side rounded as a bill line."""
    season = Season.get_by_id(bill.season_id)
    old = Tariff.get_by_id(bill.tariff_id).category
    old_tariff = current_tariff(season.id, old)
    new_tariff = current_tariff(season.id, new_category)
    if old_tariff is None or new_tariff is None:
        return ZERO
    first = bill.lines.order_by(BillLine.seq).first()  # the base line
    account = Account.get_by_id(bill.account_id)
    facts = calc.facts_of_bill(old, bill.area, first.kind if first else None,
                               first.days if first else None, account.low_income,
                               season.end_date)
    day = max(effective, facts.connected_on) if facts.connected_on else effective
    if day > season.end_date:
        return ZERO
    area = to_fen(bill.area)

    def fee(tariff: Tariff) -> int:
        return calc.fee_from(calc.TariffTerms.from_tariff(tariff), facts.status, area,
                             facts.low_income, day, season.start_date, season.end_date)

    return from_fen(fee(new_tariff) - fee(old_tariff))


def propose(actor: Actor, account: Account, new_category: str, effective: _dt.date,
            note: str) -> Adjustment | None:
    """The adjustment for the running season's bill, proposed for a manager's approval; None
    when there is no such bill or no difference."""
    bill = check_billed(account, effective)
    if bill is None:
        return None
    difference = amount(bill, new_category, effective)
    if difference == 0:
        return None
    season = Season.get_by_id(bill.season_id)
    old = Tariff.get_by_id(bill.tariff_id).category
    reason = (f"{season.name} 用户性质变更 {glossary.label('account_category', old, 'zh')}→"
              f"{glossary.label('account_category', new_category, 'zh')}，"
              f"自 {effective.isoformat()} 起按天计收（{note}）；批准则本季即按新性质计费，"
              f"驳回则自下一采暖季起")
    return propose_adjustment(actor, account.id, difference,
                              "debit" if difference > 0 else "credit", reason,
                              bill_id=bill.id, source="application")
