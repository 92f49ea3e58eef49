"""Commands of the account register: ``accounts add|edit|status|show|export``."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

TEXT: common.Table = {
    # help
    "accounts": ("用户档案", "customer accounts"),
    "export": ("把用户档案导出为 Excel 文件（需要“导出用户档案”权限）",
               "export accounts to an Excel file (needs accounts.export)"),
    "out": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "search": ("只导出搜索到的用户（户号、户名、电话、地址）",
               "export only the accounts this search finds (number, name, phone, address)"),
    "add": ("开户：新增一户，打印户号", "open an account; prints its number"),
    "edit": ("修改用户档案（只改给出的项）", "edit an account (only the fields given)"),
    "status": ("变更用户状态（报停、复供、停供、销户）",
               "change an account's status (stop, resume, cut off, close)"),
    "show": ("显示用户卡片：档案、分季余额、最近缴费",
             "show the account card: facts, balance by season, last payments"),
    "no": ("户号", "account number"),
    # output
    "exporting": ("导出用户档案", "exporting accounts"),
    "exported": ("已导出 {count} 户到 {path}", "exported {count} accounts to {path}"),
    "status_now": ("{no}：{status}", "{no}: {status}"),
    "season_line": ("{season} {kind}：应缴 {total}，已缴 {paid}，未缴 {open}",
                    "{season} {kind}: billed {total}, paid {paid}, open {open}"),
    "balance": ("余额", "balance"),
    "payments": ("最近缴费", "last payments"),
    "no_payments": ("无", "none"),
}

t = common.texts(TEXT)

# option -> account field
FIELDS = {"account_no": "account_no", "name": "name", "community": "community",
          "building": "building", "unit": "unit", "floor": "floor", "room": "room",
          "area": "heating_area", "category": "category", "contact": "contact",
          "phone": "phone", "id_number": "id_number", "connected_on": "connected_on",
          "notes": "notes"}


def _account_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    for option in FIELDS:
        if option == "account_no" and not adding:
            continue
        parser.add_argument(f"--{option.replace('_', '-')}", dest=option,
                            required=adding and option in ("name", "community"),
                            metavar=option.upper(), help=glossary.label("field", FIELDS[option]))


def register(commands: Commands) -> None:
    accounts = group(commands.top, "accounts", t("accounts"))
    s = command(accounts, "add", t("add"), cmd_accounts_add)
    _account_options(s, adding=True)
    s.add_argument("--status", default="pending", choices=glossary.codes("account_status"))
    s = command(accounts, "edit", t("edit"), cmd_accounts_edit)
    s.add_argument("account", metavar="NO", help=t("no"))
    _account_options(s, adding=False)
    s = command(accounts, "status", t("status"), cmd_accounts_status)
    s.add_argument("account", metavar="NO", help=t("no"))
    s.add_argument("status", choices=glossary.codes("account_status"))
    s.add_argument("--reason", required=True, metavar="TEXT")
    s.add_argument("--from", dest="on", metavar="DATE")
    s = command(accounts, "show", t("show"), cmd_accounts_show)
    s.add_argument("account", metavar="NO", help=t("no"))
    s = command(accounts, "export", t("export"), cmd_accounts_export)
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help=t("out"))
    s.add_argument("--search", default="", metavar="TEXT", help=t("search"))


def _given(args: argparse.Namespace) -> dict:
    return {field: getattr(args, option) for option, field in FIELDS.items()
            if getattr(args, option, None) is not None}


def cmd_accounts_add(args: argparse.Namespace) -> int:
    from heatoffice.accounts import service

    actor = common.session(args)
    account = service.open_account(actor, _given(args), status=args.status)
    print(account.account_no)
    return common.DONE


def cmd_accounts_edit(args: argparse.Namespace) -> int:
    from heatoffice.accounts import queries, service

    actor = common.session(args)
    found = queries.account(actor, args.account)
    account = service.update_account(actor, found.id, _given(args))
    print(account.account_no)
    return common.DONE


def cmd_accounts_status(args: argparse.Namespace) -> int:
    from heatoffice.accounts import queries
    from heatoffice.billing import status_share

    actor = common.session(args)
    found = queries.account(actor, args.account)
    # through billing: a change inside a billed season is billed from its day
    account, _made = status_share.change_status(actor, found.id, args.status, args.reason,
                                                on=common.parse_day(args.on, "on"))
    print(t("status_now", no=account.account_no,
            status=glossary.label("account_status", account.status)))
    return common.DONE


def cmd_accounts_show(args: argparse.Namespace) -> int:
    from heatoffice.accounts import queries
    from heatoffice.billing import queries as billing

    actor = common.session(args)
    card = queries.account(actor, args.account)
    for field in ("account_no", "name", "category", "address", "phone", "heating_area",
                  "status", "connected_on"):
        value = getattr(card, field)
        if field in ("category", "status"):
            value = glossary.label(f"account_{field}", value)
        print(f"{glossary.label('field', field)}: {value if value not in (None, '') else '-'}")
    owed = billing.owed(actor, card.id)
    for bill in owed.bills:
        print(t("season_line", season=bill.season or "-",
                kind=glossary.label("bill_kind", bill.kind), total=f"{bill.total:,.2f}",
                paid=f"{bill.paid:,.2f}", open=f"{bill.open:,.2f}"))
    print(f"{t('balance')}: {owed.principal:,.2f}")
    paid = [r for r in billing.ledger(actor, card.id) if r.kind in ("payment", "reversal")]
    print(f"{t('payments')}: " + ("" if paid else t("no_payments")))
    for row in paid[-5:]:
        print(f"  {row.day} {row.reference} {row.credit:,.2f}")
    return common.DONE


def cmd_accounts_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.accounts import export_accounts

    common.need_suffix(args.out, ".xlsx")
    actor = common.session(args)
    count = export_accounts(actor, args.out, args.search,
                            progress=common.progress(t("exporting")))
    print(t("exported", count=count, path=args.out))
    return common.DONE
