"""The logins' manifest: users and their roles; who may do what is each area's permissions."""

from heatoffice.manifest import ADMIN, QT_TRANSLATE_NOOP, Area, CheckSpec, PageSpec

AREA = Area(
    name="auth",
    models=("heatoffice.auth.models",),
    permissions={"users.manage": ADMIN},
    pages=(
        PageSpec("users", QT_TRANSLATE_NOOP("Pages", "Users"), "users.manage",
                 "heatoffice.ui.users_page:UsersPage", "SP_DialogYesButton", place=95),
    ),
    # a role is the one its audited change gave it (heatoffice.db.chain_guards guards it)
    checks=(CheckSpec("roles", "heatoffice.auth.checks:check_roles"),),
    audited={
        # logins and logouts: no page shows them but the audit log
        **{action: () for action in ("auth.login", "auth.logout", "auth.login_failed",
                                     "auth.locked")},
        # the Users page lists the users, their roles, whether enabled, their locks
        **{action: ("users",) for action in ("users.create", "users.password", "users.role",
                                             "users.active", "users.unlock")},
    },
)
