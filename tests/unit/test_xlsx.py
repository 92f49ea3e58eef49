"""The Excel writer: what another program reads back from the file it wrote."""

from __future__ import annotations

import datetime as dt
import glob
import os
import stat
import tempfile
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from heatoffice.errors import UserError
from heatoffice.exports import xlsx

HEADERS = ["户号", "户名", "欠费(元)", "供热面积(㎡)", "开户日期"]
FORMATS = {2: xlsx.MONEY, 3: xlsx.AREA, 4: xlsx.DATE}


def _rows():
    return [
        ("A0001", "张伟", Decimal("1234.50"), Decimal("88.25"), dt.date(2026, 11, 15)),
        ("A0002", "王芳", Decimal("-3.00"), Decimal("120.00"), None),
        ("A0003", "李娜", Decimal("0.10"), Decimal("0.01"), dt.date(2025, 3, 1)),
    ]


def _values(path):
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(c.value for c in row) for row in wb.active.iter_rows()]
    finally:
        wb.close()


def test_rows_read_back_with_headers_numbers_and_dates(tmp_path):
    path = tmp_path / "out.xlsx"
    assert xlsx.write_sheet(path, "用户档案", HEADERS, _rows(), number_formats=FORMATS) == 3
    wb = load_workbook(path, read_only=True)
    ws = wb["用户档案"]
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == HEADERS
    assert [c.value for c in rows[1]] == ["A0001", "张伟", 1234.5, 88.25,
                                          dt.datetime(2026, 11, 15)]
    assert [c.number_format for c in rows[1][2:]] == ["#,##0.00", "0.00", "yyyy-mm-dd"]
    # The missing date of row 3 is an empty cell, not the text "None".
    assert [c.value for c in rows[2]][:4] == ["A0002", "王芳", -3, 120]
    assert [c.value for c in rows[3]] == ["A0003", "李娜", 0.1, 0.01, dt.datetime(2025, 3, 1)]
    assert len(rows) == 4
    wb.close()


def test_header_styled_top_row_frozen_filter_over_the_used_range(tmp_path):
    path = tmp_path / "out.xlsx"
    xlsx.write_sheet(path, "用户档案", HEADERS, _rows(), number_formats=FORMATS,
                     widths=[16, None, 12, None, 12])
    ws = load_workbook(path).active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E4"
    assert ws.print_title_rows == "$1:$1"
    assert ws["A1"].font.b is True and ws["A2"].font.b is not True
    assert ws["A1"].fill.fgColor.rgb == "00" + xlsx.HEADER_FILL
    # Widths fit the header (with its filter button) and the values, within each cap.
    assert ws.column_dimensions["A"].width == xlsx.display_width("户号") + 4
    assert ws.column_dimensions["B"].width == xlsx.display_width("户名") + 4
    assert ws.column_dimensions["D"].width == xlsx.display_width("供热面积(㎡)") + 4


def test_widths_fit_the_content_within_the_caps(tmp_path):
    path = tmp_path / "w.xlsx"
    long_name = "阳光热力第一换热站附属商业用房管理处"  # 18 wide characters: 36 columns
    rows = [("A1", long_name, Decimal("1234567.89"), dt.datetime(2026, 11, 20, 9, 30, 5),
             "x" * 80)]
    xlsx.write_sheet(path, "x", ["号", "名称", "金额", "时间", "备注"], rows,
                     number_formats={2: xlsx.MONEY, 3: xlsx.DATETIME},
                     widths=[None, None, None, None, 30])
    dims = load_workbook(path).active.column_dimensions
    assert dims["A"].width == xlsx.MIN_WIDTH
    assert dims["B"].width == 36 + 2                       # the whole name shows
    assert dims["C"].width == len("1,234,567.89") + xlsx.TOTAL_ROOM + 2  # and its total
    assert dims["D"].width == 19 + 2                       # the timestamp does not overflow
    assert dims["E"].width == 30                           # a note stops at its cap


