"""配套费/入网费: the one-time connection fee of a new connection, billed per m²."""

from __future__ import annotations

from heatoffice import clock, glossary
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import ledger
from heatoffice.billing.models import Bill, BillLine
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import round_fen
from heatoffice.seasons import service as seasons


def bill_connection_fee(actor: Actor, account_id: int, season_id: int) -> Bill:
    """Bill an account's connection fee once, at the season tariff's price per m² of its area.

    An account pays it once in its life: a second request, in any season, is refused.
    """
    require(actor, "billing.run")
    with database.atomic():
        account = Account.get_or_none(Account.id == account_id)
        if account is None:
            raise UserError("accounts.not_found", value=account_id)
        season = seasons.get_season(season_id)
        tariff = seasons.current_tariff(season.id, account.category)
        if tariff is None or tariff.connection_fee_per_m2 <= 0:
            raise UserError("billing.no_connection_fee", season=season.name,
                            value=account.account_no)
        if Bill.select().where(Bill.account == account.id, Bill.kind == "connection").exists():
            raise UserError("billing.connection_billed", value=account.account_no)
        amount = round_fen(account.heating_area * tariff.connection_fee_per_m2)
        now = clock.now()
        bill = Bill.create(account=account.id, season=season.id, tariff=tariff.id,
                           kind="connection", area=account.heating_area, total=amount,
                           issued_at=now, issued_by=actor.username, business_date=now.date())
        BillLine.create(bill=bill.id, seq=1, kind="connection",
                        # a bill line's text is stored, in Chinese like the printed bill
                        description=f"{glossary.label('bill_line_kind', 'connection', 'zh')} "
                                    f"{account.heating_area}㎡ × "
                                    f"{tariff.connection_fee_per_m2}",
                        quantity=account.heating_area, unit_price=tariff.connection_fee_per_m2,
                        amount=amount)
        ledger.post(account.id, billed=amount)
        audit.record(actor, "billing.connection_fee", "bill", bill.id, after=audit.snapshot(bill))
    return bill
