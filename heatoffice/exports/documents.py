"""The printed documents' data, read from the database, and the print_* entry points the CLI
and the UI call: each loads plain data and hands it to a writer in heatoffice.exports.pdf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, fn

from heatoffice import clock, config, glossary
from heatoffice.accounts.models import Account, format_address
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.permissions import require
from heatoffice.billing.models import (
    PAYMENT_METHODS,
    AccountBalance,
    Adjustment,
    Allocation,
    Bill,
    BillLine,
    DayClose,
    MonthClose,
    Payment,
)
from heatoffice.exports.pdf.daily_report import (
    CashierTotal,
    DailyReport,
    MethodTotal,
    MonthDay,
    MonthReport,
    ReportReceipt,
)
from heatoffice.exports.pdf.dunning import DunningData, dunning_from_mapping
from heatoffice.exports.pdf.layout import Company, Progress, Target
from heatoffice.exports.pdf.notice import NoticeData, NoticeLine
from heatoffice.exports.pdf.receipt import ReceiptData, receipt_from_mapping
from heatoffice.exports.pdf.recheck_sheet import RecheckLine, RecheckSheet
from heatoffice.exports.pdf.round_sheet import RoundLine, RoundSheetData
from heatoffice.money import from_fen
from heatoffice.seasons.models import Season, Tariff

ZERO = Decimal("0.00")
BATCH = 1000


def _printed(group: str, code: str) -> str:
    """A term as the printed forms name it: they are Chinese whatever the desk's language."""
    return glossary.label(group, code, "zh")


def company() -> Company:
    """The letterhead from the settings: company name and hotline."""
    return Company(config.company_name(), config.get("hotline"))


def _percent(rate: Decimal) -> str:
    return f"{rate * 100:f}".rstrip("0").rstrip(".") + "%"


def _display_names(usernames: Sequence[str]) -> dict[str, str]:
    names = {u: u for u in usernames}
    if usernames:
        for username, shown in (User.select(User.username, User.display_name)
                                .where(User.username.in_(list(set(usernames)))).tuples()):
            names[username] = shown or username
    return names


# ---- payment notices (缴费通知单) -------------------------------------------------------

def _notice_bills(season_id: int, community: str | None) -> Any:
    q = (Bill.select(Bill.id).join(Account, on=(Bill.account == Account.id))
         .where((Bill.season == season_id) & (Bill.kind == "season")))
    if community:
        q = q.where(Account.community == community.strip())
    return q


def count_notices(season_id: int, community: str | None = None) -> int:
    return _notice_bills(season_id, community).count()


def notices_for(season_id: int, community: str | None = None, *,
                batch: int = BATCH) -> Iterator[NoticeData]:
    """The season's notices in address order, read ``batch`` bills at a time.

    Only the ordered bill ids are held in memory; each batch is three queries (bills with
    their account, tariff and balance; lines; adjustments attached to the bills), so 10,000
    notices stream without ever loading the season whole.
    """
    from heatoffice.billing.arrears import address_order

    season = Season.get_by_id(season_id)
    hotline = config.get("hotline")
    ids = [i for (i,) in _notice_bills(season_id, community).order_by(*address_order())
           .tuples()]
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        yield from _notice_batch(chunk, season, hotline)


