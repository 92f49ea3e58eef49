"""What an import kind is, and the registry of kinds (accounts, balances, payments).

A kind says which columns a file of it has (each with the header texts real sheets use),
how its rows are checked and how the good rows are written. The framework
(:mod:`heatoffice.imports.service`) does everything else: reading, finding the header,
mapping the columns, normalising the text, skipping blank, total and repeated-header rows,
the report, the one transaction, the audit row, the rejects file and the template.

A kind's ``check(ctx, rows)`` gets every data row (:class:`Row`) with ``row.raw`` filled
(column key -> the cell's text, normalised by :func:`heatoffice.imports.normalise.text`; ""
when blank or not mapped) and must fill ``row.values`` with what ``write`` needs, and
``row.problem(column, error)`` for each thing wrong (a ``UserError`` whose message names the
field); it also checks the file as a whole (duplicates inside the file, against the database).
It must start from ``row.raw`` (it may run again on the same rows). Inside the import's
transaction the rows are checked again, against the database as it is then: by
``recheck(ctx, rows)`` when the kind has one (it redoes only the checks that read the
database, dropping their earlier problems), else by ``check`` again.
A kind with ``stream`` can be imported while the file is read (the command line's import):
``stream(ctx)`` makes an object whose ``check(rows)`` checks a batch of rows (as ``check``
would, row by row, with the database checks of those rows) and answers whether they and every
row before are good, ``write(rows)`` writes such a batch, and ``finish()`` after the last
batch does the file-wide checks and answers whether the file is still good; at the first
problem the framework stops writing and, at the end, undoes the transaction and imports as
without ``stream``, so that the report and what is written stay the same.
``write(ctx, rows)`` gets the good rows only, runs inside the import's transaction (with the
kind's own audit rows) and returns how many it imported. ``tables`` are analysed afterwards
on PostgreSQL (``db/stats.analyze``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from heatoffice import glossary
from heatoffice.errors import UserError


@dataclass(frozen=True)
class Column:
    """A column of an import file. ``key`` is a code of the glossary's "field" group
    (its label is the column's name); ``aliases`` are the header texts matched, already
    reduced by :func:`heatoffice.imports.normalise.header`; the first is the template's."""

    key: str
    aliases: tuple[str, ...]
    required: bool = False
    example: str = ""  # the template's example cell

    @property
    def title(self) -> str:
        """The template's header text (Chinese: the sheets are)."""
        return self.aliases[0]


@dataclass
class Problem:
    """One thing wrong in a row: the row number as the file shows it, the column's key and
    the file's header text of it, and the error (its message names the field)."""

    row: int
    column: str
    header: str
    error: UserError

    def reason(self, lang: str | None = None) -> str:
        return self.error.message(lang)


@dataclass
class Row:
    """A data row: its number as shown, its original cells, the normalised text of each
    mapped column, the values the kind made of them, and its problems."""

    number: int
    cells: list[Any]
    raw: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # column key -> the file's header

    def problem(self, column: str, error: UserError) -> None:
        self.problems.append(Problem(self.number, column, self.headers.get(column) or
                                     glossary.label("field", column), error))

    @property
    def ok(self) -> bool:
        return not self.problems


Progress = Callable[[int, int | None], Any]


@dataclass
class Context:
    """What a kind's check and write are given besides the rows."""

    actor: Any  # heatoffice.auth.actor.Actor
    kind: Kind
    file: str  # the file's name (not its path), for notes
    digest: str  # sha256
    source: str = ""  # --source: the bank or collection service (payments)
    create_communities: bool = False
    progress: Progress | None = None
    # the kind's own findings for the preview (new communities the file names, totals …)
    notes: dict[str, Any] = field(default_factory=dict)

    def report(self, done: int, total: int | None) -> None:
        """Tell the caller's progress; a False answer (Cancel) stops the import."""
        if self.progress is not None and self.progress(done, total) is False:
            raise UserError("cancelled")


Check = Callable[[Context, list[Row]], None]
Write = Callable[[Context, list[Row]], int]


@dataclass(frozen=True)
class Kind:
    name: str  # "accounts", "balances", "payments"
    permission: str  # required to preview and import
    columns: tuple[Column, ...]
    check: Check | None = None  # None: the kind is not available yet
    write: Write | None = None
    recheck: Check | None = None  # the database checks alone, again (see above)
    stream: Callable[[Context], Any] | None = None  # checks and writes batch by batch
    notes: tuple[tuple[str, str], ...] = ()  # the template's notes, (zh, en)
    tables: tuple[Any, ...] = ()  # analysed after the write (models or table names)

    @property
    def available(self) -> bool:
        return self.check is not None and self.write is not None

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


# The kinds, in the order they are offered: name -> "module:NAME" of its Kind. A kind is
# plugged in by one line here and its module (heatoffice/imports/<kind>.py: KIND = Kind(...)).
KINDS: dict[str, str] = {
    "accounts": "heatoffice.imports.accounts:KIND",
    "balances": "heatoffice.imports.balances:KIND",
    "payments": "heatoffice.imports.payments:KIND",
}


def names() -> tuple[str, ...]:
    return tuple(KINDS)


def get(name: str) -> Kind:
    """The kind called ``name``; UserError for a name that is none."""
    path = KINDS.get(name)
    if path is None:
        raise UserError("imports.unknown_kind", field="import_kind", value=name,
                        kinds="、".join(KINDS))
    module, _, attr = path.partition(":")
    kind = getattr(importlib.import_module(module), attr)
    if not isinstance(kind, Kind):
        raise TypeError(f"{path} is not a Kind")
    return kind
