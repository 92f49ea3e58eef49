"""Users, login with lockout, and the audit log's protection."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import DatabaseError

from heatoffice import clock
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
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
    auth.create_user(admin, "cashier1", "cash-pass", "cashier", display_name="刘收费")
    cashier = auth.login("cashier1", "cash-pass")
    assert (cashier.role, cashier.display_name) == ("cashier", "刘收费")
    with pytest.raises(PermissionDenied):
        auth.create_user(cashier, "x", "xxxxxxxx", "admin")
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
    for _ in range(4):
        with pytest.raises(UserError) as err:
            auth.login("clerk", "wrong")
        assert err.value.code == "auth.bad_login"
    with pytest.raises(UserError) as err:
        auth.login("clerk", "wrong")
    assert err.value.code == "auth.locked"
    with pytest.raises(UserError) as err:
        auth.login("clerk", "right-pass")  # even the right password waits
    assert err.value.code == "auth.locked"
    clock.shift(dt.timedelta(minutes=9, seconds=59))
    with pytest.raises(UserError):
        auth.login("clerk", "right-pass")
    clock.shift(dt.timedelta(seconds=2))
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
    for _ in range(4):
        with pytest.raises(UserError) as err:
            auth.login("clerk", "wrong")
        assert err.value.code == "auth.bad_login"


def test_disabled_and_unknown_users(admin):
    auth.create_user(admin, "gone", "gone-pass", "hotline")
    auth.set_active(admin, "gone", False)
    with pytest.raises(UserError) as err:
        auth.login("gone", "gone-pass")
    assert err.value.code == "auth.inactive"
    with pytest.raises(UserError) as err:
        auth.login("nobody", "x")
    assert err.value.code == "auth.bad_login"


def test_password_and_role_changes(admin):
    auth.create_user(admin, "clerk", "first-pass", "reception")
    clerk = auth.login("clerk", "first-pass")
    auth.set_password(clerk, "clerk", "second-pass")  # one's own password
    with pytest.raises(PermissionDenied):
        auth.set_password(clerk, "admin", "hijacked!")
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
        audit.list_entries(Actor(None, "op", "hotline"))
