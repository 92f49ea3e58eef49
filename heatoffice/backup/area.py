"""The backups' manifest: the admin makes, lists and restores backups (heatoffice.db.backup
makes the files); the automatic ones are made by the program itself."""

from heatoffice.manifest import ADMIN, QT_TRANSLATE_NOOP, Area, PageSpec

AREA = Area(
    name="backup",
    permissions={
        "backups.make": ADMIN,      # make a backup, list them, the backup settings
        "backups.restore": ADMIN,   # put a backup in place of the database
    },
    pages=(
        PageSpec("backups", QT_TRANSLATE_NOOP("Pages", "Backups"), "backups.make",
                 "heatoffice.ui.backups_page:BackupsPage", "SP_DriveHDIcon", place=97),
    ),
    commands=("heatoffice.cli.backup",),
    audited={
        "backups.make": ("backups",),
        # written into the restored copy before it replaces the database
        "backups.restore": ("backups",),
        "receipts.lost_by_restore": ("backups", "payments"),
    },
)
