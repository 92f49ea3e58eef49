"""Reads of complaints, inspections and temperature checks for the pages, the command line and
the reports: the actor, a view permission, frozen values (codes, not names)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN

from heatoffice import clock
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.money import ZERO
from heatoffice.privacy import mask_phone
from heatoffice.service import case_rules, tempcheck_rules
from heatoffice.service.case_models import (
    Complaint,
    ComplaintStep,
    Inspection,
    InspectionFollowUp,
    TempReading,
    TempRefund,
)
from heatoffice.service.tempchecks import from_tenths


@dataclass(frozen=True)
class ComplaintRow:
    number: str
    channel: str
    state: str
    account_no: str
    complainant: str
    address: str
    content: str
    received_at: _dt.datetime
    handler: str
    escalated_to: str
    reply_due: _dt.datetime | None
    replied_at: _dt.datetime | None
    reply_method: str
    overdue: bool
    reply_hours: float | None  # from receipt to reply


@dataclass(frozen=True)
class StepLine:
    action: str
    from_state: str
    to_state: str
    at: _dt.datetime
    by: str
    note: str


@dataclass(frozen=True)
class ComplaintCard:
    row: ComplaintRow
    phone: str
    call_number: str
    facts: str
    customer_view: str
    decision: str
    decided_by: str
    decided_at: _dt.datetime | None
    reply_text: str
    replied_by: str
    steps: tuple[StepLine, ...]


def _complaint_row(c: Complaint, account_no: str, now: _dt.datetime) -> ComplaintRow:
    hours = (None if c.replied_at is None
             else round((c.replied_at - c.received_at).total_seconds() / 3600, 1))
    return ComplaintRow(c.number, c.channel, c.state, account_no, c.complainant, c.address,
                        c.content, c.received_at, c.handler, c.escalated_to, c.reply_due,
                        c.replied_at, c.reply_method,
                        case_rules.reply_overdue(c.reply_due, c.replied_at, now)
                        and c.replied_at is None, hours)


def _reply_overdue(now: _dt.datetime) -> Any:
    """An open complaint whose written reply is past its deadline."""
    return (Complaint.state.in_(case_rules.COMPLAINT_OPEN) & Complaint.reply_due.is_null(False)
            & Complaint.replied_at.is_null() & (Complaint.reply_due <= now))


def overdue_replies(actor: Actor) -> int:
    """How many complaints wait past their reply deadline (the home page's count)."""
    require(actor, "complaints.view")
    return Complaint.select().where(_reply_overdue(clock.now())).count()


def open_inspection_count(actor: Actor) -> int:
    """How many inspections are still open (the home page's count)."""
    require(actor, "inspections.view")
    return Inspection.select().where(Inspection.state.in_(case_rules.INSPECTION_OPEN)).count()


def complaints(actor: Actor, *, state: str | None = None, open_only: bool = False,
               overdue: bool = False, start: _dt.date | None = None,
               end: _dt.date | None = None, account_id: int | None = None,
               limit: int = 500) -> list[ComplaintRow]:
    """Complaints, newest first."""
    require(actor, "complaints.view")
    now = clock.now()
    q = (Complaint.select(Complaint, Account.account_no)
         .join_from(Complaint, Account, join_type=JOIN.LEFT_OUTER))
    if account_id is not None:
        q = q.where(Complaint.account == account_id)
    if state:
        q = q.where(Complaint.state == state)
    if overdue:
        q = q.where(_reply_overdue(now))
    elif open_only:
        q = q.where(Complaint.state.in_(case_rules.COMPLAINT_OPEN))
    if start is not None:
        q = q.where(Complaint.received_at >= _dt.datetime.combine(start, _dt.time()))
    if end is not None:
        q = q.where(Complaint.received_at
                    < _dt.datetime.combine(end + _dt.timedelta(days=1), _dt.time()))
    q = q.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit)
    # the joined account (its number only): empty for a complaint naming none
    return [_complaint_row(c, getattr(c.account, "account_no", None) or "", now) for c in q]


