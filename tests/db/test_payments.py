"""The cashier's window on SQLite and PostgreSQL, with exact yuan: payments oldest debt first,
cash change, prepayment, late fees, early-payment discount, reversals and receipt numbers."""

from __future__ import annotations

import datetime as _dt

import pytest
from ledger_world import (
    ADMIN,
    CASHIER,
    CASHIER2,
    FIELD,
    FINANCE,
    READER,
    D,
    at,
    bill,
    counter_state,
    home,
    row_counts,
    season,
)

from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import ledger, payments
from heatoffice.billing.documents import ReceiptLine
from heatoffice.billing.models import AccountBalance, Adjustment, Allocation, Bill, Payment
from heatoffice.errors import PermissionDenied, UserError

OCT20 = _dt.date(2026, 10, 20)


@pytest.fixture
def world(db):
    """One home (85.50 m²) billed 2052.00 for 2026-2027 on 10-20; late fee 0.05 % a day from
    2027-01-01; 5 % off until 2026-11-30."""
    at(OCT20)
    s, t = season(discount_rate="0.05", discount_until=_dt.date(2026, 11, 30))
    account = home()
    b = bill(account, s, t)
    yield account, b, s, t
    assert ledger.verify() == []


def _balance(account) -> D:
    return AccountBalance.get_by_id(account.id).balance


def _allocs(payment) -> list[tuple]:
    return [(a.bill_id, a.adjustment_id, a.amount) for a in
            Allocation.select().where(Allocation.payment == payment.id).order_by(Allocation.id)]


def test_partial_payment(world):
    account, b, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "1000", "card")
    assert (p.receipt_no, p.amount, p.method, p.tendered, p.change) == (
        "2026-000001", D("1000.00"), "card", None, None)
    assert p.business_date == _dt.date(2026, 12, 5) and p.cashier == "cashier1"
    assert _allocs(p) == [(b.id, None, D("1000.00"))]
    assert Bill.get_by_id(b.id).paid == D("1000.00")
    assert _balance(account) == D("1052.00")
    owed = payments.owed(account.id)
    assert (owed.principal, owed.late_fees, owed.total) == (D("1052.00"), D("0.00"), D("1052.00"))
    assert owed.bills[0].open == D("1052.00")
    entry = AuditEntry.get(AuditEntry.action == "payments.take")
    assert entry.actor == "cashier1" and entry.record_id == str(p.id)


def test_oldest_season_first(world):
    account, b2, *_ = world
    s1, t1 = season("2025-2026", price="22.22", late_fee_rate="0")
    b1 = bill(account, s1, t1, day=_dt.date(2025, 10, 20))  # 85.50 × 22.22 = 1899.81
    assert b1.total == D("1899.81")
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "2500.00", "wechat")
    assert _allocs(p) == [(b1.id, None, D("1899.81")), (b2.id, None, D("600.19"))]
    assert Bill.get_by_id(b1.id).paid == D("1899.81")
    assert Bill.get_by_id(b2.id).paid == D("600.19")
    assert _balance(account) == D("1451.81")


def test_cash_change(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "2052", "cash", tendered="2100")
    assert (p.amount, p.tendered, p.change) == (D("2052.00"), D("2100.00"), D("48.00"))
    exact = payments.record_payment(CASHIER, account.id, "10", "现金")  # label accepted
    assert (exact.method, exact.tendered, exact.change) == ("cash", D("10.00"), D("0.00"))
    before = row_counts()
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "100", "cash", tendered="99.99")
    assert err.value.code == "billing.tendered_short" and err.value.field == "tendered"
    assert "99.99" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "100", "card", tendered="100")
    assert err.value.code == "billing.tendered_not_cash" and err.value.field == "tendered"
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "100", "cash", tendered="abc")
    assert err.value.field == "tendered"
    assert row_counts() == before


def test_prepayment_credit_settles_the_next_bill(world):
    account, b, *_ = world
    at(_dt.date(2026, 12, 5))
    p1 = payments.record_payment(CASHIER, account.id, "2100.00", "transfer")
    assert _allocs(p1) == [(b.id, None, D("2052.00"))]
    assert _balance(account) == D("-48.00")
    owed = payments.owed(account.id)
    assert (owed.principal, owed.credit, owed.total) == (D("-48.00"), D("48.00"), D("-48.00"))
    s2, t2 = season("2027-2028")
    at(_dt.date(2027, 10, 20))
    b2 = bill(account, s2, t2)
    owed = payments.owed(account.id)
    assert owed.total == D("2004.00") and owed.bills[1].open == D("2004.00")
    at(_dt.date(2027, 11, 1))
    p2 = payments.record_payment(CASHIER, account.id, "2004.00", "card")
    # the 48.00 paid ahead is now stored as the first payment's share of the new bill
    assert _allocs(p1) == [(b.id, None, D("2052.00")), (b2.id, None, D("48.00"))]
    assert _allocs(p2) == [(b2.id, None, D("2004.00"))]
    assert p2.receipt_no == "2027-000001"
    assert Bill.get_by_id(b2.id).paid == D("2052.00")
    assert _balance(account) == D("0.00")


