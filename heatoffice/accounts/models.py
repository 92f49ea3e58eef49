"""Account tables: heat stations, communities, accounts, their status and area history."""

from __future__ import annotations

from typing import Any

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    Expression,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice import glossary
from heatoffice.db.base import BaseModel
from heatoffice.db.fields import AreaField
from heatoffice.db.guards import write_once

# The allowed values, named in the glossary (code -> (zh, en)); show one with glossary.label.
CATEGORIES = glossary.names("account_category")
STATUSES = glossary.names("account_status")

# Allowed status changes; heatoffice.transitions refuses every other one.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"heating", "closed"}),
    "heating": frozenset({"stopped", "cut_off", "closed"}),
    "stopped": frozenset({"heating", "cut_off", "closed"}),
    "cut_off": frozenset({"heating", "closed"}),
    "closed": frozenset(),
}


class Station(BaseModel):
    """换热站: a heat exchange station."""

    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=64, unique=True)
    address = CharField(max_length=128, default="")


class Community(BaseModel):
    """小区: a housing community; its code feeds generated account numbers."""

    name = CharField(max_length=64, unique=True)
    code = CharField(max_length=16, unique=True)
    station = ForeignKeyField(Station, null=True, backref="communities", on_delete="RESTRICT")


class Account(BaseModel):
    account_no = CharField(max_length=32, unique=True)
    category = CharField(max_length=16, default="residential")
    name = CharField(max_length=64, index=True)
    contact = CharField(max_length=64, default="")
    phone = CharField(max_length=32, default="")
    phone2 = CharField(max_length=32, default="")
    id_number = CharField(max_length=18, default="")
    # 小区: schema version 2 made it a reference to the register (version 1 kept free text).
    community = ForeignKeyField(Community, column_name="community_id", backref="accounts",
                                on_delete="RESTRICT", index=True)
    building = CharField(max_length=16, default="")
    unit = CharField(max_length=16, default="")
    floor = IntegerField(null=True)
    room = CharField(max_length=16, default="")
    station = ForeignKeyField(Station, null=True, backref="accounts", on_delete="RESTRICT")
    heating_area = AreaField(default=0)
    status = CharField(max_length=16, default="pending", index=True)
    # 低保/困难户: billed with the season's low-income relief.
    low_income = BooleanField(default=False)
    # First day heat was supplied (入网); a mid-season connection pays by days from here.
    connected_on = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()

    class Meta:
        indexes = ((("community", "building", "unit", "room"), False),)

    # Set on a copy whose phones and ID number were masked for a reader without
    # "accounts.view_personal" (accounts.service.mask_personal): such a copy is never saved.
    masked = False

    def save(self, *args: Any, **kwargs: Any) -> int:
        if self.masked:
            raise RuntimeError(f"account {self.account_no}: a masked copy cannot be saved")
        return super().save(*args, **kwargs)

    @property
    def address(self) -> str:
        """The written address; reads the community's name (joined, or one lookup by key)."""
        return format_address(self.community.name, self.building, self.unit, self.room)


class AccountStatusChange(BaseModel):
    account = ForeignKeyField(Account, backref="status_changes", on_delete="RESTRICT")
    from_status = CharField(max_length=16, null=True)
    to_status = CharField(max_length=16)
    at = DateTimeField()
    by = CharField(max_length=64)
    reason = TextField(default="")


class AccountAreaChange(BaseModel):
    """面积变更: the heating area on record changed, from when, by which measurement, who."""

    account = ForeignKeyField(Account, backref="area_changes", on_delete="RESTRICT")
    old_area = AreaField()
    new_area = AreaField()
    effective_on = DateField()
    # the measurement's number (CL-2026-000045); "" for the first area of a new account
    measurement_no = CharField(max_length=32, default="")
    at = DateTimeField()
    by = CharField(max_length=64)


class OwnerChange(BaseModel):
    """过户: the owner before and after, on which day, by which application (write-once)."""

    account = ForeignKeyField(Account, backref="owner_changes", on_delete="RESTRICT")
    old_name = CharField(max_length=64)
    old_id_number = CharField(max_length=18, default="")
    old_phone = CharField(max_length=32, default="")
    new_name = CharField(max_length=64)
    new_id_number = CharField(max_length=18, default="")
    new_phone = CharField(max_length=32, default="")
    on = DateField()
    application = CharField(max_length=16, default="")  # the reception number, if any
    at = DateTimeField()
    by = CharField(max_length=64)


MODELS = [Station, Community, Account, AccountStatusChange, AccountAreaChange,
          OwnerChange]


def of_community(community: str | int) -> Expression:
    """The condition "the account is in ``community``", given by name or by id. A name is
    looked up in the community register's unique index; the accounts need no join."""
    if isinstance(community, int):
        return Account.community == community
    return Account.community.in_(
        Community.select(Community.id).where(Community.name == community.strip()))


def format_address(community: str, building: str, unit: str, room: str) -> str:
    """阳光花园3号楼2单元501: the way an address is written on a bill."""
    parts = [community or ""]
    if building:
        parts.append(f"{building}号楼")
    if unit:
        parts.append(f"{unit}单元")
    if room:
        parts.append(str(room))
    return "".join(parts)


def guard_history(db: Database) -> None:
    """The area and owner histories are written once: the database refuses to rewrite them."""
    write_once(db, "account_area_change")
    write_once(db, "owner_change")
