"""The complaint's reply letter: what it says, a long letter continued on a second page."""

from __future__ import annotations

import datetime as dt

from pdftools import flat, page_count

from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.reply_letter import render_reply_letter
from heatoffice.service.case_documents import ReplyLetter

COMPANY = Company("阳光热力有限公司", "0371-96069", "郑州市金水区纬五路12号")


def letter(**kw) -> ReplyLetter:
    fields = dict(number="TS-2026-000001", complainant="李娜", address="幸福里5号楼1单元702",
                  channel="letter", received_on=dt.date(2026, 12, 1),
                  content="室温长期不达标，多次报修无人处理", facts="该楼位于管网末端，压差不足",
                  decision="12月3日前调节阀门，并按规定退还不达标天数的热费",
                  reply_text="", handler="孙经理", replied_on=dt.date(2026, 12, 3),
                  hotline="0371-96069", printed=dt.date(2026, 12, 3))
    fields.update(kw)
    return ReplyLetter(**fields)


def test_the_letter_answers_the_complaint(tmp_path):
    out = tmp_path / "r.pdf"
    assert render_reply_letter(out, letter(), company=COMPANY) == 1
    text = flat(out)
    for words in ("阳光热力有限公司", "投诉答复函", "投诉编号：TS-2026-000001", "李娜：",
                  "2026年12月1日以书面方式", "一、您反映的问题：室温长期不达标",
                  "二、经了解核实：该楼位于管网末端", "三、处理意见：12月3日前调节阀门",
                  "服务电话：0371-96069", "经办人：孙经理", "2026年12月3日", "（盖章）"):
        assert words in text, words


def test_a_long_letter_runs_over_to_a_second_page(tmp_path):
    out = tmp_path / "r.pdf"
    long = letter(facts="经核实，" + "管网末端压差不足，" * 120)
    assert render_reply_letter(out, long, company=COMPANY) == 2
    assert page_count(out) == 2
    assert "（续）" in flat(out)


def test_degrees_print_although_the_font_has_an_empty_celsius_sign(tmp_path):
    out = tmp_path / "r.pdf"
    render_reply_letter(out, letter(reply_text="经复测室温达到18.5℃。"), company=COMPANY)
    assert "室温达到18.5°C。" in flat(out)
