"""The service desk's settings: stored in the settings table (config.stored / config.put) under
the keys below, their defaults here. Read them with ``get``/``get_int``/``get_json``; change them
with ``set_setting`` (settings.edit, audited as settings.set). Each part of the area adds its
keys to DEFAULTS in its own block."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from heatoffice import config
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.service.tempcheck_rules import parse_steps

DEFAULTS: dict[str, str] = {
    # -- calls and work orders (parts 1-3) --
    # minutes from a call's end within which its work order must be dispatched (接完电话十分钟内)
    "service_dispatch_minutes": "10",
    # hours from the call to the deadline of a work order, per call category; a major leak is
    # due at once and a minor leak by 24:00 the same day whatever stands here (deadlines.py)
    "service_deadline_hours": json.dumps({
        "no-heat": 24, "low-temperature": 48, "noise": 72, "billing": 72,
        "consultation": 72, "complaint": 72, "other": 72}),
    # -- complaints, inspections, temperature checks (parts 4-6) --
    # days within which a written complaint is answered (by the end of the last day)
    "complaint_reply_days": "7",
    # the room temperature a heated home must reach, °C (below it a reading is flagged)
    "room_temp_standard": "18",
    # the check plan (四查): floors up to this one are low floors
    "tempcheck_low_floor": "2",
    # community codes at the ends of the network, comma separated; empty: per station its
    # last community by code, and there the highest building (tempcheck_rules.network_ends)
    "tempcheck_network_ends": "",
    # the refund of a home that stayed too cold: "degrees short:percent of the days' fee",
    # the highest step reached counts; and the fewest days that earn a refund
    "cold_refund_steps": "1:10,3:20,5:30",
    "cold_refund_min_days": "1",
}
# What a value must be: an integer from..to, a JSON object, a decimal.
_INTEGERS: dict[str, tuple[int, int]] = {"service_dispatch_minutes": (1, 24 * 60),
                                         "complaint_reply_days": (1, 90),
                                         "tempcheck_low_floor": (1, 10),
                                         "cold_refund_min_days": (1, 366)}
_JSON: set[str] = {"service_deadline_hours"}
_DECIMALS: set[str] = {"room_temp_standard"}
_STEPS: set[str] = {"cold_refund_steps"}


def get(key: str) -> str:
    stored = config.stored(key)
    return DEFAULTS[key] if stored is None else stored


def get_int(key: str) -> int:
    try:
        return int(get(key))
    except ValueError:
        return int(DEFAULTS[key])


def get_decimal(key: str) -> Decimal:
    try:
        return Decimal(get(key))
    except InvalidOperation:
        return Decimal(DEFAULTS[key])


def get_json(key: str) -> Any:
    try:
        return json.loads(get(key))
    except ValueError:
        return json.loads(DEFAULTS[key])


def clean(key: str, value: Any) -> str:
    """The value as stored, or a UserError naming the setting."""
    if key not in DEFAULTS:
        raise UserError("settings.unknown", field="key", value=key, keys="、".join(DEFAULTS))
    text = str(value if value is not None else "").strip()
    if key in _INTEGERS:
        low, high = _INTEGERS[key]
        if not (text.isdigit() and low <= int(text) <= high):
            raise UserError("service.bad_setting", field=key, value=text)
        return str(int(text))
    if key in _DECIMALS:
        try:
            return str(Decimal(text))
        except InvalidOperation:
            raise UserError("service.bad_setting", field=key, value=text) from None
    if key in _STEPS:
        try:
            if not parse_steps(text):
                raise ValueError(text)
        except (ValueError, InvalidOperation):
            raise UserError("service.bad_setting", field=key, value=text) from None
        return text
    if key in _JSON:
        try:
            loaded = json.loads(text)
        except ValueError:
            raise UserError("service.bad_setting", field=key, value=text) from None
        if not isinstance(loaded, dict):
            raise UserError("service.bad_setting", field=key, value=text)
        return json.dumps(loaded, ensure_ascii=False, sort_keys=True)
    return text


def set_setting(actor: Actor, key: str, value: Any) -> str:
    """Change one service setting; the audit row keeps before and after."""
    require(actor, "settings.edit")
    text = clean(key, value)
    with database.atomic():
        before = get(key)
        if text != before:
            config.put(key, text)
            audit.record(actor, "settings.set", "setting", key, before={key: before},
                         after={key: text})
    return text
