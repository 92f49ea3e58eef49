"""The season billing run on PostgreSQL keeps a linear shape: its batches never read the bills.

A batch that finds its bills again (by account, season and kind) reads a table that grows
with every batch, and with the planner expecting one bill it rescanned the run's whole target
for each: 25,000 accounts took 37 s, 50,000 took 119 s. No wall clock here: the plans of the
statements each batch runs are read with EXPLAIN at the moment they run.
"""

from __future__ import annotations

import json

import psycopg2.extensions
import pytest
from seats import seat

from heatoffice.accounts import service as accounts
from heatoffice.billing import ledger, tariff_change
from heatoffice.billing import run as billing_run
from heatoffice.billing.models import Bill, BillLine
from heatoffice.seasons import service as seasons

FINANCE = seat("finance1", "finance")
WRITTEN = {Bill._meta.table_name, BillLine._meta.table_name}


def _town(system, homes: int):
    for i in range(homes):
        accounts.open_account(system, dict(
            account_no=f"H{i:04d}", name=f"住户{i}", community="阳光花园", room=str(100 + i),
            heating_area=f"{60 + i % 7}.50", low_income=i % 5 == 0,
            connected_on="2027-01-15" if i % 9 == 0 else None), status="heating")
    season = seasons.add_season(system, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(FINANCE, season.id, "residential", price_per_m2="24.00",
                             stopped_share="0.30", relief_share="0.50",
                             relief_max_area="60", relief_cap="600")
    return season


def _scans(plan: dict) -> list[tuple[str, str]]:
    """(node type, table) of every node of ``plan`` that reads a table."""
    found = []
    if "Relation Name" in plan and plan["Node Type"] != "ModifyTable":
        found.append((plan["Node Type"], plan["Relation Name"]))
    for child in plan.get("Plans", []):
        found += _scans(child)
    return found


def _explained_batches(db, season_id: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Run the season's billing, in batches of 4, and return each statement run while the
    batches were written (after the first progress report) with the tables its plan reads."""
    plans: list[tuple[str, list[tuple[str, str]]]] = []
    writing = []

    class Explaining(psycopg2.extensions.cursor):
        def execute(self, sql, params=None):
            text = sql if isinstance(sql, str) else sql.decode()
            if writing and text.lstrip().upper().startswith(("INSERT", "UPDATE", "SELECT")):
                super().execute("EXPLAIN (FORMAT JSON) " + text, params)
                (plan,) = self.fetchone()[0]
                doc = plan if isinstance(plan, dict) else json.loads(plan)
                plans.append((text, _scans(doc["Plan"])))
            return super().execute(sql, params)

    connection = db.connection()
    connection.cursor_factory = Explaining
    try:
        result = billing_run.run_season_billing(
            FINANCE, season_id, progress=lambda done, total: writing.append(done))
    finally:
        connection.cursor_factory = psycopg2.extensions.cursor
    assert writing[-1] == result.billed
    return plans


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_batches_on_postgresql_never_read_the_bills_written(db, system, monkeypatch):
    monkeypatch.setattr(billing_run, "CHUNK", 4)
    season = _town(system, 30)
    plans = _explained_batches(db, season.id)
    writes = [text for text, _ in plans if text.startswith("INSERT INTO")]
    # bills, lines and balances in each of the 8 batches
    assert len(writes) >= 3 * 8
    # (the chain heads, once at the end, take the highest id from the index: heatoffice.db.chain)
    reading = [(text[:60], scans) for text, scans in plans
               if any(table in WRITTEN for _, table in scans)
               and not text.startswith("INSERT INTO chain_head")]
    assert reading == []
    assert Bill.select().count() == 30 and ledger.verify() == []
