"""投诉 (work rule 8): a complaint by phone, in person or in writing; the handler records the
facts, the customer's view and the decision; what is beyond the handler's authority is
escalated to a manager (recorded); a written complaint is answered by phone or letter by its
deadline (the setting ``complaint_reply_days``), the reply recorded."""

from __future__ import annotations

from typing import Any

from heatoffice import clock, transitions
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.permissions import allowed, require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.service import case_rules, numbering
from heatoffice.service import settings as service_settings
from heatoffice.service.case_common import account_of, backdated_note, moment
from heatoffice.service.case_models import (
    CHANNELS,
    REPLY_METHODS,
    Complaint,
    ComplaintStep,
)
from heatoffice.service.models import Call

PREFIX = "TS"  # 投诉


def get(number: str) -> Complaint:
    c = Complaint.get_or_none(Complaint.number == numbering.normal(number))
    if c is None:
        raise UserError("complaints.not_found", field="number", value=number)
    return c


def _step(actor: Actor, c: Complaint, action: str, target: str, when, note: str = "") -> None:
    ComplaintStep.create(complaint=c.id, action=action, from_state=c.state, to_state=target,
                         at=when, entered_at=clock.now(), by=actor.username, note=note)


def _move(c: Complaint, target: str, *, staying: bool = False) -> None:
    """Refuse a move the table does not allow (``staying``: the state may stay as it is)."""
    if not (staying and target == c.state):
        transitions.check(case_rules.COMPLAINT_TRANSITIONS, "complaint_state", c.state,
                          target, "complaints.bad_transition")


def reply_days() -> int:
    return service_settings.get_int("complaint_reply_days")


def add(actor: Actor, *, channel: str, complainant: str, content: str, phone: str = "",
        account: Any = None, address: str = "", call_number: str = "",
        at: Any = None) -> Complaint:
    """受理投诉: its number (TS-2026-000001); a written one gets its reply deadline."""
    require(actor, "complaints.record")
    v = val.Collector()
    channel = v.check(val.choice, channel or "", CHANNELS, field="complaint_channel") or ""
    name = v.check(val.required, (complainant or "").strip(), field="complainant") or ""
    text = v.check(val.required, (content or "").strip(), field="content") or ""
    phone = (v.check(val.phone, phone.strip(), field="phone") or "") if phone else ""
    when = v.check(moment, at, "received_at")
    target = v.check(account_of, account)
    v.raise_if_any()
    assert when is not None
    received, backdated = when
    address = (address or "").strip()
    if target is None and not address:
        raise UserError("complaints.address_needed", field="address")
    if target is not None and not address:
        address = target.address
    call = numbering.normal(call_number)
    if call and not Call.select().where(Call.number == call).exists():
        raise UserError("service.call_not_found", field="call_number", value=call)
    with database.atomic():
        seq, number = numbering.next_number(PREFIX, received.year)
        due = (case_rules.reply_due(received, reply_days())
               if case_rules.needs_reply(channel) else None)
        c = Complaint.create(
            number=number, year=received.year, seq=seq, channel=channel,
            account=target.id if target else None, complainant=name, phone=phone,
            address=val.max_length(address, 200, "address"), content=text,
            call_number=call, received_at=received,
            entered_at=clock.now(), received_by=actor.username, handler=actor.username,
            state="open", reply_due=due)
        ComplaintStep.create(complaint=c.id, action="add", from_state=None, to_state="open",
                             at=received, entered_at=clock.now(), by=actor.username)
        audit.record(actor, "complaints.add", "complaint", c.id, after=audit.snapshot(c),
                     note=backdated_note(received, backdated))
    return c


def handle(actor: Actor, number: str, *, facts: str, view: str, decision: str,
           at: Any = None) -> Complaint:
    """处理: the facts, the customer's view and the decision. An escalated complaint is
    decided by a manager. A written complaint then waits for its reply; others close."""
    require(actor, "complaints.record")
    v = val.Collector()
    facts = v.check(val.required, (facts or "").strip(), field="facts") or ""
    view = v.check(val.required, (view or "").strip(), field="customer_view") or ""
    decision = v.check(val.required, (decision or "").strip(), field="decision") or ""
    when = v.check(moment, at, "decided_at")
    v.raise_if_any()
    assert when is not None
    with database.atomic():
        c = get(number)
        if c.state == "escalated":
            require(actor, "complaints.escalated")
        replied = c.replied_at is not None
        target = ("awaiting_reply" if case_rules.needs_reply(c.channel) and not replied
                  else "closed")
        _move(c, target)
        before = audit.snapshot(c)
        _step(actor, c, "handle", target, when[0], decision)
        c.facts, c.customer_view, c.decision = facts, view, decision
        c.decided_at, c.decided_by = when[0], actor.username
        c.handler = actor.username
        c.state = target
        if target == "closed":
            c.closed_at = when[0]
        c.save()
        audit.record(actor, "complaints.handle", "complaint", c.id, before=before,
                     after=audit.snapshot(c), note=backdated_note(*when))
    return c


def escalate(actor: Actor, number: str, *, to: str, reason: str, at: Any = None) -> Complaint:
    """上报: beyond the handler's authority, the complaint goes to a manager, who owns it."""
    require(actor, "complaints.record")
    v = val.Collector()
    reason = v.check(val.required, (reason or "").strip(), field="reason") or ""
    manager = (to or "").strip()
    user = User.get_or_none(User.username == manager) if manager else None
    if user is None or not allowed(user.role, "complaints.escalated"):
        v.add(UserError("complaints.not_a_manager", field="escalated_to", value=manager))
    when = v.check(moment, at, "escalated_at")
    v.raise_if_any()
    assert when is not None
    with database.atomic():
        c = get(number)
        _move(c, "escalated")
        before = audit.snapshot(c)
        _step(actor, c, "escalate", "escalated", when[0], f"上报 {manager}：{reason}")
        c.escalated_to, c.escalated_at = manager, when[0]
        c.handler = manager
        c.state = "escalated"
        c.save()
        audit.record(actor, "complaints.escalate", "complaint", c.id, before=before,
                     after=audit.snapshot(c), note=backdated_note(*when, reason))
    return c


def reply(actor: Actor, number: str, *, method: str, text: str, at: Any = None) -> Complaint:
    """答复: by phone or by letter (the letter prints as a PDF). A complaint already decided
    closes with its reply; one replied before its decision closes when decided."""
    require(actor, "complaints.record")
    v = val.Collector()
    method = v.check(val.choice, method or "", REPLY_METHODS, field="reply_method") or ""
    text = v.check(val.required, (text or "").strip(), field="reply_text") or ""
    when = v.check(moment, at, "replied_at")
    v.raise_if_any()
    assert when is not None
    with database.atomic():
        c = get(number)
        if c.state == "closed" and c.replied_at is not None:
            raise UserError("complaints.replied_already", value=c.number)
        if c.state == "escalated":
            require(actor, "complaints.escalated")
        target = "closed" if c.state == "awaiting_reply" else c.state
        _move(c, target, staying=True)
        before = audit.snapshot(c)
        _step(actor, c, "reply", target, when[0], text)
        c.replied_at, c.replied_by = when[0], actor.username
        c.reply_method, c.reply_text = method, text
        c.state = target
        if target == "closed" and c.closed_at is None:
            c.closed_at = when[0]
        c.save()
        audit.record(actor, "complaints.reply", "complaint", c.id, before=before,
                     after=audit.snapshot(c), note=backdated_note(*when))
    return c
