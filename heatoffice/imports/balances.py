"""The opening balances import (历史欠费): arrears carried over from the old system.

Its columns are fixed here (the template hands them out); the check and the write are the
ledger's (issue 13, part 3) and plug in as ``check=`` and ``write=`` of ``KIND``: until they
do, the import answers that this kind is not available yet.
"""

from __future__ import annotations

from heatoffice.imports.kinds import Column, Kind

COLUMNS = (
    Column("account_no", ("户号", "用户编号", "编号", "账号"), required=True,
           example="YG01020501"),
    Column("season", ("采暖季", "欠费季", "年度", "供暖季"), required=True, example="2024-2025"),
    Column("amount", ("欠费金额", "金额", "欠费", "欠款"), required=True, example="1250.00"),
    Column("late_fee", ("滞纳金",), example="36.80"),
)

NOTES = (
    ("户号、采暖季、欠费金额必须填写；滞纳金可不填。",
     "Account number, season and amount are required; the late fee is optional."),
    ("同一文件重复导入不会重复记账。", "Importing the same file again adds nothing."),
)

KIND = Kind(name="balances", permission="imports.balances", columns=COLUMNS, notes=NOTES)
