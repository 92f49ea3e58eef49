"""Every domain term the code uses has a Chinese and an English name in the one glossary, and
the glossary's one language setting drives messages and labels."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import heatoffice
from heatoffice import glossary, messages, validation
from heatoffice.accounts import models as accounts_models
from heatoffice.audit import display
from heatoffice.auth import permissions
from heatoffice.billing import adjustments, calc, metering
from heatoffice.billing import models as billing_models
from heatoffice.db import registry
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.imports import kinds as import_kinds
from heatoffice.org import service as org_service

ROOT = Path(heatoffice.__file__).resolve().parent


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(ROOT.rglob("*.py"))]


TREES = _trees()


@pytest.fixture(autouse=True)
def chinese():
    glossary.set_language("zh")
    yield
    glossary.set_language("zh")


# ---- the glossary itself -------------------------------------------------------------------

def test_every_term_has_a_chinese_and_an_english_name():
    assert len(glossary.GROUPS) >= 20
    for group, table in glossary.GROUPS.items():
        for code, pair in table.items():
            assert len(pair) == 2, (group, code)
            zh, en = pair
            assert zh.strip() and en.strip(), (group, code)
            assert zh != en or not any("\u4e00" <= ch <= "\u9fff" for ch in zh), (group, code)


def test_reserved_groups_for_the_areas_to_come():
    # the service desk's call categories are the command line's category words
    assert glossary.codes("call_category") == (
        "no-heat", "low-temperature", "leak-major", "leak-minor", "noise", "billing",
        "consultation", "complaint", "other")
    # reception's types are the command line's TYPE words
    assert glossary.codes("application_type") == (
        "new-connection", "stop", "resume", "transfer", "area-change", "category-change",
        "close", "other")


def test_label_lookups():
    assert glossary.label("payment_method", "cash") == "现金"
    assert glossary.label("payment_method", "cash", "en") == "cash"
    assert glossary.label("payment_method", "barter") == "barter"  # a code from a newer program
    with pytest.raises(KeyError):
        glossary.label("payment_methods", "cash")  # a group name mistyped is a bug
    with pytest.raises(ValueError):
        glossary.label("payment_method", "cash", "fr")
    assert glossary.codes("account_status")[:2] == ("pending", "heating")
    assert list(glossary.labels("arrears_age", "en").values()) == [
        "this season", "one season back", "older", "not yet due"]
    assert glossary.pick("合计", "Total", "en") == "Total"


def test_the_glossary_imports_nothing_from_the_areas():
    for path, tree in TREES:
        if "glossary" not in path.relative_to(ROOT).parts[:1]:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("heatoffice"):
                assert node.module.startswith("heatoffice.glossary"), (path, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("heatoffice") for a in node.names), path


def test_errors_import_no_area():
    tree = ast.parse((ROOT / "errors.py").read_text(encoding="utf-8"))
    imported = {a.name if isinstance(n, ast.Import) else f"{n.module}.{a.name}"
                for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                for a in n.names}
    assert {m for m in imported if m.startswith("heatoffice")} <= {
        "heatoffice.glossary", "heatoffice.messages.render"}


# ---- permission and audit actions, scanned from the source ---------------------------------

def _literals(node: ast.AST, values: dict[str, list[str]]) -> list[str]:
    """The strings an argument can be: a literal, either branch of an ``a if c else b``, an
    expression whose values are given, and an f-string with each value of its placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if ast.unparse(node) in values:
        return values[ast.unparse(node)]
    if isinstance(node, ast.IfExp):
        return _literals(node.body, values) + _literals(node.orelse, values)
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                out = [o + part.value for o in out]
            else:
                key = ast.unparse(part.value)
                assert key in values, f"cannot expand {{{key}}} at line {node.lineno}"
                out = [o + v for o in out for v in values[key]]
        return out
    return []


def _calls(name: str, position: int, values: dict[str, list[str]] | None = None,
           owner: str | None = None) -> set[str]:
    """Every string passed as argument ``position`` to a function called ``name`` (as an
    attribute of a module called ``owner`` when given)."""
    found: set[str] = set()
    for _, tree in TREES:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) <= position:
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if owner is not None and getattr(getattr(func, "value", None), "id", "") != owner:
                continue
            if called == name:
                found.update(_literals(node.args[position], values or {}))
    return found


# org.service audits "org.add_{kind.table}" for each kind of record it keeps.
ORG_KINDS = {"kind.table": [k.table for k in vars(org_service).values()
                            if isinstance(k, org_service._Kind)],
             # imports.service audits "imports.{kind.name}" for each kind of import
             "kind.name": list(import_kinds.KINDS),
             "result.kind.name": list(import_kinds.KINDS)}


