"""Starting the program: the whole run() flow, a bad database URL, the crash dialog, fonts."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from heatoffice.auth import service as auth
from heatoffice.db.connection import database
from heatoffice.ui import app as app_module
from heatoffice.ui import crash
from heatoffice.ui.login import FirstAdminDialog, LoginDialog
from heatoffice.ui.main_window import MainWindow


def test_run_sets_admin_logs_in_and_shows_the_main_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setenv("HEATOFFICE_LANG", "en")
    steps = []

    def drive():
        modal = QApplication.activeModalWidget()
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if isinstance(modal, FirstAdminDialog):
            steps.append("admin")
            modal.password.setText("abcdef-1234")
            modal.repeat.setText("abcdef-1234")
            modal.create_admin()
        elif isinstance(modal, LoginDialog):
            steps.append("login " + modal.username.text())
            modal.password.setText("abcdef-1234")
            modal.try_login()
        elif windows:
            steps.append(windows[0].nav.item(0).text())
            windows[0].close()
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    try:
        code = app_module.run(f"sqlite:///{tmp_path / 'office.db'}", user=None)
    finally:
        database.close()
    assert code == 0
    assert steps == ["admin", "login admin", "Home"]
    assert sys.excepthook is crash.excepthook


def test_run_with_a_bad_url_says_so(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    assert app_module.run("mysql://nowhere/db") == 2
    assert shown == ["数据库地址：“mysql://nowhere/db”不是支持的数据库地址"
                     "（sqlite:////绝对路径 或 postgresql://…）"]


def test_login_cancelled_ends_the_program(qtbot, sqlite_db, monkeypatch):
    auth.create_first_admin("abcdef-1234")
    monkeypatch.setattr(LoginDialog, "exec", lambda self: 0)
    assert app_module.ask_login("admin") is None


def test_crash_dialog_shows_the_traceback(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(crash.CrashDialog, "exec",
                        lambda self: shown.append(self.details.toPlainText()))
    try:
        {}["missing"]
    except KeyError as exc:
        crash.excepthook(KeyError, exc, exc.__traceback__)
    assert len(shown) == 1
    assert shown[0].startswith("Traceback (most recent call last):")
    assert "KeyError: 'missing'" in shown[0]
    dialog = crash.CrashDialog("boom")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "heatoffice：程序错误"
    assert dialog.details.isReadOnly()


def test_user_error_that_escaped_is_a_warning_not_a_crash(qtbot, monkeypatch):
    from heatoffice.errors import UserError

    warned = []
    monkeypatch.setattr(crash, "show_user_error", lambda exc, parent: warned.append(exc.code))
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: warned.append("crash"))
    exc = UserError("auth.bad_login")
    crash.excepthook(UserError, exc, None)
    assert warned == ["auth.bad_login"]


def test_a_chinese_font_is_used_when_installed(qapp):
    family = app_module.use_cjk_font(qapp)
    installed = [f for f in app_module.CJK_FONTS if f in QFontDatabase.families()]
    if installed:
        assert family == installed[0]
        assert qapp.font().family() == installed[0]
    else:
        assert family is None


def test_run_on_a_file_that_is_not_a_database_says_so(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database " * 500)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    try:
        assert app_module.run(f"sqlite:///{junk}") == 2
        assert app_module.run(f"sqlite:///{folder}") == 2
        assert app_module.run("postgresql://heat@127.0.0.1:1/heatoffice") == 2
    finally:
        database.close()
    assert shown == [
        f"“{junk}”不是 heatoffice 数据库：请检查 --db 或 HEATOFFICE_DB 指向的文件",
        f"“{folder}”是一个文件夹，不是数据库文件：请在 --db 中写出文件名"
        f"（如 sqlite:///{folder}/heatoffice.db）",
        "无法连接 PostgreSQL 服务器 127.0.0.1:1：请确认服务器已启动、地址和端口正确、防火墙放行"]
