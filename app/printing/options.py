"""Print options (paper, orientation, sections): plain data, no Qt.

The widgets layer remembers them with QSettings; the command line builds them from its flags.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

PAPERS = ("A4", "Letter")
ORIENTATIONS = ("portrait", "landscape")

# Section id -> label, in document order.
SECTIONS: dict[str, str] = {
    "companies": "Company table",
    "charts": "Charts",
    "themes": "Theme members",
    "chains": "Theme supplier chains",
    "evidence": "Evidence footnotes",
}
ALL_SECTIONS: tuple[str, ...] = tuple(SECTIONS)
# Theme sections are long (every member and supplier edge of every theme the companies touch):
# off by default; the print command turns them on when a theme is asked for.
DEFAULT_SECTIONS: tuple[str, ...] = ("companies", "charts", "evidence")


class OptionsError(ValueError):
    pass


def parse_sections(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Section ids from 'companies,themes' or ['companies', 'themes'], in document order.

    'all' means every section, None the defaults, an empty list none (the title block only).

    Raises OptionsError naming the unknown ones and the known ones.
    """
    if values is None:
        return DEFAULT_SECTIONS
    if isinstance(values, str):
        values = [values]
    wanted: list[str] = []
    for v in values:
        for part in str(v).replace(";", ",").split(","):
            p = part.strip().lower()
            if p:
                wanted.append(p)
    if "all" in wanted:
        return ALL_SECTIONS
    bad = [w for w in wanted if w not in SECTIONS]
    if bad:
        raise OptionsError(f"unknown section(s) {', '.join(repr(b) for b in bad)}; "
                           f"known: {', '.join(SECTIONS)} (or all)")
    return tuple(s for s in SECTIONS if s in wanted)  # document order, no duplicates


def parse_paper(value: str | None) -> str:
    if value is None:
        return PAPERS[0]
    for p in PAPERS:
        if str(value).strip().lower() == p.lower():
            return p
    raise OptionsError(f"paper {value!r} is not supported; use {' or '.join(PAPERS)}")


def parse_orientation(value: str | None) -> str:
    if value is None:
        return ORIENTATIONS[0]
    v = str(value).strip().lower()
    if v not in ORIENTATIONS:
        raise OptionsError(f"orientation {value!r} must be {' or '.join(ORIENTATIONS)}")
    return v


@dataclass
class PrintOptions:
    paper: str = "A4"
    orientation: str = "portrait"
    sections: tuple[str, ...] = field(default_factory=lambda: DEFAULT_SECTIONS)

    def __post_init__(self) -> None:
        self.paper = parse_paper(self.paper)
        self.orientation = parse_orientation(self.orientation)
        self.sections = parse_sections(self.sections)

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    def with_(self, **changes) -> "PrintOptions":
        return replace(self, **changes)

    def label(self) -> str:
        return f"{self.paper} {self.orientation}"
