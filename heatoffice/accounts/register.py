"""Pages of the account register for lists and exports: filtered and sorted in SQL, masked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import SQL, Case, fn

from heatoffice import glossary
from heatoffice.accounts import search
from heatoffice.accounts.models import Account, Community, format_address, of_community
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.db.connection import database, is_sqlite
from heatoffice.privacy import mask_phone

# The columns of a register row, in order; their headings are glossary "column" terms.
COLUMNS = ("account_no", "name", "category", "address", "phone", "heating_area", "status")


def headings(lang: str | None = None) -> list[str]:
    return [glossary.label("column", c, lang) for c in COLUMNS]


_SORT = {
    "id": Account.id,
    "account_no": Account.account_no,
    "name": Account.name,
    "category": Account.category,
    "address": Community.name,
    "phone": Account.phone,
    "heating_area": Account.heating_area,
    "status": Account.status,
}

_FIELDS = (Account.id, Account.account_no, Account.name, Account.category, Community.name,
           Account.building, Account.unit, Account.room, Account.phone, Account.heating_area,
           Account.status)


@dataclass(frozen=True)
class Filters:
    """What the register is narrowed to besides the search text (None: any)."""

    community: str | None = None
    station_id: int | None = None
    status: str | None = None

    def conditions(self) -> list[Any]:
        found: list[Any] = []
        if self.community:
            # By the community's id, looked up first: given a subquery for it, SQLite walks a
            # search term's matches instead of the community's index (王 in one community of
            # 500,000 accounts: 200 ms instead of 50).
            community = (Community.select(Community.id)
                         .where(Community.name == self.community.strip()).scalar())
            found.append(of_community(community) if community is not None else SQL("1 = 0"))
        if self.station_id is not None:
            found.append(Account.station == self.station_id)
        if self.status:
            found.append(Account.status == self.status)
        return found


def _public_text() -> Any:
    """The search text of an account without its phones, in SQL (search.document less the
    phones, lower-cased): number, name, contact and the written address. Needs Community
    joined."""
    def part(field: Any, suffix: str) -> Any:
        return Case(None, [(field != "", field.concat(suffix))], "")

    return fn.LOWER(Account.account_no.concat(" ").concat(Account.name).concat(" ")
                    .concat(Account.contact).concat(" ").concat(Community.name)
                    .concat(part(Account.building, "号楼")).concat(part(Account.unit, "单元"))
                    .concat(Account.room))


def public_conditions(text: str) -> list[Any]:
    """SQLite, for a reader without "accounts.view_personal": every term of ``text`` must also
    be in the account's number, name, contact or address, so that a phone fragment finds
    nothing (the search tables hold the phones; ID numbers are in no search text). One
    condition per term, checked on the rows the full-text tables found (SQLite reads those
    first): no index of its own, no schema change. PostgreSQL checks the search text less the
    phones inside its lookup instead (search.conditions, _driver_public): its planner would
    test these on every account before the index."""
    words = search.terms(text)
    if not words:
        return []
    public = _public_text()
    return [fn.INSTR(public, word) > 0 for word in words]


def _driver_public(drive: search.Driver, text: str) -> list[Any]:
    """PostgreSQL, a page driven from the search table: each term in its text less the
    account's phones (search.PG_PUBLIC), checked on each row the scan reads."""
    doc = drive.table.c.doc
    public = fn.REPLACE(fn.REPLACE(doc, fn.LOWER(Account.phone), ""),
                        fn.LOWER(Account.phone2), "")
    return [fn.STRPOS(public, word) > 0 for word in search.terms(text)]


