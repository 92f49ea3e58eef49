"""Measurement records: drafted with their parts and joint measurers, submitted, reviewed by
someone else, then applied to the account (with an adjustment proposed) or rejected."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from heatoffice import clock, glossary, transitions
from heatoffice import validation as val
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import recheck
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.billing.models import Bill, RemeasureRequest
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.measurements import joint, numbering, rules
from heatoffice.measurements.calc import BASES, KINDS, Part, area_of
from heatoffice.measurements.models import (
    TRANSITIONS,
    Measurement,
    MeasurementMeasurer,
    MeasurementPart,
    MeasurementStep,
)
from heatoffice.reception import numbers
from heatoffice.reception.models import Application
from heatoffice.seasons.models import Season

REASONS = glossary.names("measurement_reason")


def _length(value: Any, field: str) -> Decimal:
    return val.area(value, field=field, max=Decimal("1000"))


def clean_part(part: Any, seq: int) -> Part:
    """A part from a Part or a dict (name, kind, length, width or area), every number checked."""
    data = part.__dict__ if isinstance(part, Part) else dict(part)
    name = val.max_length(val.required(data.get("name"), field="part_name"), 64, "part_name")
    kind = val.choice(data.get("kind") or "room", KINDS, field="part_kind")
    if data.get("area") not in (None, ""):
        return Part(name, kind, area=val.area(data["area"], field="part_area", min=Decimal(0)))
    return Part(name, kind, _length(data.get("length"), "length"),
                _length(data.get("width"), "width"))


def get(number: str) -> Measurement:
    m = Measurement.get_or_none(Measurement.number == str(number).strip().upper())
    if m is None:
        raise UserError("measurements.not_found", field="number", value=number)
    return m


def _step(actor: Actor, m: Measurement, target: str, reason: str = "") -> dict:
    transitions.check(TRANSITIONS, "measurement_state", m.state, target,
                      "measurements.bad_transition")
    before = audit.snapshot(m)
    MeasurementStep.create(measurement=m, from_state=m.state, to_state=target,
                           at=clock.now(), by=actor.username, reason=reason)
    m.state = target
    return before


def application_of_request(request_id: int) -> int | None:
    """The reception application whose area change opened the re-measurement request (its
    number is in the request's notes), so the measurement answering it names it too."""
    request = RemeasureRequest.get_or_none(RemeasureRequest.id == request_id)
    number = numbers.in_text(request.notes) if request is not None else ""
    found = Application.get_or_none(Application.number == number) if number else None
    return found.id if found is not None else None


def create(actor: Actor, account_no: str, *, reason: str, measurers: list[str],
           parts: list[Any], height: Any = None, measured_on: Any = None,
           request_id: int | None = None, checks: str | None = None, basis: str = "parts",
           usable_area: Any = None, notes: str = "", customer_present: bool = False,
           customer_signed: bool = False, application_id: int | None = None) -> Measurement:
    """A draft measurement computed with the current area rules; its number is given here."""
    require(actor, "measurements.record")
    v = val.Collector()
    reason = v.check(val.choice, reason, REASONS, field="reason") or ""
    basis = v.check(val.choice, basis or "parts", BASES, field="basis") or ""
    on = (v.check(val.parse_date, measured_on, "measured_on") if measured_on else None) \
        or clock.today()
    ceiling = (v.check(_length, height, "ceiling_height")
               if height not in (None, "") else None)
    usable = (v.check(val.area, usable_area, field="usable_area")
              if usable_area not in (None, "") else None)
    cleaned = [v.check(clean_part, p, i) for i, p in enumerate(parts, 1)]
    if basis == "parts" and not parts:
        v.add(UserError("measurements.no_parts", field="parts"))
    if basis == "certificate" and usable is None:
        v.add(UserError("validation.required", field="usable_area"))
    if customer_signed and not customer_present:
        v.add(UserError("recheck.signed_absent", field="customer_signed"))
    notes = v.check(val.max_length, str(notes or "").strip(), 2000, field="notes") or ""
    v.raise_if_any()
    with database.atomic():
        account = accounts.get_account(actor, account_no)
        sides = joint.measurer_sides(measurers)
        if request_id is not None and not RemeasureRequest.select().where(
                (RemeasureRequest.id == request_id) & (RemeasureRequest.account == account.id)
                & (RemeasureRequest.status == "open")).exists():
            raise UserError("measurements.no_request", field="request", value=request_id)
        if request_id is not None and application_id is None:
            application_id = application_of_request(request_id)
        checked = get(checks) if checks else None
        if checked is not None and checked.account_id != account.id:
            raise UserError("measurements.other_account", field="checks", value=checks)
        rule_row = rules.current_row()
        area = area_of(rules.rules_of(rule_row), [p for p in cleaned if p is not None],
                       height=ceiling, basis=basis, usable_area=usable)
        m = Measurement.create(
            number=numbering.next_number(on.year), account=account, measured_on=on,
            reason=reason, request=request_id, application_id=application_id,
            checks=checked, rule_version=rule_row, basis=basis, usable_area=usable,
            ceiling_height=ceiling, area=area, area_before=account.heating_area,
            difference=area - account.heating_area, notes=notes,
            customer_present=bool(customer_present), customer_signed=bool(customer_signed),
            created_at=clock.now(), created_by=actor.username)
        for seq, p in enumerate(cleaned, 1):
            assert p is not None
            MeasurementPart.create(measurement=m, seq=seq, name=p.name, kind=p.kind,
                                   length=p.length, width=p.width, area=p.area)
        for username, side in sides:
            MeasurementMeasurer.create(measurement=m, username=username, side=side)
        MeasurementStep.create(measurement=m, from_state=None, to_state="draft",
                               at=m.created_at, by=actor.username)
        audit.record(actor, "measurements.create", "measurement", m.id,
                     after=audit.snapshot(m))
    return m


def submit(actor: Actor, number: str) -> Measurement:
    require(actor, "measurements.record")
    with database.atomic():
        m = get(number)
        before = _step(actor, m, "submitted")
        m.save()
        audit.record(actor, "measurements.submit", "measurement", m.id, before=before,
                     after=audit.snapshot(m))
    return m


def review(actor: Actor, number: str) -> Measurement:
    """复核: approved by someone who is not one of its measurers."""
    require(actor, "measurements.review")
    with database.atomic():
        m = get(number)
        if MeasurementMeasurer.select().where(
                (MeasurementMeasurer.measurement == m.id)
                & (MeasurementMeasurer.username == actor.username)).exists():
            raise UserError("measurements.reviewer_measured", field="reviewer",
                            value=actor.username)
        before = _step(actor, m, "reviewed")
        m.save()
        audit.record(actor, "measurements.review", "measurement", m.id, before=before,
                     after=audit.snapshot(m))
    return m


def _close_request(actor: Actor, m: Measurement) -> None:
    if m.request_id is None:
        return
    request = RemeasureRequest.get_by_id(m.request_id)
    if request.status == "open":
        before = audit.snapshot(request)
        request.status = "closed"
        request.save(only=[RemeasureRequest.status])
        audit.record(actor, "measurements.close_request", "remeasure_request", request.id,
                     before=before, after=audit.snapshot(request), note=m.number)


def reject(actor: Actor, number: str, reason: str) -> Measurement:
    require(actor, "measurements.review")
    reason = val.required(reason, field="reason")
    with database.atomic():
        m = get(number)
        before = _step(actor, m, "rejected", reason)
        m.save()
        audit.record(actor, "measurements.reject", "measurement", m.id, before=before,
                     after=audit.snapshot(m), note=reason)
        _close_request(actor, m)
    return m


def _season_bill(account_id: int, effective: _dt.date) -> Bill | None:
    """The season bill whose season the effective date falls in or comes before."""
    return (Bill.select().join(Season)
            .where((Bill.account == account_id) & (Bill.kind == "season")
                   & (Season.end_date >= effective))
            .order_by(Season.start_date).first())


def apply(actor: Actor, number: str, effective: Any = None) -> Measurement:
    """生效: the account's area becomes the measured one from ``effective`` (the measurement
    date by default) and the issued season bill's difference is proposed as an adjustment.
    Applying an applied measurement again does nothing."""
    require(actor, "measurements.apply")
    with database.atomic():
        m = get(number)
        if m.state == "applied":
            return m
        on = val.parse_date(effective, "effective_on") if effective else m.measured_on
        account = Account.get_by_id(m.account_id)
        old = account.heating_area
        before = _step(actor, m, "applied")
        m.effective_on = on
        accounts.set_heating_area(actor, account.id, m.area, on, m.number)
        bill = _season_bill(account.id, on)
        if bill is not None and m.area != old:
            amount = recheck.area_change_amount(bill.id, old, m.area, on)
            if amount:
                m.adjustment = propose_adjustment(
                    actor, account.id, amount, "area_correction",
                    f"面积测量 {m.number}：{old} ㎡ → {m.area} ㎡，自 {on.isoformat()} 起",
                    bill_id=bill.id, source="measurement")
        m.save()
        audit.record(actor, "measurements.apply", "measurement", m.id, before=before,
                     after=audit.snapshot(m))
        _close_request(actor, m)
    return m


def note_printed(actor: Actor, number: str, account_no: str) -> None:
    """The audit row of a printed sheet: the measurement's, or the account's for a blank."""
    require(actor, "measurements.view")
    with database.atomic():
        if number:
            audit.record(actor, "measurements.print", "measurement", get(number).id)
        else:
            audit.record(actor, "measurements.print", "account",
                         accounts.get_account(actor, account_no).id)


def note_exported(actor: Actor, note: str) -> None:
    """The audit row of an exported register, once the file is complete."""
    require(actor, "measurements.export")
    with database.atomic():
        audit.record(actor, "measurements.export", "measurement", "*", note=note)
