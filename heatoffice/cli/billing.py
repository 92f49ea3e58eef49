"""The fee ledger's commands: the billing run, meter readings and their settlement, payments,
reversals, daily and monthly close (its print and export documents: cli.billing_documents)."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, need_suffix, parse_day
from heatoffice.money import format_yuan

TEXT: common.Table = {
    # help
    "season_name": ("采暖季名称：相邻两年，如 2026-2027", "season name: two years, e.g. 2026-2027"),
    "notes": ("备注", "notes"),
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
    "reference": ("微信、支付宝、银行卡、转账：交易流水号（印在收据上）",
                  "WeChat, Alipay, card, transfer: the transaction reference (printed on the "
                  "receipt)"),
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
    "print_failed": ("警告：收费已成功（收据号 {no}），但收据文件未能写入：{reason}。"
                     "补打：heatoffice print receipt {no} --out 收据.pdf",
                     "warning: the payment was taken (receipt {no}) but its receipt file was "
                     "not written: {reason}. Print it with: heatoffice print receipt {no} "
                     "--out receipt.pdf"),
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

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    top = commands.top
    s = command(top, "bill", t("bill"), cmd_bill)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))
    s.add_argument("--connection", default=None, metavar="ACCOUNT_NO", help=t("connection"))

    s = command(top, "pay", t("pay"), cmd_pay)
    s.add_argument("account_no", metavar="ACCOUNT_NO", help=t("account_no"))
    s.add_argument("amount", metavar="AMOUNT", help=t("amount"))
    s.add_argument("--method", required=True, metavar="M", help=t("method"))
    s.add_argument("--tendered", default=None, metavar="X", help=t("tendered"))
    s.add_argument("--reference", default="", metavar="REF", help=t("reference"))
    s.add_argument("--receipt-out", default=None, metavar="FILE.pdf", help=t("receipt_out"))

    s = command(top, "reverse", t("reverse"), cmd_reverse)
    s.add_argument("receipt_no", metavar="RECEIPT_NO", help=t("receipt_no"))
    s.add_argument("--reason", required=True, metavar="R", help=t("reason"))

    s = command(top, "close-day", t("close_day"), cmd_close_day)
    s.add_argument("--date", default=None, metavar="YYYY-MM-DD", help=t("date"))
    s.add_argument("--cashier", default=None, metavar="NAME", help=t("cashier"))

    s = command(top, "close-month", t("close_month"), cmd_close_month)
    s.add_argument("month", metavar="YYYY-MM", help=t("month"))

    s = command(top, "meter", t("meter"), cmd_meter)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))
    s.add_argument("account_no", metavar="ACCOUNT_NO", help=t("account_no"))
    s.add_argument("--start", required=True, metavar="GJ", help=t("start_gj"))
    s.add_argument("--end", required=True, metavar="GJ", help=t("end_gj"))
    s.add_argument("--date", default=None, metavar="YYYY-MM-DD", help=t("read_on"))
    s.add_argument("--notes", default="", metavar="TEXT", help=t("notes"))

    s = command(top, "settle", t("settle"), cmd_settle)
    s.add_argument("season", metavar="SEASON", help=t("season_name"))


# -- the billing run -------------------------------------------------------------------------

def cmd_bill(args: argparse.Namespace) -> int:
    from heatoffice.billing.run import run_season_billing
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    s = seasons.get_season(args.season)
    if args.connection:
        from heatoffice.accounts import service as accounts
        from heatoffice.billing.connection import bill_connection_fee

        account = accounts.get_account(actor, args.connection)
        bill = bill_connection_fee(actor, account.id, s.id)
        print(t("connection_billed", account=account.account_no, total=format_yuan(bill.total),
                bill=bill.id))
        return common.DONE
    result = run_season_billing(actor, s.id, progress=common.progress(t("billing")))
    print(t("billed", season=s.name, count=result.billed, total=format_yuan(result.total),
            skipped=result.skipped))
    return common.DONE


# -- two-part tariffs: meter readings and the metered settlement -----------------------------

def cmd_meter(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.billing import metering
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    s = seasons.get_season(args.season)
    account = accounts.get_account(actor, args.account_no)
    r = metering.record_reading(actor, account.id, s.id, args.start, args.end,
                                read_on=args.date, notes=args.notes)
    print(t("metered", account=account.account_no, season=s.name, start=r.start_gj,
            end=r.end_gj, used=r.end_gj - r.start_gj))
    return common.DONE


def cmd_settle(args: argparse.Namespace) -> int:
    from heatoffice.billing import metering
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    s = seasons.get_season(args.season)
    result = metering.settle_season(actor, s.id)
    print(t("settled", season=s.name, count=result.count, made=result.adjustments,
            total=format_yuan(result.total)))
    return common.DONE


# -- the cashier's window --------------------------------------------------------------------

def cmd_pay(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service as accounts
    from heatoffice.billing import ledger, payments

    need_suffix(args.receipt_out, ".pdf")
    actor = common.session(args)
    account = accounts.get_account(actor, args.account_no)
    payment = payments.record_payment(actor, account.id, args.amount, args.method,
                                      tendered=args.tendered, reference=args.reference)
    print(t("receipt", no=payment.receipt_no))
    print(t("paid", amount=format_yuan(payment.amount),
            method=glossary.label("payment_method", payment.method), account=account.account_no,
            name=account.name))
    if payment.method == "cash":
        print(t("change", change=format_yuan(payment.change),
                tendered=format_yuan(payment.tendered)))
    print(t("balance", balance=format_yuan(ledger.balance(account.id))))
    if args.receipt_out:
        # The payment is committed: a receipt file that cannot be written is a warning with
        # the reprint command, not a failure that would invite a second charge.
        from heatoffice.errors import UserError
        from heatoffice.exports.documents import print_receipt

        try:
            print_receipt(actor, args.receipt_out, payment.receipt_no)
        except (UserError, OSError, ValueError) as exc:
            reason = exc.message() if isinstance(exc, UserError) else str(exc)
            print(t("print_failed", no=payment.receipt_no, reason=reason.replace("\n", "; "),
                    out=args.receipt_out), file=sys.stderr)
            return common.DONE
        print(t("printed_to", path=args.receipt_out))
    return common.DONE


def cmd_reverse(args: argparse.Namespace) -> int:
    from heatoffice.billing import payments

    actor = common.session(args)
    reversal = payments.reverse_payment(actor, args.receipt_no, args.reason)
    print(t("reversed", no=reversal.receipt_no, original=reversal.reverses.receipt_no,
            amount=format_yuan(reversal.amount)))
    return common.DONE


# -- daily and monthly close -----------------------------------------------------------------

def _method_lines(totals_json: str) -> list[str]:
    sep = glossary.pick("：", ": ")
    return [f"{glossary.label('payment_method', m)}{sep}{format_yuan(Decimal(v))}"
            for m, v in json.loads(totals_json or "{}").items()]


def cmd_close_day(args: argparse.Namespace) -> int:
    from heatoffice.billing import closing

    actor = common.session(args)
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
    return common.DONE


def cmd_close_month(args: argparse.Namespace) -> int:
    from heatoffice.billing import closing

    actor = common.session(args)
    close = closing.close_month(actor, args.month)
    print(t("month_closed", month=close.month))
    for line in _method_lines(close.totals_by_method):
        print(line)
    print(t("total", total=format_yuan(close.total)))
    return common.DONE
