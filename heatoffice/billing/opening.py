"""期初欠费: arrears carried over from the old system into the ledger, one per account and
season name, with the old system's late fee.

Each becomes a bill of kind "opening" (no season of ours, one line of kind "opening" naming
the old season) dated the day of the import, so it is in the balance, the arrears list (overdue
from that day), the dunning letters and the ledger like any bill, and a payment settles it
before every bill of ours (position.BillRow.anchor: the oldest debt). The old system's late
fee is a fixed amount carried: an approved late-fee adjustment on that bill (source
"import"), paid before the arrears it belongs to; no late fee accrues on an opening balance
here (late fees accrue on season bills only: the old tariff's rate is not ours to apply; a
further charge is an adjustment a manager approves).

The same (account, season name) is imported once: a second time the row is reported as
already imported and adds nothing, so importing the same file twice adds nothing, and a
corrected figure for a season already carried over is an adjustment, never a second import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from heatoffice import changes, clock, config
from heatoffice import validation as val
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import batches, closing
from heatoffice.billing.batch_cells import CHUNK, accounts_by_no, money_cell, text_cell
from heatoffice.billing.batches import ImportReport
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, BillLine, OpeningBalance
from heatoffice.db import bulk, chain
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import ZERO, to_fen

SEASON_LENGTH = 32


@dataclass(frozen=True)
class OpeningLine:
    """One row of the old system's arrears as read (cells as they came)."""

    row: int
    account_no: Any
    season: Any
    amount: Any
    late_fee: Any = None


def line_text(season: str) -> str:
    return f"期初欠费（{season} 采暖季，旧系统结转）"


def late_fee_reason(season: str) -> str:
    return f"滞纳金（{season} 采暖季，旧系统结转）"


@dataclass(frozen=True)
class Good:
    """A row that passed every check: the opening balance it will be."""

    line: OpeningLine
    account_id: int
    season: str
    amount: Decimal
    late_fee: Decimal


@dataclass(frozen=True)
class Checked:
    """A file's rows checked (problems: UserErrors with row and field, in row order)."""

    good: list[Good]
    problems: list[UserError]
    duplicates: int
    total: Decimal
    late_fees: Decimal

    @property
    def blocking(self) -> bool:
        return any(p.code != "opening.already_imported" for p in self.problems)


def import_opening_balances(actor: Actor, lines: Iterable[OpeningLine], *,
                            valid_only: bool = False, dry_run: bool = False,
                            file_name: str = "", digest: str = "") -> ImportReport:
    """Carry the old system's arrears into the ledger in one transaction (module docstring).

    Rows are checked first (:func:`check_lines`). Nothing is written when ``dry_run``, or
    when a row has a problem other than having been imported before and not ``valid_only``.
    Audited row by row and for the file (name, digest, counts, the file's total against what
    was imported).
    """
    require(actor, "imports.balances")
    lines = list(lines)
    imported = imported_fees = ZERO
    # Checked inside the transaction that writes: nothing changes between check and write.
    with bulk.collector_paused(), database.atomic():
        checked = check_lines(lines)
        write = not dry_run and checked.good and (valid_only or not checked.blocking)
        if write:
            carry_lines(actor, checked, rows=len(lines), file_name=file_name, digest=digest)
            imported = sum((g.amount for g in checked.good), ZERO)
            imported_fees = sum((g.late_fee for g in checked.good), ZERO)
    return ImportReport("balances", len(lines), len(checked.good) if write else 0,
                        tuple(checked.problems), checked.duplicates, checked.total, imported,
                        bool(dry_run), late_fees=checked.late_fees,
                        imported_late_fees=imported_fees, valid=len(checked.good))


