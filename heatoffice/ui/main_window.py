"""The main window: navigation list of pages, menus, and a status bar with user, role, database."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
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
from heatoffice.db.connection import describe
from heatoffice.ui import i18n
from heatoffice.ui.geometry import first_start_geometry
from heatoffice.ui.pages import Page, pages_for


class MainWindow(QMainWindow):
    def __init__(self, actor: Actor, *, demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        title = self.tr("{company} — heatoffice").format(company=config.company_name())
        if demo:
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
            self.nav.setCurrentRow(0)

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

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page_widget(self.pages[row].key)
        self.stack.setCurrentWidget(widget)
        if widget.focusProxy() is not None:
            widget.setFocus()

    # --- chrome --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

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
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def choose_language(self, lang: str) -> None:
        i18n.store_language(lang)
        self.statusBar().showMessage(
            self.tr("The language changes when the program is started again."), 8000)

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
        for label in (self.user_label, self.role_label, self.db_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("ui/main_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("ui/main_geometry", self.saveGeometry())
        super().closeEvent(event)
