"""客户卡片: one account on one window for the front desk, the cashier and finance: its facts,
what it owes today season by season, its records in tabs (heatoffice.ui.card_sections), and
the actions the role may take. Opened by double-click or Enter wherever an account is listed
(:func:`open_card`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.billing import queries as billing
from heatoffice.billing.card import AccountCard
from heatoffice.billing.owed_seasons import SeasonOwed
from heatoffice.ui import card_sections, formats
from heatoffice.ui.changes import subscribe
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table

# The card's size when the screen has room; it shrinks to fit a 1366×768 office screen.
PREFERRED = QSize(1240, 720)
FACTS = (("account_no", 0, 0, 1), ("name", 0, 2, 1), ("status", 0, 4, 1),
         ("address", 1, 0, 3), ("category", 1, 4, 1),
         ("heating_area", 2, 0, 1), ("station", 2, 2, 1), ("connected_on", 2, 4, 1),
         ("contact", 3, 0, 1), ("phone", 3, 2, 1), ("phone2", 3, 4, 1),
         ("id_number", 4, 0, 1), ("low_income", 4, 2, 1), ("collector", 4, 4, 1))


def fitted_size(available: QSize) -> QSize:
    """The card's size on a screen whose free area is ``available`` (a frame's room kept)."""
    return QSize(min(PREFERRED.width(), available.width() - 24),
                 min(PREFERRED.height(), available.height() - 48))


def cashier_route(origin: QWidget | None) -> Any:
    """What takes a payment for an account from where the card was opened: the cashier's
    window the card sits on, or the main window's cashier page; None when neither exists."""
    widget = origin
    while widget is not None:
        pick = getattr(widget, "pick", None)
        if callable(pick) and hasattr(widget, "panel"):
            return pick
        keys = getattr(widget, "page_keys", None)
        if callable(keys) and "cashier" in keys():
            return _via_page(widget)
        widget = widget.parentWidget()
    return None


def _via_page(window: Any) -> Any:
    def pick(account_id: int) -> None:
        window.show_page("cashier").pick(account_id)

    return pick


