"""Identities are read again on every call (issue 9, item 6), on SQLite and PostgreSQL: a
demoted or disabled user's open session loses its rights at its next action, an actor no
login user stands behind is refused, and the program's own actor exists only inside
``system_work``."""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from ledger_world import CASHIER, D, at, bill, home, row_counts, season

from heatoffice.accounts import queries as account_queries
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import identity
from heatoffice.auth import service as auth
from heatoffice.auth.actor import Actor
from heatoffice.auth.identity import SessionRefused, system_work
from heatoffice.auth.models import User
from heatoffice.billing import adjustments
from heatoffice.billing.models import Adjustment
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied

PASSWORD = "a-long-enough-pw"


@pytest.fixture
def office(db):
    """An admin, a manager and a clerk, each logged in as a desk would be."""
    auth.create_first_admin(PASSWORD)
    admin = auth.login("admin", PASSWORD)
    auth.create_user(admin, "boss", PASSWORD, "manager", display_name="孙经理")
    auth.create_user(admin, "clerk", PASSWORD, "customer_service")
    return admin, auth.login("boss", PASSWORD), auth.login("clerk", PASSWORD)


@pytest.fixture
def proposed(office):
    """A bill and an adjustment waiting for a manager."""
    admin, boss, clerk = office
    at(_dt.date(2026, 10, 20))
    s, t = season(late_fee_rate="0")
    account = home()
    bill(account, s, t)
    at(_dt.date(2026, 12, 5))
    adj = adjustments.propose_adjustment(clerk, account.id, "-100", "credit", "室温不达标退费")
    return office, adj


def test_a_demoted_users_next_action_is_refused(proposed):
    (admin, boss, _clerk), adj = proposed
    assert account_queries.account(boss, adj.account_id) is not None  # the session works
    auth.set_role(admin, "boss", "read_only")  # while boss's window is open
    before = row_counts()
    with pytest.raises(SessionRefused) as err:
        adjustments.approve_adjustment(boss, adj.id)
    assert err.value.code == "auth.role_changed"
    assert "经理" in err.value.message("zh") and "只读" in err.value.message("zh")
    assert "log out and in again" in err.value.message("en")
    assert isinstance(err.value, PermissionDenied)  # every desk handles it as a refusal
    assert row_counts() == before
    assert Adjustment.get_by_id(adj.id).status == "proposed"
    with pytest.raises(SessionRefused):  # reads too
        account_queries.account(boss, adj.account_id)
    # a new login has the new role's rights: reading, not approving
    again = auth.login("boss", PASSWORD)
    assert again.role == "read_only"
    with pytest.raises(PermissionDenied):
        adjustments.approve_adjustment(again, adj.id)


def test_a_disabled_users_next_action_is_refused_and_they_can_still_log_out(proposed):
    (admin, boss, _clerk), adj = proposed
    auth.set_active(admin, "boss", False)
    with pytest.raises(SessionRefused) as err:
        adjustments.approve_adjustment(boss, adj.id)
    assert err.value.code == "auth.user_disabled"
    assert Adjustment.get_by_id(adj.id).status == "proposed"
    auth.log_out(boss)  # what the message asks for
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "auth.logout"


def test_a_promoted_user_logs_in_again_to_use_the_new_role(office):
    admin, _boss, clerk = office
    auth.set_role(admin, "clerk", "manager")
    with pytest.raises(SessionRefused) as err:
        account_queries.account(clerk, 1)
    assert err.value.code == "auth.role_changed"
    assert auth.login("clerk", PASSWORD).role == "manager"


def test_an_actor_made_up_in_code_creates_no_admin(office):
    users = User.select().count()
    for forged in (Actor(user_id=None, username="root", role="admin"),
                   Actor(user_id=999, username="ghost", role="admin"),
                   Actor(user_id=office[0].user_id, username="mallory", role="admin"),
                   dataclasses.replace(office[2], role="admin")):  # a clerk says: admin
        with pytest.raises(PermissionDenied) as err:
            auth.create_user(forged, "mallory", PASSWORD, "admin")
        assert err.value.code in ("auth.no_user", "auth.role_changed")
    assert User.select().count() == users
    assert not AuditEntry.select().where(AuditEntry.action == "users.create",
                                         AuditEntry.record_id == "mallory").exists()


