"""Reading a file to import: .xlsx (openpyxl read-only) or .csv (UTF-8 or GB18030, detected).

A sheet comes back as its rows in file order, each a list of cell values as the file holds
them (str, int, float, datetime, None) with its row number as the spreadsheet shows it.
Merged cells are filled from their top-left cell (openpyxl's read-only mode does not know
the merges, so the ranges are read from the sheet's XML), so a community merged down
twenty rows or a header merged across three columns reads like written out in full.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heatoffice.errors import UserError
from heatoffice.imports import sheet_xml

SUFFIXES = (".xlsx", ".csv")
Progress = Callable[[int, int | None], Any]


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]  # (row number as shown, the cells)


def digest(path: str | Path) -> str:
    """The file's sha256, hex (the audit row names the file by it)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise UserError("imports.bad_suffix", field="file", value=str(path),
                        suffixes="、".join(SUFFIXES))
    if not p.is_file():
        raise UserError("imports.no_file", field="file", value=str(path))
    return p


def sheet_names(path: str | Path) -> list[str]:
    p = check_file(path)
    if p.suffix.lower() == ".csv":
        return [p.stem]
    wb = _open_xlsx(p)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read(path: str | Path, sheet: str | None = None,
         progress: Progress | None = None) -> Sheet:
    """The rows of ``sheet`` (default: the first) of the file at ``path``."""
    p = check_file(path)
    if p.suffix.lower() == ".csv":
        return Sheet(p.stem, _read_csv(p))
    return _read_xlsx(p, sheet, progress)


# -- csv ---------------------------------------------------------------------------------------

def decode(data: bytes) -> str:
    """UTF-8 (with or without its mark), else GB18030 (which reads GBK and GB2312 too)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UserError("imports.bad_encoding", field="file") from None


def _read_csv(p: Path) -> list[tuple[int, list[Any]]]:
    text = decode(p.read_bytes())
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(rows.line_num, list(r)) for r in rows]
    except csv.Error as exc:
        raise UserError("imports.bad_file", field="file", value=p.name,
                        reason=str(exc)) from None


# -- xlsx --------------------------------------------------------------------------------------

def _open_xlsx(p: Path) -> Any:
    import openpyxl  # only when a workbook is read

    try:
        return openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's to fix
        raise UserError("imports.bad_workbook", field="file", value=p.name) from exc


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _merges(p: Path, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, 1-based."""
    try:
        with zipfile.ZipFile(p) as z:
            data = z.read(sheet_path)
    except (KeyError, zipfile.BadZipFile):
        return []
    start = data.rfind(b"<mergeCells")
    if start < 0:
        start = data.rfind(b":mergeCells")
        if start < 0:
            return []
    column = sheet_xml.column_number
    return [(int(r1), column(c1.decode()), int(r2), column(c2.decode()))
            for c1, r1, c2, r2 in _MERGE.findall(data, start)]


def _read_xlsx(p: Path, sheet: str | None, progress: Progress | None) -> Sheet:
    found = stream(p, sheet)
    rows: list[tuple[int, list[Any]]] = []
    try:
        for chunk in found.chunks:
            rows += chunk
            if progress is not None:
                progress(rows[-1][0], None)
    finally:
        found.close()
    return Sheet(found.name, rows)


@dataclass
class Stream:
    """A sheet read a chunk of rows at a time (an import writing while it reads): its name,
    the chunks of (row number as shown, cells) in file order, merged cells filled; ``close``
    lets go of the file when the chunks are not read to the end."""

    name: str
    chunks: Iterator[list[tuple[int, list[Any]]]]
    close: Callable[[], None]


CHUNK = 2000
# A workbook this large is read in a second process (``sheet_process``) while this one checks
# and writes: reading is as slow as everything else together (100,000 roster rows: 6 s).
PROCESS_BYTES = 1 << 20


def stream(path: str | Path, sheet: str | None = None, *, size: int = CHUNK) -> Stream:
    """The rows of ``sheet`` (default: the first) of the file at ``path``, ``size`` rows a
    chunk, as :func:`read` reads them."""
    p = check_file(path)
    if p.suffix.lower() == ".csv":
        rows = _read_csv(p)
        return Stream(p.stem, iter([rows[i:i + size] for i in range(0, len(rows), size)]),
                      lambda: None)
    if p.stat().st_size >= PROCESS_BYTES:
        from heatoffice.imports.sheet_process import Reading

        try:
            reading = Reading(p, sheet, size)
        except OSError:  # no second interpreter to be had: read it here
            return stream_here(p, sheet, size)
        try:
            _, name = reading.take()
        except BaseException:
            reading.close()
            raise
        return Stream(name, reading.chunks(), reading.close)
    return stream_here(p, sheet, size)


