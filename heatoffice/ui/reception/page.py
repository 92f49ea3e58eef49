"""业务受理: the list of applications with filters (a department's filter is its queue), the
selected one's timeline, the workflow's buttons and the new-application wizard (Ctrl+N)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.exports import documents
from heatoffice.reception import queries
from heatoffice.reception import service as reception
from heatoffice.ui import formats
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import inform, preview_document, show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.reception.wizard import NewApplicationWizard
from heatoffice.ui.tables import fixed_rows, make_table

VERBS = ("review", "accept", "return", "reject", "forward", "done", "cancel")


def _combo(group: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for code in glossary.codes(group):
        combo.addItem(glossary.label(group, code), code)
    return combo


class ReceptionPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.wizard: NewApplicationWizard | None = None
        self.preview = None
        everything = self.tr("(all)")
        self.type_filter = _combo("application_type", everything)
        self.state_filter = _combo("application_state", everything)
        self.department = _combo("application_department", everything)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.clerk = QLineEdit()
        self.clerk.setPlaceholderText(self.tr("clerk"))
        for widget in (self.type_filter, self.state_filter, self.department):
            widget.currentIndexChanged.connect(self.load)
        self.overdue.toggled.connect(self.load)
        self.clerk.returnPressed.connect(self.load)
        self.new_button = QPushButton(self.tr("New application…"))
        self.new_button.clicked.connect(self.new_application)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_application)

        self.model = LazyTableModel(
            [self.tr("Number"), self.tr("Type"), self.tr("State"), self.tr("Account no."),
             self.tr("Applicant"), self.tr("Received"), self.tr("Clerk"),
             self.tr("Department"), self.tr("Due"), self.tr("Overdue")],
            fixed_rows([]), parent=self)
        self.table = make_table(self.model, (120, 90, 70, 120, 80, 90, 80, 70, 90, 50), 4)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_timeline())
        self.timeline = QListWidget()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("reason (return, reject, cancel)"))
        self.to_department = _combo("application_department", self.tr("(by type)"))
        self.buttons = {}
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.to_department)
        for verb in VERBS:
            button = QPushButton(glossary.label("application_state",
                                                reception.workflow.ACTIONS[verb][0]))
            button.clicked.connect(lambda _c=False, v=verb: self.move_to(v))
            self.buttons[verb] = button
            actions.addWidget(button)
        prints = QHBoxLayout()
        self.count_label = QLabel()
        prints.addWidget(self.count_label, 1)
        for name, text in (("acceptance", self.tr("Acceptance receipt")),
                           ("review", self.tr("Review form")),
                           ("handover", self.tr("Hand-over slip"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, n=name: self.print_document(n))
            prints.addWidget(button)

        filters = QHBoxLayout()
        for text, widget in ((self.tr("Type:"), self.type_filter),
                             (self.tr("State:"), self.state_filter),
                             (self.tr("Department:"), self.department)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addWidget(self.clerk)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.timeline)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addLayout(prints)
        self.load()
        subscribe(self, ("applications",), self.load)

    def load(self) -> None:
        keep = self.current()
        rows = queries.applications(
            self.actor, type_=self.type_filter.currentData(),
            state=self.state_filter.currentData(), department=self.department.currentData(),
            clerk=self.clerk.text().strip() or None, overdue=self.overdue.isChecked(),
            limit=2000)
        yes = self.tr("yes")
        self.model.reset_query(fixed_rows([
            (r.number, r.number, glossary.label("application_type", r.type),
             glossary.label("application_state", r.state), r.account_no, r.applicant,
             formats.display(r.received_on), r.received_by,
             glossary.label("application_department", r.department) if r.department else "",
             formats.display(r.due_on), yes if r.overdue else "") for r in rows]))
        self.count_label.setText(self.tr("{count} applications").format(count=len(rows)))
        numbers = [r.number for r in rows]
        if keep in numbers:  # the application just moved stays selected
            self.table.selectRow(numbers.index(keep))
        self.show_timeline()

    def current(self) -> str | None:
        index = self.table.currentIndex()
        return str(self.model.key(index.row())) if index.isValid() else None

    def show_timeline(self) -> None:
        self.timeline.clear()
        number = self.current()
        if number is None:
            return
        for label, value in queries.card_lines(queries.card(self.actor, number)):
            self.timeline.addItem(f"{label}: {value}")

    def new_application(self) -> None:
        self.wizard = NewApplicationWizard(self.actor, self)
        self.wizard.open()

    def move_to(self, verb: str) -> None:
        number = self.current()
        if number is None:
            inform(self, self.tr("Select an application first."))
            return
        try:
            perform(reception.move, self.actor, number, verb,
                    to=self.to_department.currentData() or "", reason=self.reason.text())
        except UserError as exc:
            show_error(self, exc)
            return
        self.reason.clear()

    def print_document(self, name: str) -> None:
        number = self.current()
        if number is None:
            inform(self, self.tr("Select an application first."))
            return
        write = {"acceptance": documents.print_acceptance, "review": documents.print_review,
                 "handover": documents.print_handover}[name]
        actor = self.actor
        preview_document(self, lambda path, _p: write(actor, path, number),
                         f"{name}-{number}", name, self.tr("Writing the document…"))
