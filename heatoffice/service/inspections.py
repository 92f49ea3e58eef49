"""稽查 and customer service's patrols: patrols, valve sealing of stopped homes (贴封) and seal
checks, cut-offs (断管), heat theft and illegal tapping (偷用私接), damage to facilities. Each
record has an owner (the inspector), findings, evidence notes, a conclusion and follow-ups:
the stolen heat as an adjustment proposed for a manager's approval (area × price × days),
a fine, a reconnection. Nothing is dropped (五不放过): it closes only with an owner and an
outcome."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from heatoffice import clock, config, transitions
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.permissions import require
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.db.connection import database
from heatoffice.errors import UserError, ValidationErrors
from heatoffice.money import parse_money
from heatoffice.service import case_rules, numbering, tempcheck_rules
from heatoffice.service.case_common import account_of, backdated_note, moment
from heatoffice.service.case_models import (
    CONCLUSIONS,
    FOLLOW_UPS,
    INSPECTION_KINDS,
    Inspection,
    InspectionFollowUp,
)
from heatoffice.service.tempchecks import season_price

PREFIX = "JC"  # 稽查


def get(number: str) -> Inspection:
    i = Inspection.get_or_none(Inspection.number == numbering.normal(number))
    if i is None:
        raise UserError("inspections.not_found", field="number", value=number)
    return i


def _inspector(v: val.Collector, username: str) -> str:
    name = (username or "").strip()
    if name and not User.select().where(User.username == name).exists():
        v.add(UserError("inspections.unknown_inspector", field="inspector", value=name))
    return name


def add(actor: Actor, *, kind: str, findings: str, account: Any = None, address: str = "",
        evidence: str = "", inspector: str = "", at: Any = None) -> Inspection:
    """登记稽查: its number (JC-2026-000001); the inspector owns it (the clerk by default)."""
    require(actor, "inspections.record")
    v = val.Collector()
    kind = v.check(val.choice, kind or "", INSPECTION_KINDS, field="inspection_kind") or ""
    findings = v.check(val.required, (findings or "").strip(), field="findings") or ""
    owner = _inspector(v, inspector) or actor.username
    when = v.check(moment, at, "inspected_at")
    target = v.check(account_of, account)
    v.raise_if_any()
    assert when is not None
    address = (address or "").strip() or (target.address if target else "")
    if not address:
        raise UserError("inspections.address_needed", field="address")
    with database.atomic():
        seq, number = numbering.next_number(PREFIX, when[0].year)
        i = Inspection.create(
            number=number, year=when[0].year, seq=seq, kind=kind,
            account=target.id if target else None,
            address=val.max_length(address, 200, "address"), inspector=owner,
            inspected_at=when[0], entered_at=clock.now(), entered_by=actor.username,
            findings=findings, evidence=(evidence or "").strip(), state="open")
        audit.record(actor, "inspections.add", "inspection", i.id, after=audit.snapshot(i),
                     note=backdated_note(*when))
    return i


def conclude(actor: Actor, number: str, conclusion: str, *, findings: str = "",
             evidence: str = "", inspector: str = "", at: Any = None) -> Inspection:
    """结论: normal, violation or uncertain (revisable until closed); more findings and
    evidence are added to what was recorded, a new owner may take it over."""
    require(actor, "inspections.record")
    v = val.Collector()
    conclusion = v.check(val.choice, conclusion or "", CONCLUSIONS,
                         field="inspection_conclusion") or ""
    owner = _inspector(v, inspector)
    when = v.check(moment, at, "concluded_at")
    v.raise_if_any()
    assert when is not None
    with database.atomic():
        i = get(number)
        transitions.check(case_rules.INSPECTION_TRANSITIONS, "inspection_state", i.state,
                          "concluded", "inspections.bad_transition")
        before = audit.snapshot(i)
        i.conclusion, i.state = conclusion, "concluded"
        i.concluded_at, i.concluded_by = when[0], actor.username
        if findings.strip():
            i.findings = f"{i.findings}\n{findings.strip()}"
        if evidence.strip():
            i.evidence = f"{i.evidence}\n{evidence.strip()}".strip()
        if owner:
            i.inspector = owner
        i.save()
        audit.record(actor, "inspections.conclude", "inspection", i.id, before=before,
                     after=audit.snapshot(i), note=backdated_note(*when))
    return i


def stolen_heat_amount(account_id: int, area: Any, days: int,
                       price: Any = None) -> tuple[Decimal, Decimal, Decimal, int]:
    """(amount, area, price per m² a season, season days) of heat taken for ``days`` days:
    the area (the account's heating area by default) × the price of a day of the season in
    force (its tariff for the account's category, or ``price``) × days."""
    from heatoffice.accounts.models import Account

    account = Account.get_by_id(account_id)
    v = val.Collector()
    m2 = (v.check(val.area, area, "area") if area not in (None, "")
          else account.heating_area)
    if not isinstance(days, int) or days <= 0:
        v.add(UserError("inspections.bad_days", field="days", value=str(days)))
    given = (v.check(parse_money, price, field="price", maximum=config.max_amount())
             if price not in (None, "") else None)
    v.raise_if_any()
    per_m2, season_days = season_price(account, clock.today())
    if given is not None:
        per_m2 = given
    if not m2:
        raise UserError("inspections.no_area", field="area", value=account.account_no)
    amount = tempcheck_rules.stolen_heat(m2, per_m2, season_days, days)
    return amount, m2, per_m2, season_days


def follow_up(actor: Actor, number: str, kind: str, *, amount: Any = None, area: Any = None,
              days: Any = None, price: Any = None, note: str = "") -> InspectionFollowUp:
    """跟进: ``adjustment`` proposes the stolen heat (area × price × days) to the fee ledger
    for a manager's approval; ``fine`` records a fine's amount; ``reconnection`` and
    ``rectify`` record what was done (a note)."""
    require(actor, "inspections.record")
    v = val.Collector()
    kind = v.check(val.choice, kind or "", FOLLOW_UPS, field="inspection_follow_up") or ""
    fine = None
    if kind == "fine":
        fine = v.check(parse_money, amount, field="amount", maximum=config.max_amount())
        if fine is not None and fine <= 0:
            v.add(UserError("billing.amount_not_positive", field="amount", value=str(fine)))
    n_days = None
    if kind == "adjustment":
        try:
            n_days = int(str(days).strip())
        except ValueError:
            v.add(UserError("inspections.bad_days", field="days", value=str(days)))
    if kind in ("reconnection", "rectify") and not (note or "").strip():
        v.add(UserError("validation.required", field="note", value=""))
    v.raise_if_any()
    with database.atomic():
        i = get(number)
        if i.state == "closed":
            raise UserError("inspections.closed", value=i.number)
        row = dict(inspection=i.id, kind=kind, note=(note or "").strip(), at=clock.now(),
                   by=actor.username)
        if kind == "adjustment":
            if i.account_id is None:
                raise UserError("inspections.no_account", field="account", value=i.number)
            assert n_days is not None
            try:
                value, m2, per_m2, season_days = stolen_heat_amount(i.account_id, area,
                                                                    n_days, price)
            except ValidationErrors:
                raise
            reason = (f"稽查 {i.number}：偷用私接补收 {m2} ㎡ × {per_m2} 元/㎡ ÷ "
                      f"{season_days} 天 × {n_days} 天")
            adj = propose_adjustment(actor, i.account_id, value, "debit", reason,
                                     source="inspection")
            row.update(amount=value, area=m2, days=n_days, adjustment_id=adj.id)
        elif kind == "fine":
            row.update(amount=fine)
        f = InspectionFollowUp.create(**row)
        audit.record(actor, "inspections.follow_up", "inspection", i.id,
                     after=audit.snapshot(f), note=f.note)
    return f


def close(actor: Actor, number: str, *, note: str = "") -> Inspection:
    """结案: refused without an owner and an outcome (a conclusion; a violation or an
    uncertain finding also needs a follow-up)."""
    require(actor, "inspections.record")
    with database.atomic():
        i = get(number)
        transitions.check(case_rules.INSPECTION_TRANSITIONS, "inspection_state", i.state,
                          "closed", "inspections.bad_transition") if i.conclusion else None
        refusals = case_rules.close_refusals(
            owner=i.inspector, conclusion=i.conclusion,
            follow_ups=InspectionFollowUp.select().where(
                InspectionFollowUp.inspection == i.id).count())
        if refusals:
            raise ValidationErrors([UserError(code, field="state", value=i.number)
                                    for code in refusals])
        before = audit.snapshot(i)
        i.state, i.closed_at, i.closed_by = "closed", clock.now(), actor.username
        i.save()
        audit.record(actor, "inspections.close", "inspection", i.id, before=before,
                     after=audit.snapshot(i), note=(note or "").strip())
    return i
