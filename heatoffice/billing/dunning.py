"""催缴: the dunning log per account, follow-ups due, the collector's round sheet, the notices."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from heatoffice import clock, config, glossary
from heatoffice import validation as val
from heatoffice.accounts.models import Account, Community, of_community
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing.arrears import (
    ArrearsRow,
    address_order,
    arrears_list,
    collector_accounts,
    collector_area_names,
    debt_start,
    late_fees_possible,
    not_due_of,
    not_due_owed,
)
from heatoffice.billing.documents import Dunning, DunningItem, RoundLine, RoundSheet
from heatoffice.billing.due import bill_credit, due_rules, unpaid
from heatoffice.billing.models import AccountBalance, Bill, DunningContact, OpeningBalance
from heatoffice.billing.payments import owed
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import ZERO, from_fen
from heatoffice.org.models import Staff
from heatoffice.privacy import mask_phone
from heatoffice.seasons.models import Season

METHODS = glossary.names("dunning_method")


@dataclass(frozen=True)
class FollowUp:
    """A contact whose follow-up date has come and that no later contact has answered."""

    contact: DunningContact
    account_no: str
    name: str
    address: str
    phone: str
    owed: Decimal


@dataclass(frozen=True)
class RoundRow:
    """One stop of the collector's round: the arrears row and what the last contact said."""

    arrears: ArrearsRow
    last_contact: DunningContact | None
    promised_date: _dt.date | None  # the latest promise to pay, from whichever contact made it


def _optional_date(value: Any, field: str) -> _dt.date | None:
    if value is None or str(value).strip() == "":
        return None
    return val.parse_date(value, field)


def _not_past(day: _dt.date | None, field: str, today: _dt.date) -> None:
    if day is not None and day < today:
        raise UserError("dunning.date_past", field=field, value=day.isoformat(),
                        today=today.isoformat())


def record_contact(actor: Actor, account_id: int, method: str, result: str, *,
                   promised_date: Any = None, next_follow_up: Any = None,
                   notes: str = "") -> DunningContact:
    """Log one polite contact about arrears (visit, phone, notice) with its result.

    Written once: a correction is a further contact. Promise and follow-up dates may not lie
    in the past.
    """
    require(actor, "dunning.record")
    today = clock.today()
    v = val.Collector()
    method = v.check(val.choice, method, METHODS, field="method") or ""
    result = v.check(val.required, result, field="result") or ""
    if result:
        result = v.check(val.max_length, result, 2000, field="result") or ""
    notes = v.check(val.max_length, str(notes or "").strip(), 2000, field="notes") or ""
    promised = v.check(_optional_date, promised_date, "promised_date")
    follow = v.check(_optional_date, next_follow_up, "next_follow_up")
    v.check(_not_past, promised, "promised_date", today)
    v.check(_not_past, follow, "next_follow_up", today)
    v.raise_if_any()
    with database.atomic():
        if not Account.select().where(Account.id == account_id).exists():
            raise UserError("accounts.not_found", field="account", value=account_id)
        contact = DunningContact.create(account=account_id, at=clock.now(), by=actor.username,
                                        method=method, result=result, promised_date=promised,
                                        next_follow_up=follow, notes=notes)
        audit.record(actor, "dunning.record", "dunning_contact", contact.id,
                     after=audit.snapshot(contact))
    return contact


def contacts(actor: Actor, account_id: int) -> list[DunningContact]:
    """The dunning log of one account, newest first."""
    require(actor, "arrears.view")
    return list(DunningContact.select().where(DunningContact.account == account_id)
                .order_by(DunningContact.at.desc(), DunningContact.id.desc()))


def _no_later_contact() -> Any:
    later = DunningContact.alias("later")
    return ~fn.EXISTS(later.select(later.id).where(
        (later.account == DunningContact.account)
        & ((later.at > DunningContact.at)
           | ((later.at == DunningContact.at) & (later.id > DunningContact.id)))))


def due_follow_ups(actor: Actor, on: Any = None) -> list[FollowUp]:
    """Follow-ups due by ``on`` (today by default) that no later contact has answered, of
    accounts that still owe; earliest due first, then by address."""
    require(actor, "arrears.view")
    on = val.parse_date(on, "on") if on is not None else clock.today()
    q = (DunningContact.select(DunningContact, Account, Community, AccountBalance.balance)
         .join(Account, on=(DunningContact.account == Account.id), attr="acct")
         .join(AccountBalance, on=(AccountBalance.account == Account.id), attr="bal")
         .join_from(Account, Community)
         .where((DunningContact.next_follow_up <= on) & _no_later_contact()
                & (AccountBalance.balance > 0))
         .order_by(DunningContact.next_follow_up, *address_order()))
    show = can(actor, "accounts.view_personal")
    out = []
    for c in q:
        a = c.acct
        out.append(FollowUp(contact=c, account_no=a.account_no, name=a.name,
                            address=a.address, phone=a.phone if show else mask_phone(a.phone),
                            owed=a.bal.balance))
    return out


