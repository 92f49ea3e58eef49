"""Bulk loads (demo data, imports): rows by COPY on PostgreSQL and executemany on SQLite.

A bulk load writes plain tuples through the connection's cursor, never one ORM call per row
(peewee's ``insert_many`` spends most of its time building SQL). PostgreSQL reads a batch as
one ``COPY … FROM STDIN`` in text format, a fraction of the server's work for
``INSERT … VALUES``, sent from a second thread while the next batch is made (:func:`pipelined`);
SQLite takes ``executemany``. Indexes and foreign keys of the tables being filled can be set
aside and put back after the load (:func:`set_aside`). All inside the caller's transaction.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import io
import queue
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future
from decimal import Decimal
from typing import Any

from peewee import Database

from heatoffice.db import chain
from heatoffice.db.connection import database, is_postgres

Rows = Sequence[Sequence[Any]]
# Memory for one index build after a load (the server's default is 64 MB), and for the
# entries a GIN index collects before merging them into its tree (default 4 MB).
INDEX_BUILD_MEMORY = "256MB"
GIN_PENDING = "16MB"
SWITCH = 0.0002  # seconds: the interpreter's switch interval inside pipelined

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value


class Literal(str):
    """Text already in COPY's text format (an array literal from :func:`text_array`)."""


def text_array(items: Collection[str]) -> Literal:
    """A text array in COPY's text format, every element quoted; one join for the usual
    elements (no quote, backslash, tab or line break), the careful way for the others."""
    flat = "".join(items)
    if '"' in flat or "\\" in flat or "\t" in flat or "\n" in flat or "\r" in flat:
        return Literal(_array(items))
    return Literal('{"' + '","'.join(items) + '"}' if items else "{}")


