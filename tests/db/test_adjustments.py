"""Adjustments (调账) on SQLite and PostgreSQL: proposed with a reason, approved or rejected by
a manager (never the proposer), and how an approved credit or debit meets the bills."""

from __future__ import annotations

import datetime as _dt

import pytest
from ledger_world import CASHIER, FIELD, MANAGER, READER, D, at, bill, home, row_counts, season

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import adjustments, ledger, payments
from heatoffice.billing.models import AccountBalance, Allocation, Bill
from heatoffice.errors import PermissionDenied, UserError

DEC5 = _dt.date(2026, 12, 5)


@pytest.fixture
def world(db):
    at(_dt.date(2026, 10, 20))
    s, t = season(late_fee_rate="0")
    account = home()
    b = bill(account, s, t)
    at(DEC5)
    yield account, b
    assert ledger.verify() == []


def _balance(account) -> D:
    return AccountBalance.get_by_id(account.id).balance


def test_propose_then_approve(world):
    account, b = world
    adj = adjustments.propose_adjustment(FIELD, account.id, "-100", "credit", "室温不达标退费",
                                         bill_id=b.id)
    assert (adj.status, adj.amount, adj.proposed_by, adj.business_date) == (
        "proposed", D("-100.00"), "field1", None)
    assert _balance(account) == D("2052.00")  # not in the ledger yet
    assert adjustments.pending(MANAGER, account.id) == [adj]
    assert adjustments.pending(FIELD) == [adj]  # whoever proposes follows what waits
    at(_dt.date(2026, 12, 8))
    done = adjustments.approve_adjustment(MANAGER, adj.id)
    assert (done.status, done.decided_by, done.business_date) == (
        "approved", "boss", _dt.date(2026, 12, 8))
    assert _balance(account) == D("1952.00")
    assert AccountBalance.get_by_id(account.id).adjusted == D("-100.00")
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.table == "adjustment")
               .order_by(AuditEntry.id)]
    assert actions == ["adjustments.propose", "adjustments.approve"]
    # the credit lowers what the bill owes: paying 1952 settles it
    assert payments.owed(account.id).bills[0].open == D("1952.00")
    p = payments.record_payment(CASHIER, account.id, "1952", "card")
    assert [a.amount for a in Allocation.select().where(Allocation.payment == p.id)] == [
        D("1952.00")]
    assert payments.owed(account.id).total == D("0.00")
    assert Bill.get_by_id(b.id).paid == D("1952.00")


def test_reject_with_reason(world):
    account, _ = world
    adj = adjustments.propose_adjustment(CASHIER, account.id, "50", "debit", "补收面积差")
    with pytest.raises(UserError) as err:
        adjustments.reject_adjustment(MANAGER, adj.id, "")
    assert err.value.field == "reason"
    done = adjustments.reject_adjustment(MANAGER, adj.id, "面积已复测无误")
    assert (done.status, done.decided_by, done.business_date) == ("rejected", "boss", None)
    assert _balance(account) == D("2052.00")
    assert AuditEntry.get(AuditEntry.action == "adjustments.reject").note == "面积已复测无误"
    with pytest.raises(UserError) as err:
        adjustments.approve_adjustment(MANAGER, adj.id)
    assert err.value.code == "billing.adjustment_bad_transition"
    assert "已驳回" in err.value.message("zh")


def test_nobody_approves_their_own_proposal(world):
    account, _ = world
    adj = adjustments.propose_adjustment(MANAGER, account.id, "-20", "credit", "减免")
    before = row_counts()
    with pytest.raises(UserError) as err:
        adjustments.approve_adjustment(MANAGER, adj.id)
    assert err.value.code == "billing.self_approval"
    assert row_counts() == before


def test_rights(world):
    account, _ = world
    adj = adjustments.propose_adjustment(CASHIER, account.id, "-20", "credit", "减免")
    before = row_counts()
    with pytest.raises(PermissionDenied):
        adjustments.propose_adjustment(READER, account.id, "-20", "credit", "减免")
    with pytest.raises(PermissionDenied):
        adjustments.pending(READER)
    for actor in (CASHIER, FIELD, READER):
        with pytest.raises(PermissionDenied):
            adjustments.approve_adjustment(actor, adj.id)
        with pytest.raises(PermissionDenied):
            adjustments.reject_adjustment(actor, adj.id, "不")
    assert row_counts() == before


@pytest.mark.parametrize("amount, kind, reason, code, field", [
    ("0", "credit", "x", "billing.amount_zero", "amount"),
    ("100", "credit", "x", "billing.credit_not_negative", "amount"),
    ("-100", "debit", "x", "billing.debit_not_positive", "amount"),
    ("abc", "debit", "x", "money.format", "amount"),
    ("10", "late_fee", "x", "validation.choice", "adjustment_kind"),
    ("10", "discount", "x", "validation.choice", "adjustment_kind"),
    ("10", "tariff_change", "x", "validation.choice", "adjustment_kind"),
    ("10", "debit", " ", "validation.required", "reason"),
])
def test_validation(world, amount, kind, reason, code, field):
    account, _ = world
    before = row_counts()
    with pytest.raises(UserError) as err:
        adjustments.propose_adjustment(CASHIER, account.id, amount, kind, reason)
    errors = getattr(err.value, "errors", [err.value])
    assert (code, field) in [(e.code, e.field) for e in errors]
    assert row_counts() == before


def test_bill_of_another_account_and_unknown_ids(world):
    account, b = world
    other = home("李娜")
    with pytest.raises(UserError) as err:
        adjustments.propose_adjustment(CASHIER, other.id, "-5", "credit", "x", bill_id=b.id)
    assert (err.value.code, err.value.field) == ("billing.bill_not_found", "bill")
    with pytest.raises(UserError) as err:
        adjustments.approve_adjustment(MANAGER, 424242)
    assert err.value.code == "billing.adjustment_not_found"


def test_credit_beyond_a_paid_bill_is_account_credit(world):
    account, b = world
    payments.record_payment(CASHIER, account.id, "2052", "card")
    adj = adjustments.propose_adjustment(CASHIER, account.id, "-100", "area_correction",
                                         "面积复测 81.33 ㎡", bill_id=b.id)
    adjustments.approve_adjustment(MANAGER, adj.id)
    owed = payments.owed(account.id)
    assert (owed.principal, owed.credit, owed.total) == (D("-100.00"), D("100.00"),
                                                         D("-100.00"))
    s2, t2 = season("2027-2028", late_fee_rate="0")
    at(_dt.date(2027, 10, 20))
    bill(account, s2, t2)
    owed = payments.owed(account.id)
    assert (owed.total, owed.bills[1].open) == (D("1952.00"), D("1952.00"))
    payments.record_payment(CASHIER, account.id, "1952", "card")
    assert payments.owed(account.id).total == D("0.00")


def test_a_debit_on_no_bill_is_settled_after_older_bills(world):
    account, b = world
    adj = adjustments.propose_adjustment(CASHIER, account.id, "80", "debit", "补收管网维修费")
    adjustments.approve_adjustment(MANAGER, adj.id)
    p = payments.record_payment(CASHIER, account.id, "2100", "card")
    assert [(a.bill_id, a.adjustment_id, a.amount) for a in
            Allocation.select().where(Allocation.payment == p.id).order_by(Allocation.id)] == [
        (b.id, None, D("2052.00")), (None, adj.id, D("48.00"))]
    assert payments.owed(account.id).other_open == D("32.00")
