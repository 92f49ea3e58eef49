"""催缴通知单 in courteous words (收费岗位 rule 3: 催缴欠款语气温和), one page per account."""

from __future__ import annotations

from collections.abc import Iterable

from heatoffice.billing.documents import Dunning, DunningItem
from heatoffice.exports.pdf.batch import render_a5_pages
from heatoffice.exports.pdf.layout import (
    MM,
    Company,
    Pen,
    Progress,
    Target,
    company_lines,
    date_zh,
    form_row,
    number_text,
)
from heatoffice.exports.pdf.notice import PAYMENT_CHANNELS
from heatoffice.money import ZERO, capitals, format_yuan

TITLE = "供热费缴费提醒"
_KIND_TEXT = {"season": "热费", "connection": "配套费", "opening": "期初欠费"}


def item_text(item: DunningItem) -> str:
    """The bill in words: "2026-2027 热费", "配套费"."""
    return f"{item.season} {_KIND_TEXT.get(item.kind, '热费')}".strip()


def letter(n: Dunning, company: Company) -> tuple[str, list[str], list[str]]:
    """(salutation, paragraphs before the table, paragraphs after it) of the notice."""
    hotline = n.hotline or company.hotline
    before = [
        f"您好！感谢您一直以来对{company.name}供热工作的理解与支持。",
        f"经核对，截至{date_zh(n.as_of)}，您户（户号 {n.account_no}）尚有以下供热费用未结清，"
        "可能是您工作繁忙未及办理，特此提醒：",
    ]
    ask = (f"为不影响您家的正常用热，烦请您在方便时于{date_zh(n.pay_by)}前办理缴费"
           if n.pay_by is not None else "为不影响您家的正常用热，烦请您在方便时办理缴费")
    later = ([f"另有尚未到期的费用 {format_yuan(n.not_due)}，到期前缴纳即可，不在本次提醒之列。"]
             if n.not_due > 0 else [])
    bank = "；银行转账请汇入下方账户，并在附言中注明户号" if company.bank_account else ""
    after = [
        *later,
        f"{ask}。缴费方式：{PAYMENT_CHANNELS}，缴费时请报户号{bank}。",
        "如您近日已经缴纳，请不必理会本通知，并请接受我们诚挚的谢意。"
        + (f"如对金额有疑问，欢迎拨打服务热线 {hotline} 或到营业厅咨询，"
           if hotline else "如对金额有疑问，欢迎到营业厅咨询，")
        + "我们将耐心为您核实解答。",
        "给您添麻烦了，再次感谢您的理解与配合，祝您冬季温暖、生活愉快！",
    ]
    return f"尊敬的{n.name}用户：", before, after


_W, _H = 148, 210
_X0, _X1 = 14, 134
_SEAL = 174       # mm from the top: the seal line at the latest (the date under it)
_DETAILS = 188    # the company's details, two lines
_INDENT = "\u3000\u3000"


def draw_dunning(pen: Pen, n: Dunning, company: Company) -> None:
    """One notice on the current page, laid out on A5."""
    c = pen.c

    def y(mm: float) -> float:
        return (_H - mm) * MM

    x0, x1 = _X0 * MM, _X1 * MM
    width = x1 - x0
    pen.text(_W / 2 * MM, y(16), company.name, 15, "c", bold=True)
    pen.text(_W / 2 * MM, y(25), TITLE, 13, "c", bold=True)
    salutation, before, after = letter(n, company)
    ty = y(36)
    size, lead = 9.5, 6 * MM
    pen.text(x0, ty, salutation, size, bold=True)

    def paragraphs(texts: list[str], ty: float) -> float:
        for text in texts:
            for line in pen.wrap(_INDENT + text, width, size):
                ty -= lead
                pen.text(x0, ty, line, size)
        return ty

    ty = paragraphs(before, ty) - lead
    pen.fit(x0, ty, f"地址：{n.address}", width, 9)
    ty -= 2.5 * MM
    cols = (38 * MM, 27 * MM, 27 * MM, width - 92 * MM)
    top = form_row(pen, x0, ty, 6.5 * MM,
                   [(cols[0], "项目", "c"), (cols[1], "应收(元)", "c"),
                    (cols[2], "已缴/减免(元)", "c"), (cols[3], "尚欠(元)", "c")], 8.5, bold=True)
    for item in list(n.items)[:6]:
        top = form_row(pen, x0, top, 6 * MM,
                       [(cols[0], item_text(item), "l"), (cols[1], number_text(item.billed), "r"),
                        (cols[2], number_text(item.paid + item.credited), "r"),
                        (cols[3], number_text(item.owed), "r")], 8.5)
    extra = []
    if n.other > 0:
        extra.append(("已计滞纳金及其他", n.other))
    elif n.other < 0:
        extra.append(("预存款抵扣", n.other))
    if n.late_fees:
        extra.append((f"滞纳金（截至{n.as_of.month}月{n.as_of.day}日）", n.late_fees))
    for label, amount in extra:
        top = form_row(pen, x0, top, 6 * MM, [(cols[0] + cols[1] + cols[2], label, "l"),
                                              (cols[3], number_text(amount), "r")], 8.5)
    due = max(n.amount_due, ZERO)
    top = form_row(pen, x0, top, 7 * MM,
                   [(cols[0], "合计", "c"),
                    (cols[1] + cols[2], capitals(due), "l"),
                    (cols[3], format_yuan(due), "r")], 9, bold=True)
    c.setLineWidth(0.8)
    c.rect(x0, top, width, ty - top)
    c.setLineWidth(0.4)
    c.line(x0, ty, x0, top)
    c.line(x1, ty, x1, top)

    ty = paragraphs(after, top - 1 * MM)
    ty = min(ty - 10 * MM, y(_SEAL))
    pen.text(x1, ty, f"{company.name}（盖章）", 9.5, "r")
    pen.text(x1, ty - 6 * MM, date_zh(n.as_of), 9.5, "r")
    if n.collector:
        contact = f"联系人：{n.collector}" + (f"　电话：{n.collector_phone}"
                                            if n.collector_phone else "")
        pen.text(x0, ty - 6 * MM, contact, 8.5)
    # The company's address, service phone and bank: 14 mm above the paper's bottom edge.
    for i, line in enumerate(company_lines(company, n.hotline)):
        pen.fit(x0, y(_DETAILS + 4 * i), line, width, 7.5)


def render_dunning_notices(target: Target, notices: Iterable[Dunning], *,
                           company: Company | str, size: str = "A5",
                           progress: Progress | None = None, total: int | None = None) -> int:
    """One page per account (a community's batch in address order); returns the count."""
    return render_a5_pages(target, notices, draw_dunning, company=company, size=size,
                           title="催缴通知单", empty="没有欠费用户", progress=progress,
                           total=total)
