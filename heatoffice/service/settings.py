"""The service desk's settings: stored in the settings table (config.stored / config.put) under
the keys below, their defaults here. Read them with ``get``/``get_int``/``get_json``; change them
with ``set_setting`` (settings.edit, audited as settings.set). Each part of the area adds its
keys to DEFAULTS in its own block."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from heatoffice import config, glossary
from heatoffice import validation as val
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
_DECIMALS: dict[str, tuple[int, int]] = {"room_temp_standard": (10, 30)}
# the categories whose work orders take a deadline in hours (a leak's is fixed: deadlines.py)
DEADLINE_CATEGORIES = ("no-heat", "low-temperature", "noise", "billing", "consultation",
                       "complaint", "other")
DEADLINE_HOURS = (1, 30 * 24)


def deadline_field(category: str) -> str:
    """The form's field of one category's deadline (the settings dialog)."""
    return f"service_deadline_hours.{category}"


def deadline_hours() -> dict[str, int]:
    """The hours of every category in DEADLINE_CATEGORIES as the work orders take them."""
    stored = get_json("service_deadline_hours")
    out = {}
    for code in DEADLINE_CATEGORIES:
        try:
            out[code] = int(stored.get(code, 72))
        except (TypeError, ValueError):
            out[code] = 72
    return out


def clean_deadlines(hours: Any) -> str:
    """The deadlines per category as stored (JSON), each checked: a whole number of hours
    from DEADLINE_HOURS; every bad one is reported, naming its category."""
    if not isinstance(hours, dict):
        raise UserError("service.bad_setting", field="service_deadline_hours", value=str(hours))
    v = val.Collector()
    low, high = DEADLINE_HOURS
    out: dict[str, int] = {}
    for code, value in hours.items():
        text = str(value if value is not None else "").strip()
        if code not in DEADLINE_CATEGORIES:
            v.add(UserError("validation.choice", field="service_deadline_hours", value=code,
                            choices="、".join(DEADLINE_CATEGORIES)))
        elif not (text.isdigit() and low <= int(text) <= high):
            v.add(UserError("service.bad_deadline", field=deadline_field(code),
                            category=glossary.term("call_category", code), value=text,
                            low=low, high=high))
        else:
            out[code] = int(text)
    v.raise_if_any()
    return json.dumps(out, ensure_ascii=False, sort_keys=True)
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
            raise UserError("service.setting_range", field=key, value=text, low=low, high=high)
        return str(int(text))
    if key in _DECIMALS:
        low, high = _DECIMALS[key]
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not low <= number <= high:
            raise UserError("service.setting_range", field=key, value=text, low=low, high=high)
        return str(number)
    if key in _STEPS:
        try:
            if not parse_steps(text):
                raise ValueError(text)
        except (ValueError, InvalidOperation):
            raise UserError("service.bad_setting", field=key, value=text) from None
        return text
    if key in _JSON:
        if isinstance(value, dict):  # the settings dialog: hours by category
            return clean_deadlines(value)
        try:
            loaded = json.loads(text)
        except ValueError:
            raise UserError("service.bad_setting", field=key, value=text) from None
        return clean_deadlines(loaded)
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


def set_settings(actor: Actor, values: dict[str, Any]) -> dict[str, str]:
    """Change several service settings at once (the service settings dialog): every bad value
    is reported together, each naming its field, and nothing is written unless all are good;
    each change is audited by ``set_setting`` in one transaction."""
    require(actor, "settings.edit")
    v = val.Collector()
    cleaned: dict[str, str] = {}
    for key, value in values.items():
        text = v.check(clean, key, value)
        if text is not None:
            cleaned[key] = text
    v.raise_if_any()
    with database.atomic():
        for key, text in cleaned.items():
            set_setting(actor, key, text)
    return cleaned
