"""The organisation page: departments tree, posts and duties, staff, current assignments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.org import queries as org
from heatoffice.ui import formats
from heatoffice.ui.changes import subscribe


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1,
                                                  QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple], keys: list[int]) -> None:
    table.setRowCount(len(rows))
    for r, (values, key) in enumerate(zip(rows, keys, strict=True)):
        for c, value in enumerate(values):
            item = QTableWidgetItem(formats.display(value))
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    return box


class OrgPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.departments = QTreeWidget()
        self.departments.setHeaderLabels([self.tr("Departments")])
        self.departments.currentItemChanged.connect(lambda *_: self.show_department())

        # Posts and duties of the selected department.
        self.responsibilities = _text_box()
        self.responsibilities.setMaximumHeight(110)
        self.posts = QListWidget()
        self.posts.currentItemChanged.connect(lambda *_: self.show_post())
        self.duties = _text_box()
        posts_split = QSplitter()
        posts_split.addWidget(self.posts)
        posts_split.addWidget(self.duties)
        posts_split.setStretchFactor(1, 2)
        posts_split.setSizes([180, 620])
        posts_tab = QWidget()
        posts_layout = QVBoxLayout(posts_tab)
        posts_layout.addWidget(QLabel(self.tr("Responsibilities of the department:")))
        posts_layout.addWidget(self.responsibilities)
        posts_layout.addWidget(QLabel(self.tr("Posts and their duties:")))
        posts_layout.addWidget(posts_split, 1)

        # Staff.
        self.staff_search = QLineEdit()
        self.staff_search.setPlaceholderText(self.tr("staff no., name or phone"))
        self.staff_search.textChanged.connect(lambda _t: self.load_staff())
        self.add_staff_button = QPushButton(self.tr("Add staff member…"))
        self.add_staff_button.setEnabled(can(actor, "org.edit"))
        self.add_staff_button.clicked.connect(self.add_staff)
        self.staff = _table([self.tr("Staff no."), self.tr("Name"), self.tr("Phone"),
                             self.tr("Hired on")])
        staff_tab = QWidget()
        staff_bar = QHBoxLayout()
        staff_bar.addWidget(self.staff_search, 1)
        staff_bar.addWidget(self.add_staff_button)
        staff_layout = QVBoxLayout(staff_tab)
        staff_layout.addLayout(staff_bar)
        staff_layout.addWidget(self.staff, 1)

        # Current assignments.
        self.assign_button = QPushButton(self.tr("Assign to a post…"))
        self.assign_button.setEnabled(can(actor, "org.assign"))
        self.assign_button.clicked.connect(self.assign)
        self.assignments_label = QLabel()
        self.assignments = _table([self.tr("Department"), self.tr("Post"), self.tr("Staff no."),
                                   self.tr("Name"), self.tr("Since")])
        assign_tab = QWidget()
        assign_bar = QHBoxLayout()
        assign_bar.addWidget(self.assignments_label, 1)
        assign_bar.addWidget(self.assign_button)
        assign_layout = QVBoxLayout(assign_tab)
        assign_layout.addLayout(assign_bar)
        assign_layout.addWidget(self.assignments, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(posts_tab, self.tr("Posts and duties"))
        self.tabs.addTab(staff_tab, self.tr("Staff"))
        self.tabs.addTab(assign_tab, self.tr("Current assignments"))

        splitter = QSplitter()
        splitter.addWidget(self.departments)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()
        subscribe(self, ("org",), self.refresh_people)

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.load_departments()
        self.load_staff()
        self.show_department()

    def refresh_people(self) -> None:
        """Staff and assignments again, keeping the department chosen."""
        self.load_staff()
        self.load_assignments()

    def load_departments(self) -> None:
        self.departments.clear()
        items: dict[int | None, QTreeWidgetItem] = {}
        for dept, _depth in org.list_departments(self.actor):
            parent = items.get(dept.parent_id)
            item = QTreeWidgetItem([dept.name])
            item.setData(0, Qt.ItemDataRole.UserRole, dept.id)
            item.setToolTip(0, dept.responsibilities)
            if parent is None:
                self.departments.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[dept.id] = item
        self.departments.expandAll()

    def department_id(self) -> int | None:
        item = self.departments.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def show_department(self) -> None:
        dept_id = self.department_id()
        self.posts.clear()
        self.duties.clear()
        self.responsibilities.clear()
        if dept_id is not None:
            item = self.departments.currentItem()
            self.responsibilities.setPlainText(item.toolTip(0) if item is not None else "")
            for post in org.list_posts(self.actor, department_id=dept_id):
                entry = QListWidgetItem(post.name)
                entry.setData(Qt.ItemDataRole.UserRole, post.id)
                entry.setData(Qt.ItemDataRole.UserRole + 1, post.duties)
                self.posts.addItem(entry)
            if self.posts.count():
                self.posts.setCurrentRow(0)
            else:
                self.duties.setPlaceholderText(self.tr("This department has no posts of its own; "
                                                       "see its sections."))
        self.load_assignments()

    def show_post(self) -> None:
        item = self.posts.currentItem()
        self.duties.setPlainText(item.data(Qt.ItemDataRole.UserRole + 1) if item else "")

    def load_staff(self) -> None:
        people = org.list_staff(self.actor, self.staff_search.text())
        _fill(self.staff, [(s.staff_no, s.name, s.phone, s.hired_on) for s in people],
              [s.id for s in people])

    def load_assignments(self) -> None:
        dept_id = self.department_id()
        rows = [a for a in org.current_assignments(self.actor)
                if dept_id is None or a.department_id == dept_id]
        _fill(self.assignments,
              [(a.department.name, a.post.name, a.staff.staff_no, a.staff.name, a.start_date)
               for a in rows], [a.id for a in rows])
        if dept_id is None:
            text = self.tr("All departments: {count} assignments in force").format(
                count=len(rows))
        else:
            text = self.tr("{department}: {count} assignments in force").format(
                department=current.text(0) if (current := self.departments.currentItem())
                else "", count=len(rows))
        self.assignments_label.setText(text)

    # --- writes (through org.service, in the dialogs) -------------------------------------
    def selected_staff_id(self) -> int | None:
        rows = self.staff.selectionModel().selectedRows()
        item = self.staff.item(rows[0].row(), 0) if rows else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add_staff(self) -> None:
        from heatoffice.ui.org_dialogs import AddStaffDialog

        self.dialog: QDialog = AddStaffDialog(self.actor, self)
        self.dialog.open()

    def assign(self) -> None:
        from heatoffice.ui.org_dialogs import AssignDialog

        post = self.posts.currentItem()
        self.dialog = AssignDialog(
            self.actor, self, staff_id=self.selected_staff_id(),
            post_id=post.data(Qt.ItemDataRole.UserRole) if post is not None else None)
        self.dialog.open()
