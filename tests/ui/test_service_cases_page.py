"""The service desk's cases page: a complaint recorded from the keyboard and decided, an
inspection refused closing without an outcome and then closed, a temperature plan whose
low-floor home is picked and read below the standard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from heatoffice.accounts import service as accounts
from heatoffice.service import case_queries
from heatoffice.ui.service.cases import CasesPage


def _homes(admin):
    for no, room in (("A101", "101"), ("A501", "501")):
        accounts.open_account(admin, dict(account_no=no, name="张伟", community="阳光花园",
                                          building="1", unit="1", room=room,
                                          heating_area="110"), status="heating")


def _page(qtbot, admin) -> CasesPage:
    page = CasesPage(admin)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    return page


def test_a_complaint_is_recorded_from_the_keyboard_and_decided(qtbot, admin):
    _homes(admin)
    page = _page(qtbot, admin)
    tab = page.complaints
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.channel.hasFocus()
    tab.channel.setCurrentIndex(tab.channel.findData("letter"))
    # typed where QTest can type (Latin letters), filled where it cannot (Chinese)
    tab.name.setText("李娜")
    tab.content.setText("室温长期不达标")
    tab.account.setFocus()
    qtbot.keyClicks(tab.account, "A501")
    tab.add_button.setFocus()
    qtbot.keyClick(tab.add_button, Qt.Key.Key_Space)
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == "书面"
    assert tab.model.index(0, 3).data() == "A501"
    tab.table.selectRow(0)
    for widget, text in ((tab.facts, "末端压差不足"), (tab.view, "要求退费"),
                         (tab.decision, "调节阀门")):
        widget.setText(text)
    qtbot.mouseClick(tab.handle_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 2).data() == "待答复"
    tab.reply_text.setText("已调节完毕")
    qtbot.mouseClick(tab.reply_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 2).data() == "已办结"
    [row] = case_queries.complaints(admin)
    assert row.reply_method == "phone" and row.state == "closed"
    assert any("调节阀门" in tab.card.item(i).text() for i in range(tab.card.count()))


def test_an_inspection_does_not_close_without_an_outcome(qtbot, admin):
    _homes(admin)
    page = _page(qtbot, admin)
    tab = page.inspections
    page.tabs.setCurrentWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("theft"))
    tab.account.setText("A101")
    tab.findings.setText("私接旁通管")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "偷用私接"
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert "尚无结论" in tab.message_box.text()
    tab.conclusion.setCurrentIndex(tab.conclusion.findData("violation"))
    qtbot.mouseClick(tab.conclude_button, Qt.MouseButton.LeftButton)
    tab.follow_kind.setCurrentIndex(tab.follow_kind.findData("rectify"))
    tab.note.setText("已拆除私接管，责令整改")
    qtbot.mouseClick(tab.follow_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 2).data() == "已结案"
    assert tab.model.index(0, 8).data() == "1"


def test_the_plan_picks_a_low_floor_home_and_a_cold_reading_is_flagged(qtbot, admin):
    _homes(admin)
    page = _page(qtbot, admin)
    tab = page.tempchecks
    page.tabs.setCurrentWidget(tab)
    assert tab.plan_model.rowCount() == 1
    assert tab.plan_model.index(0, 0).data() == "A101"
    assert tab.plan_model.index(0, 2).data() == "低层"
    tab.plan_table.selectRow(0)
    assert tab.account.text() == "A101"
    tab.instrument.setText("TM-01")
    tab.room.setText("主卧")
    tab.celsius.setFocus()
    qtbot.keyClicks(tab.celsius, "16.5")
    qtbot.keyClick(tab.celsius, Qt.Key.Key_Return)
    assert tab.model.rowCount() == 1
    assert [tab.model.index(0, c).data() for c in (1, 3, 5, 6)] == ["A101", "16.5", "18.0",
                                                                   "是"]
    assert tab.room.hasFocus()  # ready for the next room


def test_the_account_card_lists_the_accounts_cases(qtbot, admin):
    from heatoffice.service import complaints, inspections, tempchecks
    from heatoffice.ui.account_card import AccountCardDialog

    _homes(admin)
    complaints.add(admin, channel="phone", complainant="张伟", account="A101", content="不热")
    inspections.add(admin, kind="seal", account="A101", findings="贴封完好")
    tempchecks.record(admin, "A101", "16.0", instrument="TM-01", room="主卧")
    tempchecks.record(admin, "A501", "20.0", instrument="TM-01")
    from heatoffice.accounts.models import Account

    card = AccountCardDialog(admin, Account.get(Account.account_no == "A101").id)
    qtbot.addWidget(card)
    section = card.sections["service_cases"]
    rows = [[section.model.index(r, c).data() for c in range(6)]
            for r in range(section.model.rowCount())]
    assert sorted(r[0] for r in rows) == ["室温", "投诉", "稽查"]
    reading = next(r for r in rows if r[0] == "室温")
    assert reading[3:] == ["低于标准", "16.0 °C", "主卧"]
