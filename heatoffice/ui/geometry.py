"""The main window's first-start geometry: capped so that it and its frame fit the screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

DEFAULT_SIZE = QSize(1200, 760)
# The window manager adds its frame only once the window is shown, so its size is not known
# here. Title bars and borders of the usual desktops (GNOME and KDE on X11, Windows 10/11,
# Xfce) stay within this; at 1366×768 with a task bar the status bar stays on screen.
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)


def first_start_geometry(available: QRect, wanted: QSize = DEFAULT_SIZE,
                         frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The client area for a first start: ``wanted``, shrunk so that it with ``frame`` around
    it fits in ``available`` (the screen less its panels), centred there."""
    room = available.marginsRemoved(frame)
    width = max(1, min(wanted.width(), room.width()))
    height = max(1, min(wanted.height(), room.height()))
    x = room.x() + (room.width() - width) // 2
    y = room.y() + (room.height() - height) // 2
    return QRect(x, y, width, height)
