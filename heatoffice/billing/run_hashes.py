"""The chain hashes (heatoffice.db.chain) of the bills and lines a season run writes.

The run writes its bills and lines by ``INSERT … SELECT`` from its plans, a step of targets
(n, account, plan, bill id) at a time; their hashes are made here, in chain order, from the
same plans, in a second thread while the database works on something else: the targets
being made, the chunk's balances, the step before (SQLite's driver and PostgreSQL's let go
of the interpreter while a statement runs). Each plan's content but the account (bills) or
the bill (lines) is put in canonical text once, so a row costs one SHA-256 of a short text.

A step's hashes reach each of its two INSERTs as one parameter, the digests one after the
other, 32 bytes each: a bill's at its place in the step (n − low), a line's at
(n − low − 1) × stride + seq, the stride being the most lines a plan of the run has (a bill
with fewer leaves places unused). No temporary rows, no join, no call back per row, no window
over the lines. PostgreSQL stores each in hex (``encode``); SQLite stores the 32 bytes as
they are, a BLOB where every other row of a chain has hex text (``chain.as_hex`` and
``chain.HashField`` read both as hex): half the bytes to write, no conversion per row
(the chain's cost on the run ×1.13–1.18 → ×1.07–1.10 on SQLite, bench ``billing-chain``).
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from heatoffice.db import chain

Blobs = tuple[bytes, bytes]  # a step's bill hashes, its line hashes
SWITCH = 0.0002  # seconds: the interpreter's switch interval while a run hashes


def stride(plan_lines: list[tuple]) -> int:
    """The most lines a plan has (plan_lines: plan id, seq, ...), at least 1."""
    return max((line[1] for line in plan_lines), default=1)


Texts = dict[str, tuple[str, tuple[str, ...], str]]


def _texts(season_id: int, plans: list[tuple], plan_lines: list[tuple],
           stamps: tuple) -> Texts:
    """Per plan (by its id in decimal): the canonical text of its bill after the account, of
    each line after the bill id (each with the unit separator before it), and what fills
    its bill's unused line places (64 hex digits a place)."""
    unit, text, canonical = chain.UNIT, chain.text, chain.canonical
    # a bill's columns after the account: season, tariff, kind, area, total, the stamps
    head, tail = f"{unit}{text(season_id)}{unit}", f"{unit}{canonical(stamps)}"
    bills = {str(plan_id): f"{head}{text(tariff_id)}{unit}season{unit}{text(area)}{unit}"
                           f"{text(total)}{tail}"
             for plan_id, _c, _s, area, _l, _d, tariff_id, total in plans}
    lines: dict[str, list[str]] = {plan_id: [] for plan_id in bills}
    for plan_id, *line in plan_lines:  # in seq order
        lines[str(plan_id)].append(unit + canonical(line))
    places = stride(plan_lines)
    return {plan_id: (bill, tuple(lines[plan_id]), "0" * (64 * (places - len(lines[plan_id]))))
            for plan_id, bill in bills.items()}


Targets = tuple[list[str], list[str], list[str]]


def _split(fetched: tuple[str, str, str | range], count: int) -> Targets:
    """A chunk's targets as read (accounts, plans, bill ids: texts of numbers separated by
    commas; the bill ids may come as a range), as three lists, checked to be ``count``
    targets in account order."""
    accounts, plans = (text.split(",") if text else [] for text in fetched[:2])
    found = fetched[2]
    bills = (found.split(",") if found else []) if isinstance(found, str) else list(
        map(str, found))
    if not len(accounts) == len(plans) == len(bills) == count:
        raise RuntimeError(f"the run read {len(accounts)} targets of {count}")
    ids = list(map(int, accounts))
    if ids != sorted(ids):
        raise RuntimeError("the run's targets were read out of their order")
    return accounts, plans, bills


if chain.RECORD != "\x1e":  # written as such into the texts _make hashes
    raise RuntimeError("run_hashes writes the chain's record separator as U+001E")


class RunHashes:
    """The hashes of one run's steps, made one step ahead of the step being written."""

    def __init__(self, fetch: Any, season_id: int, plans: list[tuple], plan_lines: list[tuple],
                 stamps: tuple, link: chain.Link) -> None:
        self.fetch = fetch  # (low, high) -> the targets low < n <= high (Sql.fetch)
        self.link = link
        self.bill_prev, self.line_prev = link.head("bill")[1], link.head("bill_line")[1]
        self.hashed = False
        # The run's own thread mostly waits on the database with the interpreter let go; when
        # a statement returns it must have the interpreter back at once, not after the
        # hashing thread's default 5 ms turn.
        self.switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH)
        self.pool = ThreadPoolExecutor(1, "run-hashes")
        # the plans' texts, made while the run lists its targets
        self.texts: Future[Texts] = self.pool.submit(_texts, season_id, plans, plan_lines,
                                                     stamps)
        self.queue: deque[tuple[int, Future[Targets], int, int]] = deque()
        self.pending: dict[int, Future[Blobs]] = {}

    def chunk(self, low: int, high: int, steps: list[tuple[int, int]]) -> None:
        """Read the targets low < n <= high and start hashing the first of ``steps``: the
        caller writes the chunk's balances meanwhile."""
        targets = self.pool.submit(_split, self.fetch(low, high), high - low)
        self.queue.extend((a, targets, a - low, b - low) for a, b in steps)
        self._next()

    def _next(self) -> None:
        if self.queue:
            low, targets, start, stop = self.queue.popleft()
            self.pending[low] = self.pool.submit(self._make, targets, start, stop)

    def take(self, low: int) -> Blobs:
        """The hashes of the step starting after ``low``; the next step's are made while
        this one is written."""
        future = self.pending.pop(low)
        self._next()
        return future.result()

    def finish(self) -> None:
        """The bills' and lines' heads moved to the last rows hashed."""
        if self.hashed:
            self.link.advance("bill", self.bill_prev)
            self.link.advance("bill_line", self.line_prev)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        sys.setswitchinterval(self.switch)

    def _make(self, targets: Future[Targets], start: int, stop: int) -> Blobs:
        # (the texts and targets were made by earlier work of this same thread)
        texts = self.texts.result()
        accounts, plans, bill_ids = targets.result()
        sha = hashlib.sha256
        bill_prev, line_prev = self.bill_prev, self.line_prev
        bill_out: list[str] = []
        line_out: list[str] = []
        add_bill, add_line = bill_out.append, line_out.append
        # (U+001E, chain.RECORD, written into the texts hashed)
        for account_id, plan_id, bill_id in zip(accounts[start:stop], plans[start:stop],
                                                bill_ids[start:stop], strict=True):
            bill_text, line_texts, filler = texts[plan_id]
            bill_prev = sha(f"{bill_prev}\x1e{account_id}{bill_text}".encode()).hexdigest()
            add_bill(bill_prev)
            for line_text in line_texts:
                line_prev = sha(f"{line_prev}\x1e{bill_id}{line_text}".encode()).hexdigest()
                add_line(line_prev)
            if filler:
                add_line(filler)
        self.bill_prev, self.line_prev = bill_prev, line_prev
        self.hashed = self.hashed or stop > start
        return bytes.fromhex("".join(bill_out)), bytes.fromhex("".join(line_out))
