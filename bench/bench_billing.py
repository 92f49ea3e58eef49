"""Benchmark: the season billing run against bare sqlite3.executemany of the same rows.

    python bench/bench_billing.py [--accounts 500000] [--seed 1] [--rounds 3] [--write]

Builds (once, cached in --workdir) a demo SQLite database with a season and its tariffs,
then per round: on a fresh copy, times ``run_season_billing``; on another fresh copy, times
plain ``sqlite3`` inserting exactly the bill and line rows that run produced (read back from
the first copy), in one IMMEDIATE transaction with the application's pragmas. Prints both
times and their ratio (target ≤ 1.5); ``--write`` appends the figures to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import statistics
from pathlib import Path

from common import ROOT, Timer, add_season, build_once, close, demo_accounts, fresh_copy

from heatoffice.auth.actor import Actor
from heatoffice.billing.models import Bill, BillLine
from heatoffice.billing.run import BILL_COLUMNS, LINE_COLUMNS, run_season_billing
from heatoffice.db.connection import SQLITE_PRAGMAS, connect, database

BILL_ROW = ("id", *BILL_COLUMNS)  # the raw side writes the ids the run's bills got
TARGET = 1.5
TARIFFS = {
    "residential": dict(price_per_m2="24.15", stopped_share="0.30", relief_share="0.50",
                        relief_max_area="60", relief_cap="600", late_fee_rate="0.0005",
                        late_fee_from="2027-01-01"),
    "institution": dict(price_per_m2="31.50", stopped_share="0.20", basic_price_per_m2="12.80",
                        price_per_gj="45.60"),
    "business": dict(price_per_m2="36.00", stopped_share="0.30"),
}


def template(workdir: Path, accounts: int, seed: int) -> Path:
    """The demo database with season 2026-2027 and its tariffs, built once."""

    def build() -> None:
        demo_accounts(accounts, seed)
        add_season(TARIFFS)

    return build_once(workdir / f"billing-{accounts}-{seed}.db", build)


def time_run(path: Path) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of this process, bills, total) of one billing run."""
    connect(f"sqlite:///{path}")
    season_id = database.obj.execute_sql("SELECT id FROM season").fetchone()[0]
    with Timer() as t:
        result = run_season_billing(Actor.system(), season_id)
    close()
    return t.wall, t.cpu, result.billed, str(result.total)


