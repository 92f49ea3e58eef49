"""The payment batch import (银行、微信/支付宝代收、邮局的缴费文件).

Its columns are fixed here (the template hands them out); the rows are checked and taken by
the ledger (heatoffice.billing.batches): each a payment with its receipt, settled as at the
window, dated on its payment date, its reference unique per source (``--source``, or the
file's source column).
"""

from __future__ import annotations

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import batch_cells, batches
from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    Allocation,
    Bill,
    Payment,
    ReceiptCounter,
)
from heatoffice.errors import UserError
from heatoffice.imports.kinds import Column, Context, Kind, Row
from heatoffice.money import ZERO

COLUMNS = (
    Column("account_no", ("户号", "用户编号", "编号", "账号"), required=True,
           example="YG01020501"),
    Column("amount", ("缴费金额", "金额", "实收金额", "交易金额"), required=True,
           example="2180.00"),
    Column("paid_on", ("缴费日期", "日期", "交易日期", "到账日期"), required=True,
           example="2025-11-20"),
    Column("method", ("缴费方式", "方式", "支付方式", "渠道"), example="银行卡"),
    Column("reference", ("交易流水号", "流水号", "交易号", "订单号", "参考号", "凭证号"),
           required=True, example="20251120000123"),
    Column("source", ("代收来源", "来源", "代收机构", "代收单位"), example="工商银行"),
    Column("name", ("户名", "姓名", "用户名称"), example="张伟"),
    Column("address", ("地址", "住址", "房屋地址"), example="阳光花园1号楼2单元501"),
)

NOTES = (
    ("户号、金额、日期、流水号必须填写；方式可不填（按转账）；现金不能批量导入。",
     "Account number, amount, date and reference are required; a blank method is a bank "
     "transfer; cash cannot come in a batch."),
    ("户名和地址只用于户号有误时提示对应的用户，不会自动入账。",
     "Name and address only suggest the account when the number is missing or wrong; it is "
     "never applied by itself."),
    ("同一来源的流水号不能重复；同一文件重复导入不会重复收费。",
     "References are unique per source; importing the same file again adds nothing."),
)
_COLUMNS = {c.key for c in COLUMNS}


def check(ctx: Context, rows: list[Row]) -> None:
    by_number = {row.number: row for row in rows}
    lines = [batches.PaymentLine(
        row.number, row.raw.get("account_no", ""), row.raw.get("amount", ""),
        row.raw.get("paid_on", ""), row.raw.get("method", ""), row.raw.get("reference", ""),
        row.raw.get("source", ""), row.raw.get("name", ""), row.raw.get("address", ""))
        for row in rows]
    source = batch_cells.clean_source(ctx.source) if batch_cells.text_cell(ctx.source) else ""
    checked = batches.check_lines(ctx.actor, lines, source)
    for problem in checked.problems:
        assert problem.row is not None
        column = problem.field if problem.field in _COLUMNS else "account_no"
        # the framework names the row itself: the message without "row n:"
        by_number[problem.row].problem(column or "account_no", UserError(
            problem.code, field=problem.field, **problem.params))
    for good in checked.good:
        by_number[good.line.row].values["good"] = good
    ctx.notes["totals"] = {"file": checked.total, "imported": ZERO}
    ctx.notes["suggestions"] = checked.suggestions
    ctx.notes["checked"] = checked


def write(ctx: Context, rows: list[Row]) -> int:
    checked = ctx.notes["checked"]
    good = [row.values["good"] for row in rows]
    receipts = batches.take_lines(
        ctx.actor, batches.Checked(good, checked.problems, checked.duplicates, checked.total,
                                   checked.suggestions),
        source=batch_cells.text_cell(ctx.source), rows=len(checked.good) + len(
            {p.row for p in checked.problems}), file_name=ctx.file, digest=ctx.digest)
    ctx.notes["totals"]["imported"] = sum((g.amount for g in good), ZERO)
    ctx.notes["receipts"] = receipts
    return len(receipts)


KIND = Kind(name="payments", permission="imports.payments", columns=COLUMNS, check=check,
            write=write, notes=NOTES,
            tables=(Payment, Allocation, Bill, Adjustment, AccountBalance, ReceiptCounter,
                    AuditEntry))
