"""The one glossary: every domain term's Chinese and English name, and the one language setting.

Every layer reads it downward (it imports nothing from the areas). A term is a code in a group:

    label("payment_method", "cash")          -> "现金" (or "cash" when the language is English)
    label("audit_action", "payments.take")   -> "收费"
    codes("account_status")                  -> ("pending", "heating", ...), in display order
    term("role", "cashier")                  -> a Text: shown in the language of each message

Groups: account_category, account_status, tariff_settlement, bill_kind, bill_line_kind,
ledger_entry, payment_method, adjustment_kind, adjustment_status, adjustment_source,
arrears_age, dunning_method, recheck_result, recheck_follow_up, remeasure_status, role,
permission, audit_action, audit_table, field, column, import_kind, import_skip, report_cut,
report_kind; reserved for the areas to come: application_type, measurement_reason; the service
desk's call_category, work_order_severity, work_order_state, and its cases' complaint_channel,
complaint_state, complaint_action, reply_method, inspection_kind, inspection_conclusion,
inspection_state, inspection_follow_up, tempcheck_reason; and audit_note,
the fixed notes of audit rows. An unknown group is a bug (KeyError);
an unknown code in a known group is shown as itself (a value from a newer program).

The language is one process-wide setting: the UI's Language menu, the CLI's --lang and the
tests all set it here, and messages, labels and the Excel exports read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from heatoffice.glossary import actions, fields, terms

LANGUAGES = ("zh", "en")

GROUPS: Mapping[str, Mapping[str, tuple[str, str]]] = MappingProxyType({
    name: MappingProxyType(table)
    for module in (terms, actions, fields) for name, table in module.GROUPS.items()})

_language = "zh"


def set_language(lang: str) -> None:
    """Choose the language of every label and message of this process ("zh" or "en")."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _language = lang


def current_language() -> str:
    return _language


def _index(lang: str | None) -> int:
    lang = lang or _language
    if lang not in LANGUAGES:
        raise ValueError(lang)
    return LANGUAGES.index(lang)


def names(group: str) -> Mapping[str, tuple[str, str]]:
    """The group's codes with their (zh, en) names, read-only and in display order: what a
    validator accepts (a clerk may type either name). To show a code, use label()."""
    return GROUPS[group]


def codes(group: str) -> tuple[str, ...]:
    return tuple(GROUPS[group])


def has(group: str, code: object) -> bool:
    return code in GROUPS[group]


def label(group: str, code: str, lang: str | None = None) -> str:
    """The name of ``code`` in ``lang`` (default: the current language)."""
    pair = GROUPS[group].get(code)
    return code if pair is None else pair[_index(lang)]


def labels(group: str, lang: str | None = None) -> dict[str, str]:
    """Every code of the group with its name, in display order."""
    i = _index(lang)
    return {code: pair[i] for code, pair in GROUPS[group].items()}


def pick(zh: str, en: str, lang: str | None = None) -> str:
    """A text that is no domain term (a document title, punctuation) in ``lang``."""
    return (zh, en)[_index(lang)]


class Text(str):
    """A text in both languages. As a str it is the text in the language current when it was
    made; a message renders it in its own language (heatoffice.messages.render)."""

    zh: str
    en: str

    def __new__(cls, zh: str, en: str) -> Text:
        made = super().__new__(cls, pick(zh, en))
        made.zh, made.en = zh, en
        return made

    def label(self, lang: str | None = None) -> str:
        return pick(self.zh, self.en, lang)


def term(group: str, code: str) -> Text:
    """The names of one code, for a message parameter that must follow the message's language."""
    return Text(label(group, code, "zh"), label(group, code, "en"))


def text(zh: str, en: str) -> Text:
    return Text(zh, en)
