"""The work orders page (维修单): the list with its overdue and undispatched flags."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class WorkOrdersPage(QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        QVBoxLayout(self).addWidget(QLabel(self.tr("Work orders")))
