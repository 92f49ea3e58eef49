"""The reception's forms on A4: 受理回执 (acceptance receipt), 审批表 (review form) and 交接单
(hand-over slip); margins 15 mm, every text fitted inside them."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    date_zh,
    form_row,
    frame,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.reception.documents import (
    AcceptanceReceipt,
    DocumentLine,
    HandoverSlip,
    Heading,
    ReviewForm,
)

MARGIN = 15 * MM
ROW = 8 * MM
WIDTH = A4[0] - 2 * MARGIN


def _title(pen: Pen, company: Company, title: str, number: str) -> float:
    w, h = A4
    pen.text(w / 2, h - MARGIN - 6 * MM, company.name, 15, "c", bold=True)
    pen.text(w / 2, h - MARGIN - 15 * MM, title, 14, "c", bold=True)
    pen.text(w - MARGIN, h - MARGIN - 23 * MM, f"受理编号：{number}", 10, "r")
    return h - MARGIN - 27 * MM


def _pairs(pen: Pen, top: float, pairs: Sequence[tuple[str, str]]) -> float:
    """Label and value cells, two pairs a row."""
    label_w, value_w = 26 * MM, WIDTH / 2 - 26 * MM
    start = top
    for i in range(0, len(pairs), 2):
        cells = []
        for label, value in pairs[i:i + 2]:
            cells += [(label_w, label, "c"), (value_w, value, "l")]
        if len(cells) == 2:
            cells[1] = (WIDTH - label_w, cells[1][1], "l")
        top = form_row(pen, MARGIN, top, ROW, cells, 9.5)
    frame(pen.c, MARGIN, start, WIDTH, top)
    return top


def _heading(pen: Pen, top: float, head: Heading) -> float:
    return _pairs(pen, top, [
        ("申请类别", printed_term("application_type", head.type)),
        ("接收日期", date_zh(head.received_on)),
        ("户号", head.account_no or "（新开户）"), ("户名", head.account_name or "-"),
        ("地址", head.address or "-"), ("接待人", head.received_by),
        ("申请人", head.applicant), ("联系电话", head.phone),
        ("与户主关系", printed_term("applicant_relation", head.relation)),
        ("申请事项", head.request or "-"),
    ])


def _documents(pen: Pen, top: float, docs: Sequence[DocumentLine], title: str) -> float:
    widths = (12 * MM, WIDTH - 12 * MM - 3 * 30 * MM, 30 * MM, 30 * MM, 30 * MM)
    start = top - 8 * MM  # room for the title above the table
    pen.text(MARGIN, start + 1.5 * MM, title, 10, bold=True)
    top = form_row(pen, MARGIN, start, ROW, list(zip(widths, (
        "序号", "材料名称", "原件/复印件", "已核验", "退还/留存"), "ccccc", strict=True)),
        9.5, bold=True)
    for i, d in enumerate(docs, 1):
        top = form_row(pen, MARGIN, top, ROW, list(zip(widths, (
            str(i), d.name_zh, printed_term("document_form", d.form), "是",
            printed_term("document_disposition", d.disposition)), "clccc", strict=True)), 9.5)
    if not docs:
        top = form_row(pen, MARGIN, top, ROW, [(WIDTH, "（无）", "c")], 9.5)
    frame(pen.c, MARGIN, start, WIDTH, top)
    return top


def _signatures(pen: Pen, y: float, *labels: str) -> None:
    step = WIDTH / len(labels)
    for i, label in enumerate(labels):
        pen.text(MARGIN + i * step, y, f"{label}：____________", 10)
        pen.text(MARGIN + i * step, y - 8 * MM, "日期：____年__月__日", 9)


def draw_acceptance(pen: Pen, doc: AcceptanceReceipt, company: Company) -> None:
    top = _title(pen, company, "业务受理回执", doc.head.number)
    top = _heading(pen, top, doc.head)
    top = _documents(pen, top, doc.documents, "已收材料")
    y = top - 8 * MM
    lines = []
    if doc.missing:
        lines.append("尚缺材料：" + "、".join(doc.missing) + "（请补齐后方可受理）")
    dept = printed_term("application_department", doc.department)
    lines.append(f"后续办理：本申请将转交{dept}办理，预计 {date_zh(doc.expected_on)} 前办结。")
    if doc.late_stop_season is not None:
        season = f"{doc.late_stop_season}-{doc.late_stop_season + 1}"
        lines.append(f"注意：已过本采暖季报停截止日，自 {season} 采暖季起报停。")
    elif doc.effective_from is not None:
        lines.append(f"申请生效日期：{date_zh(doc.effective_from)}。")
    lines.append("退还的原件已当面交还，请当面核对；留存的材料由本公司存档。")
    lines.append(f"服务电话：{doc.hotline or '____________'}　凭本回执查询办理进度。")
    for line in lines:
        for part in pen.wrap(line, WIDTH, 10):
            pen.text(MARGIN, y, part, 10)
            y -= 6 * MM
    _signatures(pen, y - 10 * MM, "接待人签字", "申请人签字")
    pen.text(MARGIN, MARGIN, f"打印日期：{doc.printed:%Y-%m-%d}", 8)


# the lowest a line of a form may be drawn: above the printed date at the bottom margin
_BOTTOM = MARGIN + 7 * MM
_STEP_WIDTHS = (36 * MM, 26 * MM, 28 * MM, 24 * MM, WIDTH - 114 * MM)


def _next_page(pen: Pen, printed: _dt.date, number: str) -> float:
    """Close the page with its date and start the next one; returns its first line's y."""
    pen.text(MARGIN, MARGIN, f"打印日期：{printed:%Y-%m-%d}", 8)
    pen.new_page()
    pen.text(A4[0] - MARGIN, A4[1] - MARGIN - 4 * MM, f"受理编号：{number}（续）", 10, "r")
    return A4[1] - MARGIN - 10 * MM


