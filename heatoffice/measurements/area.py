"""The measurement area's manifest: area rules, joint measurement records, review, application."""

from heatoffice.manifest import (
    EVERYONE,
    MANAGERS,
    QT_TRANSLATE_NOOP,
    Area,
    CardSectionSpec,
    DocumentSpec,
    PageSpec,
)

# Customer service measures jointly with the fee section (客服部：面积测量复核，联合收费科).
_MEASURE = (*MANAGERS, "customer_service", "cashier", "finance")

AREA = Area(
    name="measurements",
    models=("heatoffice.measurements.models",),
    seeds=("heatoffice.measurements.rules:seed_rules",),
    schema=("heatoffice.measurements.models:guard",),
    # version 5: the measurement tables and the accounts' area history
    migrations={5: "heatoffice.db.schema_v5:migrate"},
    permissions={
        "measurements.view": EVERYONE,
        "measurements.record": _MEASURE,
        "measurements.review": (*MANAGERS, "customer_service", "finance"),
        "measurements.apply": (*MANAGERS, "finance"),
        "measurements.rules": MANAGERS,
        "measurements.export": (*MANAGERS, "customer_service", "finance"),
    },
    pages=(
        PageSpec("measurements", QT_TRANSLATE_NOOP("Pages", "Area measurement"),
                 "measurements.view", "heatoffice.ui.measurements_page:MeasurementsPage",
                 "SP_FileDialogContentsView", place=45),
    ),
    card_sections=(CardSectionSpec("measurements", QT_TRANSLATE_NOOP(
        "CardSections", "Measurements"), "measurements.view",
        "heatoffice.ui.measurement_card:AreaHistorySection", place=90),),
    commands=("heatoffice.cli.measurements",),
    documents=(
        DocumentSpec("print measurement", "heatoffice.exports.documents:print_measurement",
                     "heatoffice.measurements.documents:MeasurementSheet"),
        DocumentSpec("export measurements",
                     "heatoffice.exports.measurements_xlsx:export_measurements",
                     "heatoffice.measurements.documents:RegisterRow"),
    ),
    audited={
        "measurements.create": ("measurements",),
        "measurements.submit": ("measurements",),
        "measurements.review": ("measurements",),
        "measurements.reject": ("measurements", "rechecks"),
        "measurements.apply": ("measurements", "accounts", "adjustments", "rechecks"),
        "measurements.close_request": ("rechecks",),
        "measurements.rules": ("measurements",),
        "measurements.print": (),
        "measurements.export": (),
    },
)
