"""The fee ledger's documents: ``print`` notices, receipts, dunning, recheck and round sheets,
daily and month reports to PDF; ``export`` ledgers and reports to Excel. Thin wrappers over
heatoffice.exports, which check the permissions."""

from __future__ import annotations

import argparse
from typing import Any

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, need_suffix, parse_day
from heatoffice.errors import UserError

TEXT: common.Table = {
    # help
    "notice": ("缴费通知单：整季、按小区批量，或单户", "payment notices: a season, a community's "
                                                  "batch, or one account"),
    "receipt": ("补打收据（再次打印标为副本）", "print a receipt again (a reprint is marked as a "
                                                "copy)"),
    "dunning": ("催缴通知单：每个欠费用户一份，可按小区批量", "dunning notices: one per account "
                                                         "that owes, batch by community"),
    "recheck": ("现场复核单：按小区或收费员片区", "on-site recheck sheets for a community or a "
                                                 "collector's round"),
    "round": ("收费员走访催缴单：片区内的欠费用户，留有现场填写栏",
              "a collector's round sheet: who owes in their service areas, with columns to "
              "fill on the visit"),
    "daily": ("收费日报", "a cashier's daily report"),
    "month": ("收费月报", "the month report"),
    "statement": ("用户对账单：一个采暖季或一段日期的分户账，含期初、逐笔和期末余额",
                  "an account statement: its ledger over a season or a date range, with "
                  "opening, running and closing balance"),
    "statement_account": ("户号", "account number"),
    "statement_season": ("采暖季名称，如 2026-2027（不可与日期同用）",
                         "season name, e.g. 2026-2027 (not with dates)"),
    "statement_from": ("开始日期（默认自第一笔）", "first day (default: the first entry)"),
    "statement_to": ("结束日期（默认今天）", "last day (default: today)"),
    "season_or_dates": ("--season 不能与 --from/--to 同时使用",
                        "--season cannot be used with --from/--to"),
    "ledger": ("采暖季台账，可按小区", "season ledger, optionally of one community"),
    "arrears": ("欠费清单，可按小区、楼号、类别、收费员、账龄筛选",
                "arrears list, filtered by community, building, category, collector, age"),
    "payments": ("收款流水（含红冲）", "payments journal (with reversals)"),
    "out_pdf": ("输出文件（.pdf）", "output file (.pdf)"),
    "out_xlsx": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "season": ("采暖季名称，如 2026-2027", "season name, e.g. 2026-2027"),
    "community": ("小区名称", "community name"),
    "account": ("户号", "account number"),
    "collector": ("收费员工号", "the collector's staff number"),
    "size": ("纸张：A5（默认）或 A4", "paper: A5 (default) or A4"),
    "receipt_no": ("收据号", "receipt number"),
    "date": ("营业日期（默认今天）", "business date (default today)"),
    "round_date": ("走访日期，欠费和滞纳金计至该日（默认今天）",
                   "day of the round; arrears and late fees as of it (default today)"),
    "cashier": ("收费员用户名（默认本人）", "cashier's user name (default yourself)"),
    "month_arg": ("月份，如 2026-11", "month, e.g. 2026-11"),
    "building": ("楼号", "building"),
    "category": ("用户类别：residential、institution、business",
                 "category: residential, institution, business"),
    "age": ("账龄：current（本季）、one（上一季）、older（更早）",
            "age: current, one (one season back), older"),
    "on": ("计算滞纳金的日期（默认今天）", "date late fees are worked out to (default today)"),
    "from": ("开始日期", "first day"),
    "to": ("结束日期", "last day"),
    # output
    "notices_done": ("已生成 {count} 份缴费通知单：{path}", "{count} payment notices: {path}"),
    "receipt_done": ("已打印收据 {no}：{path}", "receipt {no} printed: {path}"),
    "receipt_copy": ("已打印收据 {no}（副本）：{path}", "receipt {no} printed as a copy: {path}"),
    "dunning_done": ("已生成 {count} 份催缴通知单：{path}", "{count} dunning notices: {path}"),
    "pages_done": ("已生成 {count} 页：{path}", "{count} pages: {path}"),
    "statement_done": ("已生成 {no} 的对账单（{count} 页）：{path}",
                       "statement of {no} ({count} pages): {path}"),
    "round_done": ("已生成走访催缴单，欠费 {count} 户：{path}",
                   "round sheet of {count} accounts that owe: {path}"),
    "rows_done": ("已导出 {count} 行到 {path}", "exported {count} rows to {path}"),
    "printing": ("生成 PDF", "making the PDF"),
    "exporting": ("导出", "exporting"),
}

