"""What a write changed: the audit actions it ran, sorted into the kinds of data pages show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import heatoffice
from heatoffice import changes, glossary
from heatoffice.changes import Changes

ROOT = Path(heatoffice.__file__).resolve().parent


def _audited_actions() -> set[str]:
    """The action of every audit.record (or batched audit.statement) call in the source; an
    f-string stands for the glossary's audit actions that start with its text up to the
    first {."""
    pattern = re.compile(r"audit\.(?:record|statement)\(\s*\w+,\s*(f?)\"([a-z_.]+)")
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for f, text in pattern.findall(path.read_text(encoding="utf-8")):
            found.update([a for a in glossary.codes("audit_action") if a.startswith(text)]
                         if f else [text])
    return found


def test_every_audited_action_is_classified():
    actions = _audited_actions()
    # the scan itself works, f-strings too (org.add_{kind.table})
    assert {"payments.take", "day.close", "org.add_staff", "org.add_post"} <= actions
    assert sorted(a for a in actions if not changes.is_classified(a)) == []


def test_the_areas_classify_exactly_the_audit_actions_of_the_glossary():
    # each area lists its audit actions in its manifest; the glossary names every one
    assert set(changes.AUDITED) == set(glossary.codes("audit_action"))
    assert set(changes.KINDS) == {"accounts", "ledger", "payments", "adjustments", "closing",
                                  "seasons", "dunning", "rechecks", "org", "users",
                                  "applications", "measurements", "backups", "calls",
                                      "work_orders", "complaints", "inspections",
                                      "tempchecks"}


def test_kinds_of_an_action():
    assert changes.kinds_of("payments.take") == {"ledger", "payments"}
    assert changes.kinds_of("adjustments.propose") == {"adjustments"}
    assert changes.kinds_of("adjustments.approve") == {"adjustments", "ledger"}
    assert changes.kinds_of("org.add_staff") == {"org"}
    assert changes.kinds_of("auth.login") == frozenset()
    assert changes.is_classified("auth.login") and not changes.is_classified("new.thing")


def test_tracking_collects_the_notes_of_the_block():
    changes.note("payments.take", "payment", 1)  # outside any block: nobody listens
    with changes.tracking() as outer:
        changes.note("payments.take", "payment", 7)
        with changes.tracking() as inner:
            changes.note("day.close", "day_close", 3)
        assert inner.changes == Changes(frozenset({"day.close"}),
                                        frozenset({("day_close", "3")}))
    got = outer.changes
    assert got.actions == {"payments.take", "day.close"}
    assert got.ids("payment") == {"7"} and got.ids("day_close") == {"3"}
    assert got.touches("closing") and got.touches("accounts", "payments")
    assert not got.touches("org")
    with pytest.raises(KeyError):
        got.touches("payment")  # a typo is a bug, not a page that never refreshes


def test_changes_combine_and_are_false_when_empty():
    a = Changes(frozenset({"org.assign"}), frozenset({("assignment", "1")}))
    b = Changes(frozenset({"seasons.add"}))
    assert not Changes() and a and (a | b).kinds == {"org", "seasons"}


def test_tracked_returns_the_result_with_its_changes():
    def write(x):
        changes.note("dunning.record", "dunning_contact", x)
        return x * 2

    result, what = changes.tracked(write, 21)
    assert result == 42 and what.touches("dunning") and what.ids("dunning_contact") == {"21"}
