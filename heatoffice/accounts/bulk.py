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
    opener = Opener(actor, reason=reason, note=note)
    ids = _ids(len(rows))
    # PostgreSQL: a second thread sends each batch's COPYs while the next is made
    with bulk.pipelined():
        for start in range(0, len(rows), BATCH):
            end = start + BATCH
            opener.write(rows[start:end], ids[start:end])
            if progress is not None:
                progress(min(end, len(rows)), len(rows))
    opener.done()
    return ids


class Opener:
    """Opens accounts batch by batch (an import writing while it reads), inside the caller's
    transaction; :meth:`done` after the last batch. Inside ``db.bulk.pipelined`` a batch's
    rows are sent while the caller goes on."""

    def __init__(self, actor: Actor, *, reason: str, note: str = "") -> None:
        require(actor, "accounts.edit")
        now = clock.now()
        self.stamp = now.isoformat(" ")
        self.when = encode_basestring(now.isoformat())
        self.user, self.user_id = actor.username, actor.user_id
        self.reason, self.note = reason, note
        self.write_accounts = bulk.writer(Account, _COLUMNS)
        self.write_changes = bulk.writer(AccountStatusChange, _CHANGE)
        self.write_audit = bulk.writer(AuditEntry, _AUDIT)
        self.first: int | None = None
        search.prepare_bulk()

    def write(self, rows: Sequence[dict[str, Any]], ids: list[int] | None = None) -> list[int]:
        """Open the accounts of ``rows`` (with ``ids`` taken beforehand, or new ones: then
        inside ``db.bulk.pipelined`` the caller has let the batch before be sent,
        ``db.bulk.settle``); their ids."""
        if not rows:
            return []
        if ids is None:
            ids = _ids(len(rows))
        if self.first is None:
            self.first = ids[0]
        stamp, user, user_id, reason, note = (self.stamp, self.user, self.user_id,
                                              self.reason, self.note)
        text = encode_basestring  # a JSON string, as json.dumps(..., ensure_ascii=False) writes
        when = self.when
        document = search.document
        accounts, history, entries, documents = [], [], [], []
        for account_id, r in zip(ids, rows, strict=True):
            community_id, community = r["community"]
            area = r["heating_area"]
            connected = r.get("connected_on")
            day = connected.isoformat() if connected is not None else None
            floor, station = r["floor"], r["station_id"]
            account_no, name, contact, phone, phone2 = (r["account_no"], r["name"], r["contact"],
                                                        r["phone"], r["phone2"])
            building, unit, room, status = r["building"], r["unit"], r["room"], r["status"]
            accounts.append((account_id, account_no, r["category"], name, contact, phone,
                             phone2, r["id_number"], community_id, building, unit, floor, room,
                             station, int(area * 100), status, bool(r["low_income"]), day,
                             r["notes"], stamp, stamp))
            history.append((account_id, None, status, stamp, user, reason))
            # audit.snapshot's JSON of the new account (its fields in order), put together
            # here: json.dumps of a dict per row was a fifth of the write
            after = (f'{{"id": {account_id}, "account_no": {text(account_no)}, '
                     f'"category": {text(r["category"])}, "name": {text(name)}, '
                     f'"contact": {text(contact)}, "phone": {text(phone)}, '
                     f'"phone2": {text(phone2)}, "id_number": {text(r["id_number"])}, '
                     f'"community": {community_id}, "building": {text(building)}, '
                     f'"unit": {text(unit)}, "floor": {"null" if floor is None else floor}, '
                     f'"room": {text(room)}, "station": {"null" if station is None else station}, '
                     f'"heating_area": "{area}", "status": {text(status)}, '
                     f'"low_income": {"true" if r["low_income"] else "false"}, '
                     f'"connected_on": {"null" if day is None else text(day)}, '
                     f'"notes": {text(r["notes"])}, "created_at": {when}, '
                     f'"updated_at": {when}}}')
            entries.append((stamp, user, user_id, "accounts.open", "account", str(account_id),
                            None, after, note))
            documents.append((account_id, document(
                account_no, name, contact, phone, phone2,
                format_address(community, building, unit, room))))
        self.write_accounts(accounts)
        self.write_changes(history)
        self.write_audit(entries)
        search.index_rows(documents, replace=False)
        return ids

    def done(self) -> None:
        if self.first is not None:
            changes.note("accounts.open", "account", self.first)
