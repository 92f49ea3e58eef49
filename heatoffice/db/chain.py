"""The tamper-evident ledger: every ledger row and audit row carries a hash chained to the one
before it, so a row rewritten, deleted or inserted outside the program is found by ``check``.

A chain is one table's rows in id order (the adjustments' decisions: in ``decision_no``
order). Each row's ``hash`` is SHA-256 (hex) over the previous row's hash, a record separator
and the row's canonical content (:func:`canonical`); the first row's previous hash is 64
zeros. The head of each chain (``chain_head``: chain, last id, last hash) moves in the same
transaction as the rows; the heads are locked together (PostgreSQL: SELECT … FOR UPDATE of
every head, in name order) before a row is added, so rows take their ids in chain order.
Lock order: accounts, then the chain heads, then the year's receipt counter.

Canonical content: the columns of :data:`CHAINS` in that order (never ``id``: a row's place in
the chain is its id), each as stored: NULL as ``\\N``; an integer (money in fen, areas in
hundredths, booleans as 1/0) in decimal; a date as YYYY-MM-DD; a date and time as
YYYY-MM-DD HH:MM:SS[.ffffff]; text as is, with backslash and the unit separator escaped; the
values joined by the unit separator (U+001F). Never a float. An adjustment's decision (status,
decided by/at, business date) is its own chain, bound to the adjustment's row hash.

Rows of a chain are added through :class:`Link` (a transaction's locked heads): the ORM's
``create`` of a chained model (:class:`Chained`), ``payments.insert_row``, ``audit.statement``,
``bulk.writer`` (imports, payment batches) and the billing run, which hashes its bills and
lines in Python while it builds them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import CharField, Database

from heatoffice.db.base import BaseModel
from heatoffice.db.connection import database, is_postgres

GENESIS = "0" * 64
HEAD_TABLE = "chain_head"
UNIT, RECORD = "\x1f", "\x1e"  # between a row's values; between the previous hash and them


@dataclass(frozen=True)
class Chain:
    """One chain: ``table``'s rows ordered by ``order``, ``columns`` hashed into ``hash``."""

    name: str
    table: str
    columns: tuple[str, ...]
    hash: str = "hash"
    order: str = "id"
    # rows that belong to the chain (all when empty); with ``order`` other than id, the
    # condition that a row must be in it
    member: str = ""


CHAINS: dict[str, Chain] = {c.name: c for c in (
    Chain("bill", "bill", ("account_id", "season_id", "tariff_id", "kind", "area", "total",
                           "issued_at", "issued_by", "business_date")),
    Chain("bill_line", "bill_line", ("bill_id", "seq", "kind", "description", "quantity",
                                     "unit_price", "share", "days", "amount")),
    Chain("adjustment", "adjustment", ("account_id", "bill_id", "kind", "amount", "reason",
                                       "proposed_by", "proposed_at", "source")),
    # the decision of an adjustment, bound to its row's hash
    Chain("adjustment_decision", "adjustment",
          ("hash", "status", "decided_by", "decided_at", "business_date"),
          hash="decision_hash", order="decision_no",
          member="decision_no IS NOT NULL OR status <> 'proposed'"),
    Chain("payment", "payment", ("receipt_no", "receipt_year", "receipt_seq", "account_id",
                                 "amount", "method", "tendered", "change", "cashier",
                                 "taken_at", "business_date", "reverses_id", "reason",
                                 "reference", "source")),
    Chain("allocation", "allocation", ("payment_id", "bill_id", "adjustment_id", "amount")),
    Chain("day_close", "day_close", ("cashier", "business_date", "closed_at", "closed_by",
                                     "receipt_count", "first_receipt", "last_receipt", "total",
                                     "reversal_count", "reversal_total", "cash_to_hand_over",
                                     "totals_by_method")),
    Chain("month_close", "month_close", ("month", "closed_at", "closed_by", "total",
                                         "totals_by_method")),
    Chain("audit_entry", "audit_entry", ("at", "actor", "actor_id", "action", "table",
                                         "record_id", "before", "after", "note")),
)}
BY_TABLE = {c.table: c for c in CHAINS.values() if c.order == "id"}
DECISION = CHAINS["adjustment_decision"]
# The heads are locked in two groups, the bills' always before the rest's: the season run
# holds the bills' group for its whole run while payments, logins and the rest, which take
# only the other group, go on.
BILLS = ("bill", "bill_line")
REST = tuple(sorted(set(CHAINS) - set(BILLS)))