def _notice_batch(ids: list[int], season: Season, hotline: str) -> Iterator[NoticeData]:
    rows = {r[0]: r for r in (
        Bill.select(Bill.id, Bill.area, Bill.total, Bill.paid, Bill.business_date,
                    Account.account_no, Account.name, Account.community, Account.building,
                    Account.unit, Account.room, Account.category, Account.status,
                    Account.connected_on, AccountBalance.balance, Tariff.late_fee_from,
                    Tariff.late_fee_rate, Tariff.discount_until, Tariff.discount_rate)
        .join(Account, on=(Bill.account == Account.id))
        .join(AccountBalance, JOIN.LEFT_OUTER, on=(AccountBalance.account == Account.id))
        .switch(Bill).join(Tariff, JOIN.LEFT_OUTER, on=(Bill.tariff == Tariff.id))
        .where(Bill.id.in_(ids)).tuples())}
    lines: dict[int, list[NoticeLine]] = {}
    for bill_id, desc, qty, price, share, days, amount in (
            BillLine.select(BillLine.bill, BillLine.description, BillLine.quantity,
                            BillLine.unit_price, BillLine.share, BillLine.days, BillLine.amount)
            .where(BillLine.bill.in_(ids)).order_by(BillLine.bill, BillLine.seq).tuples()):
        detail = f"{days}天" if days else (_percent(share) if share is not None else "")
        lines.setdefault(bill_id, []).append(NoticeLine(desc, qty, price, amount, detail))
    # What approved adjustments on a bill (late fees, credits, discounts) still add to it.
    adjusted: dict[int, Decimal] = {}
    for bill_id, fen in (Adjustment.select(Adjustment.bill,
                                           fn.SUM(Adjustment.amount).coerce(False))
                         .where(Adjustment.bill.in_(ids) & (Adjustment.status == "approved"))
                         .group_by(Adjustment.bill).tuples()):
        adjusted[bill_id] = from_fen(int(fen or 0))
    for bill_id, fen in (Allocation.select(Adjustment.bill,
                                           fn.SUM(Allocation.amount).coerce(False))
                         .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
                         .where(Adjustment.bill.in_(ids) & (Adjustment.status == "approved"))
                         .group_by(Adjustment.bill).tuples()):
        adjusted[bill_id] = adjusted.get(bill_id, ZERO) - from_fen(int(fen or 0))
    for bill_id in ids:
        (_, area, total, paid, issued, account_no, name, comm, bld, unit, room, category,
         status, connected_on, balance, late_from, late_rate, disc_until, disc_rate) = rows[bill_id]
        adj = adjusted.get(bill_id, ZERO)
        open_on_bill = total - paid + adj
        start = season.start_date
        if connected_on is not None and season.start_date < connected_on <= season.end_date:
            start = connected_on
        yield NoticeData(
            account_no=account_no, name=name, address=format_address(comm, bld, unit, room),
            area=area, category=_printed("account_category", category), season=season.name,
            lines=tuple(lines.get(bill_id, ())), total=total, paid=paid, adjusted=adj,
            previous_arrears=(balance if balance is not None else open_on_bill) - open_on_bill,
            status=_printed("account_status", status),
            period=f"{start:%Y-%m-%d} 至 {season.end_date:%Y-%m-%d}",
            due_date=late_from, late_fee_rate=late_rate or ZERO,
            discount_until=disc_until, discount_rate=disc_rate or ZERO,
            issued=issued, hotline=hotline)


def notice_for_account(account_id: int, season_id: int) -> NoticeData:
    """The notice of one account's season bill (printed at the window on request)."""
    bill = Bill.get((Bill.account == account_id) & (Bill.season == season_id)
                    & (Bill.kind == "season"))
    return next(_notice_batch([bill.id], Season.get_by_id(season_id), config.get("hotline")))


def print_notices(actor: Actor, target: Target, season_id: int, community: str | None = None,
                  *, size: str = "A5", progress: Progress | None = None) -> int:
    """缴费通知单 of a season (a community's batch, or every bill); returns the count."""
    from heatoffice.exports.pdf.notice import render_notices

    require(actor, "billing.view")
    total = count_notices(season_id, community) if progress is not None else None
    return render_notices(target, notices_for(season_id, community), company=company(),
                          size=size, progress=progress, total=total)


# ---- receipts (收据) ----------------------------------------------------------------------

def receipt_for(payment: Payment, *, copy: bool) -> ReceiptData:
    from heatoffice.billing.payments import receipt_data

    data = receipt_from_mapping(receipt_data(payment, copy=copy, lang="zh"), copy=copy)
    account = Account.get_by_id(payment.account_id)
    return _with(data, category=_printed("account_category", account.category),
                 hotline=config.get("hotline"))


def _with(data: ReceiptData, **changes: Any) -> ReceiptData:
    import dataclasses

    return dataclasses.replace(data, **changes)


def print_receipt(actor: Actor, target: Target, receipt_no: str, *, size: str = "A5") -> bool:
    """Print a receipt and log the printing; every printing after the first is a 副本.

    Returns whether this printing was a copy.
    """
    from heatoffice.billing.payments import get_payment, record_print
    from heatoffice.exports.pdf.receipt import render_receipt

    payment = get_payment(receipt_no)
    printed = record_print(actor, payment)
    render_receipt(target, receipt_for(payment, copy=printed.copy), company=company(),
                   size=size)
    return printed.copy


# ---- dunning notices (催缴通知单) ----------------------------------------------------------

def dunning_for(actor: Actor, *, community: str | None = None,
                account_ids: list[int] | None = None, on: Any = None,
                pay_by: dt.date | None = None) -> list[DunningData]:
    from heatoffice.billing.dunning import notices_data

    return [dunning_from_mapping(d, pay_by=pay_by)
            for d in notices_data(actor, community=community, account_ids=account_ids, on=on)]


def print_dunning(actor: Actor, target: Target, *, community: str | None = None,
                  account_ids: list[int] | None = None, on: Any = None,
                  pay_by: dt.date | None = None, size: str = "A5",
                  progress: Progress | None = None) -> int:
    """Polite dunning notices, one per account that owes; returns the count."""
    from heatoffice.exports.pdf.dunning import render_dunning_notices

    notices = dunning_for(actor, community=community, account_ids=account_ids, on=on,
                          pay_by=pay_by)
    return render_dunning_notices(target, notices, company=company(), size=size,
                                  progress=progress, total=len(notices))


