"""The data of the season's payment notices (缴费通知单), read in batches in address order."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from peewee import JOIN, fn

from heatoffice import config
from heatoffice.accounts.models import Account, Community, format_address
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.arrears import address_order
from heatoffice.billing.documents import Notice, NoticeLine
from heatoffice.billing.journals import season_bills
from heatoffice.billing.models import AccountBalance, Adjustment, Allocation, Bill, BillLine
from heatoffice.money import ZERO, from_fen
from heatoffice.seasons.models import Season, Tariff

BATCH = 1000


def notices(actor: Actor, season_id: int, community: str | None = None, *,
            batch: int = BATCH) -> Iterator[Notice]:
    """The season's notices in address order, read ``batch`` bills at a time.

    Only the ordered bill ids are held in memory; each batch is three queries (bills with
    their account, tariff and balance; lines; adjustments attached to the bills), so 10,000
    notices stream without ever loading the season whole. The permission is checked on the
    call, before the first notice is asked for.
    """
    require(actor, "billing.view")
    season = Season.get_by_id(season_id)
    ids = [i for (i,) in season_bills(season_id, community).join_from(Account, Community)
           .order_by(*address_order()).tuples()]
    return _stream(ids, season, config.get("hotline"), batch)


def _stream(ids: list[int], season: Season, hotline: str, batch: int) -> Iterator[Notice]:
    for start in range(0, len(ids), batch):
        yield from _batch(ids[start:start + batch], season, hotline)


def notice_for_account(actor: Actor, account_id: int, season_id: int) -> Notice:
    """The notice of one account's season bill (printed at the window on request)."""
    require(actor, "billing.view")
    bill = Bill.get((Bill.account == account_id) & (Bill.season == season_id)
                    & (Bill.kind == "season"))
    return next(_batch([bill.id], Season.get_by_id(season_id), config.get("hotline")))


def _open_adjustments(ids: list[int]) -> dict[int, Decimal]:
    """What approved adjustments on each bill (late fees, credits, discounts) still add to it."""
    adjusted: dict[int, Decimal] = {}
    approved = Adjustment.bill.in_(ids) & (Adjustment.status == "approved")
    for bill_id, fen in (Adjustment.select(Adjustment.bill,
                                           fn.SUM(Adjustment.amount).coerce(False))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        adjusted[bill_id] = from_fen(int(fen or 0))
    for bill_id, fen in (Allocation.select(Adjustment.bill,
                                           fn.SUM(Allocation.amount).coerce(False))
                         .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        adjusted[bill_id] = adjusted.get(bill_id, ZERO) - from_fen(int(fen or 0))
    return adjusted


def _batch(ids: list[int], season: Season, hotline: str) -> Iterator[Notice]:
    rows = {r[0]: r for r in (
        Bill.select(Bill.id, Bill.area, Bill.total, Bill.paid, Bill.business_date,
                    Account.account_no, Account.name, Community.name, Account.building,
                    Account.unit, Account.room, Account.category, Account.status,
                    Account.connected_on, AccountBalance.balance, Tariff.late_fee_from,
                    Tariff.late_fee_rate, Tariff.discount_until, Tariff.discount_rate)
        .join(Account, on=(Bill.account == Account.id)).join_from(Account, Community)
        .join(AccountBalance, JOIN.LEFT_OUTER, on=(AccountBalance.account == Account.id))
        .switch(Bill).join(Tariff, JOIN.LEFT_OUTER, on=(Bill.tariff == Tariff.id))
        .where(Bill.id.in_(ids)).tuples())}
    lines: dict[int, list[NoticeLine]] = {}
    for bill_id, desc, qty, price, share, days, amount in (
            BillLine.select(BillLine.bill, BillLine.description, BillLine.quantity,
                            BillLine.unit_price, BillLine.share, BillLine.days, BillLine.amount)
            .where(BillLine.bill.in_(ids)).order_by(BillLine.bill, BillLine.seq).tuples()):
        lines.setdefault(bill_id, []).append(NoticeLine(desc, qty, price, amount, share,
                                                        days or None))
    adjusted = _open_adjustments(ids)
    for bill_id in ids:
        (_, area, total, paid, issued, account_no, name, comm, bld, unit, room, category,
         status, connected_on, balance, late_from, late_rate, disc_until, disc_rate) = rows[bill_id]
        adj = adjusted.get(bill_id, ZERO)
        open_on_bill = total - paid + adj
        start = season.start_date
        if connected_on is not None and season.start_date < connected_on <= season.end_date:
            start = connected_on
        yield Notice(
            account_no=account_no, name=name, address=format_address(comm, bld, unit, room),
            area=area, category=category, season=season.name,
            lines=tuple(lines.get(bill_id, ())), total=total, paid=paid, adjusted=adj,
            previous_arrears=(balance if balance is not None else open_on_bill) - open_on_bill,
            status=status, period_start=start, period_end=season.end_date,
            due_date=late_from, late_fee_rate=late_rate or ZERO,
            discount_until=disc_until, discount_rate=disc_rate or ZERO,
            issued=issued, hotline=hotline)
