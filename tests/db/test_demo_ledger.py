"""The demo's fee ledger: a billed season and a morning's payments, consistent to the fen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledger_world import at
from peewee import fn
from seats import SETUP, seat

from heatoffice import demo
from heatoffice.accounts.models import Account
from heatoffice.billing import ledger
from heatoffice.billing.models import Bill, Payment
from heatoffice.demo.ledger import build_ledger, season_years
from heatoffice.reception.models import Application
from heatoffice.service import case_queries, queries


def test_season_follows_the_calendar():
    assert season_years(dt.date(2026, 11, 28)) == 2026
    assert season_years(dt.date(2027, 2, 1)) == 2026
    assert season_years(dt.date(2027, 7, 1)) == 2027


def test_demo_ledger_is_billed_paid_and_balanced(db):
    at(dt.date(2026, 11, 20))
    demo.build(actor=SETUP, accounts=300, seed=5)
    made = build_ledger(actor=SETUP, seed=5)
    assert made["season"] == "2026-2027"
    billable = Account.select().where(Account.status.in_(("heating", "stopped", "cut_off")),
                                      Account.heating_area > 0).count()
    assert made["bills"] == Bill.select().count() == billable
    assert made["payments"] == Payment.select().count() == int(billable * 0.35)
    assert Payment.select().where(Payment.cashier == "cashier").count() == made["payments"]
    taken = Payment.select(fn.SUM(Payment.amount)).scalar()
    assert Payment.amount.python_value(taken) == Decimal(made["taken"])
    assert ledger.verify() == []
    # a fixed handful of applications, one in each state of the workflow
    assert made["applications"] == 8
    assert sorted(a.state for a in Application.select()) == [
        "accepted", "cancelled", "done", "forwarded", "received", "rejected", "returned",
        "under_review"]
    assert {a.type for a in Application.select()} == {
        "stop", "transfer", "area-change", "resume", "new-connection", "other", "close",
        "category-change"}


def test_demo_service_desk_fills_the_desks_pages(db):
    """Calls, work orders in each kind of state, complaints, inspections, room temperatures:
    the desk's pages, the service report and the home page's tiles are not empty."""
    at(dt.date(2026, 11, 20))
    demo.build(actor=SETUP, accounts=300, seed=5)
    made = demo.build_service_desk(SETUP)
    assert (made["calls"], made["work_orders"], made["complaints"], made["inspections"],
            made["readings"]) == (7, 5, 3, 2, 4)
    manager = seat("demo_manager", "manager")
    rows = queries.work_orders(manager, open_only=False)
    assert sorted(r.state for r in rows) == ["closed", "dispatched", "new", "on_site",
                                            "on_site"]
    assert [r.category for r in rows if r.undispatched] == ["low-temperature"]
    assert {r.category for r in rows if r.overdue} == {"leak-minor", "leak-major"}
    assert [r.category for r in rows if r.dispatch_late] == ["noise"]
    complaints = case_queries.complaints(manager)
    assert len(complaints) == 3 and sum(1 for c in complaints if c.overdue) == 1
    assert any(c.reply_due is not None and not c.overdue and c.replied_at is None
               for c in complaints)
    inspections = case_queries.inspections(manager)
    assert sorted(i.state for i in inspections) == ["closed", "open"]
    cold = case_queries.readings(manager, cold_only=True)
    assert len(cold) == 2