def test_late_fee_is_charged_on_a_late_payment(world):
    account, b, *_ = world
    at(_dt.date(2027, 1, 30))
    owed = payments.owed(account.id)
    assert (owed.principal, owed.late_fees, owed.total) == (
        D("2052.00"), D("30.78"), D("2082.78"))
    p = payments.record_payment(CASHIER, account.id, "2082.78", "cash", tendered="2100")
    fee = Adjustment.get(Adjustment.kind == "late_fee")
    assert (fee.amount, fee.status, fee.source, fee.decided_by, fee.bill_id) == (
        D("30.78"), "approved", "rule", "system", b.id)
    assert fee.business_date == _dt.date(2027, 1, 30)
    # the fee first, then the bill
    assert _allocs(p) == [(None, fee.id, D("30.78")), (b.id, None, D("2052.00"))]
    assert p.change == D("17.22")
    assert _balance(account) == D("0.00")
    at(_dt.date(2027, 3, 1))
    assert payments.owed(account.id).total == D("0.00")


def test_late_fee_charged_in_steps_never_twice(world):
    account, b, *_ = world
    at(_dt.date(2027, 1, 10))
    p1 = payments.record_payment(CASHIER, account.id, "1000", "card")
    assert _allocs(p1)[0][2] == D("10.26")  # 2052 × 10 days × 0.0005 first
    assert Bill.get_by_id(b.id).paid == D("989.74")
    at(_dt.date(2027, 1, 30))
    # 10 days of 2052 + 20 days of 1062.26 = 20.8826 -> 20.88 accrued, 10.26 charged
    owed = payments.owed(account.id)
    assert (owed.principal, owed.late_fees, owed.total) == (
        D("1062.26"), D("10.62"), D("1072.88"))
    payments.record_payment(CASHIER, account.id, "1072.88", "card")
    fees = [a.amount for a in Adjustment.select().where(Adjustment.kind == "late_fee")
            .order_by(Adjustment.id)]
    assert fees == [D("10.26"), D("10.62")]
    assert payments.owed(account.id).total == D("0.00")
    payments.record_payment(CASHIER, account.id, "1", "card")  # the same day: no new fee
    assert Adjustment.select().where(Adjustment.kind == "late_fee").count() == 2


def test_no_late_fee_while_cut_off(world, system):
    account, *_ = world
    at(_dt.date(2027, 1, 11))
    accounts.change_status(system, account.id, "cut_off", "欠费停供")
    at(_dt.date(2027, 1, 21))
    accounts.change_status(system, account.id, "heating", "缴费后复供")
    at(_dt.date(2027, 1, 30))
    assert payments.owed(account.id).late_fees == D("20.52")  # 20 of 30 days


def test_early_payer_gets_the_discount_once(world):
    account, b, *_ = world
    at(_dt.date(2026, 11, 20))
    owed = payments.owed(account.id)
    assert (owed.discount, owed.settle_amount) == (D("102.60"), D("1949.40"))
    partial = payments.record_payment(CASHIER, account.id, "1000", "card")
    assert not Adjustment.select().where(Adjustment.kind == "discount").exists()
    assert _allocs(partial) == [(b.id, None, D("1000.00"))]
    p = payments.record_payment(CASHIER, account.id, "949.40", "card")  # settles net of 5 %
    disc = Adjustment.get(Adjustment.kind == "discount")
    assert (disc.amount, disc.bill_id, disc.status, disc.source) == (
        D("-102.60"), b.id, "approved", "rule")
    assert _allocs(p) == [(b.id, None, D("949.40"))]
    assert _balance(account) == D("0.00")
    data = payments.receipt_of(CASHIER, p)
    assert data.discounts == (ReceiptLine("2026-2027", "discount", D("-102.60")),)
    # no second discount, and none after the deadline
    assert payments.owed(account.id).discount == D("0.00")


