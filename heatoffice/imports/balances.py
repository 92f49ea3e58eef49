"""The opening balances import (期初欠费): arrears carried over from the old system.

Its columns are fixed here (the template hands them out); the rows are checked and written by
the ledger (heatoffice.billing.opening): each becomes an opening balance, a bill of its own
kind dunned and paid like any debt, with the old system's late fee carried as a fixed amount.
"""

from __future__ import annotations

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import opening
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, BillLine, OpeningBalance
from heatoffice.errors import UserError
from heatoffice.imports.kinds import Column, Context, Kind, Row
from heatoffice.money import ZERO

COLUMNS = (
    Column("account_no", ("户号", "用户编号", "编号", "账号"), required=True,
           example="YG01020501"),
    Column("season", ("采暖季", "欠费季", "年度", "供暖季", "欠费年度"), required=True,
           example="2024-2025"),
    Column("amount", ("欠费金额", "金额", "欠费", "欠款", "应收金额"), required=True,
           example="1250.00"),
    Column("late_fee", ("滞纳金",), example="36.80"),
)

NOTES = (
    ("户号、采暖季、欠费金额必须填写；滞纳金可不填，按旧系统的金额结转，此后不再计滞纳金。",
     "Account number, season and amount are required; the late fee is optional, carried as "
     "the old system's amount, and no further late fee accrues on it."),
    ("同一户同一采暖季只导入一次：同一文件重复导入不会重复记账，更正请调账。",
     "One opening balance per account and season: importing the same file again adds "
     "nothing; correct a figure by an adjustment."),
)
_COLUMN_OF = {"account_no": "account_no", "season": "season", "amount": "amount",
              "late_fee": "late_fee"}


def check(ctx: Context, rows: list[Row]) -> None:
    by_number = {row.number: row for row in rows}
    lines = [opening.OpeningLine(row.number, row.raw.get("account_no", ""),
                                 row.raw.get("season", ""), row.raw.get("amount", ""),
                                 row.raw.get("late_fee", "")) for row in rows]
    checked = opening.check_lines(lines)
    for problem in checked.problems:
        assert problem.row is not None
        # the framework names the row itself: the message without "row n:"
        by_number[problem.row].problem(_COLUMN_OF.get(problem.field or "", "account_no"),
                                       UserError(problem.code, field=problem.field,
                                                 **problem.params))
    for good in checked.good:
        by_number[good.line.row].values["good"] = good
    ctx.notes["totals"] = {"file": checked.total, "late_fees": checked.late_fees,
                           "imported": ZERO, "imported_late_fees": ZERO}
    ctx.notes["checked"] = checked


def write(ctx: Context, rows: list[Row]) -> int:
    checked = ctx.notes["checked"]
    good = [row.values["good"] for row in rows]
    done = opening.carry_lines(ctx.actor, opening.Checked(
        good, checked.problems, checked.duplicates, checked.total, checked.late_fees),
        rows=len(checked.good) + len({p.row for p in checked.problems}), file_name=ctx.file,
        digest=ctx.digest)
    ctx.notes["totals"]["imported"] = sum((g.amount for g in good), ZERO)
    ctx.notes["totals"]["imported_late_fees"] = sum((g.late_fee for g in good), ZERO)
    return done


KIND = Kind(name="balances", permission="imports.balances", columns=COLUMNS, check=check,
            write=write, notes=NOTES,
            tables=(Bill, BillLine, Adjustment, OpeningBalance, AccountBalance, AuditEntry))
