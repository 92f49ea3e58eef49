"""The cashier's window: take a payment (oldest debt first, late fees and early-payment
discounts by rule, a gap-free receipt number) and reverse one (红冲) with a new negative receipt.

owed, statement, receipt_of and record_print live in heatoffice.billing.statement and are
re-exported here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice import clock, config
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing import closing, ledger, receipts
from heatoffice.billing.models import PAYMENT_METHODS, Adjustment, Allocation, Bill, Payment
from heatoffice.billing.position import (
    Application,
    Debt,
    Position,
    Source,
    compute,
    discount_reason,
    load_locked,
    settle,
)
from heatoffice.billing.statement import (  # noqa: F401  (the agreed payments API)
    Owed,
    owed,
    receipt_of,
    record_print,
    statement,
)
from heatoffice.db import chain
from heatoffice.db.batch import Batch
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import ZERO, parse_money, to_fen

SYSTEM = "system"


def _validate(amount, method: str, tendered) -> tuple[Decimal, str, Decimal | None,
                                                       Decimal | None]:
    limit = config.max_amount()
    value = parse_money(amount, field="amount", maximum=limit)
    if value <= 0:
        raise UserError("billing.amount_not_positive", field="amount", value=amount)
    method = val.choice(method or "", PAYMENT_METHODS, field="method")
    if method != "cash":
        if tendered not in (None, ""):
            raise UserError("billing.tendered_not_cash", field="tendered")
        return value, method, None, None
    if tendered in (None, ""):
        return value, method, value, ZERO  # exact money handed over
    given = parse_money(tendered, field="tendered", maximum=limit)
    if given < value:
        raise UserError("billing.tendered_short", field="tendered", amount=str(value),
                        tendered=str(given))
    return value, method, given, given - value


_SQL: dict[tuple, str] = {}


def _insert_sql(model, columns: tuple[str, ...], returning: bool) -> str:
    key = (model, columns, returning, database.param)
    if key not in _SQL:
        names = ", ".join(f'"{model._meta.fields[c].column_name}"' for c in columns)
        marks = ", ".join([database.param] * len(columns))
        _SQL[key] = (f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'
                     + (" RETURNING id" if returning and is_postgres() else ""))
    return _SQL[key]


def insert_row(model, link: chain.Link | None = None, **values) -> int:
    """INSERT one row and return its id, with the SQL text built once per table and column set:
    on the cashier's clock peewee's query building costs more than the insert itself. A row of
    a chained table is stamped by ``link`` (the caller writes its heads), else by heads locked
    here and written at once."""
    fields = model._meta.fields
    if model._meta.table_name in chain.BY_TABLE:
        lk = chain.Link.lock(chain.group_of(model._meta.table_name)) if link is None else link
        values.update(chain.stamp(lk, model, values))
        row_id = _insert(model, fields, values)
        if link is None:
            lk.flush()
        return row_id
    return _insert(model, fields, values)


def _insert(model, fields, values) -> int:
    cursor = database.execute_sql(_insert_sql(model, tuple(values), True),
                                  [fields[c].db_value(v) for c, v in values.items()])
    return cursor.fetchone()[0] if is_postgres() else cursor.lastrowid


def _rule_adjustment(account_id: int, bill_id: int | None, kind: str, amount: Decimal,
                     reason: str, day: _dt.date, link: chain.Link | None = None) -> int:
    """A late fee or discount the tariff's rule gives, approved by the system; the caller
    posts it to the balance."""
    now = clock.now()
    return insert_row(Adjustment, link, account=account_id, bill=bill_id, kind=kind,
                      amount=amount,
                   reason=reason, status="approved", proposed_by=SYSTEM, proposed_at=now,
                   decided_by=SYSTEM, decided_at=now, business_date=day, source="rule")


def _write_allocations(batch: Batch, rows: list[tuple[int, int | None, int | None, Decimal]],
                       link: chain.Link) -> None:
    """Allocation rows (payment, bill, adjustment, amount) and the bills' paid totals, added
    to ``batch``: one INSERT for all rows (hashed by ``link``), one UPDATE per bill."""
    if not rows:
        return
    head = _insert_sql(Allocation, ("payment", "bill", "adjustment", "amount", "hash"), False)
    values = head[head.index(" VALUES ") + 8:]
    stored = [(p, b, a, to_fen(amount)) for p, b, a, amount in rows]
    hashes = link.many("allocation", stored)
    batch.add(head + "".join(", " + values for _ in rows[1:]),
              [v for row, h in zip(stored, hashes, strict=True) for v in (*row, h)])
    paid: dict[int, int] = {}
    for _p, bill_id, _a, amount in rows:
        if bill_id is not None:
            paid[bill_id] = paid.get(bill_id, 0) + to_fen(amount)
    sql = f"UPDATE {Bill._meta.table_name} SET paid = paid + {database.param} WHERE id = " \
          f"{database.param}"
    for bill_id, fen in paid.items():
        if fen:
            batch.add(sql, (fen, bill_id))


def money_rows(applications) -> list[tuple[int, int | None, int | None, Decimal]]:
    """The applications of money (credit needs no allocation row)."""
    return [(app.source.id, app.debt.id if app.debt.kind == "bill" else None,
             app.debt.id if app.debt.kind == "adjustment" else None, app.amount)
            for app in applications if app.source.kind == "payment"]


REFERENCE_LENGTH = 64


def clean_reference(reference, method: str) -> str:
    """A non-cash payment's transaction number as stored (spaces collapsed); cash has none."""
    text = " ".join(str(reference or "").split())
    if text and method == "cash":
        raise UserError("billing.reference_not_cash", field="reference", value=text)
    return val.max_length(text, REFERENCE_LENGTH, "reference")


