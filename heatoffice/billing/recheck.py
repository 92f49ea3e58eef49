"""现场复核: recheck sheets of season bills, and the result entered per account with follow-up.

A recheck never edits the bill or the account: a discrepancy opens an area re-measurement
request or proposes an adjustment that a manager approves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from heatoffice import clock, config, glossary
from heatoffice import validation as val
from heatoffice.accounts.models import (
    STATUSES,
    Account,
    AccountStatusChange,
    Community,
    format_address,
    of_community,
)
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.billing.arrears import address_order, collector_accounts
from heatoffice.billing.documents import RecheckLine, RecheckSheet
from heatoffice.billing.models import Adjustment, Bill, BillLine, Recheck, RemeasureRequest
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import parse_money
from heatoffice.org.models import Staff
from heatoffice.seasons.models import Season, Tariff
from heatoffice.seasons.service import current_tariff

RESULTS = glossary.names("recheck_result")
FOLLOW_UPS = glossary.names("recheck_follow_up")


@dataclass(frozen=True)
class RecheckRow:
    """One line of a printed recheck sheet: what the bill says, to be checked on site."""

    account_id: int
    bill_id: int
    account_no: str
    name: str
    address: str
    season: str
    billed_area: Decimal
    billed_status: str  # the account's status when the bill was issued
    amount: Decimal     # the bill total
    paid: Decimal


def _status_at_billing() -> Any:
    """The account's status when its bill was issued (its current one if it has no history)."""
    sc = AccountStatusChange.alias("sc")
    at_issue = (sc.select(sc.to_status)
                .where((sc.account == Bill.account) & (sc.at <= Bill.issued_at))
                .order_by(sc.at.desc(), sc.id.desc()).limit(1))
    return fn.COALESCE(at_issue, Account.status)


def _season(season_id: int) -> Season:
    season = Season.get_or_none(Season.id == season_id)
    if season is None:
        raise UserError("seasons.not_found", field="season", value=season_id)
    return season


def recheck_rows(actor: Actor, *, season_id: int, community: str | None = None,
                 staff_id: int | None = None, on: Any = None) -> list[RecheckRow]:
    """The season bills of a community and/or a collector's round (their service areas on
    ``on``, today by default), by community, building, unit and room."""
    require(actor, "recheck.record")
    season = _season(season_id)
    q = (Bill.select(Account.id, Bill.id, Account.account_no, Account.name, Community.name,
                     Account.building, Account.unit, Account.room, Bill.area,
                     _status_at_billing(), Bill.total, Bill.paid)
         .join(Account, on=(Bill.account == Account.id)).join_from(Account, Community)
         .where((Bill.season == season.id) & (Bill.kind == "season"))
         .order_by(*address_order()))
    if community:
        q = q.where(of_community(community))
    if staff_id is not None:
        on = val.parse_date(on, "on") if on is not None else clock.today()
        q = q.where(collector_accounts(staff_id, on))
    return [RecheckRow(account_id=a, bill_id=b, account_no=no, name=name,
                       address=format_address(comm, bld, unit, room), season=season.name,
                       billed_area=area, billed_status=status, amount=total, paid=paid)
            for a, b, no, name, comm, bld, unit, room, area, status, total, paid
            in q.tuples()]


def recheck_sheets(actor: Actor, season_id: int, *, community: str | None = None,
                   staff_id: int | None = None, on: Any = None) -> list[RecheckSheet]:
    """The recheck sheets to print: one per community, or one for a collector's whole round."""
    rows = recheck_rows(actor, season_id=season_id, community=community, staff_id=staff_id,
                        on=on)
    season = _season(season_id).name
    today = clock.today()
    communities = dict(Account.select(Account.id, Community.name).join(Community)
                       .where(Account.id.in_([r.account_id for r in rows])).tuples()) \
        if rows else {}
    groups: dict[str, list[RecheckLine]] = {}
    for r in rows:
        # A collector's round is one sheet; otherwise one sheet per community.
        key = "" if staff_id is not None else communities.get(r.account_id, "")
        groups.setdefault(key, []).append(RecheckLine(
            r.account_no, r.name, r.address, r.billed_area, r.billed_status, r.amount))
    if staff_id is not None:
        staff = Staff.get_or_none(Staff.id == staff_id)
        return [RecheckSheet(season, tuple(groups.get("", [])), community or "",
                             staff.name if staff is not None else "", today)]
    return [RecheckSheet(season, tuple(lines), name, None, today)
            for name, lines in groups.items()]


def _bill_and_status(account_id: int, season_id: int) -> tuple[Bill, str]:
    if not Account.select().where(Account.id == account_id).exists():
        raise UserError("accounts.not_found", field="account", value=account_id)
    season = _season(season_id)
    row = (Bill.select(Bill, _status_at_billing().alias("billed_status"))
           .join(Account, on=(Bill.account == Account.id))
           .where((Bill.account == account_id) & (Bill.season == season.id)
                  & (Bill.kind == "season"))
           .first())
    if row is None:
        raise UserError("recheck.no_bill", field="season", season=season.name)
    return row, row.billed_status


