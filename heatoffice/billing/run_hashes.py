"""The chain hashes (heatoffice.db.chain) of the bills and lines a season run writes.

The run writes a chunk of bills and their lines by ``INSERT … SELECT`` from its plans; their
hashes are made here, in chain order, from the same plans: each plan's content but the
account (bills) or the bill (lines) is put in canonical text once, so a row costs one SHA-256
of a short text. On PostgreSQL the next chunk's hashes are made in a second thread while the
server writes this chunk (the driver lets go of the interpreter while it waits), so they cost
little of the run's time; SQLite runs in this process and makes them in turn.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from heatoffice.db import chain

KEY = 64  # run_hash's key of a bill: n × KEY, of its line seq: n × KEY + seq (seq < KEY)
Rows = list[tuple[int, str]]


class RunHashes:
    """Hashes per chunk of targets (n, account, plan, bill id) of one run."""

    def __init__(self, fetch: Any, season_id: int, plans: list[tuple], plan_lines: list[tuple],
                 stamps: tuple, link: chain.Link, *, threaded: bool) -> None:
        self.fetch = fetch  # (low, high) -> the targets low < n <= high in n order
        self.link = link
        self.bills: dict[int, str] = {}
        self.lines: dict[int, list[tuple[int, str]]] = {}
        for plan_id, _c, _s, area, _l, _d, tariff_id, total in plans:
            self.bills[plan_id] = chain.canonical(
                (season_id, tariff_id, "season", area, total, *stamps))
            self.lines[plan_id] = []
        for plan_id, *line in plan_lines:
            if line[0] >= KEY:
                raise RuntimeError(f"a bill of {line[0]} lines: run_hash keys take {KEY}")
            self.lines[plan_id].append((line[0], chain.canonical(line)))
        self.pool = ThreadPoolExecutor(1, "run-hashes") if threaded else None
        self.pending: dict[int, Future[Rows]] = {}

    def prepare(self, low: int, high: int) -> None:
        """Read the chunk's targets and start making its hashes."""
        targets = self.fetch(low, high)
        future: Future[Rows] = Future()
        if self.pool is not None:
            future = self.pool.submit(self._make, targets)
        else:
            future.set_result(self._make(targets))
        self.pending[low] = future

    def take(self, low: int) -> Rows:
        """The hashes of the chunk starting after ``low`` as (key, hash), in chain order."""
        return self.pending.pop(low).result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _make(self, targets: list[tuple]) -> Rows:
        sha, record, unit = hashlib.sha256, chain.RECORD, chain.UNIT
        bills, lines = self.bills, self.lines
        bill_prev, line_prev = self.link.head("bill")[1], self.link.head("bill_line")[1]
        rows = []
        for n, account_id, plan_id, bill_id in targets:
            bill_prev = sha(f"{bill_prev}{record}{account_id}{unit}{bills[plan_id]}"
                            .encode()).hexdigest()
            key = n * KEY
            rows.append((key, bill_prev))
            for seq, text in lines[plan_id]:
                line_prev = sha(f"{line_prev}{record}{bill_id}{unit}{text}".encode()).hexdigest()
                rows.append((key + seq, line_prev))
        self.link.advance("bill", bill_prev)
        self.link.advance("bill_line", line_prev)
        return rows
