"""The cases' invariants for ``heatoffice check``: complaint and inspection numbers gap-free,
nothing closed without its outcome (五不放过), every refund and stolen-heat follow-up pointing
at its adjustment."""

from __future__ import annotations

from typing import Any

from peewee import fn

from heatoffice.billing.models import Adjustment
from heatoffice.service import complaints, inspections
from heatoffice.service.case_models import (
    Complaint,
    Inspection,
    InspectionFollowUp,
    TempRefund,
)
from heatoffice.service.models import ServiceCounter


def gap_free(model: Any, prefix: str) -> list[str]:
    """The years whose numbers of ``prefix`` have a gap or run past their counter."""
    problems = []
    for year, count, top in (model.select(model.year, fn.COUNT(model.id), fn.MAX(model.seq))
                             .group_by(model.year).tuples()):
        counter = ServiceCounter.get_or_none((ServiceCounter.prefix == prefix)
                                             & (ServiceCounter.year == year))
        if count != top or counter is None or counter.last_seq != top:
            problems.append(f"{prefix} {year}: {count} numbers, last {top}")
    return problems


def check_cases() -> tuple[bool, str] | None:
    """None before the tables exist."""
    if not Inspection.table_exists():
        return None
    problems = (gap_free(Complaint, complaints.PREFIX)
                + gap_free(Inspection, inspections.PREFIX))
    followed = InspectionFollowUp.select(InspectionFollowUp.inspection)
    bad = Inspection.select(Inspection.number).where(
        (Inspection.state == "closed")
        & ((Inspection.inspector == "") | (Inspection.conclusion == "")
           | ((Inspection.conclusion != "normal") & Inspection.id.not_in(followed))))
    problems += [f"{no}: closed without an owner and an outcome"
                 for (no,) in bad.limit(5).tuples()]
    unanswered = Complaint.select(Complaint.number).where(
        (Complaint.state == "closed") & (Complaint.channel == "letter")
        & Complaint.replied_at.is_null())
    problems += [f"{no}: a written complaint closed without its reply"
                 for (no,) in unanswered.limit(5).tuples()]
    for model in (InspectionFollowUp, TempRefund):
        lost = model.select(fn.COUNT(model.id)).where(
            model.adjustment_id.is_null(False)
            & model.adjustment_id.not_in(Adjustment.select(Adjustment.id))).scalar()
        if lost:
            problems.append(f"{model._meta.table_name}: {lost} without their adjustment")
    if problems:
        return False, "; ".join(problems)
    return True, (f"{Complaint.select().count()} complaints, "
                  f"{Inspection.select().count()} inspections in order")
