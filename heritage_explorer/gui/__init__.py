"""The desktop application. The only layer that imports PySide6."""

