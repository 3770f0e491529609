"""A printed summary carries cached prices and a basket chart when prices exist."""
import subprocess

import pandas as pd
import pytest

from app.cli import run
from app.prices.cache import PriceCache
from app.prices.providers import normalise
from app.prices.symbols import BENCHMARKS
from tests.app.prices.bars import gen_bars


@pytest.mark.requires_tool("pdftotext", what="pdftotext (poppler-utils)")
def test_print_uses_cached_prices_and_adds_a_chart(qapp, desk, tmp_path, capsys):
    wl = desk.store.watchlists()[0]
    codes = wl.codes[:6] + list(BENCHMARKS)
    frames = [normalise(gen_bars(260, seed=i, start="2025-06-02", price=20 + i), code=c,
                        adjustment="none" if c in BENCHMARKS else "qfq") for i, c in enumerate(codes)]
    PriceCache(desk.store).write(pd.concat(frames, ignore_index=True), "test:generated")
    out = tmp_path / "s.pdf"
    assert run(["--db", str(desk.store.path), "print", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Equal-weight basket of the companies above" in text
    line = next(ln for ln in text.splitlines() if codes[0] in ln)
    last = PriceCache(desk.store).load(codes[0])["close"].iloc[-1]
    assert f"{last:,.2f}" in line
