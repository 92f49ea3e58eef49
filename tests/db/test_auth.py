"""Users, login with lockout, and the audit log's protection."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import DatabaseError
from seats import seat

from heatoffice import clock
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import queries
from heatoffice.auth import service as auth
from heatoffice.auth.models import User
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors


@pytest.fixture
def admin(db):
    auth.create_first_admin("admin-pass")
    return auth.login("admin", "admin-pass")


def test_first_admin_only_once(db):
    assert auth.needs_admin()
    auth.create_first_admin("admin-pass")
    assert not auth.needs_admin()
    with pytest.raises(UserError):
        auth.create_first_admin("other-pass")
    stored = User.get(User.username == "admin").password_hash
    assert stored.startswith("$argon2id$") and "admin-pass" not in stored


def test_login_and_roles(admin):
    assert admin.role == "admin" and admin.username == "admin"
    auth.create_user(admin, "cashier1", "cash-pass-1", "cashier", display_name="刘收费")
    cashier = auth.login("cashier1", "cash-pass-1")
    assert (cashier.role, cashier.display_name) == ("cashier", "刘收费")
    with pytest.raises(PermissionDenied):
        auth.create_user(cashier, "x", "xxxx-xxxx-1", "admin")
    assert not User.select().where(User.username == "x").exists()


def test_create_user_validates_every_field(admin):
    with pytest.raises(ValidationErrors) as err:
        auth.create_user(admin, "", "123", "emperor")
    assert {e.field for e in err.value.errors} == {"username", "password", "role"}
    with pytest.raises(UserError) as err:
        auth.create_user(admin, "admin", "longenough", "cashier")
    assert err.value.code == "auth.duplicate_user"


def test_five_failures_lock_for_ten_minutes(admin):
    auth.create_user(admin, "clerk", "right-pass", "reception")
    for left in (4, 3, 2, 1):
        with pytest.raises(UserError) as err:
            auth.login("clerk", "wrong")
        assert (err.value.code, err.value.params) == ("auth.bad_login_left",
                                                      {"left": left, "minutes": 10})
    assert err.value.message("en") == ("wrong user name or password; 1 more wrong tries lock "
                                       "the user for 10 minutes")
    with pytest.raises(UserError) as err:
        auth.login("clerk", "wrong")
    assert err.value.code == "auth.locked"
    with pytest.raises(UserError) as err:
        auth.login("clerk", "right-pass")  # even the right password waits
    assert err.value.code == "auth.locked"
    # The clock runs on while the test hashes passwords; a loaded machine takes seconds, so the
    # margins either side of the ten minutes are half a minute, not one second.
    clock.shift(dt.timedelta(minutes=9, seconds=30))
    with pytest.raises(UserError):
        auth.login("clerk", "right-pass")
    clock.shift(dt.timedelta(seconds=31))
    assert auth.login("clerk", "right-pass").username == "clerk"
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.actor == "clerk")
               .order_by(AuditEntry.id)]
    assert actions.count("auth.locked") == 1 and actions[-1] == "auth.login"


def test_success_resets_the_failure_count(admin):
    auth.create_user(admin, "clerk", "right-pass", "reception")
    for _ in range(4):
        with pytest.raises(UserError):
            auth.login("clerk", "wrong")
    auth.login("clerk", "right-pass")
    for left in (4, 3, 2, 1):
        with pytest.raises(UserError) as err:
            auth.login("clerk", "wrong")
        assert err.value.params["left"] == left


def test_disabled_and_unknown_users(admin):
    auth.create_user(admin, "gone", "gone-pass-1", "hotline")
    auth.set_active(admin, "gone", False)
    with pytest.raises(UserError) as err:
        auth.login("gone", "gone-pass-1")
    assert err.value.code == "auth.inactive"
    with pytest.raises(UserError) as err:
        auth.login("nobody", "x")
    assert err.value.code == "auth.bad_login"


def test_password_and_role_changes(admin):
    auth.create_user(admin, "clerk", "first-pass", "reception")
    clerk = auth.login("clerk", "first-pass")
    auth.set_password(clerk, "clerk", "second-pass")  # one's own password
    with pytest.raises(PermissionDenied):
        auth.set_password(clerk, "admin", "hijacked!!!")
    auth.set_role(admin, "clerk", "finance")
    assert auth.login("clerk", "second-pass").role == "finance"
    entry = AuditEntry.get(AuditEntry.action == "users.role")
    assert '"role": "reception"' in entry.before and '"role": "finance"' in entry.after
    assert "password_hash" not in entry.after


def test_audit_rows_cannot_be_changed_or_deleted(admin, db):
    assert AuditEntry.select().count() >= 2
    with pytest.raises(DatabaseError, match="written once"):
        with db.atomic():
            AuditEntry.update(actor="someone").execute()
    with pytest.raises(DatabaseError, match="never deleted|written once"):
        with db.atomic():
            AuditEntry.delete().execute()
    assert AuditEntry.select().where(AuditEntry.actor == "someone").count() == 0


def test_audit_listing_filters_and_permission(admin):
    auth.create_user(admin, "clerk", "clerk-pass", "reception")
    auth.login("clerk", "clerk-pass")
    entries = audit.list_entries(admin, user="clerk")
    assert [e.action for e in entries] == ["auth.login"]
    created = audit.list_entries(admin, action="users.")
    assert [(e.action, e.actor) for e in created] == [("users.create", "admin"),
                                                      ("users.create", "system")]
    with pytest.raises(PermissionDenied):
        audit.list_entries(seat("op", "hotline"))


def test_change_own_password_needs_the_current_one(admin):
    auth.create_user(admin, "clerk", "first-pass", "reception")
    clerk = auth.login("clerk", "first-pass")
    with pytest.raises(ValidationErrors) as err:
        auth.change_password(clerk, "not-it", "abc")
    assert {(e.code, e.field) for e in err.value.errors} == {
        ("auth.wrong_current_password", "current_password"), ("auth.weak_password", "password")}
    with pytest.raises(ValidationErrors) as err:
        auth.change_password(clerk, "first-pass", "first-pass")
    assert [(e.code, e.field) for e in err.value.errors] == [("auth.same_password", "password")]
    assert auth.login("clerk", "first-pass")  # nothing changed so far
    auth.change_password(clerk, "first-pass", "second-pass")
    with pytest.raises(UserError):
        auth.login("clerk", "first-pass")
    assert auth.login("clerk", "second-pass").username == "clerk"
    entry = AuditEntry.select().where(AuditEntry.action == "users.password").get()
    assert (entry.actor, entry.note) == ("clerk", "own password changed")


def test_unlock_lifts_the_lock_at_once(admin):
    auth.create_user(admin, "clerk", "right-pass", "reception")
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(UserError):
            auth.login("clerk", "wrong")
    assert queries.user(admin, "clerk").locked
    clerk = seat("clerk", "reception")
    with pytest.raises(PermissionDenied):
        auth.unlock(clerk, "clerk")
    auth.unlock(admin, "clerk")
    info = queries.user(admin, "clerk")
    assert not info.locked and info.failed_logins == 0
    assert auth.login("clerk", "right-pass").username == "clerk"
    entry = AuditEntry.get(AuditEntry.action == "users.unlock")
    assert entry.actor == "admin" and '"failed_logins": 0' in entry.after


def test_the_last_active_admin_is_kept(admin):
    for change in (lambda: auth.set_role(admin, "admin", "manager"),
                   lambda: auth.set_active(admin, "admin", False)):
        with pytest.raises(UserError) as err:
            change()
        assert err.value.code == "auth.last_admin"
    assert queries.user(admin, "admin").role == "admin"
    auth.create_user(admin, "boss", "boss-pass-1", "admin")
    auth.set_role(admin, "admin", "manager")  # another admin is there now
    boss = auth.login("boss", "boss-pass-1")
    with pytest.raises(UserError):
        auth.set_active(boss, "boss", False)
    auth.set_active(boss, "admin", False)
    assert [(u.username, u.role, u.active) for u in queries.users(boss)] == [
        ("admin", "manager", False), ("boss", "admin", True)]


def test_user_list_needs_users_manage(admin):
    auth.create_user(admin, "clerk", "clerk-pass", "reception", display_name="李接待")
    clerk = auth.login("clerk", "clerk-pass")
    with pytest.raises(PermissionDenied):
        queries.users(clerk)
    listed = queries.users(admin)
    assert [(u.username, u.display_name, u.role) for u in listed] == [
        ("admin", "系统管理员", "admin"), ("clerk", "李接待", "reception")]
    assert listed[1].last_login_at is not None and listed[1].locked_until is None


def test_log_out_is_audited(admin):
    auth.log_out(admin)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.actor, entry.table) == ("auth.logout", "admin", "user")