def _element(value: Any) -> str:
    """One element of an array literal, quoted (so that commas, braces and NULL stay text)."""
    if value is None:
        return "NULL"
    text = value if isinstance(value, str) else cell(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _array(value: Collection[Any]) -> str:
    return _text("{" + ",".join(map(_element, value)) + "}")


_CELL: dict[type, Callable[[Any], str]] = {
    str: _text,
    Literal: str.__str__,
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
    cursor and so inside its transaction; inside :func:`pipelined` the rows are formatted
    here and sent from the pipeline's thread."""
    if not rows:
        return
    copy_body(cursor, table, columns, copy_text(rows))


def copy_body(cursor: Any, table: str, columns: Sequence[str],
              body: bytes | Callable[[], bytes]) -> None:
    """:func:`copy_rows` of a body already in COPY's text format, or of a function giving it
    (a worker's answer: inside :func:`pipelined` it is awaited in the pipeline's thread, so
    the caller goes on meanwhile)."""
    names = ", ".join(f'"{c}"' for c in columns)

    def send() -> None:
        data = body() if callable(body) else body
        if data:
            cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', io.BytesIO(data),
                               size=max(len(data), 8192))

    if _pipeline is not None and cursor.connection is _pipeline.connection:
        _pipeline.submit(send)
    else:
        send()


def pipelining(db: Database | None = None) -> bool:
    """Inside :func:`pipelined` on ``db``'s connection."""
    db = db if db is not None else database.obj
    return _pipeline is not None and _pipeline.connection is db.connection()


def ask(sql: str, params: Sequence[Any] = (), db: Database | None = None) -> Future[list[Any]]:
    """The rows of a query run after everything submitted before it (inside :func:`pipelined`:
    from the pipeline's thread, so that the caller need not wait for the rows being sent,
    as :func:`settle` would make it; else at once)."""
    db = db if db is not None else database.obj
    connection = db.connection()  # (this thread's: the pipeline's thread has none of its own)
    answer: Future[list[Any]] = Future()

    def run() -> None:
        try:
            cursor = connection.cursor()
            cursor.execute(sql, tuple(params))
            answer.set_result(cursor.fetchall())
        except BaseException as exc:  # noqa: BLE001  (raised where the answer is taken)
            answer.set_exception(exc)
            raise

    if _pipeline is not None and _pipeline.connection is connection:
        _pipeline.submit(run)
    else:
        run()
    return answer


class _Pipeline:
    """A second thread sending the COPYs submitted, in order, one at a time.

    psycopg2 lets go of the GIL while the server reads and processes a COPY, so this thread
    makes the next batch while the server writes the last one: on two cores the load takes
    about the longer of the two, not their sum. The first error stops the rest and is
    raised in the caller's thread."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        # Two batches ahead at most: the rows waiting stay a few megabytes.
        self.queue: queue.Queue = queue.Queue(maxsize=16)
        self.error: BaseException | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="bulk-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (work := self.queue.get()) is not None:
            if self.error is None and not self.stopping:
                try:
                    work()
                except BaseException as exc:  # noqa: BLE001  (raised again in the caller)
                    self.error = exc
            self.queue.task_done()

    def submit(self, work: Callable[[], None]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(work)

    def settle(self) -> None:
        """Wait until everything submitted was sent; raise the pipeline's error, if any."""
        self.queue.join()
        if self.error is not None:
            raise self.error

    def close(self, *, failed: bool) -> None:
        """Wait until everything submitted was sent (or, after a failure in the caller, only
        the COPY under way), then raise the pipeline's own error, if any."""
        self.stopping = failed
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and not failed:
            raise self.error


_pipeline: _Pipeline | None = None


@contextlib.contextmanager
def pipelined(db: Database | None = None) -> Iterator[None]:
    """Inside, :func:`copy_rows` on ``db``'s connection returns once the rows are formatted,
    and a second thread sends them (PostgreSQL; nothing changes on SQLite). Run no other
    statement on ``db`` inside: everything submitted has been sent when the block ends."""
    global _pipeline
    db = db if db is not None else database.obj
    if not is_postgres(db) or _pipeline is not None:
        yield
        return
    _pipeline = _Pipeline(db.connection())
    # The pipeline's thread mostly waits on the server with the interpreter let go; when a
    # COPY ends it must have the interpreter back at once to send the next, not after this
    # thread's default 5 ms turn (the server sat idle a third of a roster import).
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH)
    failed = True
    try:
        yield
        failed = False
    finally:
        sys.setswitchinterval(switch)
        pipeline, _pipeline = _pipeline, None
        pipeline.close(failed=failed)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while a large file is imported: the rows read and the
    ledgers loaded are kept to the end, and each collection of the oldest generation would
    walk them all again (a fifth of an import's time). What an import makes has no cycles to
    collect; the collector runs again afterwards (the demo load does the same)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def settle(db: Database | None = None) -> None:
    """Inside :func:`pipelined`: wait until the rows submitted were sent, so that the caller
    may run statements of its own on the connection (one thread at a time may use it)."""
    db = db if db is not None else database.obj
    if _pipeline is not None and _pipeline.connection is db.connection():
        _pipeline.settle()


def _defaults(model: Any, columns: Sequence[str]) -> tuple[list[str], tuple]:
    """The columns of ``model`` not in ``columns`` (but id and a chain's own columns) and
    their field defaults as stored values."""
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    missing = [c for c in columns if c not in fields]
    if missing:
        raise RuntimeError(f"{model.__name__} has no column {missing}")
    names, values = [], []
    skip = {"id", *chain.extra_columns(model)}
    for name, f in fields.items():
        if name in columns or name in skip:
            continue
        value = f.default() if callable(f.default) else f.default
        names.append(name)
        values.append(None if value is None else f.db_value(value))
    return names, tuple(values)


def writer(model: Any, columns: Sequence[str],
           db: Database | None = None) -> Callable[[Rows], None]:
    """A function writing batches of rows of ``columns`` into ``model``'s table, every other
    column at its field default: COPY on PostgreSQL, executemany on SQLite. The rows of a
    chained table (heatoffice.db.chain) are hashed here in the order given, which must be
    their ids' order, with the chain heads locked when the writer is made (outside
    :func:`pipelined`), read again before a batch when another Link moved them since (the
    ORM's rows between two batches; inside :func:`pipelined` once the batches before were
    sent), and written after each batch."""
    db = db if db is not None else database.obj
    extra_names, extra = _defaults(model, columns)
    names: tuple[str, ...] = (*columns, *extra_names)
    table = model._meta.table_name
    cursor = db.cursor()
    chained = chain.extra_columns(model)
    if chained:
        group = chain.group_of(table)
        link = chain.Link.lock(group, db)
        add = chain.insert_hashes(model, names)
        names = (*names, *chained)
        mine = chain.chains_of(table)
        seen = chain.moves(mine)

    def full(rows: Rows) -> Rows:
        nonlocal link
        rows = [(*r, *extra) for r in rows] if extra else rows
        if not chained:
            return rows
        if chain.moves(mine) != seen:
            # rows of the chain were added since by another Link (the ORM's, e.g. an
            # import's communities): the heads read again, once what the pipeline holds
            # was sent
            if _pipeline is not None and cursor.connection is _pipeline.connection:
                _pipeline.settle()
            link = chain.Link.lock(group, db)
        return add(link, rows)

    def heads() -> None:
        nonlocal seen
        if not chained:
            return
        statements = link.statements()
        seen = chain.moves(mine)

        def send() -> None:
            for sql, params in statements:
                cursor.execute(sql, params)
        if _pipeline is not None and cursor.connection is _pipeline.connection:
            _pipeline.submit(send)
        else:
            send()

    if is_postgres(db):
        def write(rows: Rows) -> None:
            copy_rows(cursor, table, names, full(rows))
            heads()
    else:
        quoted = ", ".join(f'"{c}"' for c in names)
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join([db.param] * len(names))})'

        def write(rows: Rows) -> None:
            cursor.executemany(sql, full(rows))
            heads()
    return write


