"""What the hand-written baselines of the bulk jobs (batch, balances) share: ids taken
beforehand and many rows sent at once, in plain sqlite3 / psycopg2."""

from __future__ import annotations

from typing import Any


def new_ids(cur: Any, pg: bool, table: str, n: int) -> list[int]:
    """``n`` ids of ``table`` taken beforehand: the sequence on PostgreSQL, MAX(id) + k on
    SQLite (inside the job's write transaction)."""
    if not n:
        return []
    if pg:
        cur.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                    "FROM generate_series(1, %s)", (n,))
        return [r[0] for r in cur.fetchall()]
    cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
    top = int(cur.fetchone()[0])
    return list(range(top + 1, top + 1 + n))


def many(cur: Any, pg: bool, sql: str, rows: list[tuple]) -> None:
    """executemany on SQLite; on PostgreSQL psycopg2's execute_values (one statement per
    thousand rows: executemany there is one round trip per row)."""
    if not rows:
        return
    if not pg:
        cur.executemany(sql, rows)
        return
    from psycopg2.extras import execute_values

    head, _, tail = sql.partition("VALUES (")
    tail = tail[tail.index(")") + 1:]
    execute_values(cur, head + "VALUES %s" + tail, rows, page_size=1000)
