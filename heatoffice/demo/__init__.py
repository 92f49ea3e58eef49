"""Demo data for an empty database: the city (``build``), this winter's fee ledger
(``build_ledger``) and the service desk's calls, work orders and cases
(``build_service_desk``)."""

from heatoffice.demo.city import MAX_ACCOUNTS, PASSWORD, build, check_fillable, mark_demo
from heatoffice.demo.ledger import build_ledger, season_years
from heatoffice.demo.service_desk import build_service_desk

__all__ = ["MAX_ACCOUNTS", "PASSWORD", "build", "build_ledger", "build_service_desk",
           "check_fillable", "mark_demo", "season_years"]
