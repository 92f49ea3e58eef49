"""备份: the admin's list of backups (file, when, size, kind, checksum verified), the folder,
the last backup's age, and Back up now. Restore is the command line's (every desk closed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.backup import queries
from heatoffice.backup import service as backups
from heatoffice.errors import UserError
from heatoffice.ui import formats
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import inform, show_error
from heatoffice.ui.tables import make_widget_table


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    value = float(n)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:,.1f} {unit}"


class BackupsPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.rows: list = []
        self.folder_label = QLabel()
        self.folder_label.setObjectName("folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_label = QLabel()
        self.last_label.setObjectName("last_backup")
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)

        self.table = make_widget_table([
            self.tr("File"), self.tr("Made"), self.tr("Size"), self.tr("Kind"),
            self.tr("Checksum")], (330, 150, 90, 110, 90), 0)
        self.table.setObjectName("backups")

        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.last_label)
        note = QLabel(self.tr(
            "Automatic backups: the first start of the day; kept 7 daily, 4 weekly and 12 "
            "monthly (settings backup_daily, backup_weekly, backup_monthly). To restore, close "
            "every desk and run: heatoffice restore FILE --last-receipt NO (the last receipt "
            "number really issued, from the stub book or the last daily report)."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.setFocusProxy(self.table)
        subscribe(self, ("backups",), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.folder_label.setText(self.tr("Backups folder: {folder}").format(
            folder=queries.folder(self.actor)))
        self.last_label.setText(last_backup_text(self.actor))
        self.rows = queries.backups(self.actor)
        self.table.setRowCount(len(self.rows))
        for r, b in enumerate(self.rows):
            checksum = (self.tr("missing") if b.checksum_ok is None
                        else self.tr("ok") if b.checksum_ok else self.tr("DAMAGED"))
            values = (b.path.name, formats.display(b.made_at), size_text(b.size),
                      glossary.label("backup_kind", b.kind) if b.kind else "—", checksum)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def back_up(self) -> bool:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = perform(backups.make_backup, self.actor)
        except UserError as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc)
            return False
        QApplication.restoreOverrideCursor()
        inform(self, self.tr("Backed up: {file}").format(file=path))
        return True


def last_backup_text(actor: Actor) -> str:
    """"Last backup: 3 days ago" (or today, or never) for the status bar and the page; ""
    for a role that does not make backups."""
    last = queries.last_backup(actor)
    if last is None:
        return ""

    translate = QCoreApplication.translate
    if last.at is None:
        return translate("Backups", "Last backup: never")
    if last.age_days == 0:
        return translate("Backups", "Last backup: today {time}").format(time=f"{last.at:%H:%M}")
    return translate("Backups", "Last backup: {days} days ago").format(days=last.age_days)
