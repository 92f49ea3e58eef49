"""The writes of reception: receive an application, record its documents, move it through the
workflow, record a manager's exception, edit the checklists; each checked, validated, audited."""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any

from heatoffice import clock, config, glossary, transitions
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing import position
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import ZERO
from heatoffice.reception import checklist, effects, numbers, rules, workflow
from heatoffice.reception.models import (
    DISPOSITIONS,
    FORMS,
    RELATIONS,
    TYPES,
    Application,
    ApplicationDocument,
    ApplicationStep,
    ChecklistItem,
)


def get(number: str) -> Application:
    app = Application.get_or_none(Application.number == number.strip().upper())
    if app is None:
        raise UserError("applications.not_found", field="number", value=number)
    return app


def document_keys() -> dict[str, tuple[str, str]]:
    """Every document key: the glossary's and those an admin added to a checklist."""
    keys = dict(glossary.names("document_kind"))
    for item in ChecklistItem.select().where(ChecklistItem.label_zh != ""):
        keys.setdefault(item.key, (item.label_zh, item.label_en or item.key))
    return keys


def required_documents(app: Application) -> list[str]:
    items = (ChecklistItem.select(ChecklistItem.key)
             .where(ChecklistItem.type == app.type, ChecklistItem.required)
             .order_by(ChecklistItem.seq, ChecklistItem.id))
    return checklist.required_for([i.key for i in items], app.relation)


def missing_documents(app: Application) -> list[str]:
    got = [d.key for d in ApplicationDocument.select().where(
        ApplicationDocument.application == app.id)]
    return checklist.missing(required_documents(app), got)


def money_figures(account_id: int, today: _dt.date) -> tuple[Decimal, Decimal]:
    """(balance, overdue): what the account owes, and the part of it past its due day (the
    bill's late-fee day, else its season's first day)."""
    led = position.load(account_id)
    pos = position.compute(led, today)
    due = {b.id: (b.late_fee_from or b.season_start or b.business_date) for b in led.bills}
    overdue = sum((d.open for d in pos.debts if d.open > 0
                   and due.get(d.bill_id or -1, d.day) <= today), ZERO)
    return led.balance, overdue


def check_rules(app_type: str, account_id: int | None, *, exception: bool = False,
                own_id: int | None = None, arrears: bool = True) -> None:
    """Raise the first desk rule the application breaks."""
    if account_id is None:
        return
    others = Application.select().where(
        Application.account == account_id, Application.type == app_type,
        Application.state.in_(workflow.OPEN_STATES))
    if own_id is not None:
        others = others.where(Application.id != own_id)
    other = others.first()
    balance, overdue = money_figures(account_id, clock.today())
    code = rules.refusal(app_type, balance=balance, overdue=overdue,
                         exception=exception or not arrears, open_same_type=other is not None)
    if code is None:
        return
    amount = overdue if code == "applications.stop_overdue" else balance
    raise UserError(code, type=glossary.term("application_type", app_type),
                    number=other.number if other else "", amount=f"{amount:,.2f}")


def stop_dates(received: _dt.date, wanted: _dt.date) -> tuple[_dt.date, rules.StopSeason]:
    """The day a stop takes effect and the season it is for (the next one if filed late)."""
    month, day = (int(x) for x in config.get("stop_deadline").split("-"))
    season = rules.stop_season(received, wanted, (month, day))
    if not season.late:
        return wanted, season
    from heatoffice.seasons.models import Season

    found = (Season.select().where(Season.start_date.year == season.start_year)
             .order_by(Season.start_date).first())
    return (found.start_date if found else _dt.date(season.start_year, month, day)
            + _dt.timedelta(days=1)), season


def deadline_days(app_type: str) -> int:
    overrides = json.loads(config.get("reception_days") or "{}")
    return int(overrides.get(app_type, workflow.DEADLINE_DAYS[app_type]))


def _documents(v: val.Collector, docs: list[tuple[str, ...]] | None) -> list[tuple[str, str, str]]:
    keys = document_keys()
    out = []
    for doc in docs or ():
        key, form = doc[0], doc[1] if len(doc) > 1 else "original"
        disposition = doc[2] if len(doc) > 2 and doc[2] else (
            "returned" if form == "original" else "kept")
        v.check(val.choice, key, keys, field="document")
        v.check(val.choice, form, FORMS, field="form")
        v.check(val.choice, disposition, DISPOSITIONS, field="disposition")
        out.append((key, form, disposition))
    return out