def _steps_head(pen: Pen, start: float) -> float:
    pen.text(MARGIN, start + 1.5 * MM, "办理记录", 10, bold=True)
    return form_row(pen, MARGIN, start, ROW, list(zip(_STEP_WIDTHS, (
        "时间", "状态", "部门", "经办人", "说明"), "ccccc", strict=True)), 9.5, bold=True)


def draw_review(pen: Pen, doc: ReviewForm, company: Company) -> int:
    """The form, continued on another page when the trail is long; returns the pages."""
    pages = 1
    top = _title(pen, company, "业务受理审批表", doc.head.number)
    top = _heading(pen, top, doc.head)
    top = _documents(pen, top, doc.documents, "申请材料")
    start = top - 8 * MM  # room for the title above the table
    if start - 2 * ROW < _BOTTOM:
        start, pages = _next_page(pen, doc.printed, doc.head.number), pages + 1
    top = _steps_head(pen, start)
    for s in doc.steps:
        if top - ROW < _BOTTOM:
            frame(pen.c, MARGIN, start, WIDTH, top)
            start, pages = _next_page(pen, doc.printed, doc.head.number), pages + 1
            top = _steps_head(pen, start)
        top = form_row(pen, MARGIN, top, ROW, list(zip(_STEP_WIDTHS, (
            f"{s.at:%Y-%m-%d %H:%M}", printed_term("application_state", s.to_state),
            printed_term("application_department", s.department) if s.department else "",
            s.by, s.reason), "cccll", strict=True)), 9)
    frame(pen.c, MARGIN, start, WIDTH, top)
    y = top - 8 * MM
    # the exception, the state and three signature blocks of 20 mm, each with its date line
    if y - (70 if doc.exception_by else 62) * MM < _BOTTOM:
        y, pages = _next_page(pen, doc.printed, doc.head.number), pages + 1
    if doc.exception_by:
        pen.text(MARGIN, y, f"欠费例外：{doc.exception_by} 批准（{doc.reason}）", 9.5)
        y -= 8 * MM
    pen.text(MARGIN, y, f"当前状态：{printed_term('application_state', doc.state)}", 10)
    for i, label in enumerate(("受理意见", "部门意见", "领导审批")):
        _signatures(pen, y - (14 + i * 20) * MM, f"{label}（签字）")
    pen.text(MARGIN, MARGIN, f"打印日期：{doc.printed:%Y-%m-%d}", 8)
    return pages


def draw_handover(pen: Pen, doc: HandoverSlip, company: Company) -> None:
    top = _title(pen, company, "证件资料交接单", doc.head.number)
    top = _heading(pen, top, doc.head)
    top = _documents(pen, top, doc.returned, "当面退还的证件、单据、凭证")
    pen.text(MARGIN, top - 8 * MM, "以上证件、单据、凭证已当面点清交还，双方签字确认。", 10)
    _signatures(pen, top - 24 * MM, "交付人（接待人）", "接收人（申请人）")
    pen.text(MARGIN, MARGIN, f"打印日期：{doc.printed:%Y-%m-%d}", 8)


def render(target: Target, doc: AcceptanceReceipt | ReviewForm | HandoverSlip, *,
           company: Company | str, size: str = "A4") -> int:
    """One document laid out on A4 (``size="A5"`` prints it smaller): one page, the review
    form two when its trail is long; returns the pages."""
    company = as_company(company)
    title = {AcceptanceReceipt: "业务受理回执", ReviewForm: "业务受理审批表",
             HandoverSlip: "证件资料交接单"}[type(doc)]
    with pdf_canvas(target, paper(size), title=title, author=company,
                    layout=A4) as (_c, pen):
        pages = 1
        if isinstance(doc, AcceptanceReceipt):
            draw_acceptance(pen, doc, company)
        elif isinstance(doc, ReviewForm):
            pages = draw_review(pen, doc, company)
        else:
            draw_handover(pen, doc, company)
        pen.new_page()
    return pages
