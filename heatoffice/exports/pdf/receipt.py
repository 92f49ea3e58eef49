"""收据 of a payment or a reversal (红冲); a reprint is 副本; on A4 the customer copy and stub."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from heatoffice import glossary
from heatoffice.billing.documents import Receipt, ReceiptLine
from heatoffice.exports.pdf.batch import is_a4
from heatoffice.exports.pdf.layout import (
    A4,
    A5,
    MM,
    Company,
    Pen,
    Progress,
    Target,
    Ticker,
    area_text,
    as_company,
    company_lines,
    dashed_cut,
    form_row,
    landscape,
    number_text,
    pdf_canvas,
    printed_term,
    stamp,
)
from heatoffice.money import ZERO, capitals, format_yuan

COPY_MARK = "副本"
REVERSAL_MARK = "红冲"
PREPAID = "预存热费"


def item_text(line: ReceiptLine) -> str:
    """What a line settled, in words: "2026-2027 热费", "2026-2027 滞纳金"."""
    group = "bill_kind" if glossary.has("bill_kind", line.item) else "adjustment_kind"
    return f"{line.season} {printed_term(group, line.item)}".strip()


Row = tuple[str, "Decimal | None", "Decimal | None", Decimal]


def rows(r: Receipt, most: int | None = None) -> list[Row]:
    """The table's rows: (item, area, unit price, amount), money left over last; beyond
    ``most`` rows the rest are summed in the last one, so every yuan is still printed."""
    out: list[Row] = [(item_text(x), x.quantity, x.unit_price, x.amount) for x in r.lines]
    if r.prepaid:
        out.append((PREPAID, None, None, r.prepaid))
    if most is not None and len(out) > most:
        rest = out[most - 1:]
        out = out[:most - 1] + [(f"其他 {len(rest)} 项", None, None,
                                 sum((x[3] for x in rest), ZERO))]
    return out


def remarks(r: Receipt) -> list[str]:
    """备注: the discounts the payment earned, and the reversal that cancelled it."""
    # A discount is a credit (negative): printed as the sum the customer saved.
    out = [f"{item_text(x)} {format_yuan(-x.amount)}，已在本次结算中减免".strip()
           for x in r.discounts]
    if r.reversed_by:
        out.append(f"本收据已由 No. {r.reversed_by} 红冲")
    return out


def balance_text(r: Receipt) -> tuple[str, str]:
    """(label, figure) of what the account owed right after the payment."""
    if r.balance_after is None:
        return "", ""
    if r.balance_after > 0:
        return "缴费后尚欠", format_yuan(r.balance_after)
    if r.balance_after < 0:
        return "缴费后预存", format_yuan(-r.balance_after)
    return "缴费后余额", "已结清"


# Layout on A5 landscape, in mm from the left and the top: 12 mm of paper white either side,
# 10 above; the two copies of an A4 sheet are the upper and the lower half of it.
_W, _H = 210, 148
_X0, _X1 = 12, 198
_MAX_LINES = 5
CUSTOMER, STUB = "第一联　客户联", "第二联　存根联"


def draw_receipt(pen: Pen, r: Receipt, company: Company, top_mm: float = 0.0,
                 part: str = "") -> None:
    """One receipt in the 210 × 148 mm band whose top edge is ``top_mm`` below the page top;
    ``part`` names the copy (客户联, 存根联) when a sheet carries two."""
    c = pen.c
    page_h = pen.page_height / MM

    def y(mm: float) -> float:
        return (page_h - top_mm - mm) * MM

    x0, x1 = _X0 * MM, _X1 * MM
    mid = _W / 2 * MM
    reversal = r.amount < 0 or bool(r.reverses)
    pen.text(mid, y(14), company.name, 15, "c", bold=True)
    title = "收 款 收 据" if not reversal else "收 款 收 据（红 冲）"
    pen.text(mid, y(23), title, 14, "c", bold=True)
    tw = pen.width(title, 14) / 2 + 4 * MM
    c.setLineWidth(0.6)
    c.lines([(mid - tw, y(24.8), mid + tw, y(24.8)), (mid - tw, y(25.6), mid + tw, y(25.6))])
    pen.text(x1, y(14), f"No. {r.receipt_no}", 11, "r", bold=True)
    if part:
        pen.text(x1, y(19.5), part, 8.5, "r")
    if r.copy:
        stamp(pen, x0, y(20), COPY_MARK, 14)
    elif reversal:
        stamp(pen, x0, y(20), REVERSAL_MARK, 14)
    pen.text(x0, y(31), f"收款日期：{r.taken_at:%Y-%m-%d %H:%M}", 9)
    if r.category:
        category = printed_term("account_category", r.category)
        pen.text(x1, y(31), f"用户类别：{category}", 9, "r")

    w = (x1 - x0)
    top = y(34)
    c.setLineWidth(0.8)
    h = 6.5 * MM
    label, figure = balance_text(r)
    notes = remarks(r)
    extras = bool(label) + reversal + bool(notes)  # rows under the method's
    most = _MAX_LINES - max(0, extras - 2)
    a = 20 * MM  # label column
    b = (w - 3 * a) / 3
    rows_top = top
    top = form_row(pen, x0, top, h, [(a, "户　号", "c"), (b, r.account_no, "l"),
                                     (a, "户　名", "c"), (b, r.name, "l"),
                                     (a, "采暖季", "c"), (b, "、".join(r.seasons), "l")])
    top = form_row(pen, x0, top, h, [(a, "地　址", "c"), (2 * b + a, r.address, "l"),
                                     (a, "供热面积", "c"),
                                     (b, f"{area_text(r.area)} ㎡" if r.area is not None else "",
                                      "l")])
    col = (w - 2 * a) / 3
    top = form_row(pen, x0, top, h, [(2 * a, "收费项目", "c"), (col, "面积(㎡)", "c"),
                                     (col, "单价(元/㎡)", "c"), (col, "金额(元)", "c")],
                   bold=True)
    lines = rows(r, most)
    lh = 5.5 * MM
    for i in range(max(2, len(lines))):
        what, quantity, price, amount = lines[i] if i < len(lines) else ("", None, None, None)
        cells = [(2 * a, what, "l"), (col, area_text(quantity), "r"),
                 (col, number_text(price), "r"), (col, number_text(amount), "r")]
        top = form_row(pen, x0, top, lh, cells)
    top = form_row(pen, x0, top, 8 * MM,
                   [(2 * a, "合计金额（大写）", "c"),
                    (col * 2, "人民币 " + capitals(r.amount), "l"),
                    (col, format_yuan(r.amount), "r")], size=10, bold=True)
    method_cells = [(a, "收款方式", "c"), (b, printed_term("payment_method", r.method), "l")]
    if r.tendered is not None:
        method_cells += [(a, "实收现金", "c"), (b, format_yuan(r.tendered), "r"),
                         (a, "找　零", "c"), (b, format_yuan(r.change or 0), "r")]
    elif r.method != "cash":
        method_cells += [(a, "交易流水号", "c"), (2 * b + a, r.reference, "l")]
    else:
        method_cells += [(a, "", "c"), (2 * b + a, "", "l")]
    top = form_row(pen, x0, top, h, method_cells)
    if label:
        top = form_row(pen, x0, top, h, [(2 * a, label, "c"), (col * 2, "", "l"),
                                         (col, figure, "r")], bold=True)
    if reversal:
        note = f"冲销原收据 No. {r.reverses}" + (f"，原因：{r.reason}" if r.reason else "")
        top = form_row(pen, x0, top, h, [(a, "红冲说明", "c"), (w - a, note, "l")])
    if notes:
        top = form_row(pen, x0, top, h, [(a, "备　注", "c"), (w - a, "；".join(notes), "l")])
    c.setLineWidth(0.8)
    c.rect(x0, top, w, rows_top - top)

    by = top - 6 * MM
    pen.text(x0, by, f"收款单位（盖章）：{company.name}", 9.5)
    pen.text(x0 + w * 0.62, by, f"收款人：{r.cashier}", 9.5)
    hotline = r.hotline or company.hotline
    note = "本收据是缴纳热费的凭证，请妥善保管。"
    if hotline:
        note += f"如有疑问，请拨打服务热线 {hotline}。"
    pen.text(x0, by - 5 * MM, note, 8)
    details = "\u3000".join(company_lines(company, phone=False))
    if details:
        pen.fit(x0, by - 9 * MM, details, w, 7.5)


def render_receipts(target: Target, receipts: Iterable[Receipt], *,
                    company: Company | str, size: str = "A5",
                    progress: Progress | None = None, total: int | None = None) -> int:
    """One receipt per A5 landscape page; on A4 (``size="A4"``) one receipt per sheet in two
    copies to cut apart, the customer's (客户联) above the office's stub (存根联)."""
    company = as_company(company)
    two_up = is_a4(size)
    ticker = Ticker(progress, total)
    pagesize = A4 if two_up else landscape(A5)
    with pdf_canvas(target, pagesize, title="收款收据", author=company) as (c, pen):
        for receipt in receipts:
            if two_up:
                draw_receipt(pen, receipt, company, part=CUSTOMER)
                dashed_cut(c, _X0 * MM, _X1 * MM, A4[1] / 2)
                draw_receipt(pen, receipt, company, top_mm=A4[1] / 2 / MM, part=STUB)
            else:
                draw_receipt(pen, receipt, company)
            pen.new_page()
            ticker.step()
        if ticker.done == 0:
            pen.new_page()
        ticker.finish()
    return ticker.done


def render_receipt(target: Target, receipt: Receipt, *, company: Company | str,
                   size: str = "A5") -> None:
    """The receipt of one payment, as printed at the cashier's window."""
    render_receipts(target, [receipt], company=company, size=size)