def test_no_discount_after_the_deadline(world):
    account, *_ = world
    at(_dt.date(2026, 12, 1))
    assert payments.owed(account.id).discount == D("0.00")
    payments.record_payment(CASHIER, account.id, "2052", "card")
    assert not Adjustment.select().where(Adjustment.kind == "discount").exists()
    assert _balance(account) == D("0.00")


def test_reversing_a_discounted_payment_takes_the_discount_back(world):
    account, b, *_ = world
    at(_dt.date(2026, 11, 20))
    p = payments.record_payment(CASHIER, account.id, "1949.40", "card")
    payments.reverse_payment(CASHIER, p.receipt_no, "刷错卡")
    assert _balance(account) == D("2052.00")
    assert Bill.get_by_id(b.id).paid == D("0.00")
    assert payments.owed(account.id).settle_amount == D("1949.40")
    payments.record_payment(CASHIER, account.id, "1949.40", "card")
    assert _balance(account) == D("0.00")
    assert [a.amount for a in Adjustment.select().where(Adjustment.kind == "discount")
            .order_by(Adjustment.id)] == [D("-102.60"), D("102.60"), D("-102.60")]
    # the ledger view: each discount right after the receipt that earned or took it back
    assert [(r.kind, r.debit, r.credit, r.balance)
            for r in payments.statement(CASHIER, account.id)] == [
        ("bill", D("2052.00"), D("0.00"), D("2052.00")),
        ("payment", D("0.00"), D("1949.40"), D("102.60")),
        ("adjustment", D("0.00"), D("102.60"), D("0.00")),
        ("reversal", D("0.00"), D("-1949.40"), D("1949.40")),
        ("adjustment", D("102.60"), D("0.00"), D("2052.00")),
        ("payment", D("0.00"), D("1949.40"), D("102.60")),
        ("adjustment", D("0.00"), D("102.60"), D("0.00")),
    ]


def test_reversal_by_the_cashier_the_same_day(world):
    account, b, *_ = world
    at(_dt.date(2026, 12, 5), 9)
    p = payments.record_payment(CASHIER, account.id, "1500", "cash", tendered="1500")
    at(_dt.date(2026, 12, 5), 11)
    r = payments.reverse_payment(CASHIER, p.receipt_no, "金额输错")
    assert (r.receipt_no, r.amount, r.method, r.reverses_id, r.reason) == (
        "2026-000002", D("-1500.00"), "cash", p.id, "金额输错")
    assert r.business_date == _dt.date(2026, 12, 5) and r.cashier == "cashier1"
    assert _allocs(r) == [(b.id, None, D("-1500.00"))]
    assert Bill.get_by_id(b.id).paid == D("0.00")
    assert _balance(account) == D("2052.00")
    assert AccountBalance.get_by_id(account.id).paid == D("0.00")
    data = payments.receipt_of(CASHIER, r)
    assert (data.reverses, data.reason, data.amount, data.reversed_by) == (
        "2026-000001", "金额输错", D("-1500.00"), "")
    assert payments.receipt_of(CASHIER, p).reversed_by == "2026-000002"
    note = AuditEntry.get(AuditEntry.action == "payments.reverse").note
    assert "2026-000001" in note and "金额输错" in note


def test_reversal_needs_finance_the_next_day(world):
    account, b, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "1500", "card")
    at(_dt.date(2026, 12, 6))
    before = row_counts()
    with pytest.raises(UserError) as err:
        payments.reverse_payment(CASHIER, p.receipt_no, "客户退款")
    assert err.value.code == "billing.reverse_needs_finance"
    assert row_counts() == before
    r = payments.reverse_payment(FINANCE, p.receipt_no, "客户退款")
    assert (r.cashier, r.business_date, r.amount) == (
        "finance1", _dt.date(2026, 12, 6), D("-1500.00"))
    assert _balance(account) == D("2052.00")


def test_another_cashiers_receipt_needs_finance(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "100", "card")
    with pytest.raises(UserError) as err:
        payments.reverse_payment(CASHIER2, p.receipt_no, "错")
    assert err.value.code == "billing.reverse_needs_finance"
    payments.reverse_payment(ADMIN, p.receipt_no, "错")


