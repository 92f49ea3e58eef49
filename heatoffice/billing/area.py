"""The fee ledger's manifest: bills, payments, adjustments, closes, arrears, dunning, rechecks."""

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

# The fee desk follows the adjustments it proposes and sees the day it closes; customer
# service proposes adjustments and follows arrears, dunning and rechecks.
_DESK = (*MANAGERS, "cashier", "finance")
_FOLLOW_UP = (*_DESK, "customer_service")
_PDF = "heatoffice.exports.documents:"
_XLSX = "heatoffice.exports.ledger_xlsx:"
_DATA = "heatoffice.billing.documents:"
_TABS = "heatoffice.ui.card_tabs:"

AREA = Area(
    name="billing",
    models=("heatoffice.billing.models",),
    # version 3: Payment.reference, the transaction number of a non-cash payment
    migrations={3: "heatoffice.db.schema_v3:migrate",
                # version 6: Payment.source (payment batches), opening balances
                6: "heatoffice.db.schema_v6:migrate"},
    # issued documents are write-once in the database itself
    schema=("heatoffice.billing.models:extra_schema",),
    permissions={
        "billing.view": EVERYONE,
        "tariffs.change_billed": MANAGERS,
        "billing.run": (*MANAGERS, "finance"),
        "payments.take": _DESK,
        "payments.reverse": _DESK,
        "payments.reverse_any": (*MANAGERS, "finance"),
        "adjustments.view": _FOLLOW_UP,
        "adjustments.propose": _FOLLOW_UP,
        "adjustments.approve": MANAGERS,
        "closing.view": _DESK,
        "day.close": _DESK,
        "month.close": (*MANAGERS, "finance"),
        "arrears.view": _FOLLOW_UP,
        "dunning.record": _FOLLOW_UP,
        "recheck.record": _FOLLOW_UP,
        "billing.export": (*MANAGERS, "finance"),
    },
    pages=(
        PageSpec("cashier", QT_TRANSLATE_NOOP("Pages", "Cashier"), "payments.take",
                 "heatoffice.ui.cashier_page:CashierPage", "SP_DialogApplyButton", place=20),
        PageSpec("arrears", QT_TRANSLATE_NOOP("Pages", "Arrears"), "arrears.view",
                 "heatoffice.ui.arrears_page:ArrearsPage", "SP_MessageBoxWarning", place=30),
        PageSpec("recheck", QT_TRANSLATE_NOOP("Pages", "On-site recheck"), "recheck.record",
                 "heatoffice.ui.recheck_page:RecheckPage", "SP_BrowserReload", place=40),
        PageSpec("closing", QT_TRANSLATE_NOOP("Pages", "Day and month close"), "day.close",
                 "heatoffice.ui.closing_page:ClosingPage", "SP_DialogSaveButton", place=50),
        PageSpec("adjustments", QT_TRANSLATE_NOOP("Pages", "Adjustments"),
                 "adjustments.approve", "heatoffice.ui.adjustments_page:AdjustmentsPage",
                 "SP_FileDialogListView", place=60),
    ),
    commands=("heatoffice.cli.billing", "heatoffice.cli.billing_documents"),
    checks=(CheckSpec("ledger", "heatoffice.billing.ledger:check_invariant"),),
    documents=(
        DocumentSpec("print notice", _PDF + "print_notices", _DATA + "Notice"),
        DocumentSpec("print receipt", _PDF + "print_receipt", _DATA + "Receipt"),
        DocumentSpec("print dunning", _PDF + "print_dunning", _DATA + "Dunning"),
        DocumentSpec("print recheck", _PDF + "print_recheck_sheets", _DATA + "RecheckSheet"),
        DocumentSpec("print round", _PDF + "print_round_sheet", _DATA + "RoundSheet"),
        DocumentSpec("print daily", _PDF + "print_daily_report", _DATA + "DailyReport"),
        DocumentSpec("print month", _PDF + "print_month_report", _DATA + "MonthReport"),
        DocumentSpec("print statement", _PDF + "print_statement", _DATA + "AccountStatement"),
        DocumentSpec("export ledger", _XLSX + "export_season_ledger", _DATA + "LedgerRow"),
        DocumentSpec("export arrears", _XLSX + "export_arrears",
                     "heatoffice.billing.arrears:ArrearsRow"),
        DocumentSpec("export payments", _XLSX + "export_payments", _DATA + "PaymentRow"),
        DocumentSpec("export daily", _XLSX + "export_daily_report", _DATA + "DailyReport"),
        DocumentSpec("export month", _XLSX + "export_month_report", _DATA + "MonthReport"),
    ),
    card_sections=(
        CardSectionSpec("bills", QT_TRANSLATE_NOOP("CardSections", "Bills"), "billing.view",
                        _TABS + "BillsSection", place=10),
        CardSectionSpec("payments", QT_TRANSLATE_NOOP("CardSections", "Payments and reversals"),
                        "billing.view", _TABS + "PaymentsSection", place=20),
        CardSectionSpec("ledger", QT_TRANSLATE_NOOP("CardSections", "Ledger"), "billing.view",
                        _TABS + "LedgerSection", place=30),
        CardSectionSpec("adjustments", QT_TRANSLATE_NOOP("CardSections", "Adjustments"),
                        "billing.view", _TABS + "AdjustmentsSection", place=40),
        CardSectionSpec("rechecks", QT_TRANSLATE_NOOP("CardSections", "Rechecks"),
                        "billing.view", _TABS + "RechecksSection", place=50),
        CardSectionSpec("dunning", QT_TRANSLATE_NOOP("CardSections", "Dunning contacts"),
                        "arrears.view", _TABS + "DunningSection", place=60),
    ),
    audited={
        # a new tariff version; on a billed season it reprices the bills by adjustments
        "seasons.tariff": ("seasons", "ledger", "adjustments"),
        "billing.run": ("ledger", "seasons"),
        "billing.connection_fee": ("ledger",),
        # a stop or resume inside a billed season: the share from its day
        "billing.status_share": ("ledger", "adjustments"),
        "billing.meter_reading": ("seasons",),
        "billing.metered_settlement": ("ledger", "adjustments", "seasons"),
        "payments.take": ("ledger", "payments"),
        "payments.reverse": ("ledger", "payments"),
        "payments.import": ("ledger", "payments"),
        "opening.import": ("ledger",),
        "receipts.print": (),
        "adjustments.propose": ("adjustments",),
        "adjustments.approve": ("adjustments", "ledger"),
        "adjustments.reject": ("adjustments",),
        "day.close": ("closing",),
        "month.close": ("closing",),
        "ledger.seal": ("closing",),  # made by each close (heatoffice.audit.seals)
        "dunning.record": ("dunning",),
        "recheck.record": ("rechecks", "adjustments"),
        "recheck.remeasure_request": ("rechecks",),
        "billing.export": (),
    },
)
