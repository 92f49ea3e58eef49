"""Where heatoffice keeps its files: the default database, backups and shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The per-user folder of the embedded database (HEATOFFICE_HOME overrides it)."""
    home = os.environ.get("HEATOFFICE_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "heatoffice"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "heatoffice"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'heatoffice.db'}"


def resources_dir() -> Path:
    """resources/ of a source checkout, or share/heatoffice of an installed copy."""
    here = Path(__file__).resolve().parent.parent / "resources"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "heatoffice"
