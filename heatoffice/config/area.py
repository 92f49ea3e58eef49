"""The settings area's manifest: the settings table and the system's own commands (set up,
check, demo data, users)."""

from heatoffice.manifest import ADMIN, MANAGERS, Area

AREA = Area(
    name="config",
    models=("heatoffice.config.models",),
    permissions={
        "settings.edit": MANAGERS,
        "system.check": (*MANAGERS, "finance"),
        "system.demo": ADMIN,
    },
    # init, demo, check and users; with no command, the desktop app
    commands=("heatoffice.cli.setup",),
    audited={
        # demo data fills every register at once
        "demo.build": ("accounts", "ledger", "payments", "adjustments", "seasons"),
        # a migration's own record, written before any page is open
        "schema.migrate": (),
    },
)
