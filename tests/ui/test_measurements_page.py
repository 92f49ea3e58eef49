"""The measurement page: the editor's total follows the parts as they are typed, a saved
draft is listed, and the review and apply buttons go with the role."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from seats import seat

from heatoffice.auth import service as auth
from heatoffice.measurements import service as measurements
from heatoffice.ui.measurement_editor import KIND, LENGTH, WIDTH, MeasurementEditor
from heatoffice.ui.measurements_page import MeasurementsPage


def _users(admin):
    auth.create_user(admin, "kefu", "secret-pass-1", "customer_service")
    auth.create_user(admin, "shoufei", "secret-pass-1", "cashier")


def test_the_total_follows_the_parts_as_they_are_typed(qtbot, admin, make_accounts):
    [account] = make_accounts(admin, 1)
    _users(admin)
    editor = MeasurementEditor(admin, account.account_no)
    qtbot.addWidget(editor)
    assert "0.00" in editor.total.text()
    editor.set_part(0, "卧室", "4.20", "")
    assert "—" in editor.total.text()  # a width still to come
    # typed into the cell as a clerk does: the cell's editor, then Enter
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    editor.parts.setCurrentCell(0, WIDTH)
    editor.parts.editItem(editor.parts.item(0, WIDTH))
    cell = editor.parts.viewport().findChild(QLineEdit)
    assert cell is not None
    cell.setFocus()
    qtbot.keyClicks(cell, "3.50")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)  # leaving the cell commits it
    assert editor.parts.item(0, WIDTH).text() == "3.50"
    assert "14.70" in editor.total.text()
    editor.set_part(1, "阳台", "3.00", "1.40")
    assert "18.90" in editor.total.text()
    # the balcony becomes an unheated one: 4.20 at 50 %
    combo = editor.parts.cellWidget(1, KIND)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("balcony-unheated"))
    assert "16.80" in editor.total.text()
    editor.parts.item(0, WIDTH).setText("3.60")  # 15.12 + 2.10
    assert "17.22" in editor.total.text()
    editor.parts.item(1, LENGTH).setText("x")  # not a number yet: no total
    assert "—" in editor.total.text()
    editor.parts.item(1, LENGTH).setText("3.00")
    editor.ceiling.setText("3.30")  # 17.22 × 1.1 = 18.942
    assert "18.94" in editor.total.text()

    editor.measurers.setText("kefu shoufei")
    assert editor.save()
    assert editor.measurement.area == Decimal("18.94")
    page = MeasurementsPage(admin)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == editor.measurement.number


def test_the_buttons_go_with_the_role(qtbot, admin, make_accounts):
    [account] = make_accounts(admin, 1)
    _users(admin)
    m = measurements.create(admin, account.account_no, reason="periodic",
                            measurers=["kefu", "shoufei"],
                            parts=[{"name": "厅", "length": "8", "width": "10"}])
    clerk = seat("kefu", "customer_service")
    page = MeasurementsPage(clerk)
    qtbot.addWidget(page)
    shown = {k for k, b in page.buttons.items() if not b.isHidden()}
    assert shown == {"new", "submit", "review", "reject"}
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.buttons["submit"].click()
    assert measurements.get(m.number).state == "submitted"
    reader = MeasurementsPage(seat("r", "read_only"))
    qtbot.addWidget(reader)
    assert not any(not b.isHidden() for b in reader.buttons.values())


def test_the_account_card_lists_the_area_history(qtbot, admin, make_accounts):
    from heatoffice.ui.account_card import AccountCardDialog
    from heatoffice.ui.measurement_card import AreaHistorySection

    [account] = make_accounts(admin, 1)
    _users(admin)
    auth.create_user(admin, "kefu2", "secret-pass-1", "customer_service")
    auth.create_user(admin, "caiwu", "secret-pass-1", "finance")
    kefu = seat("kefu", "customer_service")
    m = measurements.create(kefu, account.account_no, reason="dispute",
                            measurers=["kefu", "shoufei"],
                            parts=[{"name": "厅", "area": "104.50"}])
    measurements.submit(kefu, m.number)
    measurements.review(seat("kefu2", "customer_service"),
                        m.number)
    measurements.apply(seat("caiwu", "finance"), m.number)

    card = AccountCardDialog(admin, account.id)
    qtbot.addWidget(card)
    section = card.sections["measurements"]
    assert isinstance(section, AreaHistorySection)
    assert section.model.rowCount() == 1
    row = [str(section.model.data(section.model.index(0, c))) for c in range(6)]
    assert row[2] == "104.50" and row[4] == m.number and row[5] == "caiwu"
    assert row[1] == str(account.heating_area)
