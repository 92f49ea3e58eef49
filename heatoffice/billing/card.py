"""The account card (客户卡片): everything the front desk, the cashier and finance need about one
account, read in one call: its facts, status history and who looks after it, what it owes
today season by season, its bills with their lines, payments and reversals, adjustments,
rechecks, dunning contacts and its ledger. Plain values and codes; personal data masked."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN

from heatoffice import clock
from heatoffice.accounts.models import Account, AccountStatusChange, Community, Station
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing.models import (
    Adjustment,
    Bill,
    BillLine,
    DunningContact,
    Payment,
    Recheck,
)
from heatoffice.billing.owed_seasons import OwedToday, owed_by_season
from heatoffice.billing.position import compute, load
from heatoffice.billing.statement import LedgerEntry, ledger_entries
from heatoffice.errors import UserError
from heatoffice.org.models import Post, ServiceArea, Staff
from heatoffice.org.queries import active_on
from heatoffice.privacy import mask_id_number, mask_phone
from heatoffice.seasons.models import Season


@dataclass(frozen=True)
class CardFacts:
    account_id: int
    account_no: str
    name: str
    category: str            # account_category code
    status: str              # account_status code
    address: str
    community: str
    building: str
    unit: str
    floor: int | None
    room: str
    heating_area: Decimal
    station: str             # "code name", "" when none
    contact: str
    phone: str               # masked unless the actor may see personal data
    phone2: str
    id_number: str
    low_income: bool
    connected_on: _dt.date | None
    notes: str
    created_at: _dt.datetime | None


@dataclass(frozen=True)
class CardStatusChange:
    at: _dt.datetime
    from_status: str | None
    to_status: str
    by: str
    reason: str


@dataclass(frozen=True)
class CardCaretaker:
    """Who looks after the account's community or heat station today, and as what."""

    kind: str                # a post code: collector, inspector, …
    post: str                # that post's name as the organisation calls it
    staff_no: str
    name: str
    phone: str               # the staff member's work phone


@dataclass(frozen=True)
class CardBillLine:
    seq: int
    kind: str                # bill_line_kind code
    description: str         # stored with the bill
    quantity: Decimal | None
    unit_price: Decimal | None
    share: Decimal | None
    days: int | None
    amount: Decimal


@dataclass(frozen=True)
class CardBill:
    id: int
    season: str
    season_id: int | None
    kind: str                # bill_kind code
    area: Decimal
    total: Decimal
    paid: Decimal            # money set against it (its allocations)
    business_date: _dt.date
    issued_at: _dt.datetime
    issued_by: str
    status_at_issue: str     # the account's status when the bill was issued
    lines: tuple[CardBillLine, ...]


@dataclass(frozen=True)
class CardPayment:
    id: int
    receipt_no: str
    business_date: _dt.date
    taken_at: _dt.datetime
    amount: Decimal          # negative for a reversal
    method: str              # payment_method code
    cashier: str
    reverses: str            # a reversal: the receipt number it cancels
    reversed_by: str         # the receipt number of the reversal that cancelled it
    reason: str

    @property
    def kind(self) -> str:
        return "reversal" if self.reverses else "payment"


@dataclass(frozen=True)
class CardAdjustment:
    id: int
    season: str              # the season of the bill it is attached to ("" for none)
    kind: str                # adjustment_kind code
    amount: Decimal
    reason: str
    status: str              # adjustment_status code
    source: str              # adjustment_source code
    proposed_by: str
    proposed_at: _dt.datetime
    decided_by: str
    decided_at: _dt.datetime | None
    business_date: _dt.date | None


@dataclass(frozen=True)
class CardRecheck:
    id: int
    checked_at: _dt.datetime
    checked_by: str
    season: str
    result: str              # recheck_result code
    billed_area: Decimal
    measured_area: Decimal | None
    billed_status: str
    status_found: str
    follow_up: str           # recheck_follow_up code
    notes: str


