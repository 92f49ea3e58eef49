"""Who is doing something: passed to every service so it can check permission and audit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    display_name: str = ""

    @classmethod
    def system(cls) -> Actor:
        """The program itself (init, demo data, migrations): full rights, audited as "system"."""
        return cls(user_id=None, username="system", role="admin", display_name="系统")
