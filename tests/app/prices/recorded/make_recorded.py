"""Writes the Eastmoney-shaped answers in this folder (run once; the JSON files are committed).

The shapes follow what akshare 1.19.5 reads (akshare/stock_feature/stock_hist_em.py,
akshare/index/index_stock_zh.py, akshare/index/index_stock_hk.py): ``data.klines`` is a list of
comma-separated strings, fields f51.. in order (date, open, close, high, low, volume, amount,
amplitude, change %, change, turnover ...). The numbers are generated, not market data.
"""
import json
import math
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent


def days(start: date, n: int):
    d = start
    out = []
    while len(out) < n:
        if d.weekday() < 5 and not (d.month == 1 and d.day == 1):
            out.append(d)
        d += timedelta(days=1)
    return out


def bars(seed: int, price: float, n: int, start=date(2025, 11, 3)):
    rnd = random.Random(seed)
    prev = price
    out = []
    for d in days(start, n):
        o = prev * math.exp(rnd.gauss(0, 0.006))
        c = o * math.exp(rnd.gauss(0, 0.015))
        h = max(o, c) * (1 + abs(rnd.gauss(0, 0.006)))
        lo = min(o, c) * (1 - abs(rnd.gauss(0, 0.006)))
        vol = rnd.randint(20_000, 90_000)
        out.append((d, o, c, h, lo, vol, prev))
        prev = c
    return out


def kline_stock(b, amount_mult):
    lines = []
    for d, o, c, h, lo, vol, prev in b:
        amp = (h - lo) / prev * 100
        chg = c - prev
        lines.append(f"{d.isoformat()},{o:.2f},{c:.2f},{h:.2f},{lo:.2f},{vol},{vol * c * amount_mult:.2f},"
                     f"{amp:.2f},{chg / prev * 100:.2f},{chg:.2f},{vol / 1e5:.2f}")
    return lines


def wrap(code, market, name, klines, decimal=2):
    return {"rc": 0, "rt": 17, "svr": 181669437, "lt": 1, "full": 0, "dlmkts": "",
            "data": {"code": code, "market": market, "name": name, "decimal": decimal,
                     "dktotal": len(klines), "preKPrice": float(klines[0].split(",")[1]) if klines else 0,
                     "klines": klines}}


def main():
    n = 60
    # A-share (Shanghai): volume in lots, amount in yuan
    sh = bars(1, 1450.0, n)
    (HERE / "em_kline_600519.json").write_text(json.dumps(
        wrap("600519", 1, "贵州茅台", kline_stock(sh, 100)), ensure_ascii=False, indent=1))
    sz = bars(2, 41.0, n)
    (HERE / "em_kline_000977.json").write_text(json.dumps(
        wrap("000977", 0, "浪潮信息", kline_stock(sz, 100)), ensure_ascii=False, indent=1))
    # Hong Kong: volume in shares
    hk = bars(3, 610.0, n)
    hk_lines = [ln.replace(f",{v},", f",{v * 100},", 1) for ln, (_, _, _, _, _, v, _) in zip(kline_stock(hk, 100), hk)]
    (HERE / "em_kline_00700.json").write_text(json.dumps(
        wrap("00700", 116, "腾讯控股", hk_lines, 3), ensure_ascii=False, indent=1))
    # CSI 300 (stock_zh_index_daily_em asks f51..f58: 8 fields)
    ix = bars(4, 4550.0, n)
    ix_lines = [f"{d.isoformat()},{o:.2f},{c:.2f},{h:.2f},{lo:.2f},{vol * 1000},{vol * 1000 * c * 100:.1f},"
                f"{(h - lo) / p * 100:.2f}" for d, o, c, h, lo, vol, p in ix]
    (HERE / "em_kline_000300.json").write_text(json.dumps(
        wrap("000300", 1, "沪深300", ix_lines), ensure_ascii=False, indent=1))
    # HK indices (stock_hk_index_daily_em asks f51..f64: 14 fields)
    for code, mkt, name, seed, px in (("HSI", 100, "恒生指数", 5, 25800.0),
                                      ("HSTECH", 124, "恒生科技指数", 6, 5600.0)):
        b = bars(seed, px, n)
        lines = [f"{d.isoformat()},{o:.2f},{c:.2f},{h:.2f},{lo:.2f},0,{vol * 1e6:.1f},{(h - lo) / p * 100:.2f},"
                 f"{(c - p) / p * 100:.2f},{c - p:.2f},0.00,0,0,0.00" for d, o, c, h, lo, vol, p in b]
        (HERE / f"em_kline_{code}.json").write_text(json.dumps(
            wrap(code, mkt, name, lines), ensure_ascii=False, indent=1))
    # HK index list (stock_hk_index_spot_em, fltt=2: plain floats)
    diff = [{"f1": 2, "f2": 25911.4, "f3": 0.52, "f4": 134.1, "f5": 0, "f6": 1.2e11, "f12": "HSI", "f13": 100,
             "f14": "恒生指数", "f15": 26002.1, "f16": 25700.2, "f17": 25790.0, "f18": 25777.3},
            {"f1": 2, "f2": 5630.8, "f3": 0.91, "f4": 50.6, "f5": 0, "f6": 4.1e10, "f12": "HSTECH", "f13": 124,
             "f14": "恒生科技指数", "f15": 5660.0, "f16": 5570.1, "f17": 5590.0, "f18": 5580.2},
            {"f1": 2, "f2": 9100.5, "f3": -0.12, "f4": -10.9, "f5": 0, "f6": 5.5e10, "f12": "HSCEI", "f13": 100,
             "f14": "国企指数", "f15": 9140.0, "f16": 9080.0, "f17": 9110.0, "f18": 9111.4}]
    (HERE / "em_hk_index_list.json").write_text(json.dumps(
        {"rc": 0, "rt": 6, "svr": 177617938, "lt": 1, "full": 1, "dlmkts": "",
         "data": {"total": len(diff), "diff": diff}}, ensure_ascii=False, indent=1))
    # Failures
    (HERE / "em_data_null.json").write_text(json.dumps(
        {"rc": 102, "rt": 17, "svr": 181669437, "lt": 1, "full": 0, "dlmkts": "", "data": None}))
    (HERE / "em_klines_empty.json").write_text(json.dumps(wrap("688999", 1, "", [])))


if __name__ == "__main__":
    main()
