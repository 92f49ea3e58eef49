"""Commands of the service desk: ``call add``, ``order new|dispatch|onsite|fixed|unfixable|
visit|close|list|show`` and ``export service`` (the cases' commands are in their own module)."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

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
    "export": ("服务报表（Excel）", "service report (Excel)"),
    "at": ("实际发生时间 YYYY-MM-DD HH:MM（补录，记入操作日志）",
           "when it happened, YYYY-MM-DD HH:MM (recorded later, audited as such)"),
    "readback": ("已向来电人复述单位、联系人、地址和内容并确认",
                 "the unit, contact, address and content were read back and confirmed"),
    "referred": ("不属本公司范围：告知用户的查询部门", "outside our scope: the body the caller "
                 "was pointed to"),
    "out_xlsx": ("输出文件（.xlsx）", "output file (.xlsx)"),
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
    s = command(commands.shared("export"), "service", t("export"), cmd_export)
    s.add_argument("--from", dest="date_from", required=True, metavar="D")
    s.add_argument("--to", dest="date_to", required=True, metavar="D")
    s.add_argument("--out", required=True, metavar="F.xlsx", help=t("out_xlsx"))


def cmd_call_add(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_order_new(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_order_dispatch(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_order_move(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_order_list(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_order_show(args: argparse.Namespace) -> int:
    raise NotImplementedError


def cmd_export(args: argparse.Namespace) -> int:
    raise NotImplementedError
