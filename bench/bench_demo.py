"""Benchmark: demo.build of N accounts against bare sqlite3.executemany of the same rows.

    python bench/bench_demo.py [--accounts 500000] [--seed 1] [--workdir /tmp/heatoffice-bench]

Builds the demo into a fresh SQLite file and reports the time of each phase (setup: stations,
communities, staff, users; generate: the rows in Python; insert: accounts and status history,
with the indexes built again at the end; index: the search index), then, in the same run,
times plain ``sqlite3`` inserting exactly the account rows the build wrote (read back) into
a fresh database of the same schema, in one transaction with the application's pragmas.
Prints markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
from pathlib import Path

from common import Timer, remove_leftovers

from heatoffice import demo
from heatoffice.db.connection import SQLITE_PRAGMAS, connect, database


def build(path: Path, accounts: int, seed: int) -> tuple[dict, float, float]:
    remove_leftovers(path)
    connect(f"sqlite:///{path}")
    with Timer() as t:
        summary = demo.build(accounts=accounts, seed=seed)
    database.obj.close()
    return summary, t.wall, t.cpu


def raw_insert(source: Path, target: Path) -> tuple[int, float, float]:
    """Plain executemany of the account rows of ``source`` into a new database like it."""
    remove_leftovers(target)
    connect(f"sqlite:///{target}")
    database.obj.close()
    with sqlite3.connect(source) as src:
        columns = [r[1] for r in src.execute("PRAGMA table_info(account)")]
        rows = src.execute("SELECT * FROM account ORDER BY id").fetchall()
        stations = src.execute("SELECT * FROM station").fetchall()
    conn = sqlite3.connect(target, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    # The stations the accounts point at, untimed.
    width = len(stations[0]) if stations else 0
    conn.executemany(f"INSERT INTO station VALUES ({', '.join('?' * width)})", stations)
    sql = (f"INSERT INTO account ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    with Timer() as t:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    conn.close()
    return len(rows), t.wall, t.cpu


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--accounts", type=int, default=500_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=Path("/tmp/heatoffice-bench"))
    p.add_argument("--keep", action="store_true", help="keep the databases")
    args = p.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    built = args.workdir / f"demo-{args.accounts}-{args.seed}.db"
    plain = args.workdir / f"plain-{args.accounts}-{args.seed}.db"
    summary, wall, cpu = build(built, args.accounts, args.seed)
    count, raw_wall, raw_cpu = raw_insert(built, plain)
    sec, cpu_of = summary["seconds"], summary["cpu_seconds"]
    print(f"### demo.build, {args.accounts} accounts (seed {args.seed})\n")
    print(f"SQLite {sqlite3.sqlite_version}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.\n")
    print("| phase | wall s | CPU s | share of wall |")
    print("|---|---:|---:|---:|")
    phases = ("setup", "generate", "insert", "index")
    for phase in phases:
        print(f"| {phase} | {sec[phase]:.1f} | {cpu_of[phase]:.1f} | {sec[phase] / wall:.0%} |")
    rest = wall - sum(sec[k] for k in phases)
    rest_cpu = cpu - sum(cpu_of[k] for k in phases)
    print(f"| commit and the rest | {rest:.1f} | {rest_cpu:.1f} | {rest / wall:.0%} |")
    print(f"| **total** | **{wall:.1f}** | **{cpu:.1f}** | |")
    print(f"\n{summary['status_changes']} status changes, {summary['communities']} communities, "
          f"{summary['stations']} stations, {summary['staff']} staff, "
          f"{len(summary['users'])} users.\n")
    print("| same run | seconds | CPU | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| bare sqlite3 executemany of the {count} account rows | {raw_wall:.1f} "
          f"| {raw_cpu:.1f} | 1.0 |")
    print(f"| demo.build insert phase (accounts + {summary['status_changes']} status rows, "
          f"indexes rebuilt) | {sec['insert']:.1f} | | {sec['insert'] / raw_wall:.1f} |")
    print(f"| demo.build total | {wall:.1f} | {cpu:.1f} | {wall / raw_wall:.1f} |")
    if not args.keep:
        remove_leftovers(built)
        remove_leftovers(plain)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
