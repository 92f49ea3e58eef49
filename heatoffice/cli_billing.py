"""The fee ledger's batch commands: seasons and tariffs, the billing run, payments, reversals,
daily and monthly close (printing and exports are in heatoffice.cli_billing_print)."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from heatoffice import cli
from heatoffice.errors import UserError
from heatoffice.money import RATE_PLACES, format_percent, format_yuan

TEXT: dict[str, tuple[str, str]] = {
    # help
    "season": ("采暖季与热价", "heating seasons and tariffs"),
    "season_add": ("新增采暖季（需要“设置采暖季与热价”权限）",
                   "add a heating season (needs seasons.edit)"),
    "season_name": ("采暖季名称：相邻两年，如 2026-2027", "season name: two years, e.g. 2026-2027"),
    "start": ("供热开始日期（年-月-日）", "first day of heating (YYYY-MM-DD)"),
    "end": ("供热结束日期（年-月-日）", "last day of heating (YYYY-MM-DD)"),
    "notes": ("备注", "notes"),
    "season_show": ("显示采暖季的日期和各类别现行热价的每一项数值",
                    "show a season's dates and every number of each category's tariff"),
    "season_tariff": ("设置某类别的热价（生成新版本）；已开票的采暖季需要经理权限和原因，"
                      "差额生成调账",
                      "set a category's tariff (a new version); a billed season needs a "
                      "manager and a reason, and differences become adjustments"),
    "category": ("用户类别：residential（居民）、institution（单位）、business（商业）",
                 "category: residential, institution, business"),
    "price": ("面积热价，元/㎡（整季）", "price per m² for the season (yuan)"),
    # argparse formats help with %: a percent sign is written %%.
    "stopped_share": ("报停用户收费比例，如 0.3 或 30%%",
                      "share a stopped home pays, e.g. 0.3 or 30%%"),
    "late_fee_rate": ("滞纳金日费率，如 0.05%%", "late fee rate per day, e.g. 0.05%%"),
    "late_fee_from": ("滞纳金起算日", "first day late fees accrue"),
    "discount_rate": ("提前缴费优惠比例，如 2%%", "early-payment discount, e.g. 2%%"),
    "discount_until": ("优惠截止日（含）", "last day of the discount"),
    "relief_share": ("低保减免比例，如 50%%", "low-income relief share, e.g. 50%%"),
    "relief_max_area": ("低保减免面积上限（㎡）", "relief area limit (m²)"),
    "relief_cap": ("低保减免金额上限（元）", "relief cap (yuan)"),
    "connection_fee": ("配套费（元/㎡）", "connection fee per m² (yuan)"),
    "basic_price": ("两部制：基本热价（元/㎡）", "two-part: basic price per m²"),
    "price_per_gj": ("两部制：计量热价（元/GJ）", "two-part: price per GJ"),
    "settlement": ("两部制结算：both_ways（多退少补）或 refund_only（多退少不补）",
                   "two-part settlement: both_ways or refund_only"),
    "reason": ("原因", "reason"),
    "bill": ("采暖季开票：为尚未开票的每个应收用户开一张账单（可重复运行）",
             "season billing: one bill for every billable account not billed yet (safe to "
             "run again)"),
    "pay": ("收费：收款并开收据，先冲最早的欠费", "take a payment and issue a receipt (oldest debt "
                                                "first)"),
    "account_no": ("户号", "account number"),
    "amount": ("金额（元）", "amount (yuan)"),
    "method": ("收款方式：cash（现金）、card（银行卡）、wechat（微信）、alipay（支付宝）、"
               "transfer（转账）", "method: cash, card, wechat, alipay, transfer"),
    "tendered": ("现金：实收金额（找零 = 实收 − 金额）", "cash: money handed over (change = "
                                                   "tendered − amount)"),
    "receipt_out": ("同时把收据打印到此 PDF 文件", "also print the receipt to this PDF file"),
    "reverse": ("红冲：开一张负数收据冲销原收据（收费员只能当日冲本人的收据）",
                "reverse a receipt with a negative one (a cashier: own receipts, same day)"),
    "receipt_no": ("收据号，如 2026-000123", "receipt number, e.g. 2026-000123"),
    "close_day": ("日结：结束某收费员某日的收费，之后该日不能再记账",
                  "close a cashier's day: nothing more can be entered on it"),
    "date": ("营业日期（默认今天）", "business date (default today)"),
    "cashier": ("收费员用户名（默认本人；为他人日结需要财务权限）",
                "cashier's user name (default yourself; another's needs finance)"),
    "close_month": ("月结：月内每个收费日都已日结后由财务结账",
                    "close a month (finance; every cashier day of it closed first)"),
    "month": ("月份，如 2026-11", "month, e.g. 2026-11"),
    "meter": ("录入两部制用户整季的热表起止读数（GJ）；结算前可重录，新读数为准",
              "record a two-part account's meter readings of the season (GJ); before "
              "settlement a new reading replaces the old"),
    "start_gj": ("起始读数（GJ）", "start reading (GJ)"),
    "end_gj": ("结束读数（GJ）", "end reading (GJ)"),
    "read_on": ("抄表日期（默认今天）", "reading date (default today)"),
    "settle": ("两部制计量热费结算：用热 × 计量热价与预收计量热费之差生成调账"
               "（多退少补或多退少不补）",
               "settle two-part metered heat: GJ used × price per GJ against the advance, as "
               "adjustments (both ways or refund only)"),
    # output
    "season_added": ("已新增采暖季 {name}：{start} 至 {end}",
                     "season {name} added: {start} to {end}"),
    "season_head": ("采暖季 {name}：{start} 至 {end}，共 {days} 天",
                    "season {name}: {start} to {end}, {days} days"),
    "tariff_head": ("{category}（第 {version} 版，{by} 于 {at} 设置）",
                    "{category} (version {version}, set by {by} on {at})"),
    "tariff_approved": ("  经理批准：{by}", "  approved by {by}"),
    "no_tariff": ("{category}：未设置热价", "{category}: no tariff"),
    "tariff_set": ("已设置 {season} {category} 热价（第 {version} 版）",
                   "tariff of {category} in {season} set (version {version})"),
    "tariff_adjusted": ("已为已开票用户生成 {count} 笔调价差额，合计 {total}",
                        "{count} tariff-change adjustments made for billed accounts, total "
                        "{total}"),
    "billing": ("开票", "billing"),
    "connection": ("只为此户号收取一次性配套费（入网费），不运行采暖季开票",
                   "bill only this account's one-time connection fee, not the season run"),
    "connection_billed": ("{account} 配套费 {total}（账单 {bill}）",
                          "{account} connection fee {total} (bill {bill})"),
    "billed": ("{season} 开票 {count} 户，合计 {total}；不开票 {skipped} 户",
               "{season}: {count} bills, total {total}; {skipped} accounts not billable"),
    "receipt": ("收据号：{no}", "receipt: {no}"),
    "paid": ("收款：{amount}（{method}）  户号 {account} {name}",
             "paid: {amount} ({method})  account {account} {name}"),
    "change": ("找零：{change}（实收 {tendered}）", "change: {change} (tendered {tendered})"),
    "balance": ("余额：{balance}", "balance: {balance}"),
    "printed_to": ("收据已打印到 {path}", "receipt printed to {path}"),
    "reversed": ("红冲收据号：{no}（冲销 {original}，金额 {amount}）",
                 "reversal receipt: {no} (reverses {original}, amount {amount})"),
    "day_closed": ("已日结：{cashier} {day}", "day closed: {cashier} {day}"),
    "receipts": ("收据 {count} 张：{first} 至 {last}", "{count} receipts: {first} to {last}"),
    "no_receipts": ("收据 0 张", "no receipts"),
    "reversals": ("其中红冲 {count} 笔：{total}", "reversals: {count}, {total}"),
    "total": ("合计：{total}", "total: {total}"),
    "cash_over": ("应交现金：{total}", "cash to hand over: {total}"),
    "month_closed": ("已月结：{month}", "month closed: {month}"),
    "metered": ("已录入 {account} {season} 热表读数：{start} → {end} GJ，用热 {used} GJ",
                "meter reading of {account} in {season}: {start} → {end} GJ, {used} GJ used"),
    "settled": ("{season} 计量热费结算 {count} 户，调账 {made} 笔，合计 {total}",
                "{season}: metered heat settled for {count} accounts, {made} adjustments, "
                "total {total}"),
}


def t(key: str, table: dict[str, tuple[str, str]] | None = None, **params: object) -> str:
    """A text of ``table`` (this module's by default) in the command line's language."""
    text = (table or TEXT)[key][0 if cli._lang == "zh" else 1]
    return text.format(**params) if params else text


def label(table: dict[str, tuple[str, str]], key: str) -> str:
    """The zh or en label of a key of a (zh, en) table such as PAYMENT_METHODS."""
    return table.get(key, (key, key))[0 if cli._lang == "zh" else 1]


def session(args: argparse.Namespace):
    """Open the database and log in; returns the actor."""
    cli._open(args.db, create=False)
    return cli._login(args)


def need_suffix(path: str | None, suffix: str) -> None:
    """Refuse an output file with the wrong ending before any work is done."""
    if path is not None and Path(path).suffix.lower() != suffix:
        raise UserError("exports.bad_suffix", value=path, suffix=suffix)


def parse_day(value: str | None, field: str):
    from heatoffice import validation as val

    return val.parse_date(value, field) if value else None


def add_billing_commands(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Register the billing commands on the top-level subparsers of ``heatoffice``."""
    from heatoffice import cli_billing_print

    epilog = cli._t("epilog")

    def command(parent: Any, name: str, key: str, func: Any) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=t(key), description=t(key), epilog=epilog,
                              formatter_class=fmt)
        p.set_defaults(func=func)
        return p

    season = sub.add_parser("season", help=t("season"), description=t("season"))
    season_sub = season.add_subparsers(title=cli._t("commands"), metavar="COMMAND",
                                       required=True)
    s = command(season_sub, "add", "season_add", cmd_season_add)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s.add_argument("--start", required=True, metavar="YYYY-MM-DD", help=t("start"))
    s.add_argument("--end", required=True, metavar="YYYY-MM-DD", help=t("end"))
    s.add_argument("--notes", default="", metavar="TEXT", help=t("notes"))
    s = command(season_sub, "show", "season_show", cmd_season_show)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s = command(season_sub, "tariff", "season_tariff", cmd_season_tariff)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s.add_argument("--category", required=True, metavar="C", help=t("category"))
    s.add_argument("--price", required=True, metavar="P", help=t("price"))
    s.add_argument("--stopped-share", required=True, metavar="S", help=t("stopped_share"))
    for flag, key, default, metavar in (
            ("--late-fee-rate", "late_fee_rate", "0", "R"),
            ("--late-fee-from", "late_fee_from", None, "D"),
            ("--discount-rate", "discount_rate", "0", "R"),
            ("--discount-until", "discount_until", None, "D"),
            ("--relief-share", "relief_share", "0", "S"),
            ("--relief-max-area", "relief_max_area", "0", "A"),
            ("--relief-cap", "relief_cap", "0", "C"),
            ("--connection-fee", "connection_fee", "0", "F"),
            ("--basic-price", "basic_price", None, "P"),
            ("--price-per-gj", "price_per_gj", None, "P"),
            ("--settlement", "settlement", "both_ways", "both_ways|refund_only"),
            ("--reason", "reason", "", "TEXT")):
        s.add_argument(flag, default=default, metavar=metavar, help=t(key))

    s = command(sub, "bill", "bill", cmd_bill)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))
    s.add_argument("--connection", default=None, metavar="ACCOUNT_NO", help=t("connection"))

    s = command(sub, "pay", "pay", cmd_pay)
    s.add_argument("account_no", metavar="ACCOUNT_NO", help=t("account_no"))
    s.add_argument("amount", metavar="AMOUNT", help=t("amount"))
    s.add_argument("--method", required=True, metavar="M", help=t("method"))
    s.add_argument("--tendered", default=None, metavar="X", help=t("tendered"))
    s.add_argument("--receipt-out", default=None, metavar="FILE.pdf", help=t("receipt_out"))

    s = command(sub, "reverse", "reverse", cmd_reverse)
    s.add_argument("receipt_no", metavar="RECEIPT_NO", help=t("receipt_no"))
    s.add_argument("--reason", required=True, metavar="R", help=t("reason"))

    s = command(sub, "close-day", "close_day", cmd_close_day)
    s.add_argument("--date", default=None, metavar="YYYY-MM-DD", help=t("date"))
    s.add_argument("--cashier", default=None, metavar="NAME", help=t("cashier"))

    s = command(sub, "close-month", "close_month", cmd_close_month)
    s.add_argument("month", metavar="YYYY-MM", help=t("month"))

    s = command(sub, "meter", "meter", cmd_meter)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))
    s.add_argument("account_no", metavar="ACCOUNT_NO", help=t("account_no"))
    s.add_argument("--start", required=True, metavar="GJ", help=t("start_gj"))
    s.add_argument("--end", required=True, metavar="GJ", help=t("end_gj"))
    s.add_argument("--date", default=None, metavar="YYYY-MM-DD", help=t("read_on"))
    s.add_argument("--notes", default="", metavar="TEXT", help=t("notes"))

    s = command(sub, "settle", "settle", cmd_settle)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))

    cli_billing_print.add_print_and_export(sub, fmt, command)


