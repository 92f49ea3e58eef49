"""The service desk's manifest: hotline calls, work orders (parts 1-3 of issue 11); complaints,
inspections and room-temperature checks (parts 4-6) add their own lines below."""

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

# the hotline takes calls and dispatches (热线岗位); operations and the repair crews work the
# orders (运行工、检修岗位); customer service visits back and closes
_CALLS = (*MANAGERS, "hotline", "customer_service")
_WORK = (*MANAGERS, "operations", "customer_service")

AREA = Area(
    name="service",
    # the cases' tables (complaints, inspections, temperature checks) after the calls'
    models=("heatoffice.service.models", "heatoffice.service.case_models"),
    schema=("heatoffice.service.models:guard", "heatoffice.service.case_models:guard"),
    # version 8: calls, work orders, counters (version 7 is the hash chain, db/schema_v7.py)
    migrations={8: "heatoffice.service.schema_v8:migrate",
                # version 9: complaints, inspections, room-temperature readings and refunds
                9: "heatoffice.service.schema_v9:migrate"},
    permissions={
        "service.view": EVERYONE,
        "service.calls": _CALLS,
        "service.dispatch": (*_CALLS, "operations"),
        "service.work": _WORK,
        "service.visit": _CALLS,
        "service.export": (*_CALLS, "operations"),
        # complaints: whoever receives them (hotline, reception, customer service) records
        # and answers them; an escalated one is a manager's
        "complaints.view": EVERYONE,
        "complaints.record": (*MANAGERS, "hotline", "reception", "customer_service"),
        "complaints.escalated": MANAGERS,
        # inspections, patrols, seals, cut-offs, heat theft: customer service (客服部)
        "inspections.view": EVERYONE,
        "inspections.record": (*MANAGERS, "customer_service"),
        # room temperatures: operations (运行部) and customer service read them; the refund
        # is proposed by those who propose adjustments
        "tempchecks.view": EVERYONE,
        "tempchecks.record": (*MANAGERS, "operations", "customer_service"),
        "tempchecks.refund": (*MANAGERS, "customer_service"),
    },
    pages=(
        PageSpec("hotline", QT_TRANSLATE_NOOP("Pages", "Hotline"), "service.view",
                 "heatoffice.ui.service.hotline:HotlinePage", "SP_MessageBoxInformation",
                 place=16),
        PageSpec("work_orders", QT_TRANSLATE_NOOP("Pages", "Work orders"), "service.view",
                 "heatoffice.ui.service.orders:WorkOrdersPage", "SP_FileDialogDetailedView",
                 place=17),
        PageSpec("service_cases", QT_TRANSLATE_NOOP("Pages", "Complaints and inspections"),
                 "complaints.view", "heatoffice.ui.service.cases:CasesPage",
                 "SP_MessageBoxWarning", place=18),
        # 服务报表 (part 7): the report's tables on screen, Excel and PDF, the settings
        PageSpec("service_report", QT_TRANSLATE_NOOP("Pages", "Service report"),
                 "service.export", "heatoffice.ui.service.report_page:ServiceReportPage",
                 "SP_FileDialogContentsView", place=19),
    ),
    commands=("heatoffice.cli.service", "heatoffice.cli.service_cases"),
    # the account card's tab of the account's complaints, inspections and room temperatures
    card_sections=(CardSectionSpec("service_cases", QT_TRANSLATE_NOOP(
        "CardSections", "Complaints and inspections"), "complaints.view",
        "heatoffice.ui.service.card:CasesSection", place=110),),
    checks=(CheckSpec("work_orders", "heatoffice.service.checks:check_work_orders"),
            CheckSpec("cases", "heatoffice.service.case_checks:check_cases")),
    documents=(
        DocumentSpec("export service", "heatoffice.exports.service_report:export_service",
                     "heatoffice.service.reports:ServiceReport"),
        DocumentSpec("print reply", "heatoffice.exports.documents:print_reply_letter",
                     "heatoffice.service.case_documents:ReplyLetter"),
    ),
    audited={
        "service.call": ("calls",),
        "service.order_new": ("calls", "work_orders"),
        "service.order_step": ("work_orders",),
        "service.export": (),
        "complaints.add": ("complaints",),
        "complaints.handle": ("complaints",),
        "complaints.escalate": ("complaints",),
        "complaints.reply": ("complaints",),
        "inspections.add": ("inspections",),
        "inspections.conclude": ("inspections",),
        "inspections.follow_up": ("inspections", "adjustments"),
        "inspections.close": ("inspections",),
        "tempchecks.record": ("tempchecks",),
        "tempchecks.refund": ("tempchecks", "adjustments"),
    },
)
