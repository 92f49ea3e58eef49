"""The cells of a payment batch or an opening-balance file read into values: text, money,
dates, methods and sources, and accounts found by number (or suggested by name and
address). Pure reading and lookups, no writes; billing.batches and billing.opening use them."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from heatoffice import glossary
from heatoffice import validation as val
from heatoffice.accounts.models import Account, Community, format_address
from heatoffice.billing.models import (
    PAYMENT_METHODS,
)
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import parse_money

SOURCE_LENGTH = 32
CHUNK = 500  # keys per IN (...) lookup

# Words the collection services' files use for the method (besides the glossary's names).
METHOD_WORDS: dict[str, str] = {
    "微信": "wechat", "微信支付": "wechat", "财付通": "wechat", "wechat": "wechat",
    "支付宝": "alipay", "alipay": "alipay",
    "银行卡": "card", "刷卡": "card", "pos": "card", "银联": "card",
    "转账": "transfer", "银行": "transfer", "银行转账": "transfer", "代收": "transfer",
    "代扣": "transfer", "银行代收": "transfer", "银行代扣": "transfer", "邮政": "transfer",
    "邮政代收": "transfer", "网银": "transfer", "汇款": "transfer",
}
BATCH_METHODS = tuple(m for m in PAYMENT_METHODS if m != "cash")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def text_cell(value: Any) -> str:
    """A cell as text: full-width forms folded, spaces trimmed, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
    # control characters (NUL, which PostgreSQL refuses in text, and the like) are no data
    return _CONTROL.sub("", text) if not text.isprintable() else text


def money_cell(value: Any, field: str, row: int, maximum: Decimal | None = None) -> Decimal:
    """A cell as money (text "¥1,234.50", a number, an Excel float read back to the fen), at
    most ``maximum`` (the "max_amount" setting, as every amount a user enters)."""
    try:
        if isinstance(value, float):
            if not math.isfinite(value):
                raise UserError("money.format", field=field, value=value)
            value = Decimal(repr(value))
        elif isinstance(value, (_dt.date, bool)) or value is None:
            raise UserError("money.format" if value is not None else "validation.required",
                            field=field, value=value if value is not None else "")
        elif not isinstance(value, (int, Decimal, str)):
            raise UserError("money.format", field=field, value=str(value))
        return parse_money(value, field=field, maximum=maximum)
    except UserError as exc:
        exc.row = row
        raise
    except (InvalidOperation, ValueError, OverflowError):
        raise UserError("money.format", field=field, value=str(value), row=row) from None


def date_cell(value: Any, field: str, row: int) -> _dt.date:
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise UserError("validation.date", field=field, value=text_cell(value))
        return val.parse_date(text_cell(value) if not isinstance(value, _dt.date) else value,
                              field=field)
    except UserError as exc:
        exc.row = row
        raise


def in_list(n: int) -> str:
    return ", ".join([database.param] * n)


def accounts_by_no(numbers: Iterable[str]) -> dict[str, int]:
    """Account ids by number, looked up in chunks (SQL text, not built by peewee: a file
    of 20,000 rows would spend seconds building IN lists)."""
    wanted = sorted({n for n in numbers if n})
    found: dict[str, int] = {}
    table = Account._meta.table_name
    for i in range(0, len(wanted), CHUNK):
        part = wanted[i:i + CHUNK]
        found.update(database.execute_sql(f"SELECT account_no, id FROM {table} "
                                          f"WHERE account_no IN ({in_list(len(part))})",
                                          part).fetchall())
    return found


_ADDRESS_NOISE = ("号楼", "单元", "楼", "栋", "幢", "#", "号", "室", "-", "—", "_", "/")


def _squeeze(text: str) -> str:
    """An address reduced to its community and numbers: "阳光花园3号楼2单元501" and
    "阳光花园 3-2-501室" both read "阳光花园32501"."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    for noise in _ADDRESS_NOISE:
        text = text.replace(noise, "")
    return text


def suggest_account(name: str, address: str) -> str | None:
    """The one account whose name is ``name`` and whose address matches ``address`` (spaces
    and dashes ignored, either containing the other), or None when none or several do."""
    if not name:
        return None
    found = []
    for no, comm, bld, unit, room in (
            Account.select(Account.account_no, Community.name, Account.building, Account.unit,
                           Account.room)
            .join_from(Account, Community).where(Account.name == name).limit(50).tuples()):
        here = _squeeze(format_address(comm, bld, unit, room))
        wanted = _squeeze(address)
        if not wanted or wanted in here or (here and here in wanted):
            found.append(no)
    return found[0] if len(found) == 1 else None


def clean_source(value: Any) -> str:
    text = text_cell(value)
    if not text:
        raise UserError("validation.required", field="source", value="")
    return val.max_length(text, SOURCE_LENGTH, "source")


def batch_method(value: Any, field: str = "method") -> str:
    """A non-cash method from a code, a glossary name or a word the services' files use;
    blank is a bank transfer."""
    text = text_cell(value)
    if not text:
        return "transfer"
    word = METHOD_WORDS.get(text.lower()) or METHOD_WORDS.get(text)
    if word:
        return word
    method = val.choice(text, PAYMENT_METHODS, field=field)
    if method == "cash":
        raise UserError("payments.batch_cash", field=field, value=text)
    return method




def method_words(lang: str | None = None) -> str:
    """The methods a file may name, for the template's notes."""
    return "、".join(glossary.label("payment_method", m, lang) for m in BATCH_METHODS)