def record_payment(actor: Actor, account_id: int, amount, method: str, *,
                   tendered=None, reference: str = "") -> Payment:
    """收费: take ``amount`` from an account; returns the Payment with its receipt number.

    Late fees accrued up to today are charged first (rule adjustments), an early payer who
    settles a bill before the tariff's deadline gets its discount once, then the money settles
    the oldest debts first; anything left is prepaid credit. Cash: ``tendered`` ≥ amount, change
    = tendered − amount (None: exact money); other methods take no ``tendered``.
    ``reference``: the transaction number of a WeChat, Alipay, card or bank payment (at most
    64 characters, printed on the receipt); cash takes none.
    """
    with database.atomic():
        # inside: the cashier is read once, in the payment's transaction (auth.identity)
        require(actor, "payments.take")
        value, method, given, change = _validate(amount, method, tendered)
        reference = clean_reference(reference, method)
        return take(actor, account_id, value, method, day=clock.today(), tendered=given,
                    change=change, reference=reference)


# A late fee not yet written sorts after every fee of its bill written before it (ids grow).
_UNWRITTEN = 10**15


@dataclass
class Plan:
    """What taking ``value`` from an account on ``day`` does, worked out before any write:
    the late fees to charge (debts whose ids are set once written), how the money and the
    account's free credit settle the debts oldest first, and the discounts granted. The
    window and a payment batch both write what it says."""

    money: Source                       # this payment's money (its id once written)
    fees: list[Debt]
    applications: list[Application]
    granted: dict[int, Decimal]         # bill -> early-payment discount

    @property
    def fees_total(self) -> Decimal:
        return sum((f.amount for f in self.fees), ZERO)

    @property
    def settled(self) -> Decimal:
        return sum((a.amount for a in self.applications if a.source is self.money), ZERO)


def fee_reason(day: _dt.date) -> str:
    return f"滞纳金（计至 {day.isoformat()}）"


def plan(pos: Position, day: _dt.date, value: Decimal) -> Plan:
    """The payment's plan on the account's position (pure: no database)."""
    debts = pos.debts
    fees = []
    for n, (bill_id, fee) in enumerate(pos.pending_fees.items()):
        anchor = next(d.sort for d in debts if d.kind == "bill" and d.id == bill_id)
        place = _UNWRITTEN + n
        fees.append(Debt("adjustment", place, bill_id, (*anchor[:3], 0, place), fee, fee, day,
                         "late_fee"))
    debts += fees
    debts.sort(key=lambda d: d.sort)
    money = Source("payment", 0, day, value)  # its id once the payment row exists
    applications, granted = settle(debts, [*pos.free, money], pos.discounts)
    return Plan(money, fees, applications, granted)


def take(actor: Actor, account_id: int, value: Decimal, method: str, *, day: _dt.date,
         tendered: Decimal | None = None, change: Decimal | None = None,
         reference: str = "", source: str = "") -> Payment:
    """Take ``value`` (validated) from an account, dated ``day``, inside the caller's
    transaction: the one way money enters the ledger, at the window (:func:`record_payment`)
    and from a collection file (heatoffice.billing.batches), so both settle alike.

    Late fees accrued up to ``day`` are charged first, then the early-payment discount, then
    the oldest debts; the receipt number is of ``day``'s year; refused when ``day`` is closed
    for the actor (closing.ensure_open). The caller checked the permission.
    """
    # Lock order everywhere: the account, then the year's receipt counter.
    if not ledger.lock_account(account_id):
        raise UserError("accounts.not_found", value=account_id)
    # The account's ledger, then the chain heads, locked from here to the commit (before the
    # receipt counter): one round trip on PostgreSQL.
    ledger_rows, link = load_locked(account_id)
    pos = compute(ledger_rows, day)
    the = plan(pos, day, value)
    # The writes nobody reads back go to the server together at the end (one round trip
    # on PostgreSQL); the rows whose ids later rows need are inserted as they come.
    writes = Batch()
    # Prepaid money meets the debts that appeared since: stored as that payment's share.
    _write_allocations(writes, money_rows(pos.applications), link)
    for fee in the.fees:
        fee.id = _rule_adjustment(account_id, fee.bill_id, "late_fee", fee.amount,
                                  fee_reason(day), day, link)
    money, applications, granted = the.money, the.applications, the.granted
    adjusted = the.fees_total
    # The counter is locked from here to the commit: only the short tail is serialized.
    seq, receipt_no = receipts.next_receipt(day.year, chained=False)
    closing.ensure_open(actor.username, day)
    values = dict(receipt_no=receipt_no, receipt_year=day.year, receipt_seq=seq,
                  account=account_id, amount=value, method=method, tendered=tendered,
                  change=change, cashier=actor.username, taken_at=clock.now(),
                  business_date=day, reason="", reference=reference, source=source)
    money.id = insert_row(Payment, link, **values)
    payment = Payment(id=money.id, **values)
    payment._dirty.clear()
    for bill_id, disc in granted.items():
        _rule_adjustment(account_id, bill_id, "discount", -disc, discount_reason(receipt_no),
                         day, link)
        adjusted -= disc
    _write_allocations(writes, money_rows(applications), link)
    posted = ledger.post_statement(account_id, adjusted=adjusted, paid=value)
    if posted is not None:
        writes.add(*posted)
    settled = sum((a.amount for a in applications if a.source is money), ZERO)
    after = audit.snapshot(payment)
    note = f"{receipt_no}: settled {settled}, prepaid {value - settled}"
    # a payment collected for us (a source) came in a batch; the rest at the window
    writes.add(*(audit.statement(actor, "payments.import", "payment", payment.id, link=link,
                                 after=after, note=note) if source else
                 audit.statement(actor, "payments.take", "payment", payment.id, link=link,
                                 after=after, note=note)))
    for statement_ in link.statements():
        writes.add(*statement_)
    writes.run()
    return payment


