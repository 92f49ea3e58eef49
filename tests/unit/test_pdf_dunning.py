"""催缴通知单: courteous wording (收费岗位 rule 3), the debts, the hotline, one page each."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from pdftools import flat, page_size_mm, pages

from heatoffice.billing.documents import Dunning, DunningItem
from heatoffice.exports.pdf.dunning import item_text, render_dunning_notices
from heatoffice.exports.pdf.layout import Company

D = Decimal
COMPANY = Company("阳光热力有限公司", "0351-96000")
# Words a polite reminder does not use: threats, orders, blame.
HARSH = ("停止供热", "停暖", "断热", "法律", "起诉", "后果", "必须", "否则", "强制", "严肃",
         "拖欠", "恶意", "限期")


def dunning(**changes) -> Dunning:
    base = Dunning(
        account_no="0101020501", name="张伟", address="阳光花园3号楼2单元501",
        items=(DunningItem("2025-2026", "season", D("2137.50"), D("1000.00"), D("0.00"),
                           D("1137.50")),
               DunningItem("2026-2027", "season", D("2137.50"), D("0.00"), D("0.00"),
                           D("2137.50"))),
        total=D("3300.00"), other=D("25.00"), late_fees=D("12.34"),
        as_of=dt.date(2027, 1, 10), pay_by=dt.date(2027, 1, 31))
    return dataclasses.replace(base, **changes)


def test_the_notice_is_courteous_and_exact(tmp_path):
    out = tmp_path / "d.pdf"
    assert render_dunning_notices(out, [dunning(collector="王收费")], company=COMPANY) == 1
    text = flat(out)
    for expected in ("阳光热力有限公司", "供热费缴费提醒", "尊敬的张伟用户：",
                     "您好！感谢您一直以来对阳光热力有限公司供热工作的理解与支持。",
                     "截至2027年1月10日，您户（户号0101020501）尚有以下供热费用未结清",
                     "地址：阳光花园3号楼2单元501",
                     "2025-2026热费2,137.501,000.001,137.50", "2026-2027热费2,137.500.002,137.50",
                     "已计滞纳金及其他25.00", "滞纳金（截至1月10日）12.34",
                     "合计叁仟叁佰壹拾贰元叁角肆分¥3,312.34",
                     "烦请您在方便时于2027年1月31日前办理缴费",
                     "如您近日已经缴纳，请不必理会本通知", "服务热线0351-96000",
                     "给您添麻烦了", "阳光热力有限公司（盖章）", "2027年1月10日",
                     "联系人：王收费"):
        assert expected in text, expected
    assert [w for w in HARSH if w in text] == []
    assert page_size_mm(out) == (148, 210)


def test_money_paid_ahead_and_no_date_asked(tmp_path):
    out = tmp_path / "d.pdf"
    render_dunning_notices(out, [dunning(other=D("-100.00"), late_fees=D("0"), pay_by=None,
                                         total=D("3175.00"))], company=Company("阳光热力"))
    text = flat(out)
    assert "预存款抵扣-100.00" in text and "滞纳金（" not in text
    assert "合计叁仟壹佰柒拾伍元整¥3,175.00" in text
    assert "烦请您在方便时办理缴费" in text
    assert "欢迎到营业厅咨询" in text and "热线" not in text


def test_a_batch_is_one_page_per_account(tmp_path):
    out = tmp_path / "batch.pdf"
    batch = [dunning(account_no=f"A{i:03d}", name=f"住户{i}") for i in range(7)]
    assert render_dunning_notices(out, batch, company=COMPANY, size="A4") == 7
    texts = pages(out)
    assert len(texts) == 7 and all(f"尊敬的住户{i}用户" in t for i, t in enumerate(texts))
    assert page_size_mm(out) == (210, 297)


def test_bills_in_words_and_credits_shown_with_the_money_paid(tmp_path):
    items = (DunningItem("2026-2027", "season", D("2052.00"), D("1000.00"), D("52.00"),
                         D("1000.00")),
             DunningItem("", "connection", D("500.00"), D("0.00"), D("0.00"), D("500.00")))
    assert [item_text(i) for i in items] == ["2026-2027 热费", "配套费"]
    n = dunning(items=items, total=D("1510.00"), other=D("10.00"), late_fees=D("3.20"))
    assert n.amount_due == D("1513.20")
    out = tmp_path / "d.pdf"
    render_dunning_notices(out, [n], company=COMPANY)
    text = flat(out)
    # 已缴/减免: 1,000.00 paid and 52.00 credited.
    assert "2026-2027热费2,052.001,052.001,000.00" in text
    assert "配套费500.000.00500.00" in text
    assert "合计壹仟伍佰壹拾叁元贰角整¥1,513.20" in text
