import pytest
from hypothesis import given, strategies as st

from app.codes import CodeError, Dialect, Listing, Market, a_share_market, parse

TENCENT = Listing(Market.HK, "0700")
MOUTAI = Listing(Market.SH, "600519")
PINGAN = Listing(Market.SZ, "000001")


@pytest.mark.parametrize("text", [
    "700", "00700", "0700.HK", "00700.HK", "700.hk", "700 HK", "700 HK Equity", "700 hk equity",
    "HK.00700", "hk00700", "rt_hk00700", "116.00700", "HKEX:700", "HKG:0700", "HK0700",
    "０７００.ＨＫ", "  700  HK ", 700, 700.0,
])
def test_tencent_spellings(text):
    assert parse(text) == TENCENT
    assert parse(text).code == "0700.HK"


@pytest.mark.parametrize("text", [
    "600519", "600519.SH", "600519.SS", "SH600519", "sh600519", "SH.600519", "1.600519",
    "600519 CH Equity", "SSE:600519", "600519.XSHG", " ６００５１９ ",
])
def test_moutai_spellings(text):
    assert parse(text) == MOUTAI


@pytest.mark.parametrize("text", ["0.000001", "000001", "sz000001", "000001.SZ", "SZSE:000001", "000001.XSHE"])
def test_pingan_spellings(text):
    assert parse(text) == PINGAN


def test_five_digit_hk_and_beijing():
    assert parse("80737").code == "80737.HK"
    assert parse("09988").code == "9988.HK"
    assert parse("920118").code == "920118.BJ"
    assert parse("0.920118").code == "920118.BJ"
    assert parse("bj920118").code == "920118.BJ"
    assert parse("300308").code == "300308.SZ"
    assert parse("688256").code == "688256.SH"


def test_bare_short_number_can_be_refused():
    with pytest.raises(CodeError, match="ambiguous"):
        parse("700", bare_short=None)
    assert parse("0700.HK", bare_short=None) == TENCENT


@pytest.mark.parametrize("text,reason", [
    ("", "empty"), ("   ", "empty"), (None, "empty"), ("BABA", "needs its market"),
    ("1234567", "7 digits"), ("999999", "prefix 999"), ("600519.SZ", "Shanghai code, not Shenzhen"),
    ("000001.SH", "Shenzhen code, not Shanghai"), ("0.600519", "Shenzhen/Beijing"),
    ("7.600519", "unknown market"), ("hello world", "not a listing code"), ("0.HK", "cannot be 0"),
    (12.5, "not a code"), ("700.XX", "not a listing code"),
])
def test_errors_name_input_and_reason(text, reason):
    with pytest.raises(CodeError) as e:
        parse(text)
    assert reason in str(e.value)
    assert repr(text) in str(e.value)


def test_render_every_dialect():
    assert {d: TENCENT.render(d) for d in Dialect} == {
        Dialect.CANONICAL: "0700.HK", Dialect.WIND: "0700.HK", Dialect.YAHOO: "0700.HK",
        Dialect.BLOOMBERG: "700 HK Equity", Dialect.FUTU: "HK.00700", Dialect.SINA: "hk00700",
        Dialect.EASTMONEY: "116.00700", Dialect.TRADINGVIEW: "HKEX:700", Dialect.THS: "HK0700"}
    assert MOUTAI.render("yahoo") == "600519.SS"
    assert MOUTAI.render("eastmoney") == "1.600519"
    assert PINGAN.render("eastmoney") == "0.000001"
    assert parse("920118").render("tradingview") == "BSE:920118"


def test_us_context_listing():
    assert parse("BABA.US").code == "BABA.US"
    assert parse("105.BABA").code == "BABA.US"
    assert parse("BABA US Equity").code == "BABA.US"


# ---- property: for every dialect, render then parse gives the listing back ----------------

hk = st.integers(min_value=1, max_value=99999).map(lambda n: Listing.of(Market.HK, str(n)))


def _a_share(prefixes, market):
    return st.tuples(st.sampled_from(prefixes), st.integers(0, 999)).map(
        lambda t: Listing.of(market, f"{t[0]}{t[1]:03d}"))


a_shares = st.one_of(
    _a_share(["600", "601", "603", "605", "688"], Market.SH),
    _a_share(["000", "001", "002", "003", "300", "301"], Market.SZ),
    _a_share(["920"], Market.BJ),
)


@given(st.one_of(hk, a_shares), st.sampled_from(list(Dialect)))
def test_render_then_parse_roundtrip(listing, dialect):
    assert parse(listing.render(dialect)) == listing


@given(st.one_of(hk, a_shares), st.sampled_from(list(Dialect)))
def test_lower_case_and_spaces_roundtrip(listing, dialect):
    text = f"  {listing.render(dialect).lower()} "
    assert parse(text) == listing


@given(st.text(max_size=12))
def test_parse_never_crashes_with_anything_but_code_error(text):
    try:
        parse(text)
    except CodeError as e:
        assert e.reason


def test_prefix_table():
    assert a_share_market("600000") is Market.SH
    assert a_share_market("301000") is Market.SZ
    assert a_share_market("920000") is Market.BJ
    assert a_share_market("990000") is None
