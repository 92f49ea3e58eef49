"""Business settings kept in the database: company name, address, phone, bank, account numbers."""

from __future__ import annotations

from peewee import CharField, TextField

from heatoffice.db.base import BaseModel


class Setting(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField()


MODELS = [Setting]

DEFAULTS: dict[str, str] = {
    # The letterhead of every notice, letter and receipt (heatoffice.org.settings changes them).
    "company_name": "阳光热力",
    "company_address": "",
    "hotline": "",          # the service phone
    "bank_name": "",        # where customers pay by bank transfer
    "bank_account": "",
    # {community_code} comes from the Community register; the rest from the account's address.
    "account_no_pattern": "{community_code}{building:0>2}{unit:0>2}{room:0>4}",
}


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return row.value
    return DEFAULTS[key]


def put(key: str, value: str) -> None:
    """Write a setting (callers are services that check permission and audit)."""
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()


def company_name() -> str:
    return get("company_name")
