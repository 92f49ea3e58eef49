"""The audit log's manifest: one write-once table that every service writes to."""

from heatoffice.manifest import MANAGERS, QT_TRANSLATE_NOOP, Area, PageSpec

AREA = Area(
    name="audit",
    models=("heatoffice.audit.models",),
    schema=("heatoffice.audit.models:extra_schema",),
    permissions={"audit.view": (*MANAGERS, "finance")},
    pages=(
        PageSpec("audit", QT_TRANSLATE_NOOP("Pages", "Audit log"), "audit.view",
                 "heatoffice.ui.audit_page:AuditPage", "SP_FileDialogContentsView", place=90),
    ),
)
