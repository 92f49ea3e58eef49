"""Late fees (滞纳金) with exact yuan: days counted, payments over time, cut-off days, rounding."""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatoffice.billing.late_fees import (
    cut_off_periods,
    fee_start,
    late_fee,
    merge_periods,
    unpaid_days,
    unpaid_from_events,
)

D = Decimal
RATE = D("0.0005")
JAN1 = _dt.date(2027, 1, 1)
ISSUED = _dt.date(2026, 10, 20)


def d(month: int, day: int, year: int = 2027) -> _dt.date:
    return _dt.date(year, month, day)


def fee(events, as_of, *, start=JAN1, rate=RATE, cut=()):
    return late_fee(unpaid_from_events(events), rate, start, as_of, cut)


def test_thirty_days_on_2052():
    assert fee([(ISSUED, D("2052.00"))], d(1, 30)) == D("30.78")


def test_no_fee_before_the_start_and_one_day_on_the_start():
    assert fee([(ISSUED, D("2052.00"))], d(12, 31, 2026)) == D("0.00")
    assert fee([(ISSUED, D("2052.00"))], JAN1) == D("1.03")  # 1.026


def test_the_day_of_payment_still_accrues():
    # Paid in full on 01-15: days 01-01 … 01-15 accrue, nothing after.
    events = [(ISSUED, D("2052.00")), (d(1, 15), D("-2052.00"))]
    assert fee(events, d(1, 15)) == D("15.39")
    assert fee(events, d(2, 28)) == D("15.39")


def test_partial_payment_lowers_the_base_from_the_next_day():
    # 2052 × 10 days + 1052 × 20 days = 41 560 yuan-days × 0.0005 = 20.78
    events = [(ISSUED, D("2052.00")), (d(1, 10), D("-1000.00"))]
    assert fee(events, d(1, 30)) == D("20.78")


def test_reversal_raises_the_base_again():
    # Paid 01-05, reversed 01-10: 5 days + 20 days of 2052.
    events = [(ISSUED, D("2052.00")), (d(1, 5), D("-2052.00")), (d(1, 10), D("2052.00"))]
    assert fee(events, d(1, 30)) == D("25.65")


def test_several_payments_and_an_uneven_amount():
    # 1234.56 × 7 + 734.56 × 14 + 34.56 × 9 = 8641.92 + 10283.84 + 311.04 = 19236.80
    events = [(ISSUED, D("1234.56")), (d(1, 7), D("-500.00")), (d(1, 21), D("-700.00"))]
    assert unpaid_days(unpaid_from_events(events), JAN1, d(1, 30)) == D("19236.80")
    assert fee(events, d(1, 30)) == D("9.62")  # 9.6184


def test_rounded_once_at_the_end_half_up():
    # 33.33 a day for 3 days: 3 × 0.016665 = 0.049995 -> 0.05 (per-day rounding would give 0.06)
    assert fee([(ISSUED, D("33.33"))], d(1, 3)) == D("0.05")
    # exactly half a fen rounds up
    assert fee([(ISSUED, D("10.00"))], JAN1) == D("0.01")
    assert fee([(ISSUED, D("9.99"))], JAN1) == D("0.00")  # 0.004995


def test_cut_off_days_do_not_accrue():
    cut = [(d(1, 11), d(1, 21))]  # cut off on 01-11, heat back on 01-21: 10 days
    assert fee([(ISSUED, D("2052.00"))], d(1, 30), cut=cut) == D("20.52")


def test_still_cut_off_accrues_nothing_from_the_cut():
    cut = [(d(1, 21), None)]
    assert fee([(ISSUED, D("2052.00"))], d(1, 30), cut=cut) == D("20.52")
    assert fee([(ISSUED, D("2052.00"))], d(3, 15), cut=cut) == D("20.52")


def test_overlapping_and_early_cut_offs():
    cut = [(d(1, 11), d(1, 21)), (d(1, 15), d(1, 25)), (d(11, 1, 2026), d(12, 1, 2026))]
    # 01-11 … 01-24 excluded (14 days): 16 days × 1.026 = 16.416
    assert fee([(ISSUED, D("2052.00"))], d(1, 30), cut=cut) == D("16.42")


