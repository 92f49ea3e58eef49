"""The documents of reception as typed data: the acceptance receipt (受理回执), the review form
(审批表) and the hand-over slip (交接单); codes, dates and Decimals, no display text."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heatoffice import clock, config
from heatoffice.auth.actor import Actor
from heatoffice.auth.names import display_name, display_names
from heatoffice.auth.permissions import can, require
from heatoffice.privacy import mask_phone
from heatoffice.reception import service
from heatoffice.reception.models import Application, ApplicationDocument, ApplicationStep
from heatoffice.reception.workflow import DEPARTMENT_OF


@dataclass(frozen=True)
class DocumentLine:
    key: str
    name_zh: str  # the document's Chinese name (an admin's own kinds have no glossary code)
    form: str  # original | copy
    disposition: str  # returned | kept


@dataclass(frozen=True)
class StepLine:
    to_state: str
    department: str
    at: _dt.datetime
    by: str
    reason: str


@dataclass(frozen=True)
class Heading:
    number: str
    type: str
    account_no: str
    account_name: str
    address: str
    applicant: str
    phone: str
    relation: str
    received_on: _dt.date
    received_by: str
    request: str


@dataclass(frozen=True)
class AcceptanceReceipt:
    """受理回执, the customer's copy: what was received and returned, what happens next."""

    head: Heading
    documents: tuple[DocumentLine, ...]
    missing: tuple[str, ...]  # Chinese names of the documents still to bring
    department: str  # who will do the work (the type's department until forwarded)
    expected_on: _dt.date
    effective_from: _dt.date | None
    late_stop_season: int | None  # a late stop: the year the season it is for starts
    hotline: str
    printed: _dt.date


@dataclass(frozen=True)
class ReviewForm:
    """审批表: the application, its documents and its whole trail, with signature lines."""

    head: Heading
    state: str
    documents: tuple[DocumentLine, ...]
    steps: tuple[StepLine, ...]
    exception_by: str
    reason: str
    printed: _dt.date


@dataclass(frozen=True)
class HandoverSlip:
    """交接单: each certificate, slip or voucher handed back, signed by both."""

    head: Heading
    returned: tuple[DocumentLine, ...]
    printed: _dt.date


def _head(actor: Actor, app: Application) -> Heading:
    """The head of every reception form; the applicant's phone masked when the printing
    user may not see personal data (the desk, which hands the forms out, may)."""
    account = app.account if app.account_id else None
    phone = (app.applicant_phone if can(actor, "accounts.view_personal")
             else mask_phone(app.applicant_phone))
    return Heading(app.number, app.type, account.account_no if account else "",
                   account.name if account else "", account.address if account else "",
                   app.applicant_name, phone, app.relation, app.received_on,
                   display_name(app.received_by), app.request)


def _documents(app: Application) -> tuple[DocumentLine, ...]:
    names = service.document_keys()
    return tuple(DocumentLine(d.key, names.get(d.key, (d.key, d.key))[0], d.form,
                              d.disposition)
                 for d in ApplicationDocument.select()
                 .where(ApplicationDocument.application == app.id)
                 .order_by(ApplicationDocument.id))


def _app(actor: Actor, number: str) -> Application:
    require(actor, "applications.view")
    return service.get(number)


def acceptance_of(actor: Actor, number: str) -> AcceptanceReceipt:
    app = _app(actor, number)
    names = service.document_keys()
    late = service.stop_is_late(app)
    return AcceptanceReceipt(
        _head(actor, app), _documents(app),
        tuple(names.get(k, (k, k))[0] for k in service.missing_documents(app)),
        app.department or DEPARTMENT_OF[app.type], app.due_on, app.effective_from,
        late.start_year if late else None, config.get("hotline"), clock.today())


def review_of(actor: Actor, number: str) -> ReviewForm:
    app = _app(actor, number)
    rows = list(ApplicationStep.select()
                .where(ApplicationStep.application == app.id).order_by(ApplicationStep.id))
    who = display_names([s.by for s in rows] + ([app.exception_by] if app.exception_by else []))
    steps = tuple(StepLine(s.to_state, s.department, s.at, who[s.by], s.reason) for s in rows)
    return ReviewForm(_head(actor, app), app.state, _documents(app), steps,
                      who[app.exception_by] if app.exception_by else app.exception_by,
                      app.reason, clock.today())


def handover_of(actor: Actor, number: str) -> HandoverSlip:
    app = _app(actor, number)
    returned = tuple(d for d in _documents(app) if d.disposition == "returned")
    return HandoverSlip(_head(actor, app), returned, clock.today())
