"""Chainwatch's Qt user interface (PySide6). The data layer lives in `app/` and has no Qt."""
