"""The seeded organisation text: the work rules' departments and posts, in Simplified Chinese."""

from __future__ import annotations

import re

import pytest

from heatoffice.org.seed import COMPLAINT_HANDLING, DEPARTMENTS, POST_CODES, POSTS

# Every character of the seed file that Simplified Chinese writes differently, plus 著 (着装).
TRADITIONAL = (
    "來個們側備傳傾儀優內兩別則動務區協參員問單嗎嚴圍執報場壞學實審寶將專尋對導層屬崗帶幫廣強"
    "從復徹態憂憑應戶挾揮損搶據擺擾數斷時暫曉書會業極樓標樹檢權歡氣決沒沖況測準溫滿潔濟為無煩"
    "熱營爭狀現產畢當發盡監盤眾確碼礙禪禮種積穩竊節簡簽糾約級細組結絕絡給統經維網緒線編練總織"
    "繳習聯聲職聽臟臨與舉處虛號衛裝見規視覺觀計訓記訪設訴詢話該認語誠誤說調談諉請論諸謀講謝證"
    "識議變讓負財貫責貴費貼資賓質賬購輕轄轉辦辭這連進運過達違適釋針錄錢錯鐘長門開間關陽階隨險"
    "隱雙離難電項須預領頭題顯風體點著"
)


def _all_texts() -> list[str]:
    return ([d.name + d.responsibilities for d in DEPARTMENTS]
            + [p.name + p.duties for p in POSTS] + [COMPLAINT_HANDLING])


def test_post_codes_and_their_departments():
    assert POST_CODES == ("hotline", "operator", "inspector", "maintenance", "collector",
                          "reception")
    assert {p.code: p.department for p in POSTS} == {
        "hotline": "hotline", "operator": "operations", "inspector": "inspection",
        "maintenance": "maintenance", "collector": "fee_collection", "reception": "reception",
    }
    assert {p.code: p.name for p in POSTS} == {
        "hotline": "热线", "operator": "运行工", "inspector": "稽查", "maintenance": "检修",
        "collector": "收费", "reception": "业务接待",
    }


def test_departments_form_a_tree_with_parents_first():
    tree = {d.code: (d.name, d.parent) for d in DEPARTMENTS}
    assert tree == {
        "gm": ("总经理", None),
        "finance": ("财务科", "gm"),
        "customer_service": ("客服部", "gm"),
        "operations": ("运行部", "gm"),
        "fee_collection": ("收费科", "finance"),
        "reception": ("业务接待组", "customer_service"),
        "hotline": ("热线组", "operations"),
        "inspection": ("稽查组", "customer_service"),
        "maintenance": ("检修组", "operations"),
    }
    seen: set[str] = set()
    for d in DEPARTMENTS:
        assert d.parent is None or d.parent in seen, d.code
        seen.add(d.code)
    assert len({d.name for d in DEPARTMENTS}) == len(DEPARTMENTS)


@pytest.mark.parametrize(("code", "items"), [
    ("hotline", 5), ("operator", 7), ("inspector", 5), ("maintenance", 5), ("collector", 6),
    ("reception", 6),
])
def test_duties_are_the_numbered_rules_of_the_post(code, items):
    duties = next(p.duties for p in POSTS if p.code == code).split("\n")
    assert [re.match(r"（(\d+)）", line)[1] for line in duties] == [
        str(n) for n in range(1, items + 1)]
    assert all(line.endswith("。") for line in duties)


def test_duties_carry_the_rules_word_for_word():
    duties = {p.code: p.duties for p in POSTS}
    assert "（5）接完电话应在十分钟内准确、及时地向维修人员下达处理调度单。" in duties["hotline"]
    assert "“您好，阳光热力，请讲”" in duties["hotline"]
    assert "大漏连夜抢，小漏不过夜" in duties["maintenance"]
    assert "（4）收费账单要准确，现场复核要清楚。" in duties["collector"]
    assert "要做到着装整洁，持证上岗" in duties["inspector"]
    assert "转交业务部门办理" in duties["reception"]
    assert "不得“吃、拿、卡、要、报”，以热谋私" in duties["operator"]


def test_department_responsibilities_come_from_the_rules():
    text = {d.code: d.responsibilities for d in DEPARTMENTS}
    assert text["gm"].startswith("主持公司的日常各项经营管理工作。")
    assert text["gm"].endswith("负责组织完成其他临时性、阶段性工作和任务。")
    assert "账目日清月结" in text["finance"]
    assert "联合收费科进行热用户供热面积的测量、复核" in text["customer_service"]
    assert "对运行管网水力平衡调节" in text["operations"]
    assert all(len(t) >= 40 for t in text.values())


def test_complaint_handling_has_its_eight_steps():
    lines = COMPLAINT_HANDLING.split("\n")
    assert [line.split("、", 1)[0] for line in lines] == [str(n) for n in range(1, 9)]
    assert lines[0] == "1、细心倾听事件经过。"
    assert lines[-1] == "8、如接到用户书面投诉，要注意及时电话或书面回复。"


def test_all_text_is_simplified_with_full_width_punctuation():
    for text in _all_texts():
        assert not set(text) & set(TRADITIONAL), text
        assert not re.search(r"[,:;()?]", text), text
