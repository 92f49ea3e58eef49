"""The quick reading of a sheet's XML gives exactly openpyxl's rows, or hands over to openpyxl.

Every case compares the quick reading with openpyxl's read-only mode on the same file, and
checks which way it was read: a plain file is read quickly to the end; a file with anything
else is handed to openpyxl, whole or from the first row not given out yet.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from heatoffice.imports import reader, sheet_xml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"


def by_openpyxl(path: Path, sheet: str | None = None) -> list[list[Any]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0] if sheet is None else wb[sheet]
        ws.reset_dimensions()
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def quickly(path: Path, sheet: str | None = None) -> list[list[Any]]:
    """The rows read quickly to the end (NotPlain when it hands over)."""
    plain = sheet_xml.open_sheet(str(path), sheet)
    assert plain is not None, "not taken as a plain workbook"
    return list(plain.rows())


def through_reader(path: Path, sheet: str | None = None) -> list[list[Any]]:
    found = reader.stream_here(path, sheet, 3)
    try:
        return [cells for chunk in found.chunks for _, cells in chunk]
    finally:
        found.close()


def package(path: Path, sheet: str, *, strings: str | None = None, styles: str | None = None,
            book_pr: str = "", prefix: str = "") -> Path:
    """A workbook of one sheet whose XML is written by hand (rows only: ``sheet`` is what
    goes inside sheetData)."""
    p = f"{prefix}:" if prefix else ""
    ns = f"xmlns:{prefix}" if prefix else "xmlns"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts = {
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}="{MAIN}">'
            f"<{p}sheetData>{sheet}</{p}sheetData></{p}worksheet>",
    }
    if strings is not None:
        rels.append(f'<Relationship Id="rId2" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>'
                                         f'<sst xmlns="{MAIN}">{strings}</sst>')
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="/xl/styles.xml"/>')
        parts["xl/styles.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>'
                                  f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>')
    parts.update({
        "[Content_Types].xml":
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            + (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
               if strings is not None else "")
            + (f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
               if styles is not None else "")
            + "</Types>",
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'{book_pr}<sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships">'
            + "".join(rels) + "</Relationships>",
    })
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data.encode())
    return path


def assert_same(path: Path, sheet: str | None = None) -> list[list[Any]]:
    """The quick rows are openpyxl's; the reader's (merges filled) are the same both ways."""
    expected = by_openpyxl(path, sheet)
    assert quickly(path, sheet) == expected
    with mock.patch.object(sheet_xml, "open_sheet", lambda *_: None):
        by_openpyxl_reader = through_reader(path, sheet)
    assert through_reader(path, sheet) == by_openpyxl_reader
    return expected


VALUES: list[list[Any]] = [
    ["户号", "户名 ", " 张三", "a&b<c>\"d'", "行一\r\n行二\r行三", "_x000D_x005F_", "𠀋 emoji 🙂"],
    [1, -2, 3.5, 1e20, 12345678901234, 0.1 + 0.2, -0.0],
    [True, False, None, "", "#N/A", "=1+2", 18014740813],
    [dt.datetime(2026, 11, 30, 8, 15, 30), dt.date(2026, 12, 1), dt.time(13, 45),
     dt.timedelta(hours=30, minutes=5), dt.datetime(1900, 1, 1)],
    [],
    [None, None, None, "C5 after gaps"],
]


@pytest.mark.parametrize("write_only", [False, True], ids=["workbook", "write-only"])
def test_workbooks_openpyxl_writes_read_the_same(tmp_path, write_only):
    import openpyxl

    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("名册") if write_only else wb.active
    for row in VALUES:
        ws.append(row)
    if not write_only:
        ws.title = "名册"
        ws["B8"] = "after a missing row"
        ws["C9"].number_format = "0.00"  # a styled cell with no value
        ws.merge_cells("A10:C11")
        ws["A10"] = "merged"
        extra = wb.create_sheet("第二页")
        extra.append(["second", 2])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    rows = assert_same(path)
    assert rows[0][0] == "户号" and rows[3][0] == dt.datetime(2026, 11, 30, 8, 15, 30)
    if not write_only:
        assert assert_same(path, "第二页") == [["second", 2]]
        # merged cells are filled by the reader on either way
        assert through_reader(path)[10][:3] == ["merged"] * 3


def test_shared_strings_plain_and_rich(tmp_path):
    strings = ("<si><t>张三</t></si><si><t xml:space=\"preserve\"> 李 四 </t></si><si><t/></si>"
               "<si/><si><t>a&amp;b&#13;&#x4E00;</t></si>"
               "<si><r><rPr><b/></rPr><t>粗</t></r><r><t>细</t></r></si>"
               "<si><t>拼</t><rPh sb=\"0\" eb=\"1\"><t>pin</t></rPh></si>"
               "<si>\n  <t>pretty</t>\n</si>")
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(8))
    path = package(tmp_path / "s.xlsx", f'<row r="1">{cells}</row>', strings=strings)
    rows = assert_same(path)
    assert rows == [["张三", " 李 四 ", "", "", "a&b\r一", "粗细", "拼", "pretty"]]


# openpyxl's own warnings on these hand-written files (no default style; a date out of range,
# which both readings give as #VALUE!)
NO_STYLE = pytest.mark.filterwarnings("ignore:Workbook contains no default style")


@NO_STYLE
@pytest.mark.filterwarnings("ignore:Cell F1 is marked as a date")
def test_every_kind_of_cell(tmp_path):
    styles = ('<numFmts count="2"><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月'
              '&quot;d&quot;日&quot;"/><numFmt numFmtId="171" formatCode="[h]:mm"/></numFmts>'
              '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/>'
              '<xf numFmtId="171"/><xf numFmtId="20"/></cellXfs>')
    sheet = ('<row r="1" spans="1:9" ht="20"><c r="A1" s="1"><v>46356</v></c>'
             '<c r="B1" s="2"><v>46356.5</v></c><c r="C1" s="3"><v>1.25</v></c>'
             '<c r="D1" s="4"><v>0.75</v></c><c r="E1" s="1"/><c r="F1" s="1"><v>1e300</v></c>'
             '<c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><v>#DIV/0!</v></c>'
             '<c r="I1" t="str"><f>A1&amp;"x"</f><v>x&lt;y</v></c></row>'
             '<row r="3"><c r="B3" t="n"><f t="shared" si="0"/><v>7</v></c>'
             '<c r="C3" t="inlineStr"><is><t>内联</t></is></c><c r="D3" t="inlineStr"/>'
             '<c r="E3" t="inlineStr"><is><t/></is></c><c r="F3" t="d"><v>2026-12-01T08:00:00</v>'
             '</c><c r="G3"><v></v></c><c r="H3" t="s"/></row>'
             '<row r="4"/><row r="5" spans="1:1"></row>'
             '<row r="6"><c r="C6"><v>3</v></c><c r="A6"><v>1</v></c></row>')
    path = package(tmp_path / "k.xlsx", sheet, styles=styles)
    rows = assert_same(path)
    assert rows[0][:5] == [dt.datetime(2026, 11, 30), dt.datetime(2026, 11, 30, 12),
                           dt.timedelta(hours=30), dt.time(18), None]
    assert rows[0][5] == "#VALUE!" and rows[0][6:] == [False, "#DIV/0!", "x<y"]
    assert rows[1] == [] and rows[2][1:5] == [7, "内联", None, ""]
    # a cell left of the one before it ends the row there (openpyxl: as long as its last cell)
    assert rows[3:5] == [[], []] and rows[5] == [1]


@NO_STYLE
def test_a_1904_workbook_counts_its_days_from_1904(tmp_path):
    path = package(tmp_path / "m.xlsx", '<row r="1"><c r="A1" s="1"><v>0</v></c>'
                   '<c r="B1" s="1"><v>45000</v></c></row>',
                   styles='<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
                   book_pr='<workbookPr date1904="1"/>')
    assert assert_same(path)[0][1] == dt.datetime(2027, 3, 16)


def test_rows_out_of_order_are_passed_over_as_openpyxl_does(tmp_path):
    path = package(tmp_path / "o.xlsx", '<row r="2"><c r="A2"><v>2</v></c></row>'
                   '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>')
    assert assert_same(path) == [[], [2], [None, 3]]


@pytest.mark.parametrize("sheet", [
    '<row r="1"><c t="n" r="A1"><v>1</v></c></row>',                     # attributes reordered
    '<row r="1"><c><v>1</v></c><c><v>2</v></c></row>',                    # cells without r
    '<row><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row>',  # rows without r
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>',
    '<row r="1">\n  <c r="A1">\n    <v>1</v>\n  </c>\n</row>',             # pretty-printed
    '<row r="1"><c r="A1" cm="1"><v>1</v></c></row>',                     # an attribute it
], ids=["order", "no-cell-r", "no-row-r", "rich-inline", "pretty", "unknown-attribute"])
def test_anything_else_is_left_to_openpyxl(tmp_path, sheet):
    path = package(tmp_path / "x.xlsx", sheet)
    with pytest.raises(sheet_xml.NotPlain) as stop:
        quickly(path)
    assert stop.value.rows == 0
    assert through_reader(path) == by_openpyxl(path)


def test_a_prefixed_workbook_is_left_to_openpyxl_whole(tmp_path):
    path = package(tmp_path / "p.xlsx", '<x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row>',
                   prefix="x")
    with pytest.raises(sheet_xml.NotPlain):
        quickly(path)
    assert through_reader(path) == by_openpyxl(path) == [[5]]


def test_what_it_cannot_open_is_opened_by_openpyxl(tmp_path):
    path = package(tmp_path / "u.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                   strings='<si><t>a</t></si>')
    assert sheet_xml.open_sheet(str(path), "no such sheet") is None
    assert sheet_xml.open_sheet(str(tmp_path / "missing.xlsx"), None) is None
    not_zip = tmp_path / "n.xlsx"
    not_zip.write_text("not a workbook")
    assert sheet_xml.open_sheet(str(not_zip), None) is None
    from heatoffice.errors import UserError

    with pytest.raises(UserError) as e:
        reader.stream_here(path, "no such sheet", 5)
    assert e.value.code == "imports.no_sheet"


def test_a_piece_it_cannot_take_hands_over_from_the_first_row_not_given(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_xml, "PIECE", 64)  # a few rows a piece
    plain_rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="C{n}" t="s"><v>{n % 2}'
                         f"</v></c></row>" for n in range(1, 41))
    odd = '<row r="41"><c r="A41"><f>1</f><v>41</v><extLst/></c></row>'
    more = '<row r="43"><c r="B43"><v>43</v></c></row>'
    path = package(tmp_path / "h.xlsx", plain_rows + odd + more,
                   strings="<si><t>偶</t></si><si><t>奇</t></si>")
    given = []
    plain = sheet_xml.open_sheet(str(path), None)
    assert plain is not None
    with pytest.raises(sheet_xml.NotPlain) as stop:
        for row in plain.rows():
            given.append(row)
    assert 0 < stop.value.rows == len(given) <= 40
    expected = by_openpyxl(path)
    assert given == expected[:len(given)]
    assert through_reader(path) == expected
    assert expected[40] == [41] and expected[41] == [] and expected[42] == [None, 43]


def test_pieces_cut_anywhere_read_as_one(tmp_path, monkeypatch):
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}"><v>{n}.5</v></c>'
                   f"</row>" for n in range(1, 300))
    path = package(tmp_path / "c.xlsx", rows, strings="<si><t>汉字跨块</t></si>")
    whole = by_openpyxl(path)
    for size in (7, 50, 333, 4096):
        monkeypatch.setattr(sheet_xml, "PIECE", size)
        assert quickly(path) == whole


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(not SOFFICE and os.environ.get("CI") != "true",
                    reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_a_workbook_libreoffice_saved_reads_the_same(tmp_path):
    assert SOFFICE, "soffice missing: scripts/system-packages.txt lists libreoffice-calc-nogui"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in VALUES:
        ws.append(row)
    ws.append(["合计", "=SUM(A2:C2)"])
    ws.merge_cells("A10:B10")
    ws["A10"] = "merged"
    src = tmp_path / "src.xlsx"
    wb.save(src)
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=120)
    saved = out / "src.xlsx"
    with zipfile.ZipFile(saved) as z:
        assert b"sharedStrings" in z.read("xl/_rels/workbook.xml.rels")  # LibreOffice's shape
    rows = assert_same(saved)
    assert rows[0][0] == "户号" and rows[6][1] == pytest.approx(2.5)


def test_the_day_zeros_are_openpyxls():
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    assert (sheet_xml.WINDOWS_1900, sheet_xml.MAC_1904) == (CALENDAR_WINDOWS_1900,
                                                           CALENDAR_MAC_1904)