def _optional_area(value: Any) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    return val.area(value, field="measured_area")


def _amount(value: Any) -> Decimal:
    if value is None or str(value).strip() == "":
        raise UserError("recheck.amount_needed", field="adjustment_amount")
    amount = parse_money(value, field="adjustment_amount", allow_negative=True,
                         maximum=config.max_amount())
    if not amount:
        raise UserError("recheck.amount_needed", field="adjustment_amount")
    return amount


def _check_outcome(v: val.Collector, result: str | None, follow_up: str | None,
                   measured: Decimal | None, found: str, billed_area: Decimal,
                   billed_status: str) -> None:
    """What was found must agree with the result, and a discrepancy needs a follow-up."""
    area_differs = measured is not None and measured != billed_area
    status_differs = bool(found) and found != billed_status
    if result == "confirmed":
        if area_differs:
            v.add(UserError("recheck.confirmed_differs", field="measured_area",
                            value=str(measured), billed=str(billed_area)))
        if status_differs:
            v.add(UserError("recheck.confirmed_differs", field="status_found",
                            value=glossary.term("account_status", found),
                            billed=glossary.term("account_status", billed_status)))
        if follow_up not in (None, "none"):
            v.add(UserError("recheck.follow_up_unexpected", field="follow_up"))
    elif result == "discrepancy":
        if any(e.field in ("measured_area", "status_found") for e in v.errors):
            pass  # what was typed is wrong already; say that, not that it is missing
        elif measured is None and not found:
            v.add(UserError("recheck.discrepancy_detail", field="measured_area"))
        elif not (area_differs or status_differs):
            v.add(UserError("recheck.no_difference", field="measured_area"))
        if follow_up == "none":
            v.add(UserError("recheck.follow_up_needed", field="follow_up"))


def _default_reason(bill: Bill, measured: Decimal | None, found: str, billed_status: str,
                    notes: str) -> str:
    parts = [f"现场复核：计费面积 {bill.area} ㎡"]
    if measured is not None:
        parts.append(f"实测 {measured} ㎡")
    if found:
        # The reason is stored with the adjustment, in Chinese like every ledger text.
        parts.append(f"计费时状态“{glossary.label('account_status', billed_status, 'zh')}”，"
                     f"现场为“{glossary.label('account_status', found, 'zh')}”")
    text = "，".join(parts)
    return f"{text}。{notes}" if notes else text


def _repriced(bill_id: int) -> tuple[Any, calc.TariffTerms, Any, Any]:
    """A season bill's row (total, season, start, end, category, low income, base line kind
    and days) and the terms it charges now: its season's current tariff, which approved
    tariff-change adjustments have carried it to."""
    # the category of the bill's tariff: an account whose category changed since keeps it
    # for this bill (billing.category_change)
    row = (Bill.select(Bill.total, Bill.season, Season.name, Season.start_date,
                       Season.end_date, Tariff.category, Account.low_income, BillLine.kind,
                       BillLine.days)
           .join(Season).switch(Bill).join(Tariff).switch(Bill).join(Account)
           .switch(Bill).join(BillLine, JOIN.LEFT_OUTER,
                              on=((BillLine.bill == Bill.id) & (BillLine.seq == 1)))
           .where((Bill.id == bill_id) & (Bill.kind == "season")).tuples().first())
    if row is None:
        raise UserError("billing.bill_not_found", field="bill", value=bill_id)
    total, season_id, season, start, end, category, low_income, kind, days = row
    tariff = current_tariff(season_id, category)
    if tariff is None:
        raise UserError("billing.no_tariff", season=season, category=category)
    return row, calc.TariffTerms.from_tariff(tariff), start, end


def suggested_adjustment(bill_id: int, measured_area: Any) -> Decimal:
    """What the season bill would have been with ``measured_area`` (current tariff of its
    season and the account's category) minus what it charges: the bill's total plus its
    approved tariff-change adjustments, which already carry any later tariff version."""
    measured = val.area(measured_area, field="measured_area")
    row, terms, start, end = _repriced(bill_id)
    total, *_, category, low_income, kind, days = row
    facts = calc.facts_of_bill(category, measured, kind, days, low_income, end)
    lines = calc.bill_lines(terms, facts, start, end)
    repriced = (Adjustment.select(fn.SUM(Adjustment.amount).coerce(False))
                .where(Adjustment.bill == bill_id, Adjustment.kind == "tariff_change",
                       Adjustment.status == "approved").scalar())
    charged = total + Adjustment.amount.python_value(repriced or 0)
    return calc.bill_total(lines) - charged


