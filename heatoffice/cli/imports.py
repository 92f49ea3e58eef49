"""Commands of the import area: ``import accounts|balances|payments FILE`` and
``import template KIND --out F.xlsx``."""

from __future__ import annotations

import argparse
import sys

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

KINDS = ("accounts", "balances", "payments")

TEXT: common.Table = {
    "import": ("从 Excel/CSV 导入用户档案、历史欠费、批量缴费",
               "import accounts, opening balances and payment batches from Excel/CSV"),
    "kind": ("导入{kind}：逐行检查，打印报告；有问题的行时不导入（除非 --valid-only）",
             "import {kind}: every row checked, the report printed; nothing is imported "
             "when a row has a problem (unless --valid-only)"),
    "file": ("要导入的文件（.xlsx 或 .csv）", "the file to import (.xlsx or .csv)"),
    "sheet": ("工作表名（默认第一个）", "the sheet's name (default: the first)"),
    "source": ("来源（银行、代收机构、邮局），流水号在同一来源内唯一",
               "the source (bank, collection service, post office); references are unique "
               "per source"),
    "dry_run": ("只检查并报告，不导入", "check and report only, import nothing"),
    "valid_only": ("有问题的行不导入，其余照常导入", "import the rows without problems"),
    "create": ("文件中尚未登记的小区一并登记", "register the communities the file names "
               "that are not registered yet"),
    "rejects": ("把未导入的行（原样加问题说明）写入此 .xlsx 文件",
                "write the rows not imported (as they were, with the reasons) to this .xlsx"),
    "template": ("生成导入模板（.xlsx：列、示例行、说明）",
                 "write an import template (.xlsx: columns, an example row, notes)"),
    "template_kind": ("模板类型", "the template's kind"),
    "out": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "reading": ("读取并检查", "reading and checking"),
    "read": ("读取：{count} 行", "read: {count} rows"),
    "skipped": ("跳过：{count} 行（空行、合计行、重复的表头）",
                "skipped: {count} rows (blank, total, header repeated)"),
    "imported": ("导入：{count} 行", "imported: {count} rows"),
    "dry": ("导入：0 行（只检查；可导入 {count} 行）",
            "imported: 0 rows (check only; {count} rows could be imported)"),
    "rejected": ("拒绝：{count} 行", "rejected: {count} rows"),
    "line": ("第 {row} 行\t{column}\t{reason}", "row {row}\t{column}\t{reason}"),
    # the ledger's kinds reconcile the file's money with what was imported
    "totals": ("对账：文件合计 {file} 元，导入 {imported} 元，未导入 {rest} 元",
               "reconciliation: file total {file} yuan, imported {imported}, not imported "
               "{rest}"),
    "late_fees": ("滞纳金：文件合计 {file} 元，导入 {imported} 元",
                  "late fees: file total {file} yuan, imported {imported}"),
    "new_communities": ("尚未登记的小区：{names}（加 --create-communities 一并登记）",
                        "communities not registered: {names} (--create-communities "
                        "registers them)"),
    "rejects_written": ("未导入的 {count} 行已写入 {path}",
                        "the {count} rows not imported were written to {path}"),
    "template_written": ("模板已写入 {path}", "template written to {path}"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    imports = group(commands.top, "import", t("import"), metavar="KIND")
    for kind in KINDS:
        s = command(imports, kind, t("kind", kind=glossary.label("import_kind", kind)),
                    cmd_import)
        s.set_defaults(kind=kind)
        s.add_argument("file", metavar="FILE", help=t("file"))
        s.add_argument("--sheet", metavar="NAME", help=t("sheet"))
        s.add_argument("--source", metavar="NAME", default="", help=t("source"))
        s.add_argument("--dry-run", action="store_true", help=t("dry_run"))
        s.add_argument("--valid-only", action="store_true", help=t("valid_only"))
        s.add_argument("--create-communities", action="store_true", help=t("create"))
        s.add_argument("--rejects", metavar="F.xlsx", help=t("rejects"))
    s = command(imports, "template", t("template"), cmd_template)
    s.add_argument("template_kind", metavar="KIND", choices=KINDS, help=t("template_kind"))
    s.add_argument("--out", required=True, metavar="F.xlsx", help=t("out"))


def _not_available(kind_name: str) -> int:
    """A kind whose check and write have not been plugged in: one line, usage status."""
    from heatoffice.errors import UserError
    from heatoffice.imports import kinds

    if kinds.get(kind_name).available:
        return common.DONE
    err = UserError("imports.not_available", kind=glossary.term("import_kind", kind_name))
    print(err.message(), file=sys.stderr)
    return common.USAGE


def cmd_import(args: argparse.Namespace) -> int:
    from heatoffice.imports import files, service

    if _not_available(args.kind) != common.DONE:
        return common.USAGE
    common.need_suffix(args.rejects, ".xlsx")
    actor = common.session(args)
    report, preview = service.import_file(
        actor, args.kind, args.file, sheet=args.sheet, source=args.source,
        dry_run=args.dry_run, valid_only=args.valid_only,
        create_communities=args.create_communities, progress=common.progress(t("reading")))
    # the rejects file first: it is written even when the report's reader goes away (| head)
    written = (files.write_rejects(preview, args.rejects)
               if args.rejects and report.rejected else None)
    print(t("read", count=report.read))
    print(t("skipped", count=report.skipped))
    print(t("dry", count=report.valid) if report.dry_run
          else t("imported", count=report.imported))
    print(t("rejected", count=report.rejected))
    totals = preview.context.notes.get("totals")
    if totals:
        print(t("totals", file=totals["file"], imported=totals["imported"],
                rest=totals["file"] - totals["imported"]))
        if "late_fees" in totals:
            print(t("late_fees", file=totals["late_fees"], imported=totals["imported_late_fees"]))
    for row, column, reason in report.rejected_lines():
        print(t("line", row=row, column=column, reason=reason.replace("\n", "；")))
    new = preview.context.notes.get("new_communities") or {}
    if new and not args.create_communities:
        print(t("new_communities", names="、".join(new)))
    if written is not None:
        print(t("rejects_written", count=written, path=args.rejects))
    return common.DONE if report.complete else common.USER_ERROR


def cmd_template(args: argparse.Namespace) -> int:
    from heatoffice.imports import files

    common.need_suffix(args.out, ".xlsx")
    files.write_template(args.template_kind, args.out)
    print(t("template_written", path=args.out))
    return common.DONE
