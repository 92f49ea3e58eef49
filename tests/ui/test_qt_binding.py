"""The Qt binding itself: guards against a PySide6 release that would crash the program."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_returning_nothing_keep_the_reference_count_of_none(qtbot):
    # PySide6 6.12.0 decremented None's reference count on every call returning nothing;
    # on Python 3.11 the program aborts ("deallocating None") after some thousand calls.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(5000):
        label.setText(str(i % 7))
    assert sys.getrefcount(None) - before > -100
