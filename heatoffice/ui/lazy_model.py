"""One lazy table model for big registers: rows fetched from SQL in batches, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from heatoffice.ui import formats

Fetch = Callable[[int, int], list[tuple]]
# Given a column and whether descending, a new fetch ordered that way in SQL.
Sorter = Callable[[int, bool], Fetch]

BATCH = 200

_Index = QModelIndex | QPersistentModelIndex


class LazyTableModel(QAbstractTableModel):
    """Rows come from ``fetch(offset, limit)`` as tuples; only fetched rows are cached.

    When ``has_key`` is true the first element of each row is its key (a record id): it is
    not shown, and :meth:`key` returns it.
    """

    def __init__(self, headers: Sequence[str], fetch: Fetch, *, sorter: Sorter | None = None,
                 has_key: bool = True, batch: int = BATCH, parent=None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._fetch = fetch
        self._sorter = sorter
        self._skip = 1 if has_key else 0
        self._batch = batch
        self._rows: list[tuple] = []
        self._more = True
        self._load()

    # --- queries -----------------------------------------------------------------------
    def reset_query(self, fetch: Fetch) -> None:
        """Drop the cache and start over with a new query (new search text or order)."""
        self.beginResetModel()
        self._fetch = fetch
        self._rows = []
        self._more = True
        self._load()
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def _load(self) -> list[tuple]:
        rows = self._fetch(len(self._rows), self._batch) if self._more else []
        if len(rows) < self._batch:
            self._more = False
        self._rows.extend(rows)
        return rows

    def key(self, row: int) -> Any:
        return self._rows[row][0] if self._skip else row

    def row_values(self, row: int) -> tuple:
        return self._rows[row][self._skip:]

    def all_fetched(self) -> bool:
        return not self._more

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        rows = self._fetch(len(self._rows), self._batch)
        if len(rows) < self._batch:
            self._more = False
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        value = self._rows[index.row()][index.column() + self._skip]
        if role == Qt.ItemDataRole.DisplayRole:
            return formats.display(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if formats.is_number(value):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return formats.display(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the page for a query ordered by ``column``: sorting happens in SQL."""
        if self._sorter is None:
            return
        self.reset_query(self._sorter(column, order == Qt.SortOrder.DescendingOrder))
