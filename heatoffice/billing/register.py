"""The account register with what each account owes: the accounts register's search, filters
and order, plus the ledger balance (AccountBalance, joined by account id), an "owes money"
filter and the order by balance. Paged in SQL like the register it extends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from heatoffice import glossary
from heatoffice.accounts import register
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing.models import AccountBalance
from heatoffice.money import ZERO

# The register's columns and the balance after them; headings are glossary "column" terms.
COLUMNS = (*register.COLUMNS, "balance")


def headings(lang: str | None = None) -> list[str]:
    return [glossary.label("column", c, lang) for c in COLUMNS]


@dataclass(frozen=True)
class Filters(register.Filters):
    owing: bool = False  # only accounts whose ledger balance is above zero


def query(text: str = "", sort: str = "id", descending: bool = False,
          filters: Filters | None = None, *, reach: int = 200, personal: bool = True) -> Any:
    """The register's query with the balance as its last column (0 for an account never
    billed). The balance row shares the account's id, so the join costs one key lookup per
    row and a page still stops after its last row. ``personal``: as register.query."""
    filters = filters or Filters()
    q = register.query(text, "id" if sort == "balance" else sort, descending, filters,
                       reach=reach, personal=personal)
    balance = fn.COALESCE(AccountBalance.balance, 0)
    q = (q.select_extend(balance)
         .join_from(Account, AccountBalance, JOIN.LEFT_OUTER,
                    on=(AccountBalance.account == Account.id)))
    if filters.owing:
        q = q.where(AccountBalance.balance > 0)
    if sort == "balance":
        q = q.order_by(balance.desc() if descending else balance.asc(),
                       Account.id.desc() if descending else Account.id.asc())
    return q


def page(actor: Actor, text: str = "", *, sort: str = "id", descending: bool = False,
         offset: int = 0, limit: int = 200, lang: str | None = None,
         filters: Filters | None = None) -> list[tuple]:
    """Rows (id, then COLUMNS in order) from ``offset``; phones masked unless allowed."""
    require(actor, "accounts.view")
    require(actor, "billing.view")
    show = can(actor, "accounts.view_personal")
    rows = (query(text, sort, descending, filters, reach=offset + limit, personal=show)
            .offset(offset).limit(limit).tuples())
    return [(*register.display_row(r[:-1], lang, show), r[-1] if r[-1] is not None else ZERO)
            for r in rows]


def count(actor: Actor, text: str = "", filters: Filters | None = None) -> int:
    """How many accounts match (a full count: on demand, not on every keystroke)."""
    require(actor, "billing.view")
    if filters is None or not filters.owing:
        return register.count(actor, text, filters)
    require(actor, "accounts.view")
    return query(text, "id", False, filters,
                 personal=can(actor, "accounts.view_personal")).order_by().count()
