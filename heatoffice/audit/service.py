"""Write audit rows inside the caller's transaction, and list them with filters."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, overload

from peewee import Model

from heatoffice import changes, clock
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.identity import verify
from heatoffice.auth.permissions import require
from heatoffice.db import chain
from heatoffice.db.connection import database, is_read_only


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


# Left out of every snapshot: a secret, and the chain's own columns (heatoffice.db.chain).
HIDDEN = ("password_hash", "hash", "decision_no", "decision_hash")


@overload
def snapshot(record: None, *, hide: tuple[str, ...] = ...) -> None: ...
@overload
def snapshot(record: Model, *, hide: tuple[str, ...] = ...) -> dict: ...
def snapshot(record: Model | None, *, hide: tuple[str, ...] = HIDDEN) -> dict | None:
    """The stored values of a record as plain JSON-able data (secrets and the chain's
    hashes left out)."""
    if record is None:
        return None
    return {name: _plain(record.__data__.get(name))
            for name in record._meta.fields if name not in hide}


_JSON_VALUE: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null",
    Decimal: lambda v: f'"{v}"',
    _dt.date: lambda v: encode_basestring(v.isoformat()),
    _dt.datetime: lambda v: encode_basestring(v.isoformat()),
}


def snapshot_text(model: type[Model], names: tuple[str, ...]) -> Callable[[Sequence[Any]], str]:
    """For a bulk writer: a function from a row's values (in ``names``' order, which must be
    :func:`snapshot`'s: the model's fields, the hidden ones left out) to the JSON text
    :func:`record` writes of its snapshot (``json.dumps(…, ensure_ascii=False)``), with no
    model instance or dict per row. A value of another type than str, int, bool, None,
    Decimal, date or datetime is a TypeError, never a different text."""
    if names != tuple(n for n in model._meta.fields if n not in HIDDEN):
        raise RuntimeError(f"a {model.__name__} snapshot needs every field in the model's order")
    keys = [f"{encode_basestring(n)}: " for n in names]
    lookup = _JSON_VALUE.get

    def value(v: Any) -> str:
        convert = lookup(type(v))
        if convert is None:
            raise TypeError(f"no snapshot text for {type(v).__name__}: {v!r}")
        return convert(v)

    def text(values: Sequence[Any]) -> str:
        return "{" + ", ".join([k + value(v) for k, v in zip(keys, values, strict=True)]) + "}"
    return text


def _json(data: dict | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, default=_plain)


COLUMNS = ("at", "actor", "actor_id", "action", "table", "record_id", "before", "after", "note")


def values(actor: Actor, action: str, table: str, record_id: Any, *,
           before: dict | None = None, after: dict | None = None,
           note: str = "") -> list[Any]:
    """The stored values of one audit row's :data:`COLUMNS`, for a caller that writes the row
    itself (:func:`statement`, a bulk writer, which hashes it: heatoffice.db.bulk); noted on
    the change bus as :func:`record` does. The actor is verified as :func:`record` says."""
    verify(actor)
    changes.note(action, table, record_id)  # so the pages learn what the write changed
    fields = AuditEntry._meta.fields
    plain = (clock.now(), actor.username, actor.user_id, action, table, str(record_id),
             _json(before), _json(after), note)
    return [fields[c].db_value(v) for c, v in zip(COLUMNS, plain, strict=True)]


def statement(actor: Actor, action: str, table: str, record_id: Any, *, link: chain.Link,
              before: dict | None = None, after: dict | None = None,
              note: str = "") -> tuple[str, tuple]:
    """The INSERT of one audit row as (SQL, parameters), for a caller that sends it with other
    writes of its transaction in one batch (heatoffice.db.batch), hashed by ``link`` (the
    caller writes its heads after it); see :func:`values`."""
    stored = values(actor, action, table, record_id, before=before, after=after, note=note)
    stored.append(link.next("audit_entry", stored))
    fields = AuditEntry._meta.fields
    names = ", ".join(f'"{fields[c].column_name}"' for c in (*COLUMNS, "hash"))
    return (f'INSERT INTO "{AuditEntry._meta.table_name}" ({names}) '
            f"VALUES ({', '.join([database.param] * (len(COLUMNS) + 1))})", tuple(stored))


def record(actor: Actor, action: str, table: str, record_id: Any, *,
           before: dict | None = None, after: dict | None = None, note: str = "",
           login_row: bool = False) -> AuditEntry:
    """Add one audit row; call it inside the same ``db.atomic()`` as the change it describes.

    On a database opened read-only nothing can be written: the row is made but not saved,
    so that audited reads (an export) still work there; any real change fails by itself.

    The actor's user is read again here (``auth.identity.verify``), inside the write's own
    transaction: a user disabled or given another role before the write commits is refused
    and the write rolls back with it. Only the rows of logging in and out (``login_row``:
    the actor is who tries to log in, or leaves) are written unverified."""
    if not login_row:
        verify(actor)
    changes.note(action, table, record_id)  # so the pages learn what the write changed
    make = AuditEntry if is_read_only() else AuditEntry.create
    return make(
        at=clock.now(), actor=actor.username, actor_id=actor.user_id, action=action,
        table=table, record_id=str(record_id),
        before=_json(before), after=_json(after),
        note=note,
    )


def list_entries(actor: Actor, *, table: str | None = None, record_id: Any = None,
                 user: str | None = None, action: str | None = None,
                 actions: Collection[str] | None = None,
                 since: _dt.datetime | None = None, until: _dt.datetime | None = None,
                 limit: int = 500) -> list[AuditEntry]:
    """Audit rows, newest first, filtered by table, record, user, action prefix, a set of
    actions (heatoffice.audit.display.actions_named finds them by name) and time."""
    require(actor, "audit.view")
    q = AuditEntry.select()
    if table:
        q = q.where(AuditEntry.table == table)
    if record_id is not None:
        q = q.where(AuditEntry.record_id == str(record_id))
    if user:
        q = q.where(AuditEntry.actor == user)
    if action:
        q = q.where(AuditEntry.action.startswith(action))
    if actions is not None:
        q = q.where(AuditEntry.action.in_(list(actions)))
    if since:
        q = q.where(AuditEntry.at >= since)
    if until:
        q = q.where(AuditEntry.at < until)
    return list(q.order_by(AuditEntry.id.desc()).limit(limit))
