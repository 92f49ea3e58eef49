"""Masking of personal data (ID numbers, phones) for users whose role may not see it."""

from __future__ import annotations


def mask_id_number(value: str) -> str:
    """110105********002X: region and last four stay, the birth date is hidden."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last four digits."""
    if not value:
        return ""
    digits = sum(c.isdigit() for c in value)
    if digits <= 4:
        return value
    keep_head = 3 if not value.startswith("0") else value.find("-") + 1 if "-" in value else 4
    head, tail = value[:keep_head], value[-4:]
    return head + "*" * max(len(value) - keep_head - 4, 0) + tail
