"""Document checklists per application type: the defaults, and what an application lacks."""

from __future__ import annotations

from collections.abc import Iterable

from peewee import Database

# type -> the documents it needs, in the order the clerk checks them
DEFAULTS: dict[str, tuple[str, ...]] = {
    "new-connection": ("owner-id", "property-proof"),
    "stop": ("owner-id", "property-proof", "last-receipt"),
    "resume": ("owner-id",),
    "transfer": ("owner-id", "new-owner-id", "property-proof", "transfer-contract"),
    "area-change": ("owner-id", "property-proof"),
    "category-change": (),
    "close": ("owner-id", "property-proof"),
    "other": (),
}


def required_for(checklist: Iterable[str], relation: str) -> list[str]:
    """The documents an application needs: its type's list, and an agent's power of attorney."""
    keys = list(checklist)
    if relation == "agent" and "attorney" not in keys:
        keys.append("attorney")
    return keys


def missing(required: Iterable[str], received: Iterable[str]) -> list[str]:
    """The required documents not received, in checklist order."""
    have = set(received)
    return [key for key in required if key not in have]


def seed_checklists(db: Database) -> None:
    """A new database starts with the default checklists (schema version 4 adds them too)."""
    from heatoffice.reception.models import ChecklistItem

    rows = [{"type": t, "key": k, "seq": i, "required": True}
            for t, keys in DEFAULTS.items() for i, k in enumerate(keys, 1)]
    with db.atomic():
        ChecklistItem.insert_many(rows).execute()
