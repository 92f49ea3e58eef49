"""``heatoffice print …`` (PDF documents) and ``heatoffice export …`` (Excel workbooks) of the
fee ledger: thin wrappers over heatoffice.exports, which check the permissions."""

from __future__ import annotations

import argparse
from typing import Any

from heatoffice import cli
from heatoffice.cli_billing import need_suffix, parse_day, session, t
from heatoffice.errors import UserError

TEXT: dict[str, tuple[str, str]] = {
    # help
    "print": ("打印单据到 PDF 文件", "print documents to a PDF file"),
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
    "export": ("导出 Excel 报表（需要“导出台账报表”权限）",
               "export Excel workbooks (needs billing.export)"),
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
    "round_done": ("已生成走访催缴单，欠费 {count} 户：{path}",
                   "round sheet of {count} accounts that owe: {path}"),
    "rows_done": ("已导出 {count} 行到 {path}", "exported {count} rows to {path}"),
    "printing": ("生成 PDF", "making the PDF"),
    "exporting": ("导出", "exporting"),
}


def _t(key: str, **params: object) -> str:
    return t(key, TEXT, **params)


def add_print_and_export(sub: Any, fmt: type[argparse.HelpFormatter], command: Any) -> None:
    """Register ``print`` and ``export`` with their document kinds."""
    def kind(parent: Any, name: str, key: str, func: Any, suffix: str) -> Any:
        p = parent.add_parser(name, help=_t(key), description=_t(key),
                              epilog=cli._t("epilog"), formatter_class=fmt)
        p.set_defaults(func=func)
        p.add_argument("--out", required=True, metavar=f"FILE{suffix}",
                       help=_t("out_pdf" if suffix == ".pdf" else "out_xlsx"))
        return p

    printing = sub.add_parser("print", help=_t("print"), description=_t("print"))
    psub = printing.add_subparsers(title=cli._t("commands"), metavar="DOCUMENT", required=True)
    p = kind(psub, "notice", "notice", cmd_print_notice, ".pdf")
    p.add_argument("--season", required=True, metavar="S", help=_t("season"))
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=_t("community"))
    one.add_argument("--account", metavar="NO", help=_t("account"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=_t("size"))
    p = kind(psub, "receipt", "receipt", cmd_print_receipt, ".pdf")
    p.add_argument("receipt_no", metavar="RECEIPT_NO", help=_t("receipt_no"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=_t("size"))
    p = kind(psub, "dunning", "dunning", cmd_print_dunning, ".pdf")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=_t("community"))
    one.add_argument("--account", metavar="NO", help=_t("account"))
    p.add_argument("--size", choices=("A5", "A4"), default="A5", help=_t("size"))
    p = kind(psub, "recheck", "recheck", cmd_print_recheck, ".pdf")
    p.add_argument("--season", required=True, metavar="S", help=_t("season"))
    one = p.add_mutually_exclusive_group()
    one.add_argument("--community", metavar="C", help=_t("community"))
    one.add_argument("--collector", metavar="STAFF_NO", help=_t("collector"))
    p = kind(psub, "round", "round", cmd_print_round, ".pdf")
    p.add_argument("--collector", required=True, metavar="STAFF_NO", help=_t("collector"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_t("round_date"))
    p = kind(psub, "daily", "daily", cmd_print_daily, ".pdf")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_t("date"))
    p.add_argument("--cashier", metavar="NAME", help=_t("cashier"))
    p = kind(psub, "month", "month", cmd_print_month, ".pdf")
    p.add_argument("month", metavar="YYYY-MM", help=_t("month_arg"))

    export = sub.add_parser("export", help=_t("export"), description=_t("export"))
    esub = export.add_subparsers(title=cli._t("commands"), metavar="REPORT", required=True)
    p = kind(esub, "ledger", "ledger", cmd_export_ledger, ".xlsx")
    p.add_argument("--season", required=True, metavar="S", help=_t("season"))
    p.add_argument("--community", metavar="C", help=_t("community"))
    p = kind(esub, "arrears", "arrears", cmd_export_arrears, ".xlsx")
    p.add_argument("--community", metavar="C", help=_t("community"))
    p.add_argument("--building", metavar="B", help=_t("building"))
    p.add_argument("--category", metavar="C", help=_t("category"))
    p.add_argument("--collector", metavar="STAFF_NO", help=_t("collector"))
    p.add_argument("--age", metavar="AGE", help=_t("age"))
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_t("on"))
    p = kind(esub, "payments", "payments", cmd_export_payments, ".xlsx")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD",
                   help=_t("from"))
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=_t("to"))
    p.add_argument("--cashier", metavar="NAME", help=_t("cashier"))
    p = kind(esub, "daily", "daily", cmd_export_daily, ".xlsx")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_t("date"))
    p.add_argument("--cashier", metavar="NAME", help=_t("cashier"))
    p = kind(esub, "month", "month", cmd_export_month, ".xlsx")
    p.add_argument("month", metavar="YYYY-MM", help=_t("month_arg"))