def stream_here(p: Path, sheet: str | None, size: int) -> Stream:
    """:func:`stream` of an .xlsx, read in this process: straight from the sheet's XML when
    the workbook is of the plain kind (``sheet_xml``), else, or from where that reading
    stops, by openpyxl."""
    plain = sheet_xml.open_sheet(str(p), sheet)
    if plain is not None:
        rows = _plain_rows(p, plain)
        return Stream(plain.name, _chunks(rows, _merges(p, plain.part), size), rows.close)
    wb = _open_xlsx(p)
    try:
        ws = _worksheet(wb, sheet)
        sheet_path = getattr(ws, "_worksheet_path", "") or ""
        merges = _merges(p, sheet_path.lstrip("/")) if sheet_path else []
    except BaseException:
        wb.close()
        raise
    rows = _openpyxl_rows(wb, ws, 0)

    def close() -> None:
        rows.close()
        wb.close()  # (a generator never started has no finally to run)

    return Stream(ws.title, _chunks(rows, merges, size), close)


def _worksheet(wb: Any, sheet: str | None) -> Any:
    if sheet is None:
        ws = wb.worksheets[0]
    elif sheet in wb.sheetnames:
        ws = wb[sheet]
    else:
        raise UserError("imports.no_sheet", field="sheet", value=sheet,
                        sheets="、".join(wb.sheetnames))
    # (ws.max_row would read the whole sheet once more when it has no <dimension>)
    ws.reset_dimensions()  # a wrong <dimension> must not cut rows or columns off
    return ws


def _openpyxl_rows(wb: Any, ws: Any, skip: int) -> Generator[list[Any], None, None]:
    """The sheet's rows after the first ``skip``, by openpyxl."""
    try:
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            if number > skip:
                yield list(values)
    finally:
        wb.close()


def _plain_rows(p: Path, plain: Any) -> Generator[list[Any], None, None]:
    from heatoffice.imports.sheet_xml import NotPlain

    try:
        yield from plain.rows()
    except NotPlain as stop:  # openpyxl reads on where the quick reading stopped
        wb = _open_xlsx(p)
        try:
            ws = _worksheet(wb, plain.name)
        except BaseException:
            wb.close()
            raise
        yield from _openpyxl_rows(wb, ws, stop.rows)


def _chunks(rows: Iterator[list[Any]], merges: list[tuple[int, int, int, int]],
            size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    """The rows numbered from 1, ``size`` a chunk, merged ranges filled."""
    # a merged range's value (its top-left cell) fills its cells as its rows go by
    starts: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in merges:
        starts.setdefault(m[0], []).append(m)
    active: list[tuple[int, int, int, Any]] = []  # (last row, first column, last column, value)
    chunk: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(rows, 1):
        if starts and number in starts:
            for _, c1, r2, c2 in starts.pop(number):
                value = cells[c1 - 1] if c1 - 1 < len(cells) else None
                if value is not None:
                    active.append((r2, c1, c2, value))
        if active:
            active = [m for m in active if m[0] >= number]
            for _, c1, c2, value in active:
                if len(cells) < c2:
                    cells.extend([None] * (c2 - len(cells)))
                for c in range(c1 - 1, c2):
                    if cells[c] is None:
                        cells[c] = value
        chunk.append((number, cells))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def main(argv: list[str]) -> int:
    """The second process of ``sheet_process``: read the sheet, send its chunks."""
    from heatoffice.db.worker import send

    path, sheet, size = argv[0], argv[1] or None, int(argv[2])
    out = sys.stdout.buffer
    try:
        found = stream_here(Path(path), sheet, size)
        try:
            send(out, ("name", found.name))
            for chunk in found.chunks:
                send(out, ("rows", chunk))
        finally:
            found.close()
        send(out, ("end", None))
    except UserError as e:
        send(out, ("error", (e.code, e.field, e.params)))
    except BrokenPipeError:  # the importing process let go (cancelled, or an early problem)
        return 0
    except Exception:  # noqa: BLE001 - any unreadable file is the user's to fix
        send(out, ("error", ("imports.bad_workbook", "file", {"value": Path(path).name})))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
