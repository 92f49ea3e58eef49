"""数据导入: choose the kind and the file, map the columns, preview the problems, import."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from heatoffice.auth.actor import Actor


class ImportPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Import")))