t = common.texts(TEXT)


def _kind(parent: Any, name: str, func: Any, suffix: str) -> argparse.ArgumentParser:
    """A document ``name`` of ``print`` or ``export``, written to ``--out FILE<suffix>``."""
    p = common.command(parent, name, t(name), func)
    p.add_argument("--out", required=True, metavar=f"FILE{suffix}",
                   help=t("out_pdf" if suffix == ".pdf" else "out_xlsx"))
    return p


class _Period(argparse.Action):
    """--season, or --from/--to: given together they are a usage error while parsing."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        others = ("date_from", "date_to") if self.dest == "season" else ("season",)
        if any(getattr(namespace, o, None) is not None for o in others):
            parser.error(t("season_or_dates"))
        setattr(namespace, self.dest, values)


def register(commands: Commands) -> None:
    psub = commands.shared("print")
    p = _kind(psub, "notice", cmd_print_notice, ".pdf")
    p.add_argument("--season", required=True, metavar="S", help=t("season"))
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=t("community"))
    one.add_argument("--account", metavar="NO", help=t("account"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=t("size"))
    p = _kind(psub, "receipt", cmd_print_receipt, ".pdf")
    p.add_argument("receipt_no", metavar="RECEIPT_NO", help=t("receipt_no"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=t("size"))
    p = _kind(psub, "dunning", cmd_print_dunning, ".pdf")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=t("community"))
    one.add_argument("--account", metavar="NO", help=t("account"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=t("size"))
    p = _kind(psub, "recheck", cmd_print_recheck, ".pdf")
    p.add_argument("--season", required=True, metavar="S", help=t("season"))
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=t("community"))
    one.add_argument("--collector", metavar="STAFF_NO", help=t("collector"))
    p = _kind(psub, "round", cmd_print_round, ".pdf")
    p.add_argument("--collector", required=True, metavar="STAFF_NO", help=t("collector"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("round_date"))
    p = _kind(psub, "daily", cmd_print_daily, ".pdf")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("date"))
    p.add_argument("--cashier", metavar="NAME", help=t("cashier"))
    p = _kind(psub, "month", cmd_print_month, ".pdf")
    p.add_argument("month", metavar="YYYY-MM", help=t("month_arg"))
    p = _kind(psub, "statement", cmd_print_statement, ".pdf")
    p.add_argument("account_no", metavar="ACCOUNT_NO", help=t("statement_account"))
    p.add_argument("--season", metavar="S", action=_Period, help=t("statement_season"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", action=_Period,
                   help=t("statement_from"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", action=_Period,
                   help=t("statement_to"))

    esub = commands.shared("export")
    p = _kind(esub, "ledger", cmd_export_ledger, ".xlsx")
    p.add_argument("--season", required=True, metavar="S", help=t("season"))
    p.add_argument("--community", metavar="C", help=t("community"))
    p = _kind(esub, "arrears", cmd_export_arrears, ".xlsx")
    p.add_argument("--community", metavar="C", help=t("community"))
    p.add_argument("--building", metavar="B", help=t("building"))
    p.add_argument("--category", metavar="C", help=t("category"))
    p.add_argument("--collector", metavar="STAFF_NO", help=t("collector"))
    p.add_argument("--age", metavar="AGE", help=t("age"))
    p.add_argument("--on", metavar="YYYY-MM-DD", help=t("on"))
    p = _kind(esub, "payments", cmd_export_payments, ".xlsx")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD",
                   help=t("from"))
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=t("to"))
    p.add_argument("--cashier", metavar="NAME", help=t("cashier"))
    p = _kind(esub, "daily", cmd_export_daily, ".xlsx")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("date"))
    p.add_argument("--cashier", metavar="NAME", help=t("cashier"))
    p = _kind(esub, "month", cmd_export_month, ".xlsx")
    p.add_argument("month", metavar="YYYY-MM", help=t("month_arg"))


# -- lookups ---------------------------------------------------------------------------------

def _start(args: argparse.Namespace, suffix: str):
    """Check the output file's ending, then open the database and log in."""
    need_suffix(args.out, suffix)
    return common.session(args)


def _season(name: str):
    from heatoffice.seasons import service as seasons

    return seasons.get_season(name)


def _staff_id(staff_no: str | None) -> int | None:
    from heatoffice.org.models import Staff

    if not staff_no:
        return None
    staff = Staff.get_or_none(Staff.staff_no == staff_no.strip().upper())
    if staff is None:
        raise UserError("org.not_found", field="staff", kind=glossary.term("field", "staff"),
                        value=staff_no)
    return staff.id


