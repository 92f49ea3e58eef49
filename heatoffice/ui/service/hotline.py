"""The hotline page (热线): the greeting script, the call form and its read-back panel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class HotlinePage(QWidget):
    def __init__(self, actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        QVBoxLayout(self).addWidget(QLabel(self.tr("Hotline")))
