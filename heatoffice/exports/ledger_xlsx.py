"""Excel workbooks of the fee ledger: season ledger (台账), arrears list, payments journal,
daily and month reports; rows streamed from the database into heatoffice.exports.xlsx."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from heatoffice import clock, glossary
from heatoffice import validation as val
from heatoffice.accounts.models import Account, format_address
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.db.connection import database
from heatoffice.exports import xlsx
from heatoffice.seasons.models import Season

ZERO = Decimal("0.00")
BATCH = 2000

Column = tuple[str, str, str | None, float | None]  # zh, en, number format, width


def _heads(columns: Sequence[Column], lang: str | None) -> list[str]:
    return [glossary.pick(c[0], c[1], lang) for c in columns]


def _formats(columns: Sequence[Column]) -> dict[int, str]:
    return {i: c[2] for i, c in enumerate(columns) if c[2]}


def _write(actor: Actor, path: str | os.PathLike[str], title: str, columns: Sequence[Column],
           rows: Any, *, lang: str | None, progress: xlsx.Progress | None = None,
           total: int | None = None, footer: Any = (), note: str = "") -> int:
    """Write the sheet and audit the export once the file is complete."""
    count = xlsx.write_sheet(path, title, _heads(columns, lang), rows,
                             number_formats=_formats(columns), widths=[c[3] for c in columns],
                             progress=progress, total=total, footer=footer)
    with database.atomic():
        audit.record(actor, "billing.export", "bill", "*",
                     note=f"{title}: {os.fspath(path)} ({count})" + (f" {note}" if note else ""))
    return count


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# ---- season ledger (台账) -----------------------------------------------------------------

LEDGER_COLUMNS: list[Column] = [
    ("户号", "Account no.", None, 14), ("户名", "Name", None, 12),
    ("小区", "Community", None, 14), ("地址", "Address", None, 28),
    ("类别", "Category", None, 8), ("状态", "Status", None, 8),
    ("计费面积(㎡)", "Billed area (m²)", xlsx.AREA, 14),
    ("应收(元)", "Billed (yuan)", xlsx.MONEY, 13),
    ("调整(元)", "Adjusted (yuan)", xlsx.MONEY, 12), ("实收(元)", "Paid (yuan)", xlsx.MONEY, 13),
    ("欠费(元)", "Owed (yuan)", xlsx.MONEY, 13), ("开票日期", "Billed on", xlsx.DATE, 12),
]


def _season_bills(season_id: int, community: str | None) -> Any:
    q = (Bill.select(Bill.id).join(Account, on=(Bill.account == Account.id))
         .where((Bill.season == season_id) & (Bill.kind == "season")))
    if community:
        q = q.where(Account.community == community.strip())
    return q


def _bill_adjustments(season_id: int) -> dict[int, tuple[int, int]]:
    """Per bill of the season: (approved adjustments, money allocated to them), in fen.
    Adjustments are few next to bills, so the whole season's fit in one small dict."""
    bills = Bill.select(Bill.id).where(Bill.season == season_id)
    approved = Adjustment.bill.in_(bills) & (Adjustment.status == "approved")
    out: dict[int, tuple[int, int]] = {}
    for bill_id, fen in (Adjustment.select(Adjustment.bill,
                                           fn.SUM(Adjustment.amount).coerce(False))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        out[bill_id] = (int(fen or 0), 0)
    for bill_id, fen in (Allocation.select(Adjustment.bill,
                                           fn.SUM(Allocation.amount).coerce(False))
                         .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        out[bill_id] = (out.get(bill_id, (0, 0))[0], int(fen or 0))
    return out


def _hundredths(n: int) -> Decimal:
    """Stored fen (or hundredths of m²) as Decimal with two places, cheaply."""
    return Decimal(n).scaleb(-2)


def ledger_rows(season_id: int, community: str | None = None, *, lang: str | None = None,
                batch: int = BATCH, totals: list[Decimal] | None = None) -> Iterator[tuple]:
    """The season's bills by account number, ``batch`` accounts at a time.

    Each batch is the next ``batch`` account numbers after the last one seen (an index range
    on both backends, never an OFFSET) and their bills, looked up by the (account, season)
    index through a subquery, so the planner never sorts the whole season per batch. Rows
    come straight from the cursor: at 100,000 bills the ORM's per-row work would cost as much
    as writing the sheet. ``totals`` (a list of four zeros) receives the sums of billed,
    adjusted, paid and owed.
    """
    cats = glossary.labels("account_category", lang)
    stats = glossary.labels("account_status", lang)
    adjustments = _bill_adjustments(season_id)
    accounts = Account.select(Account.account_no).order_by(Account.account_no).limit(batch)
    if community:
        accounts = accounts.where(Account.community == community.strip())
    zero = ZERO
    last: str | None = None
    while True:
        page = accounts if last is None else accounts.where(Account.account_no > last)
        numbers = [n for (n,) in database.execute(page).fetchall()]
        if not numbers:
            return
        ids = page.select(Account.id)
        bills = (Bill.select(Account.account_no, Bill.id, Account.name, Account.community,
                             Account.building, Account.unit, Account.room, Account.category,
                             Account.status, Bill.area, Bill.total, Bill.paid,
                             Bill.business_date)
                 .join(Account, on=(Bill.account == Account.id))
                 .where((Bill.season == season_id) & (Bill.kind == "season")
                        & Account.id.in_(ids))
                 .order_by(Account.account_no))
        for (no, bill_id, name, comm, bld, unit, room, cat, status, area, total, paid,
             day) in database.execute(bills).fetchall():
            found = adjustments.get(bill_id)
            total_y, paid_y = _hundredths(total), _hundredths(paid)
            if found is None:  # most bills: no adjustment
                adj = zero
            else:
                adj, paid_y = _hundredths(found[0]), paid_y + _hundredths(found[1])
            figures = (total_y, adj, paid_y, total_y + adj - paid_y)
            if totals is not None:
                for i, value in enumerate(figures):
                    totals[i] += value
            yield (no, name, comm, format_address(comm, bld, unit, room), cats.get(cat, cat),
                   stats.get(status, status), _hundredths(area), *figures, _date(day))
        if len(numbers) < batch:
            return
        last = numbers[-1]


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
    total = _season_bills(season_id, community).count() if progress is not None else None
    return _write(actor, path, title, LEDGER_COLUMNS,
                  ledger_rows(season_id, community, lang=lang, totals=totals), lang=lang,
                  progress=progress, total=total, footer=footer)


def _footer(make: Any) -> Iterator[Sequence[Any]]:
    """Footer rows built only once the data rows have been written (their totals known)."""
    yield from make()


# ---- arrears list (欠费清单) ---------------------------------------------------------------

ARREARS_COLUMNS: list[Column] = [
    ("户号", "Account no.", None, 14), ("户名", "Name", None, 12),
    ("地址", "Address", None, 28), ("类别", "Category", None, 8),
    ("电话", "Phone", None, 14), ("供热面积(㎡)", "Area (m²)", xlsx.AREA, 13),
    ("状态", "Status", None, 8), ("欠费(元)", "Owed (yuan)", xlsx.MONEY, 13),
    ("滞纳金(元)", "Late fees (yuan)", xlsx.MONEY, 13),
    ("合计(元)", "Total (yuan)", xlsx.MONEY, 13),
    ("最早欠费采暖季", "Oldest unpaid season", None, 14), ("账龄", "Age", None, 10),
]


def export_arrears(actor: Actor, path: str | os.PathLike[str], *,
                   community: str | None = None, building: str | None = None,
                   category: str | None = None, collector_staff_id: int | None = None,
                   age: str | None = None, on: Any = None,
                   progress: xlsx.Progress | None = None, lang: str | None = None) -> int:
    """The arrears list with the same filters as on screen, a page of rows at a time."""
    from heatoffice.billing.arrears import arrears_list

    require(actor, "billing.export")
    filters = {"community": community, "building": building, "category": category,
               "collector_staff_id": collector_staff_id, "age": age, "on": on}
    first = arrears_list(actor, limit=BATCH, offset=0, **filters)
    totals = first.totals

    def rows() -> Iterator[tuple]:
        page, offset = first, 0
        while page.rows:
            for r in page.rows:
                yield (r.account_no, r.name, r.address, r.label("category", lang), r.phone,
                       r.area, r.label("status", lang), r.owed, r.late_fees,
                       r.owed + r.late_fees, r.oldest_season, r.label("age", lang))
            if len(page.rows) < BATCH:
                return
            offset += BATCH
            page = arrears_list(actor, limit=BATCH, offset=offset, **filters)

    def footer() -> Iterator[Sequence[Any]]:
        yield (glossary.pick("合计", "Total", lang),
               glossary.pick(f"{totals.count} 户", f"{totals.count} accounts", lang),
               None, None, None, None, None, totals.owed, totals.late_fees,
               totals.owed + totals.late_fees, None, None)

    title = glossary.pick("欠费清单", "Arrears", lang)
    note = " ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, ""))
    return _write(actor, path, title, ARREARS_COLUMNS, rows(), lang=lang, progress=progress,
                  total=totals.count, footer=footer(), note=note)


# ---- payments journal (收款流水) -----------------------------------------------------------

PAYMENT_COLUMNS: list[Column] = [
    ("收据号", "Receipt no.", None, 14), ("收费日期", "Business date", xlsx.DATE, 12),
    ("收款时间", "Taken at", xlsx.DATETIME, 19), ("户号", "Account no.", None, 14),
    ("户名", "Name", None, 12), ("地址", "Address", None, 28),
    ("收款方式", "Method", None, 10), ("金额(元)", "Amount (yuan)", xlsx.MONEY, 13),
    ("实收现金(元)", "Tendered (yuan)", xlsx.MONEY, 13),
    ("找零(元)", "Change (yuan)", xlsx.MONEY, 11),
    ("收款员", "Cashier", None, 10), ("红冲原收据", "Reverses", None, 14),
    ("原因", "Reason", None, 24),
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
    where = (Payment.business_date >= first) & (Payment.business_date <= last)
    if cashier:
        where &= Payment.cashier == cashier
    original = Payment.alias()
    sums = {"count": 0, "amount": ZERO}
    methods = glossary.labels("payment_method", lang)

    def rows() -> Iterator[tuple]:
        last_id = 0
        while True:
            batch = list(
                Payment.select(Payment.id, Payment.receipt_no, Payment.business_date,
                               Payment.taken_at, Account.account_no, Account.name,
                               Account.community, Account.building, Account.unit, Account.room,
                               Payment.method, Payment.amount, Payment.tendered, Payment.change,
                               Payment.cashier, original.receipt_no, Payment.reason)
                .join(Account, on=(Payment.account == Account.id))
                .switch(Payment)
                .join(original, JOIN.LEFT_OUTER, on=(Payment.reverses == original.id))
                .where(where & (Payment.id > last_id)).order_by(Payment.id).limit(BATCH)
                .tuples())
            if not batch:
                return
            for (_, no, day, at, account_no, name, comm, bld, unit, room, method, amount,
                 tendered, change, who, reverses, reason) in batch:
                sums["count"] += 1
                sums["amount"] += amount
                yield (no, _date(day), at, account_no, name, format_address(comm, bld, unit, room),
                       methods.get(method, method), amount, tendered, change, who,
                       reverses or "", reason)
            last_id = batch[-1][0]

    def footer() -> Iterator[Sequence[Any]]:
        count = sums["count"]
        yield (glossary.pick("合计", "Total", lang), None, None,
               glossary.pick(f"{count} 笔", f"{count} receipts", lang), None, None, None,
               sums["amount"], None, None, None, None, None)

    total = Payment.select().where(where).count() if progress is not None else None
    title = glossary.pick("收款流水 ", "Payments ", lang) + f"{first:%Y%m%d}-{last:%Y%m%d}"
    return _write(actor, path, title, PAYMENT_COLUMNS, rows(), lang=lang, progress=progress,
                  total=total, footer=footer(), note=cashier or "")


# ---- daily and month reports -----------------------------------------------------------

DAILY_COLUMNS: list[Column] = [
    ("序号", "No.", None, 6), ("收据号", "Receipt no.", None, 14),
    ("时间", "Time", xlsx.DATETIME, 19), ("户号", "Account no.", None, 14),
    ("户名", "Name", None, 12), ("收款方式", "Method", None, 10),
    ("金额(元)", "Amount (yuan)", xlsx.MONEY, 13), ("备注", "Note", None, 24),
]


def export_daily_report(actor: Actor, path: str | os.PathLike[str], cashier: str | None = None,
                        business_date: Any = None, *, lang: str | None = None) -> int:
    """收费日报 as a sheet: every receipt, then the totals by method and the cash to hand over."""
    from heatoffice.exports.documents import daily_report_for

    require(actor, "billing.export")
    day = val.parse_date(business_date, "business_date") if business_date else clock.today()
    r = daily_report_for(cashier or actor.username, day)
    rows = [(i, x.receipt_no, x.taken_at, x.account_no, x.name, x.method, x.amount, x.note)
            for i, x in enumerate(r.receipts, 1)]
    footer: list[Sequence[Any]] = [
        (None, m.label, None, glossary.pick(f"{m.count} 笔", f"{m.count}", lang), None, None,
         m.amount, None) for m in r.methods]
    footer.append((None, glossary.pick("合计（净额）", "Net total", lang), None,
                   glossary.pick(f"{r.receipt_count} 张", f"{r.receipt_count}", lang), None,
                   None, r.total,
                   glossary.pick(f"红冲 {r.reversal_count} 笔 ", "reversals ", lang)
                   + f"{r.reversal_total}"))
    footer.append((None, glossary.pick("应交现金", "Cash to hand over", lang), None, None, None,
                   None, r.cash_to_hand_over, None))
    title = glossary.pick("收费日报 ", "Daily report ", lang) + f"{day:%Y-%m-%d} {r.cashier}"
    return _write(actor, path, title, DAILY_COLUMNS, rows, lang=lang, footer=footer)


def export_month_report(actor: Actor, path: str | os.PathLike[str], month: str, *,
                        lang: str | None = None) -> int:
    """收费月报: a row per day with the totals by method, then the totals by cashier."""
    from heatoffice.exports.documents import month_report_for

    require(actor, "billing.export")
    r = month_report_for(month)
    columns: list[Column] = [("日期", "Date", xlsx.DATE, 12), ("张数", "Receipts", None, 8)]
    columns += [(f"{m}(元)", f"{m} (yuan)", xlsx.MONEY, 13) for m in r.methods]
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
    for c in r.cashiers:
        footer.append((c.cashier, c.receipt_count, *blank,
                       None, c.total, None))
    title = glossary.pick("收费月报 ", "Month report ", lang) + r.month
    return _write(actor, path, title, columns, rows, lang=lang, footer=footer)
