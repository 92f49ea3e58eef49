"""A second Python process of this program doing pure work for this one, and the framing its
pipes share with the import's reading process (``imports/sheet_process``).

A bulk load on two cores has a core to spare while the server writes: a :class:`Worker`
runs ``python -m heatoffice.db.worker MODULE:FUNCTION`` and calls the function on each
request, in order, so that this process hands the work over and goes on. Requests and
answers are length-prefixed pickles on the child's standard input and output; a thread here
drains the answers into the requests' futures (it waits in ``read`` without the interpreter's
lock). The function is named by a dotted string, as the manifests name code, so this layer
imports nothing above it. An answer the child cannot give (an exception in the function, the
child gone) sets :class:`WorkerGone` on the request's future: the caller does the work itself.
"""

from __future__ import annotations

import importlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import weakref
from collections import deque
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

LENGTH = struct.Struct("<I")


class WorkerGone(Exception):
    """The worker could not answer (it failed, or is gone)."""


def send(out: IO[bytes], value: Any) -> None:
    """One frame: ``value`` pickled, after its length."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(LENGTH.pack(len(data)))
    out.write(data)
    out.flush()


def read_frame(pipe: IO[bytes]) -> bytes | None:
    """The next frame's pickle, or None at the pipe's end."""
    head = pipe.read(LENGTH.size)
    if len(head) < LENGTH.size:
        return None
    (n,) = LENGTH.unpack(head)
    data = pipe.read(n)
    return data if len(data) == n else None


def drain(pipe: IO[bytes], frames: queue.SimpleQueue[bytes | None]) -> None:
    """Put each frame read from ``pipe`` on ``frames`` (unpickled by whoever takes it), then
    None at the end."""
    try:
        while (data := read_frame(pipe)) is not None:
            frames.put(data)
    except (OSError, ValueError):  # the pipe closed under us: the other side let go
        pass
    frames.put(None)


def child_env() -> dict[str, str]:
    """This environment, with this program's package first on the child's path."""
    env = dict(os.environ)
    home = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([home, *filter(None, [env.get("PYTHONPATH")])])
    return env


class Worker:
    """The child calling ``target`` ("module:function") on each :meth:`submit`'s arguments.
    A worker let go without :meth:`close` (a load that failed) ends its child when it is
    collected (nothing here refers back to it)."""

    def __init__(self, target: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "heatoffice.db.worker", target],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=child_env())
        self.waiting: deque[Future[Any]] = deque()
        self.lock = threading.Lock()
        assert self.proc.stdout is not None
        self.thread = threading.Thread(
            target=_answers, args=(self.proc.stdout, self.waiting, self.lock),
            name="worker-answers", daemon=True)
        self.thread.start()
        self.ending = weakref.finalize(self, _end, self.proc, self.thread)

    def submit(self, *args: Any) -> Future[Any]:
        """The answer to ``target(*args)``, to come."""
        answer: Future[Any] = Future()
        with self.lock:
            self.waiting.append(answer)
        try:
            assert self.proc.stdin is not None
            send(self.proc.stdin, args)
        except (OSError, ValueError):  # the child is gone: its answers end
            _fail_all(self.waiting, self.lock)
        return answer

    def close(self) -> None:
        """End the child (its input closed: it exits when it has answered)."""
        self.ending()


def _answers(pipe: IO[bytes], waiting: deque[Future[Any]], lock: threading.Lock) -> None:
    try:
        while (data := read_frame(pipe)) is not None:
            ok, value = pickle.loads(data)
            with lock:
                answer = waiting.popleft()
            if ok:
                answer.set_result(value)
            else:
                answer.set_exception(WorkerGone(value))
    except (OSError, ValueError, IndexError, pickle.UnpicklingError):
        pass
    _fail_all(waiting, lock)


def _fail_all(waiting: deque[Future[Any]], lock: threading.Lock) -> None:
    with lock:
        while waiting:
            answer = waiting.popleft()
            if not answer.done():
                answer.set_exception(WorkerGone("the worker is gone"))


def _end(proc: subprocess.Popen[bytes], thread: threading.Thread) -> None:
    if proc.stdin is not None and not proc.stdin.closed:
        try:
            proc.stdin.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if thread is not threading.current_thread():
        thread.join()
    if proc.stdout is not None:
        proc.stdout.close()


def main(argv: list[str]) -> int:
    """The child: call the target on each request until the input ends."""
    module, _, name = argv[0].partition(":")
    target = getattr(importlib.import_module(module), name)
    source, out = sys.stdin.buffer, sys.stdout.buffer
    try:
        while (data := read_frame(source)) is not None:
            try:
                answer: tuple[bool, Any] = (True, target(*pickle.loads(data)))
            except Exception as exc:  # noqa: BLE001 - the caller does the work itself
                answer = (False, f"{type(exc).__name__}: {exc}")
            send(out, answer)
    except BrokenPipeError:  # the caller let go
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
