"""Printed watchlist summaries: the Qt-free model (:mod:`app.printing.summary`), the print options
(:mod:`app.printing.options`) and the ``print`` command. Rendering lives in ``widgets.printing``."""
from app.printing.options import ALL_SECTIONS, DEFAULT_SECTIONS, PAPERS, SECTIONS, PrintOptions
from app.printing.summary import ChartImage, Summary, SummaryError, build_summary

__all__ = ["ALL_SECTIONS", "DEFAULT_SECTIONS", "PAPERS", "SECTIONS", "ChartImage", "PrintOptions", "Summary",
           "SummaryError", "build_summary"]