def test_a_deleted_user_is_no_user(office):
    admin, _boss, clerk = office
    database.execute_sql('DELETE FROM "user" WHERE id = ' + database.param, (clerk.user_id,))
    with pytest.raises(SessionRefused) as err:
        account_queries.account(clerk, 1)
    assert err.value.code == "auth.no_user" and "clerk" in err.value.message("en")


def test_the_system_actor_acts_only_inside_system_work(office):
    with system_work("seed") as system:
        assert system.is_system and system.user_id is None
        audit.record(system, "settings.set", "setting", "x", note="inside")  # accepted
    with pytest.raises(SessionRefused) as err:  # the same actor kept past its block
        auth.create_user(system, "mallory", PASSWORD, "admin")
    assert err.value.code == "auth.system_outside"
    # the look-alike anyone could write is no user, not the system
    look_alike = Actor(user_id=None, username="system", role="admin", display_name="系统")
    assert not look_alike.is_system
    with system_work("init"), pytest.raises(SessionRefused):
        auth.create_user(look_alike, "mallory", PASSWORD, "admin")
    with pytest.raises(ValueError):
        with system_work("anything I like"):
            pass


def test_the_audit_row_verifies_inside_the_writes_transaction(office):
    admin, boss, _clerk = office
    with database.atomic():
        audit.record(boss, "settings.set", "setting", "x")  # fine before the change
    with pytest.raises(SessionRefused), database.atomic():
        auth.set_active(admin, "boss", False)  # boss disabled earlier in this transaction
        audit.record(boss, "settings.set", "setting", "y")  # read here: sees it, refuses
    # the refusal rolled the whole transaction back, the change with it
    assert User.get(User.username == "boss").active


def test_one_read_a_transaction(office, monkeypatch):
    """require and every audit row of one transaction read the user once; outside a
    transaction each call reads it."""
    _admin, boss, _clerk = office
    reads = []
    real = database.execute_sql

    def counting(sql, params=None, *args, **kw):
        if sql.startswith('SELECT "username", "role", "active"'):
            reads.append(params)
        return real(sql, params, *args, **kw)

    monkeypatch.setattr(database.obj, "execute_sql", counting)
    with database.atomic():
        for n in range(5):
            audit.record(boss, "settings.set", "setting", str(n))
    assert len(reads) == 1
    with database.atomic():
        audit.record(boss, "settings.set", "setting", "next")
    assert len(reads) == 2  # a new transaction reads again
    identity.verify(boss)
    identity.verify(boss)
    assert len(reads) == 4
    with database.atomic():  # what the transaction remembers is the user, name and all
        identity.verify(boss)
        with pytest.raises(SessionRefused):
            identity.verify(Actor(user_id=boss.user_id, username="mallory", role=boss.role))


def test_an_application_grants_rights_to_its_completing_user_only_while_they_are_them(office):
    admin, _boss, clerk = office
    acting = clerk.elevated("admin")  # what reception/effects.py does for a done application
    assert (acting.role, acting.session_role) == ("admin", "customer_service")
    identity.verify(acting)
    auth.set_active(admin, "clerk", False)
    with pytest.raises(SessionRefused):
        identity.verify(acting)


def test_a_payment_by_a_cashier_disabled_meanwhile_is_refused_with_nothing_written(db):
    at(_dt.date(2026, 10, 20))
    s, t = season(late_fee_rate="0")
    account = home()
    bill(account, s, t)
    assert CASHIER.user_id  # the cashier's login user (tests/seats.py)
    payments_before = row_counts()
    User.update(active=False).where(User.username == CASHIER.username).execute()
    from heatoffice.billing import payments

    with pytest.raises(SessionRefused):
        payments.record_payment(CASHIER, account.id, D("100"), "cash")
    assert row_counts() == payments_before
