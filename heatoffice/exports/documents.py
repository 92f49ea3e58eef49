"""The print_* entry points the CLI and the UI call: each asks the billing area for a
document's data (which checks the permission) and hands it to a writer in
heatoffice.exports.pdf."""

from __future__ import annotations

import datetime as dt
from typing import Any

from heatoffice import clock, config
from heatoffice.auth.actor import Actor
from heatoffice.exports.pdf.layout import Company, Progress, Target


def company() -> Company:
    """The letterhead from the settings: name, service phone, address and bank account; on a
    demo database the watermark 演示 that every page then carries."""
    return Company(config.company_name(), config.get("hotline"), config.get("company_address"),
                   config.get("bank_name"), config.get("bank_account"),
                   watermark="演示" if config.is_demo() else "")


def print_notices(actor: Actor, target: Target, season_id: int, community: str | None = None,
                  *, size: str = "A5", progress: Progress | None = None,
                  include_settled: bool = False) -> int:
    """缴费通知单 of a season (a community's batch, or every bill) for the accounts that owe
    (every account with ``include_settled``); returns the count."""
    from heatoffice.billing.notices import count_notices, notices
    from heatoffice.exports.pdf.notice import render_notices

    batch = notices(actor, season_id, community, include_settled=include_settled)
    total = (count_notices(actor, season_id, community, include_settled=include_settled)
             if progress is not None else None)
    return render_notices(target, batch, company=company(), size=size, progress=progress,
                          total=total)


def print_receipt(actor: Actor, target: Target, receipt_no: str, *, size: str = "A5") -> bool:
    """Print a receipt and log the printing; every printing after the first is a 副本.

    The printing is logged only after the file was written, so a receipt whose file could not
    be written is not a copy when it is printed again. Returns whether this printing was a
    copy.
    """
    from heatoffice.auth.permissions import require
    from heatoffice.billing.payments import get_payment, receipt_of
    from heatoffice.billing.statement import printed_before, record_print
    from heatoffice.exports.pdf.receipt import render_receipt

    require(actor, "payments.take")
    payment = get_payment(receipt_no)
    copy = printed_before(payment)
    render_receipt(target, receipt_of(actor, payment, copy=copy), company=company(),
                   size=size)
    return record_print(actor, payment).copy


def print_dunning(actor: Actor, target: Target, *, community: str | None = None,
                  account_ids: list[int] | None = None, on: Any = None,
                  pay_by: dt.date | None = None, size: str = "A5",
                  progress: Progress | None = None) -> int:
    """Polite dunning notices, one per account that owes; returns the count."""
    from heatoffice.billing.dunning import dunning_notices
    from heatoffice.exports.pdf.dunning import render_dunning_notices

    notices = dunning_notices(actor, community=community, account_ids=account_ids, on=on,
                              pay_by=pay_by)
    return render_dunning_notices(target, notices, company=company(), size=size,
                                  progress=progress, total=len(notices))


def print_recheck_sheets(actor: Actor, target: Target, season_id: int, *,
                         community: str | None = None, staff_id: int | None = None,
                         on: Any = None, size: str = "A4") -> int:
    """Recheck sheets for a community or a collector's round; returns the pages."""
    from heatoffice.billing.recheck import recheck_sheets
    from heatoffice.exports.pdf.recheck_sheet import render_recheck_sheets

    sheets = recheck_sheets(actor, season_id, community=community, staff_id=staff_id, on=on)
    return render_recheck_sheets(target, sheets, company=company(), size=size)


def print_round_sheet(actor: Actor, staff_id: int, target: Target, *, on: Any = None,
                      progress: Progress | None = None, size: str = "A4") -> int:
    """The collector's round sheet (permission arrears.view); returns the accounts on it."""
    from heatoffice.billing.dunning import round_sheet_of
    from heatoffice.exports.pdf.round_sheet import render_round_sheet

    sheet = round_sheet_of(actor, staff_id, on)
    render_round_sheet(target, sheet, company=company(), progress=progress, size=size)
    return len(sheet.rows)


def print_daily_report(actor: Actor, target: Target, cashier: str | None = None,
                       business_date: dt.date | None = None, *, size: str = "A4") -> int:
    """收费日报 of ``cashier`` (the actor by default) on ``business_date`` (today)."""
    from heatoffice.billing.cash_reports import daily_report
    from heatoffice.exports.pdf.daily_report import render_daily_report

    report = daily_report(actor, cashier or actor.username, business_date or clock.today())
    return render_daily_report(target, report, company=company(), size=size)


def print_month_report(actor: Actor, target: Target, month: str, *, size: str = "A4") -> int:
    """收费月报 of ``month`` ("2026-11"); returns the number of pages."""
    from heatoffice.billing.cash_reports import month_report
    from heatoffice.exports.pdf.daily_report import render_month_report

    return render_month_report(target, month_report(actor, month), company=company(),
                               size=size)


def print_statement(actor: Actor, target: Target, account: int | str, *,
                    season: int | str | None = None, date_from: Any = None,
                    date_to: Any = None, size: str = "A4") -> int:
    """对账单 of one account (id or number) for a season or a date range; returns the pages."""
    from heatoffice.billing.account_statement import account_statement
    from heatoffice.exports.pdf.statement import render_statement

    statement = account_statement(actor, account, season=season, date_from=date_from,
                                  date_to=date_to)
    return render_statement(target, statement, company=company(), size=size)


def print_account_notice(actor: Actor, target: Target, account_id: int, season_id: int, *,
                         size: str = "A5") -> int:
    """One account's 缴费通知单 of a season, as printed at the desk on request."""
    from heatoffice.billing.notices import notice_for_account
    from heatoffice.exports.pdf.notice import render_notices

    return render_notices(target, [notice_for_account(actor, account_id, season_id)],
                          company=company(), size=size)


def print_measurement(actor: Actor, target: Target, number: str | None, *,
                      blank: str | None = None) -> int:
    """A measurement record's sheet, or a blank one for ``blank`` (an account number)."""
    from heatoffice.exports.pdf.measurement_sheet import render_measurement_sheet
    from heatoffice.measurements import queries, service

    sheet = queries.blank_sheet(actor, blank) if blank else queries.sheet(actor, number or "")
    pages = render_measurement_sheet(target, sheet, company=company())
    service.note_printed(actor, sheet.number, sheet.account_no)
    return pages


def print_acceptance(actor: Actor, target: Target, number: str) -> int:
    """受理回执 of an application: what was received and returned, what happens next."""
    from heatoffice.exports.pdf.application import render
    from heatoffice.reception.documents import acceptance_of

    return render(target, acceptance_of(actor, number), company=company())


def print_review(actor: Actor, target: Target, number: str) -> int:
    """审批表 of an application: its whole trail with signature lines."""
    from heatoffice.exports.pdf.application import render
    from heatoffice.reception.documents import review_of

    return render(target, review_of(actor, number), company=company())


def print_handover(actor: Actor, target: Target, number: str) -> int:
    """交接单 of an application: the documents handed back, signed by both."""
    from heatoffice.exports.pdf.application import render
    from heatoffice.reception.documents import handover_of

    return render(target, handover_of(actor, number), company=company())


def print_reply_letter(actor: Actor, target: Target, number: str) -> int:
    """投诉答复函 of a complaint with a decision or a reply; returns the pages."""
    from heatoffice.exports.pdf.reply_letter import render_reply_letter
    from heatoffice.service.case_documents import reply_letter_of

    return render_reply_letter(target, reply_letter_of(actor, number), company=company())
