"""Measurement reads for the pages, the command line and the documents: plain frozen values."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from peewee import JOIN

from heatoffice.accounts.models import Account, Community, format_address
from heatoffice.accounts.service import get_account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.models import Adjustment, RemeasureRequest
from heatoffice.measurements import rules
from heatoffice.measurements.calc import KINDS, AreaRules, Part, area_of, tidy
from heatoffice.measurements.documents import MeasurementSheet, RegisterRow, SheetPart, Step
from heatoffice.measurements.models import (
    Measurement,
    MeasurementMeasurer,
    MeasurementPart,
    MeasurementStep,
)
from heatoffice.measurements.service import get
from heatoffice.reception.models import Application


def current_rules(actor: Actor) -> AreaRules:
    """The area rules a new measurement is computed with."""
    require(actor, "measurements.view")
    return rules.rules_of(rules.current_row())


def preview(rule: AreaRules, parts: list[Part], *, height: Decimal | None = None,
            basis: str = "parts", usable_area: Decimal | None = None) -> Decimal:
    """The area the editor shows as the parts are typed (the service computes it again)."""
    return area_of(rule, parts, height=height, basis=basis, usable_area=usable_area)


def _address(account: Account) -> str:
    return format_address(account.community.name, account.building, account.unit, account.room)


def blank_sheet(actor: Actor, account_no: str) -> MeasurementSheet:
    """The sheet to take on the field visit: the account and its area on record."""
    require(actor, "measurements.view")
    a = get_account(actor, account_no)
    return MeasurementSheet(number="", account_no=a.account_no, name=a.name,
                            address=_address(a), community=a.community.name,
                            area_on_record=a.heating_area)


def sheet(actor: Actor, number: str) -> MeasurementSheet:
    """A measurement with its parts, rules, measurers, trail and proposed adjustment."""
    require(actor, "measurements.view")
    m = get(number)
    a = Account.get_by_id(m.account_id)
    rule = rules.rules_of(m.rule_version)
    parts = []
    for p in MeasurementPart.select().where(MeasurementPart.measurement == m.id) \
            .order_by(MeasurementPart.seq):
        part = Part(p.name, p.kind, p.length, p.width, p.area)
        share = rule.share(p.kind).normalize()
        parts.append(SheetPart(p.name, p.kind, p.length, p.width, tidy(part.gross()), share,
                               tidy(part.gross() * share)))
    steps = tuple(Step(s.from_state, s.to_state, s.at, s.by, s.reason)
                  for s in MeasurementStep.select().where(MeasurementStep.measurement == m.id)
                  .order_by(MeasurementStep.id))
    measurers = tuple(MeasurementMeasurer.select(MeasurementMeasurer.username,
                                                 MeasurementMeasurer.side)
                      .where(MeasurementMeasurer.measurement == m.id)
                      .order_by(MeasurementMeasurer.id).tuples())
    adj = Adjustment.get_by_id(m.adjustment_id) if m.adjustment_id else None
    checked = Measurement.get_by_id(m.checks_id).number if m.checks_id else ""
    return MeasurementSheet(
        number=m.number, account_no=a.account_no, name=a.name, address=_address(a),
        community=a.community.name, area_on_record=m.area_before, measured_on=m.measured_on,
        reason=m.reason, state=m.state, rule_version=rule.version,
        shares=tuple((k, rule.share(k).normalize()) for k in KINDS), ceiling_base=rule.ceiling_base,
        coefficient=rule.coefficient, basis=m.basis, usable_area=m.usable_area,
        ceiling_height=m.ceiling_height, parts=tuple(parts), area=m.area,
        difference=m.difference, measurers=measurers, customer_present=m.customer_present,
        customer_signed=m.customer_signed, notes=m.notes, steps=steps,
        effective_on=m.effective_on, adjustment_amount=adj.amount if adj else None,
        adjustment_status=adj.status if adj else "", request_id=m.request_id, checks=checked,
        application=_application_numbers({m.application_id} if m.application_id else set())
        .get(m.application_id, ""))


def register(actor: Actor, *, state: str | None = None, community: str | None = None,
             reason: str | None = None, min_difference: Any = None,
             open_requests: bool = False, date_from: _dt.date | None = None,
             date_to: _dt.date | None = None) -> list[RegisterRow]:
    """Measurements by date and number, filtered; ``min_difference`` compares |difference|,
    ``open_requests`` keeps those answering a re-measurement request still open."""
    require(actor, "measurements.view")
    q = (Measurement.select(Measurement, Account, Community, Adjustment)
         .join(Account).join(Community).switch(Measurement)
         .join(Adjustment, join_type=JOIN.LEFT_OUTER,
               on=(Measurement.adjustment == Adjustment.id))
         .order_by(Measurement.measured_on, Measurement.number))
    if state:
        q = q.where(Measurement.state == state)
    if community:
        q = q.where(Community.name == community)
    if reason:
        q = q.where(Measurement.reason == reason)
    if date_from:
        q = q.where(Measurement.measured_on >= date_from)
    if date_to:
        q = q.where(Measurement.measured_on <= date_to)
    if min_difference not in (None, ""):
        least = Decimal(str(min_difference))
        q = q.where((Measurement.difference >= least) | (Measurement.difference <= -least))
    if open_requests:
        q = q.join_from(Measurement, RemeasureRequest,
                        on=(Measurement.request == RemeasureRequest.id)) \
            .where(RemeasureRequest.status == "open")
    found = list(q)
    ids = [m.id for m in found]
    names: dict[int, list[str]] = {}
    for mid, user in (MeasurementMeasurer.select(MeasurementMeasurer.measurement,
                                                 MeasurementMeasurer.username)
                      .where(MeasurementMeasurer.measurement.in_(ids)).tuples()
                      if ids else []):
        names.setdefault(mid, []).append(user)
    asked = _application_numbers({m.application_id for m in found if m.application_id})
    return [RegisterRow(m.number, m.measured_on, m.account.community.name,
                        m.account.account_no, m.account.name, _address(m.account), m.reason,
                        m.state, m.area_before, m.area, m.difference,
                        "、".join(names.get(m.id, [])), m.effective_on,
                        m.adjustment.amount if m.adjustment_id else None,
                        asked.get(m.application_id, ""))
            for m in found]


def _application_numbers(ids: set[int]) -> dict[int, str]:
    """Reception application numbers by id."""
    if not ids:
        return {}
    return dict(Application.select(Application.id, Application.number)
                .where(Application.id.in_(list(ids))).tuples())

