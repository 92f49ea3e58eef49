"""The lazy table model: batches, keys, reset, SQL sorting callback, Qt's model checks."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt

from heatoffice.accounts import register
from heatoffice.ui.lazy_model import LazyTableModel

ROWS = [(i, f"N{i:04d}", Decimal(i) / 4) for i in range(1, 451)]


def fetcher(rows, calls=None):
    def fetch(offset, limit):
        if calls is not None:
            calls.append((offset, limit))
        return rows[offset:offset + limit]

    return fetch


def test_fetches_in_batches_of_200():
    calls = []
    model = LazyTableModel(["No.", "Value"], fetcher(ROWS, calls))
    assert calls == [(0, 200)]
    assert model.rowCount() == 200 and model.columnCount() == 2
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert calls == [(0, 200), (200, 200), (400, 200)]
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    model.fetchMore()
    assert len(calls) == 3
    assert model.key(449) == 450
    assert model.data(model.index(449, 0)) == "N0450"
    assert model.data(model.index(449, 1)) == "112.50"
    assert model.row_values(0) == ("N0001", Decimal("0.25"))
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Value"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"


def test_exact_batch_needs_one_empty_fetch_to_know_the_end():
    calls = []
    model = LazyTableModel(["No.", "Value"], fetcher(ROWS[:400], calls))
    model.fetchMore()
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()
    assert model.rowCount() == 400
    assert calls == [(0, 200), (200, 200), (400, 200)]


def test_reset_query_drops_the_cache(qtbot):
    model = LazyTableModel(["No.", "Value"], fetcher(ROWS))
    model.fetchMore()
    with qtbot.waitSignal(model.modelReset):
        model.reset_query(fetcher(ROWS[:5]))
    assert model.rowCount() == 5
    assert not model.canFetchMore()


def test_sort_asks_for_a_new_query():
    asked = []

    def sorter(column, descending):
        asked.append((column, descending))
        return fetcher(sorted(ROWS, key=lambda r: r[column + 1], reverse=descending))

    model = LazyTableModel(["No.", "Value"], fetcher(ROWS), sorter=sorter)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert asked == [(1, True)]
    assert model.data(model.index(0, 0)) == "N0450"


def test_without_key_every_value_is_shown():
    model = LazyTableModel(["a", "b", "c"], fetcher(ROWS), has_key=False)
    assert model.data(model.index(0, 0)) == "1"
    assert model.key(3) == 3


def test_qt_model_checks_on_plain_rows(qtmodeltester):
    model = LazyTableModel(["No.", "Value"], fetcher(ROWS))
    qtmodeltester.check(model, force_py=True)
    model.fetchMore()
    qtmodeltester.check(model, force_py=True)


def test_qt_model_checks_on_the_account_register(qtmodeltester, admin, make_accounts):
    make_accounts(admin, 230)
    headers = register.headings("zh")
    model = LazyTableModel(
        headers, lambda offset, limit: register.page(admin, offset=offset, limit=limit))
    assert model.rowCount() == 200
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    # The tester fetches everything there is, as a view scrolled to the end would.
    assert model.rowCount() == 230
    assert not model.canFetchMore(QModelIndex())
    model.reset_query(lambda offset, limit: register.page(admin, "秀英", offset=offset,
                                                            limit=limit))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 33
