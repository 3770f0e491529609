"""Bundled resources: styles (light and dark QSS) and icons. Installed as package data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    p = ROOT.joinpath(*parts)
    if not p.exists():
        raise FileNotFoundError(f"resource {'/'.join(parts)} is missing from {ROOT}")
    return p


def text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")
