"""日清月结 on SQLite and PostgreSQL: the day summary with exact figures, and closed days and
months refusing every change for every role while corrections go into an open day."""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from ledger_world import (
    ADMIN,
    CASHIER,
    CASHIER2,
    FIELD,
    FINANCE,
    MANAGER,
    READER,
    D,
    at,
    bill,
    home,
    row_counts,
    season,
)

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import adjustments, closing, ledger, payments
from heatoffice.billing.models import DayClose, MonthClose
from heatoffice.errors import PermissionDenied, UserError

DEC5 = _dt.date(2026, 12, 5)


@pytest.fixture
def homes(db):
    at(_dt.date(2026, 10, 20))
    s, t = season()
    accounts = [home(name) for name in ("张伟", "李娜", "王芳")]
    for a in accounts:
        bill(a, s, t)
    yield accounts
    assert ledger.verify() == []


def _day(homes):
    """cashier1's 12-05: cash 2052 (2100 tendered), cash 300 reversed, card 1000, WeChat
    500.50; cashier2 takes 100 by card the same day."""
    a, b, c = homes
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "2052", "cash", tendered="2100")
    wrong = payments.record_payment(CASHIER, b.id, "300", "cash")
    card = payments.record_payment(CASHIER, c.id, "1000", "card")
    payments.record_payment(CASHIER2, c.id, "100", "card")
    payments.record_payment(CASHIER, b.id, "500.50", "wechat")
    payments.reverse_payment(CASHIER, wrong.receipt_no, "应为微信")
    return card


def test_day_summary_exact(homes):
    _day(homes)
    s = closing.day_summary("cashier1", DEC5)
    assert (s.receipt_count, s.payment_count, s.first_receipt, s.last_receipt) == (
        5, 4, "2026-000001", "2026-000006")
    assert s.totals_by_method == {"cash": D("2052.00"), "card": D("1000.00"),
                                  "wechat": D("500.50")}
    assert (s.gross_total, s.reversal_count, s.reversal_total, s.total) == (
        D("3852.50"), 1, D("-300.00"), D("3552.50"))
    assert s.cash_to_hand_over == D("2052.00")
    assert s.closed is None
    other = closing.day_summary("cashier2", DEC5)
    assert (other.receipt_count, other.total, other.first_receipt) == (1, D("100.00"),
                                                                       "2026-000004")
    empty = closing.day_summary("cashier1", _dt.date(2026, 12, 4))
    assert (empty.receipt_count, empty.total, empty.first_receipt) == (0, D("0.00"), "")


def test_close_day_records_the_summary(homes):
    _day(homes)
    at(DEC5, 17)
    close = closing.close_day(CASHIER)
    assert (close.cashier, close.business_date, close.closed_by) == ("cashier1", DEC5, "cashier1")
    assert (close.receipt_count, close.first_receipt, close.last_receipt, close.total) == (
        5, "2026-000001", "2026-000006", D("3552.50"))
    assert (close.reversal_count, close.reversal_total, close.cash_to_hand_over) == (
        1, D("-300.00"), D("2052.00"))
    assert json.loads(close.totals_by_method) == {"cash": "2052.00", "card": "1000.00",
                                                  "wechat": "500.50"}
    assert closing.day_summary("cashier1", DEC5).closed.id == close.id
    assert AuditEntry.get(AuditEntry.action == "day.close").record_id == str(close.id)
    with pytest.raises(UserError) as err:
        closing.close_day(CASHIER)
    assert err.value.code == "billing.day_already_closed"


def test_closed_day_refuses_every_change_for_every_role(homes):
    a, b, c = homes
    card = _day(homes)
    at(DEC5, 17)
    closing.close_day(CASHIER)
    before = row_counts()
    with pytest.raises(UserError) as err:
        payments.record_payment(CASHIER, a.id, "10", "card")
    assert err.value.code == "billing.day_closed" and "2026-12-05" in err.value.message("zh")
    for actor in (CASHIER, FINANCE, ADMIN):
        with pytest.raises(UserError) as err:
            payments.reverse_payment(actor, card.receipt_no, "更正")
        assert err.value.code == "billing.day_closed", actor.role
    assert row_counts() == before
    # another cashier's day is still open
    payments.record_payment(CASHIER2, a.id, "10", "card")
    # the correction goes into a later, open day
    at(_dt.date(2026, 12, 6), 9)
    with pytest.raises(UserError) as err:
        payments.reverse_payment(CASHIER, card.receipt_no, "更正")
    assert err.value.code == "billing.reverse_needs_finance"
    r = payments.reverse_payment(FINANCE, card.receipt_no, "更正")
    assert (r.business_date, r.cashier, r.amount) == (_dt.date(2026, 12, 6), "finance1",
                                                      D("-1000.00"))
    again = payments.record_payment(CASHIER, c.id, "1000", "wechat")
    assert again.business_date == _dt.date(2026, 12, 6)
    # the closed day's figures did not move
    assert closing.day_summary("cashier1", DEC5).total == D("3552.50")


