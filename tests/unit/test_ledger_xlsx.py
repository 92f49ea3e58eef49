"""The sheet features the ledger exports rely on: totals rows after the data (outside the
filter, bold, computed after streaming), and column tables complete in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from heatoffice.exports import ledger_xlsx, xlsx


def test_footer_follows_the_data_outside_the_filter(tmp_path):
    path = tmp_path / "f.xlsx"
    seen = [Decimal("0.00")]

    def rows():
        for amount in ("1.10", "2.20", "-0.30"):
            seen[0] += Decimal(amount)
            yield ("A", Decimal(amount))

    def footer():  # built only after the rows were written: the total is complete
        yield ("合计", seen[0])
        yield ("=SUM(B2:B4)", None)

    assert xlsx.write_sheet(path, "t", ["户号", "金额"], rows(),
                            number_formats={1: xlsx.MONEY}, footer=footer()) == 3
    ws = load_workbook(path).active
    assert [tuple(c.value for c in r) for r in ws.iter_rows()] == [
        ("户号", "金额"), ("A", 1.1), ("A", 2.2), ("A", -0.3), ("合计", 3), ("=SUM(B2:B4)", None)]
    assert ws.auto_filter.ref == "A1:B4"
    assert ws["A5"].font.b is True and ws["B5"].font.b is True and ws["A2"].font.b is not True
    assert ws["B5"].number_format == "#,##0.00"
    # Footer text is escaped like data: it stays text, never a formula.
    assert ws["A6"].data_type == "s" and ws["A6"].quotePrefix is True


@pytest.mark.parametrize("columns", [ledger_xlsx.LEDGER_COLUMNS, ledger_xlsx.ARREARS_COLUMNS,
                                     ledger_xlsx.PAYMENT_COLUMNS, ledger_xlsx.DAILY_COLUMNS])
def test_column_tables_have_both_languages_known_formats_and_widths(columns):
    formats = {None, xlsx.MONEY, xlsx.AREA, xlsx.DATE, xlsx.DATETIME}
    for zh, en, fmt, width in columns:
        assert zh.strip() and en.strip() and fmt in formats and width and width > 4
    heads = ledger_xlsx._heads(columns, "zh")
    assert len(set(heads)) == len(heads)
    money = [i for i, c in enumerate(columns) if c[2] == xlsx.MONEY]
    assert money and all("元" in heads[i] for i in money)
    assert all("yuan" in ledger_xlsx._heads(columns, "en")[i] for i in money)
