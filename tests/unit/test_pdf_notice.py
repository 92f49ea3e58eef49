"""缴费通知单: what a notice says, on A5 or A4, one page per account."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from pdftools import flat, page_count, page_size_mm, pages

from heatoffice.billing.documents import Notice, NoticeLine
from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.notice import detail, reminders, render_notices

D = Decimal
COMPANY = Company("阳光热力有限公司", "0351-96000")


def notice(**changes) -> Notice:
    base = Notice(
        account_no="0101020501", name="张伟", address="阳光花园3号楼2单元501",
        area=D("88.25"), category="residential", season="2026-2027",
        lines=(NoticeLine("采暖热费", D("88.25"), D("24.22"), D("2137.42")),
               NoticeLine("低保减免", D("60.00"), D("24.22"), D("-435.96"), D("0.30"))),
        total=D("1701.46"), previous_arrears=D("300.00"), status="heating",
        period_start=dt.date(2026, 11, 15), period_end=dt.date(2027, 3, 15),
        due_date=dt.date(2027, 1, 1),
        late_fee_rate=D("0.0005"), discount_until=dt.date(2026, 11, 30),
        discount_rate=D("0.02"), issued=dt.date(2026, 11, 1))
    return dataclasses.replace(base, **changes)


def test_a_notice_shows_the_account_the_lines_and_what_is_due(tmp_path):
    out = tmp_path / "n.pdf"
    assert render_notices(out, [notice()], company=COMPANY) == 1
    text = flat(out)
    for expected in ("阳光热力有限公司", "供热费缴费通知单", "采暖季：2026-2027",
                     "开具日期：2026-11-01", "户号0101020501", "户名张伟",
                     "地址阳光花园3号楼2单元501", "用户类别居民", "供热面积88.25㎡",
                     "用热状态供热", "供热期2026-11-15至2027-03-15",
                     "采暖热费88.2524.222,137.42", "低保减免60.0024.2230%-435.96",
                     "本季热费合计¥1,701.46", "往期欠费¥300.00",
                     "应缴金额（大写）贰仟零壹元肆角陆分¥2,001.46",
                     "2026年11月30日前缴清本季热费，可享受2%的提前缴费优惠。",
                     "请于2026年12月31日前缴清热费，逾期未缴部分自2027年1月1日起每日按0.05%计收滞纳金。",
                     "拨打服务热线0351-96000", "阳光热力有限公司（盖章）",
                     "缴费回执", "应缴金额：¥2,001.46"):
        assert expected in text, expected
    assert page_size_mm(out) == (148, 210)


def test_paid_adjusted_and_money_paid_ahead(tmp_path):
    out = tmp_path / "n.pdf"
    n = notice(paid=D("1000.00"), adjusted=D("-100.00"), previous_arrears=D("-50.00"))
    assert n.amount_due == D("551.46")
    render_notices(out, [n], company=COMPANY)
    text = flat(out)
    assert "本季已缴-¥1,000.00" in text and "减免及调整-¥100.00" in text
    assert "预存余额-¥50.00" in text and "往期欠费" not in text
    assert "应缴金额（大写）伍佰伍拾壹元肆角陆分¥551.46" in text


def test_nothing_due_prints_zero_not_a_negative_demand(tmp_path):
    out = tmp_path / "n.pdf"
    render_notices(out, [notice(paid=D("1701.46"), previous_arrears=D("-20.00"))],
                   company=COMPANY)
    assert "应缴金额（大写）零元整¥0.00" in flat(out)


def test_reminders_follow_the_tariff_and_the_hotline():
    plain = notice(due_date=None, discount_until=None, discount_rate=D("0"), hotline="")
    assert reminders(plain, Company("阳光热力")) == [
        "1. 缴费方式：营业厅（现金、银行卡）、微信、支付宝、银行转账。缴费时请报户号。",
        "2. 如对供热面积或金额有疑问，请与我公司联系，我们将安排现场复核。"]
    own = reminders(notice(hotline="12345"), COMPANY)
    assert own[-1] == "4. 如对供热面积或金额有疑问，请拨打服务热线 12345，我们将安排现场复核。"


def test_a_line_shows_the_days_or_the_share_it_was_billed_for(tmp_path):
    part = NoticeLine("采暖热费", D("88.25"), D("24.22"), D("1620.51"), D("1.00"), 92)
    assert [detail(x) for x in (part, *notice().lines)] == ["92天", "", "30%"]
    out = tmp_path / "n.pdf"
    render_notices(out, [notice(lines=(part,), total=D("1620.51"), status="stopped",
                                category="business", period_start=dt.date(2026, 12, 14))],
                   company=COMPANY)
    text = flat(out)
    assert "采暖热费88.2524.2292天1,620.51" in text
    assert "用户类别商业" in text and "用热状态报停" in text
    assert "供热期2026-12-14至2027-03-15" in text


def test_a_batch_is_one_page_per_account_in_order(tmp_path):
    out = tmp_path / "batch.pdf"
    batch = (notice(account_no=f"01010{i:05d}", name=f"住户{i}") for i in range(25))
    assert render_notices(out, batch, company=COMPANY) == 25
    texts = pages(out)
    assert len(texts) == 25
    for i, page in enumerate(texts):
        assert f"01010{i:05d}" in page and f"住户{i}" in page and "阳光热力有限公司" in page


def test_a4_enlarges_the_same_notice(tmp_path):
    out = tmp_path / "a4.pdf"
    render_notices(out, [notice()], company=COMPANY, size="A4")
    assert page_size_mm(out) == (210, 297)
    assert "应缴金额（大写）贰仟零壹元肆角陆分¥2,001.46" in flat(out)


def test_many_lines_and_a_long_address_stay_on_the_page(tmp_path):
    out = tmp_path / "n.pdf"
    lines = [NoticeLine(f"项目{i}", None, None, D("1.00")) for i in range(9)]
    render_notices(out, [notice(lines=lines, total=D("9.00"), address="很长的地址" * 12)],
                   company=COMPANY)
    text = flat(out)
    assert "项目6" in text and "项目7" not in text
    assert "另有2项，合计¥2.00" in text
    assert "…" in text  # the address is cut, not run over the frame
    assert page_count(out) == 1


def test_an_empty_batch_says_so(tmp_path):
    out = tmp_path / "none.pdf"
    assert render_notices(out, [], company=COMPANY) == 0
    assert flat(out) == "没有要打印的缴费通知单"
