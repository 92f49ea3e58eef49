"""User errors with a code and parameters; the text lives in heatoffice.messages."""

from __future__ import annotations

from typing import Any

from heatoffice import glossary


class UserError(Exception):
    """An error the user caused and can fix: never a bug.

    ``code`` names a message in :data:`heatoffice.messages.MESSAGES`; ``params`` fill it.
    ``field`` (when given) names the input field so a form can show the message beside it,
    ``row`` the row of an imported sheet.
    """

    def __init__(self, code: str, *, field: str | None = None, row: int | None = None,
                 **params: Any) -> None:
        self.code = code
        self.field = field
        self.row = row
        self.params = params
        super().__init__(code)

    def message(self, lang: str | None = None) -> str:
        from heatoffice.messages import render

        return render(self, lang)

    def __str__(self) -> str:
        return self.message()


class PermissionDenied(UserError):
    """The actor's role does not allow the action; the message names it from the glossary."""

    def __init__(self, action: str, **params: Any) -> None:
        super().__init__("auth.permission_denied", action=glossary.term("permission", action),
                         **params)
        self.action = action


class ValidationErrors(UserError):
    """Several field errors found in one form; ``errors`` keeps each one."""

    def __init__(self, errors: list[UserError]) -> None:
        self.errors = errors
        super().__init__("validation.several", count=len(errors))
        self.field = errors[0].field if errors else None

    def message(self, lang: str | None = None) -> str:
        return "\n".join(e.message(lang) for e in self.errors)