# -- seasons and tariffs ---------------------------------------------------------------------

def cmd_season_add(args: argparse.Namespace) -> int:
    from heatoffice.seasons import service as seasons

    actor = session(args)
    s = seasons.add_season(actor, args.name, args.start, args.end, args.notes)
    print(t("season_added", name=s.name, start=s.start_date, end=s.end_date))
    return 0


TARIFF_FIELDS = ("price_per_m2", "basic_price_per_m2", "price_per_gj", "settlement",
                 "stopped_share", "late_fee_rate", "late_fee_from", "discount_rate",
                 "discount_until", "relief_share", "relief_max_area", "relief_cap",
                 "connection_fee_per_m2")
RATES = {"stopped_share", "late_fee_rate", "discount_rate", "relief_share"}


def tariff_lines(tariff: Any) -> list[str]:
    """Every number of a tariff, one "label: value" line each."""
    from heatoffice.messages import field_label
    from heatoffice.seasons.models import SETTLEMENTS

    out = []
    for field in TARIFF_FIELDS:
        value = getattr(tariff, field)
        if value is None:
            shown = "-"
        elif field in RATES:
            shown = format_percent(value, RATE_PLACES)
        elif field == "settlement":
            shown = f"{value}（{label(SETTLEMENTS, value)}）"
        else:
            shown = str(value)
        out.append(f"  {field_label(field, cli._lang)}：{shown}" if cli._lang == "zh"
                   else f"  {field_label(field, cli._lang)}: {shown}")
    if tariff.reason:
        out.append(f"  {field_label('reason', cli._lang)}"
                   f"{'：' if cli._lang == 'zh' else ': '}{tariff.reason}")
    return out


