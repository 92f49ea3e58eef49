"""A worksheet's rows read straight from its XML: the quick way through the plain workbooks
Excel, WPS, LibreOffice and openpyxl save.

openpyxl's read-only mode builds every cell through Python objects: 100,000 roster rows take
about 6 s to read, as long as checking and writing them. Most workbooks are written in one
plain shape (``<row r="5">``, then ``<c r="B5" s="3" t="s"><v>12</v></c>``, attributes in
that order), and for that shape one regular expression finds every row and cell.

The rows are exactly the ones :func:`reader.stream_here` would get from openpyxl (the tests
compare the two on many kinds of workbook): the same values (shared and inline strings,
numbers as int or float, booleans, error codes, formulas' cached values, dates by their cell
style through openpyxl's own date rules), the same padding (a row as long as its last cell,
an empty list for a missing row). Whatever is not of the plain shape is left to openpyxl:

- :func:`open_sheet` answers ``None`` for a workbook it does not know how to take apart
  (an unusual part, a prefixed namespace, a sheet that is not a worksheet, any error);
- the rows are read a piece of the XML at a time, and each piece's rows and cells are
  counted against the tags in it before any of its rows is given out. A piece with a tag
  the pattern did not take ends the quick reading: openpyxl reads on from the first row not
  given out yet (:class:`NotPlain` says where).
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PIECE = 4 << 20  # bytes of XML decompressed at a time
FIRST_PIECE = 256 << 10
# Day 0 of a workbook's dates, as openpyxl's CALENDAR_WINDOWS_1900 and CALENDAR_MAC_1904 (a
# test holds them equal): named here, so that a workbook without styles, strings kept as
# rich text or dates is read without loading openpyxl at all (a tenth of a second).
WINDOWS_1900 = _dt.datetime(1899, 12, 30)
MAC_1904 = _dt.datetime(1904, 1, 1)

_ROW_OR_CELL = re.compile(
    r'<row r="([0-9]+)"[^>]*?(/?)>'
    r'|<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    r'(?:/>|>(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?'
    r'(?:<v>([^<]*)</v>|(<is>)(?:<t(?: xml:space="preserve")?>([^<]*)</t>|<t/>)</is>)?</c>)')
_PREFIXED = re.compile(r"<[A-Za-z_][\w.-]*:(?:c|row|v|is|sheetData)[\s/>]")
_PLAIN_SI = re.compile(r'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>|<si><t/></si>'
                       r"|<si/>|(<si>.*?</si>)", re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class NotPlain(Exception):
    """The quick reading stopped at a piece it could not take whole: openpyxl reads on from
    ``rows`` + 1 (the rows up to ``rows`` are given out already)."""

    def __init__(self, rows: int) -> None:
        super().__init__(rows)
        self.rows = rows


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def text(raw: str) -> str:
    """XML character data as a parser gives it: line ends made ``\\n``, entities replaced."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _ENTITY.sub(_entity, raw) if "&" in raw else raw


@dataclass
class PlainSheet:
    """A worksheet of a plain workbook: its name, where its XML is, what its cells need."""

    path: str
    name: str
    part: str
    strings: list[str]
    dates: frozenset[int]  # cell styles that show a date, as openpyxl counts them
    spans: frozenset[int]  # cell styles that show a time span
    epoch: Any

    def rows(self) -> Iterator[list[Any]]:
        """Every row from the first, as :func:`reader.stream_here` makes them; raises
        :class:`NotPlain` where the quick reading gives up."""
        given = 0
        with zipfile.ZipFile(self.path) as z, z.open(self.part) as f:
            decoder = _utf8()
            rest = ""
            started = False
            size = min(FIRST_PIECE, PIECE)  # the first rows soon on their way
            while True:
                data = f.read(size)
                size = PIECE
                rest += decoder.decode(data, final=not data)
                if not started:
                    if "<sheetData" not in rest and data:
                        continue
                    started = True
                    if not re.search(r"<worksheet[\s>]", rest) or _PREFIXED.search(rest):
                        raise NotPlain(given)
                cut = rest.rfind("<row ") if data else len(rest)
                if cut <= 0:
                    if data:
                        continue
                    break
                piece, rest = rest[:cut], rest[cut:]
                try:
                    rows = self._piece(piece, given)
                except Exception:  # noqa: BLE001 - a bad index, a bad number: openpyxl's
                    rows = None
                if rows is None:
                    raise NotPlain(given)
                for row in rows:
                    given += 1
                    yield row
                if not data:
                    break

    def _piece(self, piece: str, given: int) -> list[list[Any]] | None:
        """The rows a piece of whole rows holds after the ``given`` ones (gaps as empty
        rows), or None when a row or cell tag in it is not of the plain shape."""
        if _PREFIXED.search(piece):
            return None
        strings, dates = self.strings, self.dates
        rows: list[list[Any]] = []
        pairs: list[tuple[int, Any]] | None = None
        columns: dict[str, int] = {}
        number = given
        cells = 0
        tags = _ROW_OR_CELL.findall(piece)
        for r, _, letters, style, kind, v, has_is, inline in tags:
            if r:
                if pairs is not None:
                    rows.append(_row(pairs))
                    pairs = None
                n = int(r)
                if n <= number:  # a row out of order: openpyxl passes over it
                    continue
                while number < n - 1:
                    rows.append([])
                    number += 1
                number = n
                pairs = []
                continue
            cells += 1
            if pairs is None:  # a cell of a row passed over
                continue
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = column_number(letters)
            if not kind or kind == "n":
                if not v:
                    value: Any = None
                elif "." in v or "E" in v or "e" in v:
                    value = float(v)
                else:
                    value = int(v)
                if value is not None and style and int(style) in dates:
                    value = self._date(value, int(style))
            elif kind == "s":
                value = strings[int(v)] if v else None
            elif kind == "inlineStr":
                value = text(inline) if has_is else None
            elif not v:
                value = None
            elif kind == "b":
                value = bool(int(v))
            elif kind == "d":
                from openpyxl.utils.datetime import from_ISO8601

                value = from_ISO8601(v)
            else:  # str, e: the text as written
                value = text(v)
            pairs.append((column, value))
        if pairs is not None:
            rows.append(_row(pairs))
        if len(tags) - cells != piece.count("<row ") + piece.count("<row>") + \
                piece.count("<row/") or \
                cells != piece.count("<c ") + piece.count("<c>") + piece.count("<c/"):
            return None
        return rows

    def _date(self, value: Any, style: int) -> Any:
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(value, self.epoch, timedelta=style in self.spans)
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl reads a date out of range


