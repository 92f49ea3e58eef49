"""Commands of heating seasons and their tariffs: ``season add``, ``season show``,
``season tariff``."""

from __future__ import annotations

import argparse
from typing import Any

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command, group
from heatoffice.money import RATE_PLACES, format_percent, format_yuan

TEXT: common.Table = {
    # help
    "season": ("采暖季与热价", "heating seasons and tariffs"),
    "season_add": ("新增采暖季（需要“设置采暖季与热价”权限）",
                   "add a heating season (needs seasons.edit)"),
    "season_name": ("采暖季名称：相邻两年，如 2026-2027", "season name: two years, e.g. 2026-2027"),
    "start": ("供热开始日期（年-月-日）", "first day of heating (YYYY-MM-DD)"),
    "end": ("供热结束日期（年-月-日）", "last day of heating (YYYY-MM-DD)"),
    "notes": ("备注", "notes"),
    "season_show": ("显示采暖季的日期和各类别现行热价的每一项数值",
                    "show a season's dates and every number of each category's tariff"),
    "season_tariff": ("设置某类别的热价（生成新版本）；已开票的采暖季需要经理权限和原因，"
                      "差额生成调账",
                      "set a category's tariff (a new version); a billed season needs a "
                      "manager and a reason, and differences become adjustments"),
    "category": ("用户类别：residential（居民）、institution（单位）、business（商业）",
                 "category: residential, institution, business"),
    "price": ("面积热价，元/㎡（整季）", "price per m² for the season (yuan)"),
    # argparse formats help with %: a percent sign is written %%.
    "stopped_share": ("报停用户收费比例，如 0.3 或 30%%",
                      "share a stopped home pays, e.g. 0.3 or 30%%"),
    "late_fee_rate": ("滞纳金日费率，如 0.05%%", "late fee rate per day, e.g. 0.05%%"),
    "late_fee_from": ("滞纳金起算日", "first day late fees accrue"),
    "discount_rate": ("提前缴费优惠比例，如 2%%", "early-payment discount, e.g. 2%%"),
    "discount_until": ("优惠截止日（含）", "last day of the discount"),
    "relief_share": ("低保减免比例，如 50%%", "low-income relief share, e.g. 50%%"),
    "relief_max_area": ("低保减免面积上限（㎡）", "relief area limit (m²)"),
    "relief_cap": ("低保减免金额上限（元）", "relief cap (yuan)"),
    "connection_fee": ("配套费（元/㎡）", "connection fee per m² (yuan)"),
    "basic_price": ("两部制：基本热价（元/㎡）", "two-part: basic price per m²"),
    "price_per_gj": ("两部制：计量热价（元/GJ）", "two-part: price per GJ"),
    "settlement": ("两部制结算：both_ways（多退少补）或 refund_only（多退少不补）",
                   "two-part settlement: both_ways or refund_only"),
    "reason": ("原因", "reason"),
    # output
    "season_added": ("已新增采暖季 {name}：{start} 至 {end}",
                     "season {name} added: {start} to {end}"),
    "season_head": ("采暖季 {name}：{start} 至 {end}，共 {days} 天",
                    "season {name}: {start} to {end}, {days} days"),
    "tariff_head": ("{category}（第 {version} 版，{by} 于 {at} 设置）",
                    "{category} (version {version}, set by {by} on {at})"),
    "tariff_approved": ("  经理批准：{by}", "  approved by {by}"),
    "no_tariff": ("{category}：未设置热价", "{category}: no tariff"),
    "tariff_set": ("已设置 {season} {category} 热价（第 {version} 版）",
                   "tariff of {category} in {season} set (version {version})"),
    "tariff_adjusted": ("已为已开票用户生成 {count} 笔调价差额，合计 {total}",
                        "{count} tariff-change adjustments made for billed accounts, total "
                        "{total}"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    season_sub = group(commands.top, "season", t("season"))
    s = command(season_sub, "add", t("season_add"), cmd_season_add)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s.add_argument("--start", required=True, metavar="YYYY-MM-DD", help=t("start"))
    s.add_argument("--end", required=True, metavar="YYYY-MM-DD", help=t("end"))
    s.add_argument("--notes", default="", metavar="TEXT", help=t("notes"))
    s = command(season_sub, "show", t("season_show"), cmd_season_show)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s = command(season_sub, "tariff", t("season_tariff"), cmd_season_tariff)
    s.add_argument("name", metavar="NAME", help=t("season_name"))
    s.add_argument("--category", required=True, metavar="C", help=t("category"))
    s.add_argument("--price", required=True, metavar="P", help=t("price"))
    s.add_argument("--stopped-share", required=True, metavar="S", help=t("stopped_share"))
    for flag, key, default, metavar in (
            ("--late-fee-rate", "late_fee_rate", "0", "R"),
            ("--late-fee-from", "late_fee_from", None, "D"),
            ("--discount-rate", "discount_rate", "0", "R"),
            ("--discount-until", "discount_until", None, "D"),
            ("--relief-share", "relief_share", "0", "S"),
            ("--relief-max-area", "relief_max_area", "0", "A"),
            ("--relief-cap", "relief_cap", "0", "C"),
            ("--connection-fee", "connection_fee", "0", "F"),
            ("--basic-price", "basic_price", None, "P"),
            ("--price-per-gj", "price_per_gj", None, "P"),
            ("--settlement", "settlement", "both_ways", "both_ways|refund_only"),
            ("--reason", "reason", "", "TEXT")):
        s.add_argument(flag, default=default, metavar=metavar, help=t(key))


def cmd_season_add(args: argparse.Namespace) -> int:
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    s = seasons.add_season(actor, args.name, args.start, args.end, args.notes)
    print(t("season_added", name=s.name, start=s.start_date, end=s.end_date))
    return common.DONE


TARIFF_FIELDS = ("price_per_m2", "basic_price_per_m2", "price_per_gj", "settlement",
                 "stopped_share", "late_fee_rate", "late_fee_from", "discount_rate",
                 "discount_until", "relief_share", "relief_max_area", "relief_cap",
                 "connection_fee_per_m2")
RATES = {"stopped_share", "late_fee_rate", "discount_rate", "relief_share"}


def tariff_lines(tariff: Any) -> list[str]:
    """Every number of a tariff, one "label: value" line each."""
    sep = glossary.pick("：", ": ")
    out = []
    for field in TARIFF_FIELDS:
        value = getattr(tariff, field)
        if value is None:
            shown = "-"
        elif field in RATES:
            shown = format_percent(value, RATE_PLACES)
        elif field == "settlement":
            shown = f"{value}（{glossary.label('tariff_settlement', value)}）"
        else:
            shown = str(value)
        out.append(f"  {glossary.label('field', field)}{sep}{shown}")
    if tariff.reason:
        out.append(f"  {glossary.label('field', 'reason')}{sep}{tariff.reason}")
    return out


def cmd_season_show(args: argparse.Namespace) -> int:
    from heatoffice.auth.permissions import require
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    require(actor, "billing.view")
    s = seasons.get_season(args.name)
    days = (s.end_date - s.start_date).days + 1
    print(t("season_head", name=s.name, start=s.start_date, end=s.end_date, days=days))
    for category in glossary.codes("account_category"):
        name = glossary.label("account_category", category)
        tariff = seasons.current_tariff(s.id, category)
        if tariff is None:
            print(t("no_tariff", category=name))
            continue
        print(t("tariff_head", category=name, version=tariff.version, by=tariff.created_by,
                at=tariff.created_at.strftime("%Y-%m-%d %H:%M")))
        if tariff.approved_by:
            print(t("tariff_approved", by=tariff.approved_by))
        for line in tariff_lines(tariff):
            print(line)
    return common.DONE


def cmd_season_tariff(args: argparse.Namespace) -> int:
    from peewee import fn

    from heatoffice.billing import tariff_change
    from heatoffice.billing.models import Adjustment
    from heatoffice.money import from_fen
    from heatoffice.seasons import service as seasons

    actor = common.session(args)
    s = seasons.get_season(args.name)
    before = Adjustment.select(fn.MAX(Adjustment.id)).scalar() or 0
    tariff = tariff_change.set_tariff(
        actor, s.id, args.category, price_per_m2=args.price, stopped_share=args.stopped_share,
        late_fee_rate=args.late_fee_rate, late_fee_from=args.late_fee_from,
        discount_rate=args.discount_rate, discount_until=args.discount_until,
        relief_share=args.relief_share, relief_max_area=args.relief_max_area,
        relief_cap=args.relief_cap, connection_fee_per_m2=args.connection_fee,
        basic_price_per_m2=args.basic_price, price_per_gj=args.price_per_gj,
        settlement=args.settlement, reason=args.reason)
    category = glossary.label("account_category", tariff.category)
    print(t("tariff_set", season=s.name, category=category, version=tariff.version))
    # The differences the change made for accounts already billed (see billing.tariff_change).
    made = (Adjustment.select(fn.COUNT(Adjustment.id), fn.SUM(Adjustment.amount).coerce(False))
            .where((Adjustment.id > before) & (Adjustment.kind == "tariff_change")).tuples()
            .first())
    if made and made[0]:
        print(t("tariff_adjusted", count=made[0], total=format_yuan(from_fen(int(made[1])))))
    return common.DONE
