"""The reception area's invariant for ``heatoffice check``."""

from __future__ import annotations

from peewee import fn

from heatoffice.reception.models import Application, ApplicationCounter, ApplicationStep


def check_applications() -> tuple[bool, str] | None:
    """Numbers gap-free per year up to the counter; each application's state is its last
    step's; effects applied for done applications only. None before schema version 4."""
    if not Application.table_exists():
        return None
    problems = []
    for year, count, top in (Application.select(Application.year, fn.COUNT(Application.id),
                                                fn.MAX(Application.seq))
                             .group_by(Application.year).tuples()):
        counter = ApplicationCounter.get_or_none(ApplicationCounter.year == year)
        if count != top or counter is None or counter.last_seq != top:
            problems.append(f"{year}: {count} applications, last number {top}")
    last = (ApplicationStep.select(fn.MAX(ApplicationStep.id))
            .where(ApplicationStep.application == Application.id))
    bad = (Application.select(Application.number).join(
        ApplicationStep, on=(ApplicationStep.id == last))
        .where(ApplicationStep.to_state != Application.state))
    problems += [f"{no}: state differs from its last step" for (no,) in bad.limit(5).tuples()]
    wrong = Application.select(Application.number).where(
        (Application.state == "done") != Application.applied_at.is_null(False))
    problems += [f"{no}: effects applied out of step with its state"
                 for (no,) in wrong.limit(5).tuples()]
    if problems:
        return False, "; ".join(problems)
    return True, f"{Application.select().count()} applications in order"
