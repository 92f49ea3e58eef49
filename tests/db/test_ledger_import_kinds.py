"""The ledger's import kinds on the import framework (SQLite and PostgreSQL): a payment file
with headers nobody guessed is mapped by hand once, kept as that bank's profile, and the
bank's next file (other column order, a title row) is mapped by it; templates; `check`
holds after the import."""

from __future__ import annotations

import datetime as _dt

from ledger_world import FINANCE, D, at, bill, home, season
from openpyxl import Workbook, load_workbook

from heatoffice.billing import ledger
from heatoffice.billing.models import Payment
from heatoffice.imports import files, service

JAN12 = _dt.date(2027, 1, 12)


def _xlsx(path, rows: list[list]) -> str:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return str(path)


def test_a_source_profile_maps_the_next_file_of_that_bank(db, tmp_path):
    at(_dt.date(2026, 10, 20))
    s, t = season()
    a, b = home("张伟"), home("李娜")
    bill(a, s, t)
    bill(b, s, t)
    at(JAN12)
    first = _xlsx(tmp_path / "jan11.xlsx", [
        ["客户号", "入账金额", "记账日期", "流水号", "户名"],
        [a.account_no, "100.00", "2027-01-11", "H1", "张伟"]])
    preview = service.preview(FINANCE, "payments", first, source="建设银行")
    assert preview.unmapped_required == ["account_no", "amount", "paid_on"]
    service.remember_mapping(FINANCE, "payments", preview.headers,
                             {"account_no": 0, "amount": 1, "paid_on": 2, "reference": 3,
                              "name": 4}, source="建设银行")
    second = _xlsx(tmp_path / "jan12.xlsx", [
        ["建设银行代收明细"],
        ["流水号", "客户号", "户名", "记账日期", "入账金额", "柜员"],
        ["H2", b.account_no, "李娜", "2027-01-12", "200.00", "007"]])
    report, preview = service.import_file(FINANCE, "payments", second, source="建设银行")
    assert preview.mapping == {"reference": 0, "account_no": 1, "name": 2, "paid_on": 3,
                               "amount": 4}
    assert (report.imported, report.rejected, report.complete) == (1, 0, True)
    assert preview.context.notes["totals"] == {"file": D("200.00"), "imported": D("200.00")}
    p = Payment.get(Payment.reference == "H2")
    assert (p.source, p.amount, p.business_date) == ("建设银行", D("200.00"), JAN12)
    # Another bank's file with these headers is not mapped by this profile.
    other = service.preview(FINANCE, "payments", second, source="工商银行")
    assert other.unmapped_required
    assert ledger.verify() == []


def test_templates_of_the_ledger_kinds(tmp_path):
    for kind, header in (("balances", ["*户号", "*采暖季", "*欠费金额", "滞纳金"]),
                         ("payments", ["*户号", "*缴费金额", "*缴费日期", "缴费方式",
                                       "*交易流水号", "代收来源", "户名", "地址"])):
        path = tmp_path / f"{kind}.xlsx"
        files.write_template(kind, path)
        cells = [r for r in load_workbook(path).active.iter_rows(values_only=True)]
        assert any(list(r[:len(header)]) == header for r in cells), (kind, cells[:4])
