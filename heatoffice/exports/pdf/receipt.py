"""收据: the receipt of a payment or a reversal (红冲); every reprint is marked 副本."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
    dashed_cut,
    form_row,
    landscape,
    number_text,
    pdf_canvas,
    stamp,
)
from heatoffice.money import capitals, format_yuan

COPY_MARK = "副本"
REVERSAL_MARK = "红冲"


@dataclass(frozen=True)
class ReceiptLine:
    """What the payment settled: a season's fee, a late fee, a connection fee."""

    description: str
    amount: Decimal
    quantity: Decimal | None = None
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class ReceiptData:
    receipt_no: str
    taken_at: dt.datetime
    account_no: str
    name: str
    address: str
    area: Decimal | None
    season: str
    lines: Sequence[ReceiptLine]
    amount: Decimal         # negative for a reversal
    method: str             # label: 现金, 微信
    cashier: str
    tendered: Decimal | None = None
    change: Decimal | None = None
    copy: bool = False      # a reprint: marked 副本
    reverses: str = ""      # a reversal: the receipt number it cancels
    reason: str = ""
    category: str = ""
    hotline: str = ""
    remarks: Sequence[str] = ()  # e.g. the early-payment discount this payment earned


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return _money(value)


def _money(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def receipt_from_mapping(d: Mapping[str, Any], *, copy: bool | None = None) -> ReceiptData:
    """A ReceiptData from the dict of ``billing.payments.receipt_data``."""
    lines = []
    for line in d.get("lines") or ():
        if isinstance(line, ReceiptLine):
            lines.append(line)
        elif isinstance(line, Mapping):
            lines.append(ReceiptLine(str(line.get("description", "")), _money(line["amount"]),
                                     _dec(line.get("quantity")), _dec(line.get("unit_price"))))
        else:
            lines.append(ReceiptLine(str(line[0]), _money(line[-1])))
    prepaid = _dec(d.get("prepaid"))
    if prepaid:
        lines.append(ReceiptLine("预存热费", prepaid))
    # A discount is a credit (negative): printed as the sum the customer saved.
    remarks = [f"{x.get('description', '')} {format_yuan(-_money(x['amount']))}，已在本次结算中减免"
               .strip() for x in d.get("discounts") or ()]
    if d.get("reversed_by"):
        remarks.append(f"本收据已由 No. {d['reversed_by']} 红冲")
    season = d.get("season") or "、".join(d.get("seasons") or ())
    return ReceiptData(
        receipt_no=str(d["receipt_no"]), taken_at=d["taken_at"],
        account_no=str(d["account_no"]), name=str(d.get("name", "")),
        address=str(d.get("address", "")), area=_dec(d.get("area")),
        season=str(season), lines=tuple(lines), amount=_money(d["amount"]),
        method=str(d.get("method_label") or d.get("method", "")),
        cashier=str(d.get("cashier_name") or d.get("cashier", "")),
        tendered=_dec(d.get("tendered")), change=_dec(d.get("change")),
        copy=bool(d.get("copy", False)) if copy is None else copy,
        reverses=str(d.get("reverses") or ""), reason=str(d.get("reason") or ""),
        category=str(d.get("category_label") or d.get("category") or ""),
        hotline=str(d.get("hotline") or ""), remarks=tuple(remarks))


# Layout on A5 landscape, in mm from the left and the top.
_W, _H = 210, 148
_X0, _X1 = 12, 198
_MAX_LINES = 5


def draw_receipt(pen: Pen, r: ReceiptData, company: Company, top_mm: float = 0.0) -> None:
    """One receipt in the 210 × 148 mm band whose top edge is ``top_mm`` below the page top."""
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
    if r.copy:
        stamp(pen, x0, y(20), COPY_MARK, 14)
    elif reversal:
        stamp(pen, x0, y(20), REVERSAL_MARK, 14)
    pen.text(x0, y(31), f"收款日期：{r.taken_at:%Y-%m-%d %H:%M}", 9)
    if r.category:
        pen.text(x1, y(31), f"用户类别：{r.category}", 9, "r")

    w = (x1 - x0)
    top = y(34)
    c.setLineWidth(0.8)
    h = 7.5 * MM
    a = 20 * MM  # label column
    b = (w - 3 * a) / 3
    rows_top = top
    top = form_row(pen, x0, top, h, [(a, "户　号", "c"), (b, r.account_no, "l"),
                                     (a, "户　名", "c"), (b, r.name, "l"),
                                     (a, "采暖季", "c"), (b, r.season, "l")])
    top = form_row(pen, x0, top, h, [(a, "地　址", "c"), (2 * b + a, r.address, "l"),
                                     (a, "供热面积", "c"),
                                     (b, f"{area_text(r.area)} ㎡" if r.area is not None else "",
                                      "l")])
    col = (w - 2 * a) / 3
    top = form_row(pen, x0, top, h, [(2 * a, "收费项目", "c"), (col, "面积(㎡)", "c"),
                                     (col, "单价(元)", "c"), (col, "金额(元)", "c")],
                   bold=True)
    lines = list(r.lines)[:_MAX_LINES]
    lh = 6.5 * MM
    for i in range(max(2, len(lines))):
        line = lines[i] if i < len(lines) else None
        cells = [(2 * a, line.description if line else "", "l"),
                 (col, area_text(line.quantity) if line else "", "r"),
                 (col, number_text(line.unit_price) if line else "", "r"),
                 (col, number_text(line.amount) if line else "", "r")]
        top = form_row(pen, x0, top, lh, cells)
    top = form_row(pen, x0, top, 9 * MM,
                   [(2 * a, "合计金额（大写）", "c"),
                    (col * 2, "人民币 " + capitals(r.amount), "l"),
                    (col, format_yuan(r.amount), "r")], size=10, bold=True)
    method_cells = [(a, "收款方式", "c"), (b, r.method, "l")]
    if r.tendered is not None:
        method_cells += [(a, "实收现金", "c"), (b, format_yuan(r.tendered), "r"),
                         (a, "找　零", "c"), (b, format_yuan(r.change or 0), "r")]
    else:
        method_cells += [(a, "", "c"), (2 * b + a, "", "l")]
    top = form_row(pen, x0, top, h, method_cells)
    if reversal:
        note = f"冲销原收据 No. {r.reverses}" + (f"，原因：{r.reason}" if r.reason else "")
        top = form_row(pen, x0, top, h, [(a, "红冲说明", "c"), (w - a, note, "l")])
    if r.remarks:
        top = form_row(pen, x0, top, h, [(a, "备　注", "c"), (w - a, "；".join(r.remarks), "l")])
    c.setLineWidth(0.8)
    c.rect(x0, top, w, rows_top - top)

    by = top - 8 * MM
    pen.text(x0, by, f"收款单位（盖章）：{company.name}", 9.5)
    pen.text(x0 + w * 0.62, by, f"收款人：{r.cashier}", 9.5)
    hotline = r.hotline or company.hotline
    note = "本收据是缴纳热费的凭证，请妥善保管。"
    if hotline:
        note += f"如有疑问，请拨打服务热线 {hotline}。"
    pen.text(x0, by - 6.5 * MM, note, 8)


def render_receipts(target: Target, receipts: Iterable[ReceiptData], *,
                    company: Company | str, size: str = "A5",
                    progress: Progress | None = None, total: int | None = None) -> int:
    """One receipt per A5 landscape page, or two per A4 page (``size="A4"``) to cut apart."""
    company = as_company(company)
    two_up = is_a4(size)
    ticker = Ticker(progress, total)
    pagesize = A4 if two_up else landscape(A5)
    with pdf_canvas(target, pagesize, title="收款收据", author=company.name) as (c, pen):
        slot = 0
        for receipt in receipts:
            if two_up:
                draw_receipt(pen, receipt, company, top_mm=0 if slot == 0 else 148.5)
                if slot == 0:
                    dashed_cut(c, 5 * MM, 205 * MM, A4[1] / 2)
                    slot = 1
                else:
                    pen.new_page()
                    slot = 0
            else:
                draw_receipt(pen, receipt, company)
                pen.new_page()
            ticker.step()
        if slot == 1 or ticker.done == 0:
            pen.new_page()
        ticker.finish()
    return ticker.done


def render_receipt(target: Target, receipt: ReceiptData, *, company: Company | str,
                   size: str = "A5") -> None:
    """The receipt of one payment, as printed at the cashier's window."""
    render_receipts(target, [receipt], company=company, size=size)