def _find(receipt_no: str) -> Payment:
    text = val.required(receipt_no, field="receipt_no")
    payment = Payment.get_or_none(Payment.receipt_no == text)
    if payment is None:
        raise UserError("billing.receipt_not_found", field="receipt_no", value=text)
    return payment


def reverse_payment(actor: Actor, receipt_no: str, reason: str) -> Payment:
    """红冲: a new receipt with the negative amount, pointing at the original, with a reason.

    A cashier reverses only their own receipt of today while their day is open; any other
    reversal needs ``payments.reverse_any`` (finance). The reversal is dated today and goes
    into the reversing user's day; it takes back exactly what the original settled, and an
    early-payment discount the original earned.
    """
    if not (can(actor, "payments.reverse_any") or can(actor, "payments.reverse")):
        require(actor, "payments.reverse")
    reason = val.required(reason, field="reason")
    today = clock.today()
    with database.atomic():
        original = _find(receipt_no)
        ledger.lock_account(original.account_id)
        if original.reverses_id is not None:
            raise UserError("billing.reversal_not_reversible", receipt=original.receipt_no)
        done = Payment.get_or_none(Payment.reverses == original.id)
        if done is not None:
            raise UserError("billing.already_reversed", receipt=original.receipt_no,
                            reversal=done.receipt_no)
        if not can(actor, "payments.reverse_any") and (
                original.cashier != actor.username or original.business_date != today):
            raise UserError("billing.reverse_needs_finance", receipt=original.receipt_no)
        seq, number = receipts.next_receipt(today.year)  # the chain heads, then the counter
        closing.ensure_open(actor.username, today)
        if original.business_date == today:  # it would change the original cashier's day
            closing.ensure_open(original.cashier, today)
        reversal = Payment.create(
            receipt_no=number, receipt_year=today.year, receipt_seq=seq,
            account=original.account_id, amount=-original.amount, method=original.method,
            cashier=actor.username, taken_at=clock.now(), business_date=today,
            reverses=original, reason=reason)
        writes = Batch()
        link = chain.Link.lock()
        _write_allocations(writes, [
            (reversal.id, bill_id, adj_id, -amount) for bill_id, adj_id, amount in
            Allocation.select(Allocation.bill, Allocation.adjustment, Allocation.amount)
            .where(Allocation.payment == original.id).order_by(Allocation.id).tuples()], link)
        for statement_ in link.statements():
            writes.add(*statement_)
        writes.run()
        for disc in Adjustment.select().where(
                (Adjustment.account == original.account_id) & (Adjustment.kind == "discount")
                & (Adjustment.status == "approved")
                & (Adjustment.reason == discount_reason(original.receipt_no))):
            _rule_adjustment(original.account_id, disc.bill_id, "discount", -disc.amount,
                             f"撤销提前缴费优惠（收据 {original.receipt_no} 已红冲，{number}）",
                             today)
            ledger.post(original.account_id, adjusted=-disc.amount)
        ledger.post(original.account_id, paid=reversal.amount)
        audit.record(actor, "payments.reverse", "payment", reversal.id,
                     after=audit.snapshot(reversal),
                     note=f"{number} reverses {original.receipt_no}: {reason}")
    return reversal


def get_payment(receipt_no: str) -> Payment:
    """A payment by its receipt number (UserError naming the field when there is none)."""
    return _find(receipt_no)


def payments_of(account_id: int) -> list[Payment]:
    return list(Payment.select().where(Payment.account == account_id).order_by(Payment.id))