def receive(actor: Actor, app_type: str, *, account: int | str | None = None,
            new_account: dict[str, Any] | None = None, applicant: str, phone: str,
            id_number: str = "", relation: str = "owner", wanted_from: Any = None,
            docs: list[tuple[str, ...]] | None = None, note: str = "") -> Application:
    """接收: a new application at the desk, its number, its documents and its first step."""
    require(actor, "applications.receive")
    v = val.Collector()
    v.check(val.choice, app_type, TYPES, field="type")
    v.check(val.choice, relation, RELATIONS, field="relation")
    name = v.check(val.required, (applicant or "").strip(), field="applicant_name")
    phone = v.check(val.phone, (phone or "").strip(), field="applicant_phone") or ""
    id_number = (v.check(val.id_number, id_number.strip(), field="applicant_id") or ""
                 if id_number and id_number.strip() else "")
    today = clock.today()
    wanted = (v.check(val.parse_date, wanted_from, field="wanted_from")
              if wanted_from not in (None, "") else None)
    documents = _documents(v, docs)
    details = dict(new_account or {})
    v.raise_if_any()
    target: Account | None = None
    if app_type != "new-connection":
        if account in (None, ""):
            raise UserError("applications.account_needed", field="account",
                            type=glossary.term("application_type", app_type))
        target = _account(account)
    else:
        from heatoffice.accounts.service import clean

        clean({**details, "account_no": details.get("account_no", "")})  # refuse bad details now
    effective = wanted
    if app_type == "stop":
        effective, _season = stop_dates(today, wanted or today)
    now = clock.now()
    with database.atomic():
        check_rules(app_type, target.id if target else None, arrears=False)
        seq, number = numbers.next_number(today.year)
        app = Application.create(
            number=number, year=today.year, seq=seq, type=app_type, state="received",
            account=target.id if target else None,
            new_account=json.dumps(details, ensure_ascii=False, default=str) if details else "",
            applicant_name=name, applicant_phone=phone, applicant_id=id_number,
            relation=relation, request=note.strip(), received_on=today, received_at=now,
            received_by=actor.username, wanted_from=wanted, effective_from=effective,
            due_on=workflow.add_working_days(today, deadline_days(app_type)))
        ApplicationStep.create(application=app.id, from_state=None, to_state="received",
                               at=now, by=actor.username)
        _store_documents(actor, app, documents)
        audit.record(actor, "applications.receive", "application", app.id,
                     after=audit.snapshot(app), note=number)
    return app


def stop_is_late(app: Application) -> rules.StopSeason | None:
    """The season a stop is for, when it came too late for the one the customer asked for."""
    if app.type != "stop":
        return None
    _day, season = stop_dates(app.received_on, app.wanted_from or app.received_on)
    return season if season.late else None


def _account(key: int | str) -> Account:
    account = (Account.get_or_none(Account.id == key) if isinstance(key, int)
               else Account.get_or_none(Account.account_no == str(key).strip().upper()))
    if account is None:
        raise UserError("accounts.not_found", field="account", value=key)
    return account


def _store_documents(actor: Actor, app: Application,
                     documents: list[tuple[str, str, str]]) -> None:
    now = clock.now()
    for key, form, disposition in documents:
        ApplicationDocument.insert(
            application=app.id, key=key, form=form, checked=True, disposition=disposition,
            at=now, by=actor.username).on_conflict(
            conflict_target=[ApplicationDocument.application, ApplicationDocument.key],
            update={ApplicationDocument.form: form,
                    ApplicationDocument.disposition: disposition,
                    ApplicationDocument.at: now, ApplicationDocument.by: actor.username},
        ).execute()


def record_documents(actor: Actor, number: str, docs: list[tuple[str, ...]]) -> Application:
    """Documents brought later (or their form or disposition corrected)."""
    require(actor, "applications.receive")
    v = val.Collector()
    documents = _documents(v, docs)
    v.raise_if_any()
    with database.atomic():
        app = get(number)
        if app.state not in workflow.OPEN_STATES:
            raise UserError("applications.bad_transition",
                            from_label=glossary.term("application_state", app.state),
                            to_label=glossary.term("application_state", app.state))
        _store_documents(actor, app, documents)
        audit.record(actor, "applications.docs", "application", app.id,
                     after={"documents": [list(d) for d in documents]}, note=app.number)
    return app


