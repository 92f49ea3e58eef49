"""Commands of the service desk: ``call add``, ``order new|dispatch|onsite|fixed|unfixable|
visit|close|list|show|settings`` and ``export service`` (.xlsx or .pdf); the cases' commands
are in their own module."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group
from heatoffice.errors import UserError

TEXT: common.Table = {
    "call": ("热线来电", "hotline calls"),
    "add": ("登记一个来电（须已向来电人复述确认），打印来电编号",
            "record a call (read back and confirmed); prints its number"),
    "order": ("维修单（处理调度单）", "work orders"),
    "new": ("由来电开维修单，打印维修单号", "make a work order from a call; prints its number"),
    "dispatch": ("派工", "dispatch a work order"),
    "verb": ("维修单流转：{verb}", "move the work order: {verb}"),
    "list": ("列出未关闭的维修单", "list open work orders"),
    "show": ("显示一张维修单及其流转记录", "show a work order and its steps"),
    "export": ("服务报表（Excel 或 PDF，按 --out 的后缀）",
               "service report (Excel or PDF, by the suffix of --out)"),
    "at": ("实际发生时间 YYYY-MM-DD HH:MM（补录，记入操作日志）",
           "when it happened, YYYY-MM-DD HH:MM (recorded later, audited as such)"),
    "readback": ("已向来电人复述单位、联系人、地址和内容并确认",
                 "the unit, contact, address and content were read back and confirmed"),
    "referred": ("不属本公司范围：告知用户的查询部门", "outside our scope: the body the caller "
                 "was pointed to"),
    "out_file": ("输出文件：.xlsx 或 .pdf", "output file: .xlsx or .pdf"),
    "suggested": ("建议派给：{name}", "suggested: {name}"),
    "settings": ("显示服务设置；给出 KEY VALUE 即修改（派工时限、各类处理时限）",
                 "show the service settings; KEY VALUE changes one (dispatch limit, "
                 "deadlines per category)"),
    "moved": ("{number}：{state}", "{number}: {state}"),
    "late": ("派工超时：{minutes}（规定 {limit} 分钟内）",
             "dispatched late: {minutes} (limit {limit} minutes)"),
    "none": ("没有符合条件的维修单", "no work orders match"),
    "flag_undispatched": ("超时未派工", "not dispatched in time"),
    "flag_overdue": ("已超期", "overdue"),
    "flag_hours": ("已抢修 {hours} 小时", "open {hours} h"),
    "dispatch_time": ("{minutes}{late}", "{minutes}{late}"),
    "dispatch_late": ("（超时）", " (late)"),
    "backdated": ("（{at} 补录）", " (recorded {at})"),
    "exported": ("已导出 {rows} 行到 {path}", "exported {rows} rows to {path}"),
    "printed": ("已写出 {pages} 页到 {path}", "wrote {pages} pages to {path}"),
    "l_number": ("维修单号", "work order"),
    "l_call": ("来电编号", "call"),
    "l_category": ("类别", "category"),
    "l_severity": ("紧急程度", "severity"),
    "l_state": ("状态", "state"),
    "l_account": ("户号", "account"),
    "l_address": ("地址", "address"),
    "l_contact": ("联系人", "contact"),
    "l_content": ("报修内容", "content"),
    "l_reported": ("来电时间", "reported at"),
    "l_due": ("处理时限", "due at"),
    "l_overdue": ("超期", "overdue"),
    "l_suggested": ("建议派给", "suggested"),
    "l_assignee": ("维修人员", "assigned to"),
    "l_dispatch": ("派工用时（分:秒）", "dispatch time (m:ss)"),
    "l_alarms": ("大漏抢修", "major leak open"),
    "l_work_note": ("维修记录", "work note"),
    "l_advice": ("用热指导", "advice on using heat"),
    "l_reason": ("无法修复原因", "why it cannot be fixed"),
    "l_escalated": ("上报经理", "escalated to"),
    "l_visit": ("回访意见", "return visit"),
    "l_satisfied": ("用户满意", "satisfied"),
}

t = common.texts(TEXT)
VERBS = ("onsite", "fixed", "unfixable", "visit", "close")


def register(commands: Commands) -> None:
    calls = group(commands.top, "call", t("call"))
    s = command(calls, "add", t("add"), cmd_call_add)
    s.add_argument("--phone", required=True, metavar="P")
    s.add_argument("--contact", required=True, metavar="NAME")
    where = s.add_mutually_exclusive_group()
    where.add_argument("--account", metavar="NO")
    where.add_argument("--address", metavar="TEXT")
    s.add_argument("--category", required=True, metavar="C",
                   choices=glossary.codes("call_category"))
    s.add_argument("--content", required=True, metavar="TEXT")
    s.add_argument("--unit", default="", metavar="TEXT")
    s.add_argument("--referred-to", default="", metavar="BODY", help=t("referred"))
    s.add_argument("--confirm-readback", action="store_true", help=t("readback"))
    s.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help=t("at"))
    orders = group(commands.top, "order", t("order"))
    s = command(orders, "new", t("new"), cmd_order_new)
    s.add_argument("--call", required=True, metavar="N")
    s.add_argument("--severity", choices=glossary.codes("work_order_severity"))
    s = command(orders, "dispatch", t("dispatch"), cmd_order_dispatch)
    s.add_argument("number", metavar="N")
    s.add_argument("--to", required=True, metavar="USER")
    s.add_argument("--note", default="", metavar="TEXT")
    s.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help=t("at"))
    for verb in VERBS:
        s = command(orders, verb, t("verb", verb=verb), cmd_order_move)
        s.add_argument("number", metavar="N")
        s.add_argument("--note", default="", metavar="TEXT")
        s.add_argument("--advice", default="", metavar="TEXT")
        s.add_argument("--satisfied", choices=("yes", "no"))
        s.add_argument("--to", default="", metavar="USER")
        s.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help=t("at"))
        s.set_defaults(verb=verb)
    s = command(orders, "list", t("list"), cmd_order_list)
    s.add_argument("--overdue", action="store_true")
    s.add_argument("--undispatched", action="store_true")
    s = command(orders, "show", t("show"), cmd_order_show)
    s.add_argument("number", metavar="N")
    s = command(orders, "settings", t("settings"), cmd_settings)
    s.add_argument("key", nargs="?", metavar="KEY")
    s.add_argument("value", nargs="?", metavar="VALUE")
    s = command(commands.shared("export"), "service", t("export"), cmd_export)
    s.add_argument("--from", dest="date_from", required=True, metavar="D")
    s.add_argument("--to", dest="date_to", required=True, metavar="D")
    s.add_argument("--out", required=True, metavar="F.xlsx|F.pdf", help=t("out_file"))


def cmd_call_add(args: argparse.Namespace) -> int:
    from heatoffice.service import calls

    actor = common.session(args)
    call = calls.add_call(actor, phone=args.phone, contact=args.contact,
                          category=args.category, content=args.content, account=args.account,
                          address=args.address or "", unit=args.unit,
                          referred_to=args.referred_to,
                          readback_confirmed=args.confirm_readback, at=args.at)
    print(call.number)
    return common.DONE


def cmd_order_new(args: argparse.Namespace) -> int:
    from heatoffice.service import orders

    actor = common.session(args)
    order = orders.new_order(actor, args.call, severity=args.severity)
    print(order.number)
    if order.suggested:
        print(t("suggested", name=order.suggested))
    return common.DONE


def _moved(number: str, state: str) -> None:
    print(t("moved", number=number, state=glossary.label("work_order_state", state)))


def cmd_order_dispatch(args: argparse.Namespace) -> int:
    from heatoffice.service import orders, queries

    actor = common.session(args)
    order = orders.dispatch(actor, args.number, args.to, at=args.at, note=args.note)
    _moved(order.number, order.state)
    row = queries.order_card(actor, order.number).order
    if row.dispatch_late:
        print(t("late", minutes=row.dispatch_minutes, limit=queries.dispatch_minutes()))
    return common.DONE


def cmd_order_move(args: argparse.Namespace) -> int:
    from heatoffice.service import orders

    actor = common.session(args)
    satisfied = None if args.satisfied is None else args.satisfied == "yes"
    order = orders.move(actor, args.number, args.verb, note=args.note, advice=args.advice,
                        satisfied=satisfied, to=args.to, at=args.at)
    _moved(order.number, order.state)
    return common.DONE


def _flags(row: object) -> str:
    flags = []
    if getattr(row, "undispatched", False):
        flags.append(t("flag_undispatched"))
    if getattr(row, "overdue", False):
        flags.append(t("flag_overdue"))
    hours = getattr(row, "alarms", 0)
    if hours:
        flags.append(t("flag_hours", hours=hours))
    return "  ".join(flags)


def cmd_order_list(args: argparse.Namespace) -> int:
    from heatoffice.service import deadlines, queries

    actor = common.session(args)
    rows = queries.work_orders(actor, overdue=args.overdue, undispatched=args.undispatched)
    for r in rows:
        flags = _flags(r)
        print(f"{r.number}  {glossary.label('call_category', r.category)}  "
              f"{glossary.label('work_order_state', r.state)}  {r.account_no or '-'}  "
              f"{r.address or '-'}  {r.assignee or '-'}  {deadlines.shown(r.due_at)}"
              + (f"  {flags}" if flags else ""))
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_order_show(args: argparse.Namespace) -> int:
    from heatoffice.service import deadlines, queries

    actor = common.session(args)
    card = queries.order_card(actor, args.number)
    r = card.order
    yes, no = glossary.pick("是", "yes"), glossary.pick("否", "no")
    lines = [
        (t("l_number"), r.number), (t("l_call"), r.call_number),
        (t("l_category"), glossary.label("call_category", r.category)),
        (t("l_severity"), glossary.label("work_order_severity", r.severity)),
        (t("l_state"), glossary.label("work_order_state", r.state)),
        (t("l_account"), r.account_no or "-"), (t("l_address"), r.address or "-"),
        (t("l_contact"), f"{r.contact} {r.phone}"), (t("l_content"), r.content),
        (t("l_reported"), f"{r.reported_at:%Y-%m-%d %H:%M}"),
        (t("l_due"), deadlines.shown(r.due_at)),
        (t("l_overdue"), yes if r.overdue else no),
        (t("l_suggested"), r.suggested or "-"), (t("l_assignee"), r.assignee or "-"),
        (t("l_dispatch"), t("dispatch_time", minutes=r.dispatch_minutes,
                            late=t("dispatch_late") if r.dispatch_late else "")
         if r.dispatch_seconds is not None else (t("flag_undispatched") if r.undispatched
                                                 else "-")),
    ]
    if r.alarms:
        lines.append((t("l_alarms"), t("flag_hours", hours=r.alarms)))
    for label, value in (("l_work_note", card.work_note), ("l_advice", card.heat_advice),
                         ("l_reason", card.unfixable_reason),
                         ("l_escalated", card.escalated_to), ("l_visit", card.visit_comment)):
        if value:
            lines.append((t(label), value))
    if card.satisfied is not None:
        lines.append((t("l_satisfied"), yes if card.satisfied else no))
    for label, value in lines:
        print(f"{label}: {value}")
    for s in card.steps:
        mark = t("backdated", at=f"{s.entered_at:%Y-%m-%d %H:%M}") if s.backdated else ""
        note = f"  {s.note}" if s.note else ""
        print(f"  {s.at:%Y-%m-%d %H:%M}  {glossary.label('work_order_state', s.to_state)}  "
              f"{s.by}{mark}{note}")
    return common.DONE


def cmd_settings(args: argparse.Namespace) -> int:
    from heatoffice.auth.permissions import require
    from heatoffice.service import settings

    actor = common.session(args)
    if args.key is not None:
        if args.value is None:
            raise UserError("validation.required", field="value")
        settings.set_setting(actor, args.key, args.value)
    else:
        require(actor, "service.view")
    for key in settings.DEFAULTS:
        print(f"{key} = {settings.get(key)}")
    return common.DONE


def cmd_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.service_report import check_suffix, export_service

    suffix = check_suffix(args.out)
    start = common.parse_day(args.date_from, "date_from")
    end = common.parse_day(args.date_to, "date_to")
    actor = common.session(args)
    count = export_service(actor, args.out, start, end)
    if suffix == ".pdf":
        print(t("printed", pages=count, path=args.out))
    else:
        print(t("exported", rows=count, path=args.out))
    return common.DONE