def complaint(actor: Actor, number: str) -> ComplaintCard:
    require(actor, "complaints.view")
    from heatoffice.service.complaints import get

    c = get(number)
    account_no = Account.get_by_id(c.account_id).account_no if c.account_id else ""
    steps = tuple(StepLine(s.action, s.from_state or "", s.to_state, s.at, s.by, s.note)
                  for s in ComplaintStep.select().where(ComplaintStep.complaint == c.id)
                  .order_by(ComplaintStep.id))
    # the complainant's phone in full only for the roles that read personal data
    phone = c.phone if can(actor, "accounts.view_personal") else mask_phone(c.phone)
    return ComplaintCard(_complaint_row(c, account_no, clock.now()), phone, c.call_number,
                         c.facts, c.customer_view, c.decision, c.decided_by, c.decided_at,
                         c.reply_text, c.replied_by, steps)


@dataclass(frozen=True)
class FollowUpLine:
    kind: str
    amount: Decimal | None
    area: Decimal | None
    days: int | None
    adjustment_id: int | None
    note: str
    at: _dt.datetime
    by: str


@dataclass(frozen=True)
class InspectionRow:
    number: str
    kind: str
    state: str
    conclusion: str
    account_no: str
    address: str
    inspector: str
    inspected_at: _dt.datetime
    age_days: int  # how long it has been open (0 once closed)
    follow_ups: int


@dataclass(frozen=True)
class InspectionCard:
    row: InspectionRow
    findings: str
    evidence: str
    entered_by: str
    concluded_by: str
    closed_by: str
    closed_at: _dt.datetime | None
    follow_ups: tuple[FollowUpLine, ...]


def _inspection_row(i: Inspection, account_no: str, count: int,
                    now: _dt.datetime) -> InspectionRow:
    age = 0 if i.state == "closed" else case_rules.age_days(i.inspected_at, now)
    return InspectionRow(i.number, i.kind, i.state, i.conclusion, account_no, i.address,
                         i.inspector, i.inspected_at, age, count)


def _follow_up_counts(ids: list[int]) -> dict[int, int]:
    from peewee import fn

    if not ids:
        return {}
    rows = (InspectionFollowUp.select(InspectionFollowUp.inspection,
                                      fn.COUNT(InspectionFollowUp.id))
            .where(InspectionFollowUp.inspection.in_(ids))
            .group_by(InspectionFollowUp.inspection).tuples())
    return {i: n for i, n in rows}


def inspections(actor: Actor, *, state: str | None = None, open_only: bool = False,
                kind: str | None = None, start: _dt.date | None = None,
                end: _dt.date | None = None, account_id: int | None = None,
                limit: int = 500) -> list[InspectionRow]:
    """Inspections, newest first."""
    require(actor, "inspections.view")
    q = (Inspection.select(Inspection, Account.account_no)
         .join_from(Inspection, Account, join_type=JOIN.LEFT_OUTER))
    if account_id is not None:
        q = q.where(Inspection.account == account_id)
    if state:
        q = q.where(Inspection.state == state)
    if open_only:
        q = q.where(Inspection.state.in_(case_rules.INSPECTION_OPEN))
    if kind:
        q = q.where(Inspection.kind == kind)
    if start is not None:
        q = q.where(Inspection.inspected_at >= _dt.datetime.combine(start, _dt.time()))
    if end is not None:
        q = q.where(Inspection.inspected_at
                    < _dt.datetime.combine(end + _dt.timedelta(days=1), _dt.time()))
    found = list(q.order_by(Inspection.inspected_at.desc(), Inspection.id.desc()).limit(limit))
    counts = _follow_up_counts([i.id for i in found])
    now = clock.now()
    return [_inspection_row(i, getattr(i.account, "account_no", None) or "",
                            counts.get(i.id, 0), now)
            for i in found]


def open_inspections(actor: Actor) -> list[InspectionRow]:
    """Every open inspection with its age in days, oldest first (for the dashboard)."""
    rows = inspections(actor, open_only=True, limit=100_000)
    return sorted(rows, key=lambda r: (-r.age_days, r.number))


def inspection(actor: Actor, number: str) -> InspectionCard:
    require(actor, "inspections.view")
    from heatoffice.service.inspections import get

    i = get(number)
    account_no = Account.get_by_id(i.account_id).account_no if i.account_id else ""
    lines = tuple(FollowUpLine(f.kind, f.amount, f.area, f.days, f.adjustment_id, f.note,
                               f.at, f.by)
                  for f in InspectionFollowUp.select().where(
                      InspectionFollowUp.inspection == i.id).order_by(InspectionFollowUp.id))
    return InspectionCard(_inspection_row(i, account_no, len(lines), clock.now()),
                          i.findings, i.evidence, i.entered_by, i.concluded_by, i.closed_by,
                          i.closed_at, lines)


