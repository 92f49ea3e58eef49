"""Hotline calls (热线来电): recorded only after the unit, contact, address and content were read
back to the caller and confirmed (对用户申报内容复述一遍); a call outside the company's scope is
logged with the body the caller was pointed to. ``--at`` records a call taken earlier: it is
marked and audited as recorded later."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.service import numbering, times
from heatoffice.service.models import CATEGORIES, Call

# calls about a fault at a home: they need an address (an account or free text)
WORK_CATEGORIES = frozenset({"no-heat", "low-temperature", "leak-major", "leak-minor", "noise",
                             "other"})


def get(number: str) -> Call:
    call = Call.get_or_none(Call.number == numbering.normal(number))
    if call is None:
        raise UserError("service.call_not_found", field="call", value=number)
    return call


def find_account(actor: Actor, key: int | str) -> Account:
    """The account an id, an account number or any fragment names (the register's search: one
    match only; several are listed)."""
    if isinstance(key, int):
        found = Account.get_or_none(Account.id == key)
    else:
        text = str(key).strip()
        found = Account.get_or_none(Account.account_no == text.upper())
        if found is None and text:
            from heatoffice.accounts import register

            rows = register.page(actor, text, limit=6)
            if len(rows) > 1:
                raise UserError("service.account_ambiguous", field="account", value=text,
                                matches="、".join(f"{r[1]} {r[4]}" for r in rows[:5]))
            found = Account.get_or_none(Account.id == rows[0][0]) if rows else None
    if found is None:
        raise UserError("accounts.not_found", field="account", value=key)
    return found


def add_call(actor: Actor, *, phone: str, contact: str, category: str, content: str,
             account: int | str | None = None, address: str = "", unit: str = "",
             referred_to: str = "", readback_confirmed: bool = False, at: Any = None,
             started_at: _dt.datetime | None = None) -> Call:
    """Record a call; refused unless ``readback_confirmed``. ``at``: when a call taken earlier
    happened (recorded later, audited as such); ``started_at``: when the call on the line
    began (the hotline page), else it is taken as now."""
    require(actor, "service.calls")
    if not readback_confirmed:
        raise UserError("service.readback_needed", field="readback")
    v = val.Collector()
    phone = v.check(val.phone, (phone or "").strip(), "phone", required=True) or ""
    contact = v.check(val.required, (contact or "").strip(), "contact") or ""
    v.check(val.max_length, contact, 64, "contact")
    v.check(val.choice, category, CATEGORIES, field="category")
    content = v.check(val.required, (content or "").strip(), "content") or ""
    unit = v.check(val.max_length, " ".join((unit or "").split()), 128, "unit") or ""
    address = v.check(val.max_length, " ".join((address or "").split()), 200, "address") or ""
    referred_to = v.check(val.max_length, " ".join((referred_to or "").split()), 128,
                          "referred_to") or ""
    when, backdated = v.check(times.when, at, "at") or (clock.now().replace(microsecond=0),
                                                         False)
    v.raise_if_any()
    target = find_account(actor, account) if account not in (None, "") else None
    if target is not None and not address:
        address = target.address
    if not address and not referred_to and category in WORK_CATEGORIES:
        raise UserError("service.address_needed", field="address")
    now = clock.now().replace(microsecond=0)
    began = when if backdated else min(started_at or now, now)
    with database.atomic():
        seq, number = numbering.next_number(numbering.CALL, when.year)
        call = Call.create(
            number=number, year=when.year, seq=seq, received_at=began, ended_at=when,
            entered_at=now, entered_by=actor.username, backdated=backdated, phone=phone,
            contact=contact, unit=unit, account=target.id if target else None, address=address,
            content=content, category=category, in_scope=not referred_to,
            referred_to=referred_to, readback_by=actor.username)
        note = number if not backdated else f"{number}（补录：{times.minute(when)}）"
        audit.record(actor, "service.call", "service_call", call.id,
                     after=audit.snapshot(call), note=note)
    return call

