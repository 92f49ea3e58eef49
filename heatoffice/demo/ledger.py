"""Demo fee ledger: this winter's season with its tariffs, billed, and a morning at the window."""

from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from heatoffice import clock, config, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.service import actor_for
from heatoffice.billing import payments, tariff_change
from heatoffice.billing.models import Bill
from heatoffice.billing.run import run_season_billing
from heatoffice.demo.applications import build_applications
from heatoffice.errors import UserError
from heatoffice.money import round_fen
from heatoffice.seasons import service as seasons

# Price per m² a season by category; the other terms are the same for all (a typical northern
# city's: 30 % for a stopped home, 0.05 % a day late from New Year, 2 % off until 30 Nov).
PRICES = {"residential": "24.00", "institution": "32.00", "business": "38.00"}


def season_years(today: _dt.date) -> int:
    """The first year of the heating season a clerk works in on ``today``."""
    return today.year if today.month >= 7 else today.year - 1


def _cashier(actor: Actor) -> Actor:
    user = User.get_or_none(User.username == "cashier", User.active == True)  # noqa: E712
    return actor_for(user) if user is not None else actor


def build_ledger(*, seed: int, actor: Actor, share_paying: float = 0.35,
                 max_payments: int = 1500,
                 progress: Callable[[int, int], Any] | None = None) -> dict[str, Any]:
    """Add the season, bill it, and take payments from a share of the homes (some in part);
    only on a demo database (``build`` marks it). ``actor`` (the admin who fills the demo)
    adds and bills the season; the demo's cashier takes the payments and its roles handle
    the applications (``actor`` where the demo made no such user)."""
    if not config.is_demo():
        raise UserError("demo.not_demo")
    year = season_years(clock.today())
    name = f"{year}-{year + 1}"
    season = seasons.add_season(actor, name, _dt.date(year, 11, 15), _dt.date(year + 1, 3, 15))
    for category, price in PRICES.items():
        tariff_change.set_tariff(
            actor, season.id, category, price_per_m2=price, stopped_share="0.30",
            late_fee_rate="0.0005", late_fee_from=_dt.date(year + 1, 1, 1),
            discount_rate="0.02", discount_until=_dt.date(year, 11, 30), relief_share="0.5",
            relief_max_area="60", relief_cap="600", connection_fee_per_m2="45")
    result = run_season_billing(actor, season.id)
    rng = random.Random(seed)
    billed = [a for (a,) in Bill.select(Bill.account).where(Bill.season == season.id)
              .order_by(Bill.account).tuples()]
    chosen = sorted(rng.sample(billed, min(max_payments, int(len(billed) * share_paying))))
    cashier = _cashier(actor)
    methods = list(glossary.codes("payment_method"))
    taken = Decimal(0)
    for done, account_id in enumerate(chosen, 1):
        owed = payments.owed(account_id).settle_amount
        if owed <= 0:
            continue
        # most pay in full; one in five pays part of it, rounded to ten yuan
        amount = owed if rng.random() < 0.8 else max(round_fen(owed / 2 // 10 * 10), Decimal(10))
        method = rng.choice(methods)
        tendered = (amount // 100 + 1) * 100 if method == "cash" else None
        payments.record_payment(cashier, account_id, amount, method, tendered=tendered)
        taken += amount
        if progress is not None and done % 100 == 0:
            progress(done, len(chosen))
    return {"season": name, "bills": result.billed, "billed_total": str(result.total),
            "payments": len(chosen), "taken": str(taken), **build_applications(actor)}
