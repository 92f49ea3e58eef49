"""The sheets of complaints, inspections and cold homes in the service report (part 7): the
complaints with their reply times, the inspections with their outcomes and ages, the
readings below the standard; codes, dates and numbers (``reports.Column.group`` names a
code's glossary group)."""

from __future__ import annotations

import datetime as _dt

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.service import case_queries
from heatoffice.service.reports import Column, Sheet, with_names

_MANY = 1_000_000


def complaint_rows(actor: Actor, start: _dt.date, end: _dt.date) -> Sheet:
    """投诉答复: each complaint received in the period, its reply time and whether late."""
    rows = case_queries.complaints(actor, start=start, end=end, limit=_MANY)
    return Sheet("complaints", "投诉答复", "Complaint replies", (
        Column("投诉编号", "complaint", 16), Column("方式", "channel", 8, "complaint_channel"),
        Column("状态", "state", 10, "complaint_state"), Column("户号", "account", 14),
        Column("投诉人", "complainant", 10), Column("受理时间", "received", 17),
        Column("处理人", "handler", 10), Column("上报经理", "escalated to", 10),
        Column("答复期限", "reply due", 17), Column("答复时间", "replied", 17),
        Column("答复方式", "reply method", 10, "reply_method"),
        Column("答复用时（小时）", "hours to reply", 10), Column("超期", "late", 6)),
        with_names([(r.number, r.channel, r.state, r.account_no, r.complainant, r.received_at,
                     r.handler, r.escalated_to, r.reply_due, r.replied_at, r.reply_method,
                     r.reply_hours, "是" if r.overdue or (r.reply_due is not None
                                                         and r.replied_at is not None
                                                         and r.replied_at >= r.reply_due)
                     else "")
                    for r in reversed(rows)], 6, 7))


def inspection_rows(actor: Actor, start: _dt.date, end: _dt.date) -> Sheet:
    """稽查结果: each inspection of the period, its conclusion, follow-ups and age if open."""
    rows = case_queries.inspections(actor, start=start, end=end, limit=_MANY)
    return Sheet("inspections", "稽查结果", "Inspection outcomes", (
        Column("稽查编号", "inspection", 16), Column("类别", "kind", 10, "inspection_kind"),
        Column("状态", "state", 10, "inspection_state"),
        Column("结论", "conclusion", 8, "inspection_conclusion"), Column("户号", "account", 14),
        Column("地址", "address", 30), Column("稽查人", "inspector", 10),
        Column("稽查时间", "inspected", 17), Column("处理项", "follow-ups", 8),
        Column("未结天数", "days open", 8)),
        with_names([(r.number, r.kind, r.state, r.conclusion, r.account_no, r.address,
                     r.inspector, r.inspected_at, r.follow_ups,
                     r.age_days if r.state != "closed" else None)
                    for r in reversed(rows)], 6))


def cold_home_rows(actor: Actor, start: _dt.date, end: _dt.date) -> Sheet:
    """室温不达标: each reading of the period below its standard."""
    rows = case_queries.readings(actor, cold_only=True, start=start, end=end, limit=_MANY)
    return Sheet("cold_homes", "室温不达标", "Cold homes", (
        Column("检测时间", "measured", 17), Column("户号", "account", 14),
        Column("地址", "address", 30), Column("房间", "room", 8), Column("室温°C", "°C", 7),
        Column("室外°C", "outdoor °C", 7), Column("标准°C", "standard °C", 7),
        Column("差°C", "short °C", 7), Column("仪器", "instrument", 12),
        Column("检测人", "by", 10)),
        with_names([(r.measured_at, r.account_no, r.address, r.room, r.celsius, r.outdoor,
                     r.standard, r.standard - r.celsius, r.instrument, r.by)
                    for r in reversed(rows)], 9))


def case_sheets(actor: Actor, start: _dt.date, end: _dt.date) -> list[Sheet]:
    """The cases' sheets of the period (both days included), after the calls' and orders'."""
    sheets = []
    if can(actor, "complaints.view"):
        sheets.append(complaint_rows(actor, start, end))
    if can(actor, "inspections.view"):
        sheets.append(inspection_rows(actor, start, end))
    if can(actor, "tempchecks.view"):
        sheets.append(cold_home_rows(actor, start, end))
    return sheets
