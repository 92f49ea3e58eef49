"""投诉、稽查、室温检测: the service desk's cases page, one tab each (parts 4-6 of issue 11)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from heatoffice.auth.actor import Actor
from heatoffice.ui.service.complaints_tab import ComplaintsTab
from heatoffice.ui.service.inspections_tab import InspectionsTab
from heatoffice.ui.service.tempchecks_tab import TempChecksTab


class CasesPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.complaints = ComplaintsTab(actor, self)
        self.inspections = InspectionsTab(actor, self)
        self.tempchecks = TempChecksTab(actor, self)
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        self.tabs.addTab(self.inspections, self.tr("Inspections"))
        self.tabs.addTab(self.tempchecks, self.tr("Room temperatures"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
