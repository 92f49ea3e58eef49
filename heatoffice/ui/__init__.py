"""The desktop shell: the only package that imports PySide6."""
