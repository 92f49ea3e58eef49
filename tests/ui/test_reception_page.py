"""The reception page: the new-application wizard driven from the keyboard alone, the list's
filters and the timeline, a move through the workflow's buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.reception import queries
from heatoffice.ui.reception.page import ReceptionPage


def _type(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def test_the_wizard_from_the_keyboard(qtbot, admin, monkeypatch):
    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())
    auth.create_user(admin, "liu", "liu-pw-123", "reception")
    desk = auth.login("liu", "liu-pw-123")
    accounts.open_account(desk, dict(account_no="YG-302", name="李娜", community="阳光花园",
                                     building="3", room="302", heating_area="90.00",
                                     phone="13800000002"), status="heating")
    page = ReceptionPage(desk)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = page.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    # type: the list has the focus; Down once is 报停
    qtbot.waitUntil(lambda: wizard.focusWidget() is wizard.types)
    qtbot.keyClick(wizard.types, Qt.Key.Key_Down)
    qtbot.keyClick(wizard.types, Qt.Key.Key_Return)
    assert wizard.stack.currentIndex() == wizard.ACCOUNT
    # account: type the number, Enter shows the card and balance, Enter goes on
    _type(qtbot, wizard.account_no, "yg-302")
    qtbot.keyClick(wizard.account_no, Qt.Key.Key_Return)
    assert "李娜" in wizard.account_info.text() and "¥0.00" in wizard.account_info.text()
    qtbot.keyClick(wizard.account_no, Qt.Key.Key_Return)
    # applicant: the owner's name and phone are filled in
    assert wizard.stack.currentIndex() == wizard.APPLICANT
    assert (wizard.applicant.text(), wizard.phone.text()) == ("李娜", "13800000002")
    qtbot.keyClick(wizard.applicant, Qt.Key.Key_Return)
    # documents: original returned by default; the last receipt was not brought
    assert wizard.stack.currentIndex() == wizard.DOCUMENTS
    assert list(wizard.doc_combos) == ["owner-id", "property-proof", "last-receipt"]
    last = wizard.doc_combos["last-receipt"]
    qtbot.waitUntil(lambda: wizard.focusWidget() is wizard.doc_combos["owner-id"])
    for _ in range(2):  # Tab to the third document
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    assert wizard.focusWidget() is last
    qtbot.keyClick(last, Qt.Key.Key_Up)
    assert last.currentData() is None
    qtbot.keyClick(last, Qt.Key.Key_Return)
    # rules: what is missing, no rule broken
    assert wizard.stack.currentIndex() == wizard.RULES
    assert "上季缴费收据" in wizard.rules.text()
    assert wizard.rules.property("refused") is False
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_Return)
    assert wizard.stack.currentIndex() == wizard.DONE
    assert wizard.number == "SL-2026-000001"
    card = queries.card(desk, "SL-2026-000001")
    assert (card.row.type, card.row.account_no, card.missing) == ("stop", "YG-302",
                                                                  ("last-receipt",))
    # print the receipt: the preview of the acceptance receipt opens
    printed = []
    monkeypatch.setattr("heatoffice.ui.reception.wizard.preview_document",
                        lambda parent, make, name, *a, **k: printed.append(name))
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_Return)
    assert printed == ["acceptance-SL-2026-000001"]
    # the page heard of the new application
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    wizard.close()


def test_the_list_filters_queues_and_timeline(qtbot, admin):
    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())
    accounts.open_account(admin, dict(account_no="YG-303", name="王", community="阳光花园",
                                      room="303", heating_area="80"), status="heating")
    from heatoffice.reception import service

    app = service.receive(admin, "other", account="YG-303", applicant="王",
                          phone="13800000003", note="开证明")
    page = ReceptionPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert any("开证明" in page.timeline.item(i).text() or "已接收" in page.timeline.item(i).text()
               for i in range(page.timeline.count()))
    page.buttons["accept"].click()
    page.buttons["forward"].click()
    qtbot.waitUntil(lambda: service.get(app.number).state == "forwarded")
    page.department.setCurrentIndex(page.department.findData("customer_service"))
    assert page.model.rowCount() == 1  # the customer service queue
    page.department.setCurrentIndex(page.department.findData("finance"))
    assert page.model.rowCount() == 0



def test_the_account_card_lists_its_applications(qtbot, admin):
    from heatoffice.billing.card import account_card
    from heatoffice.reception import service
    from heatoffice.ui.reception.card import ApplicationsSection

    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())
    account = accounts.open_account(admin, dict(account_no="YG-304", name="赵", room="304",
                                                community="阳光花园", heating_area="80"))
    service.receive(admin, "other", account="YG-304", applicant="赵", phone="13800000004")
    section = ApplicationsSection(admin)
    qtbot.addWidget(section)
    section.show_card(account_card(admin, account.id))
    assert section.model.rowCount() == 1
    assert section.model.row_values(0)[:4] == ("SL-2026-000001", "其他", "已接收", "赵")
