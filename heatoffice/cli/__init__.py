"""The ``heatoffice`` command: open the desktop app, or set up, check and export from a shell."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from heatoffice import __version__
from heatoffice.cli import accounts, billing, billing_documents, common, seasons, setup
from heatoffice.cli.common import CommandModule, Commands, t

# The command modules, in the order `heatoffice --help` lists their commands (a module that
# first adds to `print` or `export` places that group). Each area will name its own modules in
# its manifest; until then this tuple is the one place that lists them.
COMMAND_MODULES: tuple[CommandModule, ...] = (setup, accounts, seasons, billing,
                                              billing_documents)


def build_parser(modules: Iterable[CommandModule] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser of the whole command line: the global options, then each module's commands."""
    p = argparse.ArgumentParser(prog="heatoffice", description=t("description"),
                                epilog=t("epilog"), formatter_class=common.Formatter)
    p.add_argument("--db", metavar="URL", default=None, help=t("db"))
    p.add_argument("--user", metavar="NAME", default=None, help=t("user"))
    p.add_argument("--lang", choices=("zh", "en"), default=common.lang(), help=t("lang"))
    p.add_argument("--demo", action="store_true",
                   help=t("demo_flag", password=setup.DEMO_ADMIN_PASSWORD))
    p.add_argument("--admin-password", dest="demo_admin_password", metavar="PW",
                   default=None, help=t("demo_admin"))
    p.add_argument("--version", action="version", version=f"heatoffice {__version__}")
    p.set_defaults(func=setup.cmd_app)  # no command: the desktop app
    commands = Commands(p.add_subparsers(title=t("commands"), metavar="COMMAND"))
    for module in modules:
        module.register(commands)
    return p


def main(argv: Sequence[str] | None = None,
         modules: Iterable[CommandModule] = COMMAND_MODULES) -> int:
    """Run one command; returns the exit status (0 done, 1 user error, 2 usage)."""
    chosen = tuple(modules)
    return common.run(list(sys.argv[1:] if argv is None else argv),
                      lambda: build_parser(chosen))


__all__ = ["COMMAND_MODULES", "build_parser", "main"]