def group_of(table: str) -> tuple[str, ...]:
    """The head group a row of ``table`` is added under."""
    return BILLS if table in BILLS else REST


def as_hex(value: object) -> str:
    """A stored hash as hex text, whatever the driver hands back: the season run stores its
    bills' and lines' hashes on SQLite as their 32 bytes (a BLOB), every other row as hex."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


class HashField(CharField):
    """A chained row's hash: hex text, read as hex also where it is stored as its 32 bytes."""

    def python_value(self, value: Any) -> Any:
        return None if value is None else as_hex(value)


def _str(value: str) -> str:
    if "\\" in value or UNIT in value:
        return value.replace("\\", "\\\\").replace(UNIT, "\\u")
    return value


_TEXT: dict[type, Any] = {
    str: _str,
    int: int.__str__,
    bool: lambda v: "1" if v else "0",
    type(None): lambda v: "\\N",
    _dt.date: _dt.date.isoformat,
    _dt.datetime: lambda v: v.isoformat(" "),
}


def text(value: Any) -> str:
    """One stored value in its canonical text (TypeError for a float or anything unknown)."""
    convert = _TEXT.get(type(value))
    if convert is None:
        if isinstance(value, str):
            return _str(str(value))
        raise TypeError(f"no canonical text for {type(value).__name__}: {value!r}")
    return convert(value)


def canonical(values: Iterable[Any]) -> str:
    lookup = _TEXT.get
    return UNIT.join([(lookup(type(v)) or text)(v) for v in values])


def link(prev: str, values: Iterable[Any]) -> str:
    """The hash of a row of ``values`` (stored values, in the chain's column order) after a
    row whose hash is ``prev``."""
    return hashlib.sha256((prev + RECORD + canonical(values)).encode()).hexdigest()


# How many times each chain's head was written in this process (Link.statements): a bulk
# writer holding a Link reads the heads again only when another Link moved them since.
_moves: dict[str, int] = {}


