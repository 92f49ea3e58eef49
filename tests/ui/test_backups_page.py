"""The admin's backups page, the last backup's age in the status bar, the start's backup."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from seats import seat

from heatoffice import clock
from heatoffice.backup import service
from heatoffice.db import backup
from heatoffice.db.connection import database
from heatoffice.ui.app import daily_backup
from heatoffice.ui.backups_page import BackupsPage
from heatoffice.ui.main_window import MainWindow

CASHIER = seat("cashier1", "cashier")


def _rows(page: BackupsPage) -> list[list[str]]:
    return [[page.table.item(r, c).text() for c in range(1, 5)]
            for r in range(page.table.rowCount())]


def test_the_page_lists_backups_and_backs_up_now(qtbot, admin):
    clock.shift(_dt.timedelta(days=-1))
    made = service.make_backup(admin)
    clock.reset()
    page = BackupsPage(admin)
    qtbot.addWidget(page)
    page.show()
    assert page.folder_label.text() == f"备份文件夹：{backup.folder(database.obj)}"
    assert page.last_label.text() == "最近备份：1 天前"
    assert page.table.item(0, 0).text() == made.name
    assert _rows(page)[0][2:] == ["手动", "正确"]
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert page.message_box.text().startswith("已备份：")
    # the change bus refreshed the list
    assert page.table.rowCount() == 2 and page.last_label.text().startswith("最近备份：今天 ")
    # a damaged file is shown as such
    with open(made, "ab") as f:
        f.write(b"x")
    page.refresh()
    assert _rows(page)[1][2:] == ["手动", "已损坏"]


def test_status_bar_shows_the_age_to_the_admin_and_warns_after_two_days(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.backup_label.text() == "最近备份：从未备份"
    assert "c00000" in window.backup_label.styleSheet()
    service.make_backup(admin)
    clock.shift(_dt.timedelta(days=1, hours=12))
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.backup_label.text() == "最近备份：1 天前"
    assert window.backup_label.styleSheet() == ""
    clock.shift(_dt.timedelta(days=1))
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.backup_label.text() == "最近备份：2 天前"
    assert "c00000" in window.backup_label.styleSheet()
    cashier = MainWindow(CASHIER)
    qtbot.addWidget(cashier)
    cashier.show()
    assert not cashier.backup_label.isVisible()
    assert "backups" not in cashier.page_keys() and "backups" in window.page_keys()


def test_the_first_start_of_the_day_backs_up(qtbot, admin):
    assert daily_backup(CASHIER) == ""  # any user's start: the program's own duty
    [made] = backup.list_backups(backup.folder(database.obj))
    assert made.kind == "monthly"
    assert daily_backup(admin) == ""
    assert len(backup.list_backups(backup.folder(database.obj))) == 1
