"""The reads the pages use, on SQLite and PostgreSQL: each checks its view permission and
returns plain values, never table rows; and a write says what it changed."""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from ledger_world import (
    CASHIER,
    CASHIER2,
    FIELD,
    FINANCE,
    MANAGER,
    READER,
    SYSTEM,
    D,
    at,
    bill,
    home,
    season,
)
from peewee import Model
from seats import seat

from heatoffice import changes
from heatoffice.accounts import queries as accounts
from heatoffice.accounts import service as account_service
from heatoffice.audit import queries as audit
from heatoffice.billing import adjustments, closing, dunning, payments, recheck, tariff_change
from heatoffice.billing import queries as billing
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.org import queries as org
from heatoffice.org import service as org_service
from heatoffice.seasons import queries as seasons

DEC5 = _dt.date(2026, 12, 5)
NOBODY = seat("stranger", "no_such_role")


@pytest.fixture
def world(db):
    """Two billed homes; on 12-05 cashier1 takes 1000 cash and 52 by card on the first,
    cashier2 takes 100 by card on the second."""
    at(_dt.date(2026, 10, 20))
    s, t = season()
    first, second = home("张伟"), home("李娜")
    for a in (first, second):
        bill(a, s, t)
    at(DEC5)
    payments.record_payment(CASHIER, first.id, "1000", "cash", tendered="1000")
    payments.record_payment(CASHIER, first.id, "52", "card")
    payments.record_payment(CASHIER2, second.id, "100", "card")
    return s, first, second


# The statement module's values (what is owed, the ledger) are another change's to freeze.
NOT_YET_FROZEN = {"Owed", "BillOwed", "StatementRow"}


