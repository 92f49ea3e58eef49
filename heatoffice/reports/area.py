"""The reports area's manifest: the home dashboard, the collection reports, their exports."""

from heatoffice.manifest import EVERYONE, MANAGERS, QT_TRANSLATE_NOOP, Area, PageSpec

AREA = Area(
    name="reports",
    permissions={
        "dashboard.view": EVERYONE,
        "reports.view": (*MANAGERS, "finance"),
        "reports.export": (*MANAGERS, "finance"),
    },
    pages=(
        PageSpec("home", QT_TRANSLATE_NOOP("Pages", "Home"), "dashboard.view",
                 "heatoffice.ui.dashboard:DashboardPage", "SP_DirHomeIcon", place=5),
        PageSpec("reports", QT_TRANSLATE_NOOP("Pages", "Collection reports"), "reports.view",
                 "heatoffice.ui.reports_page:ReportsPage", "SP_FileDialogInfoView", place=52),
    ),
    commands=("heatoffice.cli.reports",),
    models=("heatoffice.reports.models",),
    # version 10: the dashboard's snapshots (reports.models)
    migrations={10: "heatoffice.db.schema_v10:migrate"},
    schema=("heatoffice.reports.models:extra_schema",),
    audited={"reports.export": ()},
)
