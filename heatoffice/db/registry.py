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


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in MODEL_MODULES]


def all_models() -> list[type[Model]]:
    models: list[type[Model]] = []
    for module in _modules():
        models.extend(module.MODELS)
    return models


def extra_schema_steps() -> list[Callable[[Database], None]]:
    """Functions that add what peewee cannot declare (full-text tables, guard triggers)."""
    return [m.extra_schema for m in _modules() if hasattr(m, "extra_schema")]
