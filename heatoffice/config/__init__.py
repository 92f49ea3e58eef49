"""Business settings kept in the database: company name, address, phone, bank, account numbers."""

from __future__ import annotations

import time
from decimal import Decimal

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
    # The largest single amount anyone may enter (payment, adjustment, price), in yuan.
    "max_amount": "9999999.99",
    # "1" on a database that `heatoffice demo` / `--demo` filled: the window title says 演示 and
    # every printed PDF carries the watermark; set once by the demo, never by a user.
    "demo": "",
}


def get(key: str) -> str:
    # The table is imported here so that reading this area's manifest (config/area.py)
    # imports neither peewee nor the data layer.
    from heatoffice.config.models import Setting

    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return row.value
    return DEFAULTS[key]


def stored(key: str) -> str | None:
    """A stored value of any key (the settings above, or what an area keeps there, such as
    an import's column mapping); None when nothing is stored."""
    from heatoffice.config.models import Setting

    row = Setting.get_or_none(Setting.key == key)
    return None if row is None else row.value


def put(key: str, value: str) -> None:
    """Write a setting (callers are services that check permission and audit)."""
    from heatoffice.config.models import Setting

    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()
    if key == "max_amount":
        from heatoffice.db.connection import database

        if database.obj is not None:
            database.obj._max_amount = None


def company_name() -> str:
    return get("company_name")


# The cashier's window checks every amount against max_amount: the value is kept on the open
# database for this long, so that a payment costs no extra round trip. A change made here
# applies at once (put), one made at another desk within this time.
MAX_AMOUNT_SECONDS = 60.0


def max_amount() -> Decimal:
    """The "max_amount" setting: no single amount a user enters may be larger."""
    from heatoffice.db.connection import database
    from heatoffice.money import CAPITALS_LIMIT, MAX_AMOUNT

    db, now = database.obj, time.monotonic()
    kept = getattr(db, "_max_amount", None)
    if kept is not None and now - kept[0] < MAX_AMOUNT_SECONDS:
        return kept[1]
    try:
        value = Decimal(get("max_amount"))
    except (ArithmeticError, ValueError):
        value = MAX_AMOUNT
    if not value.is_finite() or value <= 0:
        value = MAX_AMOUNT
    value = min(value, CAPITALS_LIMIT)
    if db is not None:
        db._max_amount = (now, value)
    return value


def is_demo() -> bool:
    """True on a database filled with demo data (the "demo" setting)."""
    return get("demo") == "1"
