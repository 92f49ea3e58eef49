"""The reports' figures on SQLite and PostgreSQL: the hand-computed scenario of report_world,
each figure against a sum over the ledger's entries made here row by row, and every cut
adding up to the total."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from ledger_world import D, at
from report_world import DEC1, NOV30, build

from heatoffice.accounts.models import Account
from heatoffice.billing import arrears
from heatoffice.billing.due import due_rules
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.money import ZERO, format_percent
from heatoffice.reports import figures
from heatoffice.reports.cuts import CUTS

JAN5 = _dt.date(2027, 1, 5)


@pytest.fixture
def world(db):
    return build()


def _day(v):
    return v if isinstance(v, _dt.date) else _dt.date.fromisoformat(str(v)[:10])


def by_hand(season, on):
    """Receivable and collected of ``season`` on ``on`` per account, from the entries."""
    bills = {b.id: b for b in Bill.select() if b.season_id == season.id and b.kind == "season"
             and _day(b.business_date) <= on}
    adjs = {a.id: a for a in Adjustment.select() if a.bill_id in bills
            and a.status == "approved" and _day(a.business_date) <= on}
    out: dict[int, list[Decimal]] = {}
    for b in bills.values():
        out.setdefault(b.account_id, [ZERO, ZERO])[0] += b.total
    for a in adjs.values():
        out[bills[a.bill_id].account_id][0] += a.amount
    for al in Allocation.select():
        pay = Payment.get_by_id(al.payment_id)
        bill_id = al.bill_id if al.bill_id is not None else (
            adjs[al.adjustment_id].bill_id if al.adjustment_id in adjs else None)
        if bill_id in bills and _day(pay.business_date) <= on:
            out[bills[bill_id].account_id][1] += al.amount
    return out


def test_collection_rate_by_hand(world):
    cur = world["cur"]
    [row] = figures.collection(cur, NOV30)
    assert (row.sums.receivable, row.sums.collected) == (D("7762.00"), D("2600.00"))
    assert format_percent(row.rate) == "33.5%"
    assert (row.overdue, row.not_due) == (ZERO, D("5162.00"))
    assert row.sums.bills == 4
    [row] = figures.collection(cur, DEC1)  # the payment of the day after counts from then
    assert row.sums.collected == D("3200.00") and format_percent(row.rate) == "41.23%"
    [row] = figures.collection(cur, JAN5)
    assert (row.overdue, row.not_due) == (D("4562.00"), ZERO)
    # the bills' running paid totals serve once no payment is dated later
    assert not figures.paid_is_current(NOV30) and figures.paid_is_current(DEC1)
    [row] = figures.collection(cur, _dt.date(2026, 11, 17))  # before the credit
    assert row.sums.receivable == D("7962.00") and row.sums.collected == ZERO


def test_cuts_by_hand(world):
    cur = world["cur"]

    def cut(name):
        return {r.name: (r.sums.receivable, r.sums.collected)
                for r in figures.collection(cur, NOV30, name)}

    assert cut("community") == {"幸福里": (D("4000.00"), D("1600.00")),
                                "阳光花园": (D("3762.00"), D("1000.00"))}
    assert cut("station") == {"东区换热站": (D("3762.00"), D("1000.00")),
                              "西区换热站": (D("1200.00"), D("200.00")),
                              "": (D("2800.00"), D("1400.00"))}
    assert cut("category") == {"residential": (D("4962.00"), D("1200.00")),
                               "business": (D("2800.00"), D("1400.00"))}
    assert cut("building") == {"阳光花园 3": (D("2052.00"), ZERO),
                               "阳光花园 5": (D("1710.00"), D("1000.00")),
                               "幸福里 1": (D("4000.00"), D("1600.00"))}
    assert cut("collector") == {"赵收费": (D("4000.00"), D("1600.00")),
                                "钱收费": (D("3762.00"), D("1000.00"))}
    rates = {r.name: format_percent(r.rate) for r in figures.collection(cur, NOV30, "community")}
    assert rates == {"幸福里": "40%", "阳光花园": "26.58%"}


@pytest.mark.parametrize("on", [_dt.date(2026, 10, 19), _dt.date(2026, 11, 20), NOV30, DEC1,
                                JAN5])
def test_every_cut_sums_to_the_total_and_to_the_entries(world, on):
    cur = world["cur"]
    hand = by_hand(cur, on)
    accounts = {a.id: a for a in Account.select()}
    [whole] = figures.collection(cur, on)
    assert whole.sums.receivable == sum((v[0] for v in hand.values()), ZERO)
    assert whole.sums.collected == sum((v[1] for v in hand.values()), ZERO)
    places = figures.collection_by_place(cur, on)
    for cut in CUTS:
        rows = figures.collection(cur, on, cut)
        assert figures.total(rows) == whole, cut
        if cut != "building" and cut != "category":  # the dashboard's roll-ups
            assert figures.roll_up(places, cut, on) == rows, cut
    assert figures.roll_up(places, None, on) == [whole]
    per_community: dict[int, list[Decimal]] = {}
    for account_id, (rec, col) in hand.items():
        slot = per_community.setdefault(accounts[account_id].community_id, [ZERO, ZERO])
        slot[0] += rec
        slot[1] += col
    assert {int(r.key): [r.sums.receivable, r.sums.collected]
            for r in figures.collection(cur, on, "community")} == per_community
    ages = figures.ageing(on)
    for cut in CUTS:
        rows = figures.ageing(on, cut)
        for age in arrears.AGES:
            assert sum((r.by_age[age] for r in rows), ZERO) == ages[0].by_age[age], (cut, age)
    for cut in CUTS:
        assert (sum((r.recovered for r in figures.recovery(cur, on, cut)), ZERO)
                == figures.recovery(cur, on)[0].recovered)
        assert ([sum((t.amount for t in figures.takings(on - _dt.timedelta(30), on, cut)), ZERO)]
                == [sum((t.amount for t in figures.takings(on - _dt.timedelta(30), on)), ZERO)])


def test_overdue_follows_the_due_rules(world):
    cur = world["cur"]
    for on in (NOV30, JAN5):
        hand = by_hand(cur, on)
        rules = due_rules(on)
        not_due_bills = set() if rules is None else {
            b.id for b in Bill.select().where(rules.not_due(Bill))}
        [row] = figures.collection(cur, on)
        bills = {b.account_id: b.id for b in Bill.select().where(
            (Bill.season == cur.id) & (Bill.kind == "season"))}
        expect_not_due = sum((rec - col for acc, (rec, col) in hand.items()
                              if bills[acc] in not_due_bills), ZERO)
        assert row.not_due == expect_not_due
        assert row.overdue + row.not_due == row.sums.outstanding


def test_recovery_by_hand(world):
    cur = world["cur"]
    [r] = figures.recovery(cur, NOV30)
    assert (r.base, r.recovered) == (D("1800.00"), D("1300.00"))
    assert format_percent(r.rate) == "72.22%"
    assert figures.year_start(cur) == _dt.date(2026, 3, 16)
    [r] = figures.recovery(cur, _dt.date(2026, 11, 19))  # before the opening balance came in
    assert (r.base, r.recovered) == (D("1000.00"), ZERO)
    by = {r.name: (r.base, r.recovered) for r in figures.recovery(cur, NOV30, "community")}
    assert by == {"阳光花园": (D("1000.00"), D("500.00")), "幸福里": (D("800.00"), D("800.00"))}
    [r] = figures.recovery(world["prev"], NOV30)  # the first season: no earlier debt
    assert (r.base, r.recovered) == (D("800.00"), D("800.00"))


def test_ageing_by_hand(world):
    [a] = figures.ageing(NOV30)
    assert a.by_age == {"current": ZERO, "one": D("500.00"), "older": ZERO,
                        "not_due": D("5162.00")}
    [a] = figures.ageing(JAN5)
    assert a.by_age == {"current": D("4562.00"), "one": D("500.00"), "older": ZERO,
                        "not_due": ZERO}
    at(JAN5)  # today, the arrears list ages the same debts by account
    listed = arrears.arrears_list(arrears_actor(), late_fees=False).totals
    assert listed.overdue == a.overdue


def arrears_actor():
    from ledger_world import MANAGER
    return MANAGER


def test_takings_by_hand(world):
    rows = figures.takings(_dt.date(2026, 11, 20), NOV30)
    assert sum((t.amount for t in rows), ZERO) == D("3900.00")
    assert sum(t.receipts for t in rows) == 5 and sum(t.reversals for t in rows) == 1
    by_method: dict[str, Decimal] = {}
    for t in rows:
        by_method[t.method] = by_method.get(t.method, ZERO) + t.amount
    assert by_method == {"cash": D("2500.00"), "wechat": ZERO, "alipay": D("1400.00")}
    assert {(t.day, t.cashier) for t in rows if t.method == "alipay"} == {(NOV30, "cashier2")}
    hand = sum((p.amount for p in Payment.select()
                if _dt.date(2026, 11, 20) <= _day(p.business_date) <= NOV30), ZERO)
    assert hand == D("3900.00") == figures.takings_total(_dt.date(2026, 11, 20), NOV30)


def test_collection_by_day_ends_at_the_rate_of_the_day(world):
    cur = world["cur"]
    points = figures.collection_by_day(cur, DEC1)
    assert points[-1].day == DEC1
    for p in points:
        [row] = figures.collection(cur, p.day)
        assert (p.receivable, p.collected) == (row.sums.receivable, row.sums.collected), p.day
    back = figures.same_day_last_season(cur, NOV30)
    assert back is not None and back[0].name == "2025-2026"
    assert back[1] == _dt.date(2025, 11, 30)


def test_accounts_by_status_as_of(world):
    [now] = figures.accounts_by_status()
    assert now.counts["heating"] == 4 and now.counts["stopped"] == 1
    assert format_percent(now.stopped_share) == "20%"
    [before] = figures.accounts_by_status(_dt.date(2026, 11, 21))
    assert before.counts["stopped"] == 0 and before.counts["heating"] == 5
    [after] = figures.accounts_by_status(NOV30)
    assert after.counts == now.counts
    rows = figures.accounts_by_status(NOV30, "community")
    assert {r.name: r.counts["stopped"] for r in rows} == {"阳光花园": 1, "幸福里": 0}
