"""The logins' manifest: users and their roles; who may do what is each area's permissions."""

from heatoffice.manifest import ADMIN, Area

AREA = Area(
    name="auth",
    models=("heatoffice.auth.models",),
    permissions={"users.manage": ADMIN},
    # logins and user changes: no page shows them but the audit log
    audited={action: () for action in ("auth.login", "auth.login_failed", "auth.locked",
                                         "users.create", "users.password", "users.role",
                                         "users.active")},
)
