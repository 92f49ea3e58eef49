"""Red messages shown right under the form field a UserError names."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from heatoffice.errors import UserError

ERROR_STYLE = "color: #c62828;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def with_error(editor: QWidget, label: QLabel) -> QWidget:
    """The editor with its error label just below it, as one cell of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(editor)
    layout.addWidget(label)
    return box


def errors_of(exc: UserError) -> list[UserError]:
    """Each single error in ``exc`` (a ValidationErrors holds several)."""
    return list(getattr(exc, "errors", None) or [exc])


class FieldErrors:
    """Error labels by field name, plus a general label for errors that name no known field."""

    def __init__(self, general: QLabel, aliases: dict[str, str] | None = None) -> None:
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.aliases = aliases or {}

    def add(self, field: str, editor: QWidget) -> QWidget:
        label = error_label()
        label.setObjectName(f"error_{field}")
        self.labels[field] = label
        self.editors[field] = editor
        return with_error(editor, label)

    def clear(self) -> None:
        for label in [*self.labels.values(), self.general]:
            label.clear()
            label.setVisible(False)

    def show(self, exc: UserError) -> None:
        """Put each message beside its field and focus the first bad field."""
        self.clear()
        first: QWidget | None = None
        general: list[str] = []
        for err in errors_of(exc):
            field = self.aliases.get(err.field or "", err.field or "")
            label = self.labels.get(field)
            if label is None:
                general.append(err.message())
                continue
            text = err.message()
            label.setText(label.text() + "\n" + text if label.text() else text)
            label.setVisible(True)
            if first is None:
                first = self.editors[field]
        if general:
            self.general.setText("\n".join(general))
            self.general.setVisible(True)
        if first is not None:
            first.setFocus()