@dataclass(frozen=True)
class CardContact:
    at: _dt.datetime
    by: str
    method: str              # dunning_method code
    result: str
    promised_date: _dt.date | None
    next_follow_up: _dt.date | None
    notes: str


@dataclass(frozen=True)
class AccountCard:
    facts: CardFacts
    status_history: tuple[CardStatusChange, ...]   # oldest first
    caretakers: tuple[CardCaretaker, ...]
    owed: OwedToday
    bills: tuple[CardBill, ...]                     # oldest first
    payments: tuple[CardPayment, ...]               # in receipt order
    adjustments: tuple[CardAdjustment, ...]         # every state, oldest first
    rechecks: tuple[CardRecheck, ...]               # newest first
    dunning: tuple[CardContact, ...] | None         # newest first; None: not the actor's to see
    ledger: tuple[LedgerEntry, ...]                 # with the running balance

    @property
    def account_id(self) -> int:
        return self.facts.account_id


def account_card(actor: Actor, account_id: int, on: _dt.date | None = None) -> AccountCard:
    """The card of one account as of ``on`` (today); UserError accounts.not_found otherwise."""
    require(actor, "accounts.view")
    require(actor, "billing.view")
    account = (Account.select(Account, Community).join(Community)
               .where(Account.id == account_id).first())
    if account is None:
        raise UserError("accounts.not_found", value=account_id)
    on = on or clock.today()
    history = tuple(CardStatusChange(*r) for r in (
        AccountStatusChange.select(AccountStatusChange.at, AccountStatusChange.from_status,
                                   AccountStatusChange.to_status, AccountStatusChange.by,
                                   AccountStatusChange.reason)
        .where(AccountStatusChange.account == account_id)
        .order_by(AccountStatusChange.at, AccountStatusChange.id).tuples()))
    return AccountCard(
        facts=_facts(actor, account),
        status_history=history,
        caretakers=_caretakers(account, on),
        owed=owed_by_season(compute(load(account_id), on)),
        bills=_bills(account_id, account.status, history),
        payments=_payments(account_id),
        adjustments=_adjustments(account_id),
        rechecks=_rechecks(account_id),
        dunning=_dunning(account_id) if can(actor, "arrears.view") else None,
        ledger=tuple(ledger_entries(account_id)))


def _facts(actor: Actor, a: Account) -> CardFacts:
    show = can(actor, "accounts.view_personal")
    station = ""
    if a.station_id is not None:
        s = Station.get_or_none(Station.id == a.station_id)
        station = f"{s.code} {s.name}" if s is not None else ""
    return CardFacts(
        account_id=a.id, account_no=a.account_no, name=a.name, category=a.category,
        status=a.status, address=a.address, community=a.community.name, building=a.building,
        unit=a.unit, floor=a.floor, room=a.room, heating_area=a.heating_area, station=station,
        contact=a.contact, phone=a.phone if show else mask_phone(a.phone),
        phone2=a.phone2 if show else mask_phone(a.phone2),
        id_number=a.id_number if show else mask_id_number(a.id_number),
        low_income=a.low_income, connected_on=a.connected_on, notes=a.notes,
        created_at=a.created_at)


def _caretakers(a: Account, on: _dt.date) -> tuple[CardCaretaker, ...]:
    """Staff whose service area covers the account's community or heat station on ``on``."""
    target = ServiceArea.community == a.community.name
    if a.station_id is not None:
        target = target | (ServiceArea.station == a.station_id)
    posts = dict(Post.select(Post.code, Post.name).tuples())
    rows = (ServiceArea.select(ServiceArea.kind, Staff.staff_no, Staff.name, Staff.phone)
            .join(Staff).where(target & active_on(ServiceArea, on) & Staff.active)
            .order_by(ServiceArea.kind, Staff.staff_no, ServiceArea.id).tuples())
    seen: list[CardCaretaker] = []
    for kind, staff_no, name, phone in rows:
        c = CardCaretaker(kind, posts.get(kind, kind), staff_no, name, phone)
        if c not in seen:
            seen.append(c)
    return tuple(seen)


