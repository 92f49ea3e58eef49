"""Which modules hold tables, in creation order; each may add SQL of its own (FTS, triggers)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from peewee import Database, Model

# Order matters: a table comes after the tables its foreign keys point at.
MODEL_MODULES = [
    "heatoffice.config",
    "heatoffice.accounts.models",
    "heatoffice.org.models",
    "heatoffice.auth.models",
    "heatoffice.audit.models",
    "heatoffice.seasons.models",
    "heatoffice.billing.models",
]

# Rows every new database starts with, as "module:function". They run after every table and
# extra schema step: the organisation seed writes audit rows, and its module imports the
# models (a models module that imported its seed would make a circle).
SEEDS = [
    "heatoffice.org.seed:seed_organisation",
]


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in MODEL_MODULES]


def all_models() -> list[type[Model]]:
    models: list[type[Model]] = []
    for module in _modules():
        models.extend(module.MODELS)
    return models


def extra_schema_steps() -> list[Callable[[Database], object]]:
    """Functions that add what peewee cannot declare (full-text tables, guard triggers),
    then the seeds."""
    steps: list[Callable[[Database], object]] = [
        m.extra_schema for m in _modules() if hasattr(m, "extra_schema")]
    for seed in SEEDS:
        module, _, name = seed.partition(":")
        steps.append(getattr(importlib.import_module(module), name))
    return steps