class AccountCardDialog(QDialog):
    """``reloaded`` after each load (tests wait for it)."""

    reloaded = Signal()

    def __init__(self, actor: Actor, account_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.account_id = account_id
        self.card: AccountCard | None = None
        self.dialog: QDialog | None = None
        self.preview: Any = None
        self._route = cashier_route(parent) if can(actor, "payments.take") else None
        self.setObjectName("account_card")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.facts: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(3)
        for key, row, column, span in FACTS:
            caption = QLabel(self.caption(key))
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key in ("account_no", "name"):
                font = QFont(value.font())
                font.setBold(True)
                value.setFont(font)
            self.facts[key] = value
            facts.addWidget(caption, row, column)
            facts.addWidget(value, row, column + 1, 1, 2 * span - 1)
        for column in (1, 3, 5):
            facts.setColumnStretch(column, 1)

        self.owed_label = QLabel()
        self.owed_label.setObjectName("owed_summary")
        font = QFont(self.owed_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.owed_label.setFont(font)
        self.owed_model = LazyTableModel(self.owed_headers(), fixed_rows([]), parent=self)
        self.owed_table = make_table(self.owed_model, (90, 70, 110, 100, 90, 110, 110, 100,
                                                       80), 8)
        self.owed_table.setObjectName("owed_table")
        # Three seasons in view (more scroll): the tabs below get the rest of the height.
        self.owed_table.setMinimumHeight(
            self.owed_table.horizontalHeader().sizeHint().height() + 24 * 3 + 4)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sections")
        self.sections: dict[str, QWidget] = {}
        for section in card_sections.sections_for(actor):
            widget = card_sections.create(section, actor, self.tabs)
            widget.setObjectName(f"section_{section.key}")
            self.sections[section.key] = widget
            self.tabs.addTab(widget, card_sections.title(section))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(facts)
        top_layout.addWidget(self.owed_label)
        top_layout.addWidget(self.owed_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([top.minimumSizeHint().height(), PREFERRED.height()])
        splitter.setChildrenCollapsible(False)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, allowed, slot in self._action_list():
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            button.setVisible(allowed)
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        bar.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        screen = QGuiApplication.primaryScreen()
        self.resize(fitted_size(screen.availableGeometry().size()) if screen else PREFERRED)
        self.load()
        subscribe(self, ("ledger", "accounts", "adjustments", "dunning", "rechecks"), self.load)

    # --- texts ---------------------------------------------------------------------------
    def caption(self, key: str) -> str:
        special = {"address": self.tr("Address"), "collector": self.tr("Collector")}
        text = special.get(key) or glossary.label("field", key)
        return text[:1].upper() + text[1:] + glossary.pick("：", ":")

    def owed_headers(self) -> list[str]:
        return [self.tr("Season"), self.tr("Kind"), self.tr("Billed"), self.tr("Adjusted"),
                self.tr("Late fees"), self.tr("Paid"), self.tr("Balance"), self.tr("Due date"),
                self.tr("State")]

    def state(self, row: SeasonOwed) -> str:
        if row.balance <= 0:
            return self.tr("Settled")
        if row.overdue:
            return self.tr("Overdue")
        return self.tr("Not yet due") if row.due_date is not None else self.tr("Owed")

    def _action_list(self) -> list[tuple[str, str, bool, Any]]:
        a = self.actor
        return [
            ("take_payment", self.tr("Take payment"), self._route is not None,
             self.take_payment),
            ("statement", self.tr("Print statement…"), can(a, "billing.view"),
             self.print_statement),
            ("notice", self.tr("Print notice"), can(a, "billing.view"), self.print_notice),
            ("recheck", self.tr("Recheck…"), can(a, "recheck.record"), self.open_recheck),
            ("dunning", self.tr("Record contact…"), can(a, "dunning.record"),
             self.record_contact),
            ("details", self.tr("Account details…"), can(a, "accounts.view"),
             self.open_details),
        ]

    # --- loading -------------------------------------------------------------------------
    def load(self) -> None:
        card = self.card = billing.account_card(self.actor, self.account_id)
        f = card.facts
        self.setWindowTitle(self.tr("Account card: {no} {name}").format(no=f.account_no,
                                                                        name=f.name))
        collectors = [c for c in card.caretakers if c.kind == billing.COLLECTOR_KIND]
        values = {
            "account_no": f.account_no, "name": f.name,
            "status": glossary.label("account_status", f.status), "address": f.address,
            "category": glossary.label("account_category", f.category),
            "heating_area": f"{formats.display(f.heating_area)} ㎡", "station": f.station,
            "connected_on": formats.display(f.connected_on), "contact": f.contact,
            "phone": f.phone, "phone2": f.phone2, "id_number": f.id_number,
            "low_income": self.tr("yes") if f.low_income else self.tr("no"),
            "collector": "、".join(f"{c.name} {c.phone}".strip() for c in collectors),
        }
        for key, label in self.facts.items():
            label.setText(values[key])
        self.facts["collector"].setToolTip("\n".join(
            f"{c.post}：{c.name} {c.phone}".strip() for c in card.caretakers))
        self.show_owed(card)
        for widget in self.sections.values():
            widget.show_card(card)  # type: ignore[attr-defined]
        self._update_actions()
        self.reloaded.emit()

    def show_owed(self, card: AccountCard) -> None:
        owed = card.owed
        parts = [self.tr("Owes today: {total}").format(total=formats.money(owed.total))]
        if owed.overdue:
            parts.append(self.tr("overdue {amount}").format(amount=formats.money(owed.overdue)))
        if owed.late_fees:
            parts.append(self.tr("late fees accrued {amount}").format(
                amount=formats.money(owed.late_fees)))
        if owed.credit:
            parts.append(self.tr("paid ahead {amount}").format(
                amount=formats.money(owed.credit)))
        if owed.discount:
            parts.append(self.tr("settled today: {amount} after a discount of {discount}")
                         .format(amount=formats.money(owed.settle_amount),
                                 discount=formats.money(owed.discount)))
        self.owed_label.setText(" · ".join(parts))
        rows = [(i, r.season, glossary.label("bill_kind", r.kind) if r.kind
                 else self.tr("Other"), formats.yuan(r.billed), formats.yuan(r.adjusted),
                 formats.yuan(r.late_fees), formats.yuan(r.paid), formats.yuan(r.balance),
                 r.due_date, self.state(r))
                for i, r in reversed(list(enumerate(owed.rows)))]
        self.owed_model.reset_query(fixed_rows(rows))

    # --- actions -------------------------------------------------------------------------
    def season_bill(self) -> Any:
        """The season bill the actions are about: the season chosen in the table of what is
        owed, else the latest."""
        assert self.card is not None
        bills = [b for b in self.card.bills if b.kind == "season"]
        index = self.owed_table.currentIndex()
        if index.isValid():
            chosen = self.card.owed.rows[self.owed_model.key(index.row())]
            bills = [b for b in bills if b.id == chosen.bill_id] or bills
        return bills[-1] if bills else None

    def _update_actions(self) -> None:
        has_bill = self.season_bill() is not None
        self.buttons["notice"].setEnabled(has_bill)
        self.buttons["recheck"].setEnabled(has_bill)

    def take_payment(self) -> None:
        if self._route is None:
            return
        self.accept()
        self._route(self.account_id)

    def print_statement(self) -> None:
        from heatoffice.ui.statement_dialog import StatementDialog

        assert self.card is not None
        self.dialog = StatementDialog(self.actor, self.card, self)
        self.dialog.open()

    def print_notice(self) -> None:
        from heatoffice.exports import documents
        from heatoffice.ui.feedback import preview_document

        bill = self.season_bill()
        if bill is None:
            return
        actor, account_id, season_id = self.actor, self.account_id, bill.season_id
        preview_document(
            self, lambda path, _progress: documents.print_account_notice(
                actor, path, account_id, season_id),
            f"notice-{self.card.facts.account_no if self.card else account_id}-{bill.season}",
            self.tr("Payment notice"), self.tr("Writing the notice…"))

    def open_recheck(self) -> None:
        from heatoffice.ui.recheck_dialog import RecheckDialog

        bill, card = self.season_bill(), self.card
        if bill is None or card is None:
            return
        row = billing.RecheckRow(
            account_id=card.account_id, bill_id=bill.id, account_no=card.facts.account_no,
            name=card.facts.name, address=card.facts.address, season=bill.season,
            billed_area=bill.area, billed_status=bill.status_at_issue, amount=bill.total,
            paid=bill.paid)
        self.dialog = RecheckDialog(self.actor, row, bill.season_id, self)
        self.dialog.open()

    def record_contact(self) -> None:
        from heatoffice.ui.dunning_dialog import DunningDialog

        self.dialog = DunningDialog(self.actor, self.account_id, self)
        self.dialog.open()

    def open_details(self) -> None:
        from heatoffice.ui.account_dialog import AccountDialog

        self.dialog = AccountDialog(self.actor, self.account_id, self)
        self.dialog.open()


def open_card(parent: QWidget, actor: Actor, account_id: int) -> AccountCardDialog:
    """Open the card of ``account_id`` over ``parent``; kept on ``parent.card``."""
    card = AccountCardDialog(actor, account_id, parent)
    parent.card = card  # type: ignore[attr-defined]
    card.open()
    return card
