"""Excel workbooks of the fee ledger: season ledger (台账), arrears list, payments journal,
daily and month reports; the billing area's rows, put into words and streamed into
heatoffice.exports.xlsx."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from heatoffice import clock, glossary
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import journals
from heatoffice.db.connection import database
from heatoffice.exports import xlsx
from heatoffice.money import ZERO
from heatoffice.seasons.models import Season

BATCH = journals.BATCH

Column = tuple[str, str, str | None, float | None]  # zh, en, number format, widest (chars)


def _heads(columns: Sequence[Column], lang: str | None) -> list[str]:
    return [glossary.pick(c[0], c[1], lang) for c in columns]


def _formats(columns: Sequence[Column]) -> dict[int, str]:
    return {i: c[2] for i, c in enumerate(columns) if c[2]}


def _write(actor: Actor, path: str | os.PathLike[str], title: str, columns: Sequence[Column],
           rows: Any, *, lang: str | None, report: str,
           filters: Sequence[tuple[str, Any]] = (), period: str = "",
           progress: xlsx.Progress | None = None, total: int | None = None,
           footer: Any = (), note: str = "") -> int:
    """Write the sheet under its title rows (``report``, ``filters``, ``period``, who and
    when) and audit the export once the file is complete."""
    heading = xlsx.title_lines(actor, report, filters=filters, period=period, lang=lang)
    count = xlsx.write_sheet(path, title, _heads(columns, lang), rows,
                             number_formats=_formats(columns), widths=[c[3] for c in columns],
                             progress=progress, total=total, footer=footer, heading=heading,
                             lang=lang)
    with database.atomic():
        audit.record(actor, "billing.export", "bill", "*",
                     note=f"{title}: {os.fspath(path)} ({count})" + (f" {note}" if note else ""))
    return count


# ---- season ledger (台账) -----------------------------------------------------------------

LEDGER_COLUMNS: list[Column] = [
    ("户号", "Account no.", None, 20), ("户名", "Name", None, 24),
    ("小区", "Community", None, 20), ("地址", "Address", None, 40),
    ("类别", "Category", None, 8), ("状态", "Status", None, 8),
    ("计费面积(㎡)", "Billed area (m²)", xlsx.AREA, 14),
    ("应收(元)", "Billed (yuan)", xlsx.MONEY, 13),
    ("调整(元)", "Adjusted (yuan)", xlsx.MONEY, 12), ("实收(元)", "Paid (yuan)", xlsx.MONEY, 13),
    ("欠费(元)", "Owed (yuan)", xlsx.MONEY, 13), ("开票日期", "Billed on", xlsx.DATE, 12),
]


def ledger_rows(actor: Actor, season_id: int, community: str | None = None, *,
                lang: str | None = None, batch: int = BATCH,
                totals: list[Decimal] | None = None) -> Iterator[tuple]:
    """The season ledger's rows as the sheet shows them, category and status in words.

    ``totals`` (a list of four zeros) receives the sums of billed, adjusted, paid and owed.
    """
    cats = glossary.labels("account_category", lang)
    stats = glossary.labels("account_status", lang)
    for r in journals.season_ledger(actor, season_id, community, batch=batch):
        figures = (r.billed, r.adjusted, r.paid, r.owed)
        if totals is not None:
            for i, value in enumerate(figures):
                totals[i] += value
        yield (r.account_no, r.name, r.community, r.address, cats.get(r.category, r.category),
               stats.get(r.status, r.status), r.area, *figures, r.billed_on)


def export_season_ledger(actor: Actor, path: str | os.PathLike[str], season_id: int,
                         community: str | None = None, *,
                         progress: xlsx.Progress | None = None, lang: str | None = None) -> int:
    """台账 of a season (one community, or all), one row per bill; returns the rows."""
    require(actor, "billing.export")
    season = Season.get_by_id(season_id)
    title = glossary.pick("台账 ", "Ledger ", lang) + season.name + (
        f" {community}" if community else "")
    totals = [ZERO] * 4
    footer = _footer(lambda: [(glossary.pick("合计", "Total", lang), None, None, None, None,
                               None, None, *totals, None)])
    total = journals.count_season_bills(actor, season_id, community) if progress is not None \
        else None
    return _write(actor, path, title, LEDGER_COLUMNS,
                  ledger_rows(actor, season_id, community, lang=lang, totals=totals), lang=lang,
                  report=glossary.pick("采暖季台账", "Season ledger", lang),
                  filters=[(glossary.pick("采暖季", "Season", lang), season.name),
                           (glossary.pick("小区", "Community", lang), community)],
                  period=_span(season.start_date, season.end_date, lang),
                  progress=progress, total=total, footer=footer)


def _span(first: Any, last: Any, lang: str | None) -> str:
    return f"{first:%Y-%m-%d}" + glossary.pick(" 至 ", " to ", lang) + f"{last:%Y-%m-%d}"


def _footer(make: Any) -> Iterator[Sequence[Any]]:
    """Footer rows built only once the data rows have been written (their totals known)."""
    yield from make()


# ---- arrears list (欠费清单) ---------------------------------------------------------------

ARREARS_COLUMNS: list[Column] = [
    ("户号", "Account no.", None, 20), ("户名", "Name", None, 24),
    ("地址", "Address", None, 40), ("类别", "Category", None, 8),
    ("电话", "Phone", None, 16), ("供热面积(㎡)", "Area (m²)", xlsx.AREA, 13),
    ("状态", "Status", None, 8), ("逾期欠费(元)", "Overdue (yuan)", xlsx.MONEY, 13),
    ("未到期(元)", "Not yet due (yuan)", xlsx.MONEY, 13),
    ("滞纳金(元)", "Late fees (yuan)", xlsx.MONEY, 13),
    ("合计(元)", "Total (yuan)", xlsx.MONEY, 13),
    ("最早逾期采暖季", "Oldest overdue season", None, 14), ("账龄", "Age", None, 10),
]


def _arrears_filters(filters: dict[str, Any], lang: str | None) -> list[tuple[str, Any]]:
    """The arrears filters as the title rows name them."""
    from heatoffice.org.models import Staff

    staff = filters["collector_staff_id"]
    collector = Staff.get_or_none(Staff.id == staff) if staff is not None else None
    category, age = filters["category"], filters["age"]
    return [
        (glossary.pick("小区", "Community", lang), filters["community"]),
        (glossary.pick("楼号", "Building", lang), filters["building"]),
        (glossary.pick("类别", "Category", lang),
         glossary.label("account_category", category, lang) if category else None),
        (glossary.pick("收费员", "Collector", lang), collector.name if collector else None),
        (glossary.pick("账龄", "Age", lang),
         glossary.label("arrears_age", age, lang) if age else None),
        (glossary.pick("未到期", "Not yet due", lang),
         glossary.pick("一并列出", "listed too", lang) if filters["include_not_due"]
         else glossary.pick("不列入", "left out", lang)),
    ]


def export_arrears(actor: Actor, path: str | os.PathLike[str], *,
                   community: str | None = None, building: str | None = None,
                   category: str | None = None, collector_staff_id: int | None = None,
                   age: str | None = None, on: Any = None, include_not_due: bool = False,
                   progress: xlsx.Progress | None = None, lang: str | None = None) -> int:
    """The arrears list with the same filters as on screen, a page of rows at a time:
    what is overdue, and what is owed but not yet due in a column of its own."""
    from heatoffice.billing.arrears import arrears_list

    require(actor, "billing.export")
    filters = {"community": community, "building": building, "category": category,
               "collector_staff_id": collector_staff_id, "age": age, "on": on,
               "include_not_due": include_not_due}
    first = arrears_list(actor, limit=BATCH, offset=0, **filters)
    totals = first.totals
    day = val.parse_date(on, "on") if on else clock.today()

    def rows() -> Iterator[tuple]:
        page, offset = first, 0
        while page.rows:
            for r in page.rows:
                yield (r.account_no, r.name, r.address, r.label("category", lang), r.phone,
                       r.area, r.label("status", lang), r.overdue, r.not_due, r.late_fees,
                       r.owed + r.late_fees, r.oldest_season, r.label("age", lang))
            if len(page.rows) < BATCH:
                return
            offset += BATCH
            page = arrears_list(actor, limit=BATCH, offset=offset, **filters)

    def footer() -> Iterator[Sequence[Any]]:
        yield (glossary.pick("合计", "Total", lang),
               glossary.pick(f"{totals.count} 户", f"{totals.count} accounts", lang),
               None, None, None, None, None, totals.overdue, totals.not_due, totals.late_fees,
               totals.owed + totals.late_fees, None, None)
        apart, later = totals.by_age.get("not_due", (0, ZERO))
        if apart and not (include_not_due or age):
            yield (glossary.pick("另有未到期", "Not yet due, not listed", lang),
                   glossary.pick(f"{apart} 户", f"{apart} accounts", lang),
                   None, None, None, None, None, None, later, None, None, None, None)

    title = glossary.pick("欠费清单", "Arrears", lang)
    note = " ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, "", False))
    return _write(actor, path, title, ARREARS_COLUMNS, rows(), lang=lang,
                  report=glossary.pick("欠费清单（逾期）", "Arrears (overdue)", lang),
                  filters=_arrears_filters(filters, lang),
                  period=glossary.pick(f"截至 {day:%Y-%m-%d}", f"as of {day:%Y-%m-%d}", lang),
                  progress=progress, total=totals.count, footer=footer(), note=note)


# ---- payments journal (收款流水) -----------------------------------------------------------

PAYMENT_COLUMNS: list[Column] = [
    ("收据号", "Receipt no.", None, 14), ("收费日期", "Business date", xlsx.DATE, 12),
    ("收款时间", "Taken at", xlsx.DATETIME, 22), ("户号", "Account no.", None, 20),
    ("户名", "Name", None, 24), ("地址", "Address", None, 40),
    ("收款方式", "Method", None, 10), ("交易流水号", "Transaction reference", None, 34),
    ("金额(元)", "Amount (yuan)", xlsx.MONEY, 13),
    ("实收现金(元)", "Tendered (yuan)", xlsx.MONEY, 13),
    ("找零(元)", "Change (yuan)", xlsx.MONEY, 11),
    ("收款员", "Cashier", None, 10), ("红冲原收据", "Reverses", None, 14),
    ("原因", "Reason", None, 30),
]


def export_payments(actor: Actor, path: str | os.PathLike[str], date_from: Any, date_to: Any,
                    *, cashier: str | None = None, progress: xlsx.Progress | None = None,
                    lang: str | None = None) -> int:
    """Every receipt (payments and reversals) with a business date in the range."""
    require(actor, "billing.export")
    v = val.Collector()
    first = v.check(val.parse_date, date_from, field="date_from")
    last = v.check(val.parse_date, date_to, field="date_to")
    v.raise_if_any()
    assert first is not None and last is not None
    sums: dict[str, Any] = {"count": 0, "amount": ZERO}
    methods = glossary.labels("payment_method", lang)

    def rows() -> Iterator[tuple]:
        for r in journals.payment_rows(actor, first, last, cashier):
            sums["count"] += 1
            sums["amount"] += r.amount
            yield (r.receipt_no, r.business_date, r.taken_at, r.account_no, r.name, r.address,
                   methods.get(r.method, r.method), r.reference, r.amount, r.tendered,
                   r.change, r.cashier, r.reverses, r.reason)

    def footer() -> Iterator[Sequence[Any]]:
        count = sums["count"]
        yield (glossary.pick("合计", "Total", lang), None, None,
               glossary.pick(f"{count} 笔", f"{count} receipts", lang), None, None, None, None,
               sums["amount"], None, None, None, None, None)

    total = journals.count_payments(actor, first, last, cashier) if progress is not None \
        else None
    title = glossary.pick("收款流水 ", "Payments ", lang) + f"{first:%Y%m%d}-{last:%Y%m%d}"
    return _write(actor, path, title, PAYMENT_COLUMNS, rows(), lang=lang,
                  report=glossary.pick("收款流水", "Payments journal", lang),
                  filters=[(glossary.pick("收款员", "Cashier", lang), cashier)],
                  period=_span(first, last, lang), progress=progress,
                  total=total, footer=footer(), note=cashier or "")


# ---- daily and month reports -----------------------------------------------------------

DAILY_COLUMNS: list[Column] = [
    ("序号", "No.", None, 6), ("收据号", "Receipt no.", None, 14),
    ("时间", "Time", xlsx.DATETIME, 22), ("户号", "Account no.", None, 20),
    ("户名", "Name", None, 24), ("收款方式", "Method", None, 10),
    ("金额(元)", "Amount (yuan)", xlsx.MONEY, 13), ("备注", "Note", None, 30),
]


def export_daily_report(actor: Actor, path: str | os.PathLike[str], cashier: str | None = None,
                        business_date: Any = None, *, lang: str | None = None) -> int:
    """收费日报 as a sheet: every receipt, then the totals by method and the cash to hand over."""
    from heatoffice.billing.cash_reports import daily_report
    from heatoffice.exports.pdf.daily_report import note

    require(actor, "billing.export")
    day = val.parse_date(business_date, "business_date") if business_date else clock.today()
    r = daily_report(actor, cashier or actor.username, day)
    # The notes are Chinese whatever the language, as the PDF's are.
    methods = glossary.labels("payment_method", lang)
    rows = [(i, x.receipt_no, x.taken_at, x.account_no, x.name,
             methods.get(x.method, x.method), x.amount, note(x))
            for i, x in enumerate(r.receipts, 1)]
    footer: list[Sequence[Any]] = [
        (), xlsx.HeaderRow((None, glossary.pick("收款方式", "Method", lang), None,
                            glossary.pick("笔数", "Receipts", lang), None, None,
                            glossary.pick("金额(元)", "Amount (yuan)", lang), None))]
    footer += [
        (None, methods.get(m.method, m.method), None,
         glossary.pick(f"{m.count} 笔", f"{m.count}", lang), None, None, m.amount, None)
        for m in r.methods]
    footer.append((None, glossary.pick("合计（净额）", "Net total", lang), None,
                   glossary.pick(f"{r.receipt_count} 张", f"{r.receipt_count}", lang), None,
                   None, r.total,
                   glossary.pick(f"红冲 {r.reversal_count} 笔 ", "reversals ", lang)
                   + f"{r.reversal_total}"))
    footer.append((None, glossary.pick("应交现金", "Cash to hand over", lang), None, None, None,
                   None, r.cash_to_hand_over, None))
    for lost in r.lost_by_restore:
        footer.append((None, glossary.pick("因恢复备份作废", "Lost by a restore", lang),
                       f"{lost.first} – {lost.last}",
                       glossary.pick(f"{lost.count} 张", f"{lost.count}", lang), None, None,
                       None, f"{lost.restored_at:%Y-%m-%d %H:%M}"))
    title = glossary.pick("收费日报 ", "Daily report ", lang) + f"{day:%Y-%m-%d} {r.cashier}"
    return _write(actor, path, title, DAILY_COLUMNS, rows, lang=lang,
                  report=glossary.pick("收费日报", "Daily report", lang),
                  filters=[(glossary.pick("收款员", "Cashier", lang), r.cashier)],
                  period=f"{day:%Y-%m-%d}", footer=footer)


def export_month_report(actor: Actor, path: str | os.PathLike[str], month: str, *,
                        lang: str | None = None) -> int:
    """收费月报: a row per day with the totals by method, then the totals by cashier."""
    from heatoffice.billing.cash_reports import month_report

    require(actor, "billing.export")
    r = month_report(actor, month)
    columns: list[Column] = [("日期", "Date", xlsx.DATE, 12), ("张数", "Receipts", None, 8)]
    for m in r.methods:
        zh, en = glossary.names("payment_method").get(m, (m, m))
        columns.append((f"{zh}(元)", f"{en[:1].upper()}{en[1:]} (yuan)", xlsx.MONEY, 13))
    columns += [("红冲(元)", "Reversals (yuan)", xlsx.MONEY, 13),
                ("合计(元)", "Total (yuan)", xlsx.MONEY, 14),
                ("未日结收款员", "Cashiers not closed", None, 12)]
    rows = [(d.day, d.receipt_count, *d.by_method, d.reversal_total, d.total,
             d.open_cashiers or None) for d in r.days]
    sums = [sum((d.by_method[i] for d in r.days), ZERO) for i in range(len(r.methods))]
    blank = [None] * len(r.methods)
    footer: list[Sequence[Any]] = [
        (glossary.pick("合计", "Total", lang), sum(d.receipt_count for d in r.days), *sums,
         sum((d.reversal_total for d in r.days), ZERO), sum((d.total for d in r.days), ZERO),
         None)]
    # The second table, by cashier, under a header of its own.
    footer += [(), xlsx.HeaderRow((glossary.pick("收款员", "Cashier", lang),
                                   glossary.pick("收据张数", "Receipts", lang), *blank, None,
                                   glossary.pick("实收净额(元)", "Net total (yuan)", lang),
                                   glossary.pick("其中红冲(张)", "Reversals", lang)))]
    for c in r.cashiers:
        footer.append((c.cashier, c.receipt_count, *blank, None, c.total, c.reversal_count))
    title = glossary.pick("收费月报 ", "Month report ", lang) + r.month
    return _write(actor, path, title, columns, rows, lang=lang,
                  report=glossary.pick("收费月报", "Month report", lang), period=r.month,
                  footer=footer)
