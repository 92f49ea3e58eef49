"""``check`` of the users' roles: each is the one its last audited role change (or its
creation) gave it, so a role raised by raw SQL with the guard trigger off is found. A user
with no such audit row at all (made outside the services) is not compared."""

from __future__ import annotations

import json

from heatoffice.audit.models import AuditEntry
from heatoffice.auth.models import User

# The audited actions that give a user its role (auth.service).
ROLE_ACTIONS = ("users.create", "users.role")


def check_roles() -> tuple[bool, str]:
    given: dict[str, str] = {}
    for record_id, after in (AuditEntry.select(AuditEntry.record_id, AuditEntry.after)
                             .where((AuditEntry.table == "user")
                                    & AuditEntry.action.in_(ROLE_ACTIONS))
                             .order_by(AuditEntry.id).tuples()):
        role = json.loads(after or "{}").get("role")
        if role:
            given[record_id] = role
    users = list(User.select(User.id, User.username, User.role).order_by(User.id).tuples())
    wrong = [f"{name} is {role}, the audit log gave {given[str(uid)]}"
             for uid, name, role in users if str(uid) in given and given[str(uid)] != role]
    if wrong:
        from heatoffice.check import examples

        return False, f"{len(wrong)} roles not given through the audited service: " \
            + examples(wrong)
    audited = sum(1 for uid, _, _ in users if str(uid) in given)
    return True, f"{audited} of {len(users)} users' roles as audited"
