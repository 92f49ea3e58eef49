"""Demo service desk (issue 11): a fixed handful of hotline calls, work orders in each kind of
state (closed after a return visit, on site, one dispatched late, one overdue, one not yet
dispatched past the limit, a major leak being worked), complaints (one reply due, one
overdue, one answered), inspections (one open, one closed with a fine) and room temperatures
(some below the standard), so the desk's pages, the service report and the home page's tiles
have something to show. Every row through the services, as the demo's own users, at times
shortly before now (recorded later, audited as such). The cost does not grow with the city."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock, config
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.demo.applications import as_role, first_homes
from heatoffice.errors import UserError
from heatoffice.service import calls, complaints, inspections, orders, tempchecks

# (category, minutes before now the call ended, its content, what became of it: the dispatch
# minutes after the call (None: not dispatched) and the steps after the dispatch)
_CALLS: tuple[tuple[str, int, str, int | None, tuple[str, ...]], ...] = (
    ("no-heat", 300, "整户暖气不热，阀门已打开", 4, ("onsite", "fixed", "visit", "close")),
    ("leak-major", 150, "楼道内供水管爆裂，大量漏水", 3, ("onsite",)),
    ("noise", 90, "暖气片有异响，夜间明显", 13, ("onsite",)),  # dispatched late
    ("low-temperature", 40, "卧室温度偏低，约15度", None, ()),  # not dispatched in time
    ("billing", 25, "询问本季热费金额", None, ()),  # answered on the line, no work order
)


def _at(moment: _dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def build_service_desk(actor: Actor) -> dict[str, Any]:
    """The desk's demo rows (``heatoffice demo``, after the city and any ledger); only on a
    demo database, none on a city too small to pick the homes from."""
    if not config.is_demo():
        raise UserError("demo.not_demo")
    homes = first_homes("heating", False, 14)[6:]  # past the applications' homes
    made = {"calls": 0, "work_orders": 0, "complaints": 0, "inspections": 0, "readings": 0}
    if len(homes) < 8:
        return made
    hotline, crew = as_role("hotline", actor), as_role("operations", actor)
    service = as_role("customer_service", actor)
    worker = crew.username
    now = clock.now().replace(second=0, microsecond=0)

    def call(account: Account, category: str, content: str, ended: _dt.datetime,
             **kw: Any) -> str:
        c = calls.add_call(hotline, phone=account.phone, contact=account.name,
                           account=account.account_no, category=category, content=content,
                           readback_confirmed=True, at=_at(ended), **kw)
        made["calls"] += 1
        return str(c.number)

    for home, (category, ago, content, dispatch, steps) in zip(homes, _CALLS, strict=False):
        ended = now - _dt.timedelta(minutes=ago)
        number = call(home, category, content, ended)
        if category == "billing":
            continue
        order = orders.new_order(hotline, number).number
        made["work_orders"] += 1
        if dispatch is None:
            continue
        at = ended + _dt.timedelta(minutes=dispatch)
        orders.dispatch(hotline, order, worker, at=_at(at))
        for i, verb in enumerate(steps, 1):
            step_at = _at(at + _dt.timedelta(minutes=30 * i))
            if verb == "fixed":
                orders.move(crew, order, verb, note="排气阀堵塞，已清理排气", at=step_at,
                            advice="请勿关闭分户阀门，定期排气")
            elif verb == "visit":
                orders.move(service, order, verb, satisfied=True, note="用户满意",
                            at=step_at)
            else:
                orders.move(service if verb == "close" else crew, order, verb, at=step_at)
    # a minor leak reported yesterday afternoon, dispatched in time, still open: overdue since
    # midnight (小漏不过夜)
    yesterday = _dt.datetime.combine(now.date() - _dt.timedelta(days=1), _dt.time(15, 20))
    number = call(homes[5], "leak-minor", "卫生间暖气片接口滴水", yesterday)
    order = orders.new_order(hotline, number).number
    orders.dispatch(hotline, order, worker, at=_at(yesterday + _dt.timedelta(minutes=6)))
    made["work_orders"] += 1
    # outside the company's scope: logged with the body the caller was pointed to
    call(homes[6], "consultation", "询问燃气报装", now - _dt.timedelta(minutes=15),
         referred_to="燃气公司 96777")

    # complaints: a letter whose reply is due, a letter past its reply day, a call answered
    a, b, c = homes[0], homes[2], homes[3]
    days = complaints.reply_days()
    letter = complaints.add(service, channel="letter", complainant=a.name, phone=a.phone,
                            account=a.account_no, content="反映室温长期不达标，要求退费",
                            at=_at(now - _dt.timedelta(days=2, hours=3)))
    complaints.handle(service, letter.number, facts="入户测温卧室16.5度，系末端压差不足",
                      view="要求退还不达标天数热费", decision="调节单元阀门，按规定核退热费")
    complaints.add(service, channel="letter", complainant=b.name, phone=b.phone,
                   account=b.account_no, content="维修人员未按约定时间上门",
                   at=_at(now - _dt.timedelta(days=days + 2)))
    answered = complaints.add(service, channel="phone", complainant=c.name, phone=c.phone,
                              account=c.account_no, content="对收费标准有疑问",
                              at=_at(now - _dt.timedelta(days=1, hours=2)))
    complaints.handle(service, answered.number, facts="按物价局核定价格收费",
                      view="认为面积计算有误", decision="解释面积计算办法，用户认可")
    complaints.reply(service, answered.number, method="phone", text="已电话解释，用户认可")
    made["complaints"] = 3

    # inspections: a seal check still open (it ages on the home page), a theft closed
    inspections.add(service, kind="seal_check", account=homes[4].account_no,
                    findings="报停户铅封完好，待复查室内阀门",
                    at=_at(now - _dt.timedelta(days=4)))
    theft = inspections.add(service, kind="theft", account=homes[7].account_no,
                            findings="私接暖气片一组", evidence="现场照片两张，用户签字确认",
                            at=_at(now - _dt.timedelta(days=6)))
    inspections.conclude(service, theft.number, "violation")
    inspections.follow_up(service, theft.number, "fine", amount="500", note="按规定处以罚款")
    inspections.follow_up(service, theft.number, "rectify", note="已拆除私接暖气片")
    inspections.close(service, theft.number)
    made["inspections"] = 2

    # room temperatures (四查): two homes below the standard, two at it
    for home, value, room, ago in ((a, "16.5", "卧室", 50), (a, "17.0", "客厅", 49),
                                   (homes[1], "19.5", "客厅", 30), (c, "20.0", "卧室", 28)):
        tempchecks.record(crew, home.account_no, value, instrument="TM-01", room=room,
                          outdoor="-6.5", at=_at(now - _dt.timedelta(hours=ago)))
        made["readings"] += 1
    return made
