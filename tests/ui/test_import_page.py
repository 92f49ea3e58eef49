"""The import page driven as a clerk does: kind and file, read, correct the mapping, import
the valid rows, save the rejected ones; only the kinds the role may import are offered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from heatoffice.accounts import queries as account_queries
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.ui.import_page import ImportPage
from tests.db.import_files import MESSY, MESSY_MERGES, read_xlsx, xlsx


def _read(qtbot, page, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.task is not None
    with qtbot.waitSignal(page.task.finished, timeout=20000):
        pass


def test_read_map_preview_import_and_save_the_rejects(qtbot, admin, tmp_path):
    accounts.add_community(admin, "阳光花园", "YG")
    path = xlsx(tmp_path / "花名册.xlsx", MESSY, merges=MESSY_MERGES)
    page = ImportPage(admin)
    qtbot.addWidget(page)
    assert [page.kind.itemText(i) for i in range(page.kind.count())] == [
        "用户档案", "历史欠费", "批量缴费"]
    assert not page.import_button.isEnabled()
    page.path.setText(str(path))
    page.load_sheets()
    assert page.sheet.currentText() == "Sheet1"
    _read(qtbot, page, page.read_button)
    assert page.summary.text() == ("花名册.xlsx，工作表 Sheet1，表头在第 4 行：读取 8 行，跳过 3 行"
                                   "（空行、合计行、重复的表头），无误 2 行，有问题 3 行。")
    model = page.problems
    rows = [tuple(model.data(model.index(r, c)) for c in range(3))
            for r in range(model.rowCount())]
    assert rows[0] == ("6", "户号", "户号：“YG0002”在文件中出现多次（第 6、11 行）")
    assert [r[:2] for r in rows] == [("6", "户号"), ("7", "建筑面积(㎡)"), ("7", "联系电话"),
                                     ("7", "身份证号"), ("11", "户号")]
    # the mapping as found: 户号 in the file's first column, 备注 in none
    first = page.mapping.cellWidget(0, 1)
    assert isinstance(first, QComboBox) and first.currentText() == "户号"
    notes = page.mapping.cellWidget(page.mapping.rowCount() - 1, 1)
    assert isinstance(notes, QComboBox) and notes.currentText() == "—"
    # the clerk maps the phone column to nothing: its problem goes away
    phone = page.mapping.cellWidget(8, 1)
    assert isinstance(phone, QComboBox) and phone.currentText() == "联系电话"
    phone.setCurrentIndex(0)
    _read(qtbot, page, page.recheck)
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == [
        "户号", "建筑面积(㎡)", "身份证号", "户号"]
    assert page.import_button.isEnabled()
    _read(qtbot, page, page.import_button)
    assert page.result.text() == "已导入 2 行（共 8 行）；跳过 3 行，拒绝 3 行。"
    assert not page.import_button.isEnabled()
    assert account_queries.account(admin, "YG0001").phone == ""  # the column was not mapped
    out = tmp_path / "rejects.xlsx"
    assert page.save_rejects.isEnabled()
    assert page.write_rejects(str(out)) == 3
    assert [r[11] for r in read_xlsx(out)[2:]] == [6, 7, 11]


def test_a_large_workbook_is_read_by_the_page_in_a_second_process(qtbot, admin, tmp_path,
                                                                   second_process):
    """The page's worker thread reads through the second process a large workbook takes
    (every workbook here, the fixture in tests/conftest.py): the same preview, the same
    import."""
    made = second_process
    accounts.add_community(admin, "阳光花园", "YG")
    path = xlsx(tmp_path / "花名册.xlsx", MESSY, merges=MESSY_MERGES)
    page = ImportPage(admin)
    qtbot.addWidget(page)
    page.path.setText(str(path))
    page.load_sheets()
    _read(qtbot, page, page.read_button)
    assert page.summary.text() == ("花名册.xlsx，工作表 Sheet1，表头在第 4 行：读取 8 行，跳过 3 行"
                                   "（空行、合计行、重复的表头），无误 2 行，有问题 3 行。")
    _read(qtbot, page, page.import_button)
    assert page.result.text() == "已导入 2 行（共 8 行）；跳过 3 行，拒绝 3 行。"
    assert made and all(r.proc.returncode == 0 for r in made)


def test_cancel_forgets_the_file_and_new_communities_are_offered(qtbot, admin, tmp_path):
    path = xlsx(tmp_path / "n.xlsx", [["户号", "户名", "小区", "面积"], ["X1", "甲", "新城", "50"]])
    page = ImportPage(admin)
    qtbot.addWidget(page)
    page.path.setText(str(path))
    page.load_sheets()
    _read(qtbot, page, page.read_button)
    assert page.summary.text().endswith("尚未登记的小区：新城（勾选“登记新小区”后重新检查）。")
    qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
    assert page.summary.text() == "" and page.mapping.rowCount() == 0
    page.new_communities.setChecked(True)
    _read(qtbot, page, page.read_button)
    assert page.summary.text().endswith("导入时登记的小区：新城。")
    _read(qtbot, page, page.import_button)
    assert page.result.text() == "已导入 1 行（共 1 行）；跳过 0 行，拒绝 0 行。"


def test_a_cashier_is_offered_payments_only(qtbot, admin):
    auth.create_user(admin, "cash", "secret-pass-1", "cashier")
    page = ImportPage(auth.login("cash", "secret-pass-1"))
    qtbot.addWidget(page)
    assert [page.kind.itemData(i) for i in range(page.kind.count())] == ["payments"]


def test_the_page_fits_a_1366_by_768_screen(qtbot, admin):
    page = ImportPage(admin)
    qtbot.addWidget(page)
    hint = page.minimumSizeHint()
    # the main window's navigation list and frame take about 220 × 120 pixels
    assert hint.width() <= 1366 - 220 and hint.height() <= 768 - 120


def test_a_payment_batch_names_its_source_and_reconciles(qtbot, admin, tmp_path):
    """Payments: the source typed on the page, the file's total in the preview, the
    reconciliation after the import, and the mapping remembered as that bank's profile."""
    import datetime as dt

    from heatoffice import clock
    from heatoffice.billing.models import Payment

    accounts.add_community(admin, "阳光花园", "YG")
    accounts.open_account(admin, dict(account_no="YG0001", name="张伟", community="阳光花园",
                                      building="1", room="101", heating_area="80"),
                          status="heating")
    clock.shift(dt.datetime(2027, 1, 12, 10) - clock.now())
    path = xlsx(tmp_path / "bank.xlsx", [["户号", "金额", "日期", "流水号"],
                                          ["YG0001", "120.00", "2027-01-11", "R1"],
                                          ["YG0009", "30.00", "2027-01-11", "R2"]])
    page = ImportPage(admin)
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("payments"))
    assert page.source.isVisibleTo(page) and not page.new_communities.isVisibleTo(page)
    page.source.setText("工商银行")
    page.path.setText(str(path))
    page.load_sheets()
    _read(qtbot, page, page.read_button)
    assert page.summary.text().endswith("文件合计 ¥150.00。")
    _read(qtbot, page, page.import_button)
    assert page.result.text() == ("已导入 1 行（共 2 行）；跳过 0 行，拒绝 1 行。 "
                                  "对账：文件合计 ¥150.00，导入 ¥120.00，未导入 ¥30.00。")
    assert Payment.get(Payment.reference == "R1").source == "工商银行"
