"""The payment notice drawn with the reportlab canvas by hand: the same A5 page, strings,
rules and boxes as heatoffice/exports/pdf/notice.py, each page's text in one text object."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
_W, _H = 148, 210
_LEFT, _RIGHT = 10, 138
_INFO_TOP, _INFO_ROW = 31, 7.5
_COLS = (40, 20, 24, 18, 26)
_HEADS = ("项目", "面积(㎡)", "单价(元)", "比例/天数", "金额(元)")
_ROW = 6.5
_MAX_ROWS = 7
_STUB_TOP = 176
CHANNELS = "营业厅（现金、银行卡）、微信、支付宝、银行转账"
_NO_LINE_START = frozenset("，。、：；！？）》」』”’%．,.;:!?)")
ZERO = Decimal("0.00")


def yuan(x: Decimal, sign: bool = True) -> str:
    body = f"{'¥' if sign else ''}{abs(x):,.2f}"
    return f"-{body}" if x < 0 else body


def percent(rate: Decimal) -> str:
    return f"{rate * 100:f}".rstrip("0").rstrip(".") + "%"


def date_zh(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class Page:
    """Text in the font on a canvas, collected into one text object per page."""

    def __init__(self, canvas: Any, font: str) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        self.c, self.font = canvas, font
        self.sw = getFont(font).stringWidth
        self.t: Any = None
        self.size, self.bold = 0.0, False

    def text(self, x: float, y: float, s: str, size: float = 9.0, align: str = "l",
             bold: bool = False) -> None:
        t = self.t
        if t is None:
            t = self.t = self.c.beginText()
            self.size, self.bold = 0.0, False
        if size != self.size:
            t.setFont(self.font, size)
            self.size = size
        if bold != self.bold:
            t.setTextRenderMode(2 if bold else 0)
            self.bold = bold
        if align == "r":
            x -= self.sw(s, size)
        elif align == "c":
            x -= self.sw(s, size) / 2
        t.setTextOrigin(x, y)
        t.textOut(s)

    def fit(self, x: float, y: float, s: str, width: float, size: float = 9.0) -> None:
        w = self.sw(s, size)
        if w > width:
            size = max(6.0, int(size * width / w * 4) / 4)
            if self.sw(s, size) > width:
                while s and self.sw(s + "…", size) > width:
                    s = s[:-1]
                s += "…"
        self.text(x, y, s, size)

    def wrap(self, s: str, width: float, size: float) -> list[str]:
        lines, line, used = [], "", 0.0
        for token in _tokens(s):
            w = self.sw(token, size)
            if line and used + w > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = token.lstrip()
                used = self.sw(line, size)
            else:
                line += token
                used += w
        lines.append(line.rstrip())
        return lines

    def end_page(self) -> None:
        if self.t is not None:
            c = self.c
            c.saveState()
            c.setLineWidth(0.35)
            c.drawText(self.t)
            c.restoreState()
            self.t = None
        self.c.showPage()


def _tokens(text: str) -> Any:
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            yield word
            word = ""
        if ch == " ":
            word = " "
        else:
            yield ch
    if word:
        yield word


def reminders(n: dict[str, Any], company: str, hotline: str) -> list[str]:
    out = []
    if n["discount_until"] is not None and n["discount_rate"]:
        out.append(f"{date_zh(n['discount_until'])}前缴清本季热费，可享受"
                   f"{percent(n['discount_rate'])}的提前缴费优惠。")
    if n["due_date"] is not None:
        text = f"请于{date_zh(n['due_date'] - dt.timedelta(days=1))}前缴清热费"
        if n["late_fee_rate"]:
            text += (f"，逾期未缴部分自{date_zh(n['due_date'])}起"
                     f"每日按{percent(n['late_fee_rate'])}计收滞纳金")
        out.append(text + "。")
    out.append(f"缴费方式：{CHANNELS}。缴费时请报户号。")
    line = n["hotline"] or hotline
    ask = f"拨打服务热线 {line}，" if line else "与我公司联系，"
    out.append(f"如对供热面积或金额有疑问，请{ask}我们将安排现场复核。")
    return [f"{i}. {t}" for i, t in enumerate(out, 1)]


def draw(pg: Page, n: dict[str, Any], company: str, hotline: str, capitals: Any) -> None:
    """One notice on the current page (``n``: the fields a notice shows)."""
    c = pg.c

    def y(top: float) -> float:
        return (_H - top) * MM

    x0, x1, mid = _LEFT * MM, _RIGHT * MM, _W / 2 * MM
    pg.text(mid, y(14), company, 15, "c", bold=True)
    pg.text(mid, y(21.5), "供热费缴费通知单", 12.5, "c", bold=True)
    pg.text(x0, y(28), f"采暖季：{n['season']}", 8.5)
    pg.text(x1, y(28), f"开具日期：{n['issued']:%Y-%m-%d}", 8.5, "r")
    lab, half, top, row = 17 * MM, (x1 - x0) / 2, y(_INFO_TOP), _INFO_ROW * MM
    c.setLineWidth(0.8)
    c.rect(x0, top - 4 * row, x1 - x0, 4 * row)
    c.setLineWidth(0.4)
    c.lines([(x0, top - i * row, x1, top - i * row) for i in (1, 2, 3)]
            + [(x0 + lab, top, x0 + lab, top - 4 * row), (x0 + half, top, x0 + half, top - row),
               (x0 + half, top - 2 * row, x0 + half, top - 4 * row),
               (x0 + half + lab, top, x0 + half + lab, top - row),
               (x0 + half + lab, top - 2 * row, x0 + half + lab, top - 4 * row)])
    base, value_w = top - row + 2.3 * MM, half - lab - 3 * MM
    cells = ((0, "户　　号", n["account_no"], "户　　名", n["name"]),
             (1, "地　　址", n["address"], None, None),
             (2, "用户类别", n["category"], "供热面积", f"{n['area']:,.2f} ㎡"),
             (3, "用热状态", n["status"], "供热期", n["period"]))
    for i, l1, v1, l2, v2 in cells:
        by = base - i * row
        pg.text(x0 + 1.5 * MM, by, l1, 8.5)
        pg.fit(x0 + lab + 1.5 * MM, by, v1, (x1 - x0 - lab - 3 * MM) if l2 is None else value_w,
               9.5 if i == 0 else 9)
        if l2 is not None:
            pg.text(x0 + half + 1.5 * MM, by, l2, 8.5)
            pg.fit(x0 + half + lab + 1.5 * MM, by, v2 or "", value_w, 9)

    top = y(_INFO_TOP + 4 * _INFO_ROW + 8)
    pg.text(x0, top + 1.8 * MM, "本季热费明细", 9, bold=True)
    lines = n["lines"]
    shown = lines[:_MAX_ROWS]
    rows = max(3, len(shown))
    rh = _ROW * MM
    widths = [w * MM for w in _COLS]
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    c.setLineWidth(0.4)
    c.grid(xs, [top - i * rh for i in range(rows + 2)])
    for i, head in enumerate(_HEADS):
        pg.text((xs[i] + xs[i + 1]) / 2, top - rh + 2 * MM, head, 8.5, "c")
    for r, (desc, qty, price, amount, detail) in enumerate(shown, 1):
        by = top - (r + 1) * rh + 2 * MM
        pg.fit(xs[0] + 1.5 * MM, by, desc, widths[0] - 3 * MM, 8.5)
        pg.text(xs[2] - 1.5 * MM, by, f"{qty:,.2f}", 8.5, "r")
        pg.text(xs[3] - 1.5 * MM, by, yuan(price, False), 8.5, "r")
        if detail:
            pg.text((xs[3] + xs[4]) / 2, by, detail, 8.5, "c")
        pg.text(xs[5] - 1.5 * MM, by, yuan(amount, False), 8.5, "r")
    if len(lines) > len(shown):
        rest = sum((x[3] for x in lines[len(shown):]), ZERO)
        pg.text(xs[0] + 1.5 * MM, top - (rows + 1) * rh - 3.5 * MM,
                f"另有 {len(lines) - len(shown)} 项，合计 {yuan(rest)}", 7.5)

    ty = top - (rows + 1) * rh - 5.5 * MM
    figures = [("本季热费合计", n["total"])]
    if n["paid"]:
        figures.append(("本季已缴", -n["paid"]))
    if n["adjusted"]:
        figures.append(("减免及调整", n["adjusted"]))
    if n["previous"] > 0:
        figures.append(("往期欠费", n["previous"]))
    elif n["previous"] < 0:
        figures.append(("预存余额", n["previous"]))
    for label, amount in figures:
        pg.text(xs[4] - 2 * MM, ty, label, 9, "r")
        pg.text(x1 - 1.5 * MM, ty, yuan(amount), 9, "r")
        ty -= 5 * MM
    due = max(n["total"] - n["paid"] + n["adjusted"] + n["previous"], ZERO)
    c.setLineWidth(0.8)
    c.line(x0, ty + 3.3 * MM, x1, ty + 3.3 * MM)
    ty -= 1.5 * MM
    pg.text(x0, ty, "应缴金额（大写）", 9.5, bold=True)
    pg.fit(x0 + 31 * MM, ty, capitals(due), 58 * MM, 9.5)
    pg.text(x1 - 1.5 * MM, ty, yuan(due), 11, "r", bold=True)

    ty -= 8 * MM
    pg.text(x0, ty, "温馨提示", 9, bold=True)
    for text in reminders(n, company, hotline):
        for part in pg.wrap(text, x1 - x0 - 3 * MM, 8):
            ty -= 4.3 * MM
            if ty < y(_STUB_TOP - 8):
                break
            pg.text(x0 + 1.5 * MM, ty, part, 8)
    pg.text(x1, y(_STUB_TOP - 4), f"{company}（盖章）", 9, "r")

    c.saveState()
    c.setDash(3, 2)
    c.setLineWidth(0.4)
    c.line(4 * MM, y(_STUB_TOP), (_W - 4) * MM, y(_STUB_TOP))
    c.restoreState()
    pg.text(x1, y(_STUB_TOP) - 3 * MM, "沿虚线剪下", 6.5, "r")
    pg.text(mid, y(_STUB_TOP + 7), "缴费回执（缴费时请携带本联）", 9.5, "c", bold=True)
    sy = y(_STUB_TOP + 14)
    pg.text(x0, sy, f"户号：{n['account_no']}", 9)
    pg.fit(x0 + half, sy, f"户名：{n['name']}", half, 9)
    pg.fit(x0, sy - 6 * MM, f"地址：{n['address']}", x1 - x0, 9)
    pg.text(x0, sy - 12 * MM, f"采暖季：{n['season']}", 9)
    pg.text(x0 + half, sy - 12 * MM, f"应缴金额：{yuan(due)}", 9)
    pg.text(x0, sy - 18 * MM, "收款日期：", 9)
    pg.text(x0 + half, sy - 18 * MM, "收款人：", 9)
