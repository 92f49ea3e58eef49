"""What a done application changes, applied through the services that own it, exactly once."""

from __future__ import annotations

import datetime as _dt
import json

from heatoffice import clock, glossary
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.billing import category_change, connection, recheck, status_share
from heatoffice.db import chain
from heatoffice.errors import UserError
from heatoffice.reception.models import Application
from heatoffice.seasons.models import Season


def _acting(actor: Actor) -> Actor:
    """The user who completes, with the rights the application's approval gives: reception
    accepted it, the department completes it, so the owning services run (each validating
    and auditing under this user's name) whatever the department's own role allows."""
    return actor.elevated("admin")


def _reason(app: Application) -> str:
    return f"{glossary.label('application_type', app.type, 'zh')}（受理编号 {app.number}）"


def season_of(day: _dt.date) -> Season | None:
    """The season running on ``day``, else the next one to start."""
    return (Season.select().where(Season.end_date >= day)
            .order_by(Season.start_date).first())


def apply(actor: Actor, app: Application) -> None:
    """Apply the application's effects; inside the transaction of its move to done, so a
    refusal by an owning service leaves the application where it was."""
    if app.applied_at is not None:  # never twice
        return
    acting = _acting(actor)
    day = app.effective_from or app.wanted_from or clock.today()
    details = json.loads(app.new_account or "{}")
    if app.type == "new-connection":
        _connect(acting, app, details, day)
    elif app.type == "stop":
        status_share.change_status(acting, app.account_id, "stopped", _reason(app), on=day)
    elif app.type == "resume":
        status_share.change_status(acting, app.account_id, "heating", _reason(app), on=day)
    elif app.type == "transfer":
        accounts.transfer_owner(acting, app.account_id, name=details.get("name", ""),
                                id_number=details.get("id_number", ""),
                                phone=details.get("phone", ""), on=day,
                                application=app.number)
    elif app.type == "area-change":
        recheck.request_remeasure(acting, app.account_id, f"{_reason(app)} {app.request}".strip())
    elif app.type == "category-change":
        _category(acting, app, details, day)
    elif app.type == "close":
        status_share.change_status(acting, app.account_id, "closed", _reason(app), on=day)


def _connect(actor: Actor, app: Application, details: dict, day: _dt.date) -> None:
    """开户入网: the account opens heating from the connection day and is billed its fee."""
    # the bills' chain heads before the account's audit row takes the others (lock order,
    # heatoffice.db.chain)
    chain.Link.lock(chain.BILLS)
    account = accounts.open_account(actor, {**details, "connected_on": day.isoformat()},
                                    status="heating", reason=_reason(app))
    app.account = account.id
    season = season_of(day)
    if season is None:
        raise UserError("billing.no_connection_fee", season="-", value=account.account_no)
    connection.bill_connection_fee(actor, account.id, season.id)


def _category(actor: Actor, app: Application, details: dict, day: _dt.date) -> None:
    """用户性质变更: the new category is on record at once and billed from the next season's
    first day (the application's effective day says which); the bill of a season running
    today keeps the old category unless a manager approves the adjustment proposed for it
    (billing.category_change)."""
    category = details.get("category", "")
    account = Account.get_by_id(app.account_id)
    if not category or category == account.category:
        return
    today = clock.today()
    category_change.check_billed(account, today)  # a season started unbilled: refused
    app.effective_from = category_change.next_season_start(today)
    category_change.propose(actor, account, category, day, _reason(app))
    accounts.update_account(actor, account.id, {"category": category}, by_application=True)
