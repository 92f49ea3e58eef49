"""Export the account register (or the accounts a search finds) to an Excel workbook."""

from __future__ import annotations

import os
from collections.abc import Iterator

from peewee import JOIN

from heatoffice import glossary
from heatoffice.accounts import register
from heatoffice.accounts.models import Account, Station
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.db.connection import database
from heatoffice.exports import xlsx
from heatoffice.privacy import mask_id_number, mask_phone

BATCH = 2000

# Columns after the register's own (户号 … 状态): what a clerk needs to follow an account up;
# their headings are glossary "column" terms like the register's.
EXTRA_COLUMNS = ("contact", "phone2", "id_number", "station", "created_at")


def headers(lang: str | None = None) -> list[str]:
    return [glossary.label("column", c, lang) for c in (*register.COLUMNS, *EXTRA_COLUMNS)]


def rows(actor: Actor, text: str = "", *, lang: str | None = None) -> Iterator[tuple]:
    """Export rows in account id order, read a batch at a time (never the whole table).

    Batches continue after the last id seen rather than at an offset, so each query is an
    index seek and an account opened meanwhile neither shifts nor repeats a row.
    """
    require(actor, "accounts.view")
    show = can(actor, "accounts.view_personal")
    base = (register.query(text, sort="id", personal=show)
            .select_extend(Account.contact, Account.phone2, Account.id_number, Station.name,
                           Account.created_at)
            .join(Station, JOIN.LEFT_OUTER, on=(Account.station == Station.id)))
    extras = len(EXTRA_COLUMNS)
    last_id = 0
    while True:
        batch = list(base.where(Account.id > last_id).limit(BATCH).tuples())
        if not batch:
            return
        for values in batch:
            contact, phone2, id_number, station, created_at = values[-extras:]
            # The register's own formatting, so the sheet reads like the list on screen.
            shown = register.display_row(values[:-extras], lang, show)
            yield (*shown[1:], contact,
                   phone2 if show else mask_phone(phone2),
                   id_number if show else mask_id_number(id_number),
                   station or "",
                   created_at.date() if created_at else None)
        last_id = batch[-1][0]


def export_accounts(actor: Actor, path: str | os.PathLike[str], text: str = "",
                    progress: xlsx.Progress | None = None, *, lang: str | None = None) -> int:
    """Write the accounts matching ``text`` to ``path``; returns how many were written.

    Phones and ID numbers are masked unless the actor may see personal data. The export is
    audited with the file name and the row count once the file is complete.
    """
    require(actor, "accounts.export")
    names = list(register.COLUMNS) + list(EXTRA_COLUMNS)
    formats = {names.index("heating_area"): xlsx.AREA, names.index("created_at"): xlsx.DATE}
    # The most each column takes; it is as wide as its header and values need up to that.
    widths = {"account_no": 16, "name": 24, "address": 40, "contact": 16, "phone": 15,
              "phone2": 15, "id_number": 21, "station": 16, "created_at": 12}
    total = register.count(actor, text) if progress is not None else None
    report = glossary.pick("用户档案", "Accounts", lang)
    heading = xlsx.title_lines(actor, report, lang=lang,
                               filters=[(glossary.pick("查找", "Search", lang), text.strip())])
    count = xlsx.write_sheet(
        path, report, headers(lang), rows(actor, text, lang=lang),
        number_formats=formats, widths=[widths.get(n) for n in names], progress=progress,
        total=total, heading=heading, lang=lang)
    with database.atomic():
        audit.record(actor, "accounts.export", "account", "*",
                     note=f"{os.fspath(path)} ({count})" + (f" search={text}" if text else ""))
    return count