def test_every_permission_action_is_named():
    assert dict(permissions.ACTIONS) == dict(glossary.names("permission"))
    assert set(permissions.ROLES) == set(permissions.ROLE_PERMISSIONS) == set(
        glossary.codes("role"))
    for granted in permissions.ROLE_PERMISSIONS.values():
        assert granted <= set(glossary.codes("permission"))
    checked = _calls("require", 1) | _calls("can", 1)
    assert {"payments.take", "audit.view", "recheck.record"} <= checked  # the scan works
    assert sorted(checked - set(glossary.codes("permission"))) == []


def test_every_audit_action_and_record_kind_is_named():
    assert sorted(ORG_KINDS["kind.table"]) == ["department", "post", "staff"]
    # audit.statement: an audit row sent in a batch with the other writes (payments)
    # org.assignments._end(actor, model, id, end_date, table, ended, action) closes dated rows
    actions = (_calls("record", 1, ORG_KINDS) | _calls("save_audited", 1, ORG_KINDS)
               | _calls("statement", 1, owner="audit") | _calls("_end", 6))
    # A migration writes its audit row in plain SQL (it may not use the models).
    migration = (ROOT / "db" / "schema_v2.py").read_text(encoding="utf-8")
    assert '"schema.migrate"' in migration
    actions |= {"schema.migrate"}
    assert {"payments.take", "auth.locked", "auth.login_failed", "org.add_staff",
            "org.end_assignment", "imports.payments"} <= actions  # literals, branches, f-strings
    assert sorted(actions - set(glossary.codes("audit_action"))) == []
    assert sorted(set(glossary.codes("audit_action")) - actions) == []  # none left over
    tables = (_calls("record", 2, ORG_KINDS) | _calls("save_audited", 2, ORG_KINDS)
              | _calls("statement", 2, owner="audit") | _calls("_end", 4))
    assert {"payment", "user", "staff"} <= tables
    assert sorted(tables - set(glossary.codes("audit_table"))) == []


def test_every_field_of_an_audited_record_is_named():
    # schema_version is the migrations' own table, backup a file (heatoffice.db.backup) and an
    # import's row names the file imported (by its digest), a report export the file written:
    # none of them is a model.
    audited = set(glossary.codes("audit_table")) - {"schema_version", "backup", "import",
                                                    "report"}
    models = [m for m in registry.all_models() if m._meta.table_name in audited]
    assert {m._meta.table_name for m in models} == audited
    missing = sorted(f"{m._meta.table_name}.{f}" for m in models for f in m._meta.fields
                     if not glossary.has("field", f) and f != "password_hash")
    assert missing == []
    for (table, _), group in display.VALUE_GROUPS.items():
        assert table in audited and group in glossary.GROUPS


# ---- the values of the models -------------------------------------------------------------

# Model attribute -> the glossary group of its stored codes.
MODEL_VALUES = {
    ("Account", "category"): "account_category",
    ("Account", "status"): "account_status",
    ("AccountStatusChange", "from_status"): "account_status",
    ("AccountStatusChange", "to_status"): "account_status",
    ("Tariff", "category"): "account_category",
    ("Tariff", "settlement"): "tariff_settlement",
    ("Bill", "kind"): "bill_kind",
    ("BillLine", "kind"): "bill_line_kind",
    ("Payment", "method"): "payment_method",
    ("Adjustment", "kind"): "adjustment_kind",
    ("Adjustment", "status"): "adjustment_status",
    ("Adjustment", "source"): "adjustment_source",
    ("DunningContact", "method"): "dunning_method",
    ("Recheck", "result"): "recheck_result",
    ("Recheck", "follow_up"): "recheck_follow_up",
    ("Recheck", "billed_status"): "account_status",
    ("Recheck", "status_found"): "account_status",
    ("RemeasureRequest", "status"): "remeasure_status",
    ("User", "role"): "role",
    ("Application", "type"): "application_type",
    ("Application", "state"): "application_state",
    ("Application", "relation"): "applicant_relation",
    ("ApplicationStep", "from_state"): "application_state",
    ("ApplicationStep", "to_state"): "application_state",
    ("ApplicationDocument", "form"): "document_form",
    ("ApplicationDocument", "disposition"): "document_disposition",
    ("ChecklistItem", "type"): "application_type",
}


