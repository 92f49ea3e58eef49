"""The tables of every area in creation order, the SQL peewee cannot declare, and the seed rows:
read from the areas' manifests (heatoffice.manifest)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from peewee import Database, Model

from heatoffice import manifest


def model_modules() -> list[str]:
    """The modules holding tables, in creation order: a table comes after the tables its
    foreign keys point at (the order of AREAS, then each area's own)."""
    return manifest.model_modules()


def all_models() -> list[type[Model]]:
    models: list[type[Model]] = []
    for name in model_modules():
        models.extend(importlib.import_module(name).MODELS)
    return models


def seeds() -> list[str]:
    """Rows every new database starts with, as "module:function"."""
    return manifest.seeds()


def extra_schema_steps() -> list[Callable[[Database], object]]:
    """Functions that add what peewee cannot declare (full-text tables, guard triggers),
    then the seeds: they run after every table and step (the organisation seed writes audit
    rows)."""
    return [manifest.resolve(path) for path in (*manifest.schema_steps(), *seeds())]