def _status_at(history: tuple[CardStatusChange, ...], moment: _dt.datetime, now: str) -> str:
    status = None
    for change in history:
        if change.at <= moment:
            status = change.to_status
    return status or now


def _bills(account_id: int, status: str, history: tuple[CardStatusChange, ...],
           ) -> tuple[CardBill, ...]:
    rows = list(Bill.select(Bill, Season).join(Season, JOIN.LEFT_OUTER,
                                                on=(Bill.season == Season.id))
                .where(Bill.account == account_id))
    lines: dict[int, list[CardBillLine]] = {}
    if rows:
        for bill_id, *values in (
                BillLine.select(BillLine.bill, BillLine.seq, BillLine.kind,
                                BillLine.description, BillLine.quantity, BillLine.unit_price,
                                BillLine.share, BillLine.days, BillLine.amount)
                .where(BillLine.bill.in_([b.id for b in rows]))
                .order_by(BillLine.bill, BillLine.seq).tuples()):
            lines.setdefault(bill_id, []).append(CardBillLine(*values))
    out = [CardBill(
        id=b.id, season=b.season.name if b.season_id else "", season_id=b.season_id,
        kind=b.kind, area=b.area, total=b.total, paid=b.paid, business_date=b.business_date,
        issued_at=b.issued_at, issued_by=b.issued_by,
        status_at_issue=_status_at(history, b.issued_at, status),
        lines=tuple(lines.get(b.id, ())))
        for b in rows]
    out.sort(key=lambda b: (b.business_date, b.id))
    return tuple(out)


def _payments(account_id: int) -> tuple[CardPayment, ...]:
    rows = list(Payment.select().where(Payment.account == account_id)
                .order_by(Payment.receipt_year, Payment.receipt_seq))
    numbers = {p.id: p.receipt_no for p in rows}
    reversed_by = {p.reverses_id: p.receipt_no for p in rows if p.reverses_id is not None}
    return tuple(CardPayment(p.id, p.receipt_no, p.business_date, p.taken_at, p.amount,
                             p.method, p.cashier, numbers.get(p.reverses_id, "")
                             if p.reverses_id is not None else "",
                             reversed_by.get(p.id, ""), p.reason) for p in rows)


def _adjustments(account_id: int) -> tuple[CardAdjustment, ...]:
    seasons = {b: name or "" for b, name in (
        Bill.select(Bill.id, Season.name).join(Season, JOIN.LEFT_OUTER,
                                               on=(Bill.season == Season.id))
        .where(Bill.account == account_id).tuples())}
    return tuple(CardAdjustment(
        a.id, seasons.get(a.bill_id, "") if a.bill_id is not None else "", a.kind, a.amount,
        a.reason, a.status, a.source, a.proposed_by, a.proposed_at, a.decided_by,
        a.decided_at, a.business_date)
        for a in Adjustment.select().where(Adjustment.account == account_id)
        .order_by(Adjustment.id))


def _rechecks(account_id: int) -> tuple[CardRecheck, ...]:
    return tuple(CardRecheck(
        r.id, r.checked_at, r.checked_by, name or "", r.result, r.billed_area,
        r.measured_area, r.billed_status, r.status_found, r.follow_up, r.notes)
        for r, name in ((r, r.season.name if r.season_id else "") for r in
                        Recheck.select(Recheck, Season)
                        .join(Season, JOIN.LEFT_OUTER, on=(Recheck.season == Season.id))
                        .where(Recheck.account == account_id)
                        .order_by(Recheck.checked_at.desc(), Recheck.id.desc())))


def _dunning(account_id: int) -> tuple[CardContact, ...]:
    return tuple(CardContact(c.at, c.by, c.method, c.result, c.promised_date,
                             c.next_follow_up, c.notes)
                 for c in DunningContact.select().where(DunningContact.account == account_id)
                 .order_by(DunningContact.at.desc(), DunningContact.id.desc()))
