"""Commands of business reception: ``application new|show|list|docs|exception`` and the
workflow's verbs (review, accept, return, reject, forward, done, cancel)."""

from __future__ import annotations

import argparse

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group

TEXT: common.Table = {
    "application": ("业务受理：用热申请", "business reception: applications"),
    "new": ("接收一件申请，打印受理编号", "receive an application; prints its number"),
    "show": ("显示一件申请及其材料与流转记录", "show an application, its documents and steps"),
    "list": ("列出申请", "list applications"),
    "docs": ("登记后补的申请材料", "record documents brought later"),
    "exception": ("经理登记欠费例外", "a manager records an arrears exception"),
    "checklist": ("显示或（管理员）设置一类申请的必需材料",
                  "show, or (admin) set, the documents a type needs"),
    "checklist_doc": ("必需材料 KEY，按顺序，可重复；给出即替换原清单",
                      "required document KEY, in order, repeatable; replaces the list"),
    "checklist_label": ("新材料的名称 KEY=中文名/English name",
                        "a new document's names KEY=中文名/English name"),
    "verb": ("申请流转：{verb}", "move the application: {verb}"),
    "doc": ("材料 KEY:original|copy[:returned|kept]，可重复",
            "document KEY:original|copy[:returned|kept], repeatable"),
    "number": ("受理编号 SL-YYYY-NNNNNN", "application number SL-YYYY-NNNNNN"),
    "received": ("{number}", "{number}"),
    "late": ("注意：{text}", "note: {text}"),
    "moved": ("{number}：{state}", "{number}: {state}"),
    "none": ("没有符合条件的申请", "no applications match"),
    "missing": ("缺少材料：{docs}", "documents missing: {docs}"),
    "overdue": ("已超期", "overdue"),
    "acceptance": ("受理回执（PDF）", "acceptance receipt (PDF)"),
    "review_form": ("业务受理审批表（PDF）", "review form (PDF)"),
    "handover": ("证件资料交接单（PDF）", "hand-over slip (PDF)"),
    "register": ("业务受理登记簿（Excel）", "application register (Excel)"),
    "out_pdf": ("输出文件（.pdf）", "output file (.pdf)"),
    "out_xlsx": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "printed": ("已写入 {path}", "written to {path}"),
    "exported": ("已导出 {count} 件到 {path}", "exported {count} applications to {path}"),
}

t = common.texts(TEXT)
VERBS = ("review", "accept", "return", "reject", "forward", "done", "cancel")
NEW_ACCOUNT = ("name", "community", "building", "unit", "room", "area", "category")


def register(commands: Commands) -> None:
    apps = group(commands.top, "application", t("application"))
    s = command(apps, "new", t("new"), cmd_new)
    s.add_argument("type", metavar="TYPE", choices=glossary.codes("application_type"))
    s.add_argument("--account", metavar="NO")
    s.add_argument("--applicant", required=True, metavar="NAME")
    s.add_argument("--phone", required=True, metavar="PHONE")
    s.add_argument("--id-number", default="", metavar="ID")
    s.add_argument("--relation", default="owner", choices=glossary.codes("applicant_relation"))
    s.add_argument("--from", dest="wanted_from", metavar="DATE")
    s.add_argument("--doc", action="append", default=[], metavar="KEY:FORM", help=t("doc"))
    s.add_argument("--note", default="", metavar="TEXT")
    for name in NEW_ACCOUNT:
        s.add_argument(f"--{name}", metavar=name.upper())
    s = command(apps, "show", t("show"), cmd_show)
    s.add_argument("number", metavar="NUMBER", help=t("number"))
    s = command(apps, "list", t("list"), cmd_list)
    s.add_argument("--state", choices=glossary.codes("application_state"))
    s.add_argument("--type", choices=glossary.codes("application_type"))
    s.add_argument("--overdue", action="store_true")
    s = command(apps, "docs", t("docs"), cmd_docs)
    s.add_argument("number", metavar="NUMBER", help=t("number"))
    s.add_argument("--doc", action="append", required=True, metavar="KEY:FORM", help=t("doc"))
    s = command(apps, "exception", t("exception"), cmd_exception)
    s.add_argument("number", metavar="NUMBER", help=t("number"))
    s.add_argument("--reason", required=True, metavar="TEXT")
    s = command(apps, "checklist", t("checklist"), cmd_checklist)
    s.add_argument("type", metavar="TYPE", choices=glossary.codes("application_type"))
    s.add_argument("--doc", action="append", default=[], metavar="KEY",
                   help=t("checklist_doc"))
    s.add_argument("--label", action="append", default=[], metavar="KEY=ZH/EN",
                   help=t("checklist_label"))
    for verb in VERBS:
        s = command(apps, verb, t("verb", verb=verb), cmd_move)
        s.add_argument("number", metavar="NUMBER", help=t("number"))
        s.add_argument("--to", default="", metavar="DEPARTMENT",
                       choices=("", *glossary.codes("application_department")))
        s.add_argument("--reason", default="", metavar="TEXT")
        s.set_defaults(verb=verb)
    printing = commands.shared("print")
    for name, key in (("acceptance", "acceptance"), ("review", "review_form"),
                      ("handover", "handover")):
        s = command(printing, name, t(key), cmd_print)
        s.add_argument("number", metavar="NUMBER", help=t("number"))
        s.add_argument("--out", required=True, metavar="F.pdf", help=t("out_pdf"))
        s.set_defaults(document=name)
    s = command(commands.shared("export"), "applications", t("register"), cmd_export)
    s.add_argument("--from", dest="date_from", required=True, metavar="D")
    s.add_argument("--to", dest="date_to", required=True, metavar="D")
    s.add_argument("--state", choices=glossary.codes("application_state"))
    s.add_argument("--type", choices=glossary.codes("application_type"))
    s.add_argument("--department", choices=glossary.codes("application_department"))
    s.add_argument("--overdue", action="store_true")
    s.add_argument("--out", required=True, metavar="F.xlsx", help=t("out_xlsx"))


