"""The main window's pages come from the areas' manifests; a made-up area's page joins them."""

from __future__ import annotations

import inspect

import pytest
from made_up_area import forget, install
from PySide6.QtWidgets import QWidget

from heatoffice import manifest
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.pages import pages


def test_every_page_widget_of_the_manifests_is_a_widget_class():
    assert len(pages()) == 20
    for page in pages():
        cls = manifest.resolve(page.widget)
        assert inspect.isclass(cls) and issubclass(cls, QWidget), page.widget


@pytest.fixture
def made_up(tmp_path, monkeypatch):
    install(tmp_path / "src", monkeypatch)
    yield
    forget()


def test_a_made_up_areas_page_takes_its_place(qtbot, admin, made_up):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    assert window.page_keys() == ["home", "accounts", "reception", "hotline", "work_orders",
                                  "service_cases", "service_report", "cashier", "arrears",
                                  "recheck", "measurements", "closing", "reports", "gadgets",
                                  "adjustments", "seasons", "org", "imports", "audit", "users",
                                  "backups"]
    assert window.nav.item(13).text() == "Gadgets"  # no translation: the source text
    assert window.show_page("gadgets").text() == "gadgets"
