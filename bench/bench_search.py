"""Benchmark: the account register's search against a plain LIKE scan, on 500,000 accounts.

    python bench/bench_search.py [PATH] [--accounts 500000] [--seed 1] [--repeat 5]

PATH is a SQLite demo database, built by ``heatoffice.demo.build`` when it does not exist
(default: /tmp/heatoffice-bench/search-500000-1.db). For each term it times, median of
``--repeat`` runs: the register's first page (``register.page(actor, term, limit=200)``), the
register's ``count``, and in the same run the plain sqlite3 ``LIKE '%term%'`` over the same
columns (first 200 by id, and the count), and prints a markdown table. Target: every first
page within 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from heatoffice.accounts import register  # noqa: E402
from heatoffice.auth.actor import Actor  # noqa: E402
from heatoffice.db.connection import connect, database  # noqa: E402

TARGET_MS = 50.0
PAGE = 200

# The register searches account number, name, contact, phones and the written address.
_ADDRESS = "community || building || '号楼' || unit || '单元' || room"
_LIKE_ONE = ("(account_no LIKE :{p} OR name LIKE :{p} OR contact LIKE :{p} OR phone LIKE :{p} "
             f"OR phone2 LIKE :{{p}} OR ({_ADDRESS}) LIKE :{{p}})")


def like_where(text: str) -> tuple[str, dict[str, str]]:
    """Every word of ``text`` somewhere in the columns, as the register's search means it."""
    words = text.split()
    where = " AND ".join(_LIKE_ONE.format(p=f"t{i}") for i in range(len(words)))
    return where, {f"t{i}": f"%{w}%" for i, w in enumerate(words)}


def ensure_database(path: Path, accounts: int, seed: int) -> None:
    if path.exists():
        connect(f"sqlite:///{path}")
        return
    from heatoffice import demo

    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    connect(f"sqlite:///{building}")
    print(f"building {accounts} demo accounts into {building} …", file=sys.stderr)
    summary = demo.build(accounts=accounts, seed=seed)
    database.obj.close()
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)
    building.rename(path)
    print(f"built in {summary['seconds']['total']:.1f} s: {summary['seconds']}", file=sys.stderr)
    connect(f"sqlite:///{path}")


def pick_terms(raw: sqlite3.Connection) -> list[tuple[str, str]]:
    """The benchmark's terms, taken from the data so that they hit (or, the last, miss)."""
    middle = raw.execute("SELECT MAX(id) / 2 FROM account").fetchone()[0]
    phone, number = raw.execute(
        "SELECT phone, account_no FROM account WHERE id >= ? AND category = 'residential' "
        "ORDER BY id LIMIT 1", (middle,)).fetchone()
    return [
        ("common full name", "张伟"),
        ("one-character surname", "王"),
        ("address fragment", "花园3"),
        ("phone fragment (4 digits)", phone[3:7]),
        ("account-number fragment", number[:-4]),
        ("rare surname", "皇甫"),
        ("absent term", "查无此人"),
        # Typing a phone number: one and two digits match the start of a word, not LIKE.
        ("typing a phone: 1 digit", "1"),
        ("typing a phone: 2 digits", "13"),
        ("two terms: name and building", "秀英 1"),
        ("two terms: surname and address", "王 花园3"),
    ]


def prefix_only(term: str) -> bool:
    """Short Latin or digit words match word starts (see heatoffice.accounts.search)."""
    return any(len(w) <= 2 and w.isascii() for w in term.split())


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def run(path: Path, repeat: int) -> list[dict]:
    actor = Actor.system()
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    raw.execute("PRAGMA cache_size=-64000")
    results = []
    for label, term in pick_terms(raw):
        where, pattern = like_where(term)
        like_page = f"SELECT id FROM account WHERE {where} ORDER BY id LIMIT {PAGE}"
        like_count = f"SELECT COUNT(*) FROM account WHERE {where}"
        # Warm both paths once so that each starts from the same cache.
        register.page(actor, term, limit=PAGE)
        raw.execute(like_page, pattern).fetchall()
        page_ms, rows = median_ms(lambda t=term: register.page(actor, t, limit=PAGE), repeat)
        count_ms, count = median_ms(lambda t=term: register.count(actor, t), repeat)
        like_ms, like_rows = median_ms(
            lambda q=like_page, p=pattern: raw.execute(q, p).fetchall(), repeat)
        like_count_ms, like_n = median_ms(
            lambda q=like_count, p=pattern: raw.execute(q, p).fetchone()[0], repeat)
        ids = [r[0] for r in rows]
        same = ids == [r[0] for r in like_rows] and count == like_n
        results.append(dict(label=label, term=term, page_ms=page_ms, rows=len(ids),
                            count_ms=count_ms, count=count, like_ms=like_ms,
                            like_count_ms=like_count_ms, same=same))
    raw.close()
    return results


def _same(r: dict) -> str:
    if prefix_only(r["term"]):
        return "word prefix" + (", same" if r["same"] else "")
    return "yes" if r["same"] else "NO"


def table(results: list[dict]) -> str:
    lines = [
        "| term | | page rows | first page ms | LIKE page ms | × faster | count | count ms "
        "| LIKE count ms | × faster | same result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        flag = "" if r["page_ms"] <= TARGET_MS else " ⚠"
        lines.append(
            f"| {r['label']} | `{r['term']}` | {r['rows']} | {r['page_ms']:.1f}{flag} "
            f"| {r['like_ms']:.1f} | {r['like_ms'] / r['page_ms']:.1f} | {r['count']} "
            f"| {r['count_ms']:.1f} | {r['like_count_ms']:.1f} "
            f"| {r['like_count_ms'] / r['count_ms']:.1f} | {_same(r)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", nargs="?", type=Path)
    p.add_argument("--accounts", type=int, default=500_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    path = args.path or Path(f"/tmp/heatoffice-bench/search-{args.accounts}-{args.seed}.db")
    ensure_database(path, args.accounts, args.seed)
    accounts = database.obj.execute_sql("SELECT COUNT(*) FROM account").fetchone()[0]
    results = run(path, args.repeat)
    print(f"### Account search, {accounts} accounts (median of {args.repeat})\n")
    print(f"SQLite {sqlite3.sqlite_version}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
          f"target: first page ≤ {TARGET_MS:.0f} ms.\n")
    print(table(results))
    slow = [r["term"] for r in results if r["page_ms"] > TARGET_MS]
    wrong = [r["term"] for r in results if not r["same"] and not prefix_only(r["term"])]
    if slow:
        print(f"\nslower than {TARGET_MS:.0f} ms: {', '.join(slow)}")
    if wrong:
        print(f"\nresults differ from LIKE: {', '.join(wrong)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
