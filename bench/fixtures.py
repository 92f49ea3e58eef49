"""The prepared databases the jobs start from, each built once by the program from the one
before it: empty (schema) → demo (demo.build) → season (its tariffs, not billed) and
billed (``heatoffice demo --ledger``: season billed, payments at the window) → collected
(payment batches for 60 % of the homes, over the winter's days: the reports' city)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable

from bench import targets
from bench.jobs import BUILD_AT, SEASON
from bench.scratch import PostgresScratch, Scratch

# name -> (the fixture it starts from, what the program then does)
Builder = Callable[[int, int], None]


def _empty(accounts: int, seed: int) -> None:
    # connecting creates the schema and the preloaded organisation; init the first admin
    targets.add_users()


def _demo(accounts: int, seed: int) -> None:
    targets.demo_build(accounts=accounts, seed=seed, today=BUILD_AT.date(),
                       actor=targets.SYSTEM)


def _season(accounts: int, seed: int) -> None:
    year = int(SEASON[:4])
    targets.add_season(SEASON, dt.date(year, 11, 15), dt.date(year + 1, 3, 15), year)


def _billed(accounts: int, seed: int) -> None:
    targets.build_ledger(seed=seed, actor=targets.SYSTEM)


def _collected(accounts: int, seed: int) -> None:
    targets.collect_payments(seed=seed, share=COLLECTED_SHARE)


# The reports' city: 60 % of the homes have paid (300,000 payments at 500,000 accounts).
COLLECTED_SHARE = 0.6

FIXTURES: dict[str, tuple[str | None, Builder]] = {
    "empty": (None, _empty),
    "demo": ("empty", _demo),
    "season": ("demo", _season),
    "billed": ("demo", _billed),
    "collected": ("billed", _collected),
}


class Fixtures:
    """Builds the fixtures a run needs, under names that carry the size and seed; keeps
    them between runs only when asked (``keep``), and reuses kept ones."""

    def __init__(self, scratch: Scratch, accounts: int, seed: int, keep: bool,
                 prefix: str = "hobench") -> None:
        self.scratch, self.accounts, self.seed, self.keep = scratch, accounts, seed, keep
        self.prefix = f"{prefix}_{accounts}_{seed}"
        self.made: list[str] = []
        self.seconds: dict[str, float] = {}

    def name(self, fixture: str) -> str:
        return f"{self.prefix}_{fixture}"

    def have(self, fixture: str) -> bool:
        return self.scratch.exists(self.name(fixture))

    def ensure(self, fixture: str) -> str:
        name = self.name(fixture)
        if self.scratch.exists(name):
            if name not in self.made and not self.keep:
                self.scratch.drop(name)  # left by an interrupted run: built again
            else:
                return name
        parent, build = FIXTURES[fixture]
        building = name + "_building"
        if parent is None:
            url = self.scratch.create(building)
        else:
            url = self.scratch.copy(self.ensure(parent), building)
        started = time.perf_counter()
        print(f"  building fixture {fixture} ({self.accounts:,} accounts) …", file=sys.stderr,
              flush=True)
        targets.open_app(url)
        try:
            with targets.frozen_clock(BUILD_AT):
                build(self.accounts, self.seed)
        finally:
            targets.close()
        self.settle(building)
        self.scratch.rename(building, name)
        self.adopted(fixture, time.perf_counter() - started)
        return name

    def adopted(self, fixture: str, seconds: float) -> None:
        self.made.append(self.name(fixture))
        self.seconds[fixture] = seconds
        print(f"  fixture {fixture} ready in {seconds:.1f} s", file=sys.stderr, flush=True)

    def settle(self, name: str) -> None:
        """PostgreSQL: VACUUM ANALYZE, so that every copy starts with statistics and a
        visibility map whatever autovacuum has done by then (both sides alike)."""
        if isinstance(self.scratch, PostgresScratch):
            con = self.scratch.raw(name)
            con.autocommit = True
            con.cursor().execute("VACUUM ANALYZE")
            con.close()

    def drop_all(self) -> None:
        if self.keep:
            return
        for name in self.made:
            self.scratch.drop(name)
        self.made.clear()
