"""Several writes sent to the server in one round trip, for statements nobody reads a result of.

A payment at the cashier's window ends with a handful of small writes (allocations, the
bill's paid total, the balance, the audit row); on PostgreSQL each would wait for its own
round trip to the server. Collected in a :class:`Batch`, they go as one text: the server
runs them in order inside the caller's transaction and stops at the first error, which
is raised here as any statement's error would be. SQLite runs in this process and takes
them one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from heatoffice.db.connection import database, is_postgres


class Batch:
    """Statements (SQL with the database's placeholders, parameters) to run together."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Sequence[Any]]] = []

    def add(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.statements.append((sql, params))

    def run(self) -> None:
        """Run every statement added, in order, then forget them."""
        statements, self.statements = self.statements, []
        if not statements:
            return
        cursor = database.cursor()
        if is_postgres() and len(statements) > 1:
            text = "; ".join(cursor.mogrify(sql, params).decode() for sql, params in statements)
            cursor.execute(text)
            return
        for sql, params in statements:
            cursor.execute(sql, params)
