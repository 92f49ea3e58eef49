"""Opening many accounts at once (an import): the rows of ``open_account`` written in batches.

Each account gets what ``service.open_account`` gives one: its row, its first status-history
row, its search text and its ``accounts.open`` audit row, written through the connection's
cursor (``db/bulk.py``) inside the caller's transaction. Ids are taken up front (PostgreSQL:
from the sequence; SQLite: after the largest, the write lock being held), so the batches
need no reading back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from json.encoder import encode_basestring
from typing import Any

from heatoffice import changes, clock
from heatoffice.accounts import search
from heatoffice.accounts.models import Account, AccountStatusChange, format_address
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db import bulk
from heatoffice.db.connection import database, is_postgres

BATCH = 5000
# What an imported account carries; ``community`` is the community's (id, name).
FIELDS = ("account_no", "category", "name", "contact", "phone", "phone2", "id_number",
          "building", "unit", "floor", "room", "station_id", "heating_area", "status",
          "low_income", "connected_on", "notes")
_COLUMNS = ("id", "account_no", "category", "name", "contact", "phone", "phone2",
            "id_number", "community_id", "building", "unit", "floor", "room", "station_id",
            "heating_area", "status", "low_income", "connected_on", "notes", "created_at",
            "updated_at")
_CHANGE = ("account_id", "from_status", "to_status", "at", "by", "reason")
_AUDIT = ("at", "actor", "actor_id", "action", "table", "record_id", "before", "after", "note")


def _ids(count: int) -> list[int]:
    if is_postgres():
        return [r[0] for r in database.execute_sql(
            "SELECT nextval(pg_get_serial_sequence('account', 'id')) "
            "FROM generate_series(1, %s)", (count,)).fetchall()]
    first = (database.execute_sql("SELECT MAX(id) FROM account").fetchone()[0] or 0) + 1
    return list(range(first, first + count))


def open_accounts(actor: Actor, rows: Sequence[dict[str, Any]], *, reason: str,
                  note: str = "",
                  progress: Callable[[int, int], Any] | None = None) -> list[int]:
    """Open an account for each of ``rows`` (cleaned values: FIELDS and ``community`` as
    (id, name)); returns their ids. The caller checked them (numbers free, communities and
    stations registered) and holds the transaction."""
    require(actor, "accounts.edit")
    if not rows:
        return []
    now = clock.now()
    stamp = now.isoformat(" ")
    ids = _ids(len(rows))
    write_accounts = bulk.writer(Account, _COLUMNS)
    write_changes = bulk.writer(AccountStatusChange, _CHANGE)
    write_audit = bulk.writer(AuditEntry, _AUDIT)
    user, user_id = actor.username, actor.user_id
    text = encode_basestring  # a JSON string, as json.dumps(..., ensure_ascii=False) writes it
    when = text(now.isoformat())

    def number(value: int | None) -> str:
        return "null" if value is None else str(value)

    # PostgreSQL: a second thread sends each batch's COPYs while the next is made
    with bulk.pipelined():
        for start in range(0, len(rows), BATCH):
            part = rows[start:start + BATCH]
            accounts, history, entries, documents = [], [], [], []
            for account_id, r in zip(ids[start:start + BATCH], part, strict=True):
                community_id, community = r["community"]
                area = r["heating_area"]
                hundredths = int(area * 100)
                connected = r.get("connected_on")
                day = connected.isoformat() if connected is not None else None
                accounts.append((account_id, r["account_no"], r["category"], r["name"],
                                 r["contact"], r["phone"], r["phone2"], r["id_number"],
                                 community_id, r["building"], r["unit"], r["floor"], r["room"],
                                 r["station_id"], hundredths, r["status"], bool(r["low_income"]),
                                 day, r["notes"], stamp, stamp))
                history.append((account_id, None, r["status"], stamp, user, reason))
                # audit.snapshot's JSON of the new account (its fields in order), put together
                # here: json.dumps of a dict per row was a fifth of the write
                after = (f'{{"id": {account_id}, "account_no": {text(r["account_no"])}, '
                         f'"category": {text(r["category"])}, "name": {text(r["name"])}, '
                         f'"contact": {text(r["contact"])}, "phone": {text(r["phone"])}, '
                         f'"phone2": {text(r["phone2"])}, "id_number": {text(r["id_number"])}, '
                         f'"community": {community_id}, "building": {text(r["building"])}, '
                         f'"unit": {text(r["unit"])}, "floor": {number(r["floor"])}, '
                         f'"room": {text(r["room"])}, "station": {number(r["station_id"])}, '
                         f'"heating_area": "{area}", "status": {text(r["status"])}, '
                         f'"low_income": {"true" if r["low_income"] else "false"}, '
                         f'"connected_on": {"null" if day is None else text(day)}, '
                         f'"notes": {text(r["notes"])}, "created_at": {when}, '
                         f'"updated_at": {when}}}')
                entries.append((stamp, user, user_id, "accounts.open", "account", str(account_id),
                                None, after, note))
                documents.append((account_id, search.document(
                    r["account_no"], r["name"], r["contact"], r["phone"], r["phone2"],
                    format_address(community, r["building"], r["unit"], r["room"]))))
            write_accounts(accounts)
            write_changes(history)
            write_audit(entries)
            search.index_rows(documents, replace=False)
            if progress is not None:
                progress(start + len(part), len(rows))
    changes.note("accounts.open", "account", ids[0])
    return ids
