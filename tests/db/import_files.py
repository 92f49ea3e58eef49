"""Messy import files made in the tests: title rows, merges, blank and total rows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merges: Sequence[str] = (),
         title: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def read_xlsx(path: Path) -> list[list[Any]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


HEADER = ["户号", "户名", "小区名称", "楼号", "单元", "房号", "建筑面积(㎡)", "联系电话",
          "身份证号", "用户性质", "供热状态"]
GOOD_ID = "11010519491231002X"

# A roster as an old system exports it: a company title merged across, the period, a blank
# row, the header; full-width digits, units and spaces in the cells; the community merged
# down two rows; a blank row, the header repeated (a second page), duplicate numbers, a bad
# ID check digit, a 10-digit phone, a negative area, and a total row.
MESSY = [
    ["阳光热力有限公司用户花名册"],
    ["2025—2026 采暖季"],
    [],
    HEADER,
    ["ＹＧ０００１", " 张 伟 ", "阳光花园", "1号楼", "2单元", "501室", "85.50㎡", "138 1234 5678",
     GOOD_ID, "居民", "正常"],
    ["YG0002", "李娜", None, "5#", "1", "302", 96, 13912345678, None, "低保户", "报停"],
    ["YG0003", "王芳", "阳光花园", "5栋", "1", "402", "-3", "1381234567",
     "110105194912310021", "商铺", "供暖"],
    [None, None, None, None, None, None, None, None, None, None, None],
    HEADER,
    ["YG0004", "赵强", "阳光花园", "2", "1", "101", "70 平方米", "0371-65123456", None,
     "单位", "停供"],
    ["YG0002", "孙丽", "阳光花园", "2", "1", "102", " 72.5 ", None, None, "住宅", None],
    ["合计", None, None, None, None, None, 328.5],
]
MESSY_MERGES = ("A1:K1", "A2:K2", "C5:C6")
