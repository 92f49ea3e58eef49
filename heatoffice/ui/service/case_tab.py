"""What the complaints' and inspections' tabs share (``CaseTab``): the list under its filters
beside the new case's form and the selected case's record, the selected case's actions
below; the tab's own Ctrl+N; the selection kept when the list reloads; a refused write shown
in a message. A tab makes its widgets and gives ``fetch`` (the rows), ``cells`` (a row's
key and cells), ``show_card`` and the text of ``pick_first``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.ui.changes import perform, subscribe
from heatoffice.ui.feedback import inform
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table


class CaseTab(QWidget):
    pick_first = ""  # the message when an action needs a selected case (set translated)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.card = QListWidget()

    def make_list(self, headers: list[str], widths: tuple[int, ...]) -> None:
        """The list (``model``, ``table``); the selected row's record shows in ``card``."""
        self.model = LazyTableModel(headers, fixed_rows([]), parent=self)
        self.table = make_table(self.model, widths, 4)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_card())

    def arrange(self, filters: Sequence[QWidget], new: QGroupBox, first: QWidget,
                act: QGroupBox, kinds: tuple[str, ...]) -> None:
        """Lay the tab out, load it and reload it whenever ``kinds`` change; Ctrl+N goes to
        ``first``, the new case's first field (each tab its own: the page's tabs share one
        window)."""
        new_key = QShortcut(QKeySequence("Ctrl+N"), self, first.setFocus)
        new_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar = QHBoxLayout()
        for widget in filters:
            bar.addWidget(widget)
        bar.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addWidget(self.table, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(new)
        rv.addWidget(self.card, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(act)
        self.load()
        subscribe(self, kinds, self.load)

    def fetch(self) -> Sequence[Any]:
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[Any, ...]:
        """The row's key (its number) and then its cells."""
        raise NotImplementedError

    def show_card(self) -> None:
        raise NotImplementedError

    def load(self) -> None:
        keep = self.current()
        rows = self.fetch()
        self.model.reset_query(fixed_rows([self.cells(r) for r in rows]))
        numbers = [r.number for r in rows]
        if keep in numbers:
            self.table.selectRow(numbers.index(keep))
        self.show_card()

    def current(self) -> str | None:
        index = self.table.currentIndex()
        return str(self.model.key(index.row())) if index.isValid() else None

    def selected(self) -> str | None:
        """The selected case's number; without one, says so and gives None."""
        number = self.current()
        if number is None:
            inform(self, self.pick_first)
        return number

    def write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Call the service as this tab's user; a refusal is shown and gives False."""
        try:
            perform(service, self.actor, *args, **kwargs)
        except UserError as exc:
            inform(self, exc.message(), warning=True)
            return False
        return True
