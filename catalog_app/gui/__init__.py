"""The desktop app: windows, Qt models and dialogs (the only layer that imports QtWidgets)."""
