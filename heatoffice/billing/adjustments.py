"""调账: a debit or credit on an account with a reason, proposed by a clerk and approved or
rejected by a manager; only an approved one enters the ledger, dated the day of approval."""

from __future__ import annotations

from decimal import Decimal

from heatoffice import clock, config, transitions
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import closing, ledger, receipts
from heatoffice.billing.models import (
    ADJUSTMENT_KINDS,
    ADJUSTMENT_TRANSITIONS,
    Adjustment,
    Bill,
)
from heatoffice.db import chain
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import parse_money

# Kinds only the rules make (late fees and discounts at the window, tariff changes by the
# season service, metered settlements by billing.metering): nobody proposes them by hand.
RULE_KINDS = frozenset({"late_fee", "discount", "tariff_change", "metered_settlement"})
MANUAL_KINDS = {k: v for k, v in ADJUSTMENT_KINDS.items() if k not in RULE_KINDS}
# a proposal's; "rule": the rules'; "application": a category change's (reception);
# "inspection": stolen heat charged after an inspection; "tempcheck": a cold home's refund
SOURCES = ("manual", "recheck", "tariff", "measurement", "application", "inspection",
           "tempcheck")
# The columns a decision writes; the rest of the row is write-once (database triggers).
DECISION_FIELDS = [Adjustment.status, Adjustment.decided_by, Adjustment.decided_at,
                   Adjustment.business_date, Adjustment.decision_no, Adjustment.decision_hash]


def _clean(account_id: int, amount, kind: str, reason: str, bill_id: int | None,
           source: str) -> tuple[Decimal, str, str]:
    v = val.Collector()
    kind = v.check(val.choice, kind or "", MANUAL_KINDS, field="adjustment_kind") or ""
    value = v.check(parse_money, amount, field="amount", allow_negative=True,
                    maximum=config.max_amount())
    if value is not None:
        if value == 0:
            v.add(UserError("billing.amount_zero", field="amount"))
        elif kind == "credit" and value > 0:
            v.add(UserError("billing.credit_not_negative", field="amount", value=str(value)))
        elif kind == "debit" and value < 0:
            v.add(UserError("billing.debit_not_positive", field="amount", value=str(value)))
    reason = v.check(val.required, reason, field="reason") or ""
    if source not in SOURCES:
        v.add(UserError("validation.choice", field="source", value=source,
                        choices="、".join(SOURCES)))
    v.raise_if_any()
    assert value is not None and kind is not None and reason is not None
    if not Account.select().where(Account.id == account_id).exists():
        raise UserError("accounts.not_found", value=account_id)
    if bill_id is not None and not Bill.select().where(
            (Bill.id == bill_id) & (Bill.account == account_id)).exists():
        raise UserError("billing.bill_not_found", field="bill", value=bill_id)
    return value, kind, reason


def propose_adjustment(actor: Actor, account_id: int, amount, kind: str, reason: str, *,
                       bill_id: int | None = None, source: str = "manual") -> Adjustment:
    """提出调账: ``amount`` + debit (补收) / − credit (减免、退费), with a reason."""
    require(actor, "adjustments.propose")
    value, kind, reason = _clean(account_id, amount, kind, reason, bill_id, source)
    with database.atomic():
        adj = Adjustment.create(account=account_id, bill=bill_id, kind=kind, amount=value,
                                reason=reason, status="proposed", proposed_by=actor.username,
                                proposed_at=clock.now(), source=source)
        audit.record(actor, "adjustments.propose", "adjustment", adj.id,
                     after=audit.snapshot(adj), note=reason)
    return adj


def _get(adjustment_id: int) -> Adjustment:
    adj = Adjustment.get_or_none(Adjustment.id == adjustment_id)
    if adj is None:
        raise UserError("billing.adjustment_not_found", value=adjustment_id)
    return adj


def _decide(actor: Actor, adj: Adjustment, target: str) -> dict | None:
    transitions.check(ADJUSTMENT_TRANSITIONS, "adjustment_status", adj.status, target,
                      "billing.adjustment_bad_transition")
    if adj.proposed_by == actor.username:
        # Four eyes: whoever asks for money to move does not also approve it.
        raise UserError("billing.self_approval", proposer=adj.proposed_by)
    before = audit.snapshot(adj)
    adj.status = target
    adj.decided_by = actor.username
    adj.decided_at = clock.now()
    return before


def _chain(adj: Adjustment) -> None:
    """The decision's link in the decisions' chain (heatoffice.db.chain), its head moved."""
    link = chain.Link.lock()
    for name, value in chain.decide(link, Adjustment, adj.__data__).items():
        setattr(adj, name, value)
    link.flush()


def approve_adjustment(actor: Actor, adjustment_id: int) -> Adjustment:
    """审批: the adjustment enters the ledger today (refused in a closed month)."""
    require(actor, "adjustments.approve")
    today = clock.today()
    with database.atomic():
        adj = _get(adjustment_id)
        ledger.lock_account(adj.account_id)
        receipts.lock_year(today.year)  # serializes with a month close
        before = _decide(actor, adj, "approved")
        closing.ensure_month_open(today)
        adj.business_date = today
        _chain(adj)
        adj.save(only=DECISION_FIELDS)
        ledger.post(adj.account_id, adjusted=adj.amount)
        audit.record(actor, "adjustments.approve", "adjustment", adj.id, before=before,
                     after=audit.snapshot(adj))
    return adj


def reject_adjustment(actor: Actor, adjustment_id: int, reason: str) -> Adjustment:
    """驳回 with a reason (kept in the audit log); the ledger does not move."""
    require(actor, "adjustments.approve")
    reason = val.required(reason, field="reason")
    with database.atomic():
        adj = _get(adjustment_id)
        before = _decide(actor, adj, "rejected")
        _chain(adj)
        adj.save(only=DECISION_FIELDS)
        audit.record(actor, "adjustments.reject", "adjustment", adj.id, before=before,
                     after=audit.snapshot(adj), note=reason)
    return adj


def pending(actor: Actor, account_id: int | None = None) -> list[Adjustment]:
    """Adjustments waiting for a decision, oldest first."""
    require(actor, "adjustments.view")
    q = Adjustment.select().where(Adjustment.status == "proposed")
    if account_id is not None:
        q = q.where(Adjustment.account == account_id)
    return list(q.order_by(Adjustment.proposed_at, Adjustment.id))
