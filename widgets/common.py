"""What the main window and its feature modules share: list keys, item roles, settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

ALL_KB = "kb:all"  # every company the reports name
ALL_UNIVERSE = "kb:universe"  # the whole offline universe
ListRole = Qt.ItemDataRole.UserRole + 1
SETTINGS_ORG = "chainwatch"


def settings() -> QSettings:
    return QSettings(SETTINGS_ORG, "chainwatch")
