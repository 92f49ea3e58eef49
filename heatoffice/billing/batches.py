"""代收缴费: a batch of payments collected for us by a bank, a WeChat/Alipay collection service
or the post office, taken in one transaction, each settled exactly like a window payment.

:func:`import_payments` reads rows of account number, amount, payment date, method and the
service's transaction reference. Every row is checked first (unknown account, with an account
suggested by name and address but never applied; amount; date, future or closed; method;
a reference missing, twice in the file, or already imported from that source). Then, in one
transaction, each good row becomes a payment through :func:`heatoffice.billing.payments.take`
(late fees as of its payment date, oldest debts first, a receipt number of that date's year),
with ``source`` and ``reference`` on the receipt. A file with a problem row imports nothing
unless ``valid_only``; a row already imported (same source and reference) is reported and
never blocks the rest, so the same file imported twice adds nothing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from heatoffice import changes, clock, config
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import closing, payments, position, receipts
from heatoffice.billing.batch_cells import (
    CHUNK,
    accounts_by_no,
    batch_method,
    clean_source,
    date_cell,
    in_list,
    money_cell,
    suggest_account,
    text_cell,
)
from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    Allocation,
    Bill,
    Payment,
    ReceiptCounter,
)
from heatoffice.db import bulk, chain
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import ZERO, to_fen


@dataclass(frozen=True)
class ImportReport:
    """What an import of the ledger did (or, ``dry_run``, would do) with a file's rows.

    ``problems`` are UserErrors with ``row`` and ``field`` set, in row order (a row may have
    several); ``duplicates`` counts the rows already imported before (reported among the
    problems, never blocking the rest). Totals reconcile the file: ``file_total`` is the sum
    of every amount that reads as money, ``imported_total`` what was written.
    """

    kind: str                             # "balances" | "payments"
    rows: int                             # data rows read
    imported: int
    problems: tuple[UserError, ...]
    duplicates: int
    file_total: Decimal
    imported_total: Decimal
    dry_run: bool
    late_fees: Decimal = ZERO             # balances: the late fees of the file
    imported_late_fees: Decimal = ZERO
    receipts: tuple[str, ...] = ()        # payments: the receipt numbers written, in row order
    suggestions: dict[int, str] = field(default_factory=dict)  # row -> account no. to check
    valid: int = 0                        # rows without a problem (imported unless blocked)

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.problems if p.row is not None}))

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def not_imported_total(self) -> Decimal:
        """The file's total less what was imported (on the reconciliation screen)."""
        return self.file_total - self.imported_total


@dataclass(frozen=True)
class PaymentLine:
    """One row of a collection file as read (cells as they came: text, numbers, dates)."""

    row: int
    account_no: Any
    amount: Any
    day: Any
    method: Any = ""
    reference: Any = ""
    source: Any = ""          # blank: the batch's source
    name: Any = ""            # for suggesting an account when the number is wrong
    address: Any = ""


@dataclass(frozen=True)
class Good:
    """A row that passed every check: what its payment will be."""

    line: PaymentLine
    account_id: int
    amount: Decimal
    day: _dt.date
    method: str
    reference: str
    source: str


@dataclass(frozen=True)
class Checked:
    """A file's rows checked: the good ones, the problems (UserErrors with row and field, in
    row order), how many rows were imported before, the file's total and the suggestions."""

    good: list[Good]
    problems: list[UserError]
    duplicates: int
    total: Decimal
    suggestions: dict[int, str]

    @property
    def blocking(self) -> bool:
        """Whether a row has a problem other than having been imported before."""
        return any(p.code != "payments.already_imported" for p in self.problems)