# ---- recheck sheets (现场复核单) -----------------------------------------------------------

def recheck_sheets_for(actor: Actor, season_id: int, *, community: str | None = None,
                       staff_id: int | None = None, on: Any = None) -> list[RecheckSheet]:
    """One sheet per community, or one for a collector's whole round."""
    from heatoffice.billing.recheck import recheck_rows
    from heatoffice.org.models import Staff

    rows = recheck_rows(actor, season_id=season_id, community=community, staff_id=staff_id,
                        on=on)
    season = Season.get_by_id(season_id).name
    today = clock.today()
    checker = ""
    if staff_id is not None:
        staff = Staff.get_or_none(Staff.id == staff_id)
        checker = staff.name if staff is not None else ""
    communities = dict(Account.select(Account.id, Account.community)
                       .where(Account.id.in_([r.account_id for r in rows])).tuples()) \
        if rows else {}
    groups: dict[str, list[RecheckLine]] = {}
    for r in rows:
        # A collector's round is one sheet; otherwise one sheet per community.
        key = "" if staff_id is not None else communities.get(r.account_id, "")
        groups.setdefault(key, []).append(RecheckLine(
            r.account_no, r.name, r.address, r.billed_area,
            _printed("account_status", r.billed_status), r.amount))
    if staff_id is not None:
        scope = f"{community + '，' if community else ''}收费员 {checker} 的片区"
        return [RecheckSheet(scope, season, groups.get("", []), checker, today)]
    return [RecheckSheet(scope, season, lines, "", today) for scope, lines in groups.items()]


def print_recheck_sheets(actor: Actor, target: Target, season_id: int, *,
                         community: str | None = None, staff_id: int | None = None,
                         on: Any = None) -> int:
    """Recheck sheets for a community or a collector's round; returns the pages."""
    from heatoffice.exports.pdf.recheck_sheet import render_recheck_sheets

    sheets = recheck_sheets_for(actor, season_id, community=community, staff_id=staff_id,
                                on=on)
    return render_recheck_sheets(target, sheets, company=company())


# ---- the collector's round sheet (收费员走访催缴单) ------------------------------------------

def round_sheet_for(actor: Actor, staff_id: int, on: Any = None) -> RoundSheetData:
    """The round of ``staff_id`` on ``on`` (today): who owes, the last contact, the promise."""
    from heatoffice import validation as val
    from heatoffice.billing.arrears import collector_area_names
    from heatoffice.billing.dunning import round_sheet
    from heatoffice.org.models import Staff

    on = val.parse_date(on, "on") if on is not None else clock.today()
    rows = round_sheet(actor, staff_id, on)
    staff = Staff.get_by_id(staff_id)
    lines = []
    for r in rows:
        a, c = r.arrears, r.last_contact
        lines.append(RoundLine(
            a.account_no, a.name, a.address, a.phone, a.owed, a.late_fees,
            contact_date=c.at.date() if c is not None else None,
            contact_method=_printed("dunning_method", c.method) if c is not None else "",
            contact_result=c.result if c is not None else "", promised_date=r.promised_date))
    return RoundSheetData(f"{staff.name}（{staff.staff_no}）", on, lines,
                          "、".join(collector_area_names(staff_id, on)), clock.now())


def print_round_sheet(actor: Actor, staff_id: int, target: Target, *, on: Any = None,
                      progress: Progress | None = None) -> int:
    """The collector's round sheet (permission arrears.view); returns the accounts on it."""
    from heatoffice.exports.pdf.round_sheet import render_round_sheet

    sheet = round_sheet_for(actor, staff_id, on)
    render_round_sheet(target, sheet, company=company(), progress=progress)
    return len(sheet.rows)


# ---- daily and month reports (收费日报, 月报) ----------------------------------------------

