"""Due or overdue: a bill is "not yet due" (未到期) until its late fee starts and "overdue"
(逾期) from then; the arrears list, its totals and ages, dunning and the notice batches follow
that one definition (late_fees.overdue_from), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from ledger_world import CASHIER, at, bill, home, season

from heatoffice.billing import dunning, notices
from heatoffice.billing.arrears import arrears_list
from heatoffice.billing.due import due_rules
from heatoffice.billing.late_fees import overdue_from
from heatoffice.billing.models import Bill
from heatoffice.billing.payments import record_payment
from heatoffice.seasons.models import Season, Tariff

D = Decimal
DAY = _dt.date


def test_the_sql_condition_agrees_with_the_definition_day_by_day(db):
    """Bills issued before, on and after the late-fee start (a late one has the season's
    47 days of grace), a connection bill and a tariff without a late-fee start, every third
    day of the winter: SQL and late_fees.overdue_from name the same bills not yet due."""
    at(DAY(2026, 10, 20))
    s, t = season("2026-2027", late_fee_from=DAY(2027, 1, 1))
    t2 = Tariff.create(**{**t.__data__, "id": None, "category": "business", "version": 1,
                          "late_fee_from": None})
    bills = []
    for day in (DAY(2026, 10, 20), DAY(2026, 12, 31), DAY(2027, 1, 1), DAY(2027, 1, 20),
                DAY(2027, 2, 20)):
        bills.append(bill(home(), s, t, "100.00", day=day))
    bills.append(bill(home(), s, t, "50.00", day=DAY(2026, 11, 1), kind="connection"))
    bills.append(bill(home(), s, t2, "70.00", day=DAY(2026, 10, 20)))
    facts = {b.id: (b.kind, Tariff.get_by_id(b.tariff_id).late_fee_from, s.start_date,
                    b.business_date) for b in bills}
    assert overdue_from(*facts[bills[3].id]) == DAY(2027, 3, 8)  # 01-20 + 47 days
    on = DAY(2026, 10, 1)
    while on <= DAY(2027, 4, 15):
        rules = due_rules(on)
        found = set() if rules is None else {
            i for (i,) in Bill.select(Bill.id).where(rules.not_due(Bill)).tuples()}
        overdue = set() if rules is None else {
            i for (i,) in Bill.select(Bill.id).where(rules.overdue(Bill)).tuples()}
        expected = {i for i, f in facts.items() if overdue_from(*f) > on}
        assert found == expected, on
        assert overdue == set(facts) - expected or rules is None, on
        on += _dt.timedelta(days=3)
    # A late bill keeps its grace in the rules; once nothing can be not yet due, there are
    # no rules and the lists skip the work.
    assert due_rules(DAY(2027, 3, 1)) is not None
    assert due_rules(DAY(2027, 4, 15)) is None


@pytest.fixture
def world(db):
    """Two seasons at 24.00 元/㎡ on 100 ㎡ (2400.00), due until 12-31 (late fees, at a rate
    of 0 here to keep the figures round, would start on 01-01):
    p owes both seasons; q paid the old one and owes the new; r paid 1000.00 of the new;
    s paid 3000.00 against both (the old settled first, 600.00 of the new); t owes a
    connection fee of 500.00 issued 2026-11-01 (due at once); u paid the new season in full.
    Looked at on 2026-11-20, when the new season's bills are not yet due."""
    at(DAY(2025, 10, 20))
    old, old_t = season("2025-2026", price="24.00", late_fee_rate="0")
    at(DAY(2026, 10, 20))
    new, new_t = season("2026-2027", price="24.00", late_fee_rate="0")
    homes = {key: home(f"户主{key.upper()}", "100.00") for key in "pqrstu"}
    for key in "pqs":
        bill(homes[key], old, old_t, day=DAY(2025, 10, 20))
    for key in "pqrsu":
        bill(homes[key], new, new_t, day=DAY(2026, 10, 20))
    bill(homes["t"], new, new_t, "500.00", day=DAY(2026, 11, 1), kind="connection")
    at(DAY(2026, 11, 2))
    for key, amount in (("q", "2400.00"), ("r", "1000.00"), ("s", "3000.00"),
                        ("u", "2400.00")):
        record_payment(CASHIER, homes[key].id, D(amount), "cash")
    at(DAY(2026, 11, 20))
    return {"homes": homes, "new": new}


def _rows(result):
    return [(r.name, r.owed, r.not_due, r.overdue, r.age) for r in result.rows]


