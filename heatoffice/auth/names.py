"""Staff as printed: a username's display name (or the username when it has none).

Names of staff are not personal data: receipts, reports and forms print who did the work."""
from __future__ import annotations

from collections.abc import Iterable

from heatoffice.auth.models import User


def display_names(usernames: Iterable[str]) -> dict[str, str]:
    """Each username → its display name, the username itself where none is set or the user
    is unknown (an imported payment's cashier, say)."""
    wanted = set(usernames)
    names = {u: u for u in wanted}
    if wanted:
        for username, shown in (User.select(User.username, User.display_name)
                                .where(User.username.in_(sorted(wanted))).tuples()):
            names[username] = shown or username
    return names


def display_name(username: str) -> str:
    """One username's printed name (see ``display_names``)."""
    return display_names([username])[username]
