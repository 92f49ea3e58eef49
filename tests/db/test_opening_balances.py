"""Opening balances carried over from the old system, on SQLite and PostgreSQL, with exact
yuan: in the ledger as bills of their own kind, dunned, paid oldest first with the carried
late fee first, imported once, nothing half-imported, and `check` clean after every import."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_world import CASHIER, FINANCE, D, at, bill, home, row_counts, season

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import arrears, dunning, ledger, payments
from heatoffice.billing.models import AccountBalance, Adjustment, Allocation, Bill, BillLine
from heatoffice.billing.models import OpeningBalance as OB
from heatoffice.billing.opening import OpeningLine, import_opening_balances
from heatoffice.billing.statement import ledger_entries
from heatoffice.check import run_checks
from heatoffice.errors import PermissionDenied

NOV20 = _dt.date(2026, 11, 20)


def _clean() -> None:
    assert ledger.verify() == []
    assert [r.name for r in run_checks() if not r.ok] == []


@pytest.fixture
def homes(db):
    at(NOV20)
    s, t = season()
    a, b = home("张伟"), home("李娜")
    bill(a, s, t)  # 2052.00 of this season
    yield a, b, s, t
    _clean()


def _file(a, b) -> list[OpeningLine]:
    return [OpeningLine(2, a.account_no, "2024-2025", "800.00", "40.00"),
            OpeningLine(3, a.account_no, "2025-2026", "1,200.50", None),
            OpeningLine(4, b.account_no, "2025-2026", 999.9, "")]  # a float from Excel


def test_opening_balances_enter_the_ledger_as_their_own_kind(homes):
    a, b, *_ = homes
    report = import_opening_balances(FINANCE, _file(a, b), file_name="欠费.xlsx",
                                     digest="ab" * 32)
    assert (report.rows, report.imported, report.problems, report.duplicates) == (3, 3, (), 0)
    assert (report.file_total, report.imported_total) == (D("3000.40"), D("3000.40"))
    assert (report.late_fees, report.imported_late_fees) == (D("40.00"), D("40.00"))
    bills = list(Bill.select().where(Bill.kind == "opening").order_by(Bill.id))
    assert [(x.account_id, x.season_id, x.total) for x in bills] == [
        (a.id, None, D("800.00")), (a.id, None, D("1200.50")), (b.id, None, D("999.90"))]
    assert [ln.description for ln in BillLine.select().where(BillLine.kind == "opening")
            .order_by(BillLine.id)] == ["期初欠费（2024-2025 采暖季，旧系统结转）",
                                        "期初欠费（2025-2026 采暖季，旧系统结转）",
                                        "期初欠费（2025-2026 采暖季，旧系统结转）"]
    fee = Adjustment.get(Adjustment.source == "import")
    assert (fee.kind, fee.amount, fee.status, fee.bill_id) == (
        "late_fee", D("40.00"), "approved", bills[0].id)
    balance = AccountBalance.get_by_id(a.id)
    assert (balance.billed, balance.adjusted, balance.balance) == (
        D("4052.50"), D("40.00"), D("4092.50"))
    assert [(o.season_name, o.row_no, o.file_name) for o in OB.select().order_by(OB.id)] == [
        ("2024-2025", 2, "欠费.xlsx"), ("2025-2026", 3, "欠费.xlsx"), ("2025-2026", 4, "欠费.xlsx")]
    # the ledger names the old season; audited row by row and for the file
    assert [(e.code, e.season, e.debit) for e in ledger_entries(b.id)] == [
        ("opening", "2025-2026", D("999.90"))]
    assert AuditEntry.select().where(AuditEntry.action == "opening.import").count() == 4
    whole = AuditEntry.get((AuditEntry.action == "opening.import")
                           & (AuditEntry.table == "import"))
    assert whole.record_id == "ab" * 8
    assert whole.note == "欠费.xlsx: 3 imported, 3000.40 + 40.00 late fees of 3000.40 + 40.00"
    # each opening balance's audit row holds audit.snapshot of it, as json.dumps writes it
    import json

    from heatoffice.audit.service import snapshot

    for o in OB.select():
        entry = AuditEntry.get((AuditEntry.table == "opening_balance")
                               & (AuditEntry.record_id == str(o.id)))
        assert entry.after == json.dumps(snapshot(o), ensure_ascii=False)
        assert entry.note == f"{o.season_name}: {o.amount} + {o.late_fee}"
    assert [(ln.seq, ln.quantity, ln.unit_price, ln.share, ln.days, ln.amount)
            for ln in BillLine.select().where(BillLine.kind == "opening")
            .order_by(BillLine.id)][0] == (1, D("0"), D("800.00"), None, None, D("800.00"))
    assert (bills[0].area, bills[0].paid, bills[0].issued_by) == (D("0"), D("0"), "finance1")


def test_the_same_file_twice_adds_nothing(homes):
    a, b, *_ = homes
    import_opening_balances(FINANCE, _file(a, b))
    before = row_counts()
    again = import_opening_balances(FINANCE, _file(a, b))
    assert (again.imported, again.duplicates, again.rejected) == (0, 3, 3)
    assert again.problems[0].message("zh") == (
        f"第 2 行：采暖季：户号 {a.account_no} 的 2024-2025 期初欠费已导入（800.00 元），"
        "不再重复入账；更正请调账")
    assert row_counts() == before


def test_a_file_with_errors_imports_nothing_unless_valid_only(homes):
    a, b, *_ = homes
    lines = [*_file(a, b), OpeningLine(5, "NOPE", "2025-2026", "10"),
             OpeningLine(6, b.account_no, "", "abc"),
             OpeningLine(7, b.account_no, "2025-2026", "5")]  # b's 2025-2026 twice
    before = row_counts()
    report = import_opening_balances(FINANCE, lines)
    assert report.imported == 0 and row_counts() == before
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (4, "season", "opening.twice_in_file"),
        (5, "account_no", "accounts.not_found"),
        (6, "season", "validation.required"),
        (6, "amount", "money.format"),
        (7, "season", "opening.twice_in_file")]
    assert report.rejected_rows == (4, 5, 6, 7)
    report = import_opening_balances(FINANCE, lines, valid_only=True)
    assert (report.imported, report.imported_total) == (2, D("2000.50"))
    assert report.file_total == D("3015.40")
    assert report.not_imported_total == D("1014.90")


def test_dry_run_writes_nothing_and_permission_is_finance(homes):
    a, b, *_ = homes
    before = row_counts()
    report = import_opening_balances(FINANCE, _file(a, b), dry_run=True)
    assert (report.valid, report.imported, row_counts()) == (3, 0, before)
    with pytest.raises(PermissionDenied):
        import_opening_balances(CASHIER, _file(a, b))


def test_paid_oldest_first_carried_late_fee_first_and_no_new_late_fee(homes):
    a, b, s, t = homes
    import_opening_balances(FINANCE, _file(a, b))
    old_fee = Adjustment.get(Adjustment.source == "import")
    opening = list(Bill.select().where((Bill.kind == "opening") & (Bill.account == a.id))
                   .order_by(Bill.id))
    season_bill = Bill.get((Bill.kind == "season") & (Bill.account == a.id))
    # Long after this season's late fees started: only this season's bill accrues.
    at(_dt.date(2027, 1, 11))  # 11 days × 0.05 % of 2052.00 = 11.29
    owed = payments.owed(a.id)
    assert (owed.late_fees, owed.total) == (D("11.29"), D("4103.79"))
    p = payments.record_payment(CASHIER, a.id, "2100.00", "card")
    allocs = [(x.bill_id, x.adjustment_id, x.amount) for x in
              Allocation.select().where(Allocation.payment == p.id).order_by(Allocation.id)]
    new_fee = Adjustment.get(Adjustment.source == "rule")
    assert allocs == [(None, old_fee.id, D("40.00")), (opening[0].id, None, D("800.00")),
                      (opening[1].id, None, D("1200.50")), (None, new_fee.id, D("11.29")),
                      (season_bill.id, None, D("48.21"))]
    # the fee charged was this season's only
    fees = [(x.source, x.bill_id) for x in Adjustment.select().where(Adjustment.kind == "late_fee")
            .order_by(Adjustment.id)]
    assert fees == [("import", opening[0].id), ("rule", season_bill.id)]


def test_opening_balances_are_dunned_and_in_the_arrears_as_older_debt(homes):
    a, b, *_ = homes
    import_opening_balances(FINANCE, _file(a, b))
    rows = {r.account_no: r for r in arrears.arrears_list(FINANCE).rows}
    # b owes only the old system's arrears: overdue, older than any season of ours
    assert (rows[b.account_no].owed, rows[b.account_no].overdue, rows[b.account_no].age) == (
        D("999.90"), D("999.90"), "one")
    notices = {n.account_no: n for n in dunning.dunning_notices(FINANCE)}
    assert [(i.season, i.kind, i.owed) for i in notices[b.account_no].items] == [
        ("2025-2026", "opening", D("999.90"))]


CELLS = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**12),
                  st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                  st.dates(), st.decimals(allow_nan=True, allow_infinity=True))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(CELLS, CELLS, CELLS, CELLS), min_size=1, max_size=5),
       valid_only=st.booleans())
def test_random_cells_never_crash_and_never_commit_part_of_a_file(homes, cells, valid_only):
    a, b, *_ = homes
    before = row_counts()
    lines = [OpeningLine(i + 2, no if no is not None else a.account_no, season, amount, fee)
             for i, (no, season, amount, fee) in enumerate(cells)]
    lines.append(OpeningLine(99, b.account_no, f"旧-{len(row_counts())}-{len(cells)}", "1"))
    report = import_opening_balances(FINANCE, lines, valid_only=valid_only)
    written = OB.select().count() - before["opening_balance"]
    assert written == report.imported
    if not valid_only and any(p.code != "opening.already_imported" for p in report.problems):
        assert written == 0  # a file with errors imports nothing
    assert ledger.verify() == []


def test_an_amount_beyond_the_largest_is_a_rejected_row(homes):
    a, *_ = homes
    report = import_opening_balances(FINANCE, [OpeningLine(2, a.account_no, "2020", "1",
                                                           "10000000")])
    assert [(p.row, p.field, p.code) for p in report.problems] == [
        (2, "late_fee", "money.too_large")]


def test_a_late_fee_after_rows_without_one(homes):
    """The file is written table by table (bills, lines, late fees, opening balances): an
    opening balance points at its late fee whichever row has the first one."""
    a, b, *_ = homes
    lines = [OpeningLine(2, b.account_no, "2025-2026", "10.00", ""),
             OpeningLine(3, a.account_no, "2024-2025", "20.00", "1.50")]
    report = import_opening_balances(FINANCE, lines, file_name="f.xlsx", digest="cd" * 32)
    assert (report.imported, report.imported_late_fees) == (2, D("1.50"))
    fee = Adjustment.get(Adjustment.source == "import")
    assert OB.get(OB.row_no == 3).late_fee_adjustment_id == fee.id
    assert OB.get(OB.row_no == 2).late_fee_adjustment_id is None
    assert AccountBalance.get_by_id(a.id).adjusted == D("1.50")
    assert [r for r in run_checks() if not r.ok] == []
