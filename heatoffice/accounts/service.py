"""Open accounts, edit them, change their status; each write checked, validated and audited."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock, config, transitions
from heatoffice import validation as val
from heatoffice.accounts import numbering, search
from heatoffice.accounts.models import (
    CATEGORIES,
    STATUS_TRANSITIONS,
    STATUSES,
    Account,
    AccountAreaChange,
    AccountStatusChange,
    Community,
    OwnerChange,
    Station,
)
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.privacy import mask_id_number, mask_phone

EDITABLE = ("account_no", "category", "name", "contact", "phone", "phone2", "id_number",
            "community", "building", "unit", "floor", "room", "station_id", "heating_area",
            "low_income", "connected_on", "notes")


def _text(v: val.Collector, data: dict, field: str, limit: int, *, needed: bool = False) -> str:
    raw = data.get(field)
    text = "" if raw is None else str(raw).strip()
    if needed:
        text = v.check(val.required, text, field=field) or ""
    return v.check(val.max_length, text, limit, field=field) or ""


def _floor(value: Any) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UserError("validation.choice", field="floor", value=value, choices="-5…200") from None
    if not -5 <= number <= 200:
        raise UserError("validation.choice", field="floor", value=value, choices="-5…200")
    return number


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validate every field of an account form at once; ValidationErrors lists each bad one."""
    v = val.Collector()
    out: dict[str, Any] = {
        "account_no": _text(v, data, "account_no", 32).upper(),
        "name": _text(v, data, "name", 64, needed=True),
        "contact": _text(v, data, "contact", 64),
        "community": _text(v, data, "community", 64, needed=True),
        "building": _text(v, data, "building", 16),
        "unit": _text(v, data, "unit", 16),
        "room": _text(v, data, "room", 16),
        "notes": _text(v, data, "notes", 2000),
    }
    out["category"] = v.check(val.choice, data.get("category") or "residential", CATEGORIES,
                              field="category")
    for field in ("phone", "phone2"):
        raw = str(data.get(field) or "").strip()
        out[field] = (v.check(val.phone, raw, field=field) or "") if raw else ""
    raw_id = str(data.get("id_number") or "").strip()
    out["id_number"] = (v.check(val.id_number, raw_id, field="id_number") or "") if raw_id else ""
    out["floor"] = v.check(_floor, data.get("floor"))
    out["heating_area"] = v.check(val.area, data.get("heating_area"), field="heating_area")
    out["low_income"] = bool(data.get("low_income") or False)
    connected = data.get("connected_on")
    out["connected_on"] = (v.check(val.parse_date, connected, field="connected_on")
                           if connected not in (None, "") else None)
    station = data.get("station_id")
    out["station_id"] = int(station) if station not in (None, "") else None
    v.raise_if_any()
    return out


def _number_for(cleaned: dict[str, Any], community: Community | None) -> str:
    """The typed number, or one made from the address and the registered community's code."""
    if cleaned["account_no"]:
        return cleaned["account_no"]
    parts = dict(cleaned, community_code=community.code if community else "")
    return numbering.generate(config.get("account_no_pattern"), parts)


def _generated_code() -> str:
    """The first free community code M001, M002, … (as schema version 2 gave typed names)."""
    taken = {c for (c,) in Community.select(Community.code)
             .where(Community.code.startswith("M")).tuples()}
    n = 1
    while f"M{n:03d}" in taken:
        n += 1
    return f"M{n:03d}"


def _community(actor: Actor, name: str, known: Community | None, account_no: str, *,
               note: str | None = None) -> Community:
    """The Community the form names. A name not registered yet is registered now, in the
    account's transaction: in version 1 a clerk could type any community, and the account
    form still may (a new housing estate is met at the front desk first). It gets a
    generated code and no heat station, and an audit row of its own."""
    if known is not None:
        return known
    community = Community.create(name=name, code=_generated_code(), station=None)
    audit.record(actor, "communities.add", "community", community.id,
                 after=audit.snapshot(community),
                 note=f"account {account_no}" if note is None else note)
    return community


def register_community(actor: Actor, name: str, note: str = "") -> Community:
    """A community a roster names that is not registered yet, registered as the account form
    does (generated code, no heat station, its own ``communities.add`` audit row); runs in
    the caller's transaction."""
    require(actor, "accounts.edit")
    name = val.max_length(val.required(name, field="community"), 64, field="community")
    known = Community.get_or_none(Community.name == name)
    return _community(actor, name, known, "", note=note)


def _refuse_duplicate(account_no: str, own_id: int | None = None) -> None:
    q = Account.select(Account.id).where(Account.account_no == account_no)
    if own_id is not None:
        q = q.where(Account.id != own_id)
    if q.exists():
        raise UserError("accounts.duplicate_no", field="account_no", value=account_no)


