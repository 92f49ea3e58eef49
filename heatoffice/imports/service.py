"""Importing a file: read, find the header, map, normalise, check, preview; then import the
good rows in one transaction with the import's audit row, or nothing.

``preview(actor, kind, path, …)`` reads and checks without writing and returns a
:class:`Preview` (the rows, their problems, the mapping, the counts); ``commit(actor,
preview, valid_only=…)`` imports it; ``import_file`` does both (the command line).
Rows that are no accounts (blank, 合计/小计, the header repeated) are skipped and counted.
A file with any problem row imports nothing unless ``valid_only``; either way the import
is one transaction and its audit row names the file, its sha256 and the counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heatoffice import glossary
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db import bulk, stats
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.imports import kinds as kinds_
from heatoffice.imports import normalise, reader
from heatoffice.imports.kinds import Context, Kind, Problem, Row

HEADER_SCAN = 30  # rows searched for the header
Mapping = dict[str, int]  # column key -> 0-based column of the file
Progress = Callable[[int, int | None], Any]

# why a row was skipped (codes of the glossary's "import_skip" group)
BLANK, TOTAL, HEADER = "blank", "total", "header"


@dataclass
class Preview:
    """A file read and checked, nothing written yet."""

    kind: Kind
    path: str
    file: str  # its name
    digest: str
    sheet: str
    header_row: int  # as the file shows it
    headers: list[str]  # the header row's cells as text
    mapping: Mapping
    layout: str  # what the mapping is remembered by
    rows: list[Row]  # the data rows
    skipped: list[tuple[int, str]]  # (row, BLANK | TOTAL | HEADER)
    context: Context
    unmapped_required: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.skipped)

    @property
    def problem_rows(self) -> list[Row]:
        return [r for r in self.rows if r.problems]

    @property
    def valid_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.problems]

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]


@dataclass(frozen=True)
class Report:
    """What an import did (or, for a dry run or a preview, would do)."""

    kind: str
    file: str
    digest: str
    read: int  # rows under the header
    skipped: int  # blank, total and repeated-header rows
    valid: int
    rejected: int  # rows with a problem
    imported: int
    dry_run: bool
    problems: tuple[Problem, ...]

    @property
    def complete(self) -> bool:
        """Every data row imported (the command's exit status 0)."""
        return self.rejected == 0 and (self.dry_run or self.imported == self.valid)

    def rejected_lines(self) -> list[tuple[int, str, str]]:
        """One (row, columns, reasons) per rejected row, in row order."""
        by_row: dict[int, list[Problem]] = {}
        for p in self.problems:
            by_row.setdefault(p.row, []).append(p)
        out = []
        for row in sorted(by_row):
            found = by_row[row]
            columns = list(dict.fromkeys(p.header for p in found))
            out.append((row, "、".join(columns), "；".join(p.reason() for p in found)))
        return out


# -- the header and the mapping ---------------------------------------------------------------

def _alias_table(kind: Kind) -> dict[str, str]:
    table: dict[str, str] = {}
    for c in kind.columns:
        for a in c.aliases:
            table.setdefault(normalise.header(a), c.key)
        table.setdefault(c.key, c.key)
        table.setdefault(normalise.header(glossary.label("field", c.key, "en")), c.key)
    return table


def find_header(kind: Kind, rows: Sequence[tuple[int, list[Any]]],
                profile: dict[str, str] | None = None) -> int:
    """The index in ``rows`` of the header: among the first rows, the one naming most of the
    kind's columns (title rows, blank rows and notes above it name none or one); a source's
    profile (header text -> column) names columns too."""
    table = {**_alias_table(kind), **(profile or {})}
    best, best_index = 0, -1
    for i, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        named = {table[h] for h in map(normalise.header, cells) if h in table}
        if len(named) > best:
            best, best_index = len(named), i
    if best < 2:
        raise UserError("imports.no_header", field="file",
                        columns="、".join(c.title for c in kind.columns if c.required))
    return best_index


def auto_mapping(kind: Kind, headers: Sequence[str]) -> Mapping:
    """Each column of the kind -> the first column of the file whose header names it."""
    table = _alias_table(kind)
    mapping: Mapping = {}
    for i, h in enumerate(headers):
        key = table.get(normalise.header(h))
        if key is not None and key not in mapping:
            mapping[key] = i
    return mapping


def layout_of(kind: Kind, headers: Sequence[str]) -> str:
    """The sheet layout a mapping is remembered by: the kind and the header texts."""
    text = json.dumps([kind.name, [normalise.header(h) for h in headers]], ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _setting_key(kind: Kind, layout: str) -> str:
    return f"import_mapping.{kind.name}.{layout}"


def remembered_mapping(kind: Kind, headers: Sequence[str]) -> Mapping | None:
    """The mapping a clerk saved for this sheet layout (kept in the settings table)."""
    from heatoffice import config

    stored = config.stored(_setting_key(kind, layout_of(kind, headers)))
    if stored is None:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    keys = {c.key for c in kind.columns}
    return {k: int(v) for k, v in data.items()
            if k in keys and isinstance(v, int) and 0 <= v < len(headers)}


def _profile_key(kind: Kind, source: str) -> str:
    return f"import_profile.{kind.name}.{source}"


def _profile(kind: Kind, source: str) -> dict[str, str]:
    """The profile saved for ``source``: reduced header text -> column key."""
    from heatoffice import config

    stored = config.stored(_profile_key(kind, source)) if source else None
    try:
        found = json.loads(stored) if stored is not None else {}
    except ValueError:
        return {}
    keys = {c.key for c in kind.columns}
    return {h: k for h, k in found.items() if k in keys} if isinstance(found, dict) else {}


def source_profile(kind: Kind, source: str, headers: Sequence[str]) -> Mapping | None:
    """The mapping saved for files from ``source`` (a bank, a collection service), by the
    header texts: a file of that source with its columns in another order is mapped too."""
    by_header = _profile(kind, source)
    if not by_header:
        return None
    keys = {c.key for c in kind.columns}
    mapping: Mapping = {}
    for i, h in enumerate(headers):
        key = by_header.get(normalise.header(h))
        if key in keys and key not in mapping:
            mapping[key] = i
    return mapping or None


def remember_mapping(actor: Actor, kind_name: str, headers: Sequence[str],
                     mapping: Mapping, *, source: str = "") -> None:
    """Keep the clerk's mapping for this sheet layout; the next file laid out the same way
    is mapped so. With ``source`` it is also that source's profile (by header text), used
    for its files of another layout. Audited (``imports.mapping``)."""
    from heatoffice import config

    kind = kinds_.get(kind_name)
    require(actor, kind.permission)
    clean = _clean_mapping(kind, headers, mapping)
    stored = [(_setting_key(kind, layout_of(kind, headers)), json.dumps(clean, sort_keys=True))]
    source = normalise.text(source)
    if source:
        profile = {normalise.header(headers[col]): key for key, col in clean.items()}
        stored.append((_profile_key(kind, source),
                       json.dumps(profile, sort_keys=True, ensure_ascii=False)))
    with database.atomic():
        for key, value in stored:
            before = config.stored(key)
            if before != value:
                config.put(key, value)
                audit.record(actor, "imports.mapping", "setting", key,
                             before=None if before is None else {"mapping": json.loads(before)},
                             after={"mapping": json.loads(value),
                                    "headers": [normalise.text(h) for h in headers]})


def _clean_mapping(kind: Kind, headers: Sequence[str], mapping: Mapping) -> Mapping:
    keys = {c.key for c in kind.columns}
    used: dict[int, str] = {}
    out: Mapping = {}
    for key, col in mapping.items():
        if key not in keys:
            raise UserError("imports.unknown_column", field="mapping", value=key)
        if not isinstance(col, int) or not 0 <= col < len(headers):
            raise UserError("imports.bad_mapping", field=key, value=col)
        if col in used:
            raise UserError("imports.column_twice", field=key, value=normalise.text(
                headers[col]), other=glossary.term("field", used[col]))
        used[col] = key
        out[key] = col
    return out


# -- reading and checking ---------------------------------------------------------------------

def _kind_for(actor: Actor, kind_name: str) -> Kind:
    kind = kinds_.get(kind_name)
    if not kind.available:
        raise UserError("imports.not_available", field="import_kind",
                        kind=glossary.term("import_kind", kind.name))
    require(actor, kind.permission)
    return kind


def preview(actor: Actor, kind_name: str, path: str | Path, *, sheet: str | None = None,
            mapping: Mapping | None = None, source: str = "",
            create_communities: bool = False, progress: Progress | None = None) -> Preview:
    """Read ``path`` and check every row; nothing is written. ``mapping`` (column key -> file
    column) overrides the one found from the headers (or remembered for this layout)."""
    kind = _kind_for(actor, kind_name)
    p = reader.check_file(path)
    context = Context(actor=actor, kind=kind, file=p.name, digest=reader.digest(p),
                      source=source, create_communities=create_communities, progress=progress)
    sheet_ = reader.read(p, sheet, _quiet(context))
    result = _start(context, p, sheet_.name, sheet_.rows, mapping)
    _check(result)
    return result


def _start(context: Context, p: Path, sheet: str, rows: list[tuple[int, list[Any]]],
           mapping: Mapping | None) -> Preview:
    """The preview of ``rows`` (the sheet's first rows, or all of them) before the checks:
    the header found among them, the mapping, the rows under the header split."""
    kind, source = context.kind, context.source
    index = find_header(kind, rows, _profile(kind, normalise.text(source)))
    header_row, header_cells = rows[index]
    headers = [_shown(h) for h in header_cells]
    if mapping is None:
        mapping = (remembered_mapping(kind, headers)
                   or source_profile(kind, normalise.text(source), headers)
                   or auto_mapping(kind, headers))
    mapping = _clean_mapping(kind, headers, mapping)
    missing = [c.key for c in kind.columns if c.required and c.key not in mapping]
    data, skipped = _split(kind, rows[index + 1:], headers, mapping)
    return Preview(kind=kind, path=str(p), file=p.name, digest=context.digest, sheet=sheet,
                   header_row=header_row, headers=headers, mapping=mapping,
                   layout=layout_of(kind, headers), rows=data, skipped=skipped,
                   context=context, unmapped_required=missing)


def _shown(cell: Any) -> str:
    """A header as the file writes it, spaces collapsed (no NFKC: 面积(㎡) stays so)."""
    return "" if cell is None else " ".join(str(cell).split())


def _quiet(context: Context) -> Progress:
    def report(done: int, total: int | None) -> None:
        context.report(done, None)
    return report


def _split(kind: Kind, data: Sequence[tuple[int, list[Any]]], headers: list[str],
           mapping: Mapping) -> tuple[list[Row], list[tuple[int, str]]]:
    """The data rows, and the rows skipped with why."""
    columns = sorted(mapping.items(), key=lambda kv: kv[1])
    header_texts = {key: normalise.text(headers[i]) for key, i in columns}
    header_set = set(header_texts.values())  # (a row with none of them repeats no header)
    names = {key: headers[i] for key, i in columns}
    text = normalise.text
    is_total = normalise.is_total
    rows: list[Row] = []
    skipped: list[tuple[int, str]] = []
    # A roster repeats its communities, buildings, floors, categories and statuses: the text
    # of each cell value (text only: 1, 1.0 and True are equal keys) is worked out once.
    seen: dict[str, str] = {}
    known = seen.get

    def cell_text(value: Any) -> str:
        cls = value.__class__
        if cls is str:
            t = known(value)
            if t is None:
                t = seen[value] = text(value)
            return t
        if cls is int:  # (normalise.text of an int, without its type tests)
            return str(value)
        return "" if value is None else text(value)

    for number, cells in data:
        width = len(cells)
        raw = {key: cell_text(cells[i]) if i < width else "" for key, i in columns}
        filled = [v for v in raw.values() if v]
        if not filled:
            # a row with text only in columns not mapped is no account either
            skipped.append((number, BLANK))
            continue
        first = cells[0] if width else None
        if is_total(filled[:4]) or (first.__class__ is str and is_total([cell_text(first)])):
            skipped.append((number, TOTAL))
            continue
        same = 0 if header_set.isdisjoint(filled) else sum(
            1 for key, v in raw.items() if v == header_texts[key])
        if same >= 2 and same >= len(filled) // 2 + 1:
            skipped.append((number, HEADER))
            continue
        rows.append(Row(number=number, cells=cells, raw=raw, headers=names))
    return rows, skipped


def _check(result: Preview, *, again: bool = False) -> None:
    """Run the kind's checks afresh (problems of an earlier run are dropped); ``again``:
    inside the import's transaction, where a kind with ``recheck`` checks only what the
    database may have changed since the preview."""
    kind, context = result.kind, result.context
    if result.unmapped_required:
        for row in result.rows:
            row.problems.clear()
            for key in result.unmapped_required:
                row.problem(key, UserError("imports.column_missing", field=key))
        return
    if again and kind.recheck is not None:
        kind.recheck(context, result.rows)
    else:
        for row in result.rows:
            row.problems.clear()
            row.values.clear()
        assert kind.check is not None
        kind.check(context, result.rows)
    _in_column_order(result)


def _in_column_order(result: Preview) -> None:
    order = {c.key: i for i, c in enumerate(result.kind.columns)}
    last = len(order)
    for row in result.rows:  # the problems in column order
        if len(row.problems) > 1:
            row.problems.sort(key=lambda p: order.get(p.column, last))


# -- importing ---------------------------------------------------------------------------------

def report_of(result: Preview, imported: int, *, dry_run: bool) -> Report:
    bad = result.problem_rows
    return Report(kind=result.kind.name, file=result.file, digest=result.digest,
                  read=result.read, skipped=len(result.skipped),
                  valid=len(result.rows) - len(bad), rejected=len(bad), imported=imported,
                  dry_run=dry_run, problems=tuple(result.problems))


def commit(actor: Actor, result: Preview, *, valid_only: bool = False,
           progress: Progress | None = None) -> Report:
    """Import ``result``: every row, or (``valid_only``) the rows without problems, or
    nothing when some row has one. One transaction with the import's audit row; the rows are
    checked again inside it, against the database as it is now."""
    kind = result.kind
    require(actor, kind.permission)
    assert kind.write is not None
    context = result.context
    context.actor = actor
    context.progress = progress
    with database.atomic():
        _check(result, again=True)
        good = result.valid_rows
        imported = 0
        if good and (valid_only or not result.problem_rows):
            imported = kind.write(context, good)
        report = _recorded(actor, result, imported, valid_only)
    return report


def _recorded(actor: Actor, result: Preview, imported: int, valid_only: bool) -> Report:
    """The import's report and audit row (in its transaction); the tables analysed."""
    report = report_of(result, imported, dry_run=False)
    # the action names the kind: imports.accounts, imports.balances, imports.payments
    audit.record(actor, f"imports.{result.kind.name}", "import", result.digest[:16], after={
        "file": result.file, "sha256": result.digest, "sheet": result.sheet,
        "source": result.context.source, "read": report.read, "skipped": report.skipped,
        "imported": report.imported, "rejected": report.rejected,
        "valid_only": valid_only}, note=result.file)
    if imported:
        stats.analyze(None, result.kind.tables)
    return report


def import_file(actor: Actor, kind_name: str, path: str | Path, *,
                sheet: str | None = None, source: str = "", dry_run: bool = False,
                valid_only: bool = False, create_communities: bool = False,
                mapping: Mapping | None = None,
                progress: Progress | None = None) -> tuple[Report, Preview]:
    """Preview and (unless ``dry_run``) commit; the command line's one call. A kind that
    can (``Kind.stream``) is written while the file is read, in the one transaction."""
    if not dry_run and kinds_.get(kind_name).stream is not None:
        return _streamed(actor, _kind_for(actor, kind_name), path, sheet=sheet,
                         source=source, valid_only=valid_only,
                         create_communities=create_communities, mapping=mapping,
                         progress=progress)
    result = preview(actor, kind_name, path, sheet=sheet, mapping=mapping, source=source,
                     create_communities=create_communities, progress=progress)
    if dry_run:
        return report_of(result, 0, dry_run=True), result
    return commit(actor, result, valid_only=valid_only, progress=progress), result


class _Undo(Exception):
    """A problem turned up while writing: the transaction is undone."""


def _streamed(actor: Actor, kind: Kind, path: str | Path, *, sheet: str | None,
              source: str, valid_only: bool, create_communities: bool,
              mapping: Mapping | None, progress: Progress | None) -> tuple[Report, Preview]:
    """Read, check and write a batch of rows at a time in one transaction (the database
    works while the next batch is read). At the first problem the writing stops; the file is
    still read and checked to the end, the transaction undone, and the rows imported as
    :func:`commit` imports them (nothing, or the valid rows): the same report either way."""
    p = reader.check_file(path)
    context = Context(actor=actor, kind=kind, file=p.name, digest=reader.digest(p),
                      source=source, create_communities=create_communities, progress=progress)
    with bulk.collector_paused():
        return _streamed_in(actor, kind, p, context, sheet=sheet, valid_only=valid_only,
                            mapping=mapping, progress=progress)


def _streamed_in(actor: Actor, kind: Kind, p: Path, context: Context, *, sheet: str | None,
                 valid_only: bool, mapping: Mapping | None,
                 progress: Progress | None) -> tuple[Report, Preview]:
    found = reader.stream(p, sheet, size=reader.CHUNK)
    try:
        head: list[tuple[int, list[Any]]] = []
        for chunk in found.chunks:
            head += chunk
            if len(head) > HEADER_SCAN:
                break
        result = _start(context, p, found.name, head, mapping)
        headers, chosen = result.headers, result.mapping

        def batches() -> Iterator[list[Row]]:
            yield result.rows[:]
            for chunk in found.chunks:
                rows, skipped = _split(kind, chunk, headers, chosen)
                result.rows += rows
                result.skipped += skipped
                yield rows

        if result.unmapped_required:
            for _ in batches():
                pass
            _check(result)
            return commit(actor, result, valid_only=valid_only, progress=progress), result
        assert kind.stream is not None
        try:
            with database.atomic():
                with bulk.pipelined():
                    stream = kind.stream(context)
                    good = True
                    for rows in batches():
                        good = stream.check(rows) and good
                        if good:
                            stream.write(rows)
                    good = stream.finish() and good
                if not good:
                    raise _Undo
                return _recorded(actor, result, len(result.rows), valid_only), result
        except _Undo:
            pass
    finally:
        found.close()
    _in_column_order(result)
    return commit(actor, result, valid_only=valid_only, progress=progress), result
