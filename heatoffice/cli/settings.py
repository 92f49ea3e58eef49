"""``settings show`` and ``settings set KEY VALUE``: the company details printed on documents."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

TEXT: common.Table = {
    "settings": ("公司设置：名称、地址、服务电话、银行账号（印在通知单、催缴单、收据上）",
                 "company settings: name, address, service phone, bank account (printed on "
                 "notices, dunning letters and receipts)"),
    "show": ("列出全部设置", "list every setting"),
    "set": ("修改一项设置（需要“修改公司设置”权限，记入操作日志）",
            "change one setting (needs settings.edit; audited)"),
    "key": ("设置项", "setting"),
    "value": ("新值（空字符串表示清除）", "new value (an empty string clears it)"),
    "fixed": ("（不可在此修改）", "(not changed here)"),
    "done": ("已修改 {name}：{value}", "{name} set to: {value}"),
    "unchanged": ("{name} 未改变：{value}", "{name} unchanged: {value}"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    from heatoffice.config.service import EDITABLE

    settings = group(commands.top, "settings", t("settings"))
    command(settings, "show", t("show"), cmd_show, epilog=False)
    s = command(settings, "set", t("set"), cmd_set)
    s.add_argument("key", metavar="KEY", choices=tuple(EDITABLE),
                   help=t("key") + ": " + ", ".join(EDITABLE))
    s.add_argument("value", metavar="VALUE", help=t("value"))


def cmd_show(args: argparse.Namespace) -> int:
    from heatoffice.config.service import settings
    from heatoffice.exports.xlsx import display_width

    actor = common.session(args)
    rows = [(s.key, glossary.label("field", s.key), s.value or "-",
             "" if s.editable else t("fixed")) for s in settings(actor)]
    width = max(display_width(name) for _, name, _, _ in rows)
    for key, name, value, note in rows:
        pad = " " * (width - display_width(name))
        print(f"{key:<20} {name}{pad}  {value} {note}".rstrip())
    return common.DONE


def cmd_set(args: argparse.Namespace) -> int:
    from heatoffice import config
    from heatoffice.config.service import set_setting

    actor = common.session(args)
    before = config.get(args.key)
    value = set_setting(actor, args.key, args.value)
    print(t("done" if value != before else "unchanged",
            name=glossary.label("field", args.key), value=value or "-"))
    return common.DONE