def rows_of(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The bill and line rows exactly as the run stored them."""
    con = sqlite3.connect(path)
    bills = con.execute(f"SELECT {', '.join(BILL_ROW)} FROM {Bill._meta.table_name} "
                        "ORDER BY id").fetchall()
    lines = con.execute(f"SELECT {', '.join(LINE_COLUMNS)} FROM {BillLine._meta.table_name} "
                        "ORDER BY id").fetchall()
    con.close()
    return bills, lines


def time_raw(path: Path, bills: list[tuple], lines: list[tuple]) -> tuple[float, float]:
    con = sqlite3.connect(path, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        con.execute(f"PRAGMA {name} = {value}")
    bill_sql = (f"INSERT INTO {Bill._meta.table_name} ({', '.join(BILL_ROW)}) "
                f"VALUES ({', '.join('?' * len(BILL_ROW))})")
    line_sql = (f"INSERT INTO {BillLine._meta.table_name} ({', '.join(LINE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(LINE_COLUMNS))})")
    with Timer() as t:
        con.execute("BEGIN IMMEDIATE")
        con.executemany(bill_sql, bills)
        con.executemany(line_sql, lines)
        con.execute("COMMIT")
    con.close()
    return t.wall, t.cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/heatoffice-bench"))
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    base = template(args.workdir, args.accounts, args.seed)

    runs, raws, run_cpu, raw_cpu = [], [], [], []
    billed = total = None
    for n in range(1, args.rounds + 1):
        run_db = fresh_copy(base, args.workdir / "run.db")
        seconds, cpu, billed, total = time_run(run_db)
        runs.append(seconds)
        run_cpu.append(cpu)
        bills, lines = rows_of(run_db)
        raw_db = fresh_copy(base, args.workdir / "raw.db")
        seconds, cpu = time_raw(raw_db, bills, lines)
        raws.append(seconds)
        raw_cpu.append(cpu)
        print(f"round {n}: run {runs[-1]:.2f} s (CPU {run_cpu[-1]:.2f}), raw executemany "
              f"{raws[-1]:.2f} s (CPU {raw_cpu[-1]:.2f}), ratio {runs[-1] / raws[-1]:.2f} "
              f"(CPU {run_cpu[-1] / raw_cpu[-1]:.2f}); {billed} bills, {len(lines)} lines, "
              f"total ¥{total}", flush=True)
    # Each round's two timings are taken back to back, so their ratio is steadier than a
    # ratio of medians on a machine whose load changes; CPU time is steadier still.
    ratio = statistics.median(a / b for a, b in zip(runs, raws, strict=True))
    cpu_ratio = statistics.median(a / b for a, b in zip(run_cpu, raw_cpu, strict=True))
    verdict = "ok" if ratio <= TARGET else "ABOVE TARGET"
    print(f"median: run {statistics.median(runs):.2f} s, raw {statistics.median(raws):.2f} s, "
          f"median ratio {ratio:.2f}, CPU ratio {cpu_ratio:.2f} (target ≤ {TARGET}: {verdict})")
    if args.write:
        write_results(args, billed, len(lines), total, (runs, raws, run_cpu, raw_cpu),
                      (ratio, cpu_ratio), verdict)
    return 0 if ratio <= TARGET else 1


def write_results(args, billed, lines, total, timings, ratios, verdict) -> None:
    """Put the figures under "## Billing run" in bench/RESULTS.md, replacing an earlier
    version of that section only (other sections belong to other benchmarks)."""
    runs, raws, run_cpu, raw_cpu = timings
    text = [
        "## Billing run",
        "",
        f"`python bench/bench_billing.py --accounts {args.accounts} --seed {args.seed} "
        f"--rounds {args.rounds}` on {dt.date.today().isoformat()}, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other jobs while measuring).",
        f"Demo database of {args.accounts:,} accounts (heatoffice.demo.build, seed "
        f"{args.seed}); season 2026-2027 billed {billed:,} bills with {lines:,} lines, "
        f"total ¥{total}.",
        "",
        "| round | run_season_billing s (CPU s) | raw sqlite3.executemany s (CPU s) | ratio "
        "(CPU ratio) |",
        "|---|---|---|---|",
    ]
    for n, (a, b, ca, cb) in enumerate(zip(runs, raws, run_cpu, raw_cpu, strict=True), 1):
        text.append(f"| {n} | {a:.2f} ({ca:.2f}) | {b:.2f} ({cb:.2f}) | {a / b:.2f} "
                    f"({ca / cb:.2f}) |")
    text += [
        f"| median | {statistics.median(runs):.2f} ({statistics.median(run_cpu):.2f}) | "
        f"{statistics.median(raws):.2f} ({statistics.median(raw_cpu):.2f}) | "
        f"{ratios[0]:.2f} ({ratios[1]:.2f}) |",
        "",
        f"Target ≤ {TARGET}× (median of the rounds' wall-clock ratios): {verdict}. The run "
        "reads the accounts grouped by what a bill depends on, computes each distinct "
        "combination's lines once with the pure calc, writes bills, lines and balances with "
        "INSERT … SELECT from that plan and writes its audit row, in one transaction; the raw "
        "figure inserts only the same "
        "bill and line rows (read back from the run's database) into a fresh copy of the "
        "same database with the same pragmas, in one transaction.",
        "",
    ]
    path = ROOT / "bench" / "RESULTS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find("## Billing run")
    if start < 0:
        new = old + ("\n" if old and not old.endswith("\n\n") else "") + "\n".join(text)
    else:
        end = old.find("\n## ", start + 1)
        rest = old[end + 1:] if end >= 0 else ""
        new = old[:start] + "\n".join(text) + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
