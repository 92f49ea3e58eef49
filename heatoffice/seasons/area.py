"""The seasons' manifest: heating seasons and their versioned tariffs."""

from heatoffice.manifest import EVERYONE, MANAGERS, QT_TRANSLATE_NOOP, Area, PageSpec

AREA = Area(
    name="seasons",
    models=("heatoffice.seasons.models",),
    permissions={
        # printed on every bill, so whoever sees bills sees them too
        "seasons.view": EVERYONE,
        "seasons.edit": (*MANAGERS, "finance"),
    },
    pages=(
        PageSpec("seasons", QT_TRANSLATE_NOOP("Pages", "Seasons and tariffs"), "seasons.edit",
                 "heatoffice.ui.seasons_page:SeasonsPage", "SP_FileDialogInfoView", place=70),
    ),
    commands=("heatoffice.cli.seasons",),
    # a tariff is set by billing (billing/tariff_change.py): its audit action is billing's
    audited={"seasons.add": ("seasons",)},
)
