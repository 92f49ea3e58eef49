"""Reads for the backups page and the main window's status bar."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heatoffice import clock
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.backup import service
from heatoffice.db import backup

WARN_AFTER_DAYS = 2  # the status bar warns when the last backup is older than this


@dataclass(frozen=True)
class LastBackup:
    at: _dt.datetime | None   # None: no backup was ever made
    age_days: int | None
    warn: bool


def backups(actor: Actor) -> list[backup.Backup]:
    """The backups in this database's folder, newest first, each checksum recomputed."""
    return service.list_backups(actor)


def folder(actor: Actor) -> str:
    from heatoffice.db.connection import database

    if not can(actor, "backups.make"):
        return ""
    return str(backup.folder(database.obj))


def last_backup(actor: Actor) -> LastBackup | None:
    """When the last backup of this database was made (any kind, any desk); None for a role
    without backups.make (the status bar shows it to the admin)."""
    if not can(actor, "backups.make"):
        return None
    row = (AuditEntry.select(AuditEntry.at).where(AuditEntry.action == "backups.make")
           .order_by(AuditEntry.id.desc()).first())
    if row is None:
        return LastBackup(None, None, True)
    age = (clock.now() - row.at).days
    return LastBackup(row.at, age, age >= WARN_AFTER_DAYS)
