"""The company's deadlines, exact (service/deadlines.py): 大漏连夜抢，小漏不过夜, and the ten
minutes from a call's end to its dispatch."""

from __future__ import annotations

import datetime as dt

from heatoffice.service import deadlines as d

T = dt.datetime


def test_a_minor_leak_at_23_50_is_due_at_24_00_that_day_and_overdue_at_00_00():
    reported = T(2026, 12, 1, 23, 50)
    due = d.due_at("minor", "leak-minor", reported)
    assert due == T(2026, 12, 2, 0, 0)  # 24:00 of 1 December
    assert d.shown(due) == "2026-12-01 24:00"
    assert d.shown(T(2026, 12, 1, 9, 5)) == "2026-12-01 09:05"
    assert not d.overdue("minor", "dispatched", due, T(2026, 12, 1, 23, 59, 59))
    assert d.overdue("minor", "dispatched", due, T(2026, 12, 2, 0, 0))
    # fixed before midnight: not late, also later on
    assert not d.overdue("minor", "fixed", due, T(2026, 12, 3), T(2026, 12, 1, 23, 58))
    assert d.overdue("minor", "fixed", due, T(2026, 12, 3), T(2026, 12, 2, 0, 0))
    # a minor leak reported at 00:10 has the whole day
    assert d.due_at("minor", "leak-minor", T(2026, 12, 2, 0, 10)) == T(2026, 12, 3)


def test_a_dispatch_at_10_minutes_1_second_is_late_at_9_59_it_is_not():
    ended = T(2026, 12, 1, 9, 0, 0)
    assert not d.dispatch_late(d.dispatch_seconds(ended, T(2026, 12, 1, 9, 9, 59)), 10)
    assert not d.dispatch_late(d.dispatch_seconds(ended, T(2026, 12, 1, 9, 10, 0)), 10)
    assert d.dispatch_late(d.dispatch_seconds(ended, T(2026, 12, 1, 9, 10, 1)), 10)
    # an order still new is flagged the moment the limit passes, and only while new
    assert not d.undispatched("new", ended, T(2026, 12, 1, 9, 9, 59), 10)
    assert d.undispatched("new", ended, T(2026, 12, 1, 9, 10, 1), 10)
    assert not d.undispatched("dispatched", ended, T(2026, 12, 1, 11), 10)
    # the setting moves the limit
    assert not d.undispatched("new", ended, T(2026, 12, 1, 9, 10, 1), 15)


def test_a_major_leak_is_due_at_once_and_flagged_each_hour_it_stays_open():
    reported = T(2026, 12, 1, 2, 30)
    due = d.due_at("major", "leak-major", reported)
    assert due == reported
    assert d.alarms("major", "on_site", reported, T(2026, 12, 1, 3, 29)) == 0
    assert not d.overdue("major", "on_site", due, T(2026, 12, 1, 3, 29))
    assert d.alarms("major", "on_site", reported, T(2026, 12, 1, 3, 30)) == 1
    assert d.overdue("major", "on_site", due, T(2026, 12, 1, 3, 30))
    assert d.alarms("major", "unfixable", reported, T(2026, 12, 1, 6, 31)) == 4
    assert d.alarms("major", "fixed", reported, T(2026, 12, 1, 6, 31)) == 0
    # the screen's timer wakes at the next hour
    assert d.next_change("major", "on_site", reported, reported, due, T(2026, 12, 1, 4, 0),
                         10) == T(2026, 12, 1, 4, 30)


def test_other_faults_take_the_hours_of_their_category():
    reported = T(2026, 12, 1, 9, 0)
    hours = {"no-heat": 24, "noise": 72}
    assert d.due_at("normal", "no-heat", reported, hours) == T(2026, 12, 2, 9, 0)
    assert d.due_at("normal", "noise", reported, hours) == T(2026, 12, 4, 9, 0)
    assert d.due_at("normal", "other", reported, {}) == reported + dt.timedelta(hours=72)
    assert [d.severity_of(c) for c in ("leak-major", "leak-minor", "no-heat")] == [
        "major", "minor", "normal"]


def test_the_next_change_is_the_dispatch_limit_then_the_deadline():
    ended = T(2026, 12, 1, 9, 0)
    due = T(2026, 12, 2, 9, 0)
    assert d.next_change("normal", "new", ended, ended, due, T(2026, 12, 1, 9, 5), 10) == T(
        2026, 12, 1, 9, 10, 1)
    assert d.next_change("normal", "dispatched", ended, ended, due, T(2026, 12, 1, 9, 5),
                         10) == due
    assert d.next_change("normal", "closed", ended, ended, due, T(2026, 12, 1, 9, 5), 10) is None
