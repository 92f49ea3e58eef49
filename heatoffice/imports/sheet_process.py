"""A large workbook read in a second process while this one checks and writes its rows.

Reading a workbook is pure Python, as slow as checking its rows. A second process reads
(``python -m heatoffice.imports.reader FILE SHEET SIZE``, :func:`reader.main`) and hands
the chunks of rows over a pipe, each a length-prefixed pickle (``db/worker``'s framing):
``("name", sheet title)`` first, then ``("rows", chunk)`` as :func:`reader.stream_here`
makes them, then ``("end", None)``, or ``("error", (code, field, params))`` for a
:class:`UserError` (any other failure is the file's: ``imports.bad_workbook``).

A thread in this process drains the pipe as the frames come (it waits in ``read`` without
the interpreter's lock), so the reader never waits for the checks; the frames are unpickled
by whoever takes the chunks. The rows are the same as read here (tests compare them).
"""

from __future__ import annotations

import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from heatoffice.db import worker
from heatoffice.errors import UserError


class Reading:
    """The second process reading ``path`` and the thread draining its pipe."""

    def __init__(self, path: Path, sheet: str | None, size: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "heatoffice.imports.reader", str(path),
             sheet or "", str(size)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=worker.child_env())
        self.name = path.name
        self.frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        assert self.proc.stdout is not None
        self.drain = threading.Thread(target=worker.drain, args=(self.proc.stdout, self.frames),
                                      name="sheet-reader", daemon=True)
        self.drain.start()
        self.ended = False  # the last frame taken: the process is exiting by itself

    def take(self) -> tuple[str, Any]:
        data = self.frames.get()
        if data is None:
            self.frames.put(None)  # (a second take sees the end too)
            raise UserError("imports.bad_workbook", field="file", value=self.name)
        kind, value = pickle.loads(data)
        self.ended = kind in ("end", "error")
        if kind == "error":
            code, field, params = value
            raise UserError(code, field=field, **params)
        return kind, value

    def chunks(self) -> Iterator[list[tuple[int, list[Any]]]]:
        try:
            while True:
                kind, value = self.take()
                if kind == "end":
                    return
                yield value
        finally:
            self.close()

    def close(self) -> None:
        if self.ended:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.poll() is None:  # let go early (cancelled, a problem): stop it
            self.proc.kill()
        self.proc.wait()
        self.drain.join()  # (the pipe's far end is closed: the thread sees its end)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
