"""The interface language: chosen from the command line, env or QSettings (per user), applied
to Qt and to the glossary."""

from __future__ import annotations

import os
from urllib.parse import quote

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


def env_language() -> str | None:
    """HEATOFFICE_LANG, if it names a language."""
    env = (os.environ.get(ENV) or "").strip().lower()
    return next((lang for lang in LANGUAGES if env.startswith(lang)), None)


def chosen_language() -> str:
    """HEATOFFICE_LANG if set, else the language last chosen in the Language menu (by anyone
    at this desk: the login dialog speaks it), else Chinese."""
    stored = QSettings().value(SETTINGS_KEY, "zh")
    return env_language() or (stored if stored in LANGUAGES else "zh")


def _user_key(username: str) -> str:
    # A user name may hold "/" or other characters QSettings reads as structure.
    return f"users/{quote(username, safe='')}/language"


def user_language(username: str) -> str | None:
    """The language ``username`` last chose in the Language menu, if any."""
    stored = QSettings().value(_user_key(username))
    return stored if stored in LANGUAGES else None


def store_language(lang: str, username: str | None = None) -> None:
    """Remember the choice: for the login dialog of the next start and, given ``username``,
    for that user's next login."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    settings = QSettings()
    settings.setValue(SETTINGS_KEY, lang)
    if username:
        settings.setValue(_user_key(username), lang)


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