def cmd_season_show(args: argparse.Namespace) -> int:
    from heatoffice.accounts.models import CATEGORIES
    from heatoffice.auth.permissions import require
    from heatoffice.seasons import service as seasons

    actor = session(args)
    require(actor, "billing.view")
    s = seasons.get_season(args.name)
    days = (s.end_date - s.start_date).days + 1
    print(t("season_head", name=s.name, start=s.start_date, end=s.end_date, days=days))
    for category in CATEGORIES:
        name = label(CATEGORIES, category)
        tariff = seasons.current_tariff(s.id, category)
        if tariff is None:
            print(t("no_tariff", category=name))
            continue
        print(t("tariff_head", category=name, version=tariff.version, by=tariff.created_by,
                at=tariff.created_at.strftime("%Y-%m-%d %H:%M")))
        if tariff.approved_by:
            print(t("tariff_approved", by=tariff.approved_by))
        for line in tariff_lines(tariff):
            print(line)
    return 0


def cmd_season_tariff(args: argparse.Namespace) -> int:
    from peewee import fn

    from heatoffice.accounts.models import CATEGORIES
    from heatoffice.billing import tariff_change
    from heatoffice.billing.models import Adjustment
    from heatoffice.money import from_fen
    from heatoffice.seasons import service as seasons

    actor = session(args)
    s = seasons.get_season(args.name)
    before = Adjustment.select(fn.MAX(Adjustment.id)).scalar() or 0
    tariff = tariff_change.set_tariff(
        actor, s.id, args.category, price_per_m2=args.price, stopped_share=args.stopped_share,
        late_fee_rate=args.late_fee_rate, late_fee_from=args.late_fee_from,
        discount_rate=args.discount_rate, discount_until=args.discount_until,
        relief_share=args.relief_share, relief_max_area=args.relief_max_area,
        relief_cap=args.relief_cap, connection_fee_per_m2=args.connection_fee,
        basic_price_per_m2=args.basic_price, price_per_gj=args.price_per_gj,
        settlement=args.settlement, reason=args.reason)
    print(t("tariff_set", season=s.name, category=label(CATEGORIES, tariff.category),
            version=tariff.version))
    # The differences the change made for accounts already billed (see billing.tariff_change).
    made = (Adjustment.select(fn.COUNT(Adjustment.id), fn.SUM(Adjustment.amount).coerce(False))
            .where((Adjustment.id > before) & (Adjustment.kind == "tariff_change")).tuples()
            .first())
    if made and made[0]:
        print(t("tariff_adjusted", count=made[0], total=format_yuan(from_fen(int(made[1])))))
    return 0


