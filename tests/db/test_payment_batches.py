"""Payment batches from banks, WeChat/Alipay services and the post office, on SQLite and
PostgreSQL: one transaction, each payment settled exactly as at the window, dated on its
payment date (closed days refused), references unique per source, rejected rows with reasons,
and the journal and its export showing source and reference."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_world import CASHIER, FINANCE, READER, D, at, bill, home, row_counts, season

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import closing, journals, ledger, payments
from heatoffice.billing.batches import PaymentLine, import_payments
from heatoffice.billing.models import Adjustment, Allocation, Payment
from heatoffice.billing.statement import statement
from heatoffice.check import run_checks
from heatoffice.errors import PermissionDenied, UserError

JAN10, JAN11, JAN12 = _dt.date(2027, 1, 10), _dt.date(2027, 1, 11), _dt.date(2027, 1, 12)


def _clean() -> None:
    assert ledger.verify() == []
    assert [r.name for r in run_checks() if not r.ok] == []


@pytest.fixture
def homes(db):
    """Three homes billed 2052.00 on 2026-10-20; late fees 0.05 % a day from 2027-01-01."""
    at(_dt.date(2026, 10, 20))
    s, t = season()
    found = [home(name) for name in ("张伟", "李娜", "王芳")]
    for a in found:
        bill(a, s, t)
    at(JAN12)
    yield found
    _clean()


def _lines(a, b, c) -> list[PaymentLine]:
    return [PaymentLine(2, a.account_no, "1000.00", "2027-01-10", "微信", "WX0001"),
            PaymentLine(3, b.account_no, 2062.26, _dt.datetime(2027, 1, 11), "支付宝", "ZFB9"),
            PaymentLine(4, c.account_no, "500", JAN11, "", "T-77")]


def _allocs(payment) -> list[tuple]:
    return [(x.bill_id, x.adjustment_id is not None, x.amount) for x in
            Allocation.select().where(Allocation.payment == payment.id).order_by(Allocation.id)]


def test_a_batch_is_taken_as_payments_dated_on_their_day(homes):
    a, b, c = homes
    report = import_payments(FINANCE, _lines(a, b, c), source="工商银行",
                             file_name="bank.xlsx", digest="cd" * 32)
    assert (report.rows, report.imported, report.problems) == (3, 3, ())
    assert (report.file_total, report.imported_total) == (D("3562.26"), D("3562.26"))
    assert report.receipts == ("2027-000001", "2027-000002", "2027-000003")
    got = [(p.account_id, p.amount, p.method, p.business_date, p.source, p.reference, p.cashier)
           for p in Payment.select().order_by(Payment.id)]
    assert got == [
        (a.id, D("1000.00"), "wechat", JAN10, "工商银行", "WX0001", "finance1"),
        (b.id, D("2062.26"), "alipay", JAN11, "工商银行", "ZFB9", "finance1"),
        (c.id, D("500.00"), "transfer", JAN11, "工商银行", "T-77", "finance1")]
    # late fees as of each payment's own date: 10 and 11 days of 2052.00 at 0.05 %
    fees = [(f.account_id, f.amount, f.business_date) for f in
            Adjustment.select().where(Adjustment.kind == "late_fee").order_by(Adjustment.id)]
    assert fees == [(a.id, D("10.26"), JAN10), (b.id, D("11.29"), JAN11),
                    (c.id, D("11.29"), JAN11)]
    assert AuditEntry.select().where(AuditEntry.action == "payments.import").count() == 4
    # each payment's audit row holds what audit.snapshot says of it, as at the window
    import json

    from heatoffice.audit.service import snapshot

    for p in Payment.select():
        entry = AuditEntry.get((AuditEntry.table == "payment")
                               & (AuditEntry.record_id == str(p.id)))
        assert json.loads(entry.after) == snapshot(p)
        # and as audit.record writes it, to the character (json.dumps)
        assert entry.after == json.dumps(snapshot(p), ensure_ascii=False)
    assert AuditEntry.get((AuditEntry.table == "import")
                          & (AuditEntry.action == "payments.import")).note == (
        "bank.xlsx: 3 imported, 2027-000001–2027-000003")


def test_allocation_is_identical_to_a_window_payment(db):
    """The same account history paid at the window and from a file settles alike."""
    at(_dt.date(2026, 10, 20))
    s, t = season()
    s2, t2 = season("2025-2026")
    window, batch = home("甲"), home("乙")
    for a in (window, batch):
        bill(a, s2, t2, "700.00", day=_dt.date(2025, 10, 20))
        bill(a, s, t)
    at(JAN10)
    w = payments.record_payment(CASHIER, window.id, "1500.00", "wechat", reference="W1")
    report = import_payments(FINANCE, [PaymentLine(2, batch.account_no, "1500.00", JAN10,
                                                   "wechat", "W1")], source="微信代收")
    p = Payment.get(Payment.receipt_no == report.receipts[0])
    assert [x[1:] for x in _allocs(p)] == [x[1:] for x in _allocs(w)]
    # last season's fee (375 days of 700.00), its bill, this season's fee, its bill
    assert [x[2] for x in _allocs(p)] == [D("131.25"), D("700.00"), D("10.26"), D("658.49")]
    assert payments.owed(window.id).total == payments.owed(batch.id).total == D("1393.51")
    _clean()


def test_the_same_file_twice_adds_nothing(homes):
    a, b, c = homes
    import_payments(FINANCE, _lines(a, b, c), source="工商银行")
    before = row_counts()
    again = import_payments(FINANCE, _lines(a, b, c), source="工商银行")
    assert (again.imported, again.duplicates, again.rejected_rows) == (0, 3, (2, 3, 4))
    assert again.problems[0].message("zh") == (
        "第 2 行：交易流水号：工商银行 流水号“WX0001”已导入（收据 2027-000001），不再重复入账")
    assert row_counts() == before
    # Another source may carry the same reference: its own series.
    other = import_payments(FINANCE, _lines(a, b, c)[:1], source="建设银行")
    assert other.imported == 1


def test_a_file_with_errors_imports_nothing_unless_valid_only(homes):
    a, b, c = homes
    import_payments(FINANCE, _lines(a, b, c)[:1], source="邮政")
    lines = [*_lines(a, b, c),
             PaymentLine(5, "YG999999", "10", JAN11, "", "T-1"),
             PaymentLine(6, a.account_no, "12,3.4.5", "2027-13-01", "现金", ""),
             PaymentLine(7, b.account_no, "-5", JAN11, "信用证", "T-77"),
             PaymentLine(8, c.account_no, "1", "2027-02-01", "转账", "T-2")]
    before = row_counts()
    report = import_payments(FINANCE, lines, source="邮政")
    assert report.imported == 0 and row_counts() == before
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "reference", "payments.already_imported"),
        (4, "reference", "payments.reference_twice"),
        (5, "account_no", "accounts.not_found"),
        (6, "amount", "money.format"),
        (6, "paid_on", "validation.date"),
        (6, "method", "payments.batch_cash"),
        (6, "reference", "validation.required"),
        (7, "amount", "money.negative"),
        (7, "method", "validation.choice"),
        (7, "reference", "payments.reference_twice"),
        (8, "paid_on", "payments.future_date")]
    assert report.problems[1].message("en") == (
        'row 4: transaction reference: reference "T-77" is in the file twice (rows 4, 7)'
        .replace("4, 7", "4、7"))
    assert report.duplicates == 1
    report = import_payments(FINANCE, lines, source="邮政", valid_only=True)
    assert (report.imported, report.imported_total) == (1, D("2062.26"))


def test_a_closed_day_is_refused(homes):
    a, b, c = homes
    closing.close_day(FINANCE, JAN11)
    report = import_payments(FINANCE, _lines(a, b, c), source="工商银行")
    assert report.imported == 0
    assert [(p.row, p.code) for p in report.problems] == [(3, "billing.day_closed"),
                                                           (4, "billing.day_closed")]
    assert report.problems[0].message("zh") == (
        "第 3 行：finance1 的 2027-01-11 已日结，不能再记入该日；更正请记入未日结的日期")
    assert import_payments(FINANCE, _lines(a, b, c), source="工商银行",
                           valid_only=True).imported == 1


def test_a_wrong_number_gets_a_suggestion_never_applied(homes):
    a, *_ = homes
    line = PaymentLine(2, "YG0", "100", JAN11, "", "R1", name="张伟",
                       address="阳光花园3-2-" + a.room)
    report = import_payments(FINANCE, [line], source="工商银行", valid_only=True)
    assert (report.imported, report.suggestions) == (0, {2: a.account_no})
    assert report.problems[0].message("zh") == (
        f"第 2 行：户号：户号“YG0”不存在；按户名和地址可能是 {a.account_no}"
        "（请核对后改正文件，不会自动入账）")
    assert Payment.select().count() == 0


def test_journal_export_and_ledger_show_source_and_reference(homes, tmp_path):
    import openpyxl

    from heatoffice.exports.ledger_xlsx import export_payments

    a, b, c = homes
    import_payments(FINANCE, _lines(a, b, c), source="工商银行")
    rows = list(journals.payment_rows(FINANCE, JAN10, JAN12))
    assert [(r.receipt_no, r.source, r.reference) for r in rows] == [
        ("2027-000001", "工商银行", "WX0001"), ("2027-000002", "工商银行", "ZFB9"),
        ("2027-000003", "工商银行", "T-77")]
    path = tmp_path / "payments.xlsx"
    export_payments(FINANCE, path, JAN10, JAN12, lang="zh")
    sheet = openpyxl.load_workbook(path).active
    table = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == "2027-000001"]
    assert table and "工商银行" in table[0] and "WX0001" in table[0]
    paid = [r for r in statement(FINANCE, a.id, lang="zh") if r.kind == "payment"]
    assert paid[0].reference == "2027-000001 微信 工商银行 WX0001"


def test_permission_and_source_required(homes):
    a, b, c = homes
    with pytest.raises(PermissionDenied):
        import_payments(READER, _lines(a, b, c), source="工商银行")
    with pytest.raises(UserError) as err:
        import_payments(FINANCE, _lines(a, b, c), source="x" * 33)
    assert err.value.field == "source"
    # no source for the batch: each row must name its own
    lines = [*_lines(a, b, c)[:2], PaymentLine(4, c.account_no, "500", JAN11, "", "T-77",
                                               source="邮政")]
    report = import_payments(FINANCE, lines, source=" ", valid_only=True)
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "source", "validation.required"), (3, "source", "validation.required")]
    assert Payment.get(Payment.receipt_no == report.receipts[0]).source == "邮政"


CELLS = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**12),
                  st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                  st.dates(), st.decimals(allow_nan=True, allow_infinity=True))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(CELLS, CELLS, CELLS, CELLS, CELLS), min_size=1, max_size=5),
       valid_only=st.booleans())
def test_random_cells_never_crash_and_never_commit_part_of_a_file(homes, cells, valid_only):
    a, b, c = homes
    before = row_counts()
    lines = [PaymentLine(i + 2, no if no is not None else a.account_no, amount, day, method, ref)
             for i, (no, amount, day, method, ref) in enumerate(cells)]
    lines.append(PaymentLine(99, b.account_no, "1", JAN11, "", f"ok-{len(cells)}"))
    report = import_payments(FINANCE, lines, source="随机", valid_only=valid_only)
    written = Payment.select().count() - before["payment"]
    assert written == report.imported
    assert report.imported in ((0, report.valid) if not valid_only else (report.valid,))
    if not valid_only and any(p.code != "payments.already_imported" for p in report.problems):
        assert written == 0  # a file with errors imports nothing
    assert ledger.verify() == []


def _shape(account) -> list[tuple]:
    """Everything an account's payments wrote, without ids: allocations by receipt order,
    adjustments, the balance."""
    from heatoffice.billing.models import AccountBalance

    pays = list(Payment.select().where(Payment.account == account.id).order_by(Payment.id))
    allocs = [[(x[0] is not None, x[1], x[2]) for x in _allocs(p)] for p in pays]
    adjs = [(a.kind, a.amount, a.business_date, a.reason[:3]) for a in Adjustment.select()
            .where(Adjustment.account == account.id).order_by(Adjustment.id)]
    b = AccountBalance.get_by_id(account.id)
    return [allocs, adjs, (b.billed, b.adjusted, b.paid, b.balance)]


def test_discount_prepayment_and_two_payments_of_one_account_settle_as_at_the_window(db):
    """An early payer's discount, money paid ahead meeting last season's debt later, and an
    account paying twice in one file: the batch writes what two window payments write."""
    at(_dt.date(2025, 10, 20))
    s2, t2 = season("2025-2026")
    at(_dt.date(2026, 10, 20))
    s, t = season(discount_rate="0.05", discount_until=_dt.date(2026, 11, 30))
    window, batch = home("甲"), home("乙")
    for a in (window, batch):
        bill(a, s2, t2, "700.00", day=_dt.date(2025, 10, 20))
        bill(a, s, t)
    at(_dt.date(2026, 11, 20))
    payments.record_payment(CASHIER, window.id, "800.00", "wechat", reference="W1")
    payments.record_payment(CASHIER, window.id, "3000.00", "wechat", reference="W2")
    report = import_payments(FINANCE, [
        PaymentLine(2, batch.account_no, "800.00", "2026-11-20", "wechat", "B1"),
        PaymentLine(3, batch.account_no, "3000.00", "2026-11-20", "wechat", "B2")],
        source="微信代收")
    assert report.imported == 2
    assert _shape(window) == _shape(batch)
    assert any(kind == "discount" for kind, *_ in _shape(batch)[1])
    _clean()


def test_an_amount_beyond_the_largest_is_a_rejected_row(homes):
    a, *_ = homes
    report = import_payments(FINANCE, [PaymentLine(2, a.account_no, "10000000.00", JAN11, "",
                                                   "BIG")], source="工商银行")
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "amount", "money.too_large")]


def test_a_snapshot_text_refuses_what_json_would_write_otherwise(db):
    import json

    from heatoffice.audit.service import snapshot_text
    from heatoffice.billing.batches import _SNAPSHOT

    text = snapshot_text(Payment, _SNAPSHOT)
    row = (1, "2027-000001", 2027, 1, 5, D("500.00"), "transfer", None, None, "finance1",
           _dt.datetime(2027, 1, 20, 9, 30), _dt.date(2027, 1, 20), None, "", "B1", "银行")
    assert json.loads(text(row))["amount"] == "500.00"
    with pytest.raises(TypeError):
        text((*row[:5], 500.0, *row[6:]))  # a float is never money
    with pytest.raises(ValueError):
        text(row[:-1])
    with pytest.raises(RuntimeError):
        snapshot_text(Payment, _SNAPSHOT[::-1])
