"""收费日报 (a cashier's day: totals by method, receipts, reversals, cash to hand over) and
the month report (day by day, by method and by cashier), on A4."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from heatoffice.billing.documents import DailyReport, MonthReport, ReportReceipt
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    form_row,
    number_text,
    page_footer,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.money import ZERO, capitals, format_yuan


def note(r: ReportReceipt) -> str:
    """备注 of a receipt: the receipt a reversal cancels, or the reversal that cancelled it."""
    if r.reverses:
        return f"红冲 {r.reverses}"
    return f"已被 {r.reversed_by} 红冲" if r.reversed_by else ""


# A4 portrait with 15 mm of paper white at the sides and more above and below, so that the
# same pages printed on A5 (1/√2) keep layout.MIN_MARGIN_MM.
_X0, _X1 = 15, 195
_ROW = 6.5
_FOOT = 25        # mm from the bottom where tables stop
_FOOTER = 14      # mm from the bottom edge to the footer's line
_DETAIL = (("序号", 11, "c"), ("收据号", 28, "c"), ("时间", 16, "c"), ("户号", 27, "l"),
           ("户名", 24, "l"), ("方式", 17, "c"), ("金额(元)", 25, "r"), ("备注", 32, "l"))


def _title(pen: Pen, company: Company, title: str, line: str, state: str) -> float:
    w, h = pen.page_width, pen.page_height
    pen.text(w / 2, h - 18 * MM, company.name, 15, "c", bold=True)
    pen.text(w / 2, h - 27 * MM, title, 14, "c", bold=True)
    pen.text(_X0 * MM, h - 36 * MM, line, 9.5)
    pen.text(_X1 * MM, h - 36 * MM, state, 9.5, "r")
    return h - 40 * MM


def _state(closed_at: dt.datetime | None, closed_by: str, what: str) -> str:
    if closed_at is None:
        return f"状态：未{what}（草稿）"
    return f"状态：已{what}（{closed_at:%Y-%m-%d %H:%M} {closed_by}）".replace(" ）", "）")


def _printed(at: dt.datetime | None) -> str:
    return f"打印时间：{at:%Y-%m-%d %H:%M}" if at else ""


def _box(pen: Pen, top: float, bottom: float, width: float) -> None:
    c = pen.c
    c.setLineWidth(0.8)
    c.rect(_X0 * MM, bottom, width, top - bottom)


def _detail_head(pen: Pen, top: float) -> float:
    return form_row(pen, _X0 * MM, top, 7 * MM, [(w * MM, h, "c") for h, w, _ in _DETAIL],
                    8.5, bold=True)


def _signatures(pen: Pen, y: float, names: Sequence[str]) -> None:
    step = (_X1 - _X0) / len(names) * MM
    for i, name in enumerate(names):
        pen.text(_X0 * MM + i * step, y, f"{name}：____________", 9.5)


def draw_daily(pen: Pen, r: DailyReport, company: Company) -> int:
    w = (_X1 - _X0) * MM
    x0 = _X0 * MM
    line = f"收费日期：{r.business_date:%Y-%m-%d}　　收款员：{r.cashier}"
    head = _title(pen, company, "收 费 日 报", line, _state(r.closed_at, r.closed_by, "日结"))

    # 一、by method
    pen.text(x0, head - 6 * MM, "一、收款汇总", 10, bold=True)
    top = head - 8 * MM
    start = top
    cols = (w * 0.4, w * 0.2, w * 0.4)
    top = form_row(pen, x0, top, 7 * MM, [(cols[0], "收款方式", "c"), (cols[1], "笔数", "c"),
                                          (cols[2], "金额(元)", "c")], 9, bold=True)
    for m in r.methods:
        method = printed_term("payment_method", m.method)
        top = form_row(pen, x0, top, _ROW * MM, [(cols[0], method, "c"),
                                                 (cols[1], str(m.count), "r"),
                                                 (cols[2], number_text(m.amount), "r")], 9)
    top = form_row(pen, x0, top, 7 * MM,
                   [(cols[0], "合计（净额）", "c"), (cols[1], str(r.receipt_count), "r"),
                    (cols[2], number_text(r.total), "r")], 9.5, bold=True)
    _box(pen, start, top, w)

    # 二、receipts and cash
    pen.text(x0, top - 8 * MM, "二、票据与现金", 10, bold=True)
    ty = top - 14 * MM
    span = (f"No. {r.first_receipt} 至 No. {r.last_receipt}" if r.receipt_count else "无")
    facts = [
        f"开具收据 {r.receipt_count} 张（{span}），其中收款 {r.payment_count} 笔 "
        f"{format_yuan(r.gross_total)}，"
        f"红冲 {r.reversal_count} 笔 {format_yuan(r.reversal_total)}。",
        f"实收净额：{format_yuan(r.total)}（大写：{capitals(r.total)}）",
        f"应交现金：{format_yuan(r.cash_to_hand_over)}（大写：{capitals(r.cash_to_hand_over)}）",
    ]
    facts += [f"因恢复备份作废的收据号：No. {lost.first} 至 No. {lost.last}，共 {lost.count} 张"
              f"（{lost.restored_at:%Y-%m-%d %H:%M} 恢复，不再开具）。"
              for lost in r.lost_by_restore]
    if r.seal:
        facts.append(f"账本封存码：{r.seal}（日结时生成；核对：heatoffice check --seal {r.seal}）")
    for text in facts:
        pen.fit(x0 + 3 * MM, ty, text, w - 3 * MM, 9.5)
        ty -= 6 * MM

    # 三、every receipt, continued over as many pages as it needs
    pen.text(x0, ty - 3 * MM, "三、收款明细", 10, bold=True)
    top = ty - 5 * MM
    bottom = _FOOT * MM + 14 * MM   # the signatures under the last row
    first_rows = int((top - 7 * MM - bottom) // (_ROW * MM))
    later_rows = int((pen.page_height - 24 * MM - 7 * MM - bottom) // (_ROW * MM))
    rows = list(r.receipts)
    rest = max(0, len(rows) - first_rows)
    pages = 1 + -(-rest // later_rows)
    page, i = 1, 0
    printed = _printed(r.printed_at)
    while True:
        start = top
        top = _detail_head(pen, top)
        capacity = first_rows if page == 1 else later_rows
        for rec in rows[i:i + capacity]:
            i += 1
            values = (str(i), rec.receipt_no, f"{rec.taken_at:%H:%M}", rec.account_no, rec.name,
                      printed_term("payment_method", rec.method), number_text(rec.amount),
                      note(rec))
            top = form_row(pen, x0, top, _ROW * MM,
                           [(c[1] * MM, v, c[2]) for c, v in zip(_DETAIL, values, strict=True)],
                           8.5)
        if not rows and page == 1:
            top = form_row(pen, x0, top, _ROW * MM, [(w, "当日没有收款", "c")], 8.5)
        _box(pen, start, top, w)
        page_footer(pen, pen.page_width, _FOOTER * MM, page, pages, printed, x0)
        if i >= len(rows):
            break
        pen.new_page()
        page += 1
        pen.text(x0, pen.page_height - 18 * MM,
                 f"收费日报 {r.business_date:%Y-%m-%d} {r.cashier}（续）", 9.5)
        top = pen.page_height - 24 * MM
    _signatures(pen, top - 12 * MM, ("收款员", "复核", "财务负责人"))
    pen.new_page()
    return pages


def render_daily_report(target: Target, report: DailyReport, *,
                        company: Company | str, size: str = "A4") -> int:
    """The day's report of one cashier (laid out on A4; ``size="A5"`` prints it smaller);
    returns the number of pages."""
    company = as_company(company)
    with pdf_canvas(target, paper(size), title="收费日报", author=company,
                    layout=A4) as (_c, pen):
        return draw_daily(pen, report, company)


def draw_month(pen: Pen, r: MonthReport, company: Company) -> int:
    w = (_X1 - _X0) * MM
    x0 = _X0 * MM
    head = _title(pen, company, "收 费 月 报", f"月份：{r.month}",
                  _state(r.closed_at, r.closed_by, "月结"))
    methods = [printed_term("payment_method", m) for m in r.methods]
    fixed = 24 + 14 + 24 + 28   # 日期, 张数, 红冲, 合计 (mm)
    mw = ((_X1 - _X0) - fixed) / max(1, len(methods))
    cols = [(24 * MM, "日期"), (14 * MM, "张数")] + [(mw * MM, f"{m}(元)") for m in methods] \
        + [(24 * MM, "红冲(元)"), (28 * MM, "合计(元)")]
    pen.text(x0, head - 6 * MM, "一、逐日汇总", 10, bold=True)
    top = start = head - 8 * MM
    top = form_row(pen, x0, top, 7 * MM, [(cw, h, "c") for cw, h in cols], 8.5, bold=True)
    sums = [ZERO] * len(methods)
    count, reversals, total = 0, ZERO, ZERO
    for d in r.days:
        day = f"{d.day:%m-%d}" + ("*" if d.open_cashiers else "")
        values = [day, str(d.receipt_count), *(number_text(a) for a in d.by_method),
                  number_text(d.reversal_total), number_text(d.total)]
        top = form_row(pen, x0, top, 5.6 * MM,
                       [(cw, v, "c" if i == 0 else "r")
                        for i, ((cw, _), v) in enumerate(zip(cols, values, strict=True))], 8.5)
        sums = [s + a for s, a in zip(sums, d.by_method, strict=True)]
        count += d.receipt_count
        reversals += d.reversal_total
        total += d.total
    values = ["合计", str(count), *(number_text(s) for s in sums), number_text(reversals),
              number_text(total)]
    top = form_row(pen, x0, top, 7 * MM,
                   [(cw, v, "c" if i == 0 else "r")
                    for i, ((cw, _), v) in enumerate(zip(cols, values, strict=True))],
                   8.5, bold=True)
    _box(pen, start, top, w)
    ty = top - 6 * MM
    pen.fit(x0, ty, f"本月实收净额：{format_yuan(total)}（大写：{capitals(total)}）", w, 9.5)
    if r.seal:
        ty -= 5 * MM
        pen.fit(x0, ty, f"账本封存码：{r.seal}（月结时生成；核对：heatoffice check --seal "
                f"{r.seal}）", w, 9)
    if any(d.open_cashiers for d in r.days):
        ty -= 5 * MM
        pen.text(x0, ty, "* 当日尚有收款员未日结", 8)

    needed = (len(r.cashiers) + 2) * _ROW * MM + 30 * MM
    pages = 1
    if ty - needed < _FOOT * MM:
        page_footer(pen, pen.page_width, _FOOTER * MM, 1, 2, _printed(r.printed_at), x0)
        pen.new_page()
        pages = 2
        ty = pen.page_height - 22 * MM
    pen.text(x0, ty - 9 * MM, "二、按收款员汇总", 10, bold=True)
    top = start = ty - 11 * MM
    cc = (w * 0.34, w * 0.22, w * 0.22, w * 0.22)
    top = form_row(pen, x0, top, 7 * MM, [(cc[0], "收款员", "c"), (cc[1], "收据张数", "c"),
                                          (cc[2], "其中红冲", "c"), (cc[3], "实收净额(元)", "c")],
                   8.5, bold=True)
    for ct in r.cashiers:
        top = form_row(pen, x0, top, _ROW * MM,
                       [(cc[0], ct.cashier, "c"), (cc[1], str(ct.receipt_count), "r"),
                        (cc[2], str(ct.reversal_count), "r"), (cc[3], number_text(ct.total), "r")],
                       8.5)
    _box(pen, start, top, w)
    _signatures(pen, top - 14 * MM, ("制表", "复核", "财务负责人"))
    page_footer(pen, pen.page_width, _FOOTER * MM, pages, pages, _printed(r.printed_at), x0)
    pen.new_page()
    return pages


def render_month_report(target: Target, report: MonthReport, *,
                        company: Company | str, size: str = "A4") -> int:
    """The month's report (月报; laid out on A4, ``size="A5"`` prints it smaller); returns the
    number of pages."""
    company = as_company(company)
    with pdf_canvas(target, paper(size), title="收费月报", author=company,
                    layout=A4) as (_c, pen):
        return draw_month(pen, report, company)
