"""What the cases' tabs share: a combo of a glossary group, a labelled form row."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from heatoffice import glossary


def combo(group: str, everything: str | None = None) -> QComboBox:
    box = QComboBox()
    if everything is not None:
        box.addItem(everything, None)
    for code in glossary.codes(group):
        box.addItem(glossary.label(group, code), code)
    return box


def when(value) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"