def area_change_amount(bill_id: int, old_area: Decimal, new_area: Decimal,
                       effective: Any) -> Decimal:
    """The season bill's difference for an area changed from ``effective`` to the season's
    end: the bill's lines for those days (the terms it charges, its stopped share and
    relief) with the new area minus with the old, each prorated by days and rounded once
    as a bill line is. The whole difference from the season's first day; zero after its
    last."""
    row, terms, start, end = _repriced(bill_id)
    *_, category, low_income, kind, days = row
    billed = calc.facts_of_bill(category, old_area, kind, days, low_income, end)
    from_day = effective if billed.connected_on is None else max(effective,
                                                                 billed.connected_on)
    if from_day > end:
        return Decimal("0.00")

    def total(area: Decimal) -> Decimal:
        facts = calc.AccountFacts(category, billed.status, area, billed.low_income,
                                  from_day if from_day > start else None)
        return calc.bill_total(calc.bill_lines(terms, facts, start, end))

    return total(new_area) - total(old_area)


def record_recheck(actor: Actor, account_id: int, season_id: int, *, result: str,
                   measured_area: Any = None, status_found: str = "", notes: str = "",
                   customer_present: bool = False, customer_signed: bool = False,
                   follow_up: str = "none", adjustment_amount: Any = None,
                   reason: str = "") -> Recheck:
    """Record the on-site check of an account's season bill, with who and when.

    ``follow_up`` "remeasure" opens a RemeasureRequest; "adjustment" proposes an area
    correction of ``adjustment_amount`` (+ debit / − credit) for a manager to approve.
    Every error names its field and nothing is saved unless everything is right.
    """
    require(actor, "recheck.record")
    v = val.Collector()
    result = v.check(val.choice, result, RESULTS, field="result") or ""
    follow_up = v.check(val.choice, follow_up or "none", FOLLOW_UPS, field="follow_up") or ""
    measured = v.check(_optional_area, measured_area)
    found = str(status_found or "").strip()
    if found:
        found = v.check(val.choice, found, STATUSES, field="status_found") or ""
    notes = v.check(val.max_length, str(notes or "").strip(), 2000, field="notes") or ""
    reason = v.check(val.max_length, str(reason or "").strip(), 2000, field="reason") or ""
    if customer_signed and not customer_present:
        v.add(UserError("recheck.signed_absent", field="customer_signed"))
    amount = None
    if follow_up == "adjustment":
        require(actor, "adjustments.propose")
        amount = v.check(_amount, adjustment_amount)
    elif adjustment_amount not in (None, ""):
        v.add(UserError("recheck.amount_unused", field="adjustment_amount"))
    with database.atomic():
        bill, billed_status = _bill_and_status(account_id, season_id)
        _check_outcome(v, result, follow_up, measured, found, bill.area, billed_status)
        v.raise_if_any()
        adjustment = None
        if follow_up == "adjustment":
            adjustment = propose_adjustment(
                actor, account_id, amount, "area_correction",
                reason or _default_reason(bill, measured, found, billed_status, notes),
                bill_id=bill.id, source="recheck")
        recheck = Recheck.create(
            account=account_id, season=season_id, bill=bill.id, checked_at=clock.now(),
            checked_by=actor.username, result=result, billed_area=bill.area,
            measured_area=measured, billed_status=billed_status, status_found=found,
            customer_present=bool(customer_present), customer_signed=bool(customer_signed),
            notes=notes, follow_up=follow_up, adjustment=adjustment)
        audit.record(actor, "recheck.record", "recheck", recheck.id,
                     after=audit.snapshot(recheck))
        if follow_up == "remeasure":
            request = RemeasureRequest.create(
                account=account_id, recheck=recheck.id, requested_at=recheck.checked_at,
                requested_by=actor.username, status="open",
                notes=reason or _default_reason(bill, measured, found, billed_status, notes))
            audit.record(actor, "recheck.remeasure_request", "remeasure_request", request.id,
                         after=audit.snapshot(request))
    return recheck


def rechecks(actor: Actor, account_id: int) -> list[Recheck]:
    """The rechecks of one account, newest first."""
    require(actor, "billing.view")
    return list(Recheck.select().where(Recheck.account == account_id)
                .order_by(Recheck.checked_at.desc(), Recheck.id.desc()))


def open_remeasure_requests(actor: Actor) -> list[RemeasureRequest]:
    """Area re-measurements still to be done, oldest first, with their accounts loaded."""
    require(actor, "billing.view")
    return list(RemeasureRequest.select(RemeasureRequest, Account)
                .join(Account, on=(RemeasureRequest.account == Account.id))
                .where(RemeasureRequest.status == "open")
                .order_by(RemeasureRequest.requested_at, RemeasureRequest.id))



def request_remeasure(actor: Actor, account_id: int, notes: str) -> RemeasureRequest:
    """面积复测 asked for by something other than a recheck (an area-change application)."""
    require(actor, "recheck.record")
    with database.atomic():
        if Account.get_or_none(Account.id == account_id) is None:
            raise UserError("accounts.not_found", value=account_id)
        request = RemeasureRequest.create(
            account=account_id, recheck=None, requested_at=clock.now(),
            requested_by=actor.username, status="open", notes=notes)
        audit.record(actor, "recheck.remeasure_request", "remeasure_request", request.id,
                     after=audit.snapshot(request))
    return request
