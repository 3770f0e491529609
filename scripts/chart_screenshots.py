"""Chart screenshots for docs/: report figures from the bundled KB; basket and candles on GENERATED bars.

    xvfb-run -a .venv/bin/python scripts/chart_screenshots.py [OUT_DIR]     (default: docs/)

The basket and candle shots use random-walk bars (their titles say so) with the real KB's theme
members and events, so they need no downloaded prices.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import pandas as pd
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from widgets.fonts import ensure_cjk_font

    fam = ensure_cjk_font()
    if fam:
        font = QFont(app.font())
        font.setFamilies([QFont().defaultFamily(), fam])
        app.setFont(font)

    from app import kb as kbmod
    from app.prices.basket import basket_index, theme_codes
    from app.prices.cache import PriceCache
    from app.prices.events import events_for
    from app.prices.providers import normalise
    from app.store import Store
    from tests.app.prices.bars import gen_bars
    from widgets.charts import CandleChart
    from widgets.charts.basket import BasketChart
    from widgets.charts.figures import ReportFiguresPanel

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    kb = kbmod.load()

    def settle():
        app.processEvents()
        app.processEvents()

    panel = ReportFiguresPanel(kb)
    panel.resize(900, 560)
    panel.show()
    for key, name in (("api_prices", "api-prices"), ("supplier_shares", "supplier-shares"),
                      ("minimax", "minimax"), ("token_volumes", "token-volumes")):
        panel.set_figure(key)
        settle()
        panel.export_png(out / f"chart-figures-{name}.png")

    theme = "tencent-yuanbao-compute"
    codes, unlisted = theme_codes(kb, theme)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "shots.sqlite")
        cache = PriceCache(store)
        for i, code in enumerate(codes[:-3]):               # the last three stay without prices
            n = 480 if i % 4 else 300                         # some list later
            start = str(pd.bdate_range(end="2026-04-24", periods=n)[0].date())
            cache.write(normalise(gen_bars(n, seed=i, start=start, price=30 + i)
                                  .assign(code=code, adjustment="qfq")), "generated")
        cache.write(normalise(gen_bars(480, seed=99, start=str(pd.bdate_range(end="2026-04-24", periods=480)[0].date()),
                                       price=3800).assign(code="000300.SH", adjustment="none")), "generated")
        frame = basket_index(store, codes, "000300.SH")
        basket = BasketChart()
        basket.resize(900, 520)
        basket.show()
        basket.set_data(frame, title=f"{kb.themes[theme].title_en} (generated bars)",
                        benchmark_label="CSI 300 沪深300 (generated)", names={c: kb.ref_name(c) for c in codes},
                        unlisted=[kb.ref_name(r, "en") for r in unlisted], range_key="All")
        settle()
        basket.export_png(out / "chart-basket.png")
        store.close()

    code = "2513.HK"
    candles = CandleChart()
    candles.resize(1000, 560)
    candles.show()
    candles.set_frame(gen_bars(110, seed=3, start="2025-11-24", price=120).assign(code=code, adjustment="qfq"),
                      title=f"{code} {kb.ref_name(code)} — generated bars, KB events")
    candles.set_events(events_for(kb, code))
    settle()
    candles.show_last(110)
    settle()
    candles.export_png(out / "chart-candles-events.png")
    for p in sorted(out.glob("chart-*.png")):
        print(f"{p} {p.stat().st_size // 1024} KB")
    for w in (panel, basket, candles):       # widgets go before the application does
        w.close()
        w.deleteLater()
    settle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
