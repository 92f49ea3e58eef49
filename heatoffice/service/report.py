"""The service report of a period: ``queries.service_report`` under the name the documents
and the command line know (the calls' and work orders' sheets, then the cases')."""

from __future__ import annotations

from heatoffice.service.queries import service_report

__all__ = ["service_report"]