# -- lookups ---------------------------------------------------------------------------------

def _start(args: argparse.Namespace, suffix: str):
    """Check the output file's ending, then open the database and log in."""
    need_suffix(args.out, suffix)
    return session(args)


def _season(name: str):
    from heatoffice.seasons import service as seasons

    return seasons.get_season(name)


def _staff_id(staff_no: str | None) -> int | None:
    from heatoffice.messages import field_label
    from heatoffice.org.models import Staff

    if not staff_no:
        return None
    staff = Staff.get_or_none(Staff.staff_no == staff_no.strip().upper())
    if staff is None:
        raise UserError("org.not_found", field="staff", kind=field_label("staff", cli._lang),
                        value=staff_no)
    return staff.id


def _progress(key: str):
    return cli._progress(_t(key))


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
    print(_t("notices_done", count=count, path=args.out))
    return 0


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
    print(_t("receipt_copy" if copy else "receipt_done", no=args.receipt_no.strip(),
             path=args.out))
    return 0


def cmd_print_dunning(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    ids = [accounts.get_account(actor, args.account).id] if args.account else None
    count = documents.print_dunning(actor, args.out, community=args.community, account_ids=ids,
                                    size=args.size, progress=_progress("printing"))
    print(_t("dunning_done", count=count, path=args.out))
    return 0


def cmd_print_recheck(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    season = _season(args.season)
    pages = documents.print_recheck_sheets(actor, args.out, season.id,
                                           community=args.community,
                                           staff_id=_staff_id(args.collector))
    print(_t("pages_done", count=pages, path=args.out))
    return 0


def cmd_print_round(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    count = documents.print_round_sheet(actor, _staff_id(args.collector), args.out,
                                        on=parse_day(args.date, "on"),
                                        progress=_progress("printing"))
    print(_t("round_done", count=count, path=args.out))
    return 0


def cmd_print_daily(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    pages = documents.print_daily_report(actor, args.out, args.cashier,
                                         parse_day(args.date, "business_date"))
    print(_t("pages_done", count=pages, path=args.out))
    return 0


def cmd_print_month(args: argparse.Namespace) -> int:
    from heatoffice.billing.closing import month_bounds
    from heatoffice.exports import documents

    actor = _start(args, ".pdf")
    month_bounds(args.month)  # a wrong month names the field before anything is written
    pages = documents.print_month_report(actor, args.out, args.month)
    print(_t("pages_done", count=pages, path=args.out))
    return 0


# -- export ----------------------------------------------------------------------------------

def cmd_export_ledger(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    season = _season(args.season)
    count = ledger_xlsx.export_season_ledger(actor, args.out, season.id, args.community,
                                             progress=_progress("exporting"), lang=cli._lang)
    print(_t("rows_done", count=count, path=args.out))
    return 0


def cmd_export_arrears(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_arrears(
        actor, args.out, community=args.community, building=args.building,
        category=args.category, collector_staff_id=_staff_id(args.collector), age=args.age,
        on=args.on, progress=_progress("exporting"), lang=cli._lang)
    print(_t("rows_done", count=count, path=args.out))
    return 0


def cmd_export_payments(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_payments(actor, args.out, args.date_from, args.date_to,
                                        cashier=args.cashier, progress=_progress("exporting"),
                                        lang=cli._lang)
    print(_t("rows_done", count=count, path=args.out))
    return 0


def cmd_export_daily(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_daily_report(actor, args.out, args.cashier, args.date,
                                            lang=cli._lang)
    print(_t("rows_done", count=count, path=args.out))
    return 0


def cmd_export_month(args: argparse.Namespace) -> int:
    from heatoffice.exports import ledger_xlsx

    actor = _start(args, ".xlsx")
    count = ledger_xlsx.export_month_report(actor, args.out, args.month, lang=cli._lang)
    print(_t("rows_done", count=count, path=args.out))
    return 0