def test_a_payment_is_reversed_once_and_a_reversal_never(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "100", "card")
    r = payments.reverse_payment(CASHIER, p.receipt_no, "错")
    before, counter = row_counts(), counter_state()
    with pytest.raises(UserError) as err:
        payments.reverse_payment(FINANCE, p.receipt_no, "再冲")
    assert err.value.code == "billing.already_reversed"
    assert r.receipt_no in err.value.message("zh")
    with pytest.raises(UserError) as err:
        payments.reverse_payment(FINANCE, r.receipt_no, "冲红冲")
    assert err.value.code == "billing.reversal_not_reversible"
    with pytest.raises(UserError) as err:
        payments.reverse_payment(FINANCE, "2026-999999", "无")
    assert err.value.code == "billing.receipt_not_found" and err.value.field == "receipt_no"
    with pytest.raises(UserError) as err:
        payments.reverse_payment(FINANCE, p.receipt_no, "  ")
    assert err.value.code == "validation.required" and err.value.field == "reason"
    # refused reversals took no receipt number
    assert row_counts() == before and counter_state() == counter
    assert payments.record_payment(CASHIER, account.id, "1", "card").receipt_no == "2026-000003"


def test_receipt_numbers_run_per_year(world):
    account, *_ = world
    at(_dt.date(2026, 12, 30))
    numbers = [payments.record_payment(CASHIER, account.id, "10", "card").receipt_no
               for _ in range(3)]
    with pytest.raises(UserError):  # a failed payment does not use up a number
        payments.record_payment(CASHIER, account.id, "10", "cash", tendered="5")
    numbers.append(payments.record_payment(CASHIER2, account.id, "10", "card").receipt_no)
    at(_dt.date(2027, 1, 2))
    numbers += [payments.record_payment(CASHIER, account.id, "10", "card").receipt_no
                for _ in range(2)]
    assert numbers == ["2026-000001", "2026-000002", "2026-000003", "2026-000004",
                       "2027-000001", "2027-000002"]
    assert counter_state() == [(2026, 4), (2027, 2)]
    assert [(p.receipt_year, p.receipt_seq) for p in Payment.select().order_by(Payment.id)] == [
        (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2027, 1), (2027, 2)]


def test_permission_refusals_write_nothing(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "100", "card")
    before, counter = row_counts(), counter_state()
    for actor in (READER, FIELD):
        with pytest.raises(PermissionDenied) as err:
            payments.record_payment(actor, account.id, "100", "card")
        assert err.value.action == "payments.take"
        with pytest.raises(PermissionDenied):
            payments.reverse_payment(actor, p.receipt_no, "错")
        with pytest.raises(PermissionDenied):
            payments.record_print(actor, p)
    assert row_counts() == before and counter_state() == counter


def test_invalid_amount_names_the_field(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    before = row_counts()
    cases = [("abc", "money.format"), ("0", "billing.amount_not_positive"),
             ("-5", "money.negative"), ("1.234", "money.precision"), ("", "validation.required")]
    for amount, code in cases:
        with pytest.raises(UserError) as err:
            payments.record_payment(CASHIER, account.id, amount, "card")
        assert (err.value.code, err.value.field) == (code, "amount"), amount
        assert "金额" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "10", "bitcoin")
    assert (err.value.code, err.value.field) == ("validation.choice", "method")
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, 999_999, "10", "card")
    assert err.value.code == "accounts.not_found"
    assert row_counts() == before


def test_statement_and_receipt(world):
    account, b, *_ = world
    at(_dt.date(2027, 1, 30))
    p = payments.record_payment(CASHIER, account.id, "2000", "cash", tendered="2000")
    rows = payments.statement(CASHIER, account.id)
    assert [(r.day.isoformat(), r.kind, r.reference, r.debit, r.credit, r.balance)
            for r in rows] == [
        ("2026-10-20", "bill", "2026-2027", D("2052.00"), D("0.00"), D("2052.00")),
        ("2027-01-30", "adjustment", "滞纳金（计至 2027-01-30）", D("30.78"), D("0.00"),
         D("2082.78")),
        ("2027-01-30", "payment", "2027-000001 现金", D("0.00"), D("2000.00"), D("82.78")),
    ]
    data = payments.receipt_of(CASHIER, p)
    assert (data.receipt_no, data.copy) == ("2027-000001", False)
    assert (data.account_no, data.name, data.address, data.area, data.category) == (
        account.account_no, "张伟", account.address, D("85.50"), "residential")
    assert data.seasons == ("2026-2027",)
    # The bill's own line carries its area and price per m²; the late fee has neither.
    assert data.lines == (ReceiptLine("2026-2027", "late_fee", D("30.78")),
                          ReceiptLine("2026-2027", "season", D("1969.22"), D("85.50"),
                                      D("24.00")))
    assert (data.balance_after, data.reference) == (D("82.78"), "")
    assert (data.amount, data.method, data.tendered, data.change, data.cashier) == (
        D("2000.00"), "cash", D("2000.00"), D("0.00"), "王收费")  # the user's name
    assert data.business_date == _dt.date(2027, 1, 30) and data.prepaid == D("0.00")
    first = payments.record_print(CASHIER, p)
    again = payments.record_print(FINANCE, p)
    assert (first.copy, again.copy, again.printed_by) == (False, True, "finance1")


