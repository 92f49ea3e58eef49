"""Planner statistics: gathered by the bulk jobs, and ``check`` warns (without failing) when a
PostgreSQL table has none or stale ones."""

from __future__ import annotations

import datetime as _dt

import pytest
from seats import SETUP

from heatoffice import demo
from heatoffice.check import WARN, check_statistics, run_checks
from heatoffice.db import stats
from heatoffice.db.connection import is_postgres


def _has_stats(db, table: str) -> bool:
    return db.execute_sql("SELECT COUNT(*) FROM pg_stats WHERE schemaname = current_schema() "
                          "AND tablename = %s", (table,)).fetchone()[0] > 0


def test_demo_build_leaves_statistics_behind(db):
    demo.build(actor=SETUP, accounts=200, seed=3, today=_dt.date(2026, 10, 20))
    if is_postgres(db):
        for table in ("account", "account_status_change", "account_search"):
            assert _has_stats(db, table), table
    else:
        assert stats.stale_tables() is None and check_statistics() is None


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_check_warns_about_tables_never_analysed_and_passes(db):
    db.execute_sql("DROP TABLE IF EXISTS stats_probe")
    db.execute_sql("CREATE TABLE stats_probe (n INTEGER PRIMARY KEY)")
    try:
        db.execute_sql(f"INSERT INTO stats_probe SELECT generate_series(1, {stats.MIN_ROWS * 3})")
        # CREATE INDEX records the row count in pg_class, as a bulk load's index build does
        db.execute_sql("CREATE INDEX stats_probe_n ON stats_probe (n)")
        stale = {s.table: s for s in stats.stale_tables()}
        assert stale["stats_probe"].changed is None and stale["stats_probe"].rows >= 3000
        result = {r.name: r for r in run_checks()}["statistics"]
        assert (result.ok, result.warning) == (True, True)
        assert "stats_probe" in result.detail and "never analysed" in result.detail
        assert check_statistics()[0] == WARN
        stats.analyze(db, ["stats_probe"])
        assert _has_stats(db, "stats_probe")
    finally:
        db.execute_sql("DROP TABLE stats_probe")
