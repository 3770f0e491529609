"""Chart panes (pyqtgraph). Each takes a normalised price frame (see app.prices.providers).

* :class:`CandleChart` — candles by trading day, volume, moving averages, crosshair readout
* :class:`RelativePerformanceChart` — rebased to 100 vs a benchmark, 1M / 3M / YTD / 1Y / All

Both show an empty state that says to download or import prices when given no bars.
"""
from widgets.charts.candles import CandleChart, CandlestickItem, VolumeItem  # noqa: F401
from widgets.charts.relative import RANGES, RelativePerformanceChart  # noqa: F401

__all__ = ["CandleChart", "CandlestickItem", "VolumeItem", "RANGES", "RelativePerformanceChart"]