def _progress(key: str):
    return common.progress(t(key))


# -- print -----------------------------------------------------------------------------------

def cmd_print_notice(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    season = _season(args.season)
    if args.account:
        count = _print_one_notice(actor, args, season)
    else:
        count = documents.print_notices(actor, args.out, season.id, args.community,
                                        size=args.size, progress=_progress("printing"))
    print(t("notices_done", count=count, path=args.out))
    return common.DONE


def _print_one_notice(actor: Any, args: argparse.Namespace, season: Any) -> int:
    """One account's notice, as printed at the window on request."""
    from heatoffice.accounts import service as accounts
    from heatoffice.auth.permissions import require
    from heatoffice.billing.models import Bill
    from heatoffice.billing.notices import notice_for_account
    from heatoffice.exports import documents
    from heatoffice.exports.pdf.notice import render_notices

    require(actor, "billing.view")
    account = accounts.get_account(actor, args.account)
    if not Bill.select().where((Bill.account == account.id) & (Bill.season == season.id)
                               & (Bill.kind == "season")).exists():
        raise UserError("billing.no_season_bill", field="account", account=account.account_no,
                        season=season.name)
    notice = notice_for_account(actor, account.id, season.id)
    return render_notices(args.out, [notice], company=documents.company(), size=args.size)


def cmd_print_receipt(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    copy = documents.print_receipt(actor, args.out, args.receipt_no.strip(), size=args.size)
    print(t("receipt_copy" if copy else "receipt_done", no=args.receipt_no.strip(),
             path=args.out))
    return common.DONE


def cmd_print_dunning(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    ids = [accounts.get_account(actor, args.account).id] if args.account else None
    count = documents.print_dunning(actor, args.out, community=args.community, account_ids=ids,
                                    size=args.size, progress=_progress("printing"))
    print(t("dunning_done", count=count, path=args.out))
    return common.DONE


def cmd_print_recheck(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    season = _season(args.season)
    pages = documents.print_recheck_sheets(actor, args.out, season.id,
                                           community=args.community,
                                           staff_id=_staff_id(args.collector))
    print(t("pages_done", count=pages, path=args.out))
    return common.DONE


def cmd_print_round(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    collector = _staff_id(args.collector)
    assert collector is not None  # --collector is required
    count = documents.print_round_sheet(actor, collector, args.out,
                                        on=parse_day(args.date, "on"),
                                        progress=_progress("printing"))
    print(t("round_done", count=count, path=args.out))
    return common.DONE


def cmd_print_daily(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    pages = documents.print_daily_report(actor, args.out, args.cashier,
                                         parse_day(args.date, "business_date"))
    print(t("pages_done", count=pages, path=args.out))
    return common.DONE


def cmd_print_month(args: argparse.Namespace) -> int:
    from heatoffice.billing.closing import month_bounds
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    month_bounds(args.month)  # a wrong month names the field before anything is written
    pages = documents.print_month_report(actor, args.out, args.month)
    print(t("pages_done", count=pages, path=args.out))
    return common.DONE


def cmd_print_statement(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    pages = documents.print_statement(actor, args.out, args.account_no, season=args.season,
                                      date_from=args.date_from, date_to=args.date_to)
    print(t("statement_done", no=args.account_no.strip().upper(), count=pages, path=args.out))
    return common.DONE


# -- export ----------------------------------------------------------------------------------

def cmd_export_ledger(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    season = _season(args.season)
    count = ledger_xlsx.export_season_ledger(actor, args.out, season.id, args.community,
                                             progress=_progress("exporting"))
    print(t("rows_done", count=count, path=args.out))
    return common.DONE


def cmd_export_arrears(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_arrears(
        actor, args.out, community=args.community, building=args.building,
        category=args.category, collector_staff_id=_staff_id(args.collector), age=args.age,
        on=args.on, progress=_progress("exporting"))
    print(t("rows_done", count=count, path=args.out))
    return common.DONE


def cmd_export_payments(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_payments(actor, args.out, args.date_from, args.date_to,
                                        cashier=args.cashier, progress=_progress("exporting"))
    print(t("rows_done", count=count, path=args.out))
    return common.DONE


def cmd_export_daily(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_daily_report(actor, args.out, args.cashier, args.date)
    print(t("rows_done", count=count, path=args.out))
    return common.DONE


def cmd_export_month(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_month_report(actor, args.out, args.month)
    print(t("rows_done", count=count, path=args.out))
    return common.DONE
