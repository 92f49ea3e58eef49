"""The organisation page: the seeded departments, posts and duties, adding staff, assigning."""

from __future__ import annotations

from PySide6.QtCore import Qt

from heatoffice.org import service as org
from heatoffice.org.models import Assignment, Department, Post, Staff
from heatoffice.ui.org_dialogs import AddStaffDialog, AssignDialog
from heatoffice.ui.org_page import OrgPage


def _tree_names(tree) -> list[str]:
    names = []

    def walk(item):
        names.append(item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return names


def _select_department(page, name):
    flags = Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly
    for item in page.departments.findItems(name, flags):
        page.departments.setCurrentItem(item)
        return item
    raise AssertionError(name)


def test_departments_tree_and_post_duties(qtbot, admin):
    page = OrgPage(admin)
    qtbot.addWidget(page)
    expected = [d.name for d, _depth in org.list_departments(admin)]
    assert len(expected) == Department.select().where(Department.active).count() > 0
    assert sorted(_tree_names(page.departments)) == sorted(expected)
    dept = next(d for d in Department.select() if Post.select().where(
        Post.department == d).exists())
    _select_department(page, dept.name)
    posts = list(Post.select().where(Post.department == dept, Post.active).order_by(Post.id))
    assert [page.posts.item(i).text() for i in range(page.posts.count())] == [
        p.name for p in posts]
    assert page.duties.toPlainText() == posts[0].duties
    assert page.responsibilities.toPlainText() == dept.responsibilities
    page.posts.setCurrentRow(len(posts) - 1)
    assert page.duties.toPlainText() == posts[-1].duties


def test_add_staff_through_the_dialog(qtbot, admin):
    page = OrgPage(admin)
    qtbot.addWidget(page)
    page.add_staff()
    dialog = page.dialog
    assert isinstance(dialog, AddStaffDialog)
    assert dialog.windowTitle() == "新增员工"
    dialog.name.setText("王芳")
    assert not dialog.save()
    assert dialog.errors.labels["staff_no"].text() == "工号：必须填写"
    assert Staff.select().count() == 0
    dialog.staff_no.setText("a001")
    dialog.phone.setText("13912345678")
    assert dialog.save()
    staff = Staff.get(Staff.staff_no == "A001")
    assert (staff.name, staff.phone) == ("王芳", "13912345678")
    assert page.staff.rowCount() == 1
    assert [page.staff.item(0, c).text() for c in range(3)] == ["A001", "王芳", "13912345678"]


def test_assign_through_the_dialog_shows_current_assignment(qtbot, admin):
    staff = org.add_staff(admin, {"staff_no": "B002", "name": "赵强"})
    post = Post.select().where(Post.active).order_by(Post.id).first()
    page = OrgPage(admin)
    qtbot.addWidget(page)
    _select_department(page, post.department.name)
    page.posts.setCurrentRow(0)
    page.staff.selectRow(0)
    page.assign()
    dialog = page.dialog
    assert isinstance(dialog, AssignDialog)
    assert dialog.windowTitle() == "任命岗位"
    assert dialog.staff.currentData() == staff.id
    assert dialog.post.currentData() == page.posts.item(0).data(Qt.ItemDataRole.UserRole)
    assert dialog.save()
    row = Assignment.get(Assignment.staff == staff.id)
    assert row.end_date is None
    assert page.assignments.rowCount() == 1
    assert [page.assignments.item(0, c).text() for c in range(4)] == [
        post.department.name, row.post.name, "B002", "赵强"]
    assert page.assignments_label.text() == f"{post.department.name}：当前任职 1 人次"

    page.assign()
    again = page.dialog
    again.staff.setCurrentIndex(again.staff.findData(staff.id))
    again.post.setCurrentIndex(again.post.findData(row.post_id))
    assert not again.save()
    assert again.errors.labels["post"].text().startswith("岗位：岗位")
    assert Assignment.select().count() == 1


def test_read_only_role_cannot_write(qtbot, admin):
    from heatoffice.auth import service as auth

    auth.create_user(admin, "ro", "pass-word-1", "read_only")
    page = OrgPage(auth.login("ro", "pass-word-1"))
    qtbot.addWidget(page)
    assert not page.add_staff_button.isEnabled()
    assert not page.assign_button.isEnabled()