# -- the billing run -------------------------------------------------------------------------

def cmd_bill(args: argparse.Namespace) -> int:
    from heatoffice.billing.run import run_season_billing
    from heatoffice.seasons import service as seasons

    actor = session(args)
    s = seasons.get_season(args.season)
    if args.connection:
        from heatoffice.accounts import service as accounts
        from heatoffice.billing.connection import bill_connection_fee

        account = accounts.get_account(actor, args.connection)
        bill = bill_connection_fee(actor, account.id, s.id)
        print(t("connection_billed", account=account.account_no, total=format_yuan(bill.total),
                bill=bill.id))
        return 0
    result = run_season_billing(actor, s.id, progress=cli._progress(t("billing")))
    print(t("billed", season=s.name, count=result.billed, total=format_yuan(result.total),
            skipped=result.skipped))
    return 0


# -- two-part tariffs: meter readings and the metered settlement -----------------------------

def cmd_meter(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.billing import metering
    from heatoffice.seasons import service as seasons

    actor = session(args)
    s = seasons.get_season(args.season)
    account = accounts.get_account(actor, args.account_no)
    r = metering.record_reading(actor, account.id, s.id, args.start, args.end,
                                read_on=args.date, notes=args.notes)
    print(t("metered", account=account.account_no, season=s.name, start=r.start_gj,
            end=r.end_gj, used=r.end_gj - r.start_gj))
    return 0


def cmd_settle(args: argparse.Namespace) -> int:
    from heatoffice.billing import metering
    from heatoffice.seasons import service as seasons

    actor = session(args)
    s = seasons.get_season(args.season)
    result = metering.settle_season(actor, s.id)
    print(t("settled", season=s.name, count=result.count, made=result.adjustments,
            total=format_yuan(result.total)))
    return 0


# -- the cashier's window --------------------------------------------------------------------

def cmd_pay(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.billing import ledger, payments
    from heatoffice.billing.models import PAYMENT_METHODS

    need_suffix(args.receipt_out, ".pdf")
    actor = session(args)
    account = accounts.get_account(actor, args.account_no)
    payment = payments.record_payment(actor, account.id, args.amount, args.method,
                                      tendered=args.tendered)
    print(t("receipt", no=payment.receipt_no))
    print(t("paid", amount=format_yuan(payment.amount),
            method=label(PAYMENT_METHODS, payment.method), account=account.account_no,
            name=account.name))
    if payment.method == "cash":
        print(t("change", change=format_yuan(payment.change),
                tendered=format_yuan(payment.tendered)))
    print(t("balance", balance=format_yuan(ledger.balance(account.id))))
    if args.receipt_out:
        from heatoffice.exports.documents import print_receipt

        print_receipt(actor, args.receipt_out, payment.receipt_no)
        print(t("printed_to", path=args.receipt_out))
    return 0


def cmd_reverse(args: argparse.Namespace) -> int:
    from heatoffice.billing import payments

    actor = session(args)
    reversal = payments.reverse_payment(actor, args.receipt_no, args.reason)
    print(t("reversed", no=reversal.receipt_no, original=reversal.reverses.receipt_no,
            amount=format_yuan(reversal.amount)))
    return 0


# -- daily and monthly close -----------------------------------------------------------------

def _method_lines(totals_json: str) -> list[str]:
    from heatoffice.billing.models import PAYMENT_METHODS

    sep = "：" if cli._lang == "zh" else ": "
    return [f"{label(PAYMENT_METHODS, m)}{sep}{format_yuan(Decimal(v))}"
            for m, v in json.loads(totals_json or "{}").items()]


def cmd_close_day(args: argparse.Namespace) -> int:
    from heatoffice.billing import closing

    actor = session(args)
    close = closing.close_day(actor, parse_day(args.date, "business_date"),
                              cashier=args.cashier)
    print(t("day_closed", cashier=close.cashier, day=close.business_date))
    if close.receipt_count:
        print(t("receipts", count=close.receipt_count, first=close.first_receipt,
                last=close.last_receipt))
    else:
        print(t("no_receipts"))
    for line in _method_lines(close.totals_by_method):
        print(line)
    if close.reversal_count:
        print(t("reversals", count=close.reversal_count,
                total=format_yuan(close.reversal_total)))
    print(t("total", total=format_yuan(close.total)))
    print(t("cash_over", total=format_yuan(close.cash_to_hand_over)))
    return 0


def cmd_close_month(args: argparse.Namespace) -> int:
    from heatoffice.billing import closing

    actor = session(args)
    close = closing.close_month(actor, args.month)
    print(t("month_closed", month=close.month))
    for line in _method_lines(close.totals_by_method):
        print(line)
    print(t("total", total=format_yuan(close.total)))
    return 0
