"""COPY's text format as heatoffice.db.bulk writes it: escapes, NULL, arrays, and the search's
rule for how many rows a page read in id order costs."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest

from heatoffice.accounts.search import HITS, rows_to_read, scan_pays
from heatoffice.db.bulk import Literal, cell, copy_text, text_array


def test_cells_escape_backslash_tab_and_line_breaks_and_mark_null():
    assert cell("a\\b\tc\nd\re") == "a\\\\b\\tc\\nd\\re"
    assert cell("王秀英 3号楼") == "王秀英 3号楼"
    assert cell(None) == "\\N"
    assert cell("\\N") == "\\\\N"  # the text "\N" is not NULL
    assert (cell(True), cell(False), cell(0), cell(-12)) == ("t", "f", "0", "-12")
    assert cell(Decimal("12.50")) == "12.50"
    assert cell(_dt.date(2027, 1, 2)) == "2027-01-02"
    assert cell(_dt.datetime(2027, 1, 2, 3, 4, 5)) == "2027-01-02 03:04:05"
    with pytest.raises(TypeError):
        cell(object())


def test_arrays_quote_every_element_and_escape_twice():
    assert cell(["a", "b,c", "{", "NULL", ""]) == '{"a","b,c","{","NULL",""}'
    assert cell(["x\"y"]) == '{"x\\\\"y"}'        # \" in the literal, its \ escaped for COPY
    assert cell(["a\\b"]) == '{"a\\\\\\\\b"}'       # \\ in the literal, each \ escaped again
    assert cell(["t\tb"]) == '{"t\\tb"}'
    assert cell([None, 1]) == '{NULL,"1"}'


def test_text_array_takes_the_quick_way_only_when_it_gives_the_same():
    for items in (["王", "王秀", "秀"], [], ["a\"b", "c"], ["a\\b"], ["x\ny"], ["", "1"]):
        made = text_array(items)
        assert isinstance(made, Literal)
        assert made == cell(list(items))
        assert cell(made) == made  # already COPY text: not escaped again


def test_copy_text_is_one_line_per_row_with_tabs_between():
    body = copy_text([(1, "a\tb", None), (2, "", Literal('{"x"}'))])
    assert body == b'1\ta\\tb\t\\N\n2\t\t{"x"}\n'
    assert copy_text([]) == b""


def test_rows_to_read_counts_the_share_and_a_late_start():
    # 250 samples 2,000 ids apart; a term in every tenth sampled account
    spread = [i % 10 == 3 for i in range(250)]
    assert rows_to_read(2000, spread, 200) == 200 * 250 // 25
    # a spread-out term whose first sampled match comes late by chance: no penalty
    first_at_33 = [False] * 25 + spread[25:]  # 22 hits, the first at sample 33 (< 3 × 250/22)
    assert rows_to_read(2000, first_at_33, 200) == -(-200 * 250 // 22)
    # the same share, all in the last tenth of the ids: the scan reads most of the table
    late = [i >= 225 for i in range(250)]
    assert rows_to_read(2000, late, 200) == 2000 + (225 - 30) * 2000
    # too few sampled matches to tell: no estimate
    assert rows_to_read(2000, [i == 7 for i in range(250)], 200) is None
    assert HITS == 2


def test_a_scan_in_id_order_only_when_it_reads_fewer_rows_than_the_matches_cost():
    # 王 in 50,000 (250 samples 200 ids apart, one in ten matches): ~2,000 rows for ~5,000
    assert scan_pays(200, [i % 10 == 3 for i in range(250)], 200)
    # 张伟 in 50,000: two sampled matches promise 25,000 rows read for some 400 matches
    assert not scan_pays(200, [i in (40, 170) for i in range(250)], 200)
    # the same share late in the ids at 2,000,000: over the budget
    assert not scan_pays(8000, [i >= 225 for i in range(250)], 200)
    assert not scan_pays(8000, [i == 7 for i in range(250)], 200)
