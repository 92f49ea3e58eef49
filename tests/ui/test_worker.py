"""Long work on a worker thread: own database connection, progress, cancel, results by signal."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from heatoffice.accounts import register
from heatoffice.accounts.models import Account
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.ui.worker import Task, Worker, run_in_background


def test_result_comes_back_by_signal_from_another_thread(qtbot, admin, make_accounts):
    make_accounts(admin, 12)
    threads = {}
    progress_seen = []

    def work(progress):
        threads["work"] = threading.get_ident()
        total = register.count(admin)
        names = []
        for offset in range(0, total, 5):
            names += [r[2] for r in register.page(admin, offset=offset, limit=5)]
            assert progress(len(names), total)
        return names

    task = Task(work, "counting", show_dialog=True)
    task.worker.progressed.connect(lambda d, t: progress_seen.append((d, t)))
    with qtbot.waitSignal(task.finished, timeout=10000) as blocker:
        task.start()
    assert threads["work"] != threading.get_ident()
    assert len(blocker.args[0]) == 12
    assert blocker.args[0][:2] == ["张伟", "王芳"]
    assert progress_seen[-1] == (12, 12)
    assert task.result == blocker.args[0]
    assert not task.is_running()
    # The worker closed its own connection; this thread's is still open.
    assert not database.is_closed()
    assert Account.select().count() == 12


def test_cancel_makes_progress_return_false(qtbot, sqlite_db):
    started = threading.Event()
    release = threading.Event()

    def work(progress):
        done = 0
        started.set()
        release.wait(5)
        while progress(done, 1000):
            done += 1
            if done == 1000:
                break
        return done

    task = Task(work, "long", show_dialog=True)
    task.start()
    assert started.wait(5)
    # The dialog appears only for work that takes longer than a moment.
    assert not task.dialog.isVisible()
    qtbot.waitUntil(task.dialog.isVisible, timeout=3000)
    qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert task.cancelled
    release.set()
    with qtbot.waitSignal(task.finished, timeout=10000) as blocker:
        pass
    assert blocker.args == [0]
    assert not task.dialog.isVisible()


def test_errors_come_back_by_signal(qtbot, sqlite_db):
    def work(progress):
        raise UserError("cancelled")

    seen = []
    with qtbot.waitSignal(run_in_background(work, "x", None, lambda r: seen.append(r),
                                            on_error=seen.append).error, timeout=10000):
        pass
    assert len(seen) == 1 and isinstance(seen[0], UserError)
    assert seen[0].message() == "已取消"


def test_a_bug_in_the_work_reaches_the_excepthook(qtbot, sqlite_db, monkeypatch):
    hooked = []
    monkeypatch.setattr("sys.excepthook", lambda kind, exc, tb: hooked.append(exc))

    def work(progress):
        return 1 / 0

    task = run_in_background(work, "x", None, lambda r: None)
    qtbot.waitUntil(lambda: len(hooked) == 1, timeout=10000)
    assert isinstance(hooked[0], ZeroDivisionError)
    assert isinstance(task.exception, ZeroDivisionError)


@pytest.mark.parametrize("total", [0, 3])
def test_progress_dialog_range(qtbot, sqlite_db, total):
    def work(progress):
        progress(total, total)
        return "ok"

    task = Task(work, "x")
    with qtbot.waitSignal(task.finished, timeout=10000):
        task.start()
    assert task.result == "ok"



def test_work_of_unknown_size_reports_a_busy_bar(qtbot):
    # Documents and sheets call progress(done, None) when they have not counted their rows.
    worker = Worker(lambda progress: None)
    seen = []
    worker.progressed.connect(lambda done, total: seen.append((done, total)))
    assert worker.progress(7, None) is True
    assert seen == [(7, 0)]  # a maximum of 0: QProgressDialog shows a busy bar


def test_the_program_waits_for_work_still_running_before_it_ends(qtbot, sqlite_db):
    import time

    from heatoffice.ui.worker import wait_for_running

    task = Task(lambda _progress: time.sleep(0.3) or "done", "x", None,
                show_dialog=False).start()
    assert task.is_running()
    wait_for_running()
    assert not task.is_running()
    qtbot.waitUntil(lambda: task.result == "done")
