"""An audit row in the user's language: its action, record kind, note and changed values."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from heatoffice import glossary

# Fields whose stored value is a code of a glossary group, by record kind (the row's table).
VALUE_GROUPS: dict[tuple[str, str], str] = {
    ("account", "category"): "account_category",
    ("account", "status"): "account_status",
    ("tariff", "category"): "account_category",
    ("tariff", "settlement"): "tariff_settlement",
    ("user", "role"): "role",
    ("bill", "kind"): "bill_kind",
    ("payment", "method"): "payment_method",
    ("adjustment", "kind"): "adjustment_kind",
    ("adjustment", "status"): "adjustment_status",
    ("adjustment", "source"): "adjustment_source",
    ("dunning_contact", "method"): "dunning_method",
    ("recheck", "result"): "recheck_result",
    ("recheck", "follow_up"): "recheck_follow_up",
    ("recheck", "billed_status"): "account_status",
    ("recheck", "status_found"): "account_status",
    ("remeasure_request", "status"): "remeasure_status",
    ("complaint", "channel"): "complaint_channel",
    ("complaint", "state"): "complaint_state",
    ("complaint", "reply_method"): "reply_method",
    ("inspection", "kind"): "inspection_kind",
    ("inspection", "state"): "inspection_state",
    ("inspection", "conclusion"): "inspection_conclusion",
}


# Snapshots keep times as ISO text (audit.service._plain); shown as the desk shows times.
_ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?")


@dataclass(frozen=True)
class Change:
    """One field of an audited record: its name and its values before and after, as text."""

    field: str
    label: str
    before: str | None  # None: the row has no "before" (a record made) or lacks the field
    after: str | None


def action_label(action: str, lang: str | None = None) -> str:
    return glossary.label("audit_action", action, lang)


def table_label(table: str, lang: str | None = None) -> str:
    return glossary.label("audit_table", table, lang)


def note_text(note: str, lang: str | None = None) -> str:
    return glossary.label("audit_note", note, lang)


def field_label(table: str, field: str, lang: str | None = None) -> str:
    """A field's name; a few names depend on the record ("bill.kind" is not "adjustment.kind")."""
    own = f"{table}.{field}"
    return glossary.label("field", own if glossary.has("field", own) else field, lang)


def value_text(table: str, field: str, value: Any, lang: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return glossary.pick("是" if value else "否", "yes" if value else "no", lang)
    group = VALUE_GROUPS.get((table, field))
    if group is not None and isinstance(value, str) and value:
        return glossary.label(group, value, lang)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and (time := _ISO_TIME.fullmatch(value)):
        return f"{time[1]} {time[2]}"
    return str(value)


def changes(table: str, before: str | None, after: str | None,
            lang: str | None = None) -> list[Change]:
    """The values of an audit row's snapshots (JSON text) field by field.

    When both sides are known only the fields that changed are listed (every field if none
    did); otherwise every field of the one side.
    """
    old = json.loads(before) if before else {}
    new = json.loads(after) if after else {}
    fields = list(old) + [f for f in new if f not in old]
    if old and new:
        fields = [f for f in fields if old.get(f) != new.get(f)] or fields

    def shown(data: dict, field: str) -> str | None:
        return value_text(table, field, data[field], lang) if field in data else None

    return [Change(f, field_label(table, f, lang), shown(old, f), shown(new, f)) for f in fields]


def actions_named(text: str, lang: str | None = None) -> list[str]:
    """The audit actions whose code starts with ``text`` or whose name contains it."""
    text = text.strip()
    return [code for code, name in glossary.labels("audit_action", lang).items()
            if code.startswith(text) or (text and text in name)]