def _row(pairs: list[tuple[int, Any]]) -> list[Any]:
    if not pairs:
        return []
    width = pairs[-1][0]
    row: list[Any] = [None] * width
    for column, value in pairs:
        if column <= width:
            row[column - 1] = value
    return row


def column_number(letters: str) -> int:
    """A column's number from its letters: A 1, Z 26, AA 27."""
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def _utf8() -> Any:
    import codecs

    return codecs.getincrementaldecoder("utf-8")()


# -- the workbook around the sheet ---------------------------------------------------------

def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """id -> (type, part path) of the relationships of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    out = {}
    for rel in ElementTree.fromstring(z.read(rels)).iter(_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


def _of_type(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    for rel_type, path in rels.values():
        if rel_type.endswith("/" + kind):
            return path
    return None


def open_sheet(path: str, sheet: str | None) -> PlainSheet | None:
    """The worksheet ``sheet`` (default: the first sheet) of a plain workbook, or None when
    openpyxl should read it (anything unusual, an unknown sheet, an unreadable file)."""
    try:
        with zipfile.ZipFile(path) as z:
            return _open(z, path, sheet)
    except Exception:  # noqa: BLE001 - openpyxl reads it, and says what is wrong
        return None


def _open(z: zipfile.ZipFile, path: str, sheet: str | None) -> PlainSheet | None:
    book = _office_document(z)
    if book is None:
        return None
    root = ElementTree.fromstring(z.read(book))
    if root.tag != f"{{{MAIN}}}workbook":
        return None
    rels = _rels(z, book)
    sheets = [(s.get("name", ""), s.get(_DOC_REL, ""))
              for s in root.iter(f"{{{MAIN}}}sheet")]
    if not sheets:
        return None
    if sheet is None:
        name, rid = sheets[0]
    else:
        found = [s for s in sheets if s[0] == sheet]
        if not found:
            return None
        name, rid = found[0]
    kind, part = rels.get(rid, ("", ""))
    if not kind.endswith("/worksheet") or part not in z.NameToInfo:
        return None
    pr = root.find(f"{{{MAIN}}}workbookPr")
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    strings_part = _of_type(rels, "sharedStrings")
    strings = _strings(z.read(strings_part).decode()) if strings_part else []
    if strings is None:
        return None
    styles_part = _of_type(rels, "styles")
    dates, spans = _date_styles(z.read(styles_part)) if styles_part else (set(), set())
    return PlainSheet(path, name, part, strings, frozenset(dates), frozenset(spans),
                      MAC_1904 if date1904 else WINDOWS_1900)


def _office_document(z: zipfile.ZipFile) -> str | None:
    root = ElementTree.fromstring(z.read("_rels/.rels"))
    for rel in root.iter(_REL):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return None


def _strings(xml: str) -> list[str] | None:
    """The shared strings as openpyxl reads them, or None when the table is not plain."""
    if not re.search(r"<sst[\s>]", xml) or re.search(r"<[\w.-]+:si[\s/>]", xml):
        return None
    out: list[str] = []
    for plain, other in _PLAIN_SI.findall(xml):
        if other:  # rich text, phonetic runs: openpyxl's own reading of the one item
            from openpyxl.cell.text import Text

            node = ElementTree.fromstring(other.replace("<si>", f'<si xmlns="{MAIN}">', 1))
            value = Text.from_tree(node).content
        else:
            value = text(plain)
        out.append(value.replace("x005F_", ""))
    if len(out) != xml.count("<si>") + xml.count("<si/>"):
        return None
    return out


def _date_styles(xml: bytes) -> tuple[set[int], set[int]]:
    """The cell styles (indexes into cellXfs) whose number format shows a date, and those
    that show a time span, by openpyxl's rules."""
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format

    root = ElementTree.fromstring(xml)
    custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
              for f in root.iterfind(f"{{{MAIN}}}numFmts/{{{MAIN}}}numFmt")}
    dates: set[int] = set()
    spans: set[int] = set()
    xfs = root.find(f"{{{MAIN}}}cellXfs")
    for i, xf in enumerate(xfs if xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        fmt = custom[fmt_id] if fmt_id in custom else builtin_format_code(fmt_id)
        if fmt and is_date_format(fmt):
            dates.add(i)
        if fmt and is_timedelta_format(fmt):
            spans.add(i)
    return dates, spans
