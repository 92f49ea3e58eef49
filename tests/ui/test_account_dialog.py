"""The account dialog: errors beside their fields, nothing saved on error, status changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from seats import seat

from heatoffice.accounts import service
from heatoffice.accounts.models import Account, AccountStatusChange, Station
from heatoffice.audit import service as audit
from heatoffice.auth import permissions
from heatoffice.auth import service as auth
from heatoffice.ui import i18n
from heatoffice.ui.account_dialog import AccountDialog
from heatoffice.ui.accounts_page import AccountsPage

GOOD_ID = "11010519491231002X"


def _open_by_double_click(qtbot, page, row: int) -> AccountDialog:
    """Double-click opens the account's card; its "account details" opens the form."""
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: getattr(page, "card", None) is not None
                    and page.card.isVisible(), timeout=2000)
    card = page.card
    qtbot.mouseClick(card.buttons["details"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.dialog is not None and card.dialog.isVisible(), timeout=2000)
    return card.dialog


def test_invalid_id_number_is_shown_beside_the_field_and_nothing_is_saved(
        qtbot, admin, make_accounts):
    make_accounts(admin, 5)
    page = AccountsPage(admin)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    dialog = _open_by_double_click(qtbot, page, 2)
    account = Account.get(Account.account_no == "T00002")
    assert dialog.account_id == account.id
    assert dialog.windowTitle() == "用户档案 T00002"
    assert dialog.editors["name"].text() == "李秀英"
    assert dialog.editors["heating_area"].text() == "85.50"
    before = service.get_account(admin, account.id).__data__.copy()
    audit_count = len(audit.list_entries(admin))

    id_edit = dialog.editors["id_number"]
    id_edit.clear()
    qtbot.keyClicks(id_edit, "110105194912310021")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    label = dialog.error_label("id_number")
    assert dialog.isVisible()
    assert label.isVisibleTo(dialog)
    assert label.text() == "身份证号：“110105194912310021”校验位应为 X"
    assert label.styleSheet() == "color: #c62828;"
    assert dialog.focusWidget() is id_edit
    assert not dialog.error_label("name").isVisibleTo(dialog)
    assert Account.get_by_id(account.id).__data__ == before
    assert len(audit.list_entries(admin)) == audit_count

    id_edit.clear()
    qtbot.keyClicks(id_edit, GOOD_ID)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert not label.isVisibleTo(dialog)
    assert Account.get_by_id(account.id).id_number == GOOD_ID
    assert Account.get_by_id(account.id).name == "李秀英"

    page.search.setText("李秀英")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.key(0) == account.id


def test_several_errors_each_beside_its_field(qtbot, admin):
    dialog = AccountDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["phone"].setText("12345")
    dialog.editors["heating_area"].setText("abc")
    assert not dialog.save()
    assert dialog.error_label("name").text() == "户名：必须填写"
    assert dialog.error_label("community").text() == "小区：必须填写"
    assert dialog.error_label("phone").text().startswith("联系电话：“12345”不是有效的手机号")
    assert dialog.error_label("heating_area").text() == (
        "供热面积：“abc”不是面积数值（平方米，最多两位小数）")
    assert not dialog.error_label("id_number").isVisibleTo(dialog)
    assert Account.select().count() == 0


def test_new_account_saved_through_the_service(qtbot, admin):
    station = service.add_station(admin, "S1", "一号站")
    service.add_community(admin, "阳光花园", "YG", station.id)
    dialog = AccountDialog(admin)
    qtbot.addWidget(dialog)
    dialog.editors["name"].setText("周建国")
    community = dialog.editors["community"]
    community.setCurrentIndex(community.findText("阳光花园"))
    community.activated.emit(community.currentIndex())
    assert dialog.value("station_id") == station.id
    dialog.editors["building"].setText("3")
    dialog.editors["unit"].setText("2")
    dialog.editors["room"].setText("501")
    dialog.editors["heating_area"].setText("96.3")
    dialog.editors["category"].setCurrentIndex(dialog.editors["category"].findData("business"))
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.save()
    account = Account.get_by_id(saved.args[0])
    assert account.account_no == "YG03020501"
    assert (account.name, account.category, account.station_id) == ("周建国", "business",
                                                                     station.id)
    assert str(account.heating_area) == "96.30"


def test_duplicate_account_number_beside_its_field(qtbot, admin, make_accounts):
    make_accounts(admin, 2)
    dialog = AccountDialog(admin, Account.get(Account.account_no == "T00001").id)
    qtbot.addWidget(dialog)
    dialog.editors["account_no"].setText("T00000")
    assert not dialog.save()
    assert dialog.error_label("account_no").text() == "户号：户号“T00000”已存在"


def test_status_change_with_reason_and_history(qtbot, admin, make_accounts, monkeypatch):
    (account,) = make_accounts(admin, 1)
    dialog = AccountDialog(admin, account.id)
    qtbot.addWidget(dialog)
    box = dialog.status_box
    assert box.status_label.text() == "待开通"
    assert [a.text() for a in box.menu.actions()] == ["开通供热", "销户"]
    monkeypatch.setattr(box, "ask_reason", lambda target: "入网验收合格")
    with qtbot.waitSignal(dialog.saved):
        box.menu.actions()[0].trigger()
    assert Account.get_by_id(account.id).status == "heating"
    assert box.status_label.text() == "供热"
    assert [a.text() for a in box.menu.actions()] == ["报停", "停供", "销户"]
    assert box.history.rowCount() == 2
    assert [box.history.item(1, c).text() for c in range(1, 5)] == [
        "待开通", "供热", "admin", "入网验收合格"]

    monkeypatch.setattr(box, "ask_reason", lambda target: "  ")
    box.menu.actions()[0].trigger()
    assert box.error.text() == "原因：必须填写"
    assert Account.get_by_id(account.id).status == "heating"
    assert AccountStatusChange.select().count() == 2


def test_personal_data_masked_for_roles_without_the_right(qtbot, admin, make_accounts):
    (account,) = make_accounts(admin, 1)
    service.update_account(admin, account.id, {"id_number": GOOD_ID})
    auth.create_user(admin, "op", "pass-word-1", "operations")
    operator = auth.login("op", "pass-word-1")
    dialog = AccountDialog(operator, account.id)
    qtbot.addWidget(dialog)
    assert dialog.editors["id_number"].text() == "110105********002X"
    assert dialog.editors["phone"].text() == "138****0000"
    assert not dialog.save_button.isEnabled()
    assert not dialog.status_box.change_button.isEnabled()
    full = AccountDialog(admin, account.id)
    qtbot.addWidget(full)
    assert full.editors["id_number"].text() == GOOD_ID
    assert full.editors["phone"].text() == "13800000000"


def test_masked_fields_left_alone_are_not_sent(qtbot, admin, make_accounts, monkeypatch):
    (account,) = make_accounts(admin, 1)
    service.update_account(admin, account.id, {"id_number": GOOD_ID})
    # No shipped role edits without seeing personal data; a site may define one.
    monkeypatch.setitem(permissions.ROLE_PERMISSIONS, "editor",
                        frozenset({"accounts.view", "accounts.edit"}))
    clerk = seat("clerk", "editor")
    dialog = AccountDialog(clerk, account.id)
    qtbot.addWidget(dialog)
    assert dialog.editors["id_number"].text() == "110105********002X"
    assert dialog.save_button.isEnabled()
    data = dialog.form_data()
    assert "id_number" not in data and "phone" not in data
    dialog.editors["notes"].setPlainText("门口有狗")
    dialog.editors["phone"].setText("13900001111")
    assert dialog.save()
    saved = Account.get_by_id(account.id)
    assert (saved.id_number, saved.phone, saved.notes) == (GOOD_ID, "13900001111", "门口有狗")


def test_english_dialog_and_english_messages(qtbot, admin):
    Station.create(code="S9", name="九号站")
    i18n.apply_language("en")
    dialog = AccountDialog(admin)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New account"
    assert dialog.save_button.text() == "Save"
    assert dialog.editors["station_id"].itemText(1) == "S9 九号站"
    assert not dialog.save()
    assert dialog.error_label("name").text() == "name: required"


def test_a_stop_from_the_status_box_in_a_billed_season_is_billed_from_its_day(
        qtbot, admin, monkeypatch):
    import datetime as dt
    from decimal import Decimal as D

    from heatoffice import clock
    from heatoffice.billing import tariff_change
    from heatoffice.billing.models import AccountBalance, Adjustment
    from heatoffice.billing.run import run_season_billing
    from heatoffice.seasons import service as seasons

    clock.shift(dt.datetime(2026, 11, 2, 9) - clock.now())
    account = service.open_account(admin, dict(account_no="YG-1", name="张伟",
                                               community="阳光花园", heating_area="80.00"),
                                   status="heating")
    season = seasons.add_season(admin, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(admin, season.id, "residential", price_per_m2="24.00",
                             stopped_share="0.30")
    run_season_billing(admin, season.id)  # 80 × 24 = 1,920.00
    clock.shift(dt.datetime(2027, 1, 10, 9) - clock.now())
    dialog = AccountDialog(admin, account.id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog.status_box, "ask_reason", lambda target: "房屋空置")
    with qtbot.waitSignal(dialog.saved):
        dialog.status_box.menu.actions()[0].trigger()  # 报停
    # from 2027-01-10, 65 of 121 days: 1,031.40 heating against 309.42 stopped
    assert [(a.kind, a.amount, a.source) for a in Adjustment.select()] == [
        ("credit", D("-721.98"), "rule")]
    assert AccountBalance.get_by_id(account.id).balance == D("1198.02")
    assert dialog.status_box.status_label.text() == "报停"
