"""Tables of complaints, inspections and room-temperature checks (parts 4-6 of issue 11); the
cases branch fills this module (``MODELS`` in creation order)."""

from __future__ import annotations

MODELS: list[type] = []
