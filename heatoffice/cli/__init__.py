"""The ``heatoffice`` command: open the desktop app, or set up, check and export from a shell."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import cast

from heatoffice import __version__, glossary, manifest
from heatoffice.cli import common, setup
from heatoffice.cli.common import CommandModule, Commands, t


def command_modules() -> tuple[CommandModule, ...]:
    """The command modules the areas' manifests name, in the order `heatoffice --help` lists
    their commands (a module that first adds to `print` or `export` places that group)."""
    return tuple(cast(CommandModule, importlib.import_module(name))
                 for name in manifest.command_modules())


def build_parser(modules: Iterable[CommandModule] | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line: the global options, then the commands of
    ``modules`` (default: every area's)."""
    p = argparse.ArgumentParser(prog="heatoffice", description=t("description"),
                                epilog=t("epilog"), formatter_class=common.Formatter)
    p.add_argument("--db", metavar="URL", default=None, help=t("db"))
    p.add_argument("--user", metavar="NAME", default=None, help=t("user"))
    p.add_argument("--lang", choices=glossary.LANGUAGES, default=None, help=t("lang"))
    p.add_argument("--demo", action="store_true",
                   help=t("demo_flag", password=setup.DEMO_ADMIN_PASSWORD))
    p.add_argument("--admin-password", dest="demo_admin_password", metavar="PW",
                   default=None, help=t("demo_admin"))
    p.add_argument("--version", action="version", version=f"heatoffice {__version__}",
                   help=t("version"))
    p.set_defaults(func=setup.cmd_app)  # no command: the desktop app
    commands = Commands(p.add_subparsers(title=t("commands"), metavar="COMMAND"))
    for module in command_modules() if modules is None else modules:
        module.register(commands)
    return p


def main(argv: Sequence[str] | None = None,
         modules: Iterable[CommandModule] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 user error, 2 usage)."""
    chosen = None if modules is None else tuple(modules)
    return common.run(list(sys.argv[1:] if argv is None else argv),
                      lambda: build_parser(chosen))


__all__ = ["build_parser", "command_modules", "main"]
