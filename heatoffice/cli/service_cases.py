"""Commands of the service desk's cases: ``complaint add|handle|escalate|reply|show|list``,
``inspection add|conclude|follow-up|close|show|list``, ``tempcheck plan|record|list|refund``
and ``print reply`` (the complaint's reply letter); the same services as the pages."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

TEXT: common.Table = {
    "complaint": ("投诉受理与答复", "complaints"),
    "c_add": ("受理一件投诉（电话、来访或书面），打印投诉编号",
              "record a complaint (phone, visit or letter); prints its number"),
    "c_handle": ("登记处理：事实经过、用户意见、处理决定",
                 "record the facts, the customer's view and the decision"),
    "c_escalate": ("超出权限，上报经理处理", "beyond the handler's authority: escalate to a "
                   "manager"),
    "c_reply": ("登记答复（电话或书面）", "record the reply (phone or letter)"),
    "c_show": ("显示一件投诉及其处理记录", "show a complaint and its steps"),
    "c_list": ("列出投诉", "list complaints"),
    "inspection": ("稽查与巡检", "inspections and patrols"),
    "i_add": ("登记一次稽查或巡检，打印稽查编号",
              "record an inspection or patrol; prints its number"),
    "i_conclude": ("稽查结论：normal violation uncertain", "conclude: normal violation "
                   "uncertain"),
    "i_follow": ("稽查处理：adjustment（按面积×单价×天数补收，待经理审批）fine reconnection "
                 "rectify", "follow-up: adjustment (stolen heat, area × price × days, for a "
                 "manager's approval) fine reconnection rectify"),
    "i_close": ("结案（须有责任人和处理结果）", "close (needs an owner and an outcome)"),
    "i_show": ("显示一次稽查及其处理", "show an inspection and its follow-ups"),
    "i_list": ("列出稽查（未结案的带天数）", "list inspections (open ones with their age)"),
    "tempcheck": ("室温检测（四查）", "room-temperature checks"),
    "t_plan": ("检测计划：低层、管网末端、单位用户入户装置、投诉与失调户优先",
               "check plan: low floors, network ends, unit customers' inlets, complaints and "
               "imbalance first"),
    "t_record": ("登记一次室温读数", "record a room-temperature reading"),
    "t_list": ("列出室温读数", "list readings"),
    "t_refund": ("室温不达标退费：提出调账待经理审批",
                 "refund for a home too cold: proposes an adjustment for a manager"),
    "reply_letter": ("投诉答复函（PDF）", "complaint reply letter (PDF)"),
    "at": ("实际发生时间 YYYY-MM-DD HH:MM（补录，记入操作日志）",
           "when it happened, YYYY-MM-DD HH:MM (recorded later, audited as such)"),
    "number": ("编号", "number"),
    "out_pdf": ("输出文件（.pdf）", "output file (.pdf)"),
    "printed": ("已写入 {path}", "written to {path}"),
    "moved": ("{number}：{state}", "{number}: {state}"),
    "due": ("答复期限：{due}", "reply due: {due}"),
    "none": ("没有符合条件的记录", "nothing matches"),
    "overdue": ("答复超期", "reply overdue"),
    "open_days": ("已 {days} 天未结案", "open {days} days"),
    "proposed": ("已提出调账 #{id}：{amount} 元，待经理审批",
                 "adjustment #{id} proposed: {amount} yuan, for a manager's approval"),
    "follow": ("{number}：{kind}", "{number}: {kind}"),
    "below": ("低于标准 {standard} °C", "below the standard {standard} °C"),
    "reading": ("读数 #{id}：{celsius} °C", "reading #{id}: {celsius} °C"),
}

t = common.texts(TEXT)
AT = '"YYYY-MM-DD HH:MM"'


def register(commands: Commands) -> None:
    _complaints(commands)
    _inspections(commands)
    _tempchecks(commands)
    s = command(commands.shared("print"), "reply", t("reply_letter"), cmd_print_reply)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--out", required=True, metavar="F.pdf", help=t("out_pdf"))


def _complaints(commands: Commands) -> None:
    top = group(commands.top, "complaint", t("complaint"))
    s = command(top, "add", t("c_add"), cmd_complaint_add)
    s.add_argument("--channel", required=True, choices=glossary.codes("complaint_channel"))
    s.add_argument("--name", required=True, metavar="NAME")
    s.add_argument("--phone", default="", metavar="P")
    where = s.add_mutually_exclusive_group()
    where.add_argument("--account", metavar="NO")
    where.add_argument("--address", metavar="TEXT")
    s.add_argument("--content", required=True, metavar="TEXT")
    s.add_argument("--call", default="", metavar="RX-…")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "handle", t("c_handle"), cmd_complaint_handle)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--facts", required=True, metavar="TEXT")
    s.add_argument("--view", required=True, metavar="TEXT")
    s.add_argument("--decision", required=True, metavar="TEXT")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "escalate", t("c_escalate"), cmd_complaint_escalate)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--to", required=True, metavar="MANAGER")
    s.add_argument("--reason", required=True, metavar="TEXT")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "reply", t("c_reply"), cmd_complaint_reply)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--method", required=True, choices=glossary.codes("reply_method"))
    s.add_argument("--text", required=True, metavar="TEXT")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "show", t("c_show"), cmd_complaint_show)
    s.add_argument("number", metavar="N", help=t("number"))
    s = command(top, "list", t("c_list"), cmd_complaint_list)
    s.add_argument("--state", choices=glossary.codes("complaint_state"))
    s.add_argument("--open", action="store_true")
    s.add_argument("--overdue", action="store_true")


def _inspections(commands: Commands) -> None:
    top = group(commands.top, "inspection", t("inspection"))
    s = command(top, "add", t("i_add"), cmd_inspection_add)
    s.add_argument("--kind", required=True, choices=glossary.codes("inspection_kind"))
    where = s.add_mutually_exclusive_group()
    where.add_argument("--account", metavar="NO")
    where.add_argument("--address", metavar="TEXT")
    s.add_argument("--findings", required=True, metavar="TEXT")
    s.add_argument("--evidence", default="", metavar="TEXT")
    s.add_argument("--inspector", default="", metavar="USER")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "conclude", t("i_conclude"), cmd_inspection_conclude)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--conclusion", required=True,
                   choices=glossary.codes("inspection_conclusion"))
    s.add_argument("--findings", default="", metavar="TEXT")
    s.add_argument("--evidence", default="", metavar="TEXT")
    s.add_argument("--inspector", default="", metavar="USER")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "follow-up", t("i_follow"), cmd_inspection_follow_up)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--kind", required=True, choices=glossary.codes("inspection_follow_up"))
    s.add_argument("--days", metavar="DAYS")
    s.add_argument("--area", metavar="M2")
    s.add_argument("--price", metavar="YUAN_PER_M2")
    s.add_argument("--amount", metavar="YUAN")
    s.add_argument("--note", default="", metavar="TEXT")
    s = command(top, "close", t("i_close"), cmd_inspection_close)
    s.add_argument("number", metavar="N", help=t("number"))
    s.add_argument("--note", default="", metavar="TEXT")
    s = command(top, "show", t("i_show"), cmd_inspection_show)
    s.add_argument("number", metavar="N", help=t("number"))
    s = command(top, "list", t("i_list"), cmd_inspection_list)
    s.add_argument("--open", action="store_true")
    s.add_argument("--kind", choices=glossary.codes("inspection_kind"))


def _tempchecks(commands: Commands) -> None:
    top = group(commands.top, "tempcheck", t("tempcheck"))
    s = command(top, "plan", t("t_plan"), cmd_tempcheck_plan)
    s.add_argument("--station", default="", metavar="CODE")
    s.add_argument("--community", default="", metavar="NAME")
    s.add_argument("--limit", type=int, default=50, metavar="N")
    s = command(top, "record", t("t_record"), cmd_tempcheck_record)
    s.add_argument("--account", required=True, metavar="NO")
    s.add_argument("--celsius", required=True, metavar="C")
    s.add_argument("--room", default="", metavar="TEXT")
    s.add_argument("--outdoor", metavar="C")
    s.add_argument("--instrument", required=True, metavar="TEXT")
    s.add_argument("--note", default="", metavar="TEXT")
    s.add_argument("--at", metavar=AT, help=t("at"))
    s = command(top, "list", t("t_list"), cmd_tempcheck_list)
    s.add_argument("--account", default="", metavar="NO")
    s.add_argument("--cold", action="store_true")
    s = command(top, "refund", t("t_refund"), cmd_tempcheck_refund)
    s.add_argument("--account", required=True, metavar="NO")
    s.add_argument("--from", dest="date_from", required=True, metavar="D")
    s.add_argument("--to", dest="date_to", required=True, metavar="D")
    s.add_argument("--short", metavar="C")


def _state(number: str, group_name: str, state: str) -> None:
    print(t("moved", number=number, state=glossary.label(group_name, state)))


def cmd_complaint_add(args: argparse.Namespace) -> int:
    from heatoffice.service import complaints

    actor = common.session(args)
    c = complaints.add(actor, channel=args.channel, complainant=args.name, phone=args.phone,
                       account=args.account, address=args.address or "",
                       content=args.content, call_number=args.call, at=args.at)
    print(c.number)
    if c.reply_due is not None:
        print(t("due", due=f"{c.reply_due:%Y-%m-%d %H:%M}"))
    return common.DONE


def cmd_complaint_handle(args: argparse.Namespace) -> int:
    from heatoffice.service import complaints

    actor = common.session(args)
    c = complaints.handle(actor, args.number, facts=args.facts, view=args.view,
                          decision=args.decision, at=args.at)
    _state(c.number, "complaint_state", c.state)
    return common.DONE


def cmd_complaint_escalate(args: argparse.Namespace) -> int:
    from heatoffice.service import complaints

    actor = common.session(args)
    c = complaints.escalate(actor, args.number, to=args.to, reason=args.reason, at=args.at)
    _state(c.number, "complaint_state", c.state)
    return common.DONE


def cmd_complaint_reply(args: argparse.Namespace) -> int:
    from heatoffice.service import complaints

    actor = common.session(args)
    c = complaints.reply(actor, args.number, method=args.method, text=args.text, at=args.at)
    _state(c.number, "complaint_state", c.state)
    return common.DONE


def _when(value) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def cmd_complaint_show(args: argparse.Namespace) -> int:
    from heatoffice.service import case_queries

    actor = common.session(args)
    card = case_queries.complaint(actor, args.number)
    r = card.row
    f = glossary.labels("field")
    lines = [
        (f["number"], r.number), (f["complaint_channel"],
                                  glossary.label("complaint_channel", r.channel)),
        (f["state"], glossary.label("complaint_state", r.state)
         + (f"  {t('overdue')}" if r.overdue else "")),
        (f["account_no"], r.account_no or "-"), (f["complainant"], r.complainant),
        (f["phone"], card.phone or "-"), (f["address"], r.address),
        (f["complaint_content"], r.content), (f["received_at"], _when(r.received_at)),
        (f["handler"], r.handler), (f["escalated_to"], r.escalated_to or "-"),
        (f["facts"], card.facts or "-"), (f["customer_view"], card.customer_view or "-"),
        (f["decision"], card.decision or "-"), (f["reply_due"], _when(r.reply_due) or "-"),
        (f["replied_at"], _when(r.replied_at) or "-"),
        (f["reply_method"], glossary.label("reply_method", r.reply_method)
         if r.reply_method else "-"),
        (f["reply_text"], card.reply_text or "-"),
    ]
    for label, value in lines:
        print(f"{label}: {value}")
    for s in card.steps:
        print(f"  {_when(s.at)}  {glossary.label('complaint_action', s.action)}  "
              f"{glossary.label('complaint_state', s.to_state)}  {s.by}  {s.note}")
    return common.DONE


def cmd_complaint_list(args: argparse.Namespace) -> int:
    from heatoffice.service import case_queries

    actor = common.session(args)
    rows = case_queries.complaints(actor, state=args.state, open_only=args.open,
                                   overdue=args.overdue)
    for r in rows:
        flag = f"  {t('overdue')}" if r.overdue else ""
        print(f"{r.number}  {glossary.label('complaint_channel', r.channel)}  "
              f"{glossary.label('complaint_state', r.state)}  {r.account_no or '-'}  "
              f"{r.complainant}  {_when(r.received_at)}  {r.handler}{flag}")
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_inspection_add(args: argparse.Namespace) -> int:
    from heatoffice.service import inspections

    actor = common.session(args)
    i = inspections.add(actor, kind=args.kind, account=args.account,
                        address=args.address or "", findings=args.findings,
                        evidence=args.evidence, inspector=args.inspector, at=args.at)
    print(i.number)
    return common.DONE


def cmd_inspection_conclude(args: argparse.Namespace) -> int:
    from heatoffice.service import inspections

    actor = common.session(args)
    i = inspections.conclude(actor, args.number, args.conclusion, findings=args.findings,
                             evidence=args.evidence, inspector=args.inspector, at=args.at)
    print(t("moved", number=i.number, state=glossary.label("inspection_conclusion",
                                                            i.conclusion)))
    return common.DONE


def cmd_inspection_follow_up(args: argparse.Namespace) -> int:
    from heatoffice.service import inspections

    actor = common.session(args)
    f = inspections.follow_up(actor, args.number, args.kind, amount=args.amount,
                              area=args.area, days=args.days, price=args.price, note=args.note)
    print(t("follow", number=args.number.upper(),
            kind=glossary.label("inspection_follow_up", f.kind)))
    if f.adjustment_id is not None:
        print(t("proposed", id=f.adjustment_id, amount=f"{f.amount:,.2f}"))
    return common.DONE


def cmd_inspection_close(args: argparse.Namespace) -> int:
    from heatoffice.service import inspections

    actor = common.session(args)
    i = inspections.close(actor, args.number, note=args.note)
    _state(i.number, "inspection_state", i.state)
    return common.DONE


def cmd_inspection_show(args: argparse.Namespace) -> int:
    from heatoffice.service import case_queries

    actor = common.session(args)
    card = case_queries.inspection(actor, args.number)
    r = card.row
    f = glossary.labels("field")
    lines = [
        (f["number"], r.number), (f["inspection_kind"],
                                  glossary.label("inspection_kind", r.kind)),
        (f["state"], glossary.label("inspection_state", r.state)
         + (f"  {t('open_days', days=r.age_days)}" if r.state != "closed" else "")),
        (f["inspection_conclusion"], glossary.label("inspection_conclusion", r.conclusion)
         if r.conclusion else "-"),
        (f["account_no"], r.account_no or "-"), (f["address"], r.address),
        (f["inspector"], r.inspector), (f["inspected_at"], _when(r.inspected_at)),
        (f["findings"], card.findings), (f["evidence"], card.evidence or "-"),
    ]
    for label, value in lines:
        print(f"{label}: {value}")
    for u in card.follow_ups:
        extra = "" if u.amount is None else f"  {u.amount:,.2f}"
        adj = "" if u.adjustment_id is None else f"  #{u.adjustment_id}"
        print(f"  {_when(u.at)}  {glossary.label('inspection_follow_up', u.kind)}{extra}{adj}"
              f"  {u.by}  {u.note}")
    return common.DONE


def cmd_inspection_list(args: argparse.Namespace) -> int:
    from heatoffice.service import case_queries

    actor = common.session(args)
    rows = case_queries.inspections(actor, open_only=args.open, kind=args.kind)
    for r in rows:
        age = f"  {t('open_days', days=r.age_days)}" if r.state != "closed" else ""
        concl = glossary.label("inspection_conclusion", r.conclusion) if r.conclusion else "-"
        print(f"{r.number}  {glossary.label('inspection_kind', r.kind)}  "
              f"{glossary.label('inspection_state', r.state)}  {concl}  {r.account_no or '-'}"
              f"  {r.inspector}  {_when(r.inspected_at)}{age}")
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_tempcheck_plan(args: argparse.Namespace) -> int:
    from heatoffice.service import tempchecks

    actor = common.session(args)
    rows = tempchecks.plan(actor, station=args.station, community=args.community,
                           limit=args.limit)
    for i, r in enumerate(rows, 1):
        why = "、".join(glossary.label("tempcheck_reason", x) for x in r.reasons)
        print(f"{i:>3}  {r.home.account_no}  {r.home.address}  {why}")
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_tempcheck_record(args: argparse.Namespace) -> int:
    from heatoffice.service import tempchecks

    actor = common.session(args)
    r = tempchecks.record(actor, args.account, args.celsius, instrument=args.instrument,
                          room=args.room, outdoor=args.outdoor, at=args.at, note=args.note)
    value = tempchecks.from_tenths(r.tenths)
    standard = tempchecks.from_tenths(r.standard_tenths)
    line = t("reading", id=r.id, celsius=value)
    if r.tenths < r.standard_tenths:
        line += f"  {t('below', standard=standard)}"
    print(line)
    return common.DONE


def cmd_tempcheck_list(args: argparse.Namespace) -> int:
    from heatoffice.service import case_queries

    actor = common.session(args)
    rows = case_queries.readings(actor, account=args.account, cold_only=args.cold)
    for r in rows:
        flag = f"  {t('below', standard=r.standard)}" if r.below else ""
        outdoor = "" if r.outdoor is None else f"  ({r.outdoor} °C)"
        print(f"{_when(r.measured_at)}  {r.account_no}  {r.room or '-'}  {r.celsius} °C"
              f"{outdoor}  {r.instrument}  {r.by}{flag}")
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_tempcheck_refund(args: argparse.Namespace) -> int:
    from heatoffice.service import tempchecks

    actor = common.session(args)
    r = tempchecks.refund(actor, args.account, args.date_from, args.date_to, short=args.short)
    print(t("proposed", id=r.adjustment_id, amount=f"{r.amount:,.2f}"))
    return common.DONE


def cmd_print_reply(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    common.need_suffix(args.out, ".pdf")
    actor = common.session(args)
    documents.print_reply_letter(actor, args.out, args.number)
    print(t("printed", path=args.out))
    return common.DONE
