"""Opening many accounts at once (an import): the rows of ``open_account`` written in batches.

Each account gets what ``service.open_account`` gives one: its row, its first status-history
row, its search text and its ``accounts.open`` audit row, written through the connection's
cursor (``db/bulk.py``) inside the caller's transaction. Ids are taken up front (PostgreSQL:
from the sequence; SQLite: after the largest, the write lock being held), so the batches
need no reading back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from json.encoder import encode_basestring
from typing import Any, Literal

from heatoffice import changes, clock
from heatoffice.accounts import search
from heatoffice.accounts.models import Account, AccountStatusChange, format_address
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db import bulk
from heatoffice.db.connection import database, is_postgres
from heatoffice.db.worker import Worker, WorkerGone

BATCH = 5000
ID_BLOCK = 20_000  # ids taken ahead by an Opener writing while a file is read (PostgreSQL)
WORKER_ROWS = 4_000  # a load larger than this has its search rows made by a worker process
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


# the tables an import fills (the search table: PostgreSQL's; SQLite's are full-text tables)
_TABLES = (Account._meta.table_name, AccountStatusChange._meta.table_name, search.PG)


def _empty() -> bool:
    return database.execute_sql(
        f"SELECT 1 FROM {Account._meta.table_name} LIMIT 1").fetchone() is None


_NEXT_IDS = ("SELECT nextval(pg_get_serial_sequence('account', 'id')) "
             "FROM generate_series(1, %s)")


def _ids(count: int) -> list[int]:
    if is_postgres():
        return [r[0] for r in database.execute_sql(_NEXT_IDS, (count,)).fetchall()]
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
        # Into an empty register (a company's first roster) the accounts' tables are loaded
        # as the demo loads them: their secondary indexes and foreign keys set aside and put
        # back in :meth:`done` (one sort and one join instead of a lookup per row), in the
        # caller's transaction (PostgreSQL: the tables locked until it ends).
        self.rebuild: list[str] | None = None
        if _empty():
            rebuild = bulk.set_aside(_TABLES)
            if _empty():
                self.rebuild = rebuild
            else:  # an account came in before the tables were locked
                bulk.put_back(rebuild)
        now = clock.now()
        self.stamp = now.isoformat(" ")
        self.when = encode_basestring(now.isoformat())
        self.user, self.user_id = actor.username, actor.user_id
        self.reason, self.note = reason, note
        self.write_accounts = bulk.writer(Account, _COLUMNS)
        self.write_changes = bulk.writer(AccountStatusChange, _CHANGE)
        self.write_audit = bulk.writer(AuditEntry, _AUDIT)
        self.first: int | None = None
        self.pool: list[int] = []
        self.coming: Future[list[Any]] | None = None  # the next block of ids (PostgreSQL)
        self.indexed = 0
        self.worker: Worker | Literal[False] | None = None  # making the search rows
        search.prepare_bulk()

    def write(self, rows: Sequence[dict[str, Any]], ids: list[int] | None = None) -> list[int]:
        """Open the accounts of ``rows`` (with ``ids`` taken beforehand, or new ones from
        a block taken ahead); their ids. Inside ``db.bulk.pipelined`` the batches before may
        still be being sent."""
        if not rows:
            return []
        if ids is None:
            ids = self._take(len(rows))
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
            # here: json.dumps of a dict per row was a fifth of the write, and the general
            # audit.snapshot_text (the batches' and opening balances') costs the roster import
            # 0.4 s more at 100,000 rows (measured): this is the import's critical path
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
        index = self._index(documents)  # (first: a worker makes them meanwhile)
        self.write_accounts(accounts)
        self.write_changes(history)
        self.write_audit(entries)
        index()
        return ids

    def _index(self, documents: list[tuple[int, str]]) -> Callable[[], None]:
        """What writes the accounts' search rows. Inside ``db.bulk.pipelined`` (PostgreSQL),
        once the load has passed WORKER_ROWS rows, a worker process makes them (their grams
        were a third of this process's work on a roster: ``db/worker``), asked for before
        the batch's other rows are put together, and the pipeline sends them when it has the
        answer, while this process goes on; a worker that cannot answer leaves the rows to
        be made here."""
        self.indexed += len(documents)
        if self.worker is None and self.indexed > WORKER_ROWS and bulk.pipelining():
            try:
                self.worker = Worker("heatoffice.accounts.search:copy_lines")
            except OSError:  # no second interpreter to be had
                self.worker = False
        if not self.worker:
            return lambda: search.index_rows(documents, replace=False)
        answer = self.worker.submit(documents)

        def body() -> bytes:
            try:
                return answer.result()
            except WorkerGone:
                return search.copy_lines(documents)

        return lambda: bulk.copy_body(database.obj.cursor(), search.PG, search.PG_COLUMNS,
                                      body)

    def _take(self, n: int) -> list[int]:
        """``n`` new ids from a block taken ahead (PostgreSQL: the sequence read once per
        ID_BLOCK rows, the next block asked for through ``db.bulk.ask`` while half of this
        one is left, so that the batches being sent need not be waited for; the ids a load
        leaves unused are a gap, as a rolled-back insert leaves)."""
        if len(self.pool) < n:
            if self.coming is not None:
                self.pool += [r[0] for r in self.coming.result()]
                self.coming = None
            if len(self.pool) < n:
                bulk.settle()  # the batches before sent: the connection is this thread's again
                self.pool += _ids(max(n, ID_BLOCK if is_postgres() else n))
        ids, self.pool = self.pool[:n], self.pool[n:]
        if self.coming is None and len(self.pool) < ID_BLOCK // 2 and is_postgres():
            self.coming = bulk.ask(_NEXT_IDS, (ID_BLOCK,))
        return ids

    @property
    def empty_before(self) -> bool:
        """The register was empty when the load began: no number can be taken but by the
        load itself."""
        return self.rebuild is not None

    def done(self) -> None:
        """After the last batch (inside ``db.bulk.pipelined``: the rows submitted are sent
        first)."""
        if self.worker:
            bulk.settle()  # (every answer sent)
            self.worker.close()
            self.worker = False
        if self.rebuild is not None:
            bulk.settle()
            bulk.put_back(self.rebuild)
            self.rebuild = None
        if self.first is not None:
            changes.note("accounts.open", "account", self.first)
