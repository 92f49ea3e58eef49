"""Seals (账本封存码): the heads of every chain (heatoffice.db.chain) at a close, kept where a
rewrite of the database cannot reach them.

A chain finds a row rewritten, deleted or inserted by itself: the link after it breaks. What a
chain alone cannot find is a rewrite of everything, every hash recomputed from the changed row
on (the canonical form is published). A seal closes that gap. At each day close and month
close the heads are read: for every chain its last id (the decisions' chain: decision number)
and that row's hash. The seal is recorded in the audit log, appended as one JSON line to a
file beside the backups (``<database>-seals.log``, outside the database) and printed on the
day's or month's report as its code: the first 20 hex digits of SHA-256 over the heads' text
(one line a chain, ``chain last hash``, in chain-name order), in groups of four.

A sealed head still holds when the row it names carries the hash it names: as each hash covers
every row before it, the chain up to there is then exactly as it was sealed. ``check`` (the
``seals`` check, heatoffice.audit.seals) tests every seal of the audit log and of the file;
``check --seal CODE`` confirms a code read off a printed report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from heatoffice.db import backup
from heatoffice.db.chain import CHAINS, HEAD_TABLE, as_hex

CODE_DIGITS = 20
BATCH = 500


@dataclass(frozen=True, order=True)
class Head:
    chain: str
    last: int      # the chain's last id (the decisions' chain: its last decision number)
    hash: str      # that row's hash, hex


def current(db: Database) -> tuple[Head, ...]:
    """The heads as stored now (read inside the close's transaction)."""
    rows = db.execute_sql(f"SELECT chain, last_id, last_hash FROM {HEAD_TABLE}").fetchall()
    return tuple(sorted(Head(str(c), int(last), as_hex(h)) for c, last, h in rows))


def text(heads: Iterable[Head]) -> str:
    return "\n".join(f"{h.chain} {h.last} {h.hash}" for h in sorted(heads))


def code(heads: Iterable[Head]) -> str:
    """The seal's code: ``XXXX-XXXX-XXXX-XXXX-XXXX``."""
    digits = hashlib.sha256(text(heads).encode()).hexdigest()[:CODE_DIGITS].upper()
    return "-".join(digits[i:i + 4] for i in range(0, CODE_DIGITS, 4))


def normal_code(value: str) -> str:
    """A code as typed (any case, with or without dashes and spaces) in its printed form."""
    digits = "".join(ch for ch in value.upper() if ch not in "- ")
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def heads_of(data: object) -> tuple[Head, ...]:
    """Heads from their JSON form (``[[chain, last, hash], …]``); ValueError when malformed."""
    if not isinstance(data, list):
        raise ValueError("heads: not a list")
    found = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError(f"heads: {item!r}")
        found.append(Head(str(item[0]), int(item[1]), str(item[2])))
    return tuple(sorted(found))


def as_json(heads: Iterable[Head]) -> list[list]:
    return [[h.chain, h.last, h.hash] for h in sorted(heads)]


def broken(db: Database, heads: Iterable[Head]) -> list[str]:
    """What no longer holds of ``heads``: a sealed row gone or carrying another hash (one
    problem a chain, its first by id)."""
    wanted: dict[str, dict[int, str]] = {}
    for h in heads:
        if h.last and h.chain in CHAINS:
            wanted.setdefault(h.chain, {})[h.last] = h.hash
    problems = []
    for name in sorted(wanted):
        chain, claims = CHAINS[name], wanted[name]
        what = chain.table if chain.name == chain.table else f"{chain.table} ({chain.name})"
        order = chain.order
        found: dict[int, str] = {}
        keys = sorted(claims)
        for i in range(0, len(keys), BATCH):
            part = keys[i:i + BATCH]
            marks = ", ".join([db.param] * len(part))
            for key, stored in db.execute_sql(
                    f'SELECT {order}, "{chain.hash}" FROM "{chain.table}" WHERE {order} IN '
                    f"({marks})", part).fetchall():
                found[int(key)] = as_hex(stored)
        for key in keys:
            if key not in found:
                problems.append(f"{what} {order} {key}: sealed, but gone")
                break
            if found[key] != claims[key]:
                problems.append(f"{what} {order} {key}: not the row that was sealed (it or a "
                                "row before it was rewritten)")
                break
    return problems


# -- the copy outside the database --------------------------------------------------------------

def outside_file(db: Database) -> Path:
    return backup.folder(db) / f"{backup.stem(db)}-seals.log"


def keep_outside(db: Database, record: dict) -> Path:
    """Append one seal to the file outside the database (flushed to disk); OSError when the
    folder cannot be written."""
    path = outside_file(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return path


def read_outside(db: Database) -> tuple[list[dict], list[int]]:
    """The seals kept outside (each with its ``line``), and the numbers of lines that are not a
    seal."""
    path = outside_file(db)
    if not path.exists():
        return [], []
    kept, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            record["heads"] = heads_of(record["heads"])
            record["code"] = str(record["code"])
        except (ValueError, KeyError, TypeError):
            bad.append(number)
            continue
        record["line"] = number
        kept.append(record)
    return kept, bad


def set_aside(db: Database, keep: set[str], stamp: str) -> Path | None:
    """After a restore: the seals outside whose codes are not in ``keep`` (those made after the
    backup, which the restored ledger never had) move to ``<database>-seals.replaced-STAMP.log``
    beside it; the file keeps the rest. Returns the set-aside file, None when nothing moved."""
    path = outside_file(db)
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept: list[str] = []
    moved: list[str] = []
    for line in lines:
        try:
            code_ = str(json.loads(line)["code"])
        except (ValueError, KeyError, TypeError):
            code_ = ""
        (kept if code_ in keep or not line.strip() else moved).append(line)
    if not moved:
        return None
    aside = path.with_name(f"{backup.stem(db)}-seals.replaced-{stamp}.log")
    aside.write_text("".join(moved), encoding="utf-8")
    part = path.with_name(path.name + ".part")
    part.write_text("".join(kept), encoding="utf-8")
    os.replace(part, path)
    return aside
