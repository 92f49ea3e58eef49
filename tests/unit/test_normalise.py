"""Pure normalisation of roster cells (heatoffice.imports.normalise): the total rows."""

from __future__ import annotations

import pytest

from heatoffice.imports import normalise


@pytest.mark.parametrize("texts", [
    ["合计"], ["合 计", "", "328.5"], ["", "小计：阳光花园"], ["总计（元）"], ["共计 12 户"],
    ["总数", "40"], ["HM0000001", "", "", "合计"],
])
def test_a_total_row_is_known_by_one_of_its_first_cells(texts):
    assert normalise.is_total(texts)


@pytest.mark.parametrize("texts", [
    [], [""], ["HM0000001", "张伟", "阳光花园", "1号楼"], ["计划", "张数"],
    # a total word past the first four cells is a note, not a total row
    ["HM0000001", "张伟", "阳光花园", "1号楼", "合计"],
    ["数据", "统计员"],
])
def test_other_rows_are_not_totals(texts):
    assert not normalise.is_total(texts)
