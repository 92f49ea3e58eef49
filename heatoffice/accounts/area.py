"""The accounts area's manifest: stations, communities, accounts, their search and register."""

from heatoffice.manifest import (
    EVERYONE,
    MANAGERS,
    QT_TRANSLATE_NOOP,
    Area,
    CardSectionSpec,
    CheckSpec,
    DocumentSpec,
    PageSpec,
)

AREA = Area(
    name="accounts",
    models=("heatoffice.accounts.models",),
    schema=("heatoffice.accounts.search:create_index",
            "heatoffice.accounts.models:guard_history"),
    # version 2: Account.community, free text, becomes a key of Community
    migrations={2: "heatoffice.db.schema_v2:migrate",
                # version 12: the search grams compared byte by byte (PostgreSQL)
                12: "heatoffice.accounts.schema_v12:migrate"},
    permissions={
        "accounts.view": EVERYONE,
        "accounts.edit": (*MANAGERS, "reception"),
        "accounts.status": (*MANAGERS, "reception", "customer_service"),
        "accounts.view_personal": (*MANAGERS, "reception", "cashier", "finance",
                                   "customer_service"),
        "accounts.export": (*MANAGERS, "finance"),
    },
    pages=(
        PageSpec("accounts", QT_TRANSLATE_NOOP("Pages", "Accounts"), "accounts.view",
                 "heatoffice.ui.accounts_page:AccountsPage", "SP_FileDialogDetailedView",
                 place=10),
    ),
    commands=("heatoffice.cli.accounts",),
    checks=(
        CheckSpec("search_index", "heatoffice.accounts.checks:check_search_index"),
        CheckSpec("account_status_history",
                  "heatoffice.accounts.checks:check_account_status_history"),
        # a rename or renumbering by raw SQL (the ledger's rows are chained: heatoffice.db.chain)
        CheckSpec("account_names", "heatoffice.accounts.checks:check_account_names"),
    ),
    documents=(
        DocumentSpec("accounts export", "heatoffice.exports.accounts:export_accounts"),
    ),
    card_sections=(
        CardSectionSpec("status", QT_TRANSLATE_NOOP("CardSections", "Status history"),
                        "accounts.view", "heatoffice.ui.card_tabs:StatusSection", place=70),
    ),
    audited={
        "accounts.open": ("accounts",),
        "accounts.update": ("accounts",),
        "accounts.status": ("accounts",),
        "accounts.transfer": ("accounts",),
        "accounts.export": (),
        # stations and communities are the organisation's lists too
        "stations.add": ("accounts", "org"),
        "communities.add": ("accounts", "org"),
    },
)
