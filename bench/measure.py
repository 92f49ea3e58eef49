"""Timers (wall clock, this process's CPU, the database server's CPU), digests and statistics."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` (a local PostgreSQL backend), or None
    where /proc cannot tell (another machine, another system)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


class ServerCpu:
    """CPU seconds spent by the PostgreSQL backends serving one database, read from /proc:
    the server's work is in neither side's process time. ``pids()`` lists the backends."""

    def __init__(self, pids: Callable[[], list[int]]) -> None:
        self._pids = pids

    def sample(self) -> dict[int, float] | None:
        out = {}
        for pid in self._pids():
            cpu = process_cpu(pid)
            if cpu is None:
                return None
            out[pid] = cpu
        return out

    @staticmethod
    def spent(before: dict[int, float] | None, after: dict[int, float] | None) -> float | None:
        if before is None or after is None:
            return None
        # A backend that started during the block counts from zero; one that ended is lost
        # (the program and the baselines keep their connection open while timed).
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a program that
    reads a file in a second process counts that process too)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class Timer:
    """Wall-clock and CPU seconds of the blocks timed with it (they add up)."""

    server: ServerCpu | None = None
    wall: float = 0.0
    cpu: float = 0.0
    server_cpu: float | None = 0.0
    laps: list[float] = field(default_factory=list)

    def __enter__(self) -> Timer:
        self._server0 = self.server.sample() if self.server is not None else None
        self._wall0, self._cpu0 = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: Any) -> None:
        wall = time.perf_counter() - self._wall0
        self.cpu += _cpu() - self._cpu0
        self.wall += wall
        self.laps.append(wall)
        if self.server is None:
            self.server_cpu = None
        elif self.server_cpu is not None:
            spent = ServerCpu.spent(self._server0, self.server.sample())
            self.server_cpu = None if spent is None else self.server_cpu + spent


def _plain(value: Any) -> str:
    """One value as text that means the same on both databases (SQLite keeps dates as text,
    booleans as 0/1, PostgreSQL hands back dates, booleans and Decimals)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is int:
        return str(value)
    if value is None:
        return "∅"
    if kind is bool:
        return "1" if value else "0"
    if kind is float and value.is_integer():
        return str(int(value))
    if kind is Decimal:
        return str(value.normalize()) if value == value.to_integral_value() else str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(" ") if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_plain(v) for v in value) + "]"
    return str(value)


def row_text(row: Iterable[Any]) -> str:
    return "\x1f".join([_plain(v) for v in row])


def digest_rows(rows: Iterable[Iterable[Any]], *, sort: bool = True) -> str:
    """sha256 over the rows as text, sorted unless their order is part of the result."""
    lines = [row_text(r) for r in rows]
    if sort:
        lines.sort()
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:16]


def digest_query(con: Any, sql: str, params: tuple = ()) -> tuple[str, int]:
    """sha256 over the rows of a query that orders its own rows, read in batches (a table of
    two million rows is never held whole: a server-side cursor on PostgreSQL); returns the
    digest and the row count."""
    server_side = not isinstance(con, sqlite3.Connection) and not con.autocommit
    cur = con.cursor("digest") if server_side else con.cursor()
    cur.execute(sql, params)
    h = hashlib.sha256()
    count = 0
    while batch := cur.fetchmany(20_000):
        count += len(batch)
        h.update("".join([row_text(r) + "\n" for r in batch]).encode("utf-8"))
    cur.close()
    return h.hexdigest()[:16], count


def digest_parts(parts: dict[str, str]) -> str:
    """One digest of several named digests (the tables a job writes)."""
    return digest_rows(sorted(parts.items()), sort=False)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18]
