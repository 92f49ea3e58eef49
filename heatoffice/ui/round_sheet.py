"""The collector's round sheet (收费员走访单) as a PDF, laid out by Qt from the round's rows:
who owes what, the last contact and promise, and blank columns to fill on the visit."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from heatoffice import config
from heatoffice.billing.dunning import METHODS, RoundRow
from heatoffice.money import format_yuan

HEADERS = ("序号", "户号", "户名", "地址", "电话", "欠费", "滞纳金", "最早欠费季", "上次催缴",
           "承诺缴费", "本次结果", "用户签字")


def _cell(text: object, align: str = "left") -> str:
    return f'<td align="{align}">{escape(str(text or ""))}</td>'


def _last(row: RoundRow) -> str:
    c = row.last_contact
    if c is None:
        return ""
    method = METHODS.get(c.method, (c.method,))[0]
    return f"{c.at:%m-%d} {method} {c.result}"


def html(rows: Sequence[RoundRow], collector: str, on: _dt.date, company: str) -> str:
    owed = sum((r.arrears.owed for r in rows), Decimal("0.00"))
    fees = sum((r.arrears.late_fees for r in rows), Decimal("0.00"))
    body = []
    for n, row in enumerate(rows, 1):
        a = row.arrears
        body.append("<tr>" + "".join((
            _cell(n, "right"), _cell(a.account_no), _cell(a.name), _cell(a.address),
            _cell(a.phone), _cell(format_yuan(a.owed), "right"),
            _cell(format_yuan(a.late_fees), "right"), _cell(a.oldest_season),
            _cell(_last(row)),
            _cell(row.promised_date.isoformat() if row.promised_date else ""),
            _cell(""), _cell(""))) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    return f"""
<html><body style="font-size: 9pt;">
<h2 align="center">{escape(company)}　收费员走访催缴单</h2>
<p>收费员：{escape(collector)}　　日期：{on.isoformat()}　　共 {len(rows)} 户，
欠费合计 {format_yuan(owed)}，滞纳金 {format_yuan(fees)}</p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">
<thead><tr>{head}</tr></thead>
{''.join(body)}
</table>
<p>催缴时请出示工作证，语气温和，说明欠费情况并致谢；用户的意见如实记录。</p>
<p>收费员签字：　　　　　　　　　复核人签字：</p>
</body></html>"""


def write_round_sheet(path: str | Path, rows: Sequence[RoundRow], collector: str,
                      on: _dt.date) -> int:
    """A4 landscape; returns the number of accounts on the sheet."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    writer.setTitle("收费员走访催缴单")
    writer.setCreator("heatoffice")
    doc = QTextDocument()
    doc.setHtml(html(rows, collector, on, config.company_name()))
    doc.print_(writer)
    return len(rows)
