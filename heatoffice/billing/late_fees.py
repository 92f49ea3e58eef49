"""滞纳金: the late fee of one bill as of a date, from what stayed unpaid on each day.

Pure functions, no database. A day's fee is ``rate × the amount unpaid at the start of that
day`` (a payment counts from the next day, so the day of payment still accrues); days before
``start_date`` and days heat was cut off for non-payment accrue nothing; the sum is rounded
half-up to the fen once, at the end, so materialising the fee in several steps (accrued so far
minus already charged) never drifts by a fen.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from heatoffice.money import ZERO, round_fen

ONE_DAY = _dt.timedelta(days=1)

Timeline = Sequence[tuple[_dt.date, Decimal]]
Period = tuple[_dt.date, "_dt.date | None"]


def unpaid_from_events(events: Iterable[tuple[_dt.date, Decimal]]
                       ) -> list[tuple[_dt.date, Decimal]]:
    """The unpaid timeline of ledger events ``(business_date, change of the unpaid amount)``.

    An event on day ``d`` changes the amount unpaid at the start of day ``d + 1``: a bill issued
    on the 5th is owed from the 6th, a payment on the 5th stops the fee from the 6th.
    """
    totals: dict[_dt.date, Decimal] = {}
    for day, delta in events:
        totals[day + ONE_DAY] = totals.get(day + ONE_DAY, ZERO) + delta
    out: list[tuple[_dt.date, Decimal]] = []
    running = ZERO
    for day in sorted(totals):
        running += totals[day]
        out.append((day, running))
    return out


def merge_periods(periods: Iterable[Period]) -> list[Period]:
    """Overlapping or touching ``[start, end)`` periods merged; ``end`` None is open-ended."""
    far = _dt.date.max
    spans = sorted((s, e or far) for s, e in periods if e is None or e > s)
    merged: list[list[_dt.date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, None if e == far else e) for s, e in merged]


def cut_off_periods(changes: Iterable[tuple[_dt.date, str | None, str]]) -> list[Period]:
    """``[from, to)`` periods of status ``cut_off`` from a status history of
    ``(day, from_status, to_status)`` in the order the changes happened."""
    periods: list[Period] = []
    began: _dt.date | None = None
    for day, _from, to in changes:
        if to == "cut_off" and began is None:
            began = day
        elif to != "cut_off" and began is not None:
            periods.append((began, day))
            began = None
    if began is not None:
        periods.append((began, None))
    return merge_periods(periods)


def _overlap(a: _dt.date, b: _dt.date, periods: Sequence[Period]) -> int:
    """Days of ``[a, b)`` inside the (merged) periods."""
    days = 0
    for start, end in periods:
        lo = max(a, start)
        hi = b if end is None else min(b, end)
        if hi > lo:
            days += (hi - lo).days
    return days


def unpaid_days(unpaid_timeline: Timeline, start_date: _dt.date, as_of: _dt.date,
                cut_off: Sequence[Period] = ()) -> Decimal:
    """Σ unpaid amount × day over the days that accrue (yuan-days, unrounded)."""
    if as_of < start_date:
        return Decimal(0)
    periods = merge_periods(cut_off)
    end = as_of + ONE_DAY  # as_of itself accrues
    total = Decimal(0)
    steps = sorted(unpaid_timeline, key=lambda step: step[0])
    for i, (day, amount) in enumerate(steps):
        nxt = steps[i + 1][0] if i + 1 < len(steps) else end
        lo, hi = max(day, start_date), min(nxt, end)
        if hi <= lo or amount <= 0:
            continue
        days = (hi - lo).days - _overlap(lo, hi, periods)
        total += amount * days
    return total


def late_fee(unpaid_timeline: Timeline, rate_per_day: Decimal, start_date: _dt.date,
             as_of: _dt.date, cut_off_periods: Sequence[Period] = ()) -> Decimal:
    """The late fee accrued from ``start_date`` through ``as_of`` (both included).

    ``unpaid_timeline``: steps ``(day, amount)`` sorted by day, meaning ``amount`` is unpaid at
    the start of each day from ``day`` on (0 before the first step; a negative amount, money
    paid ahead, accrues nothing). ``cut_off_periods``: ``[start, end)`` days without heat for
    non-payment, ``end`` None while still cut off.
    """
    if isinstance(rate_per_day, float):
        raise TypeError("rate_per_day must be Decimal, not float")
    if rate_per_day < 0:
        raise ValueError(f"negative late fee rate {rate_per_day}")
    if not rate_per_day:
        return ZERO
    return round_fen(unpaid_days(unpaid_timeline, start_date, as_of, cut_off_periods)
                     * rate_per_day)


def fee_start(late_fee_from: _dt.date, season_start: _dt.date | None,
              issued_on: _dt.date) -> _dt.date:
    """The first day a bill accrues a late fee.

    A bill issued before ``late_fee_from`` accrues from that day. A bill issued later (a
    mid-season connection billed by a re-run) gets the same time to pay that the season's
    bills had (``late_fee_from − season start``), counted from its issue day, so nobody owes a
    fee for a bill they could not yet have paid.
    """
    if issued_on < late_fee_from or season_start is None:
        return late_fee_from
    grace = max(late_fee_from - season_start, _dt.timedelta(0))
    return max(late_fee_from, issued_on + grace)
