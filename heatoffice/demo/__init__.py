"""Demo data for an empty database: the city (``build``) and this winter's fee ledger."""

from heatoffice.demo.city import MAX_ACCOUNTS, PASSWORD, build, check_fillable, mark_demo
from heatoffice.demo.ledger import build_ledger, season_years

__all__ = ["MAX_ACCOUNTS", "PASSWORD", "build", "build_ledger", "check_fillable", "mark_demo",
           "season_years"]