def record_exception(actor: Actor, number: str, note: str) -> Application:
    """A manager lets a resume or transfer go on before the arrears are settled."""
    require(actor, "applications.exception")
    note = val.required(note, field="reason")
    with database.atomic():
        app = get(number)
        before = audit.snapshot(app)
        app.exception_by = actor.username
        app.reason = note
        app.save()
        audit.record(actor, "applications.exception", "application", app.id, before=before,
                     after=audit.snapshot(app), note=note)
    return app


def move(actor: Actor, number: str, verb: str, *, to: str = "", reason: str = "") -> Application:
    """review, accept, return, reject, forward, done or cancel one application."""
    if verb not in workflow.ACTIONS:
        raise UserError("validation.choice", field="state", value=verb,
                        choices="、".join(workflow.ACTIONS))
    target, permission = workflow.ACTIONS[verb]
    with database.atomic():
        app = get(number)
        reassign = verb == "forward" and app.state == "forwarded"
        require(actor, "applications.reassign" if reassign else permission)
        transitions.check(workflow.TRANSITIONS, "application_state", app.state, target,
                          "applications.bad_transition")
        reason = reason.strip()
        if target in workflow.NEEDS_REASON:
            val.required(reason, field="reason")
        department = app.department
        if verb == "forward":
            department = to or (app.department if reassign else workflow.DEPARTMENT_OF[app.type])
            if department not in workflow.DEPARTMENTS:
                raise UserError("applications.department_needed", field="to_department",
                                choices="、".join(workflow.DEPARTMENTS))
        if target == "accepted":
            _check_acceptable(app)
        if target == "done" and actor.role != "admin" and actor.role != app.department:
            raise UserError("applications.not_department", number=app.number,
                            department=glossary.term("application_department", app.department))
        before = audit.snapshot(app)
        ApplicationStep.create(application=app.id, from_state=app.state, to_state=target,
                               department=department, at=clock.now(), by=actor.username,
                               reason=reason)
        app.state, app.department = target, department
        if target == "done":
            effects.apply(actor, app)
            app.applied_at = clock.now()
        app.save()
        audit.record(actor, "applications.done" if target == "done" else "applications.step",
                     "application", app.id, before=before,
                     after=audit.snapshot(app), note=reason or verb)
    return app


def _check_acceptable(app: Application) -> None:
    lacking = missing_documents(app)
    if lacking:
        names = document_keys()
        raise UserError("applications.missing_documents", missing=glossary.text(
            "、".join(names.get(k, (k, k))[0] for k in lacking),
            ", ".join(names.get(k, (k, k))[1] for k in lacking)))
    check_rules(app.type, app.account_id, exception=bool(app.exception_by), own_id=app.id)


def set_checklist(actor: Actor, app_type: str, keys: list[str], *,
                  labels: dict[str, tuple[str, str]] | None = None) -> list[ChecklistItem]:
    """An admin sets the documents a type needs; a new key needs its two names."""
    require(actor, "applications.checklists")
    val.choice(app_type, TYPES, field="type")
    labels = labels or {}
    known = document_keys()
    for key in keys:
        if key not in known and key not in labels:
            raise UserError("validation.choice", field="document", value=key,
                            choices="、".join(known))
    with database.atomic():
        before = [i.key for i in ChecklistItem.select().where(ChecklistItem.type == app_type)
                  .order_by(ChecklistItem.seq)]
        ChecklistItem.delete().where(ChecklistItem.type == app_type).execute()
        for seq, key in enumerate(keys, 1):
            zh, en = labels.get(key, ("", ""))
            ChecklistItem.create(type=app_type, key=key, seq=seq, required=True,
                                 label_zh=zh, label_en=en)
        audit.record(actor, "applications.checklist", "checklist_item", app_type,
                     before={"keys": before}, after={"keys": list(keys)})
    return list(ChecklistItem.select().where(ChecklistItem.type == app_type)
                .order_by(ChecklistItem.seq))


def can_complete(actor: Actor, app: Application) -> bool:
    return can(actor, "applications.complete") and actor.role in ("admin", app.department)
