"""One helper that refuses a state change the record's transition table does not allow."""

from __future__ import annotations

from collections.abc import Mapping

from heatoffice.errors import UserError


def check(table: Mapping[str, frozenset[str]], labels: Mapping[str, tuple[str, str]],
          current: str, target: str, code: str) -> None:
    if target not in table:
        raise UserError("validation.choice", field="status", value=target,
                        choices="、".join(table))
    if target not in table.get(current, frozenset()):
        raise UserError(code, from_label=labels.get(current, (current,))[0],
                        to_label=labels.get(target, (target,))[0])
