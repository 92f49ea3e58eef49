"""The interface language: chosen from env or QSettings, applied to Qt and to the glossary."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from heatoffice import glossary
from heatoffice.paths import resources_dir

LANGUAGES = glossary.LANGUAGES
SETTINGS_KEY = "ui/language"
ENV = "HEATOFFICE_LANG"

# Installed translators are kept referenced: Qt does not own them.
_translators: list[QTranslator] = []


def qm_path():
    return resources_dir() / "i18n" / "heatoffice_zh_CN.qm"


def chosen_language() -> str:
    """HEATOFFICE_LANG if set, else the language stored by the Language menu, else Chinese."""
    env = (os.environ.get(ENV) or "").strip().lower()
    if env.startswith("en"):
        return "en"
    if env.startswith("zh"):
        return "zh"
    stored = QSettings().value(SETTINGS_KEY, "zh")
    return stored if stored in LANGUAGES else "zh"


def store_language(lang: str) -> None:
    """Remember the choice for the next start."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    QSettings().setValue(SETTINGS_KEY, lang)


def apply_language(lang: str) -> None:
    """Install (or remove) the Chinese translators and set the glossary's language, which
    messages, domain labels and exports read.

    Widgets made afterwards show the new language; existing ones keep their text.
    """
    if lang not in LANGUAGES:
        raise ValueError(lang)
    app = QCoreApplication.instance()
    assert app is not None, "make the QApplication first"
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang == "zh":
        ours = QTranslator()
        if not ours.load(str(qm_path())):
            raise FileNotFoundError(qm_path())
        qt = QTranslator()
        # Qt's own strings (standard buttons, context menus); optional.
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _translators.append(qt)
        _translators.append(ours)
        for translator in _translators:
            app.installTranslator(translator)
    glossary.set_language(lang)


def language() -> str:
    """The one language setting (heatoffice.glossary), whoever set it."""
    return glossary.current_language()