def daily_report_for(cashier: str, business_date: dt.date) -> DailyReport:
    from heatoffice.billing.closing import day_summary

    s = day_summary(cashier, business_date)
    rows = list(Payment.select(Payment.id, Payment.receipt_no, Payment.taken_at,
                               Account.account_no, Account.name, Payment.method,
                               Payment.amount, Payment.reverses)
                .join(Account, on=(Payment.account == Account.id))
                .where((Payment.cashier == cashier) & (Payment.business_date == business_date))
                .order_by(Payment.receipt_year, Payment.receipt_seq).tuples())
    ids = [r[0] for r in rows]
    originals = dict(Payment.select(Payment.id, Payment.receipt_no)
                     .where(Payment.id.in_([r[7] for r in rows if r[7]])).tuples()) if rows else {}
    reversed_by = dict(Payment.select(Payment.reverses, Payment.receipt_no)
                       .where(Payment.reverses.in_(ids)).tuples()) if ids else {}
    counts: dict[str, int] = {}
    receipts = []
    for pid, no, at, account_no, name, method, amount, reverses in rows:
        counts[method] = counts.get(method, 0) + 1
        note = (f"红冲 {originals.get(reverses, '')}" if reverses
                else (f"已被 {reversed_by[pid]} 红冲" if pid in reversed_by else ""))
        receipts.append(ReportReceipt(no, at, account_no, name, _printed("payment_method", method),
                                      amount, note))
    methods = [MethodTotal(_printed("payment_method", m), counts.get(m, 0), amount)
               for m, amount in s.totals_by_method.items()]
    names = _display_names([cashier] + ([s.closed.closed_by] if s.closed else []))
    return DailyReport(
        business_date=business_date, cashier=names[cashier], methods=methods,
        receipts=receipts, receipt_count=s.receipt_count, payment_count=s.payment_count,
        reversal_count=s.reversal_count, first_receipt=s.first_receipt,
        last_receipt=s.last_receipt, gross_total=s.gross_total,
        reversal_total=s.reversal_total, total=s.total,
        cash_to_hand_over=s.cash_to_hand_over,
        closed_at=s.closed.closed_at if s.closed else None,
        closed_by=names[s.closed.closed_by] if s.closed else "", printed_at=clock.now())


def print_daily_report(actor: Actor, target: Target, cashier: str | None = None,
                       business_date: dt.date | None = None) -> int:
    """收费日报 of ``cashier`` (the actor by default) on ``business_date`` (today)."""
    from heatoffice.exports.pdf.daily_report import render_daily_report

    require(actor, "billing.view")
    report = daily_report_for(cashier or actor.username, business_date or clock.today())
    return render_daily_report(target, report, company=company())


def month_report_for(month: str) -> MonthReport:
    from heatoffice.billing.closing import month_bounds

    first, last = month_bounds(month)
    in_month = (Payment.business_date >= first) & (Payment.business_date <= last)
    per_day: dict[dt.date, dict[str, Any]] = {}
    used: set[str] = set()
    day_cashiers: dict[dt.date, set[str]] = {}
    negative = Case(None, [(Payment.amount < 0, Payment.amount)], 0)
    for day, method, cashier, count, fen, rev_fen in (
            Payment.select(Payment.business_date, Payment.method, Payment.cashier,
                           fn.COUNT(Payment.id), fn.SUM(Payment.amount).coerce(False),
                           fn.SUM(negative).coerce(False))
            .where(in_month).group_by(Payment.business_date, Payment.method, Payment.cashier)
            .tuples()):
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        d = per_day.setdefault(day, {"count": 0, "methods": {}, "rev": 0, "total": 0})
        d["count"] += count
        d["methods"][method] = d["methods"].get(method, 0) + int(fen or 0)
        d["rev"] += int(rev_fen or 0)
        d["total"] += int(fen or 0)
        used.add(method)
        day_cashiers.setdefault(day, set()).add(cashier)
    closed = {(c, d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)))
              for c, d in DayClose.select(DayClose.cashier, DayClose.business_date)
              .where((DayClose.business_date >= first) & (DayClose.business_date <= last))
              .tuples()}
    methods = [m for m in PAYMENT_METHODS if m in used] or ["cash"]
    days = [MonthDay(day, d["count"], [from_fen(d["methods"].get(m, 0)) for m in methods],
                     from_fen(d["rev"]), from_fen(d["total"]),
                     sum(1 for c in day_cashiers[day] if (c, day) not in closed))
            for day, d in sorted(per_day.items())]
    cashiers = []
    reversal = Case(None, [(Payment.amount < 0, 1)], 0)
    by_cashier = (Payment.select(Payment.cashier, fn.COUNT(Payment.id), fn.SUM(reversal),
                                 fn.SUM(Payment.amount).coerce(False))
                  .where(in_month).group_by(Payment.cashier).order_by(Payment.cashier).tuples())
    rows = list(by_cashier)
    names = _display_names([r[0] for r in rows])
    for cashier, count, reversals, fen in rows:
        cashiers.append(CashierTotal(names[cashier], count, int(reversals or 0),
                                     from_fen(int(fen or 0))))
    mc = MonthClose.get_or_none(MonthClose.month == month.strip())
    closer = _display_names([mc.closed_by])[mc.closed_by] if mc else ""
    return MonthReport(month.strip(), [_printed("payment_method", m) for m in methods], days,
                       cashiers, mc.closed_at if mc else None, closer, clock.now())


def print_month_report(actor: Actor, target: Target, month: str) -> int:
    from heatoffice.exports.pdf.daily_report import render_month_report

    require(actor, "billing.view")
    return render_month_report(target, month_report_for(month), company=company())