def test_who_closes_which_day(homes):
    _day(homes)
    at(DEC5, 18)
    with pytest.raises(UserError) as err:
        closing.close_day(CASHIER, cashier="cashier2")
    assert err.value.code == "billing.close_other_day"
    with pytest.raises(PermissionDenied):
        closing.close_day(READER)
    with pytest.raises(PermissionDenied):
        closing.close_day(FIELD)
    with pytest.raises(UserError) as err:
        closing.close_day(CASHIER, _dt.date(2026, 12, 6))
    assert err.value.code == "billing.future_day"
    close = closing.close_day(FINANCE, cashier="cashier2")
    assert (close.cashier, close.closed_by, close.total) == ("cashier2", "finance1", D("100.00"))
    # a past day can be closed later
    at(_dt.date(2026, 12, 7))
    assert closing.close_day(CASHIER, DEC5).total == D("3552.50")


def test_month_close(homes):
    a, b, c = homes
    at(_dt.date(2026, 11, 28))
    nov = payments.record_payment(CASHIER, a.id, "1000", "card")
    at(_dt.date(2026, 11, 29))
    with pytest.raises(UserError) as err:
        closing.close_month(FINANCE, "2026-11")
    assert err.value.code == "billing.month_not_over" and err.value.field == "month"
    at(_dt.date(2026, 11, 30), 10)
    payments.record_payment(CASHIER2, b.id, "500", "cash")
    proposal = adjustments.propose_adjustment(CASHIER, c.id, "-100", "credit", "室温不达标")
    with pytest.raises(UserError) as err:
        closing.close_month(FINANCE, "2026-11")
    assert err.value.code == "billing.days_open"
    assert err.value.params["days"] == "cashier1 2026-11-28、cashier2 2026-11-30"
    with pytest.raises(PermissionDenied):
        closing.close_month(CASHIER, "2026-11")
    with pytest.raises(UserError) as err:
        closing.close_month(FINANCE, "2026-13")
    assert err.value.code == "billing.month_format"
    closing.close_day(CASHIER, _dt.date(2026, 11, 28))
    closing.close_day(CASHIER2)
    month = closing.close_month(FINANCE, "2026-11")
    assert (month.month, month.total, month.closed_by) == ("2026-11", D("1500.00"), "finance1")
    assert json.loads(month.totals_by_method) == {"card": "1000.00", "cash": "500.00"}
    with pytest.raises(UserError) as err:
        closing.close_month(ADMIN, "2026-11")
    assert err.value.code == "billing.month_already_closed"

    # still 11-30: nothing dated in November goes in, whoever asks
    before = row_counts()
    for actor in (CASHIER, FINANCE, ADMIN):
        with pytest.raises(UserError) as err:
            payments.record_payment(actor, a.id, "10", "card")
        assert err.value.code == "billing.month_closed", actor.role
        with pytest.raises(UserError) as err:
            payments.reverse_payment(actor, nov.receipt_no, "更正")
        assert err.value.code in ("billing.month_closed", "billing.reverse_needs_finance")
    for actor in (FINANCE, ADMIN):
        with pytest.raises(UserError) as err:
            payments.reverse_payment(actor, nov.receipt_no, "更正")
        assert err.value.code == "billing.month_closed"
    for actor in (MANAGER, ADMIN):
        with pytest.raises(UserError) as err:
            adjustments.approve_adjustment(actor, proposal.id)
        assert err.value.code == "billing.month_closed"
    with pytest.raises(UserError) as err:
        closing.close_day(ADMIN)
    assert err.value.code == "billing.month_closed"
    assert row_counts() == before

    # December is open: the corrections go there
    at(_dt.date(2026, 12, 1))
    r = payments.reverse_payment(FINANCE, nov.receipt_no, "更正")
    assert r.business_date == _dt.date(2026, 12, 1)
    assert adjustments.approve_adjustment(MANAGER, proposal.id).business_date == (
        _dt.date(2026, 12, 1))
    payments.record_payment(CASHIER, a.id, "10", "card")
    assert MonthClose.select().count() == 1 and DayClose.select().count() == 2


def test_month_with_no_payments_closes(homes):
    at(_dt.date(2026, 12, 1))
    assert closing.close_month(FINANCE, "2026-11").total == D("0.00")
