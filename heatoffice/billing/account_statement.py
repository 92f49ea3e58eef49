"""The data of an account statement (对账单): the account's ledger over a season or a date
range, with opening balance, running balance and closing balance."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock, config
from heatoffice import validation as val
from heatoffice.accounts.service import get_account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.documents import AccountStatement, StatementLine
from heatoffice.billing.models import Bill
from heatoffice.billing.statement import ledger_entries
from heatoffice.errors import UserError
from heatoffice.money import ZERO
from heatoffice.seasons.models import Season
from heatoffice.seasons.service import get_season

ONE_DAY = _dt.timedelta(days=1)


def _opens(season: Season, account_id: int) -> _dt.date:
    """Where a season's part of an account's ledger begins: the season's first day, or the
    day its bill was issued if that was earlier (billing runs before the heat comes on)."""
    issued = (Bill.select(Bill.business_date)
              .where((Bill.account == account_id) & (Bill.season == season.id))
              .order_by(Bill.business_date).first())
    return min(season.start_date, issued.business_date) if issued else season.start_date


def season_period(season: Season, account_id: int, today: _dt.date,
                  ) -> tuple[_dt.date, _dt.date]:
    """The days of the account's ledger that belong to ``season``: from where it opens to the
    day before the next season opens (the later of the season's end and today for the last)."""
    start = _opens(season, account_id)
    following = (Season.select().where(Season.start_date > season.start_date)
                 .order_by(Season.start_date, Season.id).first())
    if following is None:
        return start, max(season.end_date, today)
    return start, max(start, _opens(following, account_id) - ONE_DAY)


def account_statement(actor: Actor, account: int | str, *, season: int | str | None = None,
                      date_from: Any = None, date_to: Any = None) -> AccountStatement:
    """The statement of ``account`` (id or account number) for ``season`` (id or name), or
    for ``date_from``–``date_to`` (both included; by default from the first entry to today).

    UserError accounts.not_found, seasons.not_found, or ValidationErrors for dates that are
    not dates, a season given together with dates, or a range that ends before it starts.
    """
    require(actor, "billing.view")
    a = get_account(actor, account)
    today = clock.today()
    v = val.Collector()
    first = v.check(val.parse_date, date_from, field="date_from") if date_from else None
    last = v.check(val.parse_date, date_to, field="date_to") if date_to else None
    if season is not None and (date_from or date_to):
        v.add(UserError("billing.statement_period", field="season"))
    v.raise_if_any()
    name = ""
    if season is not None:
        s = get_season(season)
        name = s.name
        first, last = season_period(s, a.id, today)
    last = last or today
    if first is not None and last < first:
        raise UserError("validation.date_order", field="date_to", value=last.isoformat())
    opening = ZERO
    lines = []
    for e in ledger_entries(a.id):
        if first is not None and e.day < first:
            opening = e.balance
        elif e.day <= last:
            lines.append(StatementLine(e.day, e.kind, e.code, e.season, e.receipt_no,
                                       e.reverses, e.text, e.debit, e.credit, e.balance))
    return AccountStatement(
        account_no=a.account_no, name=a.name, address=a.address, category=a.category,
        status=a.status, area=a.heating_area, date_from=first, date_to=last, opening=opening,
        lines=tuple(lines), season=name, printed_at=clock.now(),
        printed_by=actor.display_name or actor.username, hotline=config.get("hotline"))
