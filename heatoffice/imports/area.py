"""The import area's manifest: rosters, opening balances and payment batches from Excel."""

from heatoffice.manifest import MANAGERS, QT_TRANSLATE_NOOP, Area, PageSpec

AREA = Area(
    name="imports",
    permissions={
        # the page; each kind asks its own permission below
        "imports.use": (*MANAGERS, "reception", "finance", "cashier"),
        "imports.accounts": (*MANAGERS, "reception"),
        "imports.balances": (*MANAGERS, "finance"),
        "imports.payments": (*MANAGERS, "finance", "cashier"),
    },
    pages=(
        PageSpec("imports", QT_TRANSLATE_NOOP("Pages", "Import"), "imports.use",
                 "heatoffice.ui.import_page:ImportPage", "SP_DialogOpenButton", place=85),
    ),
    commands=("heatoffice.cli.imports",),
    audited={
        # the file's own row; the accounts, communities, entries and payments it made have
        # theirs (accounts.open, communities.add, …)
        "imports.accounts": ("accounts", "org"),
        "imports.balances": ("ledger",),
        "imports.payments": ("ledger", "payments"),
        "imports.mapping": (),
    },
)
