"""Random sequences of payments, partial payments, reversals, adjustments (approved or
rejected), day closes and days passing (late fees, discounts), on SQLite and PostgreSQL: after
every step the ledger invariant holds, recomputed here from raw SQL sums."""

from __future__ import annotations

import datetime as _dt
import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from ledger_world import D, at, bill, home, season
from seats import seat

from heatoffice.billing import adjustments, closing, ledger, payments
from heatoffice.billing.position import compute, load
from heatoffice.db.connection import database, is_sqlite
from heatoffice.money import from_fen, to_fen

START = _dt.date(2026, 11, 20)  # before the discount deadline; late fees from 2027-01-01
SETTINGS = settings(max_examples=30, stateful_step_count=10, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow], print_blob=False)
_runs = itertools.count(1)


def _fen(sql: str, *params) -> int:
    sql = sql.replace("?", database.param)
    return int(database.execute_sql(sql, params).fetchone()[0] or 0)


class LedgerMachine(RuleBasedStateMachine):
    seasons: tuple = ()

    def __init__(self) -> None:
        super().__init__()
        run = next(_runs)
        self.cashier = seat(f"cashier{run}", "cashier")
        self.finance = seat(f"finance{run}", "finance")
        self.clerk = seat(f"field{run}", "customer_service")
        self.manager = seat(f"manager{run}", "manager")
        self.day = START
        at(self.day)
        (old_s, old_t), (cur_s, cur_t) = self.seasons
        self.accounts = []
        self.bills: dict[int, list[int]] = {}
        for area in ("85.50", "60.25"):
            account = home(area=area)
            self.accounts.append(account)
            self.bills[account.id] = [bill(account, old_s, old_t, day=_dt.date(2025, 10, 20)).id,
                                      bill(account, cur_s, cur_t, day=_dt.date(2026, 10, 20)).id]
        self.paid = {a.id: 0 for a in self.accounts}  # fen, kept by the test itself
        self.receipts: list[dict] = []

    # --- operations -----------------------------------------------------------------------

    @rule(i=st.integers(0, 1), fen=st.integers(1, 400_000),
          method=st.sampled_from(["card", "wechat", "cash", "transfer"]),
          extra=st.integers(0, 10_000))
    def pay(self, i, fen, method, extra):
        account = self.accounts[i]
        tendered = from_fen(fen + extra) if method == "cash" else None
        p = payments.record_payment(self.cashier, account.id, from_fen(fen), method,
                                    tendered=tendered)
        assert p.amount == from_fen(fen) and p.business_date == self.day
        if method == "cash":
            assert p.change == from_fen(extra)
        self.paid[account.id] += fen
        self.receipts.append(dict(no=p.receipt_no, account=account.id, fen=fen, day=self.day,
                                  reversed=False))

    @rule(i=st.integers(0, 1))
    def settle_everything(self, i):
        """Pay exactly what owed() says settles the account (discounts, late fees and all)."""
        account = self.accounts[i]
        owed = payments.owed(account.id)
        if owed.settle_amount <= 0:
            return
        assert owed.total == owed.principal + owed.late_fees
        assert owed.settle_amount == owed.total - owed.discount
        self.pay(i, to_fen(owed.settle_amount), "card", 0)
        after = payments.owed(account.id)
        assert (after.total, after.late_fees, after.discount) == (D("0.00"), D("0.00"),
                                                                  D("0.00"))

    @precondition(lambda self: any(not r["reversed"] for r in self.receipts))
    @rule(data=st.data())
    def reverse(self, data):
        r = data.draw(st.sampled_from([r for r in self.receipts if not r["reversed"]]))
        actor = self.cashier if r["day"] == self.day else self.finance
        rev = payments.reverse_payment(actor, r["no"], "随机红冲")
        assert rev.amount == -from_fen(r["fen"]) and rev.cashier == actor.username
        r["reversed"] = True
        self.paid[r["account"]] -= r["fen"]

    @rule(i=st.integers(0, 1), fen=st.integers(1, 300_000),
          kind=st.sampled_from(["credit", "debit", "area_correction"]),
          negative=st.booleans(), on_bill=st.sampled_from([None, 0, 1]), approve=st.booleans())
    def adjust(self, i, fen, kind, negative, on_bill, approve):
        account = self.accounts[i]
        sign = {"credit": -1, "debit": 1}.get(kind, -1 if negative else 1)
        bill_id = None if on_bill is None else self.bills[account.id][on_bill]
        adj = adjustments.propose_adjustment(self.clerk, account.id, from_fen(sign * fen), kind,
                                             "随机调账", bill_id=bill_id)
        if approve:
            assert adjustments.approve_adjustment(self.manager, adj.id).status == "approved"
        else:
            assert adjustments.reject_adjustment(self.manager, adj.id, "不符").status == "rejected"

    @rule(days=st.integers(1, 45))
    def days_pass(self, days):
        self.day += _dt.timedelta(days=days)
        at(self.day)

    @rule()
    def close_the_day(self):
        closing.close_day(self.cashier)
        self.day += _dt.timedelta(days=1)
        at(self.day)

    # --- what must always hold ------------------------------------------------------------

    @invariant()
    def ledger_is_sound(self):
        assert ledger.verify() == []
        for account in self.accounts:
            a = account.id
            billed = _fen("SELECT SUM(total) FROM bill WHERE account_id = ?", a)
            adjusted = _fen("SELECT SUM(amount) FROM adjustment WHERE account_id = ? "
                            "AND status = 'approved'", a)
            paid = _fen("SELECT SUM(amount) FROM payment WHERE account_id = ?", a)
            balance = _fen("SELECT balance FROM account_balance WHERE account_id = ?", a)
            assert paid == self.paid[a]
            assert balance == billed + adjusted - paid
            # what stays open, less credit not yet used, is the balance again
            pos = compute(load(a), self.day)
            opened = sum((to_fen(d.open) for d in pos.debts), 0)
            free = sum((to_fen(s.remaining) for s in pos.free), 0)
            assert all(d.open >= 0 for d in pos.debts)
            assert opened - free == balance == to_fen(pos.balance)


def test_ledger_invariant_under_random_operations(db):
    # Durability is not what this test is about; an fsync per step only makes it slow.
    db.execute_sql("PRAGMA synchronous = OFF" if is_sqlite() else "SET synchronous_commit = off")
    at(_dt.date(2025, 10, 1))
    LedgerMachine.seasons = (
        season("2025-2026", price="22.22", late_fee_rate="0.0003"),
        season("2026-2027", discount_rate="0.05", discount_until=_dt.date(2026, 11, 30)),
    )
    run_state_machine_as_test(LedgerMachine, settings=SETTINGS)
    assert _fen("SELECT COUNT(*) FROM payment") > 30  # the machine really paid
    assert _fen("SELECT COUNT(*) FROM adjustment WHERE kind = 'late_fee'") > 0
    assert _fen("SELECT COUNT(*) FROM adjustment WHERE kind = 'discount'") > 0
    assert _fen("SELECT COUNT(*) FROM payment WHERE reverses_id IS NOT NULL") > 0
