"""Audit log reads for the audit page: plain rows, checked against "audit.view"."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from heatoffice.audit import service
from heatoffice.auth.actor import Actor


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: _dt.datetime
    actor: str
    action: str
    table: str
    record_id: str
    before: str | None  # JSON of the values before the change
    after: str | None
    note: str


def entries(actor: Actor, *, table: str | None = None, record_id: Any = None,
            user: str | None = None, action: str | None = None,
            actions: Collection[str] | None = None,
            since: _dt.datetime | None = None, until: _dt.datetime | None = None,
            limit: int = 500) -> list[AuditRow]:
    """Audit rows, newest first, filtered by table, record, user, action prefix, a set of
    actions (heatoffice.audit.display.actions_named finds them by name) and time."""
    return [AuditRow(e.id, e.at, e.actor, e.action, e.table, e.record_id, e.before, e.after,
                     e.note)
            for e in service.list_entries(actor, table=table, record_id=record_id, user=user,
                                          action=action, actions=actions, since=since, until=until,
                                          limit=limit)]