def round_sheet(actor: Actor, staff_id: int, on: Any = None) -> list[RoundRow]:
    """The collector's round on ``on``: accounts with arrears in their service areas, by
    community, building, unit and room, with the last contact and the latest promise."""
    require(actor, "arrears.view")
    on = val.parse_date(on, "on") if on is not None else clock.today()
    if not Staff.select().where(Staff.id == staff_id).exists():
        raise UserError("org.not_found", field="staff", kind=glossary.term("field", "staff"),
                        value=staff_id)
    rows = arrears_list(actor, collector_staff_id=staff_id, on=on).rows
    in_round = Account.select(Account.id).where(collector_accounts(staff_id, on))
    last_ids = (DunningContact.select(fn.MAX(DunningContact.id))
                .where(DunningContact.account.in_(in_round))
                .group_by(DunningContact.account))
    last = {c.account_id: c for c in DunningContact.select()
            .where(DunningContact.id.in_(last_ids))}
    promise_ids = (DunningContact.select(fn.MAX(DunningContact.id))
                   .where(DunningContact.account.in_(in_round)
                          & DunningContact.promised_date.is_null(False))
                   .group_by(DunningContact.account))
    promised = {a: d for a, d in DunningContact.select(DunningContact.account,
                                                       DunningContact.promised_date)
                .where(DunningContact.id.in_(promise_ids)).tuples()}
    return [RoundRow(r, last.get(r.account_id), promised.get(r.account_id)) for r in rows]


def round_sheet_of(actor: Actor, staff_id: int, on: Any = None) -> RoundSheet:
    """The round of ``staff_id`` on ``on`` (today) as printed: who owes, the last contact, the
    promise, and the collector's service areas."""
    on = val.parse_date(on, "on") if on is not None else clock.today()
    rows = round_sheet(actor, staff_id, on)
    staff = Staff.get_by_id(staff_id)
    lines = []
    for r in rows:
        a, c = r.arrears, r.last_contact
        lines.append(RoundLine(
            a.account_no, a.name, a.address, a.phone, a.overdue, a.late_fees,
            contact_date=c.at.date() if c is not None else None,
            contact_method=c.method if c is not None else "",
            contact_result=c.result if c is not None else "", promised_date=r.promised_date))
    return RoundSheet(staff.name, staff.staff_no, on, tuple(lines),
                      tuple(collector_area_names(staff_id, on)), clock.now())


def dunning_notices(actor: Actor, *, community: str | None = None,
                    account_ids: list[int] | None = None, on: Any = None,
                    pay_by: _dt.date | None = None) -> list[Dunning]:
    """The dunning notice (催缴通知单) of each account with an overdue bill on ``on`` (today),
    by address: never one for a debt that is not yet due.

    Each has the account, its overdue bills by season (billed, paid, credited, still owed),
    ``other`` (late fees already charged, other debits, money paid ahead: the overdue total
    less the bills), the total overdue, what is owed but not yet due (named apart, not asked
    for) and the late fees accrued and not yet charged.
    """
    require(actor, "arrears.view")
    on = val.parse_date(on, "on") if on is not None else clock.today()
    rules = due_rules(on)
    later = not_due_owed(rules)

    def owing(q: Any) -> Any:
        q = (q.join(AccountBalance, on=(AccountBalance.account == Account.id), attr="bal")
             .where(AccountBalance.balance > later))
        if community:
            q = q.where(of_community(community))
        if account_ids is not None:
            q = q.where(Account.id.in_(list(account_ids)))
        return q

    accounts = list(owing(Account.select(Account, Community, AccountBalance.balance))
                    .join_from(Account, Community).order_by(*address_order()))
    if not accounts:
        return []
    not_due_fen = not_due_of([a.id for a in accounts], rules)
    items: dict[int, list[DunningItem]] = {}
    overdue = unpaid(Bill) if rules is None else unpaid(Bill) & rules.overdue(Bill)
    bills = (Bill.select(Bill.account, Bill.kind, Bill.total, Bill.paid,
                         fn.COALESCE(Season.name, OpeningBalance.season_name),
                         fn.COALESCE(bill_credit(Bill), 0))
             .join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
             .join_from(Bill, OpeningBalance, JOIN.LEFT_OUTER,
                        on=(OpeningBalance.bill == Bill.id))
             .where(Bill.account.in_(owing(Account.select(Account.id))) & overdue)
             .order_by(Bill.account, debt_start(Bill, Season), Bill.id).tuples())
    for account_id, kind, total, paid, season_name, credit_fen in bills:
        credited = -from_fen(int(credit_fen))
        items.setdefault(account_id, []).append(
            DunningItem(season_name or "", kind, total, paid, credited, total - paid - credited))
    hotline = config.get("hotline")
    with_fees = late_fees_possible(on)
    out = []
    for a in accounts:
        not_due = min(from_fen(not_due_fen.get(a.id, 0)), a.bal.balance)
        total = a.bal.balance - not_due
        lines = items.get(a.id, [])
        out.append(Dunning(
            account_no=a.account_no, name=a.name,
            address=a.address,
            items=tuple(lines), total=total, as_of=on,
            other=total - sum((line.owed for line in lines), ZERO),
            late_fees=owed(a.id, on).late_fees if with_fees else ZERO, pay_by=pay_by,
            hotline=hotline, not_due=not_due))
    return out
