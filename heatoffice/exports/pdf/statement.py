"""对账单: an account's ledger over a season or a date range on A4, with opening balance,
running balance and closing balance, continued over as many pages as it needs."""

from __future__ import annotations

from heatoffice.billing.documents import AccountStatement, StatementLine
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    date_zh,
    form_row,
    number_text,
    page_footer,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.money import format_yuan

_X0, _X1 = 15, 195             # mm: 15 mm margins left and right
_ROW = 6.2
_HEAD_ROW = 7.0
_FOOT = 22                     # mm from the bottom where the table stops
_FOOTER = 14                   # mm from the bottom to the footer (still 8 mm when on A5)
# 日期 摘要 采暖季 凭证号/说明 应收 实收 余额: sums to 180 mm
_COLS = (("日期", 19, "c"), ("摘要", 25, "l"), ("采暖季", 17, "c"), ("凭证号 / 说明", 58, "l"),
         ("应收(元)", 20, "r"), ("实收(元)", 20, "r"), ("余额(元)", 21, "r"))


def summary(x: StatementLine) -> str:
    """摘要: what the entry is, in the printed form's words."""
    if x.kind == "bill":
        return printed_term("bill_kind", x.code)
    if x.kind == "adjustment":
        return printed_term("adjustment_kind", x.code)
    return f"{printed_term('ledger_entry', x.kind)}（{printed_term('payment_method', x.code)}）"


def reference(x: StatementLine) -> str:
    """凭证号 / 说明: the receipt (and the one a reversal cancels) or the stored reason."""
    if x.kind == "payment":
        return x.receipt_no
    if x.kind == "reversal":
        return f"{x.receipt_no} 冲 {x.reverses} {x.text}".strip()
    return x.text


def period(s: AccountStatement) -> str:
    start = date_zh(s.date_from) if s.date_from is not None else "开户"
    text = f"{start} 至 {date_zh(s.date_to)}"
    return f"{s.season} 采暖季（{text}）" if s.season else text


def _amount(value) -> str:
    return number_text(value) if value else ""


def _row(pen: Pen, top: float, values: tuple[str, ...], size: float = 8.5,
         bold: bool = False, height: float = _ROW) -> float:
    cells = [(w * MM, v, align) for (_h, w, align), v in zip(_COLS, values, strict=True)]
    return form_row(pen, _X0 * MM, top, height * MM, cells, size, bold)


def _head(pen: Pen, top: float) -> float:
    cells = [(w * MM, h, "c") for h, w, _a in _COLS]
    return form_row(pen, _X0 * MM, top, _HEAD_ROW * MM, cells, 8.5, bold=True)


def _frame(pen: Pen, top: float, bottom: float) -> None:
    pen.c.setLineWidth(0.8)
    pen.c.rect(_X0 * MM, bottom, (_X1 - _X0) * MM, top - bottom)


def _letterhead(pen: Pen, s: AccountStatement, company: Company) -> float:
    """Company, title and the account; returns where the table starts."""
    w, h = pen.page_width, pen.page_height
    x0, x1 = _X0 * MM, _X1 * MM
    pen.text(w / 2, h - 18 * MM, company.name, 15, "c", bold=True)
    pen.text(w / 2, h - 27 * MM, "用 户 对 账 单", 14, "c", bold=True)
    y = h - 37 * MM
    half = (x1 - x0) / 2
    pairs = ((f"户号：{s.account_no}", f"户名：{s.name}"),
             (f"地址：{s.address}", None),
             (f"用户类别：{printed_term('account_category', s.category)}",
              f"供热面积：{s.area:,.2f} ㎡　　"
              f"用热状态：{printed_term('account_status', s.status)}"),
             (f"对账期间：{period(s)}", None))
    for left, right in pairs:
        pen.fit(x0, y, left, (x1 - x0) if right is None else half - 2 * MM, 9.5)
        if right is not None:
            pen.fit(x0 + half, y, right, half, 9.5)
        y -= 6 * MM
    return y - 1 * MM