def _model_literals() -> dict[tuple[str, str], set[str]]:
    """Codes written in the source for a model attribute: ``Model.attr == "x"``,
    ``Model.attr.in_(("x", ...))``, ``Model.create(attr="x")`` and a helper given the model
    first (``_insert(Model, attr="x")``)."""
    found: dict[tuple[str, str], set[str]] = {}

    def add(key: tuple[str, str], node: ast.AST) -> None:
        if key in MODEL_VALUES:
            items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
            for item in items:
                found.setdefault(key, set()).update(_literals(item, {}))

    for _, tree in TREES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) \
                    and isinstance(node.left.value, ast.Name):
                for comparator in node.comparators:
                    add((node.left.value.id, node.left.attr), comparator)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value
                if node.func.attr == "in_" and isinstance(target, ast.Attribute) \
                        and isinstance(target.value, ast.Name) and node.args:
                    add((target.value.id, target.attr), node.args[0])
                elif node.func.attr == "create" and isinstance(target, ast.Name):
                    for kw in node.keywords:
                        if kw.arg:
                            add((target.id, kw.arg), kw.value)
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name):
                for kw in node.keywords:
                    if kw.arg:
                        add((node.args[0].id, kw.arg), kw.value)
    return found


def test_every_model_value_is_named():
    by_name = {m.__name__: m for m in registry.all_models()}
    for (model, attr), group in MODEL_VALUES.items():
        default = by_name[model]._meta.fields[attr].default
        if isinstance(default, str) and default:
            assert glossary.has(group, default), (model, attr, default)
    literals = _model_literals()
    assert "rule" in literals[("Adjustment", "source")]  # the scan works
    assert "connection" in literals[("Bill", "kind")]
    for key, codes in literals.items():
        assert sorted(codes - set(glossary.codes(MODEL_VALUES[key])) - {""}) == [], key


def test_the_areas_read_their_allowed_values_from_the_glossary():
    assert dict(accounts_models.CATEGORIES) == dict(glossary.names("account_category"))
    assert dict(accounts_models.STATUSES) == dict(glossary.names("account_status"))
    for start, targets in accounts_models.STATUS_TRANSITIONS.items():
        assert {start, *targets} <= set(glossary.codes("account_status"))
    for start, targets in billing_models.ADJUSTMENT_TRANSITIONS.items():
        assert {start, *targets} <= set(glossary.codes("adjustment_status"))
    assert set(calc.BILLABLE) == set(glossary.codes("account_status"))
    assert {k for k in calc.BILLABLE.values() if k} <= set(glossary.codes("bill_line_kind"))
    assert set(adjustments.SOURCES) < set(glossary.codes("adjustment_source"))
    assert adjustments.RULE_KINDS <= set(glossary.codes("adjustment_kind"))
    assert metering.KIND in glossary.codes("adjustment_kind")


def test_only_the_glossary_chooses_between_the_languages():
    """No ``0 if lang == "zh" else 1`` or ``"：" if zh else ":"`` outside the glossary: a text
    in two languages is glossary.pick(zh, en), a term is glossary.label(group, code). The UI's
    i18n module may ask which Qt translators to install."""
    allowed = {ROOT / "glossary" / "__init__.py", ROOT / "ui" / "i18n.py"}
    found = []
    for path, tree in TREES:
        if path in allowed:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                    isinstance(x, ast.Constant) and x.value in glossary.LANGUAGES
                    for x in (node.left, *node.comparators)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


# ---- one language ---------------------------------------------------------------------------

def test_one_setting_switches_messages_and_labels():
    glossary.set_language("en")
    assert messages.language() == "en"
    assert glossary.label("account_status", "stopped") == "stopped"
    assert UserError("auth.bad_login").message() == "wrong user name or password"
    messages.set_language("zh")  # the old entry point sets the same one setting
    assert glossary.current_language() == "zh"
    assert glossary.label("account_status", "stopped") == "报停"
    assert UserError("auth.bad_login").message() == "用户名或密码错误"


def test_terms_in_a_message_follow_the_message_language():
    err = UserError("accounts.bad_transition", from_label=glossary.term("account_status", "closed"),
                    to_label=glossary.term("account_status", "heating"))
    assert "销户" in err.message("zh") and "供热" in err.message("zh")
    assert "closed" in err.message("en") and "heating" in err.message("en")
    denied = PermissionDenied("payments.take")
    assert "收费开票" in denied.message("zh") and "take payments" in denied.message("en")
    assert denied.action == "payments.take"


def test_choice_errors_list_the_names_in_the_message_language():
    with pytest.raises(UserError) as info:
        validation.choice("farm", glossary.names("account_category"), field="category")
    assert info.value.params["choices"] == "居民、单位、商业"  # made while Chinese was set
    assert "residential、institution、business" in info.value.message("en")
    assert "category" in info.value.message("en")
