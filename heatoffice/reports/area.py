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
    # 7 on this branch until the versions 7-9 of the other branches land: then 10.
    migrations={7: "heatoffice.db.schema_v7:migrate"},
    schema=("heatoffice.reports.models:extra_schema",),
    audited={"reports.export": ()},
)
