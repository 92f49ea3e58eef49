"""Who may mint an identity, by the source: an actor is made from a login user (auth), the
program's own actor only inside ``system_work`` for its listed jobs, and an approved
application's rights only in reception's effects. The runtime side (every call reads the
user again) is tests/db/test_identities.py."""

from __future__ import annotations

import ast
from pathlib import Path

import heatoffice
from heatoffice.auth.identity import SYSTEM_WORK

ROOT = Path(heatoffice.__file__).parent

# what is called -> the modules allowed to call it (paths under heatoffice/)
ALLOWED = {
    # auth.service.actor_for (a login user's actor) and login's record of who tried
    "Actor": {"auth/actor.py", "auth/service.py"},
    "_system": {"auth/identity.py"},
    # init (the first admin, init's backup record), the seed, a new database marked a demo
    "system_work": {"auth/service.py", "org/seed.py", "cli/setup.py"},
    "elevated": {"reception/effects.py"},
}
# keywords that would turn one actor into another
IDENTITY_KEYWORDS = {"user_id", "username", "role", "login_role", "_key"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _calls() -> list[tuple[str, str, ast.Call]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.append((rel, _name(node.func), node))
    return found


def test_identities_are_minted_only_where_allowed():
    wrong = [(rel, name, call.lineno) for rel, name, call in _calls()
             if name in ALLOWED and rel not in ALLOWED[name]]
    assert wrong == []


def test_no_actor_is_copied_with_another_identity():
    copied = [(rel, call.lineno) for rel, name, call in _calls() if name == "replace"
              and {k.arg for k in call.keywords} & IDENTITY_KEYWORDS
              and rel != "auth/actor.py"]  # Actor.elevated itself
    assert copied == []


def test_the_system_key_stays_in_the_auth_package():
    users = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")
                   if "_SYSTEM_KEY" in p.read_text(encoding="utf-8"))
    assert users == ["auth/actor.py"]


def test_system_work_names_each_job():
    reasons = set()
    for rel, name, call in _calls():
        if name == "system_work":
            assert call.args and isinstance(call.args[0], ast.Constant), (rel, call.lineno)
            reasons.add(call.args[0].value)
    assert reasons == set(SYSTEM_WORK)
