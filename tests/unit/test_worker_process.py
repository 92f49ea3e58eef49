"""A worker process answers in order; a request it cannot answer, and a worker gone, come
back as WorkerGone (the caller does the work itself); a worker let go ends its child."""

from __future__ import annotations

import gc
import io
import os
import signal

import pytest

from heatoffice.db import worker
from heatoffice.db.worker import Worker, WorkerGone


def test_frames_round_trip():
    pipe = io.BytesIO()
    worker.send(pipe, ("rows", [(1, ["张三", 2.5, None])]))
    worker.send(pipe, None)
    pipe.seek(0)
    import pickle

    assert pickle.loads(worker.read_frame(pipe)) == ("rows", [(1, ["张三", 2.5, None])])
    assert pickle.loads(worker.read_frame(pipe)) is None
    assert worker.read_frame(pipe) is None  # the end


def test_answers_come_in_order_and_a_failure_is_its_own():
    w = Worker("heatoffice.accounts.search:copy_lines")
    try:
        from heatoffice.accounts import search

        batches = [[(n * 10 + i, f"hm{n}{i} 张{i}伟 138{n}") for i in range(5)] for n in range(6)]
        answers = [w.submit(b) for b in batches[:3]]
        bad = w.submit("not pairs")
        answers += [w.submit(b) for b in batches[3:]]
        assert [a.result(timeout=30) for a in answers] == [search.copy_lines(b) for b in batches]
        with pytest.raises(WorkerGone, match="ValueError"):
            bad.result(timeout=30)
    finally:
        w.close()
    assert w.proc.returncode == 0 and not w.thread.is_alive()


def test_a_worker_gone_fails_what_waits_and_what_comes():
    w = Worker("heatoffice.accounts.search:copy_lines")
    try:
        assert w.submit([(1, "a")]).result(timeout=30)
        os.kill(w.proc.pid, signal.SIGKILL)
        w.proc.wait()
        with pytest.raises(WorkerGone):
            w.submit([(2, "b")]).result(timeout=30)
    finally:
        w.close()


def test_a_worker_let_go_ends_its_child():
    w = Worker("heatoffice.accounts.search:copy_lines")
    proc, thread = w.proc, w.thread
    assert w.submit([(1, "a")]).result(timeout=30)
    del w
    gc.collect()
    assert proc.returncode == 0 and not thread.is_alive()
