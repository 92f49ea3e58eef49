"""``heatoffice check``: the consistency checks of an open database, and the checks' runner.

A check is a function that returns ``(ok, detail)``, ``(WARN, detail)`` for something worth a
look that is not wrong (it passes, marked as a warning), or None where it does not apply (a
SQLite pragma on PostgreSQL). The database's own checks are registered here with
``@invariant("name")``; each area declares its invariants in its manifest (the search index,
the ledger: bills + adjustments - payments = balance), and they run after these, in the order
of the areas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peewee import DatabaseError

from heatoffice import manifest
from heatoffice.db.connection import database, is_sqlite

EXAMPLES = 5


WARN = "warn"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    warning: bool = False  # passed, but worth a look


CheckFunc = Callable[[], "tuple[bool | str, str] | None"]
# The database's own checks; the areas' come from their manifests.
CHECKS: list[tuple[str, CheckFunc]] = []


def invariant(name: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check under ``name``; checks run in the order they were registered."""
    def register(func: CheckFunc) -> CheckFunc:
        if any(existing == name for existing, _ in CHECKS):
            raise ValueError(f"check {name!r} registered twice")
        CHECKS.append((name, func))
        return func
    return register


def all_checks() -> list[tuple[str, CheckFunc]]:
    """The database's checks, then each area's, in the order they run."""
    found = list(CHECKS)
    for spec in manifest.checks():
        if any(existing == spec.name for existing, _ in found):
            raise ValueError(f"check {spec.name!r} registered twice")
        found.append((spec.name, manifest.resolve(spec.func)))
    return found


def run_checks() -> list[CheckResult]:
    """Run every check on the open database; a database error fails that check."""
    results = []
    for name, func in all_checks():
        try:
            outcome = func()
        except DatabaseError as exc:
            # A missing or unreadable table is exactly what a check exists to report.
            results.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}".strip()))
            continue
        if outcome is not None:
            ok, detail = outcome
            warning = ok == WARN
            results.append(CheckResult(name, bool(ok), detail, warning))
    return results


def examples(values: list) -> str:
    """The first EXAMPLES of ``values`` for a check's detail, with "…" when there are more."""
    shown = ", ".join(str(v) for v in values[:EXAMPLES])
    return shown + (" …" if len(values) > EXAMPLES else "")


@invariant("schema_version")
def check_schema_version() -> tuple[bool, str]:
    from heatoffice.db.migrations import LATEST, current_version

    found = current_version(database.obj)
    return found == LATEST, f"version {found}, program expects {LATEST}"


@invariant("sqlite_integrity")
def check_sqlite_integrity() -> tuple[bool, str] | None:
    if not is_sqlite():
        return None
    rows = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    return rows == ["ok"], "; ".join(rows[:EXAMPLES])


@invariant("sqlite_foreign_keys")
def check_sqlite_foreign_keys() -> tuple[bool, str] | None:
    if not is_sqlite():
        return None
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return True, "no dangling references"
    broken = [f"{table} row {rowid} -> {parent}" for table, rowid, parent, _ in rows]
    return False, f"{len(rows)} dangling references: {examples(broken)}"


@invariant("statistics")
def check_statistics() -> tuple[bool | str, str] | None:
    """PostgreSQL: a warning when tables lack planner statistics or have changed much since
    they were gathered, or when the server's autovacuum (which gathers them) is off."""
    from heatoffice.db import stats

    stale = stats.stale_tables()
    if stale is None:
        return None
    notes = [f"{s.table} ({s.rows} rows, never analysed)" if s.changed is None
             else f"{s.table} ({s.changed} of {s.rows} rows changed since analysed)"
             for s in stale]
    problems = []
    if not stats.autovacuum_on():
        problems.append("autovacuum is off on the server")
    if notes:
        problems.append("statistics missing or stale: " + examples(notes)
                        + " (run ANALYZE)")
    if problems:
        return WARN, "; ".join(problems)
    return True, "planner statistics current, autovacuum on"
