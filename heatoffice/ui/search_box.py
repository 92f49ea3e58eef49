"""The search field of a register: a search runs once typing pauses, not on every key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 250


def search_box(owner: QWidget, placeholder: str,
               run: Callable[[], object]) -> tuple[QLineEdit, QTimer]:
    """A line edit named "search" and its timer: ``run`` is called DEBOUNCE_MS after the last
    change (stop the timer when searching at once)."""
    edit = QLineEdit()
    edit.setObjectName("search")
    edit.setClearButtonEnabled(True)
    edit.setPlaceholderText(placeholder)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(DEBOUNCE_MS)
    timer.timeout.connect(run)
    edit.textChanged.connect(lambda _text: timer.start())
    return edit, timer