def _no_rows(value, path="value"):
    """Fail if a table row, or a value that can be changed, hides anywhere in ``value``."""
    assert not isinstance(value, Model), path
    if dataclasses.is_dataclass(value):
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert frozen or type(value).__name__ in NOT_YET_FROZEN, path
        for f in dataclasses.fields(value):
            _no_rows(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            _no_rows(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, item in value.items():
            _no_rows(item, f"{path}[{k!r}]")


READS = {
    "account": lambda a, w: accounts.account(a, w[1].id),
    "account_id_of": lambda a, w: accounts.account_id_of(a, w[1].account_no),
    "status_history": lambda a, w: accounts.status_history(a, w[1].id),
    "stations": lambda a, w: accounts.stations(a),
    "communities": lambda a, w: accounts.communities(a),
    "community_names": lambda a, w: accounts.community_names(a),
    "owed": lambda a, w: billing.owed(a, w[1].id),
    "ledger": lambda a, w: billing.ledger(a, w[1].id),
    "payment": lambda a, w: billing.payment(a, 1),
    "bills_of": lambda a, w: billing.bills_of(a, w[1].id),
    "pending_adjustments": lambda a, w: billing.pending_adjustments(a),
    "season_bill_totals": lambda a, w: billing.season_bill_totals(a),
    "billed_count": lambda a, w: billing.billed_count(a, w[0].id, "residential"),
    "tariff_changes_since": lambda a, w: billing.tariff_changes_since(a, 0),
    "dunning_log": lambda a, w: billing.dunning_log(a, w[1].id),
    "last_rechecks": lambda a, w: billing.last_rechecks(a, w[0].id, [w[1].id]),
    "day_state": lambda a, w: billing.day_state(a, "cashier1", DEC5),
    "month_state": lambda a, w: billing.month_state(a, "2026-12"),
    "cashiers": lambda a, w: billing.cashiers(a),
    "seasons": lambda a, w: seasons.seasons(a),
    "season": lambda a, w: seasons.season(a, w[0].id),
    "tariff_history": lambda a, w: seasons.tariff_history(a, w[0].id),
    "current_tariff": lambda a, w: seasons.current_tariff(a, w[0].id, "residential"),
    "staff_with_areas": lambda a, w: org.staff_with_areas(a, "collector"),
    "audit_entries": lambda a, w: audit.entries(a),
}


@pytest.mark.parametrize("name", sorted(READS))
def test_every_read_checks_permission_and_returns_plain_values(world, name):
    with pytest.raises(PermissionDenied):
        READS[name](NOBODY, world)
    _no_rows(READS[name](SYSTEM, world))


@pytest.mark.parametrize("actor, name", [
    (READER, "pending_adjustments"), (READER, "day_state"), (FIELD, "day_state"),
    (READER, "cashiers"), (READER, "dunning_log"), (READER, "audit_entries"),
])
def test_who_may_not_look(world, actor, name):
    with pytest.raises(PermissionDenied):
        READS[name](actor, world)


def test_the_cashier_window(world):
    _s, first, _second = world
    assert accounts.account_id_of(CASHIER, first.account_no.lower()) == first.id
    assert accounts.account_id_of(CASHIER, "NOPE") is None
    details = accounts.account(CASHIER, first.account_no)
    assert (details.id, details.name, details.heating_area, details.address) == (
        first.id, "张伟", D("85.50"), first.address)
    assert billing.owed(CASHIER, first.id).principal == D("1000.00")
    cash = billing.payment(CASHIER, 1)
    assert (cash.receipt_no, cash.amount, cash.method, cash.reversible) == (
        "2026-000001", D("1000.00"), "cash", True)
    reversal = payments.reverse_payment(CASHIER, cash.receipt_no, "收错")
    cash = billing.payment(CASHIER, 1)
    assert (cash.reversed_by, cash.reversible) == (reversal.receipt_no, False)
    assert not billing.payment(CASHIER, reversal.id).reversible
    assert billing.payment(CASHIER, 999) is None
    assert [(b.season, b.total) for b in billing.bills_of(CASHIER, first.id)] == [
        ("2026-2027", D("2052.00"))]


def test_the_day_and_the_month(world):
    day = billing.day_state(CASHIER, "cashier1", DEC5)
    assert (day.receipt_count, day.total, day.cash_to_hand_over, day.closed) == (
        2, D("1052.00"), D("1000.00"), False)
    assert day.totals_by_method == (("cash", D("1000.00")), ("card", D("52.00")))
    closing.close_day(CASHIER, DEC5)
    day = billing.day_state(CASHIER, "cashier1", DEC5)
    assert (day.closed, day.closed_by, day.closed_by_name) == (True, "cashier1", "王收费")
    month = billing.month_state(FINANCE, "2026-12")
    assert (month.month, month.closed, month.open_days) == ("2026-12", False,
                                                            (("cashier2", DEC5),))
    with pytest.raises(UserError) as err:
        billing.month_state(FINANCE, "2026-13")
    assert err.value.code == "billing.month_format"
    assert billing.cashiers(CASHIER) == [("cashier1", "王收费")]
    # the month closed: who closed it by login and by the name the page shows
    closing.close_day(CASHIER2, DEC5)
    at(_dt.date(2027, 1, 4))
    closing.close_month(FINANCE, "2026-12")
    month = billing.month_state(FINANCE, "2026-12")
    assert (month.closed, month.closed_by, month.closed_by_name) == (True, "finance1",
                                                                     "赵财务")
    assert [u for u, _ in billing.cashiers(FINANCE)] == ["cashier1", "cashier2", "finance1"]


def test_adjustments_tariffs_and_logs(world):
    s, first, second = world
    adjustments.propose_adjustment(FIELD, second.id, "-20", "credit", "室温不达标")
    [waiting] = billing.pending_adjustments(MANAGER)
    assert (waiting.account_no, waiting.name, waiting.amount, waiting.proposed_by) == (
        second.account_no, "李娜", D("-20.00"), "field1")
    assert billing.pending_adjustments(FIELD, first.id) == []
    assert billing.season_bill_totals(CASHIER) == {s.id: (2, D("4104.00"))}
    assert billing.billed_count(CASHIER, s.id, "residential") == 2
    mark = billing.adjustment_mark(MANAGER)
    tariff_change.set_tariff(MANAGER, s.id, "residential", price_per_m2="25.00",
                             stopped_share="30%", reason="物价局批复")
    assert billing.tariff_changes_since(MANAGER, mark) == (2, D("171.00"))
    assert [t.version for t in seasons.tariff_history(READER, s.id)] == [1, 2]
    assert seasons.current_tariff(READER, s.id, "residential").price_per_m2 == D("25.00")
    dunning.record_contact(CASHIER, second.id, "phone", "答应下周缴费")
    assert [c.result for c in billing.dunning_log(CASHIER, second.id)] == ["答应下周缴费"]
    recheck.record_recheck(CASHIER, first.id, s.id, result="confirmed")
    assert billing.last_rechecks(CASHIER, s.id, [first.id, second.id])[first.id].result == (
        "confirmed")


def test_org_reads_are_values(world):
    staff = org_service.add_staff(SYSTEM, {"staff_no": "E1", "name": "王芳"})
    org_service.add_service_area(SYSTEM, staff.id, "collector", community="阳光花园",
                                 start_date=_dt.date(2026, 1, 1))
    [collector] = org.staff_with_areas(CASHIER, "collector")
    assert (collector.id, collector.staff_no, collector.name) == (staff.id, "E1", "王芳")
    assert org.staff_with_areas(CASHIER, "inspector") == []


def test_a_write_says_what_it_changed(world):
    _s, first, _second = world
    taken, what = changes.tracked(payments.record_payment, CASHIER, first.id, "10", "card")
    assert what.touches("payments", "ledger") and not what.touches("accounts")
    assert what.ids("payment") == {str(taken.id)}
    _adj, what = changes.tracked(adjustments.propose_adjustment, FIELD, first.id, "-5",
                                 "credit", "减免")
    assert what.kinds == {"adjustments"}
    _acc, what = changes.tracked(account_service.change_status, SYSTEM, first.id, "stopped",
                                 "报停")
    assert what.kinds == {"accounts"}
    with changes.tracking() as tracker, pytest.raises(UserError):
        payments.record_payment(CASHIER, first.id, "abc", "card")
    assert not tracker.changes  # a refused write changed nothing
