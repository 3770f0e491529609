"""Where the desk keeps its files, without importing the storage layer (the start-up path reads these
before SQLAlchemy is loaded)."""
from __future__ import annotations

import re
from pathlib import Path


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("chainwatch", "chainwatch")) / "chainwatch.sqlite"


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("chainwatch", "chainwatch"))


def is_url(target: object) -> bool:
    """``postgresql://…`` and the like (a drive letter ``C:`` is not a scheme)."""
    return isinstance(target, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", target) is not None
