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


def sqlite_path(target: object) -> Path | None:
    """The SQLite file a ``--db`` value names (``sqlite:///FILE``, a path, or none: the default
    store); ``Path(":memory:")`` for an in-memory store; None for a server URL (PostgreSQL)."""
    if is_url(target):
        url = str(target)
        return Path(url[len("sqlite:///"):] or ":memory:") if url.startswith("sqlite:///") else None
    return Path(target) if target else default_db_path()  # type: ignore[arg-type]