def test_arrears_are_what_is_overdue_with_not_yet_due_apart(world):
    result = arrears_list(CASHIER)
    assert _rows(result) == [
        ("户主P", D("4800.00"), D("2400.00"), D("2400.00"), "one"),
        ("户主T", D("500.00"), D("0.00"), D("500.00"), "current"),
    ]
    t = result.totals
    assert (t.count, t.owed, t.overdue, t.not_due) == (
        2, D("5300.00"), D("2900.00"), D("2400.00"))
    # The ages count overdue money; three accounts owe only what is not yet due.
    assert t.by_age == {"current": (1, D("500.00")), "one": (1, D("2400.00")),
                        "older": (0, D("0.00")), "not_due": (3, D("5600.00"))}
    assert result.rows[0].oldest_season == "2025-2026"


def test_including_what_is_not_yet_due(world):
    result = arrears_list(CASHIER, include_not_due=True)
    assert _rows(result) == [
        ("户主P", D("4800.00"), D("2400.00"), D("2400.00"), "one"),
        ("户主Q", D("2400.00"), D("2400.00"), D("0.00"), "not_due"),
        ("户主R", D("1400.00"), D("1400.00"), D("0.00"), "not_due"),
        ("户主S", D("1800.00"), D("1800.00"), D("0.00"), "not_due"),
        ("户主T", D("500.00"), D("0.00"), D("500.00"), "current"),
    ]
    t = result.totals
    assert (t.count, t.owed, t.overdue, t.not_due) == (
        5, D("10900.00"), D("2900.00"), D("8000.00"))
    only_later = arrears_list(CASHIER, age="not_due")
    assert [r.name for r in only_later.rows] == ["户主Q", "户主R", "户主S"]
    assert (only_later.totals.count, only_later.totals.not_due) == (3, D("5600.00"))
    # A page's figures are the same as the whole list's.
    assert _rows(arrears_list(CASHIER, include_not_due=True, limit=2, offset=1)) == \
        _rows(result)[1:3]


def test_on_the_due_date_everything_unpaid_is_overdue(world):
    eve = arrears_list(CASHIER, on=DAY(2026, 12, 31))
    assert [r.name for r in eve.rows] == ["户主P", "户主T"]
    result = arrears_list(CASHIER, on=DAY(2027, 1, 1))
    assert _rows(result) == [
        ("户主P", D("4800.00"), D("0.00"), D("4800.00"), "one"),
        ("户主Q", D("2400.00"), D("0.00"), D("2400.00"), "current"),
        ("户主R", D("1400.00"), D("0.00"), D("1400.00"), "current"),
        ("户主S", D("1800.00"), D("0.00"), D("1800.00"), "current"),
        ("户主T", D("500.00"), D("0.00"), D("500.00"), "current"),
    ]
    assert (result.totals.overdue, result.totals.by_age["not_due"]) == (
        D("10900.00"), (0, D("0.00")))


def test_no_dunning_letter_for_a_bill_not_yet_due(world):
    letters = dunning.dunning_notices(CASHIER)
    assert [(n.name, n.total, n.not_due, [(i.season, i.kind, i.owed) for i in n.items])
            for n in letters] == [
        ("户主P", D("2400.00"), D("2400.00"), [("2025-2026", "season", D("2400.00"))]),
        ("户主T", D("500.00"), D("0.00"), [("2026-2027", "connection", D("500.00"))]),
    ]
    q = world["homes"]["q"].id
    assert dunning.dunning_notices(CASHIER, account_ids=[q]) == []
    [later] = dunning.dunning_notices(CASHIER, account_ids=[q], on=DAY(2027, 1, 2))
    assert (later.total, later.not_due, later.as_of) == (D("2400.00"), D("0.00"),
                                                          DAY(2027, 1, 2))


def test_notice_batches_leave_out_settled_accounts(world):
    season_id = world["new"].id
    owing = [n.name for n in notices.notices(CASHIER, season_id)]
    assert owing == ["户主P", "户主Q", "户主R", "户主S"]  # u paid in full
    assert notices.count_notices(CASHIER, season_id) == 4
    every = list(notices.notices(CASHIER, season_id, include_settled=True))
    assert [n.name for n in every] == ["户主P", "户主Q", "户主R", "户主S", "户主U"]
    assert every[-1].amount_due == D("0.00")
    assert notices.count_notices(CASHIER, season_id, include_settled=True) == 5
    assert every[0].due_date == DAY(2027, 1, 1)
    assert Season.select().count() == 2
