"""The complaint's reply letter (投诉答复函) on A4: the letterhead, the complainant, what was
complained of, what was found and decided, the company's seal line; margins 20 mm, every
line wrapped inside them."""

from __future__ import annotations

from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    company_lines,
    date_zh,
    hline,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.service.case_documents import ReplyLetter

MARGIN = 20 * MM
WIDTH = A4[0] - 2 * MARGIN
LINE = 6.5 * MM
SIZE = 11
_BOTTOM = MARGIN + 14 * MM


class _Writer:
    """Lines top to bottom, onto a new page when the page is full."""

    def __init__(self, pen: Pen, number: str) -> None:
        self.pen, self.number, self.pages = pen, number, 1
        self.y = A4[1] - MARGIN

    def room(self, height: float) -> None:
        if self.y - height < _BOTTOM:
            self.pen.new_page()
            self.pages += 1
            self.pen.text(A4[0] - MARGIN, A4[1] - MARGIN - 4 * MM,
                          f"投诉编号：{self.number}（续）", 9, "r")
            self.y = A4[1] - MARGIN - 12 * MM

    def para(self, text: str, *, indent: bool = True, size: float = SIZE) -> None:
        # the embedded WenQuanYi font maps ℃ to an empty glyph: print it as °C
        text = text.replace("℃", "°C")
        for part in self.pen.wrap(("\u3000\u3000" if indent else "") + text, WIDTH, size):
            self.room(LINE)
            self.pen.text(MARGIN, self.y - LINE, part, size)
            self.y -= LINE
        self.y -= 1.5 * MM


def draw(pen: Pen, doc: ReplyLetter, company: Company) -> int:
    w = _Writer(pen, doc.number)
    pen.text(A4[0] / 2, w.y - 8 * MM, company.name, 16, "c", bold=True)
    pen.text(A4[0] / 2, w.y - 18 * MM, "投诉答复函", 15, "c", bold=True)
    pen.text(A4[0] - MARGIN, w.y - 26 * MM, f"投诉编号：{doc.number}", 10, "r")
    hline(pen.c, MARGIN, A4[0] - MARGIN, w.y - 28 * MM)
    w.y -= 36 * MM
    w.para(f"{doc.complainant}：", indent=False)
    if doc.address:
        w.para(f"（地址：{doc.address}）", indent=False, size=10)
    channel = printed_term("complaint_channel", doc.channel)
    w.para(f"您于{date_zh(doc.received_on)}以{channel}方式向我公司反映的问题已收悉，"
           "感谢您对我公司供热服务的关心和监督。现将处理情况答复如下：")
    w.para(f"一、您反映的问题：{doc.content}")
    if doc.facts:
        w.para(f"二、经了解核实：{doc.facts}")
    if doc.decision:
        w.para(f"{'三' if doc.facts else '二'}、处理意见：{doc.decision}")
    if doc.reply_text:
        w.para(doc.reply_text)
    hotline = doc.hotline or company.hotline
    w.para("如您对以上答复仍有意见，请与我公司联系" + (f"，服务电话：{hotline}" if hotline else "")
           + "。欢迎多提宝贵意见。")
    w.room(40 * MM)
    right = A4[0] - MARGIN
    pen.text(right, w.y - 12 * MM, company.name + "（盖章）", SIZE, "r")
    pen.text(right, w.y - 20 * MM, f"经办人：{doc.handler}", 10, "r")
    pen.text(right, w.y - 28 * MM, date_zh(doc.replied_on), SIZE, "r")
    y = MARGIN + 4 * MM
    for line in reversed(company_lines(company, hotline, phone=False)):
        pen.fit(MARGIN, y, line, WIDTH, 8)
        y += 4 * MM
    return w.pages


def render_reply_letter(target: Target, doc: ReplyLetter, *, company: Company | str,
                        size: str = "A4") -> int:
    """The letter laid out on A4 (``size="A5"`` prints it smaller); returns the pages."""
    company = as_company(company)
    with pdf_canvas(target, paper(size), title="投诉答复函", author=company,
                    layout=A4) as (_c, pen):
        pages = draw(pen, doc, company)
        pen.new_page()
    return pages