def test_verify_and_the_check_find_tampering(world):
    from heatoffice.check import run_checks

    account, b, *_ = world
    at(_dt.date(2026, 12, 5))
    payments.record_payment(CASHIER, account.id, "1000", "card")
    results = {r.name: r for r in run_checks()}
    assert results["ledger"].ok and "billed + adjusted − paid = balance" in results["ledger"].detail
    db = AccountBalance._meta.database
    p = db.param
    db.execute_sql(f"UPDATE account_balance SET balance = balance + 1 WHERE account_id = {p}",
                   (account.id,))
    db.execute_sql(f"UPDATE bill SET paid = paid + 100 WHERE id = {p}", (b.id,))
    db.execute_sql("UPDATE receipt_counter SET last_seq = last_seq + 1")
    problems = ledger.verify()
    assert [pid for pid, _ in problems] == [account.id, b.id, 2026]
    assert "balance 1052.01" in problems[0][1] and "balance 1052.00" in problems[0][1]
    assert "paid 1001.00, allocations 1000.00" in problems[1][1]
    assert "counter at 2" in problems[2][1]
    ok, detail = ledger.check_invariant()
    assert not ok and detail.startswith("3 problems")
    assert not {r.name: r for r in run_checks()}["ledger"].ok
    # put it back so the fixture's own check passes
    db.execute_sql(f"UPDATE account_balance SET balance = balance - 1 WHERE account_id = {p}",
                   (account.id,))
    db.execute_sql(f"UPDATE bill SET paid = paid - 100 WHERE id = {p}", (b.id,))
    # the counter only moves forward (heatoffice.db.chain_guards): put back with its guard off
    with pytest.raises(Exception, match="only moves forward"), db.atomic():
        db.execute_sql("UPDATE receipt_counter SET last_seq = last_seq - 1")
    from heatoffice.db.connection import is_sqlite
    from heatoffice.db.guards import refuse_when

    db.execute_sql("DROP TRIGGER receipt_counter_forward"
                   + ("" if is_sqlite() else " ON receipt_counter"))
    db.execute_sql("UPDATE receipt_counter SET last_seq = last_seq - 1")
    refuse_when(db.obj, "receipt_counter", "receipt_counter_forward", "UPDATE",
                "NEW.last_seq < OLD.last_seq OR NEW.year <> OLD.year",
                "receipt_counter only moves forward")


def test_a_non_cash_payment_keeps_its_transaction_reference(world):
    account, *_ = world
    at(_dt.date(2026, 12, 5))
    p = payments.record_payment(CASHIER, account.id, "100", "wechat",
                                reference="  4200001234 202612051234567890 ")
    assert Payment.get_by_id(p.id).reference == "4200001234 202612051234567890"
    assert payments.receipt_of(CASHIER, p).reference == "4200001234 202612051234567890"
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "100", "cash", reference="123")
    assert (err.value.code, err.value.field) == ("billing.reference_not_cash", "reference")
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, account.id, "100", "card", reference="9" * 65)
    assert (err.value.code, err.value.field) == ("validation.too_long", "reference")
    assert Payment.select().count() == 1


def test_the_receipt_shows_the_balance_after_with_the_discount_it_earned(db):
    at(_dt.date(2026, 10, 20))
    s, t = season(discount_rate="0.02", discount_until=_dt.date(2026, 11, 30))
    account = home()
    bill(account, s, t)  # 85.50 × 24.00 = 2,052.00; 2 % off until 11-30 = 41.04
    at(_dt.date(2026, 11, 20))
    first = payments.record_payment(CASHIER, account.id, "1000", "card", reference="R1")
    assert payments.receipt_of(CASHIER, first).balance_after == D("1052.00")
    settling = payments.record_payment(CASHIER, account.id, "1010.96", "card")
    assert payments.receipt_of(CASHIER, settling).balance_after == D("0.00")
    # A reprint tells the balance as it was then, not as it is now.
    at(_dt.date(2026, 11, 21))
    reversal = payments.reverse_payment(FINANCE, settling.receipt_no, "录错")
    assert payments.receipt_of(CASHIER, settling).balance_after == D("0.00")
    assert payments.receipt_of(CASHIER, first).balance_after == D("1052.00")
    # The reversal takes back the money and the discount: 1,010.96 + 41.04 owed again.
    assert payments.receipt_of(CASHIER, reversal).balance_after == D("1052.00")
