"""The reception area's manifest: applications, document checklists, review and forwarding."""

from heatoffice.manifest import (
    ADMIN,
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
    name="reception",
    models=("heatoffice.reception.models",),
    seeds=("heatoffice.reception.checklist:seed_checklists",),
    schema=("heatoffice.reception.models:guard",),
    # version 4: the reception tables and the accounts' owner history
    migrations={4: "heatoffice.reception.schema_v4:migrate"},
    permissions={
        "applications.view": EVERYONE,
        "applications.receive": (*MANAGERS, "reception"),
        # only reception accepts (and reviews, returns, rejects and forwards)
        "applications.accept": (*ADMIN, "reception"),
        # only the department it was forwarded to completes it (the service checks which)
        "applications.complete": (*ADMIN, "customer_service", "operations", "finance"),
        "applications.reassign": MANAGERS,
        "applications.exception": MANAGERS,
        "applications.checklists": ADMIN,
    },
    pages=(PageSpec("reception", QT_TRANSLATE_NOOP("Pages", "Reception"),
                    "applications.view", "heatoffice.ui.reception.page:ReceptionPage",
                    "SP_FileDialogNewFolder", place=15),),
    commands=("heatoffice.cli.reception",),
    card_sections=(CardSectionSpec("applications", QT_TRANSLATE_NOOP(
        "CardSections", "Applications"), "applications.view",
        "heatoffice.ui.reception.card:ApplicationsSection", place=80),),
    documents=(
        DocumentSpec("print acceptance", "heatoffice.exports.documents:print_acceptance",
                     "heatoffice.reception.documents:AcceptanceReceipt"),
        DocumentSpec("print review", "heatoffice.exports.documents:print_review",
                     "heatoffice.reception.documents:ReviewForm"),
        DocumentSpec("print handover", "heatoffice.exports.documents:print_handover",
                     "heatoffice.reception.documents:HandoverSlip"),
        DocumentSpec("export applications",
                     "heatoffice.exports.applications_xlsx:export_applications"),
    ),
    checks=(CheckSpec("applications", "heatoffice.reception.checks:check_applications"),),
    audited={
        "applications.receive": ("applications",),
        "applications.docs": ("applications",),
        "applications.step": ("applications",),
        "applications.exception": ("applications",),
        "applications.done": ("applications", "accounts", "ledger"),
        "applications.checklist": ("applications",),
        "applications.export": (),
    },
)
