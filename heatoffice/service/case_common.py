"""What the complaints, inspections and temperature checks share: the moment a step happened
(``--at``: earlier, never later than now), the account a case names, the audit note of a
back-dated step."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from heatoffice import clock
from heatoffice.accounts.models import Account
from heatoffice.errors import UserError

_MOMENT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def moment(at: Any, field: str = "at") -> tuple[_dt.datetime, bool]:
    """(when, back-dated): now, or the earlier moment ``at`` ("YYYY-MM-DD HH:MM" or a
    datetime) that the step really happened; a moment still to come is refused."""
    now = clock.now()
    if at in (None, ""):
        return now, False
    if isinstance(at, _dt.datetime):
        when = at.replace(microsecond=0)
    else:
        m = _MOMENT.match(str(at).strip())
        try:
            if not m:
                raise ValueError
            y, mo, d, h, mi, sec = (int(x) for x in m.groups(default="0"))
            when = _dt.datetime(y, mo, d, h, mi, sec)
        except ValueError:
            raise UserError("cases.bad_moment", field=field, value=str(at)) from None
    if when > now:
        raise UserError("cases.future_moment", field=field, value=f"{when:%Y-%m-%d %H:%M}")
    return when, when < now


def account_of(number: Any, field: str = "account") -> Account | None:
    """The account a case names by its number (None when none is named)."""
    text = str(number or "").strip()
    if not text:
        return None
    account = Account.get_or_none(Account.account_no == text)
    if account is None:
        raise UserError("accounts.not_found", field=field, value=text)
    return account


def backdated_note(when: _dt.datetime, backdated: bool, note: str = "") -> str:
    """The audit note of a step: a back-dated one says when it really happened."""
    if not backdated:
        return note
    told = f"补录：发生于 {when:%Y-%m-%d %H:%M}"
    return f"{told}；{note}" if note else told
