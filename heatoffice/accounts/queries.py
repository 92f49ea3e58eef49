"""Account reads for the pages: plain values, each call checked against "accounts.view".

The register's pages and counts are in heatoffice.accounts.register.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice.accounts.models import (  # noqa: F401  (the moves the status box offers)
    STATUS_TRANSITIONS,
    Account,
    AccountAreaChange,
    AccountStatusChange,
    Community,
    Station,
)
from heatoffice.accounts.service import get_account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require


@dataclass(frozen=True)
class AccountDetails:
    """One account as stored (personal fields are not masked: the page decides)."""

    id: int
    account_no: str
    category: str
    name: str
    contact: str
    phone: str
    phone2: str
    id_number: str
    community: str
    building: str
    unit: str
    floor: int | None
    room: str
    station_id: int | None
    heating_area: Decimal
    status: str
    low_income: bool
    connected_on: _dt.date | None
    notes: str
    address: str


@dataclass(frozen=True)
class StatusChange:
    at: _dt.datetime
    from_status: str | None
    to_status: str
    by: str
    reason: str


@dataclass(frozen=True)
class AreaChange:
    """面积变更 of the account card: from what to what, from when, by which measurement."""

    at: _dt.datetime
    old_area: Decimal
    new_area: Decimal
    effective_on: _dt.date
    measurement_no: str  # "" for the first area of a new account
    by: str


@dataclass(frozen=True)
class StationChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class CommunityChoice:
    id: int
    name: str
    code: str
    station_id: int | None


def _details(a: Account) -> AccountDetails:
    return AccountDetails(
        id=a.id, account_no=a.account_no, category=a.category, name=a.name, contact=a.contact,
        phone=a.phone, phone2=a.phone2, id_number=a.id_number, community=a.community.name,
        building=a.building, unit=a.unit, floor=a.floor, room=a.room, station_id=a.station_id,
        heating_area=a.heating_area, status=a.status, low_income=a.low_income,
        connected_on=a.connected_on, notes=a.notes, address=a.address)


def account(actor: Actor, key: int | str) -> AccountDetails:
    """An account by its id or its account number; UserError accounts.not_found otherwise."""
    return _details(get_account(actor, key))


def account_id_of(actor: Actor, account_no: str) -> int | None:
    """The id of the account with exactly this number (any case), or None."""
    require(actor, "accounts.view")
    text = (account_no or "").strip()
    if not text:
        return None
    found = (Account.select(Account.id).where(Account.account_no.in_({text, text.upper()}))
             .order_by(Account.account_no != text).first())
    return found.id if found is not None else None


def status_history(actor: Actor, account_id: int) -> list[StatusChange]:
    """The account's status changes, oldest first."""
    require(actor, "accounts.view")
    rows = (AccountStatusChange.select(AccountStatusChange.at, AccountStatusChange.from_status,
                                       AccountStatusChange.to_status, AccountStatusChange.by,
                                       AccountStatusChange.reason)
            .where(AccountStatusChange.account == account_id)
            .order_by(AccountStatusChange.id).tuples())
    return [StatusChange(*r) for r in rows]


def area_history(actor: Actor, account_id: int) -> list[AreaChange]:
    """The account's heating-area changes, oldest first."""
    require(actor, "accounts.view")
    rows = (AccountAreaChange.select(AccountAreaChange.at, AccountAreaChange.old_area,
                                     AccountAreaChange.new_area, AccountAreaChange.effective_on,
                                     AccountAreaChange.measurement_no, AccountAreaChange.by)
            .where(AccountAreaChange.account == account_id)
            .order_by(AccountAreaChange.id).tuples())
    return [AreaChange(*r) for r in rows]


def stations(actor: Actor) -> list[StationChoice]:
    require(actor, "accounts.view")
    return [StationChoice(*r) for r in Station.select(Station.id, Station.code, Station.name)
            .order_by(Station.code).tuples()]


def communities(actor: Actor) -> list[CommunityChoice]:
    """The registered communities by name, with the heat station of each."""
    require(actor, "accounts.view")
    return [CommunityChoice(*r) for r in Community.select(
        Community.id, Community.name, Community.code, Community.station).order_by(
        Community.name).tuples()]


def community_names(actor: Actor) -> list[str]:
    """The names of the registered communities (every account's is one of them), sorted."""
    require(actor, "accounts.view")
    return sorted(n for (n,) in Community.select(Community.name).tuples())