def moves(chains: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(_moves.get(c, 0) for c in chains)


def chains_of(table: str) -> tuple[str, ...]:
    """The chains a bulk writer of ``table`` moves (an adjustment's row and decision)."""
    name = BY_TABLE[table].name
    return (name, DECISION.name) if name == "adjustment" else (name,)


class Link:
    """The chain heads, locked for the rest of the transaction: hands out the hash of each
    row added, then writes the heads that moved (:meth:`flush` or :meth:`statements`).

    Valid while nothing it gave out is rolled back: take one for a stretch of writes with no
    savepoint between them (the ORM's path takes a fresh one per row)."""

    def __init__(self, heads: dict[str, tuple[int, str]],
                 chains: tuple[str, ...] = tuple(CHAINS)) -> None:
        self.heads = heads
        self.chains = frozenset(chains)
        self.moved: dict[str, int | None] = {}  # chain -> its last order value (None: MAX)

    @classmethod
    def lock_sql(cls, chains: tuple[str, ...] = REST, db: Database | None = None) -> str:
        """The SELECT that reads and locks the heads of ``chains`` (parameters: the chains'
        names), in name order; to be run alone (:meth:`lock`) or inside another statement
        (heatoffice.billing.position.load_locked), its rows then given to :meth:`locked`."""
        db = db if db is not None else database.obj
        marks = ", ".join([db.param] * len(chains))
        sql = (f"SELECT chain, last_id, last_hash FROM {HEAD_TABLE} WHERE chain IN ({marks}) "
               "ORDER BY chain")
        return sql + " FOR UPDATE" if is_postgres(db) else sql

    @classmethod
    def lock(cls, chains: tuple[str, ...] = REST, db: Database | None = None) -> Link:
        """The heads of ``chains`` (one group: :data:`BILLS` or :data:`REST`), locked to the
        end of the transaction on PostgreSQL (SQLite's write transaction holds the database)."""
        db = db if db is not None else database.obj
        return cls.locked(db.execute_sql(cls.lock_sql(chains, db), tuple(chains)).fetchall(),
                          chains, db)

    @classmethod
    def locked(cls, rows: Sequence[Sequence[Any]], chains: tuple[str, ...] = REST,
               db: Database | None = None) -> Link:
        """The Link of heads read by :meth:`lock_sql` (rows: chain, last id, last hash)."""
        if len(rows) < len(chains):
            # A head missing (a database emptied by hand; `check` names a lost head of a
            # chain with rows): made again, in name order as every desk does, then locked.
            db = db if db is not None else database.obj
            missing = sorted(set(chains) - {r[0] for r in rows})
            values = ", ".join([f"({db.param}, 0, {db.param})"] * len(missing))
            db.execute_sql(f"INSERT INTO {HEAD_TABLE} (chain, last_id, last_hash) VALUES "
                           f"{values} ON CONFLICT (chain) DO NOTHING",
                           tuple(v for name in missing for v in (name, GENESIS)))
            rows = db.execute_sql(cls.lock_sql(chains, db), tuple(chains)).fetchall()
        return cls({name: (int(last), str(h)) for name, last, h in rows}, chains)

    def head(self, chain: str) -> tuple[int, str]:
        if chain not in self.chains:
            raise RuntimeError(f"the head of chain {chain} is not locked")
        return self.heads.get(chain, (0, GENESIS))

    def next(self, chain: str, values: Sequence[Any], order: int | None = None) -> str:
        """The hash of the next row of ``chain``; ``order``: its decision number (decision
        chain) or id when known (else the table's highest id, read when the head is written)."""
        last, prev = self.head(chain)
        digest = link(prev, values)
        self.heads[chain] = (order if order is not None else last, digest)
        self.moved[chain] = order
        return digest

    def many(self, chain: str, rows: Iterable[Sequence[Any]]) -> list[str]:
        """The hashes of consecutive rows of ``chain`` (stored values in column order)."""
        last, prev = self.head(chain)
        out = []
        sha, record, join, lookup = hashlib.sha256, RECORD, UNIT.join, _TEXT.get
        for values in rows:
            prev = sha((prev + record + join([(lookup(type(v)) or text)(v) for v in values]))
                       .encode()).hexdigest()
            out.append(prev)
        if out:
            self.heads[chain] = (last, prev)
            self.moved[chain] = None
        return out

    def advance(self, chain: str, last_hash: str) -> None:
        """Rows hashed by the caller up to ``last_hash`` were added to ``chain``."""
        self.heads[chain] = (self.head(chain)[0], last_hash)
        self.moved[chain] = None

    def decision_no(self) -> int:
        return self.head(DECISION.name)[0] + 1

    def statements(self) -> list[tuple[str, tuple]]:
        """The heads that moved (then forgotten), as one statement to run in the transaction
        after the rows they name: an upsert, so that a head lost is made again."""
        if not self.moved:
            return []
        p = database.param
        rows: list[str] = []
        params: list[object] = []
        for name, order in self.moved.items():
            _moves[name] = _moves.get(name, 0) + 1
            if order is None:
                table = CHAINS[name].table
                rows.append(f"({p}, (SELECT COALESCE(MAX(id), 0) FROM \"{table}\"), {p})")
                params += [name, self.heads[name][1]]
            else:
                rows.append(f"({p}, {p}, {p})")
                params += [name, order, self.heads[name][1]]
        self.moved = {}
        return [(f"INSERT INTO {HEAD_TABLE} (chain, last_id, last_hash) VALUES "
                 f"{', '.join(rows)} ON CONFLICT (chain) DO UPDATE SET "
                 "last_id = excluded.last_id, last_hash = excluded.last_hash", tuple(params))]

    def flush(self, db: Database | None = None) -> None:
        db = db if db is not None else database.obj
        for sql, params in self.statements():
            db.execute_sql(sql, params)


def row_values(model: Any, data: dict[str, Any], columns: Sequence[str]) -> list[Any]:
    """The stored values of ``columns`` of a row of ``model`` from field name -> value."""
    by_column = model._meta.columns
    out = []
    for column in columns:
        field = by_column[column]
        if field.name in data:
            value = data[field.name]
        else:  # what the INSERT leaves to the field's default
            value = field.default() if callable(field.default) else field.default
        out.append(field.db_value(value))
    return out


def stamp(lk: Link, model: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The chain fields of a new row of ``model`` (field name -> value): its hash and, for an
    adjustment inserted decided, its decision's number and hash."""
    chain = BY_TABLE[model._meta.table_name]
    digest = lk.next(chain.name, row_values(model, data, chain.columns))
    out: dict[str, Any] = {"hash": digest}
    if chain.name == "adjustment" and data.get("status", "proposed") != "proposed":
        out.update(decide(lk, model, {**data, "hash": digest}))
    return out


def decide(lk: Link, model: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The decision fields of an adjustment decided now (``data``: its fields, decided)."""
    number = lk.decision_no()
    values = row_values(model, data, DECISION.columns)
    return {"decision_no": number, "decision_hash": lk.next(DECISION.name, values, number)}


class Chained(BaseModel):
    """A model whose rows are chained: ``create`` (an INSERT through ``save``) stamps the row
    and moves the head in the caller's transaction."""

    def save(self, force_insert: bool = False, only: Any = None) -> Any:
        if not (force_insert or self._pk is None):
            return super().save(force_insert=force_insert, only=only)
        with database.atomic():
            lk = Link.lock(group_of(self._meta.table_name))
            for name, value in stamp(lk, type(self), self.__data__).items():
                setattr(self, name, value)
            result = super().save(force_insert=force_insert, only=only)
            lk.flush()
        return result


def insert_hashes(model: Any, names: Sequence[str]) -> Any:
    """For a bulk writer of ``model`` with columns ``names`` (plus "hash" and, for
    adjustments, "decision_no" and "decision_hash" at the end): a function from rows to rows
    with those added, and the Link to flush after the rows are written."""
    chain = BY_TABLE[model._meta.table_name]
    positions = [names.index(c) for c in chain.columns]
    decided = chain.name == "adjustment"
    if decided:
        status = names.index("status")
        decision = [names.index(c) for c in DECISION.columns if c != "hash"]

    def add(lk: Link, rows: Sequence[Sequence[Any]]) -> list[tuple]:
        hashes = lk.many(chain.name, ([r[i] for i in positions] for r in rows))
        if not decided:
            return [(*r, h) for r, h in zip(rows, hashes, strict=True)]
        out = []
        for r, h in zip(rows, hashes, strict=True):
            if r[status] == "proposed":
                out.append((*r, h, None, None))
                continue
            number = lk.decision_no()
            digest = lk.next(DECISION.name, [h, *(r[i] for i in decision)], number)
            out.append((*r, h, number, digest))
        return out
    return add


def extra_columns(model: Any) -> tuple[str, ...]:
    chain = BY_TABLE.get(model._meta.table_name)
    if chain is None:
        return ()
    return ("hash", "decision_no", "decision_hash") if chain.name == "adjustment" else ("hash",)
