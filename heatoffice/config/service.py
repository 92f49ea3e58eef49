"""The company's details every document prints (name, address, phone, bank): shown, changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from heatoffice import config
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import parse_money

# The settings a user may change, in the order they are shown, with their longest length.
# ``hotline`` is the service phone printed on every document. The account number pattern is
# shown but not changed here: the numbers already given were made from it. The company's
# details are the settings dialog's; the backup settings are the admin's (backups.make too).
COMPANY: dict[str, int] = {
    "company_name": 64,
    "company_address": 128,
    "hotline": 32,
    "bank_name": 64,
    "bank_account": 40,
    "max_amount": 20,   # the largest single amount, yuan (money.MAX_AMOUNT by default)
}
BACKUP: dict[str, int] = {
    "backup_dir": 255,
    "backup_daily": 3,
    "backup_weekly": 3,
    "backup_monthly": 3,
}
EDITABLE: dict[str, int] = {**COMPANY, **BACKUP}
_BANK_ACCOUNT = re.compile(r"[0-9][0-9 -]*[0-9]")
# A service line is often short (96069) or has several numbers: digits and their separators,
# not the strict one-number check of a customer's phone.
_SERVICE_PHONE = re.compile(r"[0-9][0-9 ()+\-、/转]*[0-9]")


@dataclass(frozen=True)
class SettingValue:
    key: str           # a key of config.DEFAULTS; its name is glossary.label("field", key)
    value: str
    editable: bool


def settings(actor: Actor) -> list[SettingValue]:
    """Every business setting and its value (the default when never set)."""
    require(actor, "org.view")
    keys = [*EDITABLE, *(k for k in config.DEFAULTS if k not in EDITABLE)]
    return [SettingValue(k, config.get(k), k in EDITABLE) for k in keys]


def clean(key: str, value: Any) -> str:
    """The value as stored, or a UserError naming the setting."""
    if key not in EDITABLE:
        raise UserError("settings.unknown", field="key", value=key,
                        keys="、".join(EDITABLE))
    text = " ".join(str(value or "").split())
    if key == "company_name":
        text = val.required(text, key)
    text = val.max_length(text, EDITABLE[key], key)
    if key == "hotline" and text and not _SERVICE_PHONE.fullmatch(text):
        raise UserError("settings.service_phone", field=key, value=text)
    if key == "bank_account" and text and not _BANK_ACCOUNT.fullmatch(text):
        raise UserError("settings.bank_account", field=key, value=text)
    if key == "backup_dir" and text and not PurePath(text).is_absolute():
        raise UserError("backup.bad_dir", field=key, value=text)
    if key in BACKUP and key != "backup_dir" and not (text.isdigit() and int(text) <= 999):
        raise UserError("backup.bad_keep", field=key, value=text)
    if key == "max_amount":
        amount = parse_money(val.required(text, key), field=key)
        if amount <= 0:
            raise UserError("billing.amount_not_positive", field=key, value=text)
        text = str(amount)
    return text


def set_setting(actor: Actor, key: str, value: Any) -> str:
    """Change one setting; returns the value stored. The audit row keeps before and after."""
    require(actor, "settings.edit")
    key = str(key or "").strip()
    if key in BACKUP:
        require(actor, "backups.make")
    text = clean(key, value)
    with database.atomic():
        before = config.get(key)
        if text != before:
            config.put(key, text)
            audit.record(actor, "settings.set", "setting", key, before={key: before},
                         after={key: text})
    return text


def set_settings(actor: Actor, values: dict[str, Any]) -> dict[str, str]:
    """Change several settings at once (the settings dialog): every bad value is reported
    together and nothing is written unless all are good."""
    require(actor, "settings.edit")
    v = val.Collector()
    cleaned = {key: v.check(clean, key, value) for key, value in values.items()}
    v.raise_if_any()
    with database.atomic():
        for key, text in cleaned.items():
            set_setting(actor, key, text)
    return {key: str(text) for key, text in cleaned.items()}
