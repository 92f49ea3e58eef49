"""Bulk loads (demo data, imports): rows by COPY on PostgreSQL and executemany on SQLite.

A bulk load writes plain tuples through the connection's cursor, never one ORM call per row
(peewee's ``insert_many`` spends most of its time building SQL). PostgreSQL reads a batch as
one ``COPY … FROM STDIN`` in text format, a fifth of the server's work of ``INSERT … VALUES``;
SQLite takes ``executemany`` inside the caller's transaction. Secondary indexes of the tables
being filled can be dropped first and built again after, with one sort each.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from peewee import Database

from heatoffice.db.connection import database, is_postgres

Rows = Sequence[Sequence[Any]]
# Memory for one index build while loading; the server's default (64 MB) makes the search
# index's GIN build spill and merge many times.
INDEX_BUILD_MEMORY = "256MB"

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value


def _element(value: Any) -> str:
    """One element of an array literal, quoted (so that commas, braces and NULL stay text)."""
    if value is None:
        return "NULL"
    text = value if isinstance(value, str) else cell(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(value: Sequence[Any]) -> str:
    return _text("{" + ",".join(map(_element, value)) + "}")


_CELL: dict[type, Callable[[Any], str]] = {
    str: _text,
    int: str,
    bool: lambda v: "t" if v else "f",
    type(None): lambda v: "\\N",
    Decimal: str,
    float: repr,
    _dt.date: _dt.date.isoformat,
    _dt.datetime: lambda v: v.isoformat(" "),
    list: _array,
    tuple: _array,
}


def cell(value: Any) -> str:
    """``value`` in COPY's text format: \\N for NULL; backslash, tab and line breaks escaped;
    a list or tuple as an array literal."""
    convert = _CELL.get(type(value))
    if convert is None:
        raise TypeError(f"no COPY text for {type(value).__name__}: {value!r}")
    return convert(value)


def copy_text(rows: Iterable[Sequence[Any]]) -> bytes:
    """The COPY text-format body of ``rows``: one line per row, tab between columns."""
    lookup = _CELL.get
    lines = ["\t".join([(lookup(type(v)) or cell)(v) for v in row]) for row in rows]
    lines.append("")
    return "\n".join(lines).encode()


def copy_rows(cursor: Any, table: str, columns: Sequence[str], rows: Rows) -> None:
    """COPY ``rows`` into ``table`` (PostgreSQL) in one statement, through the caller's
    cursor and so inside its transaction."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    body = copy_text(rows)
    cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', io.BytesIO(body),
                       size=max(len(body), 8192))


def _defaults(model: Any, columns: Sequence[str]) -> tuple[list[str], tuple]:
    """The columns of ``model`` not in ``columns`` (but id) and their field defaults as
    stored values."""
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    missing = [c for c in columns if c not in fields]
    if missing:
        raise RuntimeError(f"{model.__name__} has no column {missing}")
    names, values = [], []
    for name, f in fields.items():
        if name in columns or name == "id":
            continue
        value = f.default() if callable(f.default) else f.default
        names.append(name)
        values.append(None if value is None else f.db_value(value))
    return names, tuple(values)


def writer(model: Any, columns: Sequence[str],
           db: Database | None = None) -> Callable[[Rows], None]:
    """A function writing batches of rows of ``columns`` into ``model``'s table, every other
    column at its field default: COPY on PostgreSQL, executemany on SQLite."""
    db = db if db is not None else database.obj
    extra_names, extra = _defaults(model, columns)
    names = (*columns, *extra_names)
    table = model._meta.table_name
    cursor = db.cursor()

    def full(rows: Rows) -> Rows:
        return [(*r, *extra) for r in rows] if extra else rows

    if is_postgres(db):
        def write(rows: Rows) -> None:
            copy_rows(cursor, table, names, full(rows))
    else:
        quoted = ", ".join(f'"{c}"' for c in names)
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join([db.param] * len(names))})'

        def write(rows: Rows) -> None:
            cursor.executemany(sql, full(rows))
    return write


def drop_secondary_indexes(tables: Sequence[str], db: Database | None = None) -> list[str]:
    """Drop the indexes of ``tables`` that back no constraint (primary keys stay); returns the
    statements that build them again (:func:`create_indexes`). Call inside the load's
    transaction, so that a failed load keeps them."""
    db = db if db is not None else database.obj
    if is_postgres(db):
        found = db.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            (list(tables),)).fetchall()
    else:
        marks = ", ".join("?" * len(tables))
        found = db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})", tuple(tables)).fetchall()
    for name, _ in found:
        db.execute_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def create_indexes(statements: Iterable[str], db: Database | None = None) -> None:
    """Build indexes after a load (the statements :func:`drop_secondary_indexes` returned)."""
    db = db if db is not None else database.obj
    statements = list(statements)
    if statements and is_postgres(db):
        db.execute_sql(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
    for sql in statements:
        db.execute_sql(sql)
