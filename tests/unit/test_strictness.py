"""The strict pytest settings of setup.cfg really fail what they promise to fail.

A small test file runs in a fresh pytest under a copy of setup.cfg; each of its tests either
must fail (a warning from heatoffice code, a Qt warning, a passing xfail) or must pass (the
same warning from elsewhere, an offscreen-plugin message the config ignores).
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SETUP_CFG = Path(__file__).resolve().parents[2] / "setup.cfg"

INNER = '''
import warnings

import pytest


def _as_module(name, source):
    namespace = {"__name__": name, "warnings": warnings}
    exec(source, namespace)
    return namespace


HEATOFFICE = _as_module("heatoffice.selfcheck", (
    "def warn(category):\\n"
    "    warnings.warn('said by heatoffice', category)\\n"
    "def call(function):\\n"
    "    function()\\n"))
LIBRARY = _as_module("somelibrary", (
    "def old_api():\\n"
    "    warnings.warn('old_api is deprecated', DeprecationWarning, stacklevel=2)\\n"))


def test_user_warning_from_heatoffice():
    HEATOFFICE["warn"](UserWarning)


def test_runtime_warning_from_heatoffice():
    HEATOFFICE["warn"](RuntimeWarning)


def test_library_deprecation_called_from_heatoffice():
    HEATOFFICE["call"](LIBRARY["old_api"])


def test_library_deprecation_called_from_elsewhere():
    LIBRARY["old_api"]()


def test_qt_warning(qtbot):
    from PySide6.QtCore import qWarning

    qWarning("a real Qt warning")


def test_offscreen_plugin_message(qtbot):
    from PySide6.QtCore import qWarning

    qWarning("This plugin does not support raise()")


@pytest.mark.xfail(reason="a bug that has since been fixed")
def test_passing_xfail():
    pass
'''

MUST_FAIL = {"test_user_warning_from_heatoffice", "test_runtime_warning_from_heatoffice",
             "test_library_deprecation_called_from_heatoffice", "test_qt_warning",
             "test_passing_xfail"}
MUST_PASS = {"test_library_deprecation_called_from_elsewhere", "test_offscreen_plugin_message"}


def _pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_strict_settings_fail_what_they_should(tmp_path):
    (tmp_path / "setup.cfg").write_text(SETUP_CFG.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    out = _pytest(tmp_path, "--junitxml=report.xml", "test_inner.py")
    outcome = {}
    for case in ET.parse(tmp_path / "report.xml").iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        outcome[case.get("name")] = "failed" if failed else "passed"
    assert outcome == {**dict.fromkeys(MUST_FAIL, "failed"),
                       **dict.fromkeys(MUST_PASS, "passed")}, out.stdout


@pytest.mark.parametrize(("setting", "test", "error"), [
    ("xfail_strickt = true\n", "def test_nothing():\n    pass\n", "xfail_strickt"),
    ("", "import pytest\n\n@pytest.mark.sloow\ndef test_nothing():\n    pass\n",
     "'sloow' not found in `markers`"),
], ids=["misspelt setting", "unregistered mark"])
def test_a_mistake_in_the_test_setup_is_an_error(tmp_path, setting, test, error):
    config = SETUP_CFG.read_text(encoding="utf-8").replace(
        "[tool:pytest]\n", "[tool:pytest]\n" + setting)
    (tmp_path / "setup.cfg").write_text(config, encoding="utf-8")
    (tmp_path / "test_nothing.py").write_text(test, encoding="utf-8")
    out = _pytest(tmp_path, "test_nothing.py")
    assert out.returncode != 0 and error in out.stdout + out.stderr, out.stdout
