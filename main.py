"""Chainwatch entry point: `python main.py` opens the desk; `python main.py COMMAND ...` runs headless."""
from __future__ import annotations

import sys


def _command_word(argv: list[str]) -> str | None:
    """The first positional argument, skipping the values of options that take one."""
    takes_value = {"--db", "--screenshot", "--watchlist", "--select", "--theme", "--customer", "--dock", "--chart",
                   "--language"}
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in takes_value:
            skip = True
            continue
        if not a.startswith("-"):
            return a
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    word = _command_word(argv)
    if word is not None or "-h" in argv or "--help" in argv:
        from app.cli import run  # headless: no Qt imported on this path

        return run(argv)
    from widgets.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