def _docs(values: list[str]) -> list[tuple[str, ...]]:
    return [tuple(v.split(":")) for v in values]


def _details(args: argparse.Namespace) -> dict:
    given = {k: getattr(args, k) for k in NEW_ACCOUNT if getattr(args, k) is not None}
    if "area" in given:
        given["heating_area"] = given.pop("area")
    if args.type == "transfer":  # the new owner: named, or the applicant
        given = {"name": given.get("name") or args.applicant, "id_number": args.id_number,
                 "phone": args.phone}
    return given


def cmd_new(args: argparse.Namespace) -> int:
    from heatoffice.reception import service

    actor = common.session(args)
    app = service.receive(actor, args.type, account=args.account, new_account=_details(args),
                          applicant=args.applicant, phone=args.phone, id_number=args.id_number,
                          relation=args.relation, wanted_from=args.wanted_from,
                          docs=_docs(args.doc), note=args.note)
    print(t("received", number=app.number))
    late = service.stop_is_late(app)
    if late is not None:
        print(t("late", text=glossary.pick(
            f"逾期报停，自 {late.start_year}-{late.start_year + 1} 采暖季起生效",
            f"filed late: stops from the {late.start_year}-{late.start_year + 1} season")))
    return common.DONE


def cmd_show(args: argparse.Namespace) -> int:
    from heatoffice.reception import queries

    actor = common.session(args)
    card = queries.card(actor, args.number)
    for label, value in queries.card_lines(card):
        print(f"{label}: {value}")
    return common.DONE


def cmd_list(args: argparse.Namespace) -> int:
    from heatoffice.reception import queries

    actor = common.session(args)
    rows = queries.applications(actor, state=args.state, type_=args.type,
                                overdue=args.overdue)
    for row in rows:
        flag = f"  {t('overdue')}" if row.overdue else ""
        print(f"{row.number}  {glossary.label('application_type', row.type)}  "
              f"{glossary.label('application_state', row.state)}  {row.account_no or '-'}  "
              f"{row.applicant}  {row.due_on}{flag}")
    if not rows:
        print(t("none"))
    return common.DONE


def cmd_docs(args: argparse.Namespace) -> int:
    from heatoffice.reception import service

    actor = common.session(args)
    app = service.record_documents(actor, args.number, _docs(args.doc))
    lacking = service.missing_documents(app)
    print(t("moved", number=app.number, state=glossary.label("application_state", app.state)))
    if lacking:
        print(t("missing", docs="、".join(glossary.label("document_kind", k) for k in lacking)))
    return common.DONE


def cmd_checklist(args: argparse.Namespace) -> int:
    """Without --doc: the type's checklist, one KEY and name a line. With --doc: the new list
    (admin only; a key not known yet needs its two names by --label)."""
    from heatoffice.reception import queries, service

    actor = common.session(args)
    if args.doc:
        labels: dict[str, tuple[str, str]] = {}
        for text in args.label:
            key, _, names = text.partition("=")
            zh, _, en = names.partition("/")
            labels[key.strip()] = (zh.strip(), en.strip() or key.strip())
        service.set_checklist(actor, args.type, [k.strip() for k in args.doc], labels=labels)
    for key, name in queries.checklist_of(actor, args.type, "owner"):
        print(f"{key}  {name}")
    return common.DONE


def cmd_exception(args: argparse.Namespace) -> int:
    from heatoffice.reception import service

    actor = common.session(args)
    app = service.record_exception(actor, args.number, args.reason)
    print(t("moved", number=app.number, state=glossary.label("application_state", app.state)))
    return common.DONE


def cmd_move(args: argparse.Namespace) -> int:
    from heatoffice.reception import service

    actor = common.session(args)
    app = service.move(actor, args.number, args.verb, to=args.to, reason=args.reason)
    print(t("moved", number=app.number, state=glossary.label("application_state", app.state)))
    return common.DONE


def cmd_print(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    common.need_suffix(args.out, ".pdf")
    actor = common.session(args)
    write = {"acceptance": documents.print_acceptance, "review": documents.print_review,
             "handover": documents.print_handover}[args.document]
    write(actor, args.out, args.number)
    print(t("printed", path=args.out))
    return common.DONE


def cmd_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.applications_xlsx import export_applications

    common.need_suffix(args.out, ".xlsx")
    date_from = common.parse_day(args.date_from, "date_from")
    date_to = common.parse_day(args.date_to, "date_to")
    actor = common.session(args)
    count = export_applications(actor, args.out, date_from, date_to, state=args.state,
                                type_=args.type, department=args.department,
                                overdue=args.overdue)
    print(t("exported", count=count, path=args.out))
    return common.DONE