def check_lines(actor: Actor, lines: Sequence[PaymentLine], source: str) -> Checked:
    """Check every row of a collection file from ``source`` (see the module's docstring);
    writes nothing. The caller checked the permission."""
    problems: list[UserError] = []
    total = ZERO
    parsed: list[tuple[PaymentLine, dict[str, Any]]] = []
    # A file repeats its dates, methods and often its amounts: each text is read once.
    amounts: dict[str, Decimal] = {}
    limit = config.max_amount()
    days: dict[str, _dt.date] = {}
    methods: dict[str, str] = {}

    def once(seen: dict[str, Any], read: Any, value: Any, *args: Any) -> Any:
        if not isinstance(value, str):
            return read(value, *args)
        if value not in seen:
            seen[value] = read(value, *args)  # a UserError is raised, not kept: it names its row
        return seen[value]
    today = clock.today()
    for line in lines:
        got: dict[str, Any] = {"no": text_cell(line.account_no)}
        errs: list[UserError] = []
        try:
            got["amount"] = once(amounts, money_cell, line.amount, "amount", line.row, limit)
            total += got["amount"]
            if got["amount"] <= 0:
                errs.append(UserError("billing.amount_not_positive", field="amount",
                                      value=text_cell(line.amount), row=line.row))
        except UserError as exc:
            errs.append(exc)
        try:
            got["day"] = once(days, date_cell, line.day, "paid_on", line.row)
            if got["day"] > today:
                errs.append(UserError("payments.future_date", field="paid_on",
                                      day=got["day"].isoformat(), row=line.row))
        except UserError as exc:
            errs.append(exc)
        try:
            got["method"] = once(methods, batch_method, line.method)
        except UserError as exc:
            exc.row = line.row
            errs.append(exc)
        try:
            got["source"] = clean_source(line.source) if text_cell(line.source) else source
            if not got["source"]:  # neither the batch nor the row names who collected it
                raise UserError("validation.required", field="source", value="")
            reference = text_cell(line.reference)
            if not reference:
                raise UserError("validation.required", field="reference", value="")
            got["reference"] = val.max_length(reference, payments.REFERENCE_LENGTH, "reference")
        except UserError as exc:
            exc.row = line.row
            errs.append(exc)
        problems += errs
        parsed.append((line, got))
    ids = accounts_by_no(got["no"] for _, got in parsed)
    suggestions: dict[int, str] = {}
    for line, got in parsed:
        if got["no"] in ids:
            got["account"] = ids[got["no"]]
            continue
        hint = suggest_account(text_cell(line.name), text_cell(line.address))
        if hint:
            suggestions[line.row] = hint
            problems.append(UserError("payments.account_suggested", field="account_no",
                                      value=got["no"], suggestion=hint, row=line.row))
        elif got["no"]:
            problems.append(UserError("accounts.not_found", field="account_no",
                                      value=got["no"], row=line.row))
        else:
            problems.append(UserError("validation.required", field="account_no", value="",
                                      row=line.row))
    # Closed days, once per day.
    closed: dict[_dt.date, UserError | None] = {}
    for line, got in parsed:
        day = got.get("day")
        if day is None or day > today:
            continue
        if day not in closed:
            try:
                closing.ensure_open(actor.username, day)
                closed[day] = None
            except UserError as exc:
                closed[day] = exc
        refused = closed[day]
        if refused is not None:
            problems.append(UserError(refused.code, field="paid_on", row=line.row,
                                      **refused.params))
    # References: twice in the file (every copy), or imported before from that source.
    seen: dict[tuple[str, str], list[int]] = {}
    for line, got in parsed:
        if got.get("reference") and got.get("source"):
            seen.setdefault((got["source"], got["reference"]), []).append(line.row)
    twice = {key: rows for key, rows in seen.items() if len(rows) > 1}
    before = _imported_before(list(seen))
    duplicates = 0
    for line, got in parsed:
        key = (got.get("source", ""), got.get("reference", ""))
        if key in twice:
            problems.append(UserError(
                "payments.reference_twice", field="reference", value=key[1],
                rows="、".join(str(r) for r in twice[key]), row=line.row))
        elif key in before:
            duplicates += 1
            problems.append(UserError("payments.already_imported", field="reference",
                                      value=key[1], source=key[0], receipt=before[key],
                                      row=line.row))
    bad = {p.row for p in problems}
    good = [Good(line, got["account"], got["amount"], got["day"], got["method"],
                 got["reference"], got["source"])
            for line, got in parsed if line.row not in bad]
    problems.sort(key=lambda p: (p.row or 0))
    return Checked(good, problems, duplicates, total, suggestions)


