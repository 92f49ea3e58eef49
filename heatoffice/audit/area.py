"""The audit log's manifest: one write-once table that every service writes to."""

from heatoffice.manifest import MANAGERS, QT_TRANSLATE_NOOP, Area, CheckSpec, PageSpec

AREA = Area(
    name="audit",
    models=("heatoffice.audit.models",),
    # version 7: the ledger's and the audit log's chained hashes (heatoffice.db.chain)
    migrations={7: "heatoffice.db.schema_v7:migrate"},
    schema=("heatoffice.audit.models:extra_schema", "heatoffice.db.chain_guards:install"),
    permissions={"audit.view": (*MANAGERS, "finance")},
    checks=(CheckSpec("chain", "heatoffice.db.chain_check:check_chains"),
            CheckSpec("seals", "heatoffice.audit.seals:check_seals")),
    pages=(
        PageSpec("audit", QT_TRANSLATE_NOOP("Pages", "Audit log"), "audit.view",
                 "heatoffice.ui.audit_page:AuditPage", "SP_FileDialogContentsView", place=90),
    ),
)
