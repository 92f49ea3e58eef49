"""Business settings kept in the database: company name, address, phone, bank, account numbers."""

from __future__ import annotations

DEFAULTS: dict[str, str] = {
    # The letterhead of every notice, letter and receipt (heatoffice.config.service changes them).
    "company_name": "阳光热力",
    "company_address": "",
    "hotline": "",          # the service phone
    "bank_name": "",        # where customers pay by bank transfer
    "bank_account": "",
    # {community_code} comes from the Community register; the rest from the account's address.
    "account_no_pattern": "{community_code}{building:0>2}{unit:0>2}{room:0>4}",
    # reception: the last day (month-day of the year a season starts) to file a stop for it,
    # and working days per application type where they differ from reception.workflow's
    "stop_deadline": "09-30",
    "reception_days": "{}",
    # backups (heatoffice.db.backup): the folder ("" = backups/ beside the SQLite file, or in
    # the user's data folder for PostgreSQL) and how many automatic backups rotation keeps
    "backup_dir": "",
    "backup_daily": "7",
    "backup_weekly": "4",
    "backup_monthly": "12",
}


def get(key: str) -> str:
    # The table is imported here so that reading this area's manifest (config/area.py)
    # imports neither peewee nor the data layer.
    from heatoffice.config.models import Setting

    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return row.value
    return DEFAULTS[key]


def put(key: str, value: str) -> None:
    """Write a setting (callers are services that check permission and audit)."""
    from heatoffice.config.models import Setting

    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()


def company_name() -> str:
    return get("company_name")
