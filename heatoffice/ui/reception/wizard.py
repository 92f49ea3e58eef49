"""新申请: the keyboard-driven wizard of the front desk. Type → account (its card and balance)
→ applicant → documents → rules check → receive and print the receipt. Enter goes on,
Alt+B goes back, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.exports import documents
from heatoffice.reception import queries
from heatoffice.reception import service as reception
from heatoffice.ui.changes import perform
from heatoffice.ui.feedback import preview_document

NEW_FIELDS = ("name", "community", "building", "unit", "room", "heating_area")
# a document's choice: (code of the form, disposition) or None for "not brought"
CHOICES = (None, ("original", "returned"), ("original", "kept"), ("copy", "kept"))


class NewApplicationWizard(QDialog):
    TYPE, ACCOUNT, APPLICANT, DOCUMENTS, RULES, DONE = range(6)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("New application"))
        self.card: queries.AccountCard | None = None
        self.number = ""
        self.preview = None
        self.stack = QStackedWidget()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setDefault(True)
        self.next_button.setAutoDefault(True)
        self.next_button.clicked.connect(self.advance)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self.advance)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self, self.advance)

        self.types = QListWidget()
        for code in glossary.codes("application_type"):
            item = QListWidgetItem(glossary.label("application_type", code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.types.addItem(item)
        self.types.setCurrentRow(0)

        self.account_no = QLineEdit()
        self.account_info = QLabel()
        self.account_info.setWordWrap(True)
        self.new_fields = {f: QLineEdit() for f in NEW_FIELDS}
        account_page = QWidget()
        form = QFormLayout(account_page)
        form.addRow(glossary.label("field", "account_no"), self.account_no)
        form.addRow(self.account_info)
        for f, edit in self.new_fields.items():
            form.addRow(glossary.label("field", f), edit)

        self.applicant = QLineEdit()
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.relation = QComboBox()
        for code in glossary.codes("applicant_relation"):
            self.relation.addItem(glossary.label("applicant_relation", code), code)
        self.wanted = QLineEdit()
        self.wanted.setPlaceholderText("YYYY-MM-DD")
        self.note = QLineEdit()
        applicant_page = QWidget()
        form = QFormLayout(applicant_page)
        for code, widget in (("applicant_name", self.applicant), ("applicant_phone", self.phone),
                             ("applicant_id", self.id_number), ("relation", self.relation),
                             ("wanted_from", self.wanted), ("application.request", self.note)):
            form.addRow(glossary.label("field", code), widget)

        self.docs_page = QWidget()
        self.docs_form = QFormLayout(self.docs_page)
        self.doc_combos: dict[str, QComboBox] = {}

        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        for page in (self.types, account_page, applicant_page, self.docs_page, self.rules,
                     self.outcome):
            self.stack.addWidget(page)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.resize(520, 420)
        self.show_step(self.TYPE)

    # -- the steps ----------------------------------------------------------------------------

    def app_type(self) -> str:
        item = self.types.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "other"

    def show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.back_button.setEnabled(self.TYPE < step < self.DONE)
        self.next_button.setText(self.tr("&Receive") if step == self.RULES else
                                 self.tr("&Print receipt") if step == self.DONE else
                                 self.tr("&Next"))
        self.hint.setText("")
        focus = {self.TYPE: self.types, self.ACCOUNT: self.account_no,
                 self.APPLICANT: self.applicant}.get(step)
        if step == self.ACCOUNT:
            new = self.app_type() == "new-connection"
            self.account_no.setEnabled(not new)
            for edit in self.new_fields.values():
                edit.setEnabled(new)
            focus = self.new_fields["name"] if new else self.account_no
        if step == self.DOCUMENTS:
            self.fill_documents()
            focus = next(iter(self.doc_combos.values()), None)
        if step == self.RULES:
            self.fill_rules()
        # after the event loop has shown the step's new widgets (a hidden one takes no focus)
        QTimer.singleShot(0, (focus or self.next_button).setFocus)

    def advance(self) -> None:
        step = self.stack.currentIndex()
        if step == self.ACCOUNT and not self.look_up():
            return
        if step == self.RULES:
            self.receive()
            return
        if step == self.DONE:
            self.print_receipt()
            return
        self.show_step(step + 1)

    def back(self) -> None:
        step = self.stack.currentIndex()
        if self.TYPE < step < self.DONE:
            self.show_step(step - 1)

    def look_up(self) -> bool:
        """The account's card and balance; the applicant defaults to its owner."""
        if self.app_type() == "new-connection":
            return True
        self.card = queries.account_card(self.actor, self.account_no.text())
        if self.card is None:
            self.account_info.setText(self.tr("No such account."))
            return False
        c = self.card
        info = self.tr("{name}, {address}, {area} m², {status}; balance ¥{balance}").format(
            name=c.name, address=c.address, area=c.heating_area,
            status=glossary.label("account_status", c.status), balance=c.balance)
        self.account_info.setText(info)
        if self.stack.currentIndex() == self.ACCOUNT and self.account_info.property("shown") \
                != c.account_no:
            # first Enter shows the card; the second goes on
            self.account_info.setProperty("shown", c.account_no)
            if not self.applicant.text():
                self.applicant.setText(c.name)
                self.phone.setText(c.phone)
            return False
        return True

    def fill_documents(self) -> None:
        while self.docs_form.rowCount():
            self.docs_form.removeRow(0)
        self.doc_combos = {}
        relation = str(self.relation.currentData())
        for key, name in queries.checklist_of(self.actor, self.app_type(), relation):
            combo = QComboBox()
            combo.addItem(self.tr("not brought"), None)
            for choice in CHOICES[1:]:
                assert choice is not None
                combo.addItem(f"{glossary.label('document_form', choice[0])}，"
                              f"{glossary.label('document_disposition', choice[1])}", choice)
            combo.setCurrentIndex(1)
            self.doc_combos[key] = combo
            self.docs_form.addRow(name, combo)
        if not self.doc_combos:
            self.docs_form.addRow(QLabel(self.tr("No documents are needed.")))

    def chosen_documents(self) -> list[tuple[str, str, str]]:
        out = []
        for key, combo in self.doc_combos.items():
            choice = combo.currentData()
            if choice:
                out.append((key, *choice))
        return out

    def fill_rules(self) -> None:
        lines = []
        missing = [k for k, combo in self.doc_combos.items() if not combo.currentData()]
        if missing:
            lines.append(self.tr("Missing: {docs} (it can be received, not accepted)").format(
                docs="、".join(queries.document_name(k) for k in missing)))
        problem = queries.rule_problem(self.actor, self.app_type(), self.account_no.text()
                                       if self.card else "")
        if problem:
            lines.append(problem)
        self.rules.setText("\n".join(lines) or self.tr("All desk rules are met."))
        self.rules.setProperty("refused", bool(problem))

    def receive(self) -> None:
        new = self.app_type() == "new-connection"
        details = ({f: e.text() for f, e in self.new_fields.items()} if new else {})
        try:
            app = perform(reception.receive, self.actor, self.app_type(),
                          account=None if new else self.account_no.text(),
                          new_account=details or None, applicant=self.applicant.text(),
                          phone=self.phone.text(), id_number=self.id_number.text(),
                          relation=str(self.relation.currentData()),
                          wanted_from=self.wanted.text() or None,
                          docs=self.chosen_documents(), note=self.note.text())
        except UserError as exc:
            self.hint.setText(exc.message())
            return
        self.number = app.number
        late = reception.stop_is_late(app)
        text = self.tr("Received: {number}").format(number=app.number)
        if late is not None:
            text += "\n" + self.tr("Filed after the deadline: stops from the {season} season.") \
                .format(season=f"{late.start_year}-{late.start_year + 1}")
        self.outcome.setText(text)
        self.show_step(self.DONE)

    def print_receipt(self) -> None:
        actor, number = self.actor, self.number
        preview_document(self, lambda path, _p: documents.print_acceptance(actor, path, number),
                         f"acceptance-{number}", self.tr("Acceptance receipt"),
                         self.tr("Writing the receipt…"))
