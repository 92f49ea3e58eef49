"""Demo applications at the front desk: a fixed handful, one in each state of the workflow, so
the reception page, the department queues and the account card have something to show. The
cost does not grow with the city: eight applications on accounts picked from the first ones."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from peewee import fn

from heatoffice import clock
from heatoffice.accounts.models import Account, Community
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.service import actor_for
from heatoffice.billing.models import AccountBalance
from heatoffice.reception import service as reception

_DOCS: dict[str, list[tuple[str, ...]]] = {
    "stop": [("owner-id", "original"), ("property-proof", "copy"), ("last-receipt", "original")],
    "resume": [("owner-id", "original")],
    "transfer": [("owner-id", "original"), ("new-owner-id", "original"),
                 ("property-proof", "copy")],  # the transfer contract is still to come
    "area-change": [("owner-id", "copy")],  # the property certificate is missing
    "close": [("owner-id", "original"), ("property-proof", "copy")],
    "new-connection": [("owner-id", "original"), ("property-proof", "copy")],
}


def as_role(role: str, actor: Actor) -> Actor:
    """The demo's user of ``role``, else ``actor`` (who fills the demo)."""
    user = User.get_or_none(User.username == role, User.active == True)  # noqa: E712
    return actor_for(user) if user is not None else actor


def first_homes(status: str, settled: bool, n: int) -> list[Account]:
    """The first ``n`` residential accounts of ``status`` with a mobile phone (and nothing
    owed when ``settled``), by id: a few index reads, whatever the city's size."""
    first = Account.select(fn.MIN(Account.id)).scalar() or 0
    q = (Account.select().where(Account.id.between(first, first + 3000),
                                Account.status == status, Account.category == "residential",
                                Account.phone.startswith("1"), Account.heating_area > 0)
         .order_by(Account.id).limit(n * 20))
    found = []
    for a in q:
        balance = AccountBalance.get_or_none(AccountBalance.account == a.id)
        if settled and balance is not None and balance.balance > 0:
            continue
        found.append(a)
        if len(found) == n:
            break
    return found


def build_applications(actor: Actor) -> dict[str, Any]:
    """Eight applications: received, under review, returned, accepted, forwarded, done,
    rejected and cancelled. Accounts missing from a small city are skipped."""
    desk, manager = as_role("reception", actor), as_role("manager", actor)
    today = clock.today()
    made: list[str] = []

    def receive(type_: str, account: Account | None, **kw: Any) -> str:
        app = reception.receive(
            desk, type_, account=account.account_no if account else None,
            applicant=kw.pop("applicant", account.name if account else ""),
            phone=kw.pop("phone", account.phone if account else ""),
            docs=_DOCS.get(type_, []), **kw)
        made.append(app.number)
        return app.number

    heating = first_homes("heating", True, 6)
    stopped = first_homes("stopped", False, 1)
    if len(heating) < 6:
        return {"applications": 0}
    a, b, c, d, e, f = heating
    receive("stop", a, wanted_from=today + _dt.timedelta(days=7), note="房屋空置，申请报停")
    number = receive("transfer", b, new_account={"name": "李新民", "phone": "13912345678"},
                     note="房屋出售，申请过户")
    reception.move(desk, number, "review")
    number = receive("area-change", c, note="实际面积与登记不符，申请复测")
    reception.move(desk, number, "return", reason="缺房产证原件，请补齐后再来")
    if stopped:
        number = receive("resume", stopped[0], note="回家居住，申请复供")
        balance = AccountBalance.get_or_none(AccountBalance.account == stopped[0].id)
        if balance is not None and balance.balance > 0:
            reception.record_exception(manager, number, "用户承诺月底前缴清欠费")
        reception.move(desk, number, "accept")
    community = Community.get_by_id(a.community_id).name
    number = receive("new-connection", None, applicant="王建国", phone="13712345678",
                     new_account={"account_no": f"XK{today.year}0001", "name": "王建国",
                                  "community": community, "building": "99", "unit": "1",
                                  "room": "101", "heating_area": "96.50"},
                     wanted_from=today + _dt.timedelta(days=15), note="新房入网")
    reception.move(desk, number, "accept")
    reception.move(desk, number, "forward")
    number = receive("other", d, note="索要上季缴费证明")
    reception.move(desk, number, "accept")
    reception.move(desk, number, "forward")
    reception.move(as_role("customer_service", actor), number, "done")
    number = receive("close", e, note="房屋拆迁，申请销户")
    reception.move(desk, number, "reject", reason="房屋尚未拆迁，户主未到场")
    number = receive("category-change", f, new_account={"category": "business"},
                     note="改作商铺")
    reception.move(desk, number, "cancel", reason="用户撤回申请")
    return {"applications": len(made)}