def check_lines(lines: list[OpeningLine]) -> Checked:
    """Check every row: account number known, season name given, amount above zero, late
    fee zero or more, (account, season) once in the file and not imported before."""
    problems: list[UserError] = []
    total = fees = ZERO
    limit = config.max_amount()
    parsed: list[tuple[OpeningLine, dict[str, Any]]] = []
    for line in lines:
        got: dict[str, Any] = {"no": text_cell(line.account_no), "season": text_cell(line.season)}
        if not got["no"]:
            problems.append(UserError("validation.required", field="account_no", value="",
                                      row=line.row))
        try:
            got["season"] = val.max_length(val.required(got["season"], field="season"),
                                           SEASON_LENGTH, "season")
        except UserError as exc:
            exc.row = line.row
            problems.append(exc)
        try:
            got["amount"] = money_cell(line.amount, "amount", line.row, limit)
            total += got["amount"]
            if got["amount"] <= 0:
                problems.append(UserError("billing.amount_not_positive", field="amount",
                                          value=text_cell(line.amount), row=line.row))
        except UserError as exc:
            problems.append(exc)
        try:
            got["fee"] = (money_cell(line.late_fee, "late_fee", line.row, limit)
                          if text_cell(line.late_fee) else ZERO)
            fees += got["fee"]
        except UserError as exc:
            problems.append(exc)
        parsed.append((line, got))
    ids = accounts_by_no(got["no"] for _, got in parsed)
    for line, got in parsed:
        if got["no"] and got["no"] not in ids:
            problems.append(UserError("accounts.not_found", field="account_no", value=got["no"],
                                      row=line.row))
        got["account"] = ids.get(got["no"])
    seen: dict[tuple[int, str], list[int]] = {}
    for line, got in parsed:
        if got["account"] and got["season"]:
            seen.setdefault((got["account"], got["season"]), []).append(line.row)
    before = _imported_before(list(seen))
    duplicates = 0
    for line, got in parsed:
        key = (got["account"], got["season"])
        if len(seen.get(key, ())) > 1:
            problems.append(UserError("opening.twice_in_file", field="season",
                                      value=got["season"], account=got["no"],
                                      rows="、".join(str(r) for r in seen[key]), row=line.row))
        elif key in before:
            duplicates += 1
            problems.append(UserError("opening.already_imported", field="season",
                                      value=got["season"], account=got["no"],
                                      amount=str(before[key]), row=line.row))
    problems.sort(key=lambda p: p.row or 0)
    bad = {p.row for p in problems}
    good = [Good(line, got["account"], got["season"], got["amount"], got["fee"])
            for line, got in parsed if line.row not in bad]
    return Checked(good, problems, duplicates, total, fees)


def carry_lines(actor: Actor, checked: Checked, *, rows: int, file_name: str = "",
                digest: str = "") -> int:
    """Write the good rows' opening balances inside the caller's transaction and audit the
    file; returns how many."""
    require(actor, "imports.balances")
    closing.ensure_month_open(clock.today())
    _carry_all(actor, checked.good, file_name, digest)
    if checked.good:
        imported = sum((g.amount for g in checked.good), ZERO)
        fees = sum((g.late_fee for g in checked.good), ZERO)
        audit.record(actor, "opening.import", "import", digest[:16] or "-",
                     after={"file": file_name, "digest": digest, "rows": rows,
                            "imported": len(checked.good),
                            "rejected": len({p.row for p in checked.problems}),
                            "file_total": str(checked.total),
                            "file_late_fees": str(checked.late_fees),
                            "imported_total": str(imported), "imported_late_fees": str(fees)},
                     note=f"{file_name or '-'}: {len(checked.good)} imported, {imported} "
                          f"+ {fees} late fees of {checked.total} + {checked.late_fees}")
    return len(checked.good)


def _imported_before(keys: list[tuple[int, str]]) -> dict[tuple[int, str], Decimal]:
    found: dict[tuple[int, str], Decimal] = {}
    accounts = sorted({a for a, _ in keys})
    wanted = set(keys)
    for i in range(0, len(accounts), CHUNK):
        for account_id, season, amount in (
                OpeningBalance.select(OpeningBalance.account, OpeningBalance.season_name,
                                      OpeningBalance.amount)
                .where(OpeningBalance.account.in_(accounts[i:i + CHUNK])).tuples()):
            if (account_id, season) in wanted:
                found[(account_id, season)] = amount
    return found


