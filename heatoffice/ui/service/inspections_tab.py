"""稽查: the list (open ones with their age), a new inspection's form, the selected one's
record and its actions: conclude, follow up (stolen heat proposed as an adjustment, a fine,
reconnection, rectification), close (refused without an owner and an outcome)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.service import case_queries, inspections
from heatoffice.ui import formats
from heatoffice.ui.service.case_tab import CaseTab
from heatoffice.ui.service.case_widgets import combo, when


class InspectionsTab(CaseTab):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(actor, parent)
        self.pick_first = self.tr("Select an inspection first.")
        self.kind_filter = combo("inspection_kind", self.tr("(all)"))
        self.open_only = QCheckBox(self.tr("Open only"))
        self.kind_filter.currentIndexChanged.connect(self.load)
        self.open_only.toggled.connect(self.load)

        new = QGroupBox(self.tr("New inspection"))
        self.kind = combo("inspection_kind")
        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("account number, or the address below"))
        self.address = QLineEdit()
        self.findings = QLineEdit()
        self.evidence = QLineEdit()
        self.inspector = QLineEdit()
        self.inspector.setPlaceholderText(self.tr("user name (you by default)"))
        self.add_button = QPushButton(self.tr("Record inspection"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout(new)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Findings:"), self.findings)
        form.addRow(self.tr("Evidence:"), self.evidence)
        form.addRow(self.tr("Inspector:"), self.inspector)
        form.addRow("", self.add_button)
        self.make_list(
            [self.tr("Number"), self.tr("Kind"), self.tr("State"), self.tr("Conclusion"),
             self.tr("Account no."), self.tr("Inspector"), self.tr("Inspected"),
             self.tr("Days open"), self.tr("Follow-ups")], (120, 70, 70, 60, 110, 70, 120, 60, 60))

        act = QGroupBox(self.tr("Selected inspection"))
        self.conclusion = combo("inspection_conclusion")
        self.conclude_button = QPushButton(self.tr("Conclude"))
        self.conclude_button.clicked.connect(self.conclude)
        self.follow_kind = combo("inspection_follow_up")
        self.days = QLineEdit()
        self.days.setPlaceholderText(self.tr("days"))
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("m² (the account's)"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("fine, yuan"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("what was done"))
        self.follow_button = QPushButton(self.tr("Record follow-up"))
        self.follow_button.clicked.connect(self.follow_up)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close_inspection)
        acts = QFormLayout(act)
        row = QHBoxLayout()
        row.addWidget(self.conclusion)
        row.addWidget(self.conclude_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        acts.addRow(self.tr("Conclusion:"), row)
        row = QHBoxLayout()
        for widget in (self.follow_kind, self.days, self.area, self.amount):
            row.addWidget(widget)
        row.addWidget(self.note, 1)
        row.addWidget(self.follow_button)
        acts.addRow(self.tr("Follow-up:"), row)

        self.arrange((self.kind_filter, self.open_only), new, self.kind, act,
                     ("inspections",))

    def fetch(self) -> list[case_queries.InspectionRow]:
        return case_queries.inspections(self.actor, kind=self.kind_filter.currentData(),
                                        open_only=self.open_only.isChecked())

    def cells(self, r: Any) -> tuple[Any, ...]:
        return (r.number, r.number, glossary.label("inspection_kind", r.kind),
                glossary.label("inspection_state", r.state),
                glossary.label("inspection_conclusion", r.conclusion) if r.conclusion else "",
                r.account_no, r.inspector, when(r.inspected_at),
                r.age_days if r.state != "closed" else "", r.follow_ups)

    def show_card(self) -> None:
        self.card.clear()
        number = self.current()
        if number is None:
            return
        card = case_queries.inspection(self.actor, number)
        f = glossary.labels("field")
        for label, value in ((f["address"], card.row.address), (f["findings"], card.findings),
                             (f["evidence"], card.evidence)):
            if value:
                self.card.addItem(f"{label}: {value}")
        for u in card.follow_ups:
            amount = "" if u.amount is None else f"  {formats.money(u.amount)}"
            self.card.addItem(f"{when(u.at)}  {glossary.label('inspection_follow_up', u.kind)}"
                              f"{amount}  {u.by}  {u.note}")

    def add(self) -> None:
        if self.write(inspections.add, kind=self.kind.currentData(),
                      account=self.account.text(), address=self.address.text(),
                      findings=self.findings.text(), evidence=self.evidence.text(),
                      inspector=self.inspector.text()):
            for edit in (self.account, self.address, self.findings, self.evidence):
                edit.clear()
            self.table.selectRow(0)

    def conclude(self) -> None:
        number = self.selected()
        if number:
            self.write(inspections.conclude, number, self.conclusion.currentData())

    def follow_up(self) -> None:
        number = self.selected()
        if number and self.write(inspections.follow_up, number,
                                 self.follow_kind.currentData(), amount=self.amount.text(),
                                 area=self.area.text(), days=self.days.text(),
                                 note=self.note.text()):
            for edit in (self.days, self.area, self.amount, self.note):
                edit.clear()

    def close_inspection(self) -> None:
        number = self.selected()
        if number:
            self.write(inspections.close, number)
