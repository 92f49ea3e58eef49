"""缴费通知单: the season's payment notice, one A5 page per account, in batches of thousands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from heatoffice.billing.documents import Notice, NoticeLine
from heatoffice.exports.pdf.batch import render_a5_pages
from heatoffice.exports.pdf.layout import (
    MM,
    Company,
    Pen,
    Progress,
    Target,
    dashed_cut,
    date_zh,
    grid,
    hline,
    number_text,
    printed_term,
)
from heatoffice.money import RATE_PLACES, ZERO, capitals, format_percent, format_yuan

PAYMENT_CHANNELS = "营业厅（现金、银行卡）、微信、支付宝、银行转账"


def detail(line: NoticeLine) -> str:
    """The days or the share a line was billed for: "92天", "30%"."""
    if line.days:
        return f"{line.days}天"
    return format_percent(line.share, RATE_PLACES) if line.share is not None else ""


def period(n: Notice) -> str:
    if n.period_start is None or n.period_end is None:
        return ""
    return f"{n.period_start:%Y-%m-%d} 至 {n.period_end:%Y-%m-%d}"


def reminders(n: Notice, company: Company) -> list[str]:
    """The 温馨提示 of a notice, numbered, from its dates and rates."""
    out: list[str] = []
    if n.discount_until is not None and n.discount_rate:
        out.append(f"{date_zh(n.discount_until)}前缴清本季热费，可享受"
                   f"{format_percent(n.discount_rate, RATE_PLACES)}的提前缴费优惠。")
    if n.due_date is not None:
        text = f"请于{date_zh(n.due_date - dt.timedelta(days=1))}前缴清热费"
        if n.late_fee_rate:
            text += (f"，逾期未缴部分自{date_zh(n.due_date)}起"
                     f"每日按{format_percent(n.late_fee_rate, RATE_PLACES)}计收滞纳金")
        out.append(text + "。")
    out.append(f"缴费方式：{PAYMENT_CHANNELS}。缴费时请报户号。")
    hotline = n.hotline or company.hotline
    ask = "如对供热面积或金额有疑问，请"
    out.append(ask + (f"拨打服务热线 {hotline}，" if hotline else "与我公司联系，")
               + "我们将安排现场复核。")
    return [f"{i}. {text}" for i, text in enumerate(out, 1)]


# The A5 layout, in mm from the left and from the top of the page.
_W, _H = 148, 210
_LEFT, _RIGHT = 10, 138
_INFO_TOP, _INFO_ROW = 31, 7.5
_COLS = (40, 20, 24, 18, 26)   # 项目 数量 单价 比例/天数 金额: sums to 128
_HEADS = ("项目", "面积(㎡)", "单价(元)", "比例/天数", "金额(元)")
_ROW = 6.5
_MAX_ROWS = 7
_STUB_TOP = 176


def draw_notice(pen: Pen, n: Notice, company: Company) -> None:
    """Draw one notice on the current page, laid out on A5 (the caller scales for A4)."""
    c = pen.c

    def y(top_mm: float) -> float:
        return (_H - top_mm) * MM

    x0, x1 = _LEFT * MM, _RIGHT * MM
    mid = _W / 2 * MM
    pen.text(mid, y(14), company.name, 15, "c", bold=True)
    pen.text(mid, y(21.5), "供热费缴费通知单", 12.5, "c", bold=True)
    pen.text(x0, y(28), f"采暖季：{n.season}", 8.5)
    if n.issued is not None:
        pen.text(x1, y(28), f"开具日期：{n.issued:%Y-%m-%d}", 8.5, "r")

    # The account: four rows of label/value pairs, the address across the full width.
    lab = 17 * MM
    half = (x1 - x0) / 2
    top = y(_INFO_TOP)
    row = _INFO_ROW * MM
    c.setLineWidth(0.8)
    c.rect(x0, top - 4 * row, x1 - x0, 4 * row)
    c.setLineWidth(0.4)
    c.lines([(x0, top - i * row, x1, top - i * row) for i in (1, 2, 3)]
            + [(x0 + lab, top, x0 + lab, top - 4 * row),
               (x0 + half, top, x0 + half, top - row),
               (x0 + half, top - 2 * row, x0 + half, top - 4 * row),
               (x0 + half + lab, top, x0 + half + lab, top - row),
               (x0 + half + lab, top - 2 * row, x0 + half + lab, top - 4 * row)])
    base = top - row + 2.3 * MM
    value_w = half - lab - 3 * MM
    cells = (
        (0, "户　　号", n.account_no, "户　　名", n.name),
        (1, "地　　址", n.address, None, None),
        (2, "用户类别", printed_term("account_category", n.category),
         "供热面积", f"{n.area:,.2f} ㎡"),
        (3, "用热状态", printed_term("account_status", n.status), "供热期", period(n)),
    )
    for i, l1, v1, l2, v2 in cells:
        by = base - i * row
        pen.text(x0 + 1.5 * MM, by, l1, 8.5)
        width = (x1 - x0 - lab - 3 * MM) if l2 is None else value_w
        pen.fit(x0 + lab + 1.5 * MM, by, v1, width, 9.5 if i == 0 else 9)
        if l2 is not None:
            pen.text(x0 + half + 1.5 * MM, by, l2, 8.5)
            pen.fit(x0 + half + lab + 1.5 * MM, by, v2 or "", value_w, 9)

    # The bill's lines.
    top = y(_INFO_TOP + 4 * _INFO_ROW + 8)
    pen.text(x0, top + 1.8 * MM, "本季热费明细", 9, bold=True)
    lines = list(n.lines)
    shown = lines[:_MAX_ROWS]
    rows = max(3, len(shown))
    rh = _ROW * MM
    widths = [w * MM for w in _COLS]
    grid(c, x0, top, widths, [rh] * (rows + 1), 0.4)
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for i, head in enumerate(_HEADS):
        pen.text((xs[i] + xs[i + 1]) / 2, top - rh + 2 * MM, head, 8.5, "c")
    for r, line in enumerate(shown, 1):
        by = top - (r + 1) * rh + 2 * MM
        pen.fit(xs[0] + 1.5 * MM, by, line.description, widths[0] - 3 * MM, 8.5)
        if line.quantity is not None:
            pen.text(xs[2] - 1.5 * MM, by, f"{line.quantity:,.2f}", 8.5, "r")
        if line.unit_price is not None:
            pen.text(xs[3] - 1.5 * MM, by, number_text(line.unit_price), 8.5, "r")
        shown_detail = detail(line)
        if shown_detail:
            pen.text((xs[3] + xs[4]) / 2, by, shown_detail, 8.5, "c")
        pen.text(xs[5] - 1.5 * MM, by, number_text(line.amount), 8.5, "r")
    if len(lines) > len(shown):
        rest = sum((x.amount for x in lines[len(shown):]), ZERO)
        pen.text(xs[0] + 1.5 * MM, top - (rows + 1) * rh - 3.5 * MM,
                 f"另有 {len(lines) - len(shown)} 项，合计 {format_yuan(rest)}", 7.5)

    # Totals, right-aligned under the table's amount column.
    ty = top - (rows + 1) * rh - 5.5 * MM
    figures = [("本季热费合计", n.total)]
    if n.paid:
        figures.append(("本季已缴", -n.paid))
    if n.adjusted:
        figures.append(("减免及调整", n.adjusted))
    if n.previous_arrears > 0:
        figures.append(("往期欠费", n.previous_arrears))
    elif n.previous_arrears < 0:
        figures.append(("预存余额", n.previous_arrears))
    for what, amount in figures:
        pen.text(xs[4] - 2 * MM, ty, what, 9, "r")
        pen.text(x1 - 1.5 * MM, ty, format_yuan(amount), 9, "r")
        ty -= 5 * MM
    due = n.amount_due
    hline(c, x0, x1, ty + 3.3 * MM, 0.8)
    ty -= 1.5 * MM
    pen.text(x0, ty, "应缴金额（大写）", 9.5, bold=True)
    pen.fit(x0 + 31 * MM, ty, capitals(max(due, ZERO)), 58 * MM, 9.5)
    pen.text(x1 - 1.5 * MM, ty, format_yuan(max(due, ZERO)), 11, "r", bold=True)

    # 温馨提示, wrapped to the page.
    ty -= 8 * MM
    pen.text(x0, ty, "温馨提示", 9, bold=True)
    for text in reminders(n, company):
        for part in pen.wrap(text, x1 - x0 - 3 * MM, 8):
            ty -= 4.3 * MM
            if ty < y(_STUB_TOP - 8):
                break
            pen.text(x0 + 1.5 * MM, ty, part, 8)
    pen.text(x1, y(_STUB_TOP - 4), f"{company.name}（盖章）", 9, "r")

    # The stub the customer brings to the counter.
    dashed_cut(c, 4 * MM, (_W - 4) * MM, y(_STUB_TOP))
    pen.text(x1, y(_STUB_TOP) - 3 * MM, "沿虚线剪下", 6.5, "r")
    pen.text(mid, y(_STUB_TOP + 7), "缴费回执（缴费时请携带本联）", 9.5, "c", bold=True)
    sy = y(_STUB_TOP + 14)
    pen.text(x0, sy, f"户号：{n.account_no}", 9)
    pen.fit(x0 + half, sy, f"户名：{n.name}", half, 9)
    pen.fit(x0, sy - 6 * MM, f"地址：{n.address}", x1 - x0, 9)
    pen.text(x0, sy - 12 * MM, f"采暖季：{n.season}", 9)
    pen.text(x0 + half, sy - 12 * MM, f"应缴金额：{format_yuan(max(due, ZERO))}", 9)
    pen.text(x0, sy - 18 * MM, "收款日期：", 9)
    pen.text(x0 + half, sy - 18 * MM, "收款人：", 9)


def render_notices(target: Target, notices: Iterable[Notice], *, company: Company | str,
                   size: str = "A5", progress: Progress | None = None,
                   total: int | None = None) -> int:
    """Write one page per notice to ``target``; returns the number of notices.

    ``notices`` may be a generator reading the database in batches: it is consumed once.
    On ``size="A4"`` the A5 layout is enlarged to fill the page.
    """
    return render_a5_pages(target, notices, draw_notice, company=company, size=size,
                           title="供热费缴费通知单", empty="没有要打印的缴费通知单",
                           progress=progress, total=total)
