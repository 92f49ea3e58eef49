"""The main window: navigation list of pages (the first one shown by role), menus (log out,
switch user, password, language, help), and a status bar with user, role, database."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from heatoffice import __version__, config, glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.backup.queries import last_backup
from heatoffice.db.connection import describe
from heatoffice.ui import i18n
from heatoffice.ui.backups_page import last_backup_text
from heatoffice.ui.geometry import first_start_geometry
from heatoffice.ui.pages import Page, pages_for, start_page
from heatoffice.ui.settings_dialog import SettingsDialog

GEOMETRY_KEY = "ui/main_geometry"


class MainWindow(QMainWindow):
    """The File and View menus ask for what only the session can do (ui/session.py): a new
    login, or the window made again in another language."""

    log_out_requested = Signal()
    switch_user_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, actor: Actor, *, demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.dialog: QDialog | None = None
        title = self.tr("{company} — heatoffice").format(company=config.company_name())
        if demo or config.is_demo():
            title += " " + self.tr("[demo data]")
        self.setWindowTitle(title)
        self.pages: list[Page] = pages_for(actor)
        self._widgets: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setMinimumWidth(150)
        self.stack = QStackedWidget()
        for page in self.pages:
            item = QListWidgetItem(page.translated_title())
            if page.icon:
                pixmap = getattr(QStyle.StandardPixmap, page.icon, None)
                if pixmap is not None:
                    item.setIcon(self.style().standardIcon(pixmap))
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            item.setSizeHint(QSize(0, 34))
            self.nav.addItem(item)
            # A placeholder until first shown: pages query the database when made.
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_row)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1030])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_menus()
        self._build_status_bar()
        self.setGeometry(first_start_geometry(self.screen().availableGeometry()))
        self._restore_geometry()
        if self.pages:
            first = start_page(actor)
            keys = self.page_keys()
            self.nav.setCurrentRow(keys.index(first) if first in keys else 0)

    # --- pages ---------------------------------------------------------------------------
    def page_keys(self) -> list[str]:
        return [p.key for p in self.pages]

    def page_widget(self, key: str) -> QWidget:
        """The page's widget, made on first use."""
        if key not in self._widgets:
            row = self.page_keys().index(key)
            widget = self.pages[row].create(self.actor, self.stack)
            old = self.stack.widget(row)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(row, widget)
            self._widgets[key] = widget
        return self._widgets[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys().index(key))
        return self._widgets[key]

    def current_page_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.pages[row].key if 0 <= row < len(self.pages) else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page_widget(self.pages[row].key)
        self.stack.setCurrentWidget(widget)
        if widget.focusProxy() is not None:
            widget.setFocus()

    # --- chrome --------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, keys=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        if can(self.actor, "settings.edit"):
            self._action(file_menu, self.tr("Company &settings…"), self.edit_settings,
                         name="company_settings")
            file_menu.addSeparator()
        self._action(file_menu, self.tr("Change &password…"), self.change_password,
                     name="change_password")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Switch user…"), self.switch_user_requested.emit,
                     name="switch_user")
        self._action(file_menu, self.tr("&Log out"), self.log_out_requested.emit,
                     "Ctrl+Shift+L", name="log_out")
        file_menu.addSeparator()
        # Not StandardKey.Quit: Windows has no binding for it.
        self._action(file_menu, self.tr("E&xit"), self.close, "Ctrl+Q", name="exit")

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        language_menu = view_menu.addMenu("语言/Language")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, text in (("zh", "中文"), ("en", "English")):
            action = QAction(text, self, checkable=True)
            action.setChecked(i18n.language() == lang)
            action.triggered.connect(lambda _=False, lang=lang: self.choose_language(lang))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[lang] = action

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts…"), self.show_shortcuts,
                     "Ctrl+/", name="shortcuts")
        self._action(help_menu, self.tr("&About"), self._about, name="about")

    def edit_settings(self) -> None:
        self.settings_dialog = SettingsDialog(self.actor, self)
        self.settings_dialog.open()

    def choose_language(self, lang: str) -> None:
        """Asks the session to make the window again in ``lang`` (remembered per user)."""
        if lang != i18n.language():
            self.language_chosen.emit(lang)

    def change_password(self) -> None:
        from heatoffice.ui.password_dialog import ChangePasswordDialog

        self.dialog = ChangePasswordDialog(self.actor, self)
        self.dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Your password was changed."), 8000))
        self.dialog.open()

    def show_shortcuts(self) -> None:
        from heatoffice.ui.shortcuts_help import ShortcutsDialog

        self.dialog = ShortcutsDialog(self)
        self.dialog.open()

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About heatoffice"),
                          self.tr("heatoffice {version}\nDesk software of a district-heating "
                                  "company.").format(version=__version__))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        name = self.actor.display_name or self.actor.username
        self.user_label = QLabel(self.tr("User: {name}").format(name=name))
        role = glossary.label("role", self.actor.role)
        self.role_label = QLabel(self.tr("Role: {role}").format(role=role))
        self.db_label = QLabel(self.tr("Database: {db}").format(db=describe()))
        # the admin sees the last backup's age, in red after two days
        self.backup_label = QLabel(last_backup_text(self.actor))
        self.backup_label.setObjectName("last_backup")
        last = last_backup(self.actor)
        if last is not None and last.warn:
            self.backup_label.setStyleSheet("color: #c00000; font-weight: bold;")
        for label in (self.user_label, self.role_label, self.db_label, self.backup_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self.backup_label.setVisible(bool(self.backup_label.text()))

    def _restore_geometry(self) -> None:
        """Size and position as the window last closed (UI state in QSettings); Qt moves a
        window back onto the screen if that screen is gone."""
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)

    def save_geometry(self) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())

    def closeEvent(self, event) -> None:
        self.save_geometry()
        super().closeEvent(event)
