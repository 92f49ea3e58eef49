"""The words a document prints for the codes in an area's data (Chinese unless asked)."""

from __future__ import annotations


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "zh") -> str:
    """The name of ``code`` in a (zh, en) table; an unknown code prints as itself."""
    pair = table.get(code)
    return code if pair is None else pair[0 if lang == "zh" else 1]
