"""What the benchmarks share: the project on sys.path, demo databases built once, timers.

The benchmarks run by hand as ``python bench/<name>.py``, which puts this folder on sys.path:
they ``import common`` before anything from heatoffice.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from heatoffice.auth.actor import Actor  # noqa: E402
from heatoffice.db.connection import connect, database  # noqa: E402

BUILD_DAY = dt.date(2026, 10, 20)  # the demo's "today": before the season it is billed for


def close() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def remove_leftovers(path: Path) -> None:
    """``path`` and its -wal / -shm companions, left by an earlier run."""
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()


def fresh_copy(src: Path, dst: Path) -> Path:
    remove_leftovers(dst)
    shutil.copyfile(src, dst)
    return dst


def build_once(path: Path, build: Callable[[], str | None]) -> Path:
    """``path`` as ``build()`` fills a new database connected for it, unless it exists.

    The file gets its name only when complete: an interrupted build is never reused.
    ``build`` may return a note for the "built" line.
    """
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    remove_leftovers(tmp)
    started = time.perf_counter()
    connect(f"sqlite:///{tmp}")
    note = build()
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close()
    tmp.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s"
          + (f" ({note})" if note else ""), flush=True)
    return path


def demo_accounts(accounts: int, seed: int) -> None:
    from heatoffice import demo

    demo.build(accounts=accounts, seed=seed, today=BUILD_DAY)


def add_season(tariffs: dict[str, dict[str, Any]]) -> Any:
    """Season 2026-2027 with a tariff per category."""
    from heatoffice.billing import tariff_change
    from heatoffice.seasons import service as seasons

    system = Actor.system()
    season = seasons.add_season(system, "2026-2027", "2026-11-15", "2027-03-15")
    for category, terms in tariffs.items():
        tariff_change.set_tariff(system, season.id, category, **terms)
    return season


class Timer:
    """Wall-clock and CPU seconds of a block: other work on a busy machine inflates the
    first, not the second (SQLite runs in this process, so its work counts in both)."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0
