"""Start the desktop program: language, database, first admin, login, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.db.connection import connect
from heatoffice.errors import UserError
from heatoffice.ui import crash, i18n, worker

# First found wins: Windows, macOS, then the Linux CJK fonts.
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
             "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), named so QSettings has a home, with a Chinese font."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)  # not a QCoreApplication: the program has widgets
    app.setOrganizationName("heatoffice")
    app.setApplicationName("heatoffice")
    use_cjk_font(app)
    return app


def use_cjk_font(app: QApplication) -> str | None:
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
            return family
    return None


def ask_login(user: str | None = None) -> Actor | None:
    """The first-admin dialog if the database needs one, then the login dialog."""
    from heatoffice.ui.login import FirstAdminDialog, LoginDialog

    if auth.needs_admin():
        first = FirstAdminDialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        user = user or "admin"
    login = LoginDialog(user)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.actor


def daily_backup(actor: Actor) -> str:
    """The day's automatic backup when this is the first desk to start today
    (heatoffice.backup.service.auto_backup); a failure does not stop the desk: its message,
    for the status bar."""
    from PySide6.QtCore import Qt

    from heatoffice.backup import service as backups

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backups.auto_backup(actor)
    except UserError as exc:
        return QApplication.translate("Backups", "The daily backup failed: {reason}").format(
            reason=exc.message())
    finally:
        QApplication.restoreOverrideCursor()
    return ""


def run(db_url: str, *, demo: bool = False, user: str | None = None,
        lang: str | None = None) -> int:
    """The desktop program on ``db_url``; returns the exit code. ``demo`` marks the window as
    showing demo data; ``user`` fills in the login name; ``lang`` (the command line's --lang)
    is the language of this run, else $HEATOFFICE_LANG, else the language each user chose.
    With HEATOFFICE_SMOKE=1 it is a smoke start (``ui/smoke.py``): it logs itself in, opens
    every page and quits."""
    from heatoffice.ui import smoke as smoke_run

    smoke = smoke_run.from_env()
    app = make_app()
    i18n.apply_language(lang or i18n.chosen_language())
    crash.install()
    if smoke is not None:
        smoke.install_excepthook()
        smoke.start()
    try:
        connect(db_url)
    except UserError as exc:
        if smoke is not None:
            smoke.fail(exc.message())
            return smoke.finish(2)
        QMessageBox.critical(None, "heatoffice", exc.message())
        return 2
    actor = ask_login(user)
    if actor is None:
        return smoke.finish(1) if smoke is not None else 1
    from heatoffice.ui.session import Session

    failed = daily_backup(actor)
    session = Session(demo=demo, forced_language=lang, parent=app)
    window = session.start(actor)
    if failed:
        window.statusBar().showMessage(failed)
    code = app.exec()
    worker.wait_for_running()
    return smoke.finish(code) if smoke is not None else code
