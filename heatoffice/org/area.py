"""The organisation's manifest: departments, posts, staff, assignments and service areas."""

from heatoffice.manifest import EVERYONE, MANAGERS, QT_TRANSLATE_NOOP, Area, PageSpec

_ORG = ("org",)

AREA = Area(
    name="org",
    models=("heatoffice.org.models",),
    # a new database starts with the departments and posts of the work rules
    seeds=("heatoffice.org.seed:seed_organisation",),
    permissions={
        "org.view": EVERYONE,
        "org.edit": MANAGERS,
        "org.assign": MANAGERS,
    },
    pages=(
        PageSpec("org", QT_TRANSLATE_NOOP("Pages", "Organisation"), "org.view",
                 "heatoffice.ui.org_page:OrgPage", "SP_DirHomeIcon", place=80),
    ),
    audited={
        "org.seed": _ORG,
        "org.add_department": _ORG,
        "org.add_post": _ORG,
        "org.add_staff": _ORG,
        "org.update_department": _ORG,
        "org.update_post": _ORG,
        "org.update_staff": _ORG,
        "org.assign": _ORG,
        "org.end_assignment": _ORG,
        "org.add_service_area": _ORG,
        "org.end_service_area": _ORG,
    },
)
