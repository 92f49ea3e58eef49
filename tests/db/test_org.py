"""Organisation services on SQLite and PostgreSQL: seed, permissions, validation, dated history."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.org import service as org
from heatoffice.org.models import Assignment, Department, Post, ServiceArea, Staff
from heatoffice.org.seed import seed_organisation

CLERK = seat("clerk", "read_only")
TABLES = (Department, Post, Staff, Assignment, ServiceArea, AuditEntry)


def counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in TABLES}


def post_id(code: str) -> int:
    return Post.get(Post.code == code).id


def dept_id(code: str) -> int:
    return Department.get(Department.code == code).id


def last_audit() -> AuditEntry:
    return AuditEntry.select().order_by(AuditEntry.id.desc()).get()


def fields_of(exc: pytest.ExceptionInfo) -> set[str]:
    err = exc.value
    return {e.field for e in err.errors} if isinstance(err, ValidationErrors) else {err.field}


@pytest.fixture
def org_db(db):
    # PostgreSQL tables are truncated between tests, so the seed is put back each time.
    seed_organisation(db)
    return db


@pytest.fixture
def fresh_db(request, tmp_path):
    """A database created from nothing by this test (not a truncated one)."""
    from heatoffice.db.connection import connect, database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    if request.param == "sqlite":
        db = connect(f"sqlite:///{tmp_path / 'new.db'}")
        yield db
        db.close()
        return
    import psycopg2

    server = request.getfixturevalue("pg_url").rsplit("/", 1)[0]
    name = f"heatoffice_org_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(server + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    db = connect(f"{server}/{name}")
    try:
        yield db
    finally:
        db.close()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


# ---------------------------------------------------------------- seed


@pytest.mark.parametrize("fresh_db", ["sqlite", "postgresql"], indirect=True)
def test_new_database_holds_the_work_rules_organisation(fresh_db, system):
    tree = [(d.code, d.name, depth) for d, depth in org.list_departments(system)]
    assert tree == [
        ("gm", "总经理", 0),
        ("finance", "财务科", 1), ("fee_collection", "收费科", 2),
        ("customer_service", "客服部", 1), ("reception", "业务接待组", 2),
        ("inspection", "稽查组", 2),
        ("operations", "运行部", 1), ("hotline", "热线组", 2), ("maintenance", "检修组", 2),
    ]
    posts = {p.code: (p.name, p.department.code) for p in org.list_posts(system)}
    assert posts == {
        "hotline": ("热线", "hotline"), "operator": ("运行工", "operations"),
        "inspector": ("稽查", "inspection"), "maintenance": ("检修", "maintenance"),
        "collector": ("收费", "fee_collection"), "reception": ("业务接待", "reception"),
    }
    duties = {p.code: p.duties for p in Post.select()}
    assert all(duties.values())
    assert "十分钟" in duties["hotline"]
    assert "大漏连夜抢" in duties["maintenance"]
    assert "账目日清月结" in Department.get(Department.code == "finance").responsibilities
    assert AuditEntry.select().where(AuditEntry.action == "org.seed").count() == 15
    assert seed_organisation(fresh_db) == (0, 0)
    assert (Department.select().count(), Post.select().count()) == (9, 6)


def test_seed_adds_only_what_is_missing_and_keeps_edits(org_db, system):
    org.update_post(system, post_id("hotline"), {"duties": "本公司自定的热线职责"})
    org.update_department(system, dept_id("gm"), {"name": "总经理室"})
    before = counts()
    assert seed_organisation(org_db) == (0, 0)
    assert counts() == before
    assert Post.get(Post.code == "hotline").duties == "本公司自定的热线职责"
    assert Department.get(Department.code == "gm").name == "总经理室"


# ---------------------------------------------------------------- permissions


def _prepared(system) -> dict[str, int]:
    station = accounts.add_station(system, "S1", "一号站")
    accounts.add_community(system, "阳光花园", "YG", station.id)
    staff = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    held = org.assign(system, staff.id, post_id("collector"), "2026-01-01")
    area = org.add_service_area(system, staff.id, "collector", community="阳光花园",
                                start_date="2026-01-01")
    return {"staff": staff.id, "assignment": held.id, "area": area.id, "station": station.id}


WRITES = {
    "add_department": lambda a, ids: org.add_department(a, {"code": "x", "name": "新部门"}),
    "update_department": lambda a, ids: org.update_department(a, dept_id("gm"), {"name": "改"}),
    "add_post": lambda a, ids: org.add_post(
        a, {"code": "x", "name": "新岗位", "department_id": dept_id("gm")}),
    "update_post": lambda a, ids: org.update_post(a, post_id("hotline"), {"name": "改"}),
    "add_staff": lambda a, ids: org.add_staff(a, {"staff_no": "E009", "name": "李四"}),
    "update_staff": lambda a, ids: org.update_staff(a, ids["staff"], {"name": "改"}),
    "assign": lambda a, ids: org.assign(a, ids["staff"], post_id("hotline"), "2026-02-01"),
    "end_assignment": lambda a, ids: org.end_assignment(a, ids["assignment"], "2026-03-01"),
    "add_service_area": lambda a, ids: org.add_service_area(
        a, ids["staff"], "collector", station_id=ids["station"], start_date="2026-02-01"),
    "end_service_area": lambda a, ids: org.end_service_area(a, ids["area"], "2026-03-01"),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_read_only_clerk_may_not_write(org_db, system, name):
    ids = _prepared(system)
    before = counts()
    snapshot = [(m.__name__, list(m.select().order_by(m.id).dicts())) for m in TABLES]
    with pytest.raises(PermissionDenied) as exc:
        WRITES[name](CLERK, ids)
    assert exc.value.code == "auth.permission_denied"
    assert counts() == before
    assert [(m.__name__, list(m.select().order_by(m.id).dicts())) for m in TABLES] == snapshot
    WRITES[name](system, ids)  # the same call goes through, audited, for someone allowed
    assert AuditEntry.select().count() == before["AuditEntry"] + 1


def test_read_only_clerk_may_look(org_db, system):
    ids = _prepared(system)
    account = accounts.open_account(system, {"account_no": "YG0001", "name": "张三",
                                             "community": "阳光花园", "heating_area": "80"})
    assert len(org.list_departments(CLERK)) == 9
    assert len(org.list_posts(CLERK)) == 6
    assert [s.staff_no for s in org.list_staff(CLERK)] == ["E001"]
    assert [a.id for a in org.assignment_history(CLERK, ids["staff"])] == [ids["assignment"]]
    assert [s.id for s, _, _ in org.responsible_for(CLERK, account.id,
                                                    dt.date(2026, 2, 1))] == [ids["staff"]]


@pytest.mark.parametrize("query", [
    lambda a: org.list_departments(a), lambda a: org.list_posts(a),
    lambda a: org.list_staff(a), lambda a: org.current_assignments(a),
    lambda a: org.assignment_history(a, 1), lambda a: org.staff_on_post(a, "hotline"),
    lambda a: org.service_areas(a), lambda a: org.responsible_for(a, 1),
])
def test_queries_need_org_view(org_db, query):
    with pytest.raises(PermissionDenied):
        query(seat("stranger", "no_such_role"))


# ---------------------------------------------------------------- validation


def test_staff_errors_name_each_field_and_save_nothing(org_db, system):
    before = counts()
    with pytest.raises(ValidationErrors) as exc:
        org.add_staff(system, {"staff_no": " ", "name": "", "phone": "12345",
                               "hired_on": "2026-13-01"})
    assert {(e.code, e.field) for e in exc.value.errors} == {
        ("validation.required", "staff_no"), ("validation.required", "staff_name"),
        ("validation.phone", "phone"), ("validation.date", "hired_on")}
    assert counts() == before


def test_staff_is_saved_normalised_and_audited(org_db, system):
    staff = org.add_staff(system, {"staff_no": "e001", "name": " 王芳 ",
                                   "phone": "+86 138-1234-5678", "hired_on": "2020年3月1日"})
    assert (staff.staff_no, staff.name, staff.phone) == ("E001", "王芳", "13812345678")
    assert Staff.get_by_id(staff.id).hired_on == dt.date(2020, 3, 1)
    entry = last_audit()
    assert (entry.action, entry.table, entry.record_id, entry.actor) == (
        "org.add_staff", "staff", str(staff.id), "setup")
    assert entry.before is None
    assert json.loads(entry.after)["phone"] == "13812345678"
    with pytest.raises(UserError) as exc:
        org.add_staff(system, {"staff_no": "E001", "name": "另一人"})
    assert (exc.value.code, exc.value.field) == ("org.duplicate", "staff_no")
    assert Staff.select().count() == 1


def test_update_staff_records_before_and_after(org_db, system):
    staff = org.add_staff(system, {"staff_no": "E001", "name": "王芳", "phone": "0371-65123456"})
    audits = AuditEntry.select().count()
    org.update_staff(system, staff.id, {"phone": "0371 6512 3456"})  # same number, other spacing
    assert AuditEntry.select().count() == audits
    org.update_staff(system, staff.id, {"name": "王芳芳", "phone": ""})
    entry = last_audit()
    assert entry.action == "org.update_staff"
    before, after = json.loads(entry.before), json.loads(entry.after)
    assert (before["name"], before["phone"]) == ("王芳", "0371-65123456")
    assert (after["name"], after["phone"], after["staff_no"]) == ("王芳芳", "", "E001")
    with pytest.raises(UserError) as exc:
        org.update_staff(system, staff.id, {"phone": "abc"})
    assert exc.value.field == "phone"
    assert Staff.get_by_id(staff.id).name == "王芳芳"


def test_department_rules(org_db, system):
    before = counts()
    with pytest.raises(ValidationErrors) as exc:
        org.add_department(system, {"code": "财务", "name": ""})
    assert fields_of(exc) == {"code", "department_name"}
    with pytest.raises(UserError) as exc:
        org.add_department(system, {"code": "fin2", "name": "财务科"})
    assert (exc.value.code, exc.value.field) == ("org.duplicate", "department_name")
    with pytest.raises(UserError) as exc:
        org.add_department(system, {"code": "x", "name": "新科", "parent_id": 9999})
    assert (exc.value.code, exc.value.field) == ("org.not_found", "parent")
    with pytest.raises(UserError) as exc:  # the office cannot report to its own section
        org.update_department(system, dept_id("gm"), {"parent_id": dept_id("fee_collection")})
    assert (exc.value.code, exc.value.field) == ("org.parent_cycle", "parent")
    assert counts() == before

    section = org.add_department(system, {"code": "Metering", "name": "计量组",
                                          "parent_id": dept_id("operations"),
                                          "responsibilities": "热计量表的安装与抄表"})
    assert (section.code, section.parent_id) == ("metering", dept_id("operations"))
    tree = [(d.code, depth) for d, depth in org.list_departments(system)]
    assert tree[-3:] == [("hotline", 2), ("maintenance", 2), ("metering", 2)]
    entry = last_audit()
    assert (entry.action, json.loads(entry.after)["name"]) == ("org.add_department", "计量组")


def test_department_in_use_cannot_be_deactivated(org_db, system):
    with pytest.raises(UserError) as exc:
        org.update_department(system, dept_id("hotline"), {"active": False})
    assert (exc.value.code, exc.value.field, exc.value.params["count"]) == (
        "org.in_use", "department", 1)
    empty = org.add_department(system, {"code": "spare", "name": "备用组"})
    org.update_department(system, empty.id, {"active": False})
    assert "spare" not in [d.code for d, _ in org.list_departments(system)]
    assert "spare" in [d.code for d, _ in org.list_departments(system, include_inactive=True)]


def test_post_rules(org_db, system):
    before = counts()
    with pytest.raises(ValidationErrors) as exc:
        org.add_post(system, {"code": "", "name": ""})
    assert fields_of(exc) == {"code", "post_name", "department"}
    with pytest.raises(UserError) as exc:
        org.add_post(system, {"code": "meter", "name": "抄表", "department_id": 9999})
    assert (exc.value.code, exc.value.field) == ("org.not_found", "department")
    with pytest.raises(UserError) as exc:
        org.add_post(system, {"code": "hotline", "name": "热线2", "department_id": dept_id("gm")})
    assert (exc.value.code, exc.value.field) == ("org.duplicate", "code")
    assert counts() == before
    post = org.add_post(system, {"code": "meter", "name": "抄表",
                                 "department_id": dept_id("operations"), "duties": "按月抄表"})
    assert [p.code for p in org.list_posts(system, department_id=dept_id("operations"))] == [
        "operator", "meter"]
    org.update_post(system, post.id, {"duties": "按月抄表，异常上报"})
    entry = last_audit()
    assert (json.loads(entry.before)["duties"], json.loads(entry.after)["duties"]) == (
        "按月抄表", "按月抄表，异常上报")


# ---------------------------------------------------------------- assignments


def test_assignment_history_and_overlap_refusal(org_db, system):
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    first = org.assign(system, wang.id, post_id("collector"), dt.date(2026, 1, 1), note="新聘")
    assert first.department_id == dept_id("fee_collection")
    assert first.end_date is None
    with pytest.raises(UserError) as exc:
        org.assign(system, wang.id, post_id("collector"), "2026-03-01")
    assert (exc.value.code, exc.value.field) == ("org.post_taken", "post")
    assert exc.value.params == {"post": "收费", "holder": "王芳", "start": "2026-03-01"}

    org.end_assignment(system, first.id, "2026-02-28")
    before = counts()
    for start in ("2026-02-28", "2025-12-01"):  # the last day itself; an open one from before
        with pytest.raises(UserError) as exc:
            org.assign(system, wang.id, post_id("collector"), start)
        assert exc.value.code == "org.post_taken"
    assert counts() == before
    second = org.assign(system, wang.id, post_id("collector"), "2026-03-01")  # the day after
    other = org.assign(system, wang.id, post_id("hotline"), "2026-02-01",
                       department_id=dept_id("customer_service"))
    assert other.department_id == dept_id("customer_service")

    li = org.add_staff(system, {"staff_no": "E002", "name": "李强"})
    org.assign(system, li.id, post_id("collector"), "2026-01-15")  # a post has many holders

    history = org.assignment_history(system, wang.id)
    assert [(a.post.code, a.start_date, a.end_date, a.note) for a in history] == [
        ("collector", dt.date(2026, 1, 1), dt.date(2026, 2, 28), "新聘"),
        ("hotline", dt.date(2026, 2, 1), None, ""),
        ("collector", dt.date(2026, 3, 1), None, ""),
    ]
    assert second.id == history[-1].id

    def holders(code, day):
        return [s.staff_no for s in org.staff_on_post(system, code, on=day)]

    assert holders("collector", dt.date(2026, 1, 10)) == ["E001"]
    assert holders("collector", dt.date(2026, 2, 28)) == ["E001", "E002"]
    assert holders("hotline", dt.date(2026, 1, 31)) == []
    current = org.current_assignments(system, on=dt.date(2026, 3, 1))
    assert [(a.department.code, a.post.code, a.staff.staff_no) for a in current] == [
        ("customer_service", "hotline", "E001"),
        ("fee_collection", "collector", "E001"),
        ("fee_collection", "collector", "E002"),
    ]
    clock.shift(dt.date(2026, 2, 10) - clock.today())
    assert [(a.post.code, a.staff.staff_no) for a in org.current_assignments(system)] == [
        ("hotline", "E001"), ("collector", "E001"), ("collector", "E002")]


def test_assign_refusals_name_the_field(org_db, system):
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    before = counts()
    cases = [
        (lambda: org.assign(system, wang.id, post_id("hotline"), ""), "validation.required",
         "start_date"),
        (lambda: org.assign(system, wang.id, post_id("hotline"), "明天"), "validation.date",
         "start_date"),
        (lambda: org.assign(system, 9999, post_id("hotline"), "2026-01-01"), "org.not_found",
         "staff"),
        (lambda: org.assign(system, wang.id, 9999, "2026-01-01"), "org.not_found", "post"),
        (lambda: org.assign(system, wang.id, post_id("hotline"), "2026-01-01",
                            department_id=9999), "org.not_found", "department"),
    ]
    for call, code, field in cases:
        with pytest.raises(UserError) as exc:
            call()
        assert (exc.value.code, exc.value.field) == (code, field) or (
            isinstance(exc.value, ValidationErrors)
            and (exc.value.errors[0].code, exc.value.errors[0].field) == (code, field))
    assert counts() == before


def test_end_assignment(org_db, system):
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    held = org.assign(system, wang.id, post_id("hotline"), "2026-01-10")
    before = counts()
    with pytest.raises(UserError) as exc:
        org.end_assignment(system, held.id, "2026-01-09")
    assert (exc.value.code, exc.value.field) == ("validation.date_order", "end_date")
    with pytest.raises(UserError) as exc:
        org.end_assignment(system, 9999, "2026-01-10")
    assert (exc.value.code, exc.value.field) == ("org.not_found", "assignment")
    assert counts() == before
    ended = org.end_assignment(system, held.id, "2026-01-10")  # one day is a valid term
    assert Assignment.get_by_id(ended.id).end_date == dt.date(2026, 1, 10)
    entry = last_audit()
    assert (entry.action, entry.record_id) == ("org.end_assignment", str(held.id))
    assert (json.loads(entry.before)["end_date"], json.loads(entry.after)["end_date"]) == (
        None, "2026-01-10")
    with pytest.raises(UserError) as exc:
        org.end_assignment(system, held.id, "2026-02-01")
    assert (exc.value.code, exc.value.params["end"]) == ("org.assignment_ended", "2026-01-10")
    assert Assignment.get_by_id(held.id).end_date == dt.date(2026, 1, 10)


def test_staff_holding_a_post_cannot_be_deactivated(org_db, system):
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    held = org.assign(system, wang.id, post_id("hotline"), clock.today())
    with pytest.raises(UserError) as exc:
        org.update_staff(system, wang.id, {"active": False})
    assert (exc.value.code, exc.value.field) == ("org.in_use", "staff")
    with pytest.raises(UserError) as exc:
        org.update_post(system, post_id("hotline"), {"active": False})
    assert (exc.value.code, exc.value.field) == ("org.in_use", "post")
    org.end_assignment(system, held.id, clock.today())
    clock.shift(dt.timedelta(days=1))
    org.update_staff(system, wang.id, {"active": False})
    assert org.list_staff(system) == []
    assert [s.name for s in org.list_staff(system, active_only=False)] == ["王芳"]
    with pytest.raises(UserError) as exc:
        org.assign(system, wang.id, post_id("hotline"), clock.today())
    assert (exc.value.code, exc.value.field) == ("org.inactive", "staff")


def test_list_staff_filters_by_text(org_db, system):
    org.add_staff(system, {"staff_no": "E002", "name": "李强", "phone": "13900001111"})
    org.add_staff(system, {"staff_no": "E001", "name": "王芳", "phone": "0371-65123456"})
    org.add_staff(system, {"staff_no": "F010", "name": "王强"})
    assert [s.staff_no for s in org.list_staff(system)] == ["E001", "E002", "F010"]
    assert [s.staff_no for s in org.list_staff(system, "王")] == ["E001", "F010"]
    assert [s.staff_no for s in org.list_staff(system, "强")] == ["E002", "F010"]
    assert [s.staff_no for s in org.list_staff(system, "6512")] == ["E001"]
    assert [s.staff_no for s in org.list_staff(system, " F0 ")] == ["F010"]


# ---------------------------------------------------------------- service areas


def test_service_area_refusals(org_db, system):
    station = accounts.add_station(system, "S1", "一号站")
    accounts.add_community(system, "阳光花园", "YG", station.id)
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    before = counts()
    cases = [
        (dict(kind="collector", community="阳光花园", station_id=station.id,
              start_date="2026-01-01"), "org.area_target", "community"),
        (dict(kind="collector", start_date="2026-01-01"), "org.area_target", "community"),
        (dict(kind="cook", community="阳光花园", start_date="2026-01-01"),
         "validation.choice", "kind"),
        (dict(kind="collector", community="阳光花园", start_date="2026-02-01",
              end_date="2026-01-31"), "validation.date_order", "end_date"),
        (dict(kind="collector", community="无此小区", start_date="2026-01-01"),
         "org.not_found", "community"),
        (dict(kind="operator", station_id=9999, start_date="2026-01-01"),
         "org.not_found", "station"),
    ]
    for kwargs, code, field in cases:
        kind = kwargs.pop("kind")
        with pytest.raises(UserError) as exc:
            org.add_service_area(system, wang.id, kind, **kwargs)
        err = exc.value.errors[0] if isinstance(exc.value, ValidationErrors) else exc.value
        assert (err.code, err.field) == (code, field), kwargs
    assert counts() == before

    area = org.add_service_area(system, wang.id, "收费", community="阳光花园",
                                start_date="2026-01-01", end_date="2026-03-31")
    assert (area.kind, area.community, area.station_id) == ("collector", "阳光花园", None)
    with pytest.raises(UserError) as exc:  # the same area twice for the same person
        org.add_service_area(system, wang.id, "collector", community="阳光花园",
                             start_date="2026-03-31")
    assert (exc.value.code, exc.value.field) == ("org.duplicate", "community")
    org.add_service_area(system, wang.id, "collector", community="阳光花园",
                         start_date="2026-04-01")
    with pytest.raises(UserError) as exc:
        org.end_service_area(system, area.id, "2026-04-30")
    assert exc.value.code == "org.service_area_ended"


def test_end_service_area(org_db, system):
    station = accounts.add_station(system, "S1", "一号站")
    wang = org.add_staff(system, {"staff_no": "E001", "name": "王芳"})
    area = org.add_service_area(system, wang.id, "operator", station_id=station.id,
                                start_date="2026-01-01")
    with pytest.raises(UserError) as exc:
        org.end_service_area(system, area.id, "2025-12-31")
    assert (exc.value.code, exc.value.field) == ("validation.date_order", "end_date")
    org.end_service_area(system, area.id, "2026-01-31")
    entry = last_audit()
    assert (entry.action, entry.table) == ("org.end_service_area", "service_area")
    assert json.loads(entry.after)["end_date"] == "2026-01-31"
    assert [a.id for a in org.service_areas(system, on=dt.date(2026, 1, 31))] == [area.id]
    assert org.service_areas(system, on=dt.date(2026, 2, 1)) == []
    assert [a.id for a in org.service_areas(system, staff_id=wang.id)] == [area.id]


def test_responsible_for_by_community_and_station_on_a_date(org_db, system):
    today = clock.today()
    day = dt.timedelta(days=1)
    north = accounts.add_station(system, "S1", "一号站")
    south = accounts.add_station(system, "S2", "二号站")
    accounts.add_community(system, "阳光花园", "YG", north.id)
    accounts.add_community(system, "幸福里", "XF", south.id)
    home = accounts.open_account(system, {"account_no": "YG0001", "name": "张三",
                                          "community": "阳光花园", "station_id": north.id,
                                          "heating_area": "80"})
    other = accounts.open_account(system, {"account_no": "XF0001", "name": "李四",
                                           "community": "幸福里", "heating_area": "60"})

    def staff(no, name):
        return org.add_staff(system, {"staff_no": no, "name": name})

    collector, operator, inspector, newcomer, far = (
        staff("E1", "收费甲"), staff("E2", "运行乙"), staff("E3", "稽查丙"),
        staff("E4", "收费丁"), staff("E5", "收费戊"))
    a_col = org.add_service_area(system, collector.id, "collector", community="阳光花园",
                                 start_date=today - 30 * day)
    a_op = org.add_service_area(system, operator.id, "operator", station_id=north.id,
                                start_date=today - 30 * day, end_date=today)
    a_insp = org.add_service_area(system, inspector.id, "inspector", community="阳光花园",
                                  start_date=today - 60 * day, end_date=today - day)
    a_new = org.add_service_area(system, newcomer.id, "collector", community="阳光花园",
                                 start_date=today + day)
    a_far = org.add_service_area(system, far.id, "collector", community="幸福里",
                                 start_date=today - 30 * day)
    org.add_service_area(system, operator.id, "operator", station_id=south.id,
                         start_date=today - 30 * day)

    def who(account, on=None):
        return [(s.staff_no, kind, area.id)
                for s, kind, area in org.responsible_for(system, account.id, on)]

    # Today: the collector by community and the operator by station (his last day).
    assert who(home) == [("E1", "collector", a_col.id), ("E2", "operator", a_op.id)]
    assert who(home, today - day) == [("E1", "collector", a_col.id),
                                      ("E3", "inspector", a_insp.id),
                                      ("E2", "operator", a_op.id)]
    assert who(home, today + day) == [("E1", "collector", a_col.id),
                                      ("E4", "collector", a_new.id)]
    assert who(home, today - 31 * day) == [("E3", "inspector", a_insp.id)]
    # 李四 has no station on record: only the community counts.
    assert who(other) == [("E5", "collector", a_far.id)]
    with pytest.raises(UserError) as exc:
        org.responsible_for(system, 9999)
    assert exc.value.code == "accounts.not_found"
