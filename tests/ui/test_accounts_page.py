"""The account register page: debounced search, lazy fetching, SQL sorting, shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from heatoffice.accounts.models import Account
from heatoffice.accounts.search import document_of
from heatoffice.billing import register
from heatoffice.ui import i18n
from heatoffice.ui.accounts_page import AccountsPage


def _page(qtbot, actor) -> AccountsPage:
    page = AccountsPage(actor)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def type_chinese(widget, text: str) -> None:
    """Type as a Chinese input method does, one committed character at a time (QTest's
    keyClicks only knows ASCII keys)."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def _numbers(page) -> list[str]:
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_search_as_you_type_shows_exactly_the_matching_rows(qtbot, admin, make_accounts):
    make_accounts(admin, 300)
    page = _page(qtbot, admin)
    expected = sorted(a.account_no for a in Account.select() if "秀英" in document_of(a))
    assert len(expected) == 43
    calls = []
    real = register.page

    def counting(*args, **kwargs):
        calls.append(args[1] if len(args) > 1 else kwargs.get("text"))
        return real(*args, **kwargs)

    register.page, saved = counting, register.page
    try:
        type_chinese(page.search, "秀英")
        assert page.search.text() == "秀英"
        # Typing does not query at each keystroke: the debounce timer is still running.
        assert calls == []
        qtbot.waitUntil(lambda: page.model.rowCount() == 43, timeout=3000)
    finally:
        register.page = saved
    assert calls == ["秀英"]
    assert _numbers(page) == expected
    names = {page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())}
    assert all("秀英" in name for name in names)
    assert page.count_label.text() == "共 43 户"


def test_scrolling_fetches_the_next_batch(qtbot, admin, make_accounts):
    make_accounts(admin, 300)
    page = _page(qtbot, admin)
    model = page.model
    assert model.rowCount() == 200
    assert model.canFetchMore()
    assert page.count_label.text() == "已显示前 200 户，向下滚动显示更多"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=3000)
    assert not model.canFetchMore()
    assert model.data(model.index(299, 0)) == "T00299"
    assert page.count_label.text() == "共 300 户"


def test_fetch_more_by_hand(qtbot, admin, make_accounts):
    make_accounts(admin, 300)
    page = AccountsPage(admin)
    qtbot.addWidget(page)
    model = page.model
    assert model.rowCount() == 200
    model.fetchMore()
    assert model.rowCount() == 300
    assert not model.canFetchMore()


def test_count_on_demand(qtbot, admin, make_accounts):
    make_accounts(admin, 250)
    page = AccountsPage(admin)
    qtbot.addWidget(page)
    assert page.count_label.text() == "已显示前 200 户，向下滚动显示更多"
    qtbot.mouseClick(page.count_button, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "共 250 户"


def test_header_click_sorts_in_sql(qtbot, admin, make_accounts):
    make_accounts(admin, 30)
    page = _page(qtbot, admin)
    header = page.table.horizontalHeader()
    name_column = list(register.COLUMNS).index("name")
    x = header.sectionViewportPosition(name_column) + header.sectionSize(name_column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorSection() == name_column
    names = [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]
    assert names == sorted(names)
    assert page._sort == "name"
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert _numbers(page) == [f"T{i:05d}" for i in range(29, -1, -1)]


def test_shortcuts(qtbot, admin):
    page = _page(qtbot, admin)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    QTest.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog.isVisible()
    assert page.dialog.windowTitle() == "开户"
    page.dialog.reject()


def test_english_headers(qtbot, admin, make_accounts):
    make_accounts(admin, 3)
    i18n.apply_language("en")
    page = AccountsPage(admin)
    qtbot.addWidget(page)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert headers == ["Account no.", "Name", "Category", "Address", "Phone", "Area (m²)",
                       "Status", "Balance"]
    assert page.new_button.text() == "New (Ctrl+N)"
    assert page.model.data(page.model.index(0, 6)) == "pending"
    assert page.model.data(page.model.index(0, 2)) == "residential"


def test_chinese_headers_and_cells(qtbot, admin, make_accounts):
    make_accounts(admin, 1)
    page = AccountsPage(admin)
    qtbot.addWidget(page)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["户号", "户名", "类别", "地址", "电话", "供热面积(㎡)", "状态", "余额"]
    row = [model.data(model.index(0, c)) for c in range(8)]
    assert row == ["T00000", "张伟", "居民", "阳光花园1号楼1单元100", "13800000000", "85.50",
                   "待开通", "¥0.00"]
    assert model.key(0) == Account.get(Account.account_no == "T00000").id
    assert model.data(model.index(0, 5), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_filters_and_balance_column_show_exactly_the_rows(qtbot, admin):
    from billing_world import billed_world, make_user

    from heatoffice.accounts import service
    from heatoffice.billing.payments import record_payment

    cashier, _season, homes = billed_world(admin)
    record_payment(cashier, homes[1].id, "2052", "cash")
    station = service.add_station(admin, "B", "城西换热站")
    for i in range(2):
        service.open_account(admin, {"account_no": f"XF{i}", "name": f"赵{i}",
                                     "community": "幸福里", "room": str(101 + i),
                                     "heating_area": "60", "station_id": station.id})
    page = _page(qtbot, make_user(admin, "desk", "reception", "前台"))

    def rows() -> list[tuple]:
        m = page.model
        return [(m.data(m.index(r, 0)), m.data(m.index(r, 6)), m.data(m.index(r, 7)))
                for r in range(m.rowCount())]

    assert rows() == [("YG0000", "供热", "¥2,052.00"), ("YG0001", "供热", "¥0.00"),
                      ("YG0002", "供热", "¥2,052.00"), ("XF0", "待开通", "¥0.00"),
                      ("XF1", "待开通", "¥0.00")]
    page.owing.setChecked(True)
    assert rows() == [("YG0000", "供热", "¥2,052.00"), ("YG0002", "供热", "¥2,052.00")]
    qtbot.mouseClick(page.count_button, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "共 2 户"
    page.owing.setChecked(False)
    index = page.community.findText("幸福里")
    page.community.setCurrentIndex(index)
    page.community.activated.emit(index)
    assert rows() == [("XF0", "待开通", "¥0.00"), ("XF1", "待开通", "¥0.00")]
    page.community.setCurrentIndex(0)  # (all)
    page.community.activated.emit(0)
    page.status.setCurrentIndex(page.status.findData("heating"))
    page.status.activated.emit(page.status.currentIndex())
    assert [r[0] for r in rows()] == ["YG0000", "YG0001", "YG0002"]
    page.station.setCurrentIndex(page.station.findData(station.id))
    page.station.activated.emit(page.station.currentIndex())
    assert rows() == []
    page.status.setCurrentIndex(0)
    page.status.activated.emit(0)
    assert [r[0] for r in rows()] == ["XF0", "XF1"]
    # The balance column sorts in SQL, the largest debt first.
    page.station.setCurrentIndex(0)
    page.station.activated.emit(0)
    page.table.horizontalHeader().setSortIndicator(7, Qt.SortOrder.DescendingOrder)
    assert [r[0] for r in rows()] == ["YG0002", "YG0000", "XF1", "XF0", "YG0001"]
