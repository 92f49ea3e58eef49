"""Printed documents as PDF: notices, receipts, dunning notices, recheck and round sheets.

Each document is a function from plain data (dataclasses) to a PDF written to a path or a
binary file; reportlab is imported only when a document is made.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any


def pdf_bytes(render: Callable[..., Any], *args: Any, **kwargs: Any) -> bytes:
    """The PDF that ``render(target, *args, **kwargs)`` makes, as bytes (for a print preview)."""
    buf = io.BytesIO()
    render(buf, *args, **kwargs)
    return buf.getvalue()
