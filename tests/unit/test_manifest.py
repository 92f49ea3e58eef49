"""The areas' manifests: every area has one, every path in them names something real, and the
assembled tables (permissions, audited actions, documents, migrations) are whole."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import heatoffice
from heatoffice import glossary, manifest
from heatoffice.cli import build_parser
from heatoffice.db import migrations, registry
from heatoffice.manifest import Area

ROOT = Path(heatoffice.__file__).resolve().parents[1]


def _areas() -> list[tuple[str, Area]]:
    return list(zip(manifest.AREAS, manifest.areas(), strict=True))


def test_every_area_has_a_manifest_named_after_its_package():
    assert manifest.AREAS[0] == "heatoffice.config"  # the settings table comes first
    for package, area in _areas():
        assert isinstance(area, Area) and package.rsplit(".", 1)[1] == area.name


def test_the_tables_are_created_in_the_order_of_old():
    assert [m.__name__ for m in registry.all_models()] == [
        "Setting", "Station", "Community", "Account", "AccountStatusChange",
        "AccountAreaChange", "OwnerChange", "Department",
        "Post", "Staff", "Assignment", "ServiceArea", "User", "AuditEntry", "ChainHead", "Season",
        "Tariff",
        "Bill", "BillLine", "Adjustment", "Payment", "Allocation", "AccountBalance",
        "ReceiptCounter", "ReceiptPrint", "DayClose", "MonthClose", "DunningContact",
        "Recheck", "RemeasureRequest", "MeterReading", "OpeningBalance", "AreaRuleVersion",
        "MeasurementCounter", "Measurement", "MeasurementPart", "MeasurementMeasurer",
        "MeasurementStep", "ApplicationCounter", "ChecklistItem", "Application",
        "ApplicationDocument", "ApplicationStep", "ServiceCounter", "Call", "WorkOrder",
        "WorkOrderStep", "Complaint", "ComplaintStep", "Inspection", "InspectionFollowUp",
        "TempReading", "TempRefund", "ReportSnapshot", "ReportSnapshotRow"]


def test_every_path_in_the_manifests_resolves():
    """Everything but the pages' widgets (Qt: tests/ui/test_area_pages.py)."""
    for _, area in _areas():
        for name in area.models:
            assert isinstance(manifest.resolve(name).MODELS, list), name
        for path in (*area.schema, *area.seeds, *area.migrations.values(),
                     *(c.func for c in area.checks), *(d.writer for d in area.documents)):
            assert callable(manifest.resolve(path)), path
        for name in area.commands:
            assert callable(manifest.resolve(name).register), name
        for doc in area.documents:
            assert not doc.data or inspect.isclass(manifest.resolve(doc.data)), doc.data
    with pytest.raises(AttributeError):
        manifest.resolve("heatoffice.billing.ledger:no_such_check")


def test_a_steps_paths_name_functions_of_the_database():
    steps = registry.extra_schema_steps()
    # seeds after every table
    names = [s.__name__ for s in steps]
    assert names[-3:] == ["seed_organisation", "seed_rules", "seed_checklists"]  # seeds last
    assert sorted(names[:-3]) == ["create_index", "extra_schema", "extra_schema",
                                  "extra_schema", "guard", "guard", "guard", "guard",
                                  "guard_history", "hashes_unsampled", "install"]


def test_permissions_name_glossary_actions_and_roles_once():
    grants = manifest.grants()  # two areas granting one action would raise here
    assert set(grants) == set(glossary.codes("permission"))
    for action, roles in grants.items():
        assert roles and set(roles) <= set(glossary.codes("role")), action
        assert len(set(roles)) == len(roles), action


def test_pages_need_known_actions_and_have_places():
    specs = manifest.pages()
    assert [p.key for p in specs] == ["home", "accounts", "reception", "hotline", "work_orders",
                                      "service_cases", "service_report", "cashier", "arrears",
                                      "recheck", "measurements", "closing", "reports",
                                      "adjustments",
                                      "seasons", "org", "imports", "audit", "users", "backups"]
    for page in specs:
        assert page.action in glossary.codes("permission") and page.widget.startswith(
            "heatoffice.ui."), page
    assert len({p.place for p in specs}) == len(specs)


def test_the_command_line_offers_exactly_the_documents_the_areas_declare():
    parser = build_parser()

    def choices(p, *path: str) -> list[str]:
        for name in (*path, None):
            action = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
            if name is None:
                return list(action.choices)
            p = action.choices[name]
        raise AssertionError

    declared = [d.command.split() for d in manifest.documents()]
    for group in ("print", "export"):
        assert choices(parser, group) == [name for g, name in declared if g == group]
    for group, name in declared:
        assert name in choices(parser, group)


# Versions declared on a branch not merged yet (3: the payments' reference); the lead
# renumbers at merge and empties this.
PENDING_VERSIONS = {3}


def test_migrations_run_one_after_another_from_version_two():
    assert sorted(migrations.MIGRATIONS) == list(range(2, migrations.LATEST + 1))
    # 7: the hash chain, 8: the service desk, 9: its cases, 10: the dashboard's snapshots,
    # 11: no statistics on the chain's hashes, 12: the search grams in byte order
    assert migrations.LATEST == 12


def test_two_areas_cannot_claim_one_thing(monkeypatch):
    twin = Area(name="twin", permissions={"accounts.view": manifest.EVERYONE},
                audited={"payments.take": ()})
    both = [*manifest.areas(), twin]
    monkeypatch.setattr(manifest, "areas", lambda: both)
    with pytest.raises(ValueError, match="accounts.view"):
        manifest.grants()
    with pytest.raises(ValueError, match="payments.take"):
        manifest.audited()


def test_reading_the_manifests_imports_nothing_of_the_areas():
    """Any layer may read them: no Qt, no peewee, no area module but its area.py."""
    code = ("import json, sys\nfrom heatoffice import manifest\n"
            "manifest.areas(); manifest.pages(); manifest.grants(); manifest.audited()\n"
            "print(json.dumps(sorted(sys.modules)))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                                       capture_output=True, text=True).stdout)
    allowed = {"heatoffice", "heatoffice.manifest", *manifest.AREAS,
               *(f"{p}.area" for p in manifest.AREAS)}
    others = [m for m in loaded if m.startswith("heatoffice") and m not in allowed]
    assert others and all(m.startswith("heatoffice.glossary") for m in others), others
    assert [m for m in loaded if m.split(".")[0] in ("PySide6", "peewee")] == []
