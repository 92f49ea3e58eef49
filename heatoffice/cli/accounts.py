"""Commands of the account register: ``accounts export``."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice.cli.common import Commands, command, group

TEXT: common.Table = {
    # help
    "accounts": ("用户档案", "customer accounts"),
    "export": ("把用户档案导出为 Excel 文件（需要“导出用户档案”权限）",
               "export accounts to an Excel file (needs accounts.export)"),
    "out": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "search": ("只导出搜索到的用户（户号、户名、电话、地址）",
               "export only the accounts this search finds (number, name, phone, address)"),
    # output
    "exporting": ("导出用户档案", "exporting accounts"),
    "exported": ("已导出 {count} 户到 {path}", "exported {count} accounts to {path}"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    accounts = group(commands.top, "accounts", t("accounts"))
    s = command(accounts, "export", t("export"), cmd_accounts_export)
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help=t("out"))
    s.add_argument("--search", default="", metavar="TEXT", help=t("search"))


def cmd_accounts_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.accounts import export_accounts

    common.need_suffix(args.out, ".xlsx")
    actor = common.session(args)
    count = export_accounts(actor, args.out, args.search,
                            progress=common.progress(t("exporting")))
    print(t("exported", count=count, path=args.out))
    return common.DONE
