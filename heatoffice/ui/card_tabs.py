"""The fee ledger's tabs of the account card: bills with their lines, payments and reversals,
the ledger with its running balance, adjustments, rechecks, dunning contacts, status history.
Each shows a part of one AccountCard (heatoffice.billing.card); none queries anything."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.billing.card import AccountCard, CardBill
from heatoffice.ui import formats
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table


def _term(group: str, code: str | None) -> str:
    return glossary.label(group, code) if code else ""


class TableSection(QWidget):
    """One read-only table of rows taken from the card; the first value of a row is its key."""

    widths: tuple[int, ...] = ()
    stretch: int | None = None

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.model = LazyTableModel(self.headers(), fixed_rows([]), parent=self)
        self.table = make_table(self.model, self.widths, self.stretch)
        self.table.setObjectName(f"{type(self).__name__}_table")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def headers(self) -> list[str]:
        raise NotImplementedError

    def rows(self, card: AccountCard) -> list[tuple]:
        raise NotImplementedError

    def show_card(self, card: AccountCard) -> None:
        self.model.reset_query(fixed_rows(self.rows(card)))


class BillsSection(QWidget):
    """The bills, newest first; the lines of the one selected below them."""

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.bills: dict[int, CardBill] = {}
        self.model = LazyTableModel(self.headers(), fixed_rows([]), parent=self)
        self.table = make_table(self.model, (90, 80, 90, 90, 110, 110, 80, 120), 7)
        self.table.setObjectName("bills")
        self.lines_model = LazyTableModel(self.line_headers(), fixed_rows([]), parent=self)
        self.lines = make_table(self.lines_model, (280, 90, 90, 80, 100), 0)
        self.lines.setObjectName("bill_lines")
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_lines(current.row()))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.lines)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def headers(self) -> list[str]:
        return [self.tr("Season"), self.tr("Kind"), self.tr("Issued"), self.tr("Area (m²)"),
                self.tr("Amount"), self.tr("Paid"), self.tr("Status billed"),
                self.tr("Issued by")]

    def line_headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Quantity"), self.tr("Unit price"),
                self.tr("Share / days"), self.tr("Amount")]

    def show_card(self, card: AccountCard) -> None:
        self.bills = {b.id: b for b in card.bills}
        rows = [(b.id, b.season, _term("bill_kind", b.kind), b.business_date, b.area,
                 formats.yuan(b.total), formats.yuan(b.paid),
                 _term("account_status", b.status_at_issue), b.issued_by)
                for b in reversed(card.bills)]
        self.model.reset_query(fixed_rows(rows))
        if rows:
            self.table.selectRow(0)
        self.show_lines(0 if rows else -1)

    def show_lines(self, row: int) -> None:
        bill = self.bills.get(self.model.key(row)) if 0 <= row < self.model.rowCount() else None
        lines = bill.lines if bill is not None else ()
        self.lines_model.reset_query(fixed_rows([
            (x.seq, x.description, x.quantity, formats.yuan(x.unit_price),
             f"{x.days}" if x.days else formats.rate(x.share), formats.yuan(x.amount))
            for x in lines]))


class PaymentsSection(TableSection):
    widths = (110, 90, 80, 100, 80, 100, 260)
    stretch = 6

    def headers(self) -> list[str]:
        return [self.tr("Receipt no."), self.tr("Date"), self.tr("Time"), self.tr("Amount"),
                self.tr("Method"), self.tr("Cashier"), self.tr("Note")]

    def note(self, reverses: str, reversed_by: str, reason: str) -> str:
        if reverses:
            return self.tr("Reverses {receipt}: {reason}").format(receipt=reverses,
                                                                  reason=reason)
        if reversed_by:
            return self.tr("Reversed by {receipt}").format(receipt=reversed_by)
        return ""

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(p.id, p.receipt_no, p.business_date, f"{p.taken_at:%H:%M}",
                 formats.yuan(p.amount), _term("payment_method", p.method), p.cashier,
                 self.note(p.reverses, p.reversed_by, p.reason))
                for p in reversed(card.payments)]


class LedgerSection(TableSection):
    widths = (92, 110, 300, 110, 110, 110)
    stretch = 2

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Entry"), self.tr("Reference"), self.tr("Debit"),
                self.tr("Credit"), self.tr("Balance")]

    def rows(self, card: AccountCard) -> list[tuple]:
        out = []
        for e in card.ledger:
            if e.kind == "bill":
                entry, ref = _term("bill_kind", e.code), e.season
            elif e.kind == "adjustment":
                entry, ref = _term("adjustment_kind", e.code), e.text
            else:
                entry = _term("ledger_entry", e.kind)
                ref = f"{e.receipt_no} {_term('payment_method', e.code)}"
                if e.reverses:
                    ref = f"{e.receipt_no} → {e.reverses} {e.text}"
            out.append(((e.kind, e.id), e.day, entry, ref,
                        formats.yuan(e.debit) if e.debit else None,
                        formats.yuan(e.credit) if e.credit else None, formats.yuan(e.balance)))
        return out

    def show_card(self, card: AccountCard) -> None:
        super().show_card(card)
        self.table.scrollToBottom()


class AdjustmentsSection(TableSection):
    widths = (90, 80, 110, 100, 70, 80, 240, 90, 90)
    stretch = 6

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Season"), self.tr("Kind"), self.tr("Amount"),
                self.tr("State"), self.tr("Source"), self.tr("Reason"), self.tr("Proposed by"),
                self.tr("Decided by")]

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(a.id, a.business_date or a.proposed_at.date(), a.season,
                 _term("adjustment_kind", a.kind), formats.yuan(a.amount),
                 _term("adjustment_status", a.status), _term("adjustment_source", a.source),
                 a.reason, a.proposed_by, a.decided_by)
                for a in reversed(card.adjustments)]


class RechecksSection(TableSection):
    widths = (130, 80, 80, 80, 90, 90, 80, 90, 200)
    stretch = 8

    def headers(self) -> list[str]:
        return [self.tr("Checked at"), self.tr("By"), self.tr("Season"), self.tr("Result"),
                self.tr("Billed area"), self.tr("Measured area"), self.tr("Status found"),
                self.tr("Follow-up"), self.tr("Notes")]

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(r.id, r.checked_at, r.checked_by, r.season, _term("recheck_result", r.result),
                 r.billed_area, r.measured_area, _term("account_status", r.status_found),
                 _term("recheck_follow_up", r.follow_up), r.notes) for r in card.rechecks]


class DunningSection(TableSection):
    widths = (130, 80, 70, 220, 90, 90, 200)
    stretch = 3

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("By"), self.tr("Method"), self.tr("Result"),
                self.tr("Promised"), self.tr("Follow up on"), self.tr("Notes")]

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(i, c.at, c.by, _term("dunning_method", c.method), c.result, c.promised_date,
                 c.next_follow_up, c.notes) for i, c in enumerate(card.dunning or ())]


class StatusSection(TableSection):
    widths = (140, 90, 90, 100, 300)
    stretch = 4

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("From"), self.tr("To"), self.tr("By"),
                self.tr("Reason")]

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(i, s.at, _term("account_status", s.from_status),
                 _term("account_status", s.to_status), s.by, s.reason)
                for i, s in enumerate(reversed(card.status_history))]
