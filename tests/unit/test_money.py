"""Tests of heatoffice.money: rounding, fen, parsing, formatting and Chinese capitals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatoffice.errors import UserError
from heatoffice.money import (
    FEN,
    RATE_PLACES,
    ZERO,
    capitals,
    format_percent,
    format_yuan,
    from_fen,
    parse_money,
    round_fen,
    to_fen,
)

D = Decimal


@pytest.mark.parametrize(("given_", "expected"), [
    ("0", "0.00"),
    ("1", "1.00"),
    ("1.004", "1.00"),
    ("1.005", "1.01"),
    ("1.015", "1.02"),
    ("1.025", "1.03"),  # half-up, not banker's rounding
    ("2.675", "2.68"),
    ("0.125", "0.13"),
    ("0.0049", "0.00"),
    ("-1.004", "-1.00"),
    ("-1.005", "-1.01"),
    ("-1.025", "-1.03"),
    ("-0.125", "-0.13"),
    ("99999999.995", "100000000.00"),
])
def test_round_fen_half_up(given_: str, expected: str) -> None:
    result = round_fen(D(given_))
    assert result == D(expected)
    assert result.as_tuple().exponent == -2


def test_round_fen_accepts_int_rejects_float() -> None:
    assert str(round_fen(5)) == "5.00"
    assert FEN == D("0.01")
    with pytest.raises(TypeError):
        round_fen(1.5)  # type: ignore[arg-type]


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_fen_round_trip(n: int) -> None:
    yuan = from_fen(n)
    assert yuan.as_tuple().exponent == -2
    assert yuan * 100 == n
    assert to_fen(yuan) == n


@pytest.mark.parametrize(("n", "text"),
                         [(0, "0.00"), (5, "0.05"), (-5, "-0.05"), (123456, "1234.56")])
def test_from_fen_text(n: int, text: str) -> None:
    assert str(from_fen(n)) == text


@pytest.mark.parametrize("bad", [D("1.001"), D("0.005"), D("NaN"), D("sNaN"), D("Infinity"),
                                 # a fraction of a fen far down a long number: refused, not
                                 # rounded away
                                 D("1." + "0" * 42 + "1"), D("9" * 45 + ".001")])
def test_to_fen_requires_whole_fen(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        to_fen(bad)


def test_to_fen_accepts_extra_zero_decimals() -> None:
    assert to_fen(D("2137.5000")) == 213750
    assert to_fen(7) == 700


@pytest.mark.parametrize(("text", "expected"), [
    ("0", "0.00"),
    ("12", "12.00"),
    ("12.5", "12.50"),
    ("12.50", "12.50"),
    (".5", "0.50"),
    ("+3", "3.00"),
    ("1,234.50", "1234.50"),
    ("12,345,678.9", "12345678.90"),
    ("¥1,234.5", "1234.50"),
    ("￥ 1234.50", "1234.50"),
    ("  88元", "88.00"),
    ("¥ 88.8 元", "88.80"),
    ("１２３．４５", "123.45"),  # full-width input method digits
    ("-0", "0.00"),
    (12, "12.00"),
    (D("3.1"), "3.10"),
    (D("2137.5000"), "2137.50"),
])
def test_parse_money_accepts(text: object, expected: str) -> None:
    result = parse_money(text)  # type: ignore[arg-type]
    assert str(result) == expected


@pytest.mark.parametrize(("text", "code"), [
    ("abc", "money.format"),
    ("12a", "money.format"),
    ("1,23", "money.format"),
    ("1,2345", "money.format"),
    ("1 234", "money.format"),
    ("1.2.3", "money.format"),
    ("--1", "money.format"),
    ("-¥-1", "money.format"),
    ("¥", "money.format"),
    ("元", "money.format"),
    ("1e5", "money.format"),
    ("NaN", "money.format"),
    ("Infinity", "money.format"),
    ("-Infinity", "money.format"),
    (D("NaN"), "money.format"),
    (D("Infinity"), "money.format"),
    ("1" * 40, "money.format"),
    ("1.234", "money.precision"),
    ("1.230", "money.precision"),
    ("0.001", "money.precision"),
    (D("1.234"), "money.precision"),
    ("-1", "money.negative"),
    ("-¥1,234.50", "money.negative"),
    ("¥-3", "money.negative"),
    (D("-0.01"), "money.negative"),
    (-5, "money.negative"),
    ("", "validation.required"),
    ("   ", "validation.required"),
])
def test_parse_money_rejects(text: object, code: str) -> None:
    with pytest.raises(UserError) as info:
        parse_money(text, field="amount")  # type: ignore[arg-type]
    assert info.value.code == code
    assert info.value.field == "amount"
    assert info.value.params["value"] is text
    if code != "validation.required":
        assert str(text) in info.value.message("zh")
        assert str(text) in info.value.message("en")


def test_parse_money_negative_when_allowed() -> None:
    assert parse_money("-¥1,234.50", allow_negative=True) == D("-1234.50")
    assert parse_money("¥-3", allow_negative=True) == D("-3.00")
    with pytest.raises(UserError) as info:
        parse_money("-1.005", allow_negative=True, field="reason")
    assert (info.value.code, info.value.field) == ("money.precision", "reason")


def test_parse_money_rejects_float_and_other_types() -> None:
    with pytest.raises(TypeError):
        parse_money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_money(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_money(True)  # type: ignore[arg-type]


@pytest.mark.parametrize(("amount", "symbol", "expected"), [
    ("0", True, "¥0.00"),
    ("1234.5", True, "¥1,234.50"),
    ("-1234.5", True, "-¥1,234.50"),
    ("1234567.891", True, "¥1,234,567.89"),
    ("999.995", True, "¥1,000.00"),
    ("-0.001", True, "¥0.00"),
    ("0.05", False, "0.05"),
    ("-1234.5", False, "-1,234.50"),
    ("100", False, "100.00"),
])
def test_format_yuan(amount: str, symbol: bool, expected: str) -> None:
    assert format_yuan(D(amount), symbol=symbol) == expected


@given(st.integers(min_value=-10**13, max_value=10**13))
def test_format_yuan_parses_back(n: int) -> None:
    assert parse_money(format_yuan(from_fen(n)), allow_negative=True) == from_fen(n)


CAPITALS = [
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.1", "壹角整"),
    ("0.15", "壹角伍分"),
    ("1", "壹元整"),
    ("1.01", "壹元零壹分"),
    ("1.10", "壹元壹角整"),
    ("10", "壹拾元整"),
    ("10.05", "壹拾元零伍分"),
    ("11", "壹拾壹元整"),
    ("19.99", "壹拾玖元玖角玖分"),
    ("30.5", "叁拾元伍角整"),
    ("100.10", "壹佰元零壹角整"),
    ("110", "壹佰壹拾元整"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("1005.2", "壹仟零伍元贰角整"),
    ("1010.00", "壹仟零壹拾元整"),
    ("1234.00", "壹仟贰佰叁拾肆元整"),
    ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("10000", "壹万元整"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("20000.03", "贰万元零叁分"),
    ("100000", "壹拾万元整"),
    ("105000", "壹拾万伍仟元整"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("1000000", "壹佰万元整"),
    ("1005000", "壹佰万零伍仟元整"),
    ("10000001", "壹仟万零壹元整"),
    ("100000000", "壹亿元整"),
    ("100010000", "壹亿零壹万元整"),
    ("100000001.01", "壹亿零壹元零壹分"),
    ("1050000000", "壹拾亿伍仟万元整"),
    ("10000000001", "壹佰亿零壹元整"),
    ("123456789012.34", "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("1.005", "壹元零壹分"),  # rounded to the fen first
    ("0.004", "零元整"),
    ("-1234.5", "负壹仟贰佰叁拾肆元伍角整"),
    ("-0.001", "零元整"),
]


@pytest.mark.parametrize(("amount", "expected"), CAPITALS)
def test_capitals(amount: str, expected: str) -> None:
    assert capitals(D(amount)) == expected


def test_capitals_int_and_limit() -> None:
    assert capitals(30) == "叁拾元整"
    with pytest.raises(ValueError):
        capitals(D("1000000000000"))
    with pytest.raises(ValueError):
        capitals(D("-1000000000000"))


# An independent reader of capitals: digits multiply the unit after them, 万 and 亿 multiply
# everything of their section, 零 and 整 carry no value.
_DIGIT_VALUES = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}


def decode_capitals(text: str) -> Decimal:
    sign = -1 if text.startswith("负") else 1
    text = text.removeprefix("负").removesuffix("整")
    total = section = digit = fen = 0
    for ch in text:
        if ch in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[ch]
        elif ch in _SMALL_UNITS:
            assert digit, f"{ch} without a digit in {text}"
            section += digit * _SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        elif ch == "元":
            fen += (total + section + digit) * 100
            total = section = digit = 0
        elif ch == "角":
            fen += digit * 10
            digit = 0
        elif ch == "分":
            fen += digit
            digit = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {text}")
    assert total == section == digit == 0, f"digits after the last unit in {text}"
    return sign * Decimal(fen) / 100


@given(st.integers(min_value=0, max_value=99_999_999_999_99))
def test_capitals_decodes_back(fen: int) -> None:
    amount = from_fen(fen)
    text = capitals(amount)
    assert decode_capitals(text) == amount
    assert text.endswith("整") == (fen % 10 == 0)
    assert "零零" not in text
    if fen:
        assert not text.startswith("零")
        for unit in "元万亿角分":
            assert f"零{unit}" not in text


@given(st.integers(min_value=1, max_value=999_999_999_999_99))
def test_capitals_full_range_and_sign(fen: int) -> None:
    amount = from_fen(fen)
    assert decode_capitals(capitals(amount)) == amount
    assert capitals(-amount) == "负" + capitals(amount)


@pytest.mark.parametrize(("rate", "places", "expected"), [
    ("0.3", 2, "30%"),
    ("0.300000", 2, "30%"),     # a RateField value read back with six decimals
    ("0.0005", 2, "0.05%"),     # 万分之五 a day
    ("0.46335", 2, "46.34%"),   # half-up, not banker's rounding
    ("0.463349", 2, "46.33%"),
    ("1", 2, "100%"),           # the old notice formatter printed an integer 1 as "1%"
    ("0", 2, "0%"),
    ("-0.00001", 2, "0%"),      # no "-0%"
    ("-0.05", 2, "-5%"),
    ("0.000333", 2, "0.03%"),
    ("0.000333", RATE_PLACES, "0.0333%"),  # a tariff rate is shown as it was stored
    ("0.123456", RATE_PLACES, "12.3456%"),
])
def test_format_percent(rate: str, places: int, expected: str) -> None:
    assert format_percent(D(rate), places) == expected


@given(st.integers(min_value=0, max_value=1_000_000))
def test_a_stored_rate_reads_back_exactly(millionths: int) -> None:
    rate = D(millionths).scaleb(-6)
    assert D(format_percent(rate, RATE_PLACES).rstrip("%")) / 100 == rate


def test_zero_is_money():
    assert ZERO == 0 and str(ZERO) == "0.00" and format_yuan(ZERO) == "¥0.00"


def test_no_amount_beyond_the_largest_passes():
    from heatoffice.money import CAPITALS_LIMIT, MAX_AMOUNT, check_maximum

    assert MAX_AMOUNT == Decimal("9999999.99")
    # Without a maximum, parse_money still stops at what a receipt can write in capitals,
    # so no amount can overflow a 64-bit integer of fen.
    assert parse_money("999999999999.99") == CAPITALS_LIMIT
    for text in ("1000000000000", "999999999999999999", "-999999999999999999"):
        with pytest.raises(UserError) as err:
            parse_money(text, allow_negative=True)
        assert err.value.code == "money.too_large"
        assert err.value.message("zh") == f"金额：“{text}”超过单笔金额上限 ¥999,999,999,999.99"
    assert parse_money("9999999.99", maximum=MAX_AMOUNT) == MAX_AMOUNT
    with pytest.raises(UserError) as err:
        parse_money("-10,000,000.00", field="adjustment_amount", allow_negative=True,
                    maximum=MAX_AMOUNT)
    assert err.value.message("en") == (
        'adjustment amount: "-10,000,000.00" is over the largest single amount, ¥9,999,999.99')
    # a maximum above the hard limit is the hard limit
    with pytest.raises(UserError):
        check_maximum(Decimal("1000000000000"), maximum=Decimal("1e15"))