@dataclass(frozen=True)
class ReadingRow:
    id: int
    account_no: str
    address: str
    room: str
    celsius: Decimal
    outdoor: Decimal | None
    standard: Decimal
    below: bool
    measured_at: _dt.datetime
    instrument: str
    by: str


def readings(actor: Actor, *, account: str = "", cold_only: bool = False,
             start: _dt.date | None = None, end: _dt.date | None = None,
             account_id: int | None = None, limit: int = 500) -> list[ReadingRow]:
    """Temperature readings, newest first; ``cold_only``: those below their standard."""
    require(actor, "tempchecks.view")
    q = TempReading.select(TempReading, Account).join(Account)
    if account_id is not None:
        q = q.where(TempReading.account == account_id)
    if account:
        q = q.where(Account.account_no == account.strip())
    if cold_only:
        q = q.where(TempReading.tenths < TempReading.standard_tenths)
    if start is not None:
        q = q.where(TempReading.measured_at >= _dt.datetime.combine(start, _dt.time()))
    if end is not None:
        q = q.where(TempReading.measured_at
                    < _dt.datetime.combine(end + _dt.timedelta(days=1), _dt.time()))
    q = q.order_by(TempReading.measured_at.desc(), TempReading.id.desc()).limit(limit)
    out = []
    for r in q:
        c, s = from_tenths(r.tenths), from_tenths(r.standard_tenths)
        assert c is not None and s is not None
        out.append(ReadingRow(r.id, r.account.account_no, r.account.address, r.room, c,
                              from_tenths(r.outdoor_tenths), s, c < s, r.measured_at,
                              r.instrument, r.by))
    return out


@dataclass(frozen=True)
class RefundRow:
    account_no: str
    date_from: _dt.date
    date_to: _dt.date
    days: int
    short: Decimal
    amount: Decimal
    adjustment_id: int
    at: _dt.datetime
    by: str


def refunds(actor: Actor, *, start: _dt.date | None = None,
            end: _dt.date | None = None) -> list[RefundRow]:
    require(actor, "tempchecks.view")
    q = TempRefund.select(TempRefund, Account).join(Account)
    if start is not None:
        q = q.where(TempRefund.at >= _dt.datetime.combine(start, _dt.time()))
    if end is not None:
        q = q.where(TempRefund.at < _dt.datetime.combine(end + _dt.timedelta(days=1),
                                                         _dt.time()))
    return [RefundRow(r.account.account_no, r.date_from, r.date_to, r.days,
                      from_tenths(r.short_tenths) or ZERO, r.amount, r.adjustment_id, r.at,
                      r.by) for r in q.order_by(TempRefund.id)]


def check_plan(actor: Actor, *, station: str = "", community: str = "",
               limit: int | None = None) -> list[tempcheck_rules.PlanRow]:
    """The room-temperature check plan (四查) for the pages: ``tempchecks.plan``."""
    from heatoffice.service.tempchecks import plan

    return plan(actor, station=station, community=community, limit=limit)


@dataclass(frozen=True)
class CaseLine:
    """One line of the account card's tab: a complaint, an inspection or a reading."""

    kind: str            # complaint | inspection | reading
    key: str             # its number (a reading: "#id")
    at: _dt.datetime
    state: str           # a complaint's or inspection's state code ("" for a reading)
    what: str            # a channel, inspection kind or conclusion code, or the °C read
    text: str


def account_cases(actor: Actor, account_id: int, limit: int = 200) -> list[CaseLine]:
    """The account's complaints, inspections and room temperatures, newest first; each kind
    only for the roles that may view it."""
    lines: list[CaseLine] = []
    if can(actor, "complaints.view"):
        lines += [CaseLine("complaint", r.number, r.received_at, r.state, r.channel, r.content)
                  for r in complaints(actor, account_id=account_id, limit=limit)]
    if can(actor, "inspections.view"):
        lines += [CaseLine("inspection", r.number, r.inspected_at, r.state, r.kind,
                           r.conclusion) for r in inspections(actor, account_id=account_id,
                                                              limit=limit)]
    if can(actor, "tempchecks.view"):
        lines += [CaseLine("reading", f"#{r.id}", r.measured_at, "below" if r.below else "",
                           str(r.celsius), r.room)
                  for r in readings(actor, account_id=account_id, limit=limit)]
    return sorted(lines, key=lambda line: line.at, reverse=True)[:limit]