def query(text: str = "", sort: str = "id", descending: bool = False,
          filters: Filters | None = None, *, reach: int = 200, personal: bool = True):
    """The accounts matching every term of ``text`` and the ``filters``, in the requested
    order (ids break ties); ``reach``: about how many rows from the start the caller will
    read. ``personal=False`` (a reader without "accounts.view_personal"): the terms match
    the number, name, contact and address only, never a phone."""
    if not personal and sort == "phone":
        sort = "id"  # the order of the hidden digits would tell them
    column: Any = _SORT.get(sort, Account.id)
    narrow = filters.conditions() if filters is not None else []
    sqlite = is_sqlite(database.obj)
    if not personal and sqlite:
        narrow = [*public_conditions(text), *narrow]
    # The unary + keeps the other terms' id lists from driving the full-text table
    # (one MATCH per listed id).
    # One community is a few thousand homes: reading them by its index and checking the terms
    # beats walking a common term's matches in id order until a page of them is found there
    # (王 in one community of 500,000 accounts: 37 ms instead of 250).
    consult = column is Account.id and not (filters and filters.community)
    drive = (search.driver(text, '+"t1"."id"', reach=reach, descending=descending,
                           personal=personal) if consult else None)
    if drive is not None:
        # Read in the search table's id order, so that a page stops after its last row
        # instead of first collecting every match.
        q = (Account.select(*_FIELDS).join(drive.table, on=(Account.id == drive.key))
             .join_from(Account, Community).where(drive.match))
        public = _driver_public(drive, text) if not personal and not sqlite else []
        for cond in [*drive.rest, *public, *narrow]:
            q = q.where(cond)
        return q.order_by(drive.key.desc() if descending else drive.key.asc())
    q = Account.select(*_FIELDS).join(Community)
    matching = search.conditions(text, '"t1"."id"', personal=personal)
    for cond in [*matching, *narrow]:
        q = q.where(cond)
    key: Any = column
    if consult and matching and not sqlite:
        # No driver: the sample found the term rare (or its matches far from the start). Its
        # matches are then collected through the GIN index and the page sorted from them; in
        # id order the planner would walk the ids hoping for early matches, and a term whose
        # matches lie together late in the ids (a community's later phase) reads most of the
        # city that way (2,000,000 accounts: 1.8 s instead of 0.1 s).
        key = Account.id + 0
    order = [key.desc() if descending else key.asc()]
    if column is not Account.id:
        order.append(Account.id.desc() if descending else Account.id.asc())
    return q.order_by(*order)


def display_row(values: tuple, lang: str | None, show_personal: bool) -> tuple:
    """A raw register row as shown on screen and in exports: labels, written address, and the
    phone masked unless ``show_personal``."""
    (id_, no, name, category, community, building, unit, room, phone, area, status) = values
    return (
        id_, no, name, glossary.label("account_category", category, lang),
        format_address(community, building, unit, room),
        phone if show_personal else mask_phone(phone),
        area,
        glossary.label("account_status", status, lang),
    )


def page(actor: Actor, text: str = "", *, sort: str = "id", descending: bool = False,
         offset: int = 0, limit: int = 200, lang: str | None = None,
         filters: Filters | None = None) -> list[tuple]:
    """Rows (id, then the COLUMNS in order) from ``offset``; phones masked unless allowed."""
    require(actor, "accounts.view")
    show = can(actor, "accounts.view_personal")
    # Rows straight from the cursor, the area converted here: the ORM's per-column work was
    # half the time of a page.
    area = Account.heating_area.python_value
    cursor = database.execute(query(text, sort, descending, filters, reach=offset + limit,
                                    personal=show).offset(offset).limit(limit))
    return [display_row((*r[:9], area(r[9]), r[10]), lang, show) for r in cursor]


def count(actor: Actor, text: str = "", filters: Filters | None = None) -> int:
    """How many accounts match: a full count, so call it on demand, not on every keystroke."""
    require(actor, "accounts.view")
    narrow = filters.conditions() if filters is not None else []
    personal = can(actor, "accounts.view_personal")
    # Without the permission, the page's own terms: the search tables alone would count
    # phone matches too.
    found = search.count_query(text) if not narrow and personal else None
    if found is not None:
        return found.scalar(database) or 0
    q = Account.select(fn.COUNT(Account.id))
    public = public_conditions(text) if not personal and is_sqlite(database.obj) else []
    if public:
        q = q.join(Community)
        narrow = [*public, *narrow]
    for cond in [*search.conditions(text, '"t1"."id"', personal=personal), *narrow]:
        q = q.where(cond)
    return q.scalar() or 0