def get_account(actor: Actor, key: int | str) -> Account:
    """An account by its id or its account number; its phones and ID number masked unless
    the actor may see personal data ("accounts.view_personal"). A masked copy refuses to be
    saved (Account.save), so a mask never reaches the database."""
    require(actor, "accounts.view")
    account = (Account.get_or_none(Account.id == key) if isinstance(key, int)
               else Account.get_or_none(Account.account_no == str(key).strip().upper()))
    if account is None:
        raise UserError("accounts.not_found", value=key)
    if not can(actor, "accounts.view_personal"):
        mask_personal(account)
    return account


def mask_personal(account: Account) -> Account:
    """``account`` with its phones and ID number masked, in place, and marked unsaveable."""
    account.phone = mask_phone(account.phone)
    account.phone2 = mask_phone(account.phone2)
    account.id_number = mask_id_number(account.id_number)
    account.masked = True
    return account


def open_account(actor: Actor, data: dict[str, Any], *, status: str = "pending",
                 reason: str = "开户") -> Account:
    """开户: a new account, pending until heat is supplied unless ``status`` says otherwise."""
    require(actor, "accounts.edit")
    cleaned = clean(data)
    if status not in STATUSES:
        raise UserError("validation.choice", field="status", value=status,
                        choices="、".join(STATUSES))
    now = clock.now()
    with database.atomic():
        known = Community.get_or_none(Community.name == cleaned["community"])
        # Numbers are made only from a code someone registered, never from one made here.
        cleaned["account_no"] = _number_for(cleaned, known)
        _refuse_duplicate(cleaned["account_no"])
        if cleaned["station_id"] is not None and Station.get_or_none(
                Station.id == cleaned["station_id"]) is None:
            raise UserError("validation.choice", field="station", value=cleaned["station_id"],
                            choices="…")
        station_id = cleaned.pop("station_id")
        cleaned["community"] = _community(actor, cleaned["community"], known,
                                          cleaned["account_no"])
        account = Account.create(**cleaned, station=station_id, status=status,
                                 created_at=now, updated_at=now)
        AccountStatusChange.create(account=account, from_status=None, to_status=status, at=now,
                                   by=actor.username, reason=reason)
        search.index_account(account)
        audit.record(actor, "accounts.open", "account", account.id, after=audit.snapshot(account))
    return account


def update_account(actor: Actor, account_id: int, data: dict[str, Any], *,
                   by_application: bool = False) -> Account:
    """Change the editable fields given in ``data``; the rest keep their values.

    The category of an account past ``pending`` changes only ``by_application`` (reception's
    category change, which bills it from the next season), as its area only by measurement."""
    require(actor, "accounts.edit")
    with database.atomic():
        account = Account.get_or_none(Account.id == account_id)
        if account is None:
            raise UserError("accounts.not_found", value=account_id)
        before = audit.snapshot(account)
        old_area = account.heating_area
        current = {f: getattr(account, f) for f in EDITABLE if f != "community"}
        current["community"] = account.community.name
        current.update({k: v for k, v in data.items() if k in EDITABLE})
        cleaned = clean(current)
        if old_area and cleaned["heating_area"] != old_area:
            # The area on record decides money: only an applied measurement changes it.
            raise UserError("accounts.area_by_measurement", field="heating_area",
                            value=str(cleaned["heating_area"]))
        if (cleaned["category"] != account.category and account.status != "pending"
                and not by_application):
            raise UserError("accounts.category_by_application", field="category",
                            value=cleaned["category"])
        cleaned["account_no"] = cleaned["account_no"] or account.account_no
        _refuse_duplicate(cleaned["account_no"], account.id)
        station_id = cleaned.pop("station_id")
        name = cleaned.pop("community")
        if name != account.community.name:
            account.community = _community(
                actor, name, Community.get_or_none(Community.name == name),
                cleaned["account_no"])
        for field, value in cleaned.items():
            setattr(account, field, value)
        account.station = station_id
        account.updated_at = clock.now()
        after = audit.snapshot(account)
        changed = {k for k in after if after[k] != before[k] and k != "updated_at"}
        if not changed:
            return account
        account.save()
        if not old_area and account.heating_area:  # the first area of a new account
            AccountAreaChange.create(account=account, old_area=old_area,
                                     new_area=account.heating_area, effective_on=clock.today(),
                                     at=account.updated_at, by=actor.username)
        search.index_account(account)
        audit.record(actor, "accounts.update", "account", account.id, before=before, after=after)
    return account


def change_status(actor: Actor, account_id: int, to_status: str, reason: str, *,
                  on: _dt.date | None = None) -> Account:
    """报停, 复供, 停供, 销户 …: only the moves STATUS_TRANSITIONS allows, with a reason.

    ``on``: the day the change takes effect (an application's date) when it is not today;
    the history row carries that day, so the ledger reads the status from it."""
    require(actor, "accounts.status")
    reason = val.required(reason, field="reason")
    with database.atomic():
        account = Account.get_or_none(Account.id == account_id)
        if account is None:
            raise UserError("accounts.not_found", value=account_id)
        transitions.check(STATUS_TRANSITIONS, "account_status", account.status, to_status,
                          "accounts.bad_transition")
        before = audit.snapshot(account)
        now = clock.now()
        at = now if on is None or on == now.date() else _dt.datetime.combine(on, _dt.time())
        AccountStatusChange.create(account=account, from_status=account.status,
                                   to_status=to_status, at=at, by=actor.username, reason=reason)
        account.status = to_status
        account.updated_at = now
        account.save()
        audit.record(actor, "accounts.status", "account", account.id, before=before,
                     after=audit.snapshot(account), note=reason)
    return account


