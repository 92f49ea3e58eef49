"""The service desk's invariants for ``heatoffice check``."""

from __future__ import annotations

from typing import Any

from peewee import fn

from heatoffice.service import numbering
from heatoffice.service.models import Call, ServiceCounter, WorkOrder, WorkOrderStep


def _gap_free(model: Any, prefix: str) -> list[str]:
    problems = []
    for year, count, top in (model.select(model.year, fn.COUNT(model.id), fn.MAX(model.seq))
                             .group_by(model.year).tuples()):
        counter = ServiceCounter.get_or_none((ServiceCounter.prefix == prefix)
                                             & (ServiceCounter.year == year))
        if count != top or counter is None or counter.last_seq != top:
            problems.append(f"{prefix} {year}: {count} numbers, last {top}")
    return problems


def check_work_orders() -> tuple[bool, str] | None:
    """Call and work-order numbers gap-free per year up to their counters; each order's state
    is its last step's; a dispatched order has its dispatch time. None before the tables."""
    if not WorkOrder.table_exists():
        return None
    problems = _gap_free(Call, numbering.CALL) + _gap_free(WorkOrder, numbering.WORK_ORDER)
    last = (WorkOrderStep.select(fn.MAX(WorkOrderStep.id))
            .where(WorkOrderStep.work_order == WorkOrder.id))
    bad = (WorkOrder.select(WorkOrder.number)
           .join(WorkOrderStep, on=(WorkOrderStep.id == last))
           .where(WorkOrderStep.to_state != WorkOrder.state))
    problems += [f"{no}: state differs from its last step" for (no,) in bad.limit(5).tuples()]
    undated = WorkOrder.select(WorkOrder.number).where(
        (WorkOrder.state != "new") & WorkOrder.dispatched_at.is_null())
    problems += [f"{no}: moved on without a dispatch time" for (no,) in undated.limit(5).tuples()]
    if problems:
        return False, "; ".join(problems)
    return True, (f"{Call.select().count()} calls, {WorkOrder.select().count()} work orders "
                  "in order")
