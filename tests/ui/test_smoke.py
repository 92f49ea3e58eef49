"""The smoke start: HEATOFFICE_SMOKE=1 makes the real run() log in, open every page and quit."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer, qWarning

from heatoffice.auth import service as auth
from heatoffice.db.connection import connect, database
from heatoffice.ui import app as app_module
from heatoffice.ui import smoke
from heatoffice.ui.pages import pages

PASSWORD = "smoke-12345"


@pytest.fixture
def office(tmp_path, monkeypatch):
    """A database with an admin, and the environment of a smoke start on it."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    connect(url)
    auth.create_first_admin(PASSWORD)
    database.close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    monkeypatch.setenv(smoke.ENV, "1")
    monkeypatch.setenv(smoke.PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("HEATOFFICE_LANG", "en")
    # The tests' offscreen screen is 800 px wide, narrower than the widest page needs; the
    # fit is checked on the 1366x768 screen of CI's smoke start, and below.
    monkeypatch.setattr(smoke.Smoke, "_check_fits", lambda self, window, when: None)
    yield url
    database.close()


def test_smoke_start_visits_every_page_and_exits_0(qtbot, office, tmp_path, monkeypatch,
                                                   capsys):
    fits = []
    monkeypatch.setattr(smoke.Smoke, "_check_fits", lambda self, window, when: fits.append(when))
    shot = tmp_path / "shots" / "window.png"
    monkeypatch.setenv(smoke.SCREENSHOT_ENV, str(shot))
    assert app_module.run(office, user="admin") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "smoke: logged in as admin"
    visited = [line.split()[2].rstrip(":") for line in lines if line.startswith("smoke: page ")]
    assert visited == [p.key for p in pages()]
    assert lines[-1] == f"smoke: ok: {len(pages())} pages"
    assert shot.stat().st_size > 1000
    assert fits == ["first shown", "after every page"]


def test_a_window_larger_than_the_screen_fails(qtbot):
    from PySide6.QtWidgets import QWidget

    run = smoke.Smoke("")
    widget = QWidget()
    qtbot.addWidget(widget)
    screen = widget.screen().availableGeometry()
    widget.setGeometry(screen.x(), screen.y(), screen.width() // 2, screen.height() // 2)
    widget.show()
    run._check_fits(widget, "first shown")
    assert run.problems == []
    widget.setGeometry(screen.x(), screen.y(), screen.width() + 100, screen.height() // 2)
    run._check_fits(widget, "after every page")
    assert len(run.problems) == 1 and "does not fit the screen" in run.problems[0]


def test_a_wrong_password_fails_the_smoke_start(qtbot, office, monkeypatch, capsys):
    monkeypatch.setenv(smoke.PASSWORD_ENV, "wrong")
    assert app_module.run(office, user="admin") != 0
    assert "smoke: FAILED login as 'admin' failed" in capsys.readouterr().err


def test_a_qt_warning_fails_the_smoke_start(qtbot, office, capsys):
    QTimer.singleShot(0, lambda: qWarning("something is off"))
    assert app_module.run(office, user="admin") == smoke.FAILED
    captured = capsys.readouterr()
    assert "smoke: FAILED Qt QtWarningMsg: something is off" in captured.err
    assert "1 problem(s)" in captured.out


def test_an_exception_in_a_slot_fails_the_smoke_start(qtbot, office, capsys):
    def broken():
        raise RuntimeError("a slot that fails")

    QTimer.singleShot(0, broken)  # while the login dialog is open
    assert app_module.run(office, user="admin") != 0
    assert "RuntimeError: a slot that fails" in capsys.readouterr().err


def test_a_page_that_cannot_be_made_fails_the_smoke_start(qtbot, office, monkeypatch, capsys):
    from heatoffice.ui.main_window import MainWindow

    made = MainWindow.page_widget

    def page_widget(self, key):
        if key == "audit":
            raise RuntimeError("the audit page cannot be made")
        return made(self, key)

    monkeypatch.setattr(MainWindow, "page_widget", page_widget)
    assert app_module.run(office, user="admin") == smoke.FAILED
    captured = capsys.readouterr()
    assert "RuntimeError: the audit page cannot be made" in captured.err
    assert "smoke: page org: OrgPage" in captured.out
    assert "smoke: page audit" not in captured.out


def test_without_the_variable_there_is_no_smoke_run(monkeypatch):
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert smoke.from_env() is None
    monkeypatch.setenv(smoke.ENV, "0")
    assert smoke.from_env() is None
