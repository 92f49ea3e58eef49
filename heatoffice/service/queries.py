"""Reads of the service desk for the pages, the command line and the reports: calls and work
orders as frozen rows with their flags (overdue, undispatched, a major leak's hours) worked out
at ``now`` by deadlines.py."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from heatoffice import clock, config
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.privacy import mask_phone
from heatoffice.service import (
    calls,
    case_reports,
    deadlines,
    order_reports,
    orders,
    settings,
    workflow,
)
from heatoffice.service.models import Call, WorkOrder, WorkOrderStep
from heatoffice.service.reports import ServiceReport

_EVERY = 1_000_000  # the report reads every row


@dataclass(frozen=True)
class CallRow:
    id: int
    number: str
    received_at: _dt.datetime
    ended_at: _dt.datetime
    category: str
    contact: str
    phone: str
    unit: str
    account_no: str
    address: str
    content: str
    in_scope: bool
    referred_to: str
    backdated: bool
    entered_by: str


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    call_number: str
    category: str
    severity: str
    state: str
    account_no: str
    address: str
    contact: str
    phone: str
    content: str
    suggested: str
    assignee: str
    reported_at: _dt.datetime
    call_ended_at: _dt.datetime
    created_at: _dt.datetime
    due_at: _dt.datetime
    dispatched_at: _dt.datetime | None
    dispatch_seconds: int | None
    dispatch_late: bool  # dispatched after the limit
    undispatched: bool  # still new past the limit
    overdue: bool
    alarms: int  # full hours an unresolved major leak has been open
    next_change: _dt.datetime | None  # when a flag changes by time alone

    @property
    def dispatch_minutes(self) -> str:
        """"m:ss" from the call's end to the first dispatch, "" before it."""
        if self.dispatch_seconds is None:
            return ""
        return f"{self.dispatch_seconds // 60}:{self.dispatch_seconds % 60:02d}"


@dataclass(frozen=True)
class StepRow:
    from_state: str | None
    to_state: str
    at: _dt.datetime
    entered_at: _dt.datetime
    by: str
    backdated: bool
    assignee: str
    note: str


@dataclass(frozen=True)
class OrderCard:
    order: OrderRow
    work_note: str
    heat_advice: str
    unfixable_reason: str
    escalated_to: str
    satisfied: bool | None
    visit_comment: str
    steps: tuple[StepRow, ...]


def greeting() -> str:
    """The hotline's greeting script (热线岗位：“您好，阳光热力，请讲”)."""
    return f"您好，{config.company_name()}，请讲"


def dispatch_minutes() -> int:
    return settings.get_int("service_dispatch_minutes")


def _phone(actor: Actor, phone: str) -> str:
    return phone if can(actor, "service.calls") or can(actor, "accounts.view_personal") \
        else mask_phone(phone)


def _call_row(actor: Actor, c: Call, account_no: str) -> CallRow:
    return CallRow(c.id, c.number, c.received_at, c.ended_at, c.category, c.contact,
                   _phone(actor, c.phone), c.unit, account_no, c.address, c.content, c.in_scope,
                   c.referred_to, c.backdated, c.entered_by)


def recent_calls(actor: Actor, *, limit: int = 50) -> list[CallRow]:
    """The latest calls, newest first."""
    require(actor, "service.view")
    q = (Call.select(Call, Account.account_no.alias("acc_no"))
         .join(Account, join_type=JOIN.LEFT_OUTER).order_by(Call.id.desc()).limit(limit))
    return [_call_row(actor, c, c.acc_no or "") for c in q.objects()]


def call(actor: Actor, number: str) -> CallRow:
    require(actor, "service.view")
    c = calls.get(number)
    no = Account.get_by_id(c.account_id).account_no if c.account_id else ""
    return _call_row(actor, c, no)


# The columns of an order's row, read as tuples (a thousand open orders: the ORM's objects
# were most of the time).
_COLUMNS = (WorkOrder.id, WorkOrder.number, Call.number, WorkOrder.category, WorkOrder.severity,
            WorkOrder.state, Account.account_no, Call.address, Call.contact, Call.phone,
            Call.content, WorkOrder.suggested, WorkOrder.assignee, Call.received_at,
            Call.ended_at, WorkOrder.created_at, WorkOrder.due_at, WorkOrder.dispatched_at,
            WorkOrder.dispatch_seconds, WorkOrder.finished_at)


def _orders_query() -> Any:
    return (WorkOrder.select(*_COLUMNS).join(Call).switch(WorkOrder)
            .join(Account, join_type=JOIN.LEFT_OUTER))


