"""Area measurement commands: ``measure new|submit|review|reject|apply|show|list``, ``print
measurement`` (a record, or a blank sheet) and ``export measurements``; the same services."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, need_suffix, parse_day
from heatoffice.errors import UserError
from heatoffice.money import format_percent, format_yuan

TEXT: common.Table = {
    "measure": ("供热面积测量：客服部与收费科联合测量、复核、生效",
                "heating-area measurement: joint records, review, application"),
    "new": ("登记测量记录（草稿），输出编号和计算面积",
            "record a measurement (a draft); prints its number and computed area"),
    "submit": ("提交测量记录待复核", "submit a measurement for review"),
    "review": ("复核通过（复核人不能是测量人）", "approve a measurement (not by a measurer)"),
    "reject": ("驳回测量记录，须写明原因", "reject a measurement, with a reason"),
    "apply": ("测量生效：变更供热面积，对已开账单提出调账",
              "apply a measurement: the area changes, an adjustment is proposed"),
    "show": ("显示测量记录", "show a measurement"),
    "list": ("测量记录列表", "list measurements"),
    "account_no": ("户号", "account number"),
    "number": ("测量记录编号，如 CL-2026-000045", "measurement number, e.g. CL-2026-000045"),
    "reason": ("测量原因：new-connection dispute recheck periodic area-change other；"
               "驳回时为驳回原因", "reason: new-connection dispute recheck periodic "
               "area-change other; for reject, why"),
    "measurer": ("测量人用户名（客服部、收费科各至少一人）",
                 "a measurer's user name (customer service and the fee section, one each)"),
    "height": ("层高（米）", "ceiling height (m)"),
    "date": ("测量日期（默认今天）", "measurement date (default today)"),
    "part": ("部位：\"名称 长 宽 [类型]\" 或 \"名称 面积 类型\"；类型 room balcony-heated "
             "balcony-unheated balcony-open loft stairwell other",
             "a part: \"NAME LENGTH WIDTH [KIND]\" or \"NAME AREA KIND\"; KIND room "
             "balcony-heated balcony-unheated balcony-open loft stairwell other"),
    "request": ("所答复的复测申请编号", "the re-measurement request it answers"),
    "checks": ("复测所核的测量记录编号", "the measurement this one re-measures"),
    "usable": ("按产权证使用面积 × 系数计算：使用面积", "certificate basis: the usable area"),
    "present": ("用户在场", "the customer was present"),
    "signed": ("用户已签字", "the customer signed"),
    "notes": ("备注", "notes"),
    "effective": ("生效日期（默认测量日期）", "effective date (default the measurement date)"),
    "state": ("状态：draft submitted reviewed applied rejected",
              "state: draft submitted reviewed applied rejected"),
    "community": ("小区名称", "community name"),
    "print_measurement": ("测量记录表（PDF）：记录或空白表", "measurement sheet (PDF): a record "
                                                        "or a blank one"),
    "rules": ("面积计算规则：不带选项时显示现行版本，带选项时生成新版本（经理）",
              "area rules: without options shows the version in force; with options makes a "
              "new version (managers)"),
    "rule_share": ("部位计入比例：KIND=比例，如 balcony-unheated=50% 或 0.5",
                   "a kind's share: KIND=SHARE, e.g. balcony-unheated=50% or 0.5"),
    "rule_ceiling": ("层高超过此值（米）时按 层高÷此值 折算", "ceiling height (m) above which "
                     "the area is scaled by height ÷ this"),
    "rule_coefficient": ("按产权证使用面积计算时的系数", "coefficient of the certificate basis"),
    "rules_shown": ("面积计算规则 第 {version} 版：层高基准 {ceiling} 米，使用面积系数 "
                    "{coefficient}", "area rules version {version}: ceiling base {ceiling} m, "
                    "usable-area coefficient {coefficient}"),
    "blank": ("空白表：户号", "a blank sheet for this account number"),
    "export_measurements": ("面积测量登记表（Excel）", "measurement register (Excel)"),
    "from": ("开始日期", "first day"),
    "to": ("结束日期", "last day"),
    "out_pdf": ("输出文件（.pdf）", "output file (.pdf)"),
    "out_xlsx": ("输出文件（.xlsx）", "output file (.xlsx)"),
    # output
    "created": ("{number}  计算面积 {area} ㎡（原 {before} ㎡，差 {difference} ㎡）",
                "{number}  computed area {area} m² (on record {before} m², difference "
                "{difference} m²)"),
    "moved": ("{number}：{state}", "{number}: {state}"),
    "adjustment": ("已提出调账 {amount}，待经理审批",
                   "adjustment of {amount} proposed for approval"),
    "printed": ("已生成：{path}", "written: {path}"),
    "rows_done": ("已导出 {count} 行到 {path}", "exported {count} rows to {path}"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    sub = common.group(commands.top, "measure", t("measure"))
    p = command(sub, "new", t("new"), cmd_new)
    p.add_argument("account_no", metavar="ACCOUNT_NO", help=t("account_no"))
    p.add_argument("--reason", required=True, metavar="REASON", help=t("reason"))
    p.add_argument("--measurer", action="append", default=[], metavar="USER",
                   help=t("measurer"))
    p.add_argument("--height", metavar="M", help=t("height"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("date"))
    p.add_argument("--part", action="append", default=[], metavar="PART", help=t("part"))
    p.add_argument("--request", type=int, metavar="ID", help=t("request"))
    p.add_argument("--checks", metavar="NUMBER", help=t("checks"))
    p.add_argument("--usable-area", metavar="M2", help=t("usable"))
    p.add_argument("--present", action="store_true", help=t("present"))
    p.add_argument("--signed", action="store_true", help=t("signed"))
    p.add_argument("--notes", default="", help=t("notes"))
    for name in ("submit", "review", "reject", "apply"):
        p = command(sub, name, t(name), cmd_move)
        p.add_argument("number", metavar="NUMBER", help=t("number"))
        p.add_argument("--reason", default="", metavar="TEXT", help=t("reason"))
        p.add_argument("--effective", metavar="YYYY-MM-DD", help=t("effective"))
        p.set_defaults(move=name)
    p = command(sub, "show", t("show"), cmd_show)
    p.add_argument("number", metavar="NUMBER", help=t("number"))
    p = command(sub, "list", t("list"), cmd_list)
    p.add_argument("--state", metavar="S", help=t("state"))
    p.add_argument("--community", metavar="C", help=t("community"))

    p = command(sub, "rules", t("rules"), cmd_rules)
    p.add_argument("--share", action="append", default=[], metavar="KIND=SHARE",
                   help=t("rule_share"))
    p.add_argument("--ceiling", metavar="M", help=t("rule_ceiling"))
    p.add_argument("--coefficient", metavar="X", help=t("rule_coefficient"))
    p.add_argument("--notes", default="", help=t("notes"))

    p = command(commands.shared("print"), "measurement", t("print_measurement"), cmd_print)
    p.add_argument("number", nargs="?", metavar="NUMBER", help=t("number"))
    p.add_argument("--blank", metavar="ACCOUNT_NO", help=t("blank"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=t("out_pdf"))
    p = command(commands.shared("export"), "measurements", t("export_measurements"),
                cmd_export)
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD",
                   help=t("from"))
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=t("to"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help=t("out_xlsx"))


def parse_part(text: str) -> dict[str, Any]:
    """ "卧室 4.20 3.50", "阳台 3.00 1.40 balcony-heated" or "阁楼 12.35 loft"."""
    words = text.split()
    kinds = glossary.codes("measurement_part_kind")
    if len(words) == 3 and words[2] in kinds:
        return {"name": words[0], "area": words[1], "kind": words[2]}
    if len(words) in (3, 4) and (len(words) == 3 or words[3] in kinds):
        return {"name": words[0], "length": words[1], "width": words[2],
                "kind": words[3] if len(words) == 4 else "room"}
    raise UserError("cli.bad_part", field="parts", value=text)


def cmd_new(args: argparse.Namespace) -> int:
    from heatoffice.measurements import service

    parts = [parse_part(p) for p in args.part]
    actor = common.session(args)
    m = service.create(actor, args.account_no, reason=args.reason, measurers=args.measurer,
                       parts=parts, height=args.height, measured_on=args.date,
                       request_id=args.request, checks=args.checks,
                       basis="certificate" if args.usable_area else "parts",
                       usable_area=args.usable_area, notes=args.notes,
                       customer_present=args.present, customer_signed=args.signed)
    print(t("created", number=m.number, area=m.area, before=m.area_before,
            difference=m.difference))
    return common.DONE


def cmd_move(args: argparse.Namespace) -> int:
    from heatoffice.measurements import service

    actor = common.session(args)
    if args.move == "reject":
        m = service.reject(actor, args.number, args.reason)
    elif args.move == "apply":
        m = service.apply(actor, args.number, parse_day(args.effective, "effective_on"))
    else:
        m = getattr(service, args.move)(actor, args.number)
    print(t("moved", number=m.number, state=glossary.label("measurement_state", m.state)))
    if args.move == "apply" and m.adjustment_id:
        from heatoffice.billing.models import Adjustment

        print(t("adjustment", amount=format_yuan(Adjustment.get_by_id(m.adjustment_id).amount)))
    return common.DONE


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def cmd_show(args: argparse.Namespace) -> int:
    from heatoffice.measurements import queries

    actor = common.session(args)
    for line in show_lines(queries.sheet(actor, args.number)):
        print(line)
    return common.DONE


def show_lines(s: Any) -> list[str]:
    """The record as text lines, in the language of the command."""
    f, lbl = (lambda k: glossary.label("field", k)), glossary.label
    lines = [f"{s.number}  {s.account_no} {s.name}  {s.address}",
             f"{f('measured_on')}: {s.measured_on}  {f('reason')}: "
             f"{lbl('measurement_reason', s.reason)}  {f('state')}: "
             f"{lbl('measurement_state', s.state)}",
             f"{f('measurers')}: " + "、".join(
                 f"{u}（{lbl('measurer_side', side)}）" for u, side in s.measurers),
             f"{f('rule_version')}: {s.rule_version}  " + "  ".join(
                 f"{lbl('measurement_part_kind', k)} {_pct(v)}" for k, v in s.shares)
             + f"  {f('ceiling_base')}: {s.ceiling_base}"]
    if s.application:
        lines.insert(1, f"{f('application_id')}: {s.application}")
    for p in s.parts:
        size = f"{p.length} × {p.width}" if p.length is not None else ""
        lines.append(f"  {p.name}  {lbl('measurement_part_kind', p.kind)}  {size}  "
                     f"{p.area} ㎡ × {_pct(p.share)} = {p.counted} ㎡")
    if s.basis == "certificate":
        lines.append(f"{f('usable_area')}: {s.usable_area} × {s.coefficient}")
    if s.ceiling_height is not None:
        lines.append(f"{f('ceiling_height')}: {s.ceiling_height}")
    lines.append(f"{f('measured_area')}: {s.area} ㎡  {f('area_before')}: {s.area_on_record} ㎡  "
                 f"{f('difference')}: {s.difference} ㎡")
    for st in s.steps:
        extra = f"  {st.reason}" if st.reason else ""
        lines.append(f"  {st.at:%Y-%m-%d %H:%M}  {st.by}  "
                     f"{lbl('measurement_state', st.to_state)}{extra}")
    if s.effective_on is not None:
        lines.append(f"{f('effective_on')}: {s.effective_on}")
    if s.adjustment_amount is not None:
        lines.append(f"{f('adjustment')}: {format_yuan(s.adjustment_amount)}  "
                     f"{lbl('adjustment_status', s.adjustment_status)}")
    return lines


def cmd_list(args: argparse.Namespace) -> int:
    from heatoffice.measurements import queries

    actor = common.session(args)
    for r in queries.register(actor, state=args.state, community=args.community):
        print(f"{r.number}  {r.measured_on}  {r.account_no}  {r.name}  "
              f"{glossary.label('measurement_state', r.state)}  {r.area_before} → {r.area}  "
              f"({r.difference:+})")
    return common.DONE


def cmd_rules(args: argparse.Namespace) -> int:
    """The area rules in force; with options, a new version of them (the old one is kept)."""
    from heatoffice.measurements import queries, rules

    actor = common.session(args)
    if args.share or args.ceiling or args.coefficient:
        shares = {}
        for item in args.share:
            kind, sep, value = item.partition("=")
            if not sep:
                raise UserError("measurements.bad_share", field="share", value=item)
            shares[kind.strip()] = value
        rules.new_version(actor, shares=shares, ceiling_base=args.ceiling,
                          coefficient=args.coefficient, notes=args.notes)
    current = queries.current_rules(actor)
    print(t("rules_shown", version=current.version, ceiling=current.ceiling_base,
            coefficient=format(current.coefficient.normalize(), "f")))
    for kind, share in current.shares.items():
        print(f"  {kind}  {glossary.label('measurement_part_kind', kind)}  "
              f"{format_percent(share)}")
    return common.DONE


def cmd_print(args: argparse.Namespace) -> int:
    from heatoffice.exports import documents

    need_suffix(args.out, ".pdf")
    if bool(args.number) == bool(args.blank):
        raise UserError("cli.number_or_blank", field="number")
    actor = common.session(args)
    documents.print_measurement(actor, args.out, args.number, blank=args.blank)
    print(t("printed", path=args.out))
    return common.DONE


def cmd_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.measurements_xlsx import export_measurements

    need_suffix(args.out, ".xlsx")
    actor = common.session(args)
    count = export_measurements(actor, args.out, parse_day(args.date_from, "date_from"),
                                parse_day(args.date_to, "date_to"))
    print(t("rows_done", count=count, path=args.out))
    return common.DONE
