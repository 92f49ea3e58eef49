"""The hotline and work-order pages: a call taken and dispatched from the keyboard alone; the
read-back cannot be skipped (Ctrl+S before it only shows it); the account card one key away;
the work-order list flags an order the moment its dispatch limit passes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.service import queries
from heatoffice.ui.service.hotline import HotlinePage
from heatoffice.ui.service.orders import WorkOrdersPage

CTRL = Qt.KeyboardModifier.ControlModifier


def _desk(admin):
    clock.shift(dt.datetime(2026, 12, 1, 9, 0) - clock.now())
    accounts.open_account(admin, dict(account_no="YG-302", name="李娜", community="阳光花园",
                                      building="3", room="302", heating_area="90.00",
                                      phone="13800000002"), status="heating")
    auth.create_user(admin, "rexian", "rexian-pw-1", "hotline")
    auth.create_user(admin, "jianxiu", "jianxiu-pw-1", "operations")
    return auth.login("rexian", "rexian-pw-1")


def _shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_a_call_taken_and_dispatched_with_the_keyboard(qtbot, admin):
    hotline = _desk(admin)
    page = _shown(qtbot, HotlinePage(hotline))
    assert page.greeting.text() == "您好，阳光热力，请讲"
    qtbot.waitUntil(lambda: page.focusWidget() is page.account)
    qtbot.keyClicks(page.account, "302")  # a fragment of the number or the address
    qtbot.keyClick(page.account, Qt.Key.Key_Return)  # one match: picked, address filled
    assert page.address.text() == "阳光花园3号楼302" and page.contact.text() == "李娜"
    assert page.focusWidget() is page.unit
    qtbot.keyClick(page.unit, Qt.Key.Key_Return)
    qtbot.keyClick(page.contact, Qt.Key.Key_Return)
    assert page.focusWidget() is page.phone
    qtbot.keyClicks(page.phone, "13800000002")
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)
    qtbot.keyClick(page.address, Qt.Key.Key_Return)
    assert page.focusWidget() is page.category
    qtbot.keyClick(page.category, Qt.Key.Key_Down)  # 温度低
    qtbot.keyClick(page.category, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.content
    page.content.insert("卧室只有 15 度")  # Chinese comes from the input method
    # Ctrl+S before the read-back saves nothing: it shows the read-back
    qtbot.keyClick(page.content, Qt.Key.Key_S, CTRL)
    assert page.readback.isVisible() and queries.recent_calls(hotline) == []
    # a change withdraws the read-back; Enter on the content reads it back again
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    assert not page.readback.isVisible() and page.focusWidget() is page.content
    qtbot.keyClick(page.content, Qt.Key.Key_Return)
    assert page.readback.isVisible() and page.focusWidget() is page.confirm
    text = page.readback_text.text()
    assert "李娜" in text and "阳光花园3号楼302" in text and "卧室只有 15 度" in text
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)  # the caller confirmed
    [call] = queries.recent_calls(hotline)
    assert (call.number, call.category, call.account_no) == (
        "RX-2026-000001", "low-temperature", "YG-302")
    assert page.status.text() == "已保存 RX-2026-000001"
    assert call.received_at <= call.ended_at  # from the first key typed to the saving
    # Ctrl+D: the work order and the dispatch dialog, Enter dispatches
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.to, "jianxiu")
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [order] = queries.work_orders(hotline)
    assert (order.number, order.state, order.assignee) == ("WO-2026-000001", "dispatched",
                                                           "jianxiu")
    assert order.dispatch_seconds is not None and not order.dispatch_late


def test_the_read_back_cannot_be_skipped_and_f12_opens_the_card(qtbot, admin):
    hotline = _desk(admin)
    page = _shown(qtbot, HotlinePage(hotline))
    qtbot.keyClick(page.account, Qt.Key.Key_F12)
    assert page.status.text() == "请先查找用户。"
    qtbot.keyClicks(page.account, "YG-302")
    qtbot.keyClick(page.account, Qt.Key.Key_Return)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_F12)
    assert page.card.isVisible() and page.card.windowTitle() == "客户卡片：YG-302 李娜"
    page.card.close()
    page.contact.setText("李娜")
    page.phone.setText("13800000002")
    page.content.setText("漏水")
    page.save()  # no read-back yet
    assert queries.recent_calls(hotline) == [] and page.readback.isVisible()
    page.read_back()
    page.content.setFocus()
    qtbot.keyClicks(page.content, "!")  # changed after the read-back: read it again
    assert not page.readback.isVisible()
    page.save()
    assert queries.recent_calls(hotline) == []


def test_the_list_flags_an_order_the_moment_its_dispatch_limit_passes(qtbot, admin):
    hotline = _desk(admin)
    from heatoffice.service import calls, orders

    call = calls.add_call(hotline, phone="13800000002", contact="李娜", category="no-heat",
                          content="不热", account="YG-302", readback_confirmed=True)
    orders.new_order(hotline, call.number)
    page = _shown(qtbot, WorkOrdersPage(hotline))
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == ""
    # the timer is set for the moment the limit passes
    assert 0 < page.timer.remainingTime() <= 10 * 60 * 1000 + 2000
    clock.shift(dt.timedelta(minutes=10, seconds=2))
    page.timer.setInterval(0)
    page.timer.start(0)
    qtbot.waitUntil(lambda: page.table.item(0, 1).text() == "超时未派工")
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    qtbot.waitExposed(page.dialog)
    page.dialog.to.setText("jianxiu")
    qtbot.keyClick(page.dialog.to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "已派工")
    assert page.table.item(0, 1).text() == "派工超时"
    assert page.count_label.text() == (
        "共 1 张维修单  ·  今日来电 1 个，派工 1 单，10 分钟内派工 0%")


def test_the_report_button_writes_the_month(qtbot, admin, tmp_path, monkeypatch):
    hotline = _desk(admin)
    from heatoffice.service import calls, orders
    from heatoffice.ui import feedback

    call = calls.add_call(hotline, phone="13800000002", contact="李娜", category="no-heat",
                          content="不热", account="YG-302", readback_confirmed=True)
    orders.new_order(hotline, call.number)
    page = _shown(qtbot, WorkOrdersPage(hotline))
    target = tmp_path / "service.xlsx"
    monkeypatch.setattr(feedback, "ask_save_path", lambda *_a: str(target))
    monkeypatch.setattr(feedback, "inform", lambda *_a, **_k: None)
    page.export_report()
    qtbot.waitUntil(lambda: getattr(page, "last_export", None) == str(target), timeout=10000)
    from openpyxl import load_workbook

    assert load_workbook(target).sheetnames[:2] == ["来电按日按类别", "派工用时"]