def set_heating_area(actor: Actor, account_id: int, new_area: Any, effective_on: Any,
                     measurement_no: str) -> AccountAreaChange | None:
    """The area on record becomes ``new_area`` from ``effective_on``, by an applied
    measurement, with its history row; None when it is that area already. Runs in the
    caller's transaction (the measurement's application), which writes the audit row."""
    require(actor, "measurements.apply")
    area = val.area(new_area, field="heating_area")
    effective = val.parse_date(effective_on, "effective_on")
    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        raise UserError("accounts.not_found", value=account_id)
    if account.heating_area == area:
        return None
    now = clock.now()
    change = AccountAreaChange.create(account=account, old_area=account.heating_area,
                                      new_area=area, effective_on=effective,
                                      measurement_no=measurement_no, at=now, by=actor.username)
    account.heating_area = area
    account.updated_at = now
    account.save(only=[Account.heating_area, Account.updated_at])
    return change


def transfer_owner(actor: Actor, account_id: int, *, name: str, id_number: str = "",
                   phone: str = "", on: _dt.date, application: str = "") -> OwnerChange:
    """过户: the account gets a new owner; the old and new owner are kept in its history."""
    require(actor, "accounts.edit")
    cleaned = clean_owner(name, id_number, phone)
    with database.atomic():
        account = Account.get_or_none(Account.id == account_id)
        if account is None:
            raise UserError("accounts.not_found", value=account_id)
        before = audit.snapshot(account)
        change = OwnerChange.create(
            account=account, old_name=account.name, old_id_number=account.id_number,
            old_phone=account.phone, new_name=cleaned["name"],
            new_id_number=cleaned["id_number"], new_phone=cleaned["phone"], on=on,
            application=application, at=clock.now(), by=actor.username)
        account.name, account.id_number = cleaned["name"], cleaned["id_number"]
        account.phone = cleaned["phone"] or account.phone
        account.updated_at = clock.now()
        account.save()
        search.index_account(account)
        audit.record(actor, "accounts.transfer", "account", account.id, before=before,
                     after=audit.snapshot(account), note=application)
    return change


def clean_owner(name: str, id_number: str, phone: str) -> dict[str, str]:
    v = val.Collector()
    data = {"name": name, "id_number": id_number, "phone": phone}
    out = {"name": _text(v, data, "name", 64, needed=True)}
    raw_id, raw_phone = (id_number or "").strip(), (phone or "").strip()
    out["id_number"] = (v.check(val.id_number, raw_id, field="id_number") or "") if raw_id else ""
    out["phone"] = (v.check(val.phone, raw_phone, field="phone") or "") if raw_phone else ""
    v.raise_if_any()
    return out


def owner_history(actor: Actor, account_id: int) -> list[OwnerChange]:
    """The account's owners, oldest change first; phones and ID numbers masked unless the
    actor may see personal data (the rows are write-once: a masked one is never saved)."""
    require(actor, "accounts.view")
    changes = list(OwnerChange.select().where(OwnerChange.account == account_id)
                   .order_by(OwnerChange.id))
    if not can(actor, "accounts.view_personal"):
        for c in changes:
            c.old_phone, c.new_phone = mask_phone(c.old_phone), mask_phone(c.new_phone)
            c.old_id_number = mask_id_number(c.old_id_number)
            c.new_id_number = mask_id_number(c.new_id_number)
    return changes


def status_history(actor: Actor, account_id: int) -> list[AccountStatusChange]:
    require(actor, "accounts.view")
    return list(AccountStatusChange.select()
                .where(AccountStatusChange.account == account_id)
                .order_by(AccountStatusChange.id))


def add_station(actor: Actor, code: str, name: str, address: str = "") -> Station:
    require(actor, "org.edit")
    code = val.required(code, field="code")
    name = val.required(name, field="name")
    with database.atomic():
        if Station.select().where((Station.code == code) | (Station.name == name)).exists():
            raise UserError("org.duplicate", field="name", value=name)
        station = Station.create(code=code, name=name, address=address)
        audit.record(actor, "stations.add", "station", station.id, after=audit.snapshot(station))
    return station


def add_community(actor: Actor, name: str, code: str, station_id: int | None = None) -> Community:
    require(actor, "org.edit")
    name = val.required(name, field="community")
    code = val.required(code, field="code").upper()
    with database.atomic():
        if Community.select().where((Community.code == code) | (Community.name == name)).exists():
            raise UserError("org.duplicate", field="community", value=name)
        community = Community.create(name=name, code=code, station=station_id)
        audit.record(actor, "communities.add", "community", community.id,
                     after=audit.snapshot(community))
    return community
