"""What the tamper-evident chain (heatoffice.db.chain) costs: the program's season billing
run and payment as they are, against the same program with the chain's work taken out
(bench.targets.unchained) on copies of the same database, in the same run."""

from __future__ import annotations

from collections.abc import Callable

from bench import targets
from bench.jobs import Ctx, Job, Outcome, register
from bench.jobs import billing as _billing
from bench.jobs import payment as _payment


def _without_chain(side: Callable[[Ctx], Outcome]) -> Callable[[Ctx], Outcome]:
    def run(ctx: Ctx) -> Outcome:
        with targets.unchained():
            return side(ctx)
    return run


register(Job(
    name="billing-chain", title="season billing run: with the chain against without",
    fixture="season", writes=True, app=_billing._app, bare=_without_chain(_billing._app),
    baseline="the program's own billing run with the chain's work taken out "
             "(bench.targets.unchained: no chain heads locked or written, the bills and lines "
             "written without hashing them, no targets read back for them, each chunk in one "
             "step); the ratio is the chain's "
             "cost. Digest: every bill, line, balance and the audit row, the hashes aside."))

register(Job(
    name="payment-chain", title="one payment: with the chain against without",
    fixture="billed", writes=True, per_op=True, app=_payment._app,
    bare=_without_chain(_payment._app),
    baseline="the program's own payment with the chain's work taken out "
             "(bench.targets.unchained: no chain heads locked, read or written, no hash "
             "computed, the account's ledger read without the heads); the ratio is the chain's "
             "cost per payment. Digest: as the payment job."))
