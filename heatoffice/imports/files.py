"""The files an import hands out: the rejected rows with their reasons, and blank templates.

Both are written by ``exports/xlsx.write_sheet`` (a temporary file renamed when whole, text
that looks like a formula kept text).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from heatoffice import glossary
from heatoffice.errors import UserError
from heatoffice.exports import xlsx
from heatoffice.imports import kinds as kinds_
from heatoffice.imports.service import Preview, Report


def _need_xlsx(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise UserError("exports.bad_suffix", value=str(path), suffix=".xlsx")
    return p


def rejects_header(preview: Preview) -> list[str]:
    width = max([len(preview.headers), *(len(r.cells) for r in preview.problem_rows)])
    headers = [*preview.headers, *[""] * (width - len(preview.headers))]
    return [*headers, glossary.pick("原行号", "row"), glossary.pick("问题", "problem")]


def rejected_rows(preview: Preview, report: Report | None = None) -> list[list[Any]]:
    """Each problem row: its original cells, its row number and its reasons."""
    width = len(rejects_header(preview)) - 2
    out = []
    for row in preview.problem_rows:
        cells = [*row.cells, *[None] * (width - len(row.cells))]
        out.append([*cells, row.number, "；".join(p.reason() for p in row.problems)])
    return out


def write_rejects(preview: Preview, path: str | Path) -> int:
    """The rows that were not imported, as the file had them, plus their row number and the
    reasons; returns how many."""
    p = _need_xlsx(path)
    rows = rejected_rows(preview)
    title = glossary.pick("未导入的行", "rows not imported")
    xlsx.write_sheet(p, title, rejects_header(preview), rows,
                     heading=[glossary.pick(f"{preview.file}（{preview.sheet}）",
                                            f"{preview.file} ({preview.sheet})")])
    return len(rows)


def template_rows(kind_name: str) -> tuple[list[str], list[str], list[str]]:
    """(the notes above the table, the header, the example row) of ``kind_name``'s template."""
    kind = kinds_.get(kind_name)
    title = glossary.pick(f"{glossary.label('import_kind', kind.name, 'zh')}导入模板",
                          f"{glossary.label('import_kind', kind.name, 'en')} import template")
    required = glossary.pick("带 * 的列必须填写，其余可不填；列的顺序不限。",
                             "Columns marked * are required, the rest optional; any order.")
    notes = [title, required, *(glossary.pick(zh, en) for zh, en in kind.notes)]
    header = [("*" if c.required else "") + c.title for c in kind.columns]
    return notes, header, [c.example for c in kind.columns]


def write_template(kind_name: str, path: str | Path) -> None:
    """A blank .xlsx for ``kind_name``: notes, the expected columns, one example row."""
    p = _need_xlsx(path)
    notes, header, example = template_rows(kind_name)
    widths: Sequence[float | None] = [max(12, xlsx.display_width(h) + 4) for h in header]
    xlsx.write_sheet(p, glossary.label("import_kind", kind_name), header, [example],
                     heading=notes, widths=widths)