def _order_row(values: tuple[Any, ...], phones: bool, now: _dt.datetime,
               minutes: int) -> OrderRow:
    (id_, number, call_no, category, severity, state, account_no, address, contact, phone,
     content, suggested, assignee, reported, ended, created, due, dispatched, seconds,
     finished) = values
    return OrderRow(
        id_, number, call_no, category, severity, state, account_no or "", address, contact,
        phone if phones else mask_phone(phone), content, suggested, assignee, reported, ended,
        created, due, dispatched, seconds,
        seconds is not None and deadlines.dispatch_late(seconds, minutes),
        deadlines.undispatched(state, ended, now, minutes),
        deadlines.overdue(severity, state, due, now, finished),
        deadlines.alarms(severity, state, reported, now),
        deadlines.next_change(severity, state, reported, ended, due, now, minutes))


def _phones(actor: Actor) -> bool:
    return can(actor, "service.calls") or can(actor, "accounts.view_personal")


def work_orders(actor: Actor, *, overdue: bool = False, undispatched: bool = False,
                open_only: bool = True, now: _dt.datetime | None = None,
                limit: int = 2000) -> list[OrderRow]:
    """Work orders (the open ones by default), most urgent first: undispatched, overdue, then
    by due time."""
    require(actor, "service.view")
    now = now or clock.now()
    minutes = dispatch_minutes()
    phones = _phones(actor)
    q = _orders_query()
    if open_only:
        q = q.where(WorkOrder.state.in_(workflow.OPEN_STATES))
    rows = [_order_row(values, phones, now, minutes)
            for values in q.order_by(WorkOrder.due_at, WorkOrder.id).limit(limit).tuples()]
    if overdue:
        rows = [r for r in rows if r.overdue]
    if undispatched:
        rows = [r for r in rows if r.undispatched]
    rows.sort(key=lambda r: (not r.undispatched, not r.overdue, r.due_at, r.id))
    return rows


def order_card(actor: Actor, number: str, now: _dt.datetime | None = None) -> OrderCard:
    require(actor, "service.view")
    o = orders.get(number)
    values = _orders_query().where(WorkOrder.id == o.id).tuples().get()
    row = _order_row(values, _phones(actor), now or clock.now(), dispatch_minutes())
    steps = tuple(StepRow(s.from_state, s.to_state, s.at, s.entered_at, s.by, s.backdated,
                          s.assignee, s.note)
                  for s in WorkOrderStep.select().where(WorkOrderStep.work_order == o.id)
                  .order_by(WorkOrderStep.id))
    return OrderCard(row, o.work_note, o.heat_advice, o.unfixable_reason, o.escalated_to,
                     o.satisfied, o.visit_comment, steps)


def suggestion(actor: Actor, account_id: int | None) -> str:
    """Who the service areas suggest for an account (the dispatch dialog's default)."""
    require(actor, "service.view")
    return orders.suggest(account_id)


@dataclass(frozen=True)
class AccountHit:
    id: int
    account_no: str
    name: str
    address: str
    phone: str


def find_accounts(actor: Actor, text: str, limit: int = 8) -> list[AccountHit]:
    """Accounts matching any fragment (the register's search), for the call form."""
    require(actor, "service.view")
    text = (text or "").strip()
    if not text:
        return []
    from heatoffice.accounts import register

    return [AccountHit(r[0], r[1], r[2], r[4], r[5])
            for r in register.page(actor, text, limit=limit)]


@dataclass(frozen=True)
class DayFigures:
    """The day's figures the work-order page shows: calls, dispatches, the share in time."""

    calls: int
    dispatched: int
    in_time: int

    @property
    def share(self) -> int | None:
        """Percent of the day's dispatches within the limit (None before the first)."""
        return round(100 * self.in_time / self.dispatched) if self.dispatched else None


def day_figures(actor: Actor, day: _dt.date) -> DayFigures:
    """Calls received on ``day`` and the dispatches of their work orders."""
    require(actor, "service.view")
    low = _dt.datetime.combine(day, _dt.time())
    high = low + _dt.timedelta(days=1)
    calls_count = Call.select().where((Call.received_at >= low) & (Call.received_at < high))
    seconds = [s for (s,) in WorkOrder.select(WorkOrder.dispatch_seconds).join(Call)
               .where((Call.received_at >= low) & (Call.received_at < high)
                      & WorkOrder.dispatch_seconds.is_null(False)).tuples()]
    limit = dispatch_minutes()
    return DayFigures(calls_count.count(), len(seconds),
                      sum(1 for s in seconds if not deadlines.dispatch_late(int(s), limit)))


def service_report(actor: Actor, start: _dt.date, end: _dt.date,
                   now: _dt.datetime | None = None) -> ServiceReport:
    """服务报表 (part 7): every sheet of the period ``start``..``end`` (both included), the
    open work orders as at ``now``; what the report page shows and the Excel and PDF files
    hold (``exports.service_report``)."""
    require(actor, "service.export")
    now = now or clock.now()
    open_rows = work_orders(actor, now=now, limit=_EVERY)
    all_rows = work_orders(actor, open_only=False, now=now, limit=_EVERY)
    sheets = [*order_reports.order_sheets(start, end, now, dispatch_minutes(), open_rows,
                                          all_rows),
              *case_reports.case_sheets(actor, start, end)]
    return ServiceReport(start, end, tuple(sheets))
