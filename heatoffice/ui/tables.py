"""Read-only tables of the billing pages: bounded lists in the lazy model, one look for all."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

from heatoffice.ui.lazy_model import Fetch, LazyTableModel


def fixed_rows(rows: list[tuple]) -> Fetch:
    """A fetch over rows already in memory (a bounded list shown in the lazy model)."""
    return lambda offset, limit: rows[offset:offset + limit]


def make_table(model: LazyTableModel, widths: tuple[int, ...], stretch: int | None = None,
               *, multi: bool = False) -> QTableView:
    """Whole-row selection, no editing, alternating rows; ``stretch`` takes the spare width."""
    table = QTableView()
    table.setModel(model)
    return _shaped(table, widths, stretch, multi=multi)


def make_widget_table(headers: list[str], widths: tuple[int, ...],
                      stretch: int | None = None) -> QTableWidget:
    """A small list filled item by item (QTableWidget), with the same look as make_table."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    return _shaped(table, widths, stretch, multi=False)


def _shaped(table: Any, widths: tuple[int, ...], stretch: int | None, *, multi: bool) -> Any:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_keys(table: QTableView, model: LazyTableModel) -> list[Any]:
    """The keys of the selected rows in order, or of the current row."""
    rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
    if not rows and table.currentIndex().isValid():
        rows = [table.currentIndex().row()]
    return [model.key(r) for r in rows]