def test_cut_off_and_payment_together():
    # 2052 for 01-01…01-10 (10 days), cut off 01-11…01-20, paid 1000 on 01-25 while heated
    # again: 2052 × 5 days (01-21…01-25) then 1052 × 5 days (01-26…01-30).
    events = [(ISSUED, D("2052.00")), (d(1, 25), D("-1000.00"))]
    cut = [(d(1, 11), d(1, 21))]
    # (20520 + 10260 + 5260) × 0.0005 = 18.02
    assert fee(events, d(1, 30), cut=cut) == D("18.02")


def test_money_paid_ahead_accrues_nothing():
    events = [(ISSUED, D("2052.00")), (d(12, 1, 2026), D("-2100.00"))]
    assert fee(events, d(1, 30)) == D("0.00")


def test_rates():
    assert fee([(ISSUED, D("2052.00"))], d(1, 30), rate=D("0")) == D("0.00")
    assert fee([(ISSUED, D("2052.00"))], d(1, 30), rate=D("0.003")) == D("184.68")
    with pytest.raises(ValueError):
        fee([(ISSUED, D("2052.00"))], d(1, 30), rate=D("-0.001"))
    with pytest.raises(TypeError):
        late_fee([], 0.0005, JAN1, d(1, 30))  # type: ignore[arg-type]


def test_unpaid_from_events_counts_from_the_next_day_and_merges_a_day():
    events = [(d(1, 5), D("-100.00")), (ISSUED, D("2052.00")), (d(1, 5), D("-50.00"))]
    assert unpaid_from_events(events) == [(d(10, 21, 2026), D("2052.00")),
                                          (d(1, 6), D("1902.00"))]


def test_cut_off_periods_from_a_status_history():
    history = [(d(10, 1, 2026), None, "heating"), (d(1, 11), "heating", "cut_off"),
               (d(1, 21), "cut_off", "heating"), (d(2, 1), "heating", "stopped"),
               (d(2, 10), "stopped", "cut_off")]
    assert cut_off_periods(history) == [(d(1, 11), d(1, 21)), (d(2, 10), None)]
    assert cut_off_periods([]) == []


def test_merge_periods():
    assert merge_periods([(d(1, 5), d(1, 10)), (d(1, 10), d(1, 12)), (d(1, 1), d(1, 3))]) == [
        (d(1, 1), d(1, 3)), (d(1, 5), d(1, 12))]
    assert merge_periods([(d(1, 5), None), (d(1, 7), d(1, 9))]) == [(d(1, 5), None)]
    assert merge_periods([(d(1, 5), d(1, 5))]) == []  # empty


def test_fee_start_gives_a_late_bill_the_same_time_to_pay():
    season_start = d(11, 15, 2026)
    assert fee_start(JAN1, season_start, ISSUED) == JAN1
    # the season's bills had 01-01 − 11-15 = 47 days
    assert fee_start(JAN1, season_start, d(2, 1)) == d(3, 20)
    assert fee_start(JAN1, season_start, JAN1) == d(2, 17)
    assert fee_start(JAN1, None, d(2, 1)) == JAN1


# --- against a plain day-by-day count -----------------------------------------------------------

def _by_day(events, start, as_of, cut) -> Decimal:
    total = D(0)
    day = start
    while day <= as_of:
        unpaid = sum((amt for when, amt in events if when < day), D(0))
        cut_now = any(s <= day and (e is None or day < e) for s, e in cut)
        if unpaid > 0 and not cut_now:
            total += unpaid * RATE
        day += _dt.timedelta(days=1)
    return total.quantize(D("0.01"), rounding=ROUND_HALF_UP)


_days = st.integers(min_value=-20, max_value=80).map(lambda n: JAN1 + _dt.timedelta(days=n))
_amounts = st.integers(min_value=-300_000, max_value=300_000).map(lambda f: D(f) / 100)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(events=st.lists(st.tuples(_days, _amounts), max_size=6),
       cut=st.lists(st.tuples(_days, st.one_of(st.none(), _days)), max_size=3),
       as_of=_days)
def test_agrees_with_counting_day_by_day(events, cut, as_of):
    assert fee(events, as_of, cut=cut) == _by_day(events, JAN1, as_of, cut)
