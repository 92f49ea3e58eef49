"""UI test fixtures: offscreen Qt, QSettings in a temp folder, Chinese by default, an admin."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from heatoffice import messages  # noqa: E402

ADMIN_PASSWORD = "secret-1234"


@pytest.fixture(autouse=True)
def ui_settings(qapp, tmp_path, monkeypatch):
    """QSettings of each test in its own folder; language Chinese unless a test changes it."""
    from heatoffice.ui import i18n

    monkeypatch.delenv(i18n.ENV, raising=False)
    QCoreApplication.setOrganizationName("heatoffice-test")
    QCoreApplication.setApplicationName("heatoffice-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    i18n.apply_language("zh")
    yield
    i18n.apply_language("zh")
    messages.set_language("zh")


@pytest.fixture(autouse=True)
def change_bus(monkeypatch):
    """A change bus of the test's own: pages of earlier tests that Qt has not deleted yet
    stay subscribed to the old one and never hear of this test's writes."""
    from heatoffice.ui import changes

    monkeypatch.setattr(changes, "_bus", None)
    return changes.bus()


@pytest.fixture
def admin(sqlite_db):
    """The first administrator of a fresh database, logged in."""
    from heatoffice.auth import service as auth

    auth.create_first_admin(ADMIN_PASSWORD)
    return auth.login("admin", ADMIN_PASSWORD)


@pytest.fixture
def make_accounts():
    """A function that opens ``count`` accounts whose names mix surnames and given names."""
    return _make_accounts


def _make_accounts(actor, count: int, *, start: int = 0) -> list:
    from heatoffice.accounts import service

    surnames = "张王李赵刘陈杨黄周吴"
    given = ("伟", "芳", "秀英", "敏", "静", "丽", "强")
    accounts = []
    for i in range(start, start + count):
        accounts.append(service.open_account(actor, {
            "account_no": f"T{i:05d}",
            "name": surnames[i % len(surnames)] + given[i % len(given)],
            "community": "阳光花园",
            "building": str(i // 40 + 1),
            "unit": str(i % 4 + 1),
            "room": str(100 + i % 40),
            "heating_area": "85.50",
            "phone": f"138{i:08d}",
        }))
    return accounts
