"""One helper that refuses a state change the record's transition table does not allow."""

from __future__ import annotations

from collections.abc import Mapping

from heatoffice import glossary
from heatoffice.errors import UserError


def check(table: Mapping[str, frozenset[str]], group: str, current: str, target: str,
          code: str) -> None:
    """Refuse ``current`` -> ``target`` unless ``table`` allows it; ``group`` names the states
    in the glossary."""
    if target not in table:
        raise UserError("validation.choice", field="status", value=target,
                        choices="、".join(table))
    if target not in table.get(current, frozenset()):
        raise UserError(code, from_label=glossary.term(group, current),
                        to_label=glossary.term(group, target))
