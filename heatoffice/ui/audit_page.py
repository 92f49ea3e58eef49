"""The audit log page: who did what and when, in the user's language, filtered by user and
action (a code prefix or a word of its name)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice.audit import display
from heatoffice.audit import queries as audit
from heatoffice.auth.actor import Actor
from heatoffice.ui import formats
from heatoffice.ui.tables import make_widget_table

LIMIT = 500


class AuditPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.entries: list = []
        self.user_filter = QLineEdit()
        self.user_filter.setObjectName("user_filter")
        self.user_filter.setPlaceholderText(self.tr("user name"))
        self.action_filter = QLineEdit()
        self.action_filter.setObjectName("action_filter")
        self.action_filter.setPlaceholderText(self.tr("e.g. accounts. or auth.login"))
        self.action_filter.setMinimumWidth(220)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        for edit in (self.user_filter, self.action_filter):
            edit.returnPressed.connect(self.refresh)

        self.table = make_widget_table([
            self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Table"),
            self.tr("Record"), self.tr("Note")], (150, 90, 150, 90, 70), 5)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select a row to see the values before and "
                                                "after the change."))
        self.count_label = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("User:")))
        filters.addWidget(self.user_filter)
        filters.addWidget(QLabel(self.tr("Action starts with:")))
        filters.addWidget(self.action_filter)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self.refresh()

    def refresh(self) -> None:
        wanted = self.action_filter.text().strip()
        # A code prefix ("accounts.") as before; any other text finds actions by name.
        by_code = not wanted or re.fullmatch(r"[a-z_.]+", wanted) is not None
        self.entries = audit.entries(
            self.actor, user=self.user_filter.text().strip() or None,
            action=wanted if by_code and wanted else None,
            actions=None if by_code else display.actions_named(wanted), limit=LIMIT)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            values = (formats.display(entry.at), entry.actor, display.action_label(entry.action),
                      display.table_label(entry.table), entry.record_id,
                      display.note_text(entry.note))
            items = [QTableWidgetItem(value) for value in values]
            items[2].setToolTip(entry.action)  # the code, for whoever searches by it
            for c, item in enumerate(items):
                self.table.setItem(r, c, item)
        text = self.tr("{count} entries, newest first").format(count=len(self.entries))
        if len(self.entries) >= LIMIT:
            text += " " + self.tr("(only the newest {limit} shown)").format(limit=LIMIT)
        self.count_label.setText(text)
        self.details.clear()

    def _show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        entry = self.entries[rows[0].row()]
        changes = display.changes(entry.table, entry.before, entry.after)
        parts = []
        for title, side in ((self.tr("Before"), "before"), (self.tr("After"), "after")):
            lines = [f"  {c.label}: {getattr(c, side)}" for c in changes
                     if getattr(c, side) is not None]
            if lines:
                parts.append(f"{title}:\n" + "\n".join(lines))
        self.details.setPlainText("\n\n".join(parts))
