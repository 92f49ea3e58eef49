"""The payment batch import (银行、微信/支付宝代收、邮局的缴费文件).

Its columns are fixed here (the template hands them out); the check and the write are the
ledger's (issue 13, part 4) and plug in as ``check=`` and ``write=`` of ``KIND``: until they
do, the import answers that this kind is not available yet.
"""

from __future__ import annotations

from heatoffice.imports.kinds import Column, Kind

COLUMNS = (
    Column("account_no", ("户号", "用户编号", "编号", "账号"), required=True,
           example="YG01020501"),
    Column("amount", ("缴费金额", "金额", "实收金额", "交易金额"), required=True,
           example="2180.00"),
    Column("paid_on", ("缴费日期", "日期", "交易日期", "到账日期"), required=True,
           example="2025-11-20"),
    Column("method", ("缴费方式", "方式", "支付方式", "渠道"), required=True, example="银行卡"),
    Column("reference", ("交易流水号", "流水号", "交易号", "订单号", "参考号"), required=True,
           example="20251120000123"),
    Column("name", ("户名", "姓名", "用户名称"), example="张伟"),
    Column("address", ("地址", "住址", "房屋地址"), example="阳光花园1号楼2单元501"),
)

NOTES = (
    ("户号、金额、日期、方式、流水号必须填写；户名和地址只用于户号有误时提示对应的用户。",
     "Account number, amount, date, method and reference are required; name and address "
     "only suggest the account when the number is missing or wrong."),
    ("同一来源的流水号不能重复；同一文件重复导入不会重复收费。",
     "References are unique per source; importing the same file again adds nothing."),
)

KIND = Kind(name="payments", permission="imports.payments", columns=COLUMNS, notes=NOTES)
