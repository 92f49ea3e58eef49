"""The one-time connection fee (配套费) of a new connection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from ledger_world import CASHIER, FINANCE, home, season

from heatoffice.billing import ledger
from heatoffice.billing.connection import bill_connection_fee
from heatoffice.billing.models import Bill, BillLine
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.seasons.models import Tariff


def test_connection_fee_is_billed_once_per_account(db):
    s, t = season()
    Tariff.update(connection_fee_per_m2=Decimal("45.00")).where(Tariff.id == t.id).execute()
    account = home(area="100.00", status="pending")
    bill = bill_connection_fee(FINANCE, account.id, s.id)
    # 100.00 m² × 45.00 = 4,500.00
    assert (bill.kind, bill.total) == ("connection", Decimal("4500.00"))
    line = BillLine.get(BillLine.bill == bill.id)
    assert (line.kind, line.quantity, line.unit_price, line.amount) == (
        "connection", Decimal("100.00"), Decimal("45.00"), Decimal("4500.00"))
    assert ledger.balance(account.id) == Decimal("4500.00")
    with pytest.raises(UserError) as err:
        bill_connection_fee(FINANCE, account.id, s.id)
    assert err.value.code == "billing.connection_billed"
    assert Bill.select().where(Bill.account == account.id).count() == 1
    assert ledger.verify() == []


def test_connection_fee_needs_a_price_and_the_right(db):
    s, _ = season()
    account = home(area="80.00", status="pending")
    with pytest.raises(UserError) as err:
        bill_connection_fee(FINANCE, account.id, s.id)
    assert err.value.code == "billing.no_connection_fee"
    with pytest.raises(PermissionDenied):
        bill_connection_fee(CASHIER, account.id, s.id)
    assert Bill.select().count() == 0
