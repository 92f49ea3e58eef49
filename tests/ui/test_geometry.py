"""First start: the main window and its frame fit the screen, status bar included (1366x768)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMargins, QRect, QSize

from heatoffice.ui.geometry import DEFAULT_SIZE, FRAME_ALLOWANCE, first_start_geometry
from heatoffice.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_on_a_1366x768_screen_the_height_gives_way_to_the_frame():
    rect = first_start_geometry(QRect(0, 0, 1366, 768))
    assert rect == QRect(83, 40, 1200, 720)
    assert QRect(0, 0, 1366, 768).contains(rect.marginsAdded(FRAME_ALLOWANCE))


def test_a_task_bar_takes_its_share_too():
    available = QRect(0, 27, 1366, 741)  # a 27 px top panel, as GNOME's
    rect = first_start_geometry(available)
    assert rect.size() == QSize(1200, 693)
    assert available.contains(rect.marginsAdded(FRAME_ALLOWANCE))


def test_a_large_screen_gets_the_default_size_centred():
    rect = first_start_geometry(QRect(1920, 0, 1920, 1080))  # the second of two screens
    assert rect.size() == DEFAULT_SIZE
    assert rect.center().x() in (1920 + 959, 1920 + 960)
    assert first_start_geometry(QRect(0, 0, 800, 600), frame=QMargins()) == QRect(0, 0, 800, 600)


def test_the_main_window_fits_the_screen_it_opens_on(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry())
    assert available.contains(window.geometry().marginsAdded(FRAME_ALLOWANCE))


_AT_1366 = """
import json, sys
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from heatoffice.auth import passwords, service as auth
from heatoffice.db.connection import connect
from heatoffice.ui.geometry import FRAME_ALLOWANCE
from heatoffice.ui.main_window import MainWindow

passwords.use_fast_hashing()
app = QApplication([])
app.setOrganizationName("heatoffice-test")
connect(sys.argv[1])
auth.create_first_admin("secret-1234")
window = MainWindow(auth.login("admin", "secret-1234"))
window.show()
app.processEvents()
bar = window.statusBar()
corner = bar.mapToGlobal(QPoint(bar.width() - 1, bar.height() - 1))
drawn = window.geometry().marginsAdded(FRAME_ALLOWANCE)
frame = window.frameGeometry()
print(json.dumps({"screen": window.screen().geometry().getRect(), "frame": frame.getRect(),
                  "with_allowance": drawn.getRect(), "status_bar_corner": [corner.x(), corner.y()],
                  "status_bar_visible": bar.isVisible()}))
"""


def test_first_start_on_a_1366x768_screen_shows_the_status_bar(tmp_path):
    """A fresh program on Qt's offscreen platform given one 1366x768 screen."""
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "desk", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
               XDG_CONFIG_HOME=str(tmp_path / "config"), HEATOFFICE_LANG="zh")
    out = subprocess.run([sys.executable, "-c", _AT_1366, f"sqlite:///{tmp_path / 'o.db'}"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    screen = QRect(*seen["screen"])
    assert screen == QRect(0, 0, 1366, 768)
    assert screen.contains(QRect(*seen["frame"]))
    assert screen.contains(QRect(*seen["with_allowance"]))  # a desktop's title bar and borders
    assert seen["status_bar_visible"]
    assert screen.contains(*seen["status_bar_corner"])
