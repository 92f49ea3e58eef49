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
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from heatoffice import clock, glossary
from heatoffice import validation as val
from heatoffice.accounts.models import Account, Community, format_address
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import closing, payments
from heatoffice.billing.models import PAYMENT_METHODS, Payment
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import ZERO, parse_money

SOURCE_LENGTH = 32
CHUNK = 500  # keys per IN (...) lookup

# Words the collection services' files use for the method (besides the glossary's names).
METHOD_WORDS: dict[str, str] = {
    "微信": "wechat", "微信支付": "wechat", "财付通": "wechat", "wechat": "wechat",
    "支付宝": "alipay", "alipay": "alipay",
    "银行卡": "card", "刷卡": "card", "pos": "card", "银联": "card",
    "转账": "transfer", "银行": "transfer", "银行转账": "transfer", "代收": "transfer",
    "代扣": "transfer", "银行代收": "transfer", "银行代扣": "transfer", "邮政": "transfer",
    "邮政代收": "transfer", "网银": "transfer", "汇款": "transfer",
}
BATCH_METHODS = tuple(m for m in PAYMENT_METHODS if m != "cash")


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


def text_cell(value: Any) -> str:
    """A cell as text: full-width forms folded, spaces trimmed, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def money_cell(value: Any, field: str, row: int) -> Decimal:
    """A cell as money (text "¥1,234.50", a number, an Excel float read back to the fen)."""
    try:
        if isinstance(value, float):
            if not math.isfinite(value):
                raise UserError("money.format", field=field, value=value)
            value = Decimal(repr(value))
        elif isinstance(value, (_dt.date, bool)) or value is None:
            raise UserError("money.format" if value is not None else "validation.required",
                            field=field, value=value if value is not None else "")
        elif not isinstance(value, (int, Decimal, str)):
            raise UserError("money.format", field=field, value=str(value))
        return parse_money(value, field=field)
    except UserError as exc:
        exc.row = row
        raise
    except (InvalidOperation, ValueError, OverflowError):
        raise UserError("money.format", field=field, value=str(value), row=row) from None


def date_cell(value: Any, field: str, row: int) -> _dt.date:
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise UserError("validation.date", field=field, value=text_cell(value))
        return val.parse_date(text_cell(value) if not isinstance(value, _dt.date) else value,
                              field=field)
    except UserError as exc:
        exc.row = row
        raise


def accounts_by_no(numbers: Iterable[str]) -> dict[str, int]:
    """Account ids by number, looked up in chunks."""
    wanted = sorted({n for n in numbers if n})
    found: dict[str, int] = {}
    for i in range(0, len(wanted), CHUNK):
        found.update(Account.select(Account.account_no, Account.id)
                     .where(Account.account_no.in_(wanted[i:i + CHUNK])).tuples())
    return found


_ADDRESS_NOISE = ("号楼", "单元", "楼", "栋", "幢", "#", "号", "室", "-", "—", "_", "/")


def _squeeze(text: str) -> str:
    """An address reduced to its community and numbers: "阳光花园3号楼2单元501" and
    "阳光花园 3-2-501室" both read "阳光花园32501"."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    for noise in _ADDRESS_NOISE:
        text = text.replace(noise, "")
    return text


def suggest_account(name: str, address: str) -> str | None:
    """The one account whose name is ``name`` and whose address matches ``address`` (spaces
    and dashes ignored, either containing the other), or None when none or several do."""
    if not name:
        return None
    found = []
    for no, comm, bld, unit, room in (
            Account.select(Account.account_no, Community.name, Account.building, Account.unit,
                           Account.room)
            .join_from(Account, Community).where(Account.name == name).limit(50).tuples()):
        here = _squeeze(format_address(comm, bld, unit, room))
        wanted = _squeeze(address)
        if not wanted or wanted in here or (here and here in wanted):
            found.append(no)
    return found[0] if len(found) == 1 else None


def clean_source(value: Any) -> str:
    text = text_cell(value)
    if not text:
        raise UserError("validation.required", field="source", value="")
    return val.max_length(text, SOURCE_LENGTH, "source")


def batch_method(value: Any, field: str = "method") -> str:
    """A non-cash method from a code, a glossary name or a word the services' files use;
    blank is a bank transfer."""
    text = text_cell(value)
    if not text:
        return "transfer"
    word = METHOD_WORDS.get(text.lower()) or METHOD_WORDS.get(text)
    if word:
        return word
    method = val.choice(text, PAYMENT_METHODS, field=field)
    if method == "cash":
        raise UserError("payments.batch_cash", field=field, value=text)
    return method


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
        return len({p.row for p in self.problems}) > self.duplicates


def check_lines(actor: Actor, lines: Sequence[PaymentLine], source: str) -> Checked:
    """Check every row of a collection file from ``source`` (see the module's docstring);
    writes nothing. The caller checked the permission."""
    problems: list[UserError] = []
    total = ZERO
    parsed: list[tuple[PaymentLine, dict[str, Any]]] = []
    today = clock.today()
    for line in lines:
        got: dict[str, Any] = {"no": text_cell(line.account_no)}
        errs: list[UserError] = []
        try:
            got["amount"] = money_cell(line.amount, "amount", line.row)
            total += got["amount"]
            if got["amount"] <= 0:
                errs.append(UserError("billing.amount_not_positive", field="amount",
                                      value=text_cell(line.amount), row=line.row))
        except UserError as exc:
            errs.append(exc)
        try:
            got["day"] = date_cell(line.day, "paid_on", line.row)
            if got["day"] > today:
                errs.append(UserError("payments.future_date", field="paid_on",
                                      day=got["day"].isoformat(), row=line.row))
        except UserError as exc:
            errs.append(exc)
        try:
            got["method"] = batch_method(line.method)
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
    for src, refs in by_source.items():
        for i in range(0, len(refs), CHUNK):
            for ref, no in (Payment.select(Payment.reference, Payment.receipt_no)
                            .where((Payment.source == src)
                                   & Payment.reference.in_(refs[i:i + CHUNK])).tuples()):
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
    checked = check_lines(actor, lines, source)
    write = not dry_run and checked.good and (valid_only or not checked.blocking)
    receipts: list[str] = []
    if write:
        with database.atomic():
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
    receipts: list[str] = []
    imported = ZERO
    for g in checked.good:
        payment = payments.take(actor, g.account_id, g.amount, g.method, day=g.day,
                                reference=g.reference, source=g.source)
        receipts.append(payment.receipt_no)
        imported += g.amount
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


def method_words(lang: str | None = None) -> str:
    """The methods a file may name, for the template's notes."""
    return "、".join(glossary.label("payment_method", m, lang) for m in BATCH_METHODS)
