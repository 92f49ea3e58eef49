"""面积计算规则, a versioned setting: the newest version applies; each measurement keeps its own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from heatoffice import clock
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.measurements.calc import DEFAULT_RULES, KINDS, AreaRules
from heatoffice.measurements.models import AreaRuleVersion


def _column(kind: str) -> str:
    return "share_" + kind.replace("-", "_")


def rules_of(row: AreaRuleVersion) -> AreaRules:
    return AreaRules(version=row.version,
                     shares={k: getattr(row, _column(k)) for k in KINDS},
                     ceiling_base=row.ceiling_base, coefficient=row.coefficient)


def current_row() -> AreaRuleVersion:
    row = AreaRuleVersion.select().order_by(AreaRuleVersion.version.desc()).first()
    return row if row is not None else _create(DEFAULT_RULES, "system", "默认规则")


def _create(rules: AreaRules, by: str, notes: str) -> AreaRuleVersion:
    values = {_column(k): rules.share(k) for k in KINDS}
    return AreaRuleVersion.create(version=rules.version, ceiling_base=rules.ceiling_base,
                                  coefficient=rules.coefficient, created_at=clock.now(),
                                  created_by=by, notes=notes, **values)


def seed_rules(db: Any = None) -> None:
    """A new database starts with the documented defaults as version 1."""
    if not AreaRuleVersion.select().exists():
        _create(DEFAULT_RULES, "system", "默认规则")


def _share(value: Any, field: str) -> Decimal:
    try:
        d = Decimal(str(value).strip().rstrip("%"))
    except ArithmeticError:
        raise UserError("measurements.bad_share", field=field, value=value) from None
    if str(value).strip().endswith("%"):
        d = d / 100
    if not d.is_finite() or not 0 <= d <= 1 or d != d.quantize(Decimal("0.000001")):
        raise UserError("measurements.bad_share", field=field, value=value)
    return d


def new_version(actor: Actor, *, shares: dict[str, Any] | None = None,
                ceiling_base: Any = None, coefficient: Any = None,
                notes: str = "") -> AreaRuleVersion:
    """A new rule version: the current one with the numbers given changed."""
    require(actor, "measurements.rules")
    with database.atomic():
        current = rules_of(current_row())
        merged = dict(current.shares)
        for kind, value in (shares or {}).items():
            if kind not in KINDS:
                raise UserError("measurements.bad_kind", field="kind", value=kind)
            merged[kind] = _share(value, kind)
        base = current.ceiling_base if ceiling_base is None else Decimal(str(ceiling_base))
        coef = current.coefficient if coefficient is None else _share(coefficient,
                                                                       "coefficient")
        if base <= 0 or base != base.quantize(Decimal("0.01")):
            raise UserError("measurements.bad_share", field="ceiling_base", value=ceiling_base)
        row = _create(AreaRules(current.version + 1, merged, base, coef), actor.username, notes)
        audit.record(actor, "measurements.rules", "area_rule_version", row.id,
                     after=audit.snapshot(row))
    return row
