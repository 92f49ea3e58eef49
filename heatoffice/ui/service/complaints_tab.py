"""投诉: the list (open, overdue), a new complaint's form, the selected one's record and the
handler's actions: handle (facts, the customer's view, the decision), escalate to a manager,
reply by phone or letter, print the reply letter."""

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
from heatoffice.exports import documents
from heatoffice.service import case_queries, complaints
from heatoffice.ui.feedback import preview_document
from heatoffice.ui.service.case_tab import CaseTab
from heatoffice.ui.service.case_widgets import combo, when


class ComplaintsTab(CaseTab):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(actor, parent)
        self.pick_first = self.tr("Select a complaint first.")
        self.state_filter = combo("complaint_state", self.tr("(all)"))
        self.open_only = QCheckBox(self.tr("Open only"))
        self.overdue_only = QCheckBox(self.tr("Reply overdue"))
        self.state_filter.currentIndexChanged.connect(self.load)
        self.open_only.toggled.connect(self.load)
        self.overdue_only.toggled.connect(self.load)

        new = QGroupBox(self.tr("New complaint"))
        self.channel = combo("complaint_channel")
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.account = QLineEdit()
        self.account.setPlaceholderText(self.tr("account number, or the address below"))
        self.address = QLineEdit()
        self.content = QLineEdit()
        self.add_button = QPushButton(self.tr("Record complaint"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout(new)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Complainant:"), self.name)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Complaint:"), self.content)
        form.addRow("", self.add_button)
        self.make_list(
            [self.tr("Number"), self.tr("Channel"), self.tr("State"), self.tr("Account no."),
             self.tr("Complainant"), self.tr("Received"), self.tr("Handler"),
             self.tr("Reply due"), self.tr("Overdue")], (120, 60, 80, 110, 80, 120, 70, 120, 50))

        act = QGroupBox(self.tr("Selected complaint"))
        self.facts = QLineEdit()
        self.view = QLineEdit()
        self.decision = QLineEdit()
        self.handle_button = QPushButton(self.tr("Record decision"))
        self.handle_button.clicked.connect(self.handle)
        self.manager = QLineEdit()
        self.manager.setPlaceholderText(self.tr("manager's user name"))
        self.escalate_reason = QLineEdit()
        self.escalate_reason.setPlaceholderText(self.tr("why it is beyond the handler's authority"))
        self.escalate_button = QPushButton(self.tr("Escalate"))
        self.escalate_button.clicked.connect(self.escalate)
        self.method = combo("reply_method")
        self.reply_text = QLineEdit()
        self.reply_button = QPushButton(self.tr("Record reply"))
        self.reply_button.clicked.connect(self.reply)
        self.letter_button = QPushButton(self.tr("Reply letter…"))
        self.letter_button.clicked.connect(self.print_letter)
        acts = QFormLayout(act)
        acts.addRow(self.tr("Facts:"), self.facts)
        acts.addRow(self.tr("Customer's view:"), self.view)
        row = QHBoxLayout()
        row.addWidget(self.decision, 1)
        row.addWidget(self.handle_button)
        acts.addRow(self.tr("Decision:"), row)
        row = QHBoxLayout()
        row.addWidget(self.manager)
        row.addWidget(self.escalate_reason, 1)
        row.addWidget(self.escalate_button)
        acts.addRow(self.tr("Escalate to:"), row)
        row = QHBoxLayout()
        row.addWidget(self.method)
        row.addWidget(self.reply_text, 1)
        row.addWidget(self.reply_button)
        row.addWidget(self.letter_button)
        acts.addRow(self.tr("Reply:"), row)

        self.arrange((self.state_filter, self.open_only, self.overdue_only), new,
                     self.channel, act, ("complaints",))

    def fetch(self) -> list[case_queries.ComplaintRow]:
        return case_queries.complaints(self.actor, state=self.state_filter.currentData(),
                                       open_only=self.open_only.isChecked(),
                                       overdue=self.overdue_only.isChecked())

    def cells(self, r: Any) -> tuple[Any, ...]:
        return (r.number, r.number, glossary.label("complaint_channel", r.channel),
                glossary.label("complaint_state", r.state), r.account_no, r.complainant,
                when(r.received_at), r.handler, when(r.reply_due),
                self.tr("yes") if r.overdue else "")

    def show_card(self) -> None:
        self.card.clear()
        number = self.current()
        if number is None:
            return
        card = case_queries.complaint(self.actor, number)
        r = card.row
        f = glossary.labels("field")
        for label, value in (
                (f["complaint_content"], r.content), (f["address"], r.address),
                (f["facts"], card.facts), (f["customer_view"], card.customer_view),
                (f["decision"], card.decision), (f["escalated_to"], r.escalated_to),
                (f["reply_text"], card.reply_text)):
            if value:
                self.card.addItem(f"{label}: {value}")
        for s in card.steps:
            self.card.addItem(f"{when(s.at)}  {glossary.label('complaint_action', s.action)}"
                              f"  {s.by}  {s.note}")

    def add(self) -> None:
        if self.write(complaints.add, channel=self.channel.currentData(),
                      complainant=self.name.text(), phone=self.phone.text(),
                      account=self.account.text(), address=self.address.text(),
                      content=self.content.text()):
            for edit in (self.name, self.phone, self.account, self.address, self.content):
                edit.clear()
            self.table.selectRow(0)

    def handle(self) -> None:
        number = self.selected()
        if number and self.write(complaints.handle, number, facts=self.facts.text(),
                                 view=self.view.text(), decision=self.decision.text()):
            for edit in (self.facts, self.view, self.decision):
                edit.clear()

    def escalate(self) -> None:
        number = self.selected()
        if number and self.write(complaints.escalate, number, to=self.manager.text(),
                                 reason=self.escalate_reason.text()):
            self.escalate_reason.clear()

    def reply(self) -> None:
        number = self.selected()
        if number and self.write(complaints.reply, number, method=self.method.currentData(),
                                 text=self.reply_text.text()):
            self.reply_text.clear()

    def print_letter(self) -> None:
        number = self.selected()
        if number is None:
            return
        actor = self.actor
        preview_document(self, lambda path, _p: documents.print_reply_letter(actor, path,
                                                                             number),
                         f"reply-{number}", self.tr("Reply letter"),
                         self.tr("Writing the letter…"))