def set_aside(tables: Sequence[str], db: Database | None = None) -> list[str]:
    """Drop what slows a load into empty ``tables`` and return the statements that put it
    back (:func:`put_back`): B-tree indexes that back no constraint (one sort afterwards
    beats half a million random inserts) and, on PostgreSQL, the tables' foreign keys (one
    join checks them all afterwards, instead of one lookup per row). A GIN index stays: it
    costs the same kept up during the load (with a large pending list) as built after it,
    and kept up its work runs while :func:`pipelined` makes the next batch; :func:`put_back`
    empties its pending list into the index (left there, every search would read through it
    until a vacuum: 100 ms a search after a 100,000-account roster, not 2). Call inside the
    load's transaction, so that a failed load keeps everything."""
    db = db if db is not None else database.obj
    if is_postgres(db):
        db.execute_sql(f"SET LOCAL gin_pending_list_limit = '{GIN_PENDING}'")
        indexes = db.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint) "
            "AND indexdef NOT LIKE '%% USING gin %%' ORDER BY indexname",
            (list(tables),)).fetchall()
        keys = db.execute_sql(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' "
            "AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%s) "
            "ORDER BY 1, 2", (list(tables),)).fetchall()
        gins = [r[0] for r in db.execute_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef LIKE '%% USING gin %%' ORDER BY indexname",
            (list(tables),)).fetchall()]
    else:
        gins = []
        marks = ", ".join("?" * len(tables))
        indexes = db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name", tuple(tables)).fetchall()
        keys = []
    for table, name, _ in keys:
        db.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        db.execute_sql(f'DROP INDEX "{name}"')
    return ([sql for _, sql in indexes]
            + [f'ALTER TABLE "{t}" ADD CONSTRAINT "{n}" {d}' for t, n, d in keys]
            + [f"""SELECT gin_clean_pending_list('"{name}"'::regclass)""" for name in gins])


def put_back(statements: Iterable[str], db: Database | None = None) -> None:
    """Build the indexes and check the foreign keys :func:`set_aside` took away; empty the
    pending lists of the GIN indexes it kept."""
    db = db if db is not None else database.obj
    statements = list(statements)
    if statements and is_postgres(db):
        db.execute_sql(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
    for sql in statements:
        db.execute_sql(sql)


def new_ids(model: Any, n: int) -> list[int]:
    """``n`` ids for rows of ``model`` written with explicit ids in this transaction (SQLite:
    above the table's largest, which the writing transaction holds; PostgreSQL: from its
    sequence)."""
    if not n:
        return []
    table = model._meta.table_name
    if is_postgres():
        return [i for (i,) in database.execute_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
            "FROM generate_series(1, %s)", (n,)).fetchall()]
    (top,) = database.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()
    return list(range(int(top) + 1, int(top) + 1 + n))
