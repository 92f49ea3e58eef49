"""The measurement sheet (测量记录表) and register rows as frozen data: codes, dates, Decimals."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SheetPart:
    name: str
    kind: str  # a measurement_part_kind code
    length: Decimal | None
    width: Decimal | None
    area: Decimal         # length × width, or measured directly (exact, not rounded)
    share: Decimal        # the kind's share under the measurement's rule version
    counted: Decimal      # area × share (exact)


@dataclass(frozen=True)
class Step:
    from_state: str | None
    to_state: str
    at: _dt.datetime
    by: str
    reason: str


@dataclass(frozen=True)
class MeasurementSheet:
    """A measurement record, or a blank sheet for the field visit (``number`` "", no parts)."""

    number: str
    account_no: str
    name: str
    address: str
    community: str
    area_on_record: Decimal  # the area before the measurement (now, on a blank sheet)
    measured_on: _dt.date | None = None
    reason: str = ""
    state: str = ""
    rule_version: int | None = None
    shares: tuple[tuple[str, Decimal], ...] = ()  # (kind, share) of the rule version
    ceiling_base: Decimal | None = None
    coefficient: Decimal | None = None
    basis: str = "parts"
    usable_area: Decimal | None = None
    ceiling_height: Decimal | None = None
    parts: tuple[SheetPart, ...] = ()
    area: Decimal | None = None
    difference: Decimal | None = None
    measurers: tuple[tuple[str, str], ...] = ()  # (username, measurer_side code)
    customer_present: bool = False
    customer_signed: bool = False
    notes: str = ""
    steps: tuple[Step, ...] = ()
    effective_on: _dt.date | None = None
    adjustment_amount: Decimal | None = None  # the proposed adjustment once applied
    adjustment_status: str = ""
    request_id: int | None = None
    checks: str = ""  # the number of the measurement this one re-measures
    application: str = ""  # the reception application that asked for it (SL-2026-000123)

    @property
    def blank(self) -> bool:
        return not self.number


@dataclass(frozen=True)
class RegisterRow:
    """One measurement of the register (测量登记表)."""

    number: str
    measured_on: _dt.date
    community: str
    account_no: str
    name: str
    address: str
    reason: str
    state: str
    area_before: Decimal
    area: Decimal
    difference: Decimal
    measurers: str
    effective_on: _dt.date | None
    adjustment_amount: Decimal | None
    application: str = ""  # the reception application that asked for it
