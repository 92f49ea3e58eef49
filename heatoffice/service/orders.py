"""Work orders (处理调度单): made from a call, dispatched to a crew or staff member (suggested
from the account's service area), worked, visited back and closed, on the company's deadlines
(deadlines.py). Every step records who and when; ``at`` records a step that happened earlier
(marked and audited as recorded later)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock, glossary, transitions
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.org.models import ServiceArea, Staff
from heatoffice.service import calls, deadlines, numbering, settings, times, workflow
from heatoffice.service.models import SEVERITIES, Call, WorkOrder, WorkOrderStep

# who repairs first: the maintenance crew's range, then the operator's, then anyone's
SUGGEST_ORDER = ("maintenance", "operator")


def get(number: str) -> WorkOrder:
    order = WorkOrder.get_or_none(WorkOrder.number == numbering.normal(number))
    if order is None:
        raise UserError("service.order_not_found", field="number", value=number)
    return order


def suggest(account_id: int | None, on: _dt.date | None = None) -> str:
    """The staff member whose service area holds the account (its heat station or community)
    on ``on``: a maintenance man first, then the station's operator; "" if none."""
    if account_id is None:
        return ""
    from heatoffice.accounts.models import Account

    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        return ""
    on = on or clock.today()
    target = ServiceArea.community == account.community.name
    if account.station_id is not None:
        target = target | (ServiceArea.station == account.station_id)
    rows = list(ServiceArea.select(ServiceArea.kind, Staff.name).join(Staff)
                .where(target & (ServiceArea.start_date <= on)
                       & (ServiceArea.end_date.is_null() | (ServiceArea.end_date >= on))
                       & Staff.active)
                .order_by(Staff.staff_no, ServiceArea.id).tuples())
    rank = {kind: i for i, kind in enumerate(SUGGEST_ORDER)}
    rows.sort(key=lambda r: rank.get(r[0], len(rank)))
    return rows[0][1] if rows else ""


def new_order(actor: Actor, call_number: str, *, severity: str | None = None) -> WorkOrder:
    """A work order from a call; its deadline from the call's time and category."""
    require(actor, "service.dispatch")
    call = calls.get(call_number)
    if not call.in_scope:
        raise UserError("service.out_of_scope_order", number=call.number)
    severity = severity or deadlines.severity_of(call.category)
    val.choice(severity, SEVERITIES, "severity")
    due = deadlines.due_at(severity, call.category, call.received_at,
                           settings.get_json("service_deadline_hours"))
    now = clock.now().replace(microsecond=0)
    with database.atomic():
        seq, number = numbering.next_number(numbering.WORK_ORDER, now.year)
        order = WorkOrder.create(
            number=number, year=now.year, seq=seq, call=call.id, account=call.account_id,
            category=call.category, severity=severity, state="new", created_at=now,
            created_by=actor.username, due_at=due, suggested=suggest(call.account_id))
        WorkOrderStep.create(work_order=order.id, from_state=None, to_state="new", at=now,
                             entered_at=now, by=actor.username)
        audit.record(actor, "service.order_new", "work_order", order.id,
                     after=audit.snapshot(order), note=f"{number}（{call.number}）")
    return order


def resolve_assignee(text: str) -> tuple[str, int | None]:
    """(the name an order shows, the staff id) of a login user, a staff number or a staff
    member's name."""
    key = (text or "").strip()
    if not key:
        raise UserError("validation.required", field="to")
    user = User.get_or_none(User.username == key)
    if user is not None:
        return user.username, user.staff_id
    staff = Staff.get_or_none(Staff.staff_no == key)
    if staff is None:
        named = list(Staff.select().where(Staff.name == key, Staff.active).limit(2))
        staff = named[0] if len(named) == 1 else None
    if staff is None:
        raise UserError("service.assignee_unknown", field="to", value=key)
    return staff.name, staff.id


