"""The account card's data: what it owes by season equals the ledger (a bill, a partial
payment, a reversal, an adjustment, late fees after the due date), its records, masking."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from ledger_world import (
    CASHIER,
    FINANCE,
    MANAGER,
    SYSTEM,
    at,
    bill,
    home,
    season,
)
from seats import seat

from heatoffice.accounts import service as accounts
from heatoffice.billing import statement
from heatoffice.billing.adjustments import approve_adjustment, propose_adjustment
from heatoffice.billing.card import account_card
from heatoffice.billing.dunning import record_contact
from heatoffice.billing.models import AccountBalance
from heatoffice.billing.owed_seasons import due_date
from heatoffice.billing.payments import record_payment, reverse_payment
from heatoffice.billing.position import load
from heatoffice.errors import PermissionDenied, UserError

D = Decimal
NOV20 = _dt.date(2026, 11, 20)
RECEPTION = seat("desk1", "reception", "前台")
OPERATOR = seat("ops1", "operations")


@pytest.fixture
def story(db):
    """2052.00 billed on 11-20; 1,000.00 paid; 500.00 paid and reversed the same day;
    a credit of 52.00 on the bill proposed by the cashier and approved by the manager."""
    at(NOV20)
    s, t = season()
    acc = home()
    accounts.update_account(SYSTEM, acc.id, {"phone": "13812345678",
                                             "id_number": "11010519491231002X"})
    b = bill(acc, s, t)
    record_payment(CASHIER, acc.id, "1000", "cash")
    wrong = record_payment(CASHIER, acc.id, "500", "wechat")
    reverse_payment(CASHIER, wrong.receipt_no, "收错户")
    at(NOV20, 11)
    credit = propose_adjustment(CASHIER, acc.id, "-52", "credit", "面积复核减免", bill_id=b.id)
    approve_adjustment(MANAGER, credit.id)
    return acc, s, b


def _assert_adds_up(card) -> None:
    """Each row and the whole card agree with the ledger."""
    owed = card.owed
    for r in owed.rows:
        assert r.billed + r.adjusted + r.late_fees - r.paid == r.balance, r
    balance = AccountBalance.get(AccountBalance.account == card.account_id).balance
    assert owed.ledger_balance == balance
    assert (card.ledger[-1].balance if card.ledger else D(0)) == balance
    assert sum((r.balance for r in owed.rows), D(0)) - owed.credit == owed.total
    expected = statement.owed(card.account_id, owed.on)
    assert (owed.total, owed.late_fees, owed.credit, owed.discount, owed.settle_amount) == (
        expected.total, expected.late_fees, expected.credit, expected.discount,
        expected.settle_amount)


def test_the_card_owes_what_the_ledger_says(story):
    acc, s, b = story
    card = account_card(CASHIER, acc.id)
    _assert_adds_up(card)
    (row,) = card.owed.rows
    assert (row.season, row.kind, row.billed, row.adjusted, row.late_fees, row.paid,
            row.balance) == ("2026-2027", "season", D("2052.00"), D("-52.00"), D("0.00"),
                             D("1000.00"), D("1000.00"))
    assert (row.due_date, row.overdue) == (_dt.date(2026, 12, 31), False)
    assert card.owed.total == D("1000.00") and card.owed.overdue == D("0")

    # The ledger: bill, three receipts, the credit; running balance to 1,000.00.
    assert [(e.kind, e.code, e.debit, e.credit, e.balance) for e in card.ledger] == [
        ("bill", "season", D("2052.00"), D("0"), D("2052.00")),
        ("payment", "cash", D("0"), D("1000.00"), D("1052.00")),
        ("payment", "wechat", D("0"), D("500.00"), D("552.00")),
        ("reversal", "wechat", D("0"), D("-500.00"), D("1052.00")),
        ("adjustment", "credit", D("0"), D("52.00"), D("1000.00"))]
    assert [(p.receipt_no, p.amount, p.kind, p.reverses, p.reversed_by, p.reason)
            for p in card.payments] == [
        ("2026-000001", D("1000.00"), "payment", "", "", ""),
        ("2026-000002", D("500.00"), "payment", "", "2026-000003", ""),
        ("2026-000003", D("-500.00"), "reversal", "2026-000002", "", "收错户")]
    assert [(a.kind, a.amount, a.status, a.season, a.proposed_by, a.decided_by)
            for a in card.adjustments] == [
        ("credit", D("-52.00"), "approved", "2026-2027", "cashier1", "boss")]
    (card_bill,) = card.bills
    assert (card_bill.id, card_bill.total, card_bill.paid, card_bill.status_at_issue) == (
        b.id, D("2052.00"), D("1000.00"), "heating")
    assert [(x.kind, x.quantity, x.unit_price, x.amount) for x in card_bill.lines] == [
        ("heat", D("85.50"), D("24.00"), D("2052.00"))]


def test_after_the_due_date_the_bill_is_overdue_with_its_late_fee(story):
    acc, _s, _b = story
    at(_dt.date(2027, 1, 11))
    card = account_card(CASHIER, acc.id)
    _assert_adds_up(card)
    (row,) = card.owed.rows
    # 1,000.00 × 0.05 % × 11 days (1 to 11 January) = 5.50
    assert (row.late_fees, row.balance, row.overdue) == (D("5.50"), D("1005.50"), True)
    assert card.owed.overdue == D("1005.50")
    # Paying it charges the fee and settles the season: nothing owed, nothing overdue.
    record_payment(CASHIER, acc.id, "1005.50", "cash")
    card = account_card(CASHIER, acc.id)
    _assert_adds_up(card)
    (row,) = card.owed.rows
    assert (row.late_fees, row.paid, row.balance, row.overdue) == (
        D("5.50"), D("2005.50"), D("0.00"), False)


def test_money_paid_ahead_and_credit_beyond_the_bill_add_up(db):
    at(NOV20)
    s, t = season()
    next_season = season("2027-2028")
    acc = home()
    first = bill(acc, s, t)
    record_payment(CASHIER, acc.id, "2100", "cash")  # 48.00 paid ahead
    credit = propose_adjustment(CASHIER, acc.id, "-100", "credit", "多收退还", bill_id=first.id)
    approve_adjustment(MANAGER, credit.id)
    card = account_card(CASHIER, acc.id)
    _assert_adds_up(card)
    assert card.owed.credit == D("148.00") and card.owed.total == D("-148.00")
    # Next season's bill meets the money and the credit not yet used.
    at(_dt.date(2027, 10, 20))
    bill(acc, *next_season)
    card = account_card(CASHIER, acc.id)
    _assert_adds_up(card)
    old, new = card.owed.rows
    assert (old.billed, old.adjusted, old.paid, old.balance) == (
        D("2052.00"), D("0.00"), D("2052.00"), D("0.00"))  # its 100 credit moved on
    assert (new.billed, new.adjusted, new.paid, new.balance) == (
        D("2052.00"), D("-100.00"), D("48.00"), D("1904.00"))
    assert card.owed.credit == D("0")


def test_records_masking_and_who_sees_the_dunning_log(story):
    acc, s, b = story
    record_contact(CASHIER, acc.id, method="phone", result="答应月底缴清")
    full = account_card(CASHIER, acc.id)
    assert (full.facts.phone, full.facts.id_number) == ("13812345678", "11010519491231002X")
    assert [(c.method, c.result) for c in full.dunning] == [("phone", "答应月底缴清")]
    masked = account_card(OPERATOR, acc.id)
    assert (masked.facts.phone, masked.facts.id_number) == ("138****5678",
                                                            "110105********002X")
    assert masked.dunning is None  # operations may not read the arrears follow-up
    assert account_card(RECEPTION, acc.id).dunning is None
    assert account_card(FINANCE, acc.id).owed == full.owed


def test_unknown_account_and_permission(db):
    with pytest.raises(UserError) as err:
        account_card(CASHIER, 424242)
    assert err.value.code == "accounts.not_found"
    with pytest.raises(PermissionDenied):
        account_card(seat("x", "nobody"), 1)


def test_due_date_follows_the_tariff_and_a_late_bill(db):
    at(NOV20)
    s, t = season()
    acc = home()
    bill(acc, s, t)
    (row,) = load(acc.id).bills
    assert due_date(row) == _dt.date(2026, 12, 31)
    # Billed on 2027-01-10 (connected mid-season): the same 47 days to pay from its issue.
    late = home()
    at(_dt.date(2027, 1, 10))
    bill(late, s, t)
    (row,) = load(late.id).bills
    assert due_date(row) == _dt.date(2027, 2, 25)