def _closing_note(pen: Pen, s: AccountStatement, company: Company, y: float) -> None:
    x0, x1 = _X0 * MM, _X1 * MM
    closing = s.closing
    state = ("欠费" if closing > 0 else "预存" if closing < 0 else "已结清")
    pen.text(x0, y, f"期末余额：{format_yuan(closing)}（{state}）", 10, bold=True)
    hotline = s.hotline or company.hotline
    notes = ["余额为正数表示尚欠热费，为负数表示预存款；红冲以负数记入实收。",
             "如对本对账单有疑问，请" + (f"拨打服务热线 {hotline}。" if hotline
                                       else "与我公司联系。")]
    for text in notes:
        y -= 5.5 * MM
        pen.fit(x0, y, text, x1 - x0, 8.5)
    pen.text(x1, y - 9 * MM, f"{company.name}（盖章）", 9.5, "r")


def page_rows(count: int, first: int, later: int, tail: int) -> list[int]:
    """How many entries each page holds: pages fill up, and the last one also has room for
    ``tail`` rows (the totals and the closing note) after its entries, never for them alone."""
    pages: list[int] = []
    left, room = count, first
    while left + tail > room:
        take = room if left > room else max(left - 1, 0)
        pages.append(take)
        left -= take
        room = later
    pages.append(left)
    return pages


def draw_statement(pen: Pen, s: AccountStatement, company: Company) -> int:
    """Draw the statement on as many A4 pages as it needs; returns the number of pages."""
    printed = (f"打印时间：{s.printed_at:%Y-%m-%d %H:%M}　打印人：{s.printed_by}"
               if s.printed_at else "")
    first_top = _letterhead(pen, s, company)
    later_top = pen.page_height - 18 * MM
    row, bottom = _ROW * MM, _FOOT * MM
    first = int((first_top - _HEAD_ROW * MM - bottom) // row) - 1  # the opening balance row
    later = int((later_top - _HEAD_ROW * MM - bottom) // row)
    lines = list(s.lines)
    counts = page_rows(len(lines), first, later, tail=6)  # totals row and closing note
    i, top = 0, first_top
    for page, count in enumerate(counts, 1):
        if page > 1:
            pen.new_page()
            top = later_top
        start = top
        top = _head(pen, top)
        if page == 1:
            opening = s.date_from.strftime("%Y-%m-%d") if s.date_from else ""
            top = _row(pen, top, (opening, "期初余额", "", "", "", "", number_text(s.opening)),
                       bold=True)
        for x in lines[i:i + count]:
            top = _row(pen, top, (x.day.strftime("%Y-%m-%d"), summary(x), x.season,
                                  reference(x), _amount(x.debit), _amount(x.credit),
                                  number_text(x.balance)))
        i += count
        if page == len(counts):
            if not lines:
                top = _row(pen, top, ("", "本期没有发生额", "", "", "", "", ""))
            top = _row(pen, top, ("", "本期合计", "", f"{len(lines)} 笔",
                                  number_text(s.debits), number_text(s.credits),
                                  number_text(s.closing)), bold=True, height=_HEAD_ROW)
        _frame(pen, start, top)
        if page == len(counts):
            _closing_note(pen, s, company, top - 8 * MM)
        page_footer(pen, pen.page_width, _FOOTER * MM, page, len(counts), printed, _X0 * MM)
    return len(counts)


def render_statement(target: Target, statement: AccountStatement, *,
                     company: Company | str, size: str = "A4") -> int:
    """Write the statement to ``target`` (a path or a binary file); returns the pages. Laid
    out on A4; ``size="A5"`` prints the same pages smaller."""
    company = as_company(company)
    with pdf_canvas(target, paper(size), title=f"对账单 {statement.account_no}",
                    author=company, layout=A4) as (_c, pen):
        pages = draw_statement(pen, statement, company)
        pen.new_page()
    return pages