def _manager(text: str) -> str:
    """The login of the manager an order that cannot be fixed is escalated to."""
    user = User.get_or_none(User.username == text.strip())
    if user is None or user.role not in ("manager", "admin"):
        raise UserError("service.not_manager", field="escalated_to", value=text)
    return str(user.username)


def _check_time(order: WorkOrder, at: _dt.datetime, field: str = "at") -> None:
    call = Call.get_by_id(order.call_id)
    if at < call.received_at:
        raise UserError("service.before_call", field=field, value=times.minute(at),
                        call=times.minute(call.received_at))


def _step(actor: Actor, order: WorkOrder, to_state: str, at: _dt.datetime, backdated: bool,
          note: str, changes: dict[str, Any]) -> WorkOrder:
    transitions.check(workflow.TRANSITIONS, "work_order_state", order.state, to_state,
                      "service.bad_transition")
    _check_time(order, at)
    before = audit.snapshot(order)
    now = clock.now().replace(microsecond=0)
    with database.atomic():
        from_state = order.state
        for name, value in changes.items():
            setattr(order, name, value)
        order.state = to_state
        order.save()
        WorkOrderStep.create(work_order=order.id, from_state=from_state, to_state=to_state,
                             at=at, entered_at=now, by=actor.username, backdated=backdated,
                             assignee=order.assignee, note=note)
        label = glossary.label("work_order_state", to_state, "zh")
        text = f"{order.number} {label}"
        if backdated:
            text += f"（补录：{times.minute(at)}）"
        audit.record(actor, "service.order_step", "work_order", order.id, before=before,
                     after=audit.snapshot(order), note=text)
    return order


def dispatch(actor: Actor, number: str, to: str, *, at: Any = None, note: str = "") -> WorkOrder:
    """派工: to a crew or staff member; the first dispatch records the minutes from the call's
    end (late past the dispatch setting)."""
    require(actor, "service.dispatch")
    order = get(number)
    when, backdated = times.when(at)
    name, staff_id = resolve_assignee(to)
    changes: dict[str, Any] = {"assignee": name, "assignee_staff": staff_id}
    if order.dispatched_at is None:
        call = Call.get_by_id(order.call_id)
        changes["dispatched_at"] = when
        changes["dispatch_seconds"] = deadlines.dispatch_seconds(call.ended_at, when)
    return _step(actor, order, "dispatched", when, backdated, (note or "").strip(), changes)


def move(actor: Actor, number: str, verb: str, *, note: str = "", advice: str = "",
         satisfied: bool | None = None, to: str = "", at: Any = None) -> WorkOrder:
    """The other steps: onsite, fixed (work note, advice on using heat), unfixable (the reason;
    escalated to a manager), visit (satisfied yes/no, comment), close."""
    if verb not in workflow.ACTIONS or verb == "dispatch":
        raise UserError("validation.choice", field="status", value=verb,
                        choices="、".join(a for a in workflow.ACTIONS if a != "dispatch"))
    target, permission = workflow.ACTIONS[verb]
    require(actor, permission)
    order = get(number)
    when, backdated = times.when(at)
    note = (note or "").strip()
    changes: dict[str, Any] = {}
    if target == "on_site":
        changes["onsite_at"] = when
    elif target == "fixed":
        changes.update(finished_at=when, work_note=note, heat_advice=(advice or "").strip())
    elif target == "unfixable":
        if not note:
            raise UserError("service.reason_needed", field="unfixable_reason")
        escalated = _manager(to) if to else "manager"
        changes.update(finished_at=when, unfixable_reason=note, escalated_to=escalated,
                       heat_advice=(advice or "").strip())
    elif target == "visited":
        if satisfied is None:
            raise UserError("service.satisfied_needed", field="satisfied")
        changes.update(satisfied=satisfied, visit_comment=note)
    elif target == "closed":
        changes["closed_at"] = when
    return _step(actor, order, target, when, backdated, note, changes)