def test_heading_rows_print_setup_and_page_numbers(tmp_path):
    path = tmp_path / "h.xlsx"
    heading = ["阳光热力", "欠费清单", "筛选条件：小区：阳光花园", "打印人：王收费"]
    wide = ["列" + str(i) for i in range(12)]
    xlsx.write_sheet(path, "欠费清单", wide, [tuple("值" * 6 for _ in wide)] * 3,
                     heading=heading, lang="zh")
    ws = load_workbook(path).active
    assert [ws.cell(row=i, column=1).value for i in range(1, 5)] == heading
    assert ws["A1"].font.b is True and ws["A1"].font.sz == 14
    assert [c.value for c in ws[5]] == wide and ws["A5"].fill.fgColor.rgb == "00DDEBF7"
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:L8"
    assert ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    narrow = tmp_path / "n.xlsx"
    xlsx.write_sheet(narrow, "x", ["a", "b"], [(1, 2)], lang="en")
    ws = load_workbook(narrow).active
    assert ws.page_setup.orientation == "portrait"
    assert ws.oddFooter.center.text == "Page &P of &N"


def test_a_header_row_among_the_footer_heads_a_second_table(tmp_path):
    path = tmp_path / "t.xlsx"
    xlsx.write_sheet(path, "x", ["日期", "金额"], [("11-01", 1)],
                     footer=[("合计", 1), (), xlsx.HeaderRow(("收款员", "金额")), ("王", 1)])
    ws = load_workbook(path).active
    assert _values(path)[3:] == [(), ("收款员", "金额"), ("王", 1)]
    assert ws["A5"].fill.fgColor.rgb == "00DDEBF7" and ws["A6"].fill.fgColor.rgb != "00DDEBF7"


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_files_get_the_users_umask_not_0600(tmp_path, mask):
    old = os.umask(mask)
    try:
        xlsx.write_sheet(tmp_path / "m.xlsx", "x", ["n"], [(1,)])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "m.xlsx").stat().st_mode) == 0o666 & ~mask


def test_empty_sheet_still_has_header_filter_and_frozen_row(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert xlsx.write_sheet(path, "x", ["a", "b"], iter(())) == 0
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["a", "b"]
    assert ws.auto_filter.ref == "A1:B1"
    assert ws.freeze_panes == "A2"


@pytest.mark.parametrize("text", ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2",
                                  "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path, text):
    path = tmp_path / "inj.xlsx"
    xlsx.write_sheet(path, "x", ["name"], [(text,), ("plain",)])
    assert _values(path)[1:] == [(text,), ("plain",)]
    wb = load_workbook(path)
    cell = wb.active["A2"]
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    assert wb.active["A3"].quotePrefix is not True
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_control_characters_are_dropped_so_excel_can_open_the_file(tmp_path):
    path = tmp_path / "ctl.xlsx"
    xlsx.write_sheet(path, "x", ["note"], [("备\x07注\x00",), ("a\tb\nc",)])
    assert _values(path)[1:] == [("备注",), ("a\tb\nc",)]


def test_progress_is_reported_every_batch_and_at_the_end(tmp_path):
    calls = []
    xlsx.write_sheet(tmp_path / "p.xlsx", "x", ["n"], ((i,) for i in range(1200)),
                     progress=lambda done, total: calls.append((done, total)), total=1200)
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def _openpyxl_temp_files():
    return set(glob.glob(f"{tempfile.gettempdir()}/openpyxl.*"))


def test_cancelled_export_leaves_the_old_file_and_no_temporary_files(tmp_path):
    path = tmp_path / "keep.xlsx"
    xlsx.write_sheet(path, "x", ["n"], [(1,)])
    before = _openpyxl_temp_files()
    with pytest.raises(UserError) as err:
        xlsx.write_sheet(path, "x", ["n"], ((i,) for i in range(2000)),
                         progress=lambda done, total: done < 1000)
    assert err.value.code == "cancelled"
    assert _values(path) == [("n",), (1,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx"]
    assert _openpyxl_temp_files() == before


def test_a_failing_row_source_leaves_no_partial_file(tmp_path):
    def rows():
        yield (1,)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        xlsx.write_sheet(tmp_path / "x.xlsx", "x", ["n"], rows())
    assert list(tmp_path.iterdir()) == []


def test_unwritable_target_is_a_user_error_naming_the_file(tmp_path):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("")
    target = blocker / "out.xlsx"
    with pytest.raises(UserError) as err:
        xlsx.write_sheet(target, "x", ["n"], [(1,)])
    assert err.value.code == "exports.write_failed"
    assert err.value.params["value"] == str(target)
    assert str(target) in err.value.message("en")


def test_sheet_title_and_display_width():
    assert xlsx.sheet_title("2026/2027 [采暖季]: 欠费?") == "2026_2027 _采暖季__ 欠费_"
    assert xlsx.sheet_title("x" * 40) == "x" * 31
    assert xlsx.sheet_title("") == "Sheet"
    assert xlsx.display_width("阳光A1") == 6
