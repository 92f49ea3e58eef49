"""Reads of reception for the pages, the command line and the exports: frozen values."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import JOIN

from heatoffice import clock, glossary
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.errors import UserError
from heatoffice.privacy import mask_id_number, mask_phone
from heatoffice.reception import checklist, service, workflow
from heatoffice.reception.models import (
    Application,
    ApplicationDocument,
    ApplicationStep,
    ChecklistItem,
)


@dataclass(frozen=True)
class ApplicationRow:
    number: str
    type: str
    state: str
    account_no: str
    applicant: str
    phone: str
    received_on: _dt.date
    received_by: str
    department: str
    due_on: _dt.date
    overdue: bool


@dataclass(frozen=True)
class DocumentRow:
    key: str
    form: str
    disposition: str
    checked: bool


@dataclass(frozen=True)
class StepRow:
    from_state: str
    to_state: str
    department: str
    at: _dt.datetime
    by: str
    reason: str


@dataclass(frozen=True)
class ApplicationCard:
    row: ApplicationRow
    relation: str
    applicant_id: str
    request: str
    wanted_from: _dt.date | None
    effective_from: _dt.date | None
    late_stop: bool
    exception_by: str
    reason: str
    required: tuple[str, ...]
    missing: tuple[str, ...]
    documents: tuple[DocumentRow, ...]
    steps: tuple[StepRow, ...]


def _row(app: Application, account_no: str | None, today: _dt.date,
         show_personal: bool) -> ApplicationRow:
    phone = app.applicant_phone if show_personal else mask_phone(app.applicant_phone)
    return ApplicationRow(app.number, app.type, app.state, account_no or "",
                          app.applicant_name, phone, app.received_on,
                          app.received_by, app.department, app.due_on,
                          workflow.overdue(app.state, app.due_on, today))


def applications(actor: Actor, *, state: str | None = None, type_: str | None = None,
                 department: str | None = None, clerk: str | None = None,
                 overdue: bool = False, account_id: int | None = None,
                 date_from: _dt.date | None = None, date_to: _dt.date | None = None,
                 limit: int = 5000) -> list[ApplicationRow]:
    """Applications, newest first, by the list's filters (overdue: open and past due)."""
    require(actor, "applications.view")
    today = clock.today()
    q = (Application.select(Application, Account.account_no.alias("account_no"))
         .join(Account, JOIN.LEFT_OUTER, on=(Application.account == Account.id)))
    for cond, test in ((state, lambda: Application.state == state),
                       (type_, lambda: Application.type == type_),
                       (department, lambda: Application.department == department),
                       (clerk, lambda: Application.received_by == clerk),
                       (account_id, lambda: Application.account == account_id),
                       (date_from, lambda: Application.received_on >= date_from),
                       (date_to, lambda: Application.received_on <= date_to)):
        if cond:
            q = q.where(test())
    if overdue:
        q = q.where(Application.state.in_(workflow.OPEN_STATES), Application.due_on < today)
    q = q.order_by(Application.id.desc()).limit(limit).objects()
    show = can(actor, "accounts.view_personal")
    return [_row(app, app.account_no, today, show) for app in q]


def queue(actor: Actor, department: str) -> list[ApplicationRow]:
    """A department's queue: the applications forwarded to it and not yet done."""
    return applications(actor, state="forwarded", department=department)


def card(actor: Actor, number: str) -> ApplicationCard:
    require(actor, "applications.view")
    app = service.get(number)
    account_no = Account.get_by_id(app.account_id).account_no if app.account_id else ""
    docs = tuple(DocumentRow(d.key, d.form, d.disposition, d.checked)
                 for d in ApplicationDocument.select()
                 .where(ApplicationDocument.application == app.id)
                 .order_by(ApplicationDocument.id))
    steps = tuple(StepRow(s.from_state or "", s.to_state, s.department, s.at, s.by, s.reason)
                  for s in ApplicationStep.select()
                  .where(ApplicationStep.application == app.id).order_by(ApplicationStep.id))
    show = can(actor, "accounts.view_personal")
    return ApplicationCard(
        _row(app, account_no, clock.today(), show), app.relation,
        app.applicant_id if show else mask_id_number(app.applicant_id), app.request,
        app.wanted_from, app.effective_from, service.stop_is_late(app) is not None,
        app.exception_by, app.reason, tuple(service.required_documents(app)),
        tuple(service.missing_documents(app)), docs, steps)


