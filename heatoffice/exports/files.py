"""Writing a document file safely: into a temporary file beside the target, renamed when whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from heatoffice.errors import UserError


def reserve_beside(target: Path, suffix: str) -> str:
    """An empty temporary file next to ``target`` (``suffix`` like ".pdf.part"), so a failed or
    cancelled export never leaves a half-written file where the old one was."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise UserError("exports.write_failed", value=str(target),
                        reason=exc.strerror or str(exc)) from exc
    os.close(fd)
    return tmp


def current_umask() -> int:
    """The process's umask. Linux shows it in /proc without changing it; elsewhere it is read
    by setting and restoring it (a moment in which another thread's new file could differ)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def publish(tmp: str, target: Path) -> None:
    """Give the finished temporary file the mode a new file of the user gets (mkstemp makes it
    0600, which hides an export in a shared folder from colleagues), then rename it over
    ``target`` in one step."""
    os.chmod(tmp, 0o666 & ~current_umask())
    os.replace(tmp, target)