def _imported_before(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(source, reference) -> receipt number of the payments already made from them."""
    found: dict[tuple[str, str], str] = {}
    by_source: dict[str, list[str]] = {}
    for src, ref in keys:
        by_source.setdefault(src, []).append(ref)
    table = Payment._meta.table_name
    for src, refs in by_source.items():
        for i in range(0, len(refs), CHUNK):
            part = refs[i:i + CHUNK]
            for ref, no in database.execute_sql(
                    f"SELECT reference, receipt_no FROM {table} WHERE source = "
                    f"{database.param} AND reference IN ({in_list(len(part))})",
                    [src, *part]).fetchall():
                found[(src, ref)] = no
    return found


def import_payments(actor: Actor, lines: Iterable[PaymentLine], *, source: Any = "",
                    valid_only: bool = False, dry_run: bool = False, file_name: str = "",
                    digest: str = "") -> ImportReport:
    """Take a collection file's payments in one transaction (see the module's docstring).

    Nothing is written when ``dry_run``, or when a row has a problem (other than having been
    imported before) and not ``valid_only``. The batch is audited with the file's name and
    digest, the counts and totals; each payment has its own audit row ("payments.import").
    """
    require(actor, "imports.payments")
    source = clean_source(source) if text_cell(source) else ""
    lines = list(lines)
    receipts: list[str] = []
    # Checked inside the transaction that writes: nothing changes between check and write.
    with bulk.collector_paused(), database.atomic():
        checked = check_lines(actor, lines, source)
        write = not dry_run and checked.good and (valid_only or not checked.blocking)
        if write:
            receipts = take_lines(actor, checked, source=source, rows=len(lines),
                                  file_name=file_name, digest=digest)
    return ImportReport("payments", len(lines), len(receipts), tuple(checked.problems),
                        checked.duplicates, checked.total,
                        sum((g.amount for g in checked.good), ZERO) if write else ZERO,
                        bool(dry_run), receipts=tuple(receipts),
                        suggestions=checked.suggestions, valid=len(checked.good))


def take_lines(actor: Actor, checked: Checked, *, source: str, rows: int, file_name: str = "",
               digest: str = "") -> list[str]:
    """Take the good rows' payments inside the caller's transaction, each as at the window
    (payments.take), and audit the batch; returns the receipt numbers in row order."""
    require(actor, "imports.payments")
    receipts = take_all(actor, checked.good)
    imported = sum((g.amount for g in checked.good), ZERO)
    if receipts:
        audit.record(actor, "payments.import", "import", digest[:16] or source,
                     after={"file": file_name, "digest": digest, "source": source,
                            "rows": rows, "imported": len(receipts),
                            "rejected": len({p.row for p in checked.problems}),
                            "file_total": str(checked.total), "imported_total": str(imported),
                            "receipts": [receipts[0], receipts[-1]]},
                     note=f"{file_name or source}: {len(receipts)} imported, "
                          f"{receipts[0]}–{receipts[-1]}")
    return receipts


def take_all(actor: Actor, good: Sequence[Good]) -> list[str]:
    """Take every good row's payment inside the caller's transaction; the receipt numbers in
    the order taken.

    Each payment is planned exactly as at the window (:func:`payments.plan` on the account's
    position as of its payment date: late fees first, then the oldest debts, discounts by
    rule) and written as the window writes it (payment, late-fee and discount adjustments,
    allocations, the bills' paid totals, the balance, an audit row), but for the whole batch
    at once: the accounts locked and their ledgers read in a few queries, the rows written in
    bulk with their ids and receipt numbers taken beforehand. An account paying twice in the
    batch is planned again after its first payment is written (rounds).
    """
    if not good:
        return []
    ids = sorted({g.account_id for g in good})
    lock_accounts(ids)
    for day in sorted({g.day for g in good}):
        closing.ensure_open(actor.username, day)
    rounds: list[list[Good]] = []
    seen: dict[int, int] = {}
    for g in good:
        n = seen.get(g.account_id, 0)
        seen[g.account_id] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(g)
    out: dict[int, str] = {}  # row -> receipt
    for batch in rounds:
        out.update(_take_round(actor, batch))
    return [out[g.line.row] for g in sorted(good, key=lambda g: out[g.line.row])]


def lock_accounts(account_ids: list[int]) -> None:
    """Lock the accounts (PostgreSQL: FOR UPDATE, in id order as everywhere; SQLite: the write
    transaction holds the database)."""
    if not is_postgres():
        return
    table = Account._meta.table_name
    for i in range(0, len(account_ids), CHUNK * 10):
        database.execute_sql(f"SELECT id FROM {table} WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                             (account_ids[i:i + CHUNK * 10],))


_ADJ = ("id", "account_id", "bill_id", "kind", "amount", "reason", "status", "proposed_by",
        "proposed_at", "decided_by", "decided_at", "business_date", "source")
_PAY = ("id", "receipt_no", "receipt_year", "receipt_seq", "account_id", "amount", "method",
        "tendered", "change", "cashier", "taken_at", "business_date", "reverses_id", "reason",
        "reference", "source")
_AUDIT = ("at", "actor", "actor_id", "action", "table", "record_id", "before", "after", "note")


def _take_round(actor: Actor, batch: list[Good]) -> dict[int, str]:
    """One payment per account at most: plan them all on the ledgers read at once, then write
    them in bulk. Returns row -> receipt number."""
    ledgers = position.load_many([g.account_id for g in batch])
    chain.Link.lock()  # the chain heads before the ids are taken (heatoffice.db.chain)
    planned = []
    for g in batch:
        pos = position.compute(ledgers[g.account_id], g.day)
        planned.append((g, pos, payments.plan(pos, g.day, g.amount)))
    fees = [f for _, _, the in planned for f in the.fees]
    discounts = sum(len(the.granted) for _, _, the in planned)
    adj_ids = iter(bulk.new_ids(Adjustment, len(fees) + discounts))
    pay_ids = iter(bulk.new_ids(Payment, len(batch)))
    numbers: dict[int, Iterator[int]] = {}
    for year in sorted({g.day.year for g in batch}):
        count = sum(1 for g in batch if g.day.year == year)
        last = receipts.lock_year(year)
        database.execute_sql(f"UPDATE {ReceiptCounter._meta.table_name} SET last_seq = "
                             f"{database.param} WHERE year = {database.param}",
                             (last + count, year))
        numbers[year] = iter(range(last + 1, last + count + 1))
    now = clock.now()
    # the moment as stored and as the chain hashes it (a datetime's ISO text with a space),
    # written once for the batch's rows rather than once per row and column
    at = now.isoformat(" ")
    adj_rows: list[tuple] = []
    pay_rows: list[tuple] = []
    alloc_rows: list[tuple[int, int | None, int | None, Decimal]] = []
    audit_rows: list[tuple] = []
    balances: list[tuple[int, Decimal, Decimal]] = []
    out: dict[int, str] = {}
    snapshot_of = audit.snapshot_text(Payment, _SNAPSHOT)

    def adjustment(account_id: int, bill_id: int | None, kind: str, amount: Decimal,
                   reason: str, day: _dt.date) -> int:
        adj_id = next(adj_ids)
        adj_rows.append((adj_id, account_id, bill_id, kind, to_fen(amount), reason, "approved",
                         payments.SYSTEM, at, payments.SYSTEM, at, day, "rule"))
        return adj_id

    for g, pos, the in planned:
        alloc_rows += payments.money_rows(pos.applications)
        for fee in the.fees:
            fee.id = adjustment(g.account_id, fee.bill_id, "late_fee", fee.amount,
                                payments.fee_reason(g.day), g.day)
        seq = next(numbers[g.day.year])
        receipt_no = receipts.format_receipt(g.day.year, seq)
        the.money.id = pay_id = next(pay_ids)
        pay_rows.append((pay_id, receipt_no, g.day.year, seq, g.account_id, to_fen(g.amount),
                         g.method, None, None, actor.username, at, g.day, None, "",
                         g.reference, g.source))
        adjusted = the.fees_total
        for bill_id, disc in the.granted.items():
            adjustment(g.account_id, bill_id, "discount", -disc,
                       position.discount_reason(receipt_no), g.day)
            adjusted -= disc
        alloc_rows += payments.money_rows(the.applications)
        balances.append((g.account_id, adjusted, g.amount))
        settled = the.settled
        # the row audit.statement(actor, "payments.import", "payment", id, after=snapshot)
        # makes, built without a model instance per payment
        changes.note("payments.import", "payment", pay_id)
        audit_rows.append((at, actor.username, actor.user_id, "payments.import", "payment",
                           str(pay_id), None,
                           snapshot_of((pay_id, receipt_no, g.day.year, seq, g.account_id,
                                        g.amount, g.method, None, None, actor.username, now,
                                        g.day, None, "", g.reference, g.source)),
                           f"{receipt_no}: settled {settled}, prepaid {g.amount - settled}"))
        out[g.line.row] = receipt_no
    _write(Adjustment, _ADJ, adj_rows)
    _write(Payment, _PAY, pay_rows)
    allocations = [(p, b, a, to_fen(amount)) for p, b, a, amount in alloc_rows]
    _write(Allocation, ("payment_id", "bill_id", "adjustment_id", "amount"), allocations)
    _bills_paid(allocations)
    _balances(balances)
    _write(AuditEntry, _AUDIT, audit_rows)
    return out


# The fields of a payment's audit snapshot (audit.snapshot: the model's fields in order, but
# the hidden ones); a batch's payment has no tendered money, change, reversal or reason.
_SNAPSHOT = ("id", "receipt_no", "receipt_year", "receipt_seq", "account", "amount", "method",
             "tendered", "change", "cashier", "taken_at", "business_date", "reverses", "reason",
             "reference", "source")


def _write(model: Any, columns: Sequence[str], rows: list[tuple]) -> None:
    if rows:
        bulk.writer(model, columns)(rows)


def _bills_paid(rows: list[tuple[int, int | None, int | None, int]]) -> None:
    """The bills' paid totals moved by the allocations (payment, bill, adjustment, fen)."""
    paid: dict[int, int] = {}
    for _p, bill_id, _a, fen in rows:
        if bill_id is not None:
            paid[bill_id] = paid.get(bill_id, 0) + fen
    items = [(fen, bill_id) for bill_id, fen in sorted(paid.items()) if fen]
    table = Bill._meta.table_name
    if not items:
        return
    if is_postgres():
        from psycopg2.extras import execute_values

        execute_values(database.cursor(), f"UPDATE {table} SET paid = {table}.paid + v.fen "
                       "FROM (VALUES %s) AS v(fen, id) WHERE {table}.id = v.id"
                       .replace("{table}", table), items, page_size=1000)
    else:
        database.cursor().executemany(f"UPDATE {table} SET paid = paid + ? WHERE id = ?", items)


def _balances(rows: list[tuple[int, Decimal, Decimal]]) -> None:
    """Each account's totals moved by its late fees less discounts and its payment."""
    items = []
    for account_id, adjusted, paid in rows:
        a, p = to_fen(adjusted), to_fen(paid)
        items.append((account_id, 0, a, p, a - p))
    t = AccountBalance._meta.table_name
    upsert = (f"ON CONFLICT (account_id) DO UPDATE SET adjusted = {t}.adjusted + "
              f"excluded.adjusted, paid = {t}.paid + excluded.paid, "
              f"balance = {t}.balance + excluded.balance")
    if is_postgres():
        from psycopg2.extras import execute_values

        execute_values(database.cursor(), f"INSERT INTO {t} (account_id, billed, adjusted, "
                       f"paid, balance) VALUES %s {upsert}", items, page_size=1000)
    else:
        database.cursor().executemany(
            f"INSERT INTO {t} (account_id, billed, adjusted, paid, balance) "
            f"VALUES (?, ?, ?, ?, ?) {upsert}", items)
