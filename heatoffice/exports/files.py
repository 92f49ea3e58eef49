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
