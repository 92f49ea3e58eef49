"""Pages of the account register for lists and exports: filtered and sorted in SQL, masked."""

from __future__ import annotations

from peewee import fn

from heatoffice.accounts import search
from heatoffice.accounts.models import CATEGORIES, STATUSES, Account, format_address
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.db.connection import database
from heatoffice.privacy import mask_phone

# Column key -> (zh, en) header; the order of a register row.
COLUMNS: dict[str, tuple[str, str]] = {
    "account_no": ("户号", "Account no."),
    "name": ("户名", "Name"),
    "category": ("类别", "Category"),
    "address": ("地址", "Address"),
    "phone": ("电话", "Phone"),
    "heating_area": ("供热面积(㎡)", "Area (m²)"),
    "status": ("状态", "Status"),
}

_SORT = {
    "id": Account.id,
    "account_no": Account.account_no,
    "name": Account.name,
    "category": Account.category,
    "address": Account.community,
    "phone": Account.phone,
    "heating_area": Account.heating_area,
    "status": Account.status,
}

_FIELDS = (Account.id, Account.account_no, Account.name, Account.category, Account.community,
           Account.building, Account.unit, Account.room, Account.phone, Account.heating_area,
           Account.status)


def query(text: str = "", sort: str = "id", descending: bool = False, *, reach: int = 200):
    """The accounts matching every term of ``text``, in the requested order (ids break ties);
    ``reach``: about how many rows from the start the caller will read."""
    column = _SORT.get(sort, Account.id)
    # The unary + keeps the other terms' id lists from driving the full-text table
    # (one MATCH per listed id).
    drive = (search.driver(text, '+"t1"."id"', reach=reach, descending=descending)
             if column is Account.id else None)
    if drive is not None:
        # Read in the search table's id order, so that a page stops after its last row
        # instead of first collecting every match.
        q = (Account.select(*_FIELDS).join(drive.table, on=(Account.id == drive.key))
             .switch(Account).where(drive.match))
        for cond in drive.rest:
            q = q.where(cond)
        return q.order_by(drive.key.desc() if descending else drive.key.asc())
    q = Account.select(*_FIELDS)
    for cond in search.conditions(text, '"t1"."id"'):
        q = q.where(cond)
    order = [column.desc() if descending else column.asc()]
    if column is not Account.id:
        order.append(Account.id.desc() if descending else Account.id.asc())
    return q.order_by(*order)


def display_row(values: tuple, lang: str, show_personal: bool) -> tuple:
    """A raw register row as shown on screen and in exports: labels, written address, and the
    phone masked unless ``show_personal``."""
    (id_, no, name, category, community, building, unit, room, phone, area, status) = values
    idx = 0 if lang == "zh" else 1
    return (
        id_, no, name, CATEGORIES.get(category, (category, category))[idx],
        format_address(community, building, unit, room),
        phone if show_personal else mask_phone(phone),
        area,
        STATUSES.get(status, (status, status))[idx],
    )


def page(actor: Actor, text: str = "", *, sort: str = "id", descending: bool = False,
         offset: int = 0, limit: int = 200, lang: str = "zh") -> list[tuple]:
    """Rows (id, then the COLUMNS in order) from ``offset``; phones masked unless allowed."""
    require(actor, "accounts.view")
    show = can(actor, "accounts.view_personal")
    rows = (query(text, sort, descending, reach=offset + limit).offset(offset).limit(limit)
            .tuples())
    return [display_row(r, lang, show) for r in rows]


def count(actor: Actor, text: str = "") -> int:
    """How many accounts match: a full count, so call it on demand, not on every keystroke."""
    require(actor, "accounts.view")
    found = search.count_query(text)
    if found is not None:
        return found.scalar(database) or 0
    return Account.select(fn.COUNT(Account.id)).scalar() or 0
