"""The print preview fits the screen with its toolbar in view; the keyboard shortcuts list."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest

from heatoffice.ui.cashier_page import CashierPage
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.pdf_preview import PdfPreviewDialog, fit_to_screen
from heatoffice.ui.shortcuts_help import SHORTCUTS, ShortcutsDialog, key_sequence
from heatoffice.ui.users_page import UsersPage


def _a4(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in (1, 2):
        pdf.drawString(72, 72, f"page {n}")
        pdf.showPage()
    pdf.save()
    return path


def test_fit_to_screen_at_1366_by_768():
    """An A4 page at 96 dpi is 1,123 px tall: on a 768-pixel screen with a 40-pixel task bar
    the dialog and its title bar must stay above the task bar."""
    available = QRect(0, 0, 1366, 728)
    got = fit_to_screen(QSize(860, 1200), available)
    assert got == QRect(253, 40, 860, 680)
    assert available.contains(got.adjusted(-8, -40, 8, 8))  # with the frame around it
    assert fit_to_screen(QSize(600, 500), available) == QRect(383, 130, 600, 500)


def test_preview_opens_within_the_screen_fitted_to_the_width(qtbot, tmp_path):
    dialog = PdfPreviewDialog(_a4(tmp_path / "a4.pdf"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()  # offscreen: 800×600
    assert screen.contains(dialog.geometry().adjusted(-8, -40, 8, 8))
    assert dialog.height() < 1123  # not the whole A4 page: it scrolls instead
    bar = dialog.toolbar
    assert bar.isVisible() and bar.geometry().bottom() < dialog.height() // 4
    # Fitted to the width: the page fills the visible width, not more.
    room = dialog.scroll_area.viewport().width()
    page = dialog.image_label.pixmap().deviceIndependentSize().width()
    assert dialog.fit_width and dialog.zoom < 1.0
    assert room - 60 <= page <= room
    # Zooming leaves the fit; Ctrl+9 comes back to it; resizing follows it.
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    QTest.keyClick(dialog.scroll_area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.fit_width and dialog.zoom == 1.0
    QTest.keyClick(dialog.scroll_area, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert dialog.fit_width
    before = dialog.zoom
    dialog.resize(dialog.width() - 200, dialog.height())
    assert dialog.zoom < before
    assert dialog.page_label.text() == "第 1 / 2 页"


def _keys_of(widget) -> set[str]:
    """Every shortcut a widget and its children answer (QShortcut and QAction)."""
    found = {s.key().toString() for s in widget.findChildren(QShortcut)}
    for action in widget.findChildren(type(widget.addAction("x"))):
        found.update(k.toString() for k in action.shortcuts())
    return {k for k in found if k}


def test_the_shortcut_list_names_every_shortcut(qtbot, admin, tmp_path):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    listed = {key_sequence(k).toString() for _where, keys, _what in SHORTCUTS for k in keys}
    window = MainWindow(admin)
    qtbot.addWidget(window)
    preview = PdfPreviewDialog(_a4(tmp_path / "a4.pdf"))
    qtbot.addWidget(preview)
    for widget in (window, window.page_widget("accounts"), window.page_widget("cashier"),
                   window.page_widget("users"), window.page_widget("hotline"),
                   window.page_widget("work_orders"), preview):
        missing = _keys_of(widget) - listed - {"Enter", "Ctrl+Enter"}  # Return's twins
        assert not missing, (type(widget).__name__, missing)
    assert isinstance(window.page_widget("cashier"), CashierPage)
    assert isinstance(window.page_widget("users"), UsersPage)
    rows = dialog.rows()
    native = QKeySequence.SequenceFormat.NativeText
    assert ("收费", QKeySequence("Ctrl+Return").toString(native), "按确认框所示收款") in rows
    assert ("全局", QKeySequence("Ctrl+Q").toString(native), "退出程序") in rows
    assert all(keys for _where, keys, _what in rows)


def test_help_menu_opens_the_shortcuts(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.findChild(type(window.language_actions["zh"]), "shortcuts").trigger()
    assert isinstance(window.dialog, ShortcutsDialog) and window.dialog.isVisible()
    assert window.dialog.windowTitle() == "快捷键"
