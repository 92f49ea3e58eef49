"""What the org services share: a not-found error, form values to ids and dates, audited saves."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import glossary
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError


def not_found(field: str, value: Any) -> UserError:
    return UserError("org.not_found", field=field, kind=glossary.term("field", field),
                     value=value)


def optional_id(value: Any, field: str) -> int | None:
    """A record id from a form: blank is None, anything not a number is not found."""
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise not_found(field, value) from None


def to_date(value: Any, field: str, *, optional: bool = False) -> _dt.date | None:
    if optional and (value is None or str(value).strip() == ""):
        return None
    return val.parse_date(value, field)


def save_audited(actor: Actor, action: str, table: str, record: Any,
                 before: dict | None) -> Any:
    """Write ``record`` and its audit row unless nothing changed; inside database.atomic()."""
    after = audit.snapshot(record)
    if before is not None and after == before:
        return record
    record.save()
    audit.record(actor, action, table, record.id, before=before, after=audit.snapshot(record))
    return record
