"""Pure normalisation of what real rosters put in their cells: no database, no Qt.

Full-width digits and letters (NFKC), spaces inside and around, numbers stored as text or as
floats, units after an area, the building written as 1号楼 / 5# / 5栋, Chinese status and
category words and the low-income mark. Every function takes a cell as read (str, int,
float, date, None) and returns text or a code; nothing here raises for a strange value.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# a space between two Chinese characters is a typing slip ("张 伟", "阳光 花园")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
# a header's parenthesised note ("面积(㎡)", "户号（必填）") and its marks ("*户名", "电话:")
_HEADER_NOTE = re.compile(r"[（(\[【].*?[)）\]】]")
_HEADER_MARKS = re.compile(r"[*＊:：\s]")


def text(value: Any) -> str:
    """The cell as one line of text: NFKC (full-width → ASCII), spaces collapsed and trimmed;
    an integral float as an integer ("85.0" stays "85.0" only when typed as text)."""
    if value.__class__ is str:
        if value.isascii():
            return " ".join(value.split())
        if not unicodedata.is_normalized("NFKC", value):
            value = unicodedata.normalize("NFKC", value)
        t = " ".join(value.split())
        return _CJK_GAP.sub("", t) if " " in t else t
    if value is None:
        return ""
    if isinstance(value, str):
        return text(str(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time():
            return value.date().isoformat()
        return value.isoformat(" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return text(str(value))


def code(value: Any) -> str:
    """A code-like cell (account number, phone, ID, room) with every space removed."""
    t = text(value)
    return t.replace(" ", "") if " " in t else t


def header(value: Any) -> str:
    """A header cell reduced for matching: no note in brackets, no marks or spaces,
    lower-case."""
    t = text(value)
    if not t:
        return ""
    t = _HEADER_NOTE.sub("", t)
    return _HEADER_MARKS.sub("", t).lower()


_BUILDING = re.compile(r"(?:第)?([0-9A-Za-z\-]+?)\s*(?:号楼|号|#|栋|幢|楼|座)$")
_UNIT = re.compile(r"(?:第)?([0-9A-Za-z\-]+?)\s*(?:单元|门)$")
_ROOM = re.compile(r"([0-9A-Za-z\-]+?)\s*(?:室|号|户)$")
_FLOOR = re.compile(r"(?:第)?(-?[0-9]+)\s*(?:层|楼)?$")


def building(value: Any) -> str:
    """楼号: "1号楼", "5#", "5栋", "5幢", " 5 " → "1", "5"; anything else as typed."""
    t = code(value)
    m = _BUILDING.fullmatch(t)
    return m[1].upper() if m else t.upper()


def unit(value: Any) -> str:
    """单元: "2单元" → "2"."""
    t = code(value)
    m = _UNIT.fullmatch(t)
    return m[1].upper() if m else t.upper()


def room(value: Any) -> str:
    """房号: "501室" → "501"."""
    t = code(value)
    m = _ROOM.fullmatch(t)
    return m[1].upper() if m else t.upper()


def floor(value: Any) -> str:
    """层: "5层", "第5层" → "5" (text: the accounts' validation makes it a number)."""
    t = code(value)
    m = _FLOOR.fullmatch(t)
    return m[1] if m else t


_AREA_UNITS = ("平方米", "平米", "m2", "m²", "㎡", "平")


def area(value: Any) -> str:
    """面积 as plain number text: units (㎡, m2, 平方米, 平米) and spaces gone, a float read
    from a sheet as its shortest repr ("85.5")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text(value)
    t = code(value).lower()
    for unit_ in _AREA_UNITS:
        if t.endswith(unit_):
            return t[: -len(unit_)]
    return t


# Chinese words for the account statuses (and the glossary's own names and codes).
STATUS_WORDS: dict[str, str] = {
    "正常": "heating", "供暖": "heating", "供热": "heating", "在供": "heating",
    "报停": "stopped", "停暖": "stopped", "停热": "stopped",
    "停供": "cut_off", "断管": "cut_off",
    "销户": "closed", "注销": "closed",
    "待开通": "pending", "未开通": "pending",
}
CATEGORY_WORDS: dict[str, str] = {
    "居民": "residential", "住宅": "residential", "民用": "residential",
    "单位": "institution", "机关": "institution", "公建": "institution",
    "商业": "business", "商铺": "business", "门市": "business", "商用": "business",
}
# The low-income mark: a category word or a mark in a column of its own.
LOW_INCOME_WORDS = frozenset({"低保", "低保户", "困难户", "困难"})
YES_WORDS = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "x", "低保",
                       "低保户", "困难户", "困难"})
NO_WORDS = frozenset({"", "否", "无", "n", "no", "false", "0", "-", "/"})


def _word(value: Any) -> str:
    t = code(value).lower()
    for suffix in ("户", "用户", "类"):
        if len(t) > len(suffix) + 1 and t.endswith(suffix) and t[: -len(suffix)] in (
                *STATUS_WORDS, *CATEGORY_WORDS):
            return t[: -len(suffix)]
    return t


def status(value: Any, codes: Mapping[str, tuple[str, str]]) -> str | None:
    """The status code a cell names ("正常" → heating), "" when blank, None when unknown.
    ``codes`` is the glossary's group (code → (zh, en)); its names are accepted too."""
    t = _word(value)
    if not t:
        return ""
    if t in STATUS_WORDS:
        return STATUS_WORDS[t]
    for c, names in codes.items():
        if t == c or t in (n.lower() for n in names):
            return c
    return None


def category(value: Any, codes: Mapping[str, tuple[str, str]]) -> tuple[str | None, bool]:
    """(category code or "" when blank or None when unknown, low-income mark). A low-income
    word (低保户) is no category: it marks a home, which is residential."""
    t = _word(value)
    if not t:
        return "", False
    if t in LOW_INCOME_WORDS:
        return "residential", True
    if t in CATEGORY_WORDS:
        return CATEGORY_WORDS[t], False
    for c, names in codes.items():
        if t == c or t in (n.lower() for n in names):
            return c, False
    return None, False


def flag(value: Any) -> bool | None:
    """A yes/no mark (是, √, 1, 低保户 …): True, False (blank, 否, 0) or None when unclear."""
    t = code(value).lower()
    if t in NO_WORDS:
        return False
    if t in YES_WORDS:
        return True
    return None


_TOTAL = ("合计", "小计", "总计", "共计", "总数")
_TOTAL_MARK, _COUNT_MARK = "计", "数"
if not all(_TOTAL_MARK in w or _COUNT_MARK in w for w in _TOTAL):
    raise RuntimeError("is_total's quick test misses a word of _TOTAL")


def is_total(texts: list[str]) -> bool:
    """A 合计/小计 row: one of its first cells starts with such a word."""
    head = texts[:4]
    joined = "".join(head)
    if _TOTAL_MARK not in joined and _COUNT_MARK not in joined:
        return False  # (every word of _TOTAL has one of the two: most rows stop here)
    for t in head:
        t = t.replace(" ", "")
        if t.startswith(_TOTAL):
            return True
    return False