def document_name(key: str, lang: str | None = None) -> str:
    names = service.document_keys()
    pair = names.get(key, (key, key))
    return glossary.pick(pair[0], pair[1], lang)


def card_lines(c: ApplicationCard) -> list[tuple[str, str]]:
    """The card as labelled lines (the command line's ``application show``)."""
    def f(code: str) -> str:
        return glossary.label("field", code)

    r = c.row
    lines = [(f("application.number"), r.number),
             (f("type"), glossary.label("application_type", r.type)),
             (f("application.state"), glossary.label("application_state", r.state)),
             (f("account"), r.account_no or "-"), (f("applicant"), f"{r.applicant} {r.phone}"),
             (f("relation"), glossary.label("applicant_relation", c.relation)),
             (f("received_on"), f"{r.received_on} {r.received_by}"),
             (f("effective_from"), str(c.effective_from or "-")),
             (f("due_on"), f"{r.due_on}" + (glossary.pick(" 已超期", " overdue") if r.overdue
                                           else "")),
             (f("to_department"), glossary.label("application_department", r.department)
              if r.department else "-")]
    for d in c.documents:
        lines.append((f("document"), f"{document_name(d.key)} "
                      f"{glossary.label('document_form', d.form)} "
                      f"{glossary.label('document_disposition', d.disposition)}"))
    if c.missing:
        lines.append((glossary.pick("缺少材料", "missing"),
                      "、".join(document_name(k) for k in c.missing)))
    for s in c.steps:
        lines.append((f"{s.at:%Y-%m-%d %H:%M}", f"{s.by} "
                      f"{glossary.label('application_state', s.to_state)} {s.reason}".strip()))
    return lines


@dataclass(frozen=True)
class AccountCard:
    """What the wizard shows of the account a customer names: its facts and balance."""

    id: int
    account_no: str
    name: str
    phone: str
    id_number: str
    address: str
    status: str
    heating_area: str
    balance: str


def account_card(actor: Actor, account_no: str) -> AccountCard | None:
    require(actor, "applications.view")
    account = Account.get_or_none(Account.account_no == account_no.strip().upper())
    if account is None:
        return None
    balance, _overdue = service.money_figures(account.id, clock.today())
    show = can(actor, "accounts.view_personal")
    return AccountCard(account.id, account.account_no, account.name,
                       account.phone if show else mask_phone(account.phone),
                       account.id_number if show else mask_id_number(account.id_number),
                       account.address, account.status,
                       f"{account.heating_area:,.2f}", f"{balance:,.2f}")


def checklist_of(actor: Actor, app_type: str, relation: str) -> list[tuple[str, str]]:
    """The documents an application of ``app_type`` needs: (key, name), in order."""
    require(actor, "applications.view")
    keys = [i.key for i in ChecklistItem.select().where(
        ChecklistItem.type == app_type, ChecklistItem.required).order_by(ChecklistItem.seq)]
    return [(k, document_name(k)) for k in checklist.required_for(keys, relation)]


def rule_problem(actor: Actor, app_type: str, account_no: str) -> str:
    """The desk rule a new application would break, as its sentence; "" when none."""
    require(actor, "applications.view")
    card_ = account_card(actor, account_no) if account_no else None
    if card_ is None:
        return ""
    try:
        service.check_rules(app_type, card_.id, arrears=False)
    except UserError as exc:
        return exc.message()
    return ""
