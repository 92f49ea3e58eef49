"""测量记录表: a blank sheet for the field visit, or a completed measurement record (A4)."""

from __future__ import annotations

from decimal import Decimal

from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    area_text,
    as_company,
    date_zh,
    form_row,
    frame,
    number_text,
    page_footer,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.measurements.documents import MeasurementSheet

TITLE = "供热面积测量记录表"
_X0 = 15 * MM  # margins of at least 8 mm on every side (15 mm left and right)
# (heading, width mm, align)
_COLUMNS = (("序号", 10, "c"), ("部位", 36, "l"), ("类型", 34, "l"), ("长(米)", 18, "r"),
            ("宽(米)", 18, "r"), ("面积(㎡)", 22, "r"), ("计入比例", 18, "r"),
            ("计入面积(㎡)", 24, "r"))
_BLANK_ROWS = 12
_ROW_H = 8 * MM


def _pct(share: Decimal) -> str:
    text = f"{share * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _plain(value: Decimal) -> str:
    """An exact area with as many places as it has (at least two)."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _head(pen: Pen, s: MeasurementSheet, company: Company, w: float, h: float) -> float:
    pen.text(w / 2, h - 16 * MM, company.name, 14, "c", bold=True)
    pen.text(w / 2, h - 24 * MM, TITLE, 13, "c", bold=True)
    y = h - 33 * MM
    pen.text(_X0, y, f"编号：{s.number or '____________'}", 9.5)
    reason = printed_term("measurement_reason", s.reason) if s.reason else "__________"
    pen.text(_X0 + 70 * MM, y, f"测量原因：{reason}", 9.5)
    when = date_zh(s.measured_on) if s.measured_on else "____年___月___日"
    pen.text(w - _X0, y, f"测量日期：{when}", 9.5, "r")
    y -= 7 * MM
    pen.text(_X0, y, f"户号：{s.account_no}", 9.5)
    pen.text(_X0 + 55 * MM, y, f"户名：{s.name}", 9.5)
    pen.text(_X0 + 105 * MM, y, f"地址：{s.address}", 9.5)
    y -= 7 * MM
    pen.text(_X0, y, f"原登记面积：{area_text(s.area_on_record)} ㎡", 9.5)
    height = area_text(s.ceiling_height) if s.ceiling_height is not None else (
        "______" if s.blank else "—")
    pen.text(_X0 + 70 * MM, y, f"层高：{height} 米", 9.5)
    if not s.blank:
        pen.text(w - _X0, y, f"规则版本：第 {s.rule_version} 版", 9.5, "r")
    return y - 5 * MM


def _parts(pen: Pen, s: MeasurementSheet, top: float) -> float:
    cells = [(wd * MM, head, "c") for head, wd, _ in _COLUMNS]
    table_top = top
    top = form_row(pen, _X0, top, 7 * MM, cells, 8.5, bold=True)
    rows: list[tuple[str, ...]] = []
    for i, p in enumerate(s.parts, 1):
        rows.append((str(i), p.name, printed_term("measurement_part_kind", p.kind),
                     area_text(p.length), area_text(p.width), _plain(p.area), _pct(p.share),
                     _plain(p.counted)))
    if s.blank:
        rows = [(str(i), "", "", "", "", "", "", "") for i in range(1, _BLANK_ROWS + 1)]
    for values in rows:
        top = form_row(pen, _X0, top, _ROW_H, [(col[1] * MM, v, col[2]) for col, v
                                               in zip(_COLUMNS, values, strict=True)], 8.5)
    frame(pen.c, _X0, table_top, sum(col[1] for col in _COLUMNS) * MM, top)
    return top


def _rules_and_result(pen: Pen, s: MeasurementSheet, y: float, w: float) -> float:
    kinds = "；".join(f"{printed_term('measurement_part_kind', k)} {_pct(v)}"
                     for k, v in s.shares)
    for line in pen.wrap(f"计算规则（第 {s.rule_version} 版）：{kinds}；层高超过 "
                         f"{area_text(s.ceiling_base)} 米时面积 × 层高 ÷ "
                         f"{area_text(s.ceiling_base)}。", w - 2 * _X0, 8.5):
        y -= 5 * MM
        pen.text(_X0, y, line, 8.5)
    if s.basis == "certificate":
        y -= 6 * MM
        pen.text(_X0, y, f"按产权证使用面积计算：{area_text(s.usable_area)} ㎡ × 系数 "
                 f"{s.coefficient}", 9.5)
    y -= 8 * MM
    difference = s.difference if s.difference is not None else Decimal(0)
    pen.text(_X0, y, f"测量面积：{area_text(s.area)} ㎡    原登记面积："
             f"{area_text(s.area_on_record)} ㎡    面积差：{difference:+.2f} ㎡", 10,
             bold=True)
    if s.effective_on is not None:
        y -= 7 * MM
        extra = (f"    调账 {number_text(s.adjustment_amount)} 元（"
                 f"{printed_term('adjustment_status', s.adjustment_status)}）"
                 if s.adjustment_amount is not None else "")
        pen.text(_X0, y, f"生效日期：{date_zh(s.effective_on)}{extra}", 9.5)
    return y


def _signatures(pen: Pen, s: MeasurementSheet, y: float, w: float) -> None:
    names = {side: "、".join(u for u, sd in s.measurers if sd == side)
             for side in ("customer_service", "fee_section")}
    y -= 12 * MM
    pen.text(_X0, y, f"客服部测量人：{names['customer_service'] or '__________'}"
             "  签字：__________", 9.5)
    pen.text(w / 2 + 5 * MM, y, f"收费科测量人：{names['fee_section'] or '__________'}"
             "  签字：__________", 9.5)
    y -= 10 * MM
    # the document font has no check-box glyphs: a blank sheet is circled by hand
    present = "是 / 否（圈选）" if s.blank else ("是" if s.customer_present else "否")
    pen.text(_X0, y, f"用户在场：{present}    用户签字：______________", 9.5)
    pen.text(w / 2 + 5 * MM, y, "复核人签字：______________", 9.5)
    y -= 10 * MM
    pen.text(_X0, y, f"备注：{s.notes}" if s.notes else "备注：", 9.5)


def draw_sheet(pen: Pen, s: MeasurementSheet, company: Company) -> None:
    w, h = pen.page_width, pen.page_height
    top = _parts(pen, s, _head(pen, s, company, w, h))
    y = top if s.blank else _rules_and_result(pen, s, top, w)
    _signatures(pen, s, y, w)
    # 13 mm: still 8 mm of white when the A4 sheet is printed on A5
    page_footer(pen, w, 13 * MM, 1, 1, "", _X0)
    pen.new_page()


def render_measurement_sheet(target: Target, sheet: MeasurementSheet, *,
                             company: Company | str, size: str = "A4") -> int:
    """One page laid out on A4 (``size="A5"`` prints it smaller); returns the pages."""
    company = as_company(company)
    with pdf_canvas(target, paper(size), title=TITLE, author=company,
                    layout=A4) as (_c, pen):
        draw_sheet(pen, sheet, company)
    return 1