def _carry_all(actor: Actor, good: list[Good], file_name: str, digest: str) -> None:
    """Each good row's opening balance: its bill of kind "opening" and the bill's one line,
    its late fee (an approved adjustment), its row, the account's balance and an audit row,
    for the whole file at once: the accounts locked in one statement, the ids taken
    beforehand, each table's rows in one bulk write (row by row, a file of 20,000 rows was
    over 100,000 statements), each account's balance moved once."""
    if not good:
        return
    now, today = clock.now(), clock.today()
    batches.lock_accounts(sorted({g.account_id for g in good}))
    # the chain heads before the ids are taken (heatoffice.db.chain): the bills', the rest's
    chain.Link.lock(chain.BILLS)
    chain.Link.lock()
    bill_ids = iter(bulk.new_ids(Bill, len(good)))
    fee_ids = iter(bulk.new_ids(Adjustment, sum(1 for g in good if g.late_fee > 0)))
    opening_ids = iter(bulk.new_ids(OpeningBalance, len(good)))
    user, user_id = actor.username, actor.user_id
    file_name, digest = file_name[:255], digest[:64]
    snapshot_of = audit.snapshot_text(OpeningBalance, _SNAPSHOT)
    # each table's rows as stored (money in fen, areas in hundredths), in _COLUMNS' order;
    # written in this order: each table's rows point at rows of the ones before
    bills: list[tuple] = []
    lines: list[tuple] = []
    fees: list[tuple] = []
    openings: list[tuple] = []
    entries: list[tuple] = []
    moved: dict[int, list[int]] = {}
    for g in good:
        account_id, season, amount, fee = g.account_id, g.season, g.amount, g.late_fee
        owed, fee_fen = to_fen(amount), to_fen(fee)
        bill_id = next(bill_ids)
        bills.append((bill_id, account_id, None, None, "opening", 0, owed, 0, now, user,
                      today))
        lines.append((bill_id, 1, "opening", line_text(season), 0, owed, None, None, owed))
        adj_id = None
        if fee > 0:
            adj_id = next(fee_ids)
            fees.append((adj_id, account_id, bill_id, "late_fee", fee_fen,
                         late_fee_reason(season), "approved", user, now, user, now, today,
                         "import"))
        opening_id = next(opening_ids)
        openings.append((opening_id, account_id, season, owed, fee_fen, bill_id, adj_id, now,
                         user, file_name, digest, g.line.row))
        totals = moved.setdefault(account_id, [0, 0])
        totals[0] += owed
        totals[1] += fee_fen
        # the row audit.values(actor, "opening.import", "opening_balance", id,
        # after=audit.snapshot(the opening balance), note=…) makes, without a model instance
        changes.note("opening.import", "opening_balance", opening_id)
        entries.append((now, user, user_id, "opening.import", "opening_balance",
                        str(opening_id), None,
                        snapshot_of((opening_id, account_id, season, amount, fee, bill_id,
                                     adj_id, now, user, file_name, digest, g.line.row)),
                        f"{season}: {amount} + {fee}"))
    for model, rows in ((Bill, bills), (BillLine, lines), (Adjustment, fees),
                        (OpeningBalance, openings)):
        if rows:
            bulk.writer(model, _COLUMNS[model])(rows)
    _move_balances(moved)
    bulk.writer(AuditEntry, _AUDIT)(entries)


_COLUMNS: dict[Any, tuple[str, ...]] = {
    Bill: ("id", "account_id", "season_id", "tariff_id", "kind", "area", "total", "paid",
           "issued_at", "issued_by", "business_date"),
    BillLine: ("bill_id", "seq", "kind", "description", "quantity", "unit_price", "share",
               "days", "amount"),
    Adjustment: ("id", "account_id", "bill_id", "kind", "amount", "reason", "status",
                 "proposed_by", "proposed_at", "decided_by", "decided_at", "business_date",
                 "source"),
    OpeningBalance: ("id", "account_id", "season_name", "amount", "late_fee", "bill_id",
                     "late_fee_adjustment_id", "imported_at", "imported_by", "file_name",
                     "file_digest", "row_no"),
}
# The fields of an opening balance's audit snapshot (audit.snapshot: the model's fields in
# order, the hidden ones left out).
_SNAPSHOT = ("id", "account", "season_name", "amount", "late_fee", "bill",
             "late_fee_adjustment", "imported_at", "imported_by", "file_name", "file_digest",
             "row_no")


_AUDIT = ("at", "actor", "actor_id", "action", "table", "record_id", "before", "after", "note")


def _move_balances(moved: dict[int, list[int]]) -> None:
    """ledger.post of each account's opening balances and late fees (fen), one upsert each."""
    t = AccountBalance._meta.table_name
    items = [(a, billed, fee, 0, billed + fee) for a, (billed, fee) in sorted(moved.items())]
    upsert = (f"ON CONFLICT (account_id) DO UPDATE SET billed = {t}.billed + excluded.billed, "
              f"adjusted = {t}.adjusted + excluded.adjusted, "
              f"balance = {t}.balance + excluded.balance")
    if is_postgres():
        from psycopg2.extras import execute_values

        execute_values(database.cursor(), f"INSERT INTO {t} (account_id, billed, adjusted, "
                       f"paid, balance) VALUES %s {upsert}", items, page_size=1000)
    else:
        database.cursor().executemany(
            f"INSERT INTO {t} (account_id, billed, adjusted, paid, balance) "
            f"VALUES (?, ?, ?, ?, ?) {upsert}", items)


def opening_of(account_id: int) -> list[OpeningBalance]:
    """The account's opening balances, oldest import first."""
    if not Account.select().where(Account.id == account_id).exists():
        raise UserError("accounts.not_found", value=account_id)
    return list(OpeningBalance.select().where(OpeningBalance.account == account_id)
                .order_by(OpeningBalance.id))
