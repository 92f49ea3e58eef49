"""The registry of benchmark jobs: each job runs the program's code (``app``) and a baseline
doing the same work by hand with the raw library (``bare``), and both return a digest of what
they produced.

A job family is one module here that calls :func:`register` for its jobs; a new area adds its
bulk job as one more module and one more name in :data:`FAMILIES`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.measure import Timer
from bench.scratch import Scratch

FAMILIES = ("demo", "search", "billing", "payment", "batch", "arrears", "notices", "ledger",
            "imports", "balances", "reports", "chain")

# The demo's "today" (the season is billed in October, before it starts) and the winter's
# day on which payments are taken and arrears listed (late fees have run since 1 January).
BUILD_AT = dt.datetime(2026, 10, 20, 9, 0, 0)
PAY_AT = dt.datetime(2027, 1, 20, 9, 0, 0)
SEASON = "2026-2027"


@dataclass
class Outcome:
    """One side's run: seconds (or, for per-operation jobs, milliseconds per operation),
    CPU of this process and of the database server (None where it cannot be read), the
    digest of what it produced, and figures worth showing (counts, p95)."""

    wall: float
    cpu: float
    server_cpu: float | None
    digest: str
    info: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"wall": self.wall, "cpu": self.cpu, "server_cpu": self.server_cpu,
                "digest": self.digest, "info": self.info}


@dataclass
class Ctx:
    """Where one side's run works: its database (a copy of the job's fixture when the job
    writes), the fixtures it may read for reference, a folder for files, the options."""

    scratch: Scratch
    name: str
    fixtures: dict[str, str]
    accounts: int
    seed: int
    work: Path
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def db(self) -> str:
        return self.scratch.kind

    @property
    def postgres(self) -> bool:
        return self.scratch.kind == "postgresql"

    @property
    def url(self) -> str:
        return self.scratch.url(self.name)

    def raw(self, name: str | None = None) -> Any:
        return self.scratch.raw(name or self.name)

    def timer(self) -> Timer:
        return Timer(server=self.scratch.server_cpu(self.name))

    def outcome(self, t: Timer, digest: str, ops: int = 0, **info: Any) -> Outcome:
        """An Outcome from a timer: whole seconds, or with ``ops`` the median and p95
        milliseconds of the timer's laps and the mean CPU milliseconds per operation."""
        from bench.measure import median, p95

        if not ops:
            return Outcome(t.wall, t.cpu, t.server_cpu, digest, info)
        laps = [lap * 1000 for lap in t.laps]
        info.update(ops=ops, p95=p95(laps), max=max(laps))
        server = None if t.server_cpu is None else t.server_cpu * 1000 / ops
        return Outcome(median(laps), t.cpu * 1000 / ops, server, digest, info)


Side = Callable[[Ctx], Outcome]


def mark(con: Any) -> str:
    """The DB-API parameter mark of a raw connection: sqlite3's ? or psycopg2's %s."""
    return "?" if isinstance(con, sqlite3.Connection) else "%s"


@dataclass(frozen=True)
class Job:
    """``fixture``: the prepared database it starts from; ``writes``: each run gets a fresh
    copy of it; ``makes``: the fixture its program run leaves behind (the demo load makes
    the demo database); ``per_op``: figures are milliseconds per operation; ``baseline``:
    what the baseline does, and what it leaves out."""

    name: str
    title: str
    fixture: str
    app: Side
    bare: Side
    baseline: str
    writes: bool = False
    makes: str | None = None
    per_op: bool = False
    scaling: bool = False


JOBS: dict[str, Job] = {}


def register(job: Job) -> Job:
    if job.name in JOBS:
        raise ValueError(f"job {job.name} registered twice")
    JOBS[job.name] = job
    return job


def load() -> dict[str, Job]:
    """Every job of every family, in the order of FAMILIES."""
    for family in FAMILIES:
        importlib.import_module(f"bench.jobs.{family}")
    return JOBS
