"""Tests of heatoffice.validation: each check's accepted and rejected inputs and its errors."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatoffice import clock, messages, validation
from heatoffice.errors import UserError, ValidationErrors
from heatoffice.validation import Collector

D = Decimal


def iso7064_check(first17: str) -> str:
    """ISO 7064 MOD 11-2, written from the standard rather than from GB 11643's table."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    r = (12 - total % 11) % 11
    return "X" if r == 10 else str(r)


prefixes = st.builds(
    lambda region, born, seq: region + born.strftime("%Y%m%d") + seq,
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)


def error_of(fn, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        fn(*args, **kwargs)
    return info.value


def assert_mentions_value(err: UserError, value: object) -> None:
    for lang in ("zh", "en"):
        assert str(value) in err.message(lang), (lang, err.message(lang))


# --- required, max_length -------------------------------------------------------------------


def test_required() -> None:
    assert validation.required("  张三 ", field="name") == "张三"
    assert validation.required(12, field="room") == "12"
    for empty in ("", "   ", None):
        err = error_of(validation.required, empty, field="name")
        assert (err.code, err.field) == ("validation.required", "name")
        assert "户名" in err.message("zh") and "name" in err.message("en")


def test_max_length() -> None:
    assert validation.max_length("abcd", 4, field="room") == "abcd"
    err = error_of(validation.max_length, "abcde", 4, field="room")
    assert (err.code, err.field, err.params["max"], err.params["length"]) == (
        "validation.too_long", "room", 4, 5)
    assert "4" in err.message("zh") and "5" in err.message("en")


# --- ID numbers -----------------------------------------------------------------------------


def test_known_id_number() -> None:
    assert validation.id_number("11010519491231002X") == "11010519491231002X"
    assert validation.id_number(" 11010519491231002x ") == "11010519491231002X"
    assert validation.id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert validation.id_check_char("11010519491231002") == "X"


@given(prefixes)
def test_valid_id_numbers_accepted(prefix: str) -> None:
    number = prefix + iso7064_check(prefix)
    assert validation.id_check_char(prefix) == iso7064_check(prefix)
    assert validation.id_number(number) == number
    assert validation.id_number(number.lower()) == number


@given(prefixes)
def test_every_single_character_change_rejected(prefix: str) -> None:
    number = prefix + iso7064_check(prefix)
    for i in range(18):
        for c in "0123456789X":
            if c != number[i]:
                changed = number[:i] + c + number[i + 1:]
                err = error_of(validation.id_number, changed)
                assert err.code.startswith("validation.id_number_")
                assert err.field == "id_number"


@pytest.mark.parametrize("bad", [
    "11010519491231002",  # 17 characters
    "11010519491231002X1",
    "1101051949123100X2",  # X only as the check character
    "11010519491231002Y",
    "110105 19491231002X",
    "abcdefghijklmnopqr",
    "110105194912310",
])
def test_id_number_format(bad: str) -> None:
    err = error_of(validation.id_number, bad, field="id_number")
    assert (err.code, err.field, err.params["value"]) == ("validation.id_number_format",
                                                          "id_number", bad)
    assert_mentions_value(err, bad)


def with_check(prefix: str) -> str:
    return prefix + iso7064_check(prefix)


@pytest.mark.parametrize("prefix", [
    "110105" + "18991231" + "002",  # before 1900
    "110105" + "20230229" + "002",  # no such day
    "110105" + "19491301" + "002",
    "110105" + "19490000" + "002",
    "110105" + "00000000" + "002",
])
def test_id_number_date(prefix: str) -> None:
    number = with_check(prefix)
    err = error_of(validation.id_number, number)
    assert (err.code, err.field) == ("validation.id_number_date", "id_number")
    assert_mentions_value(err, number)


def test_id_number_date_bounds() -> None:
    first = with_check("11010519000101001")
    assert validation.id_number(first) == first
    today = with_check("110105" + clock.today().strftime("%Y%m%d") + "001")
    assert validation.id_number(today) == today
    tomorrow = with_check("110105" + (clock.today() + datetime.timedelta(days=1))
                          .strftime("%Y%m%d") + "001")
    assert error_of(validation.id_number, tomorrow).code == "validation.id_number_date"
    clock.shift(datetime.timedelta(days=1))  # conftest resets the clock
    assert validation.id_number(tomorrow) == tomorrow


def test_id_number_check() -> None:
    err = error_of(validation.id_number, "110105194912310021", field="id_number")
    assert (err.code, err.field, err.params["expected"]) == (
        "validation.id_number_check", "id_number", "X")
    assert_mentions_value(err, "110105194912310021")
    assert "X" in err.message("zh") and "X" in err.message("en")


def test_id_number_optional_unless_required() -> None:
    assert validation.id_number("") == ""
    assert validation.id_number("  ") == ""
    assert validation.id_number(None) == ""
    err = error_of(validation.id_number, "", required=True)
    assert (err.code, err.field) == ("validation.required", "id_number")


# --- phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("86 13812345678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("19912345678", "19912345678"),
    ("１３８１２３４５６７８", "13812345678"),
    (" 15012345678 ", "15012345678"),
])
def test_mobile_accepts(text: str, expected: str) -> None:
    assert validation.mobile(text) == expected
    assert validation.phone(text) == expected


@pytest.mark.parametrize("bad", [
    "12812345678",  # second digit 2
    "10012345678",
    "1381234567",  # 10 digits
    "138123456789",
    "23812345678",
    "1381234567a",
    "+85 13812345678",
    "0371-65123456",
    "138_1234_5678",
])
def test_mobile_rejects(bad: str) -> None:
    err = error_of(validation.mobile, bad, field="phone2")
    assert (err.code, err.field, err.params["value"]) == ("validation.mobile", "phone2", bad)
    assert_mentions_value(err, bad)
    assert "备用电话" in err.message("zh") and "second phone" in err.message("en")


def test_mobile_optional_unless_required() -> None:
    assert validation.mobile("") == ""
    assert error_of(validation.mobile, " ", required=True).code == "validation.required"


@pytest.mark.parametrize(("text", "expected"), [
    ("0371-6512345", "0371-6512345"),
    ("0371-65123456", "0371-65123456"),
    ("(0371)65123456", "0371-65123456"),
    ("（0371）65123456", "0371-65123456"),
    ("(0371) 6512 3456", "0371-65123456"),
    ("010 12345678", "010-12345678"),
    ("010-82345678", "010-82345678"),
    ("01082345678", "010-82345678"),
    ("02164321234", "021-64321234"),
    ("03716512345", "0371-6512345"),
    ("037165123456", "0371-65123456"),
    ("0371 6512 3456", "0371-65123456"),
    ("0371－65123456", "0371-65123456"),
    ("0371—65123456", "0371-65123456"),
    ("0371-65123456-801", "0371-65123456-801"),
    ("0371-65123456-", "0371-65123456"),  # separators only
    ("0371-65123456转801", "0371-65123456-801"),
    ("0371-65123456 ext. 801", "0371-65123456-801"),
    ("0371 65123456 x801", "0371-65123456-801"),
    ("6512345", "6512345"),
    ("65123456", "65123456"),
    ("6512-3456", "65123456"),
    ("65123456-801", "65123456-801"),
    ("400-123-4567", "400-123-4567"),
    ("4001234567", "400-123-4567"),
    ("800 123 4567", "800-123-4567"),
    ("95598", "95598"),
    ("95588", "95588"),
])
def test_phone_accepts_landlines(text: str, expected: str) -> None:
    assert validation.phone(text) == expected
    assert validation.phone(expected) == expected  # normalised text stays as it is


@pytest.mark.parametrize("bad", [
    "abc",
    "12345",
    "123456",
    "0371-12345",  # local number too short
    "0371-123456789",
    "0371-05123456",  # local numbers never start with 0
    "037-6512345",  # no such area code
    "0012345678",
    "00371-65123456",
    "0371-65123456转",
    "0371-65123456转1234567",
    "13812345678转801",
    "0371-6512345a",
    "0371-65123456-801-2",
    "400-123-456",
    "4001234567转1",
    "+86 0371 65123456",
    "1281234 5678",  # a mistyped mobile, not a local number with extension
    "1234567",
    "(0371-65123456",
])
def test_phone_rejects(bad: str) -> None:
    err = error_of(validation.phone, bad)
    assert (err.code, err.field, err.params["value"]) == ("validation.phone", "phone", bad)
    assert_mentions_value(err, bad)
    assert "联系电话" in err.message("zh")


def test_phone_optional_unless_required() -> None:
    assert validation.phone("") == ""
    assert validation.phone(None) == ""
    err = error_of(validation.phone, "", field="phone2", required=True)
    assert (err.code, err.field) == ("validation.required", "phone2")


# --- area -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("85.5", "85.50"),
    ("85.50", "85.50"),
    ("85", "85.00"),
    (" 85 ", "85.00"),
    ("85.5㎡", "85.50"),
    ("85.5 m²", "85.50"),
    ("85.5m2", "85.50"),
    ("85.5 M2", "85.50"),
    ("85.5平方米", "85.50"),
    ("85.5 平米", "85.50"),
    ("８５．５", "85.50"),
    (".5", "0.50"),
    ("0.01", "0.01"),
    ("100000", "100000.00"),
    ("100000.00", "100000.00"),
    (85, "85.00"),
    (D("85.5"), "85.50"),
    (D("85.500"), "85.50"),  # computed Decimals may carry zeros
    (85.5, "85.50"),  # a spin box's float, through its shortest repr
])
def test_area_accepts(value: object, expected: str) -> None:
    result = validation.area(value)
    assert str(result) == expected


@pytest.mark.parametrize(("value", "shown"), [
    ("0", "0.00"),
    ("0.00", "0.00"),
    ("100000.01", "100000.01"),
    ("200000", "200000.00"),
    ("-5", "-5.00"),
    ("-0.01", "-0.01"),
    (0, "0.00"),
    (D("100000.01"), "100000.01"),
])
def test_area_range(value: object, shown: str) -> None:
    err = error_of(validation.area, value)
    assert (err.code, err.field) == ("validation.area_range", "heating_area")
    assert (err.params["min"], err.params["max"], err.params["value"]) == ("0.01", "100000", shown)
    assert_mentions_value(err, shown)
    assert "0.01" in err.message("en") and "100000" in err.message("zh")


@pytest.mark.parametrize("value", [
    "abc", "1.234", "1.230", "0.001", "85,5", "1e3", "--5", "85 5", "NaN", "Infinity",
    "85.5 ft", D("1.234"), D("NaN"), True, "1" * 40,
])
def test_area_format(value: object) -> None:
    err = error_of(validation.area, value, field="heating_area")
    assert (err.code, err.field) == ("validation.area_format", "heating_area")
    assert err.params["value"] is value
    assert_mentions_value(err, value)
    assert "供热面积" in err.message("zh") and "heating area" in err.message("en")


def test_area_empty_and_custom_range() -> None:
    for empty in ("", "  ", None, "㎡"):
        assert error_of(validation.area, empty).code == "validation.required"
    assert validation.area("0", min=D("0")) == D("0.00")
    err = error_of(validation.area, "12", min=D("20"), max=D("30"))
    assert (err.params["min"], err.params["max"]) == ("20", "30")


# --- choice, dates --------------------------------------------------------------------------

CATEGORIES = {"residential": ("居民", "residential"), "business": ("商业", "business")}


def test_choice() -> None:
    assert validation.choice("residential", CATEGORIES, field="category") == "residential"
    assert validation.choice(" 居民 ", CATEGORIES, field="category") == "residential"
    assert validation.choice("business", CATEGORIES, field="category") == "business"
    assert validation.choice("b", ["a", "b"], field="code") == "b"
    assert validation.choice(2, {1: "一", 2: "二"}, field="code") == 2
    assert validation.choice("二", {1: "一", 2: "二"}, field="code") == 2


def test_choice_error_lists_choices() -> None:
    err = error_of(validation.choice, "farm", CATEGORIES, field="category")
    assert (err.code, err.field, err.params["choices"]) == ("validation.choice", "category",
                                                            "居民、商业")
    assert_mentions_value(err, "farm")
    assert "居民、商业" in err.message("zh")
    assert error_of(validation.choice, "c", ("a", "b"), field="code").params["choices"] == "a、b"
    messages.set_language("en")
    try:
        err = error_of(validation.choice, "farm", CATEGORIES, field="category")
    finally:
        messages.set_language("zh")
    assert err.params["choices"] == "residential、business"


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-05", datetime.date(2024, 3, 5)),
    (" 2024-3-5 ", datetime.date(2024, 3, 5)),
    ("2024/03/05", datetime.date(2024, 3, 5)),
    ("2024.3.5", datetime.date(2024, 3, 5)),
    ("2024年3月5日", datetime.date(2024, 3, 5)),
    ("２０２４－０３－０５", datetime.date(2024, 3, 5)),
    (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5)),
    (datetime.datetime(2024, 3, 5, 10, 30), datetime.date(2024, 3, 5)),
])
def test_parse_date(value: object, expected: datetime.date) -> None:
    result = validation.parse_date(value, field="start_date")
    assert result == expected and type(result) is datetime.date


@pytest.mark.parametrize("bad", ["2023-02-29", "2024-13-01", "2024-00-10", "24-03-05",
                                 "2024-03-05T10:00", "20240305x", "tomorrow", "2024-03"])
def test_parse_date_rejects(bad: str) -> None:
    err = error_of(validation.parse_date, bad, field="end_date")
    assert (err.code, err.field) == ("validation.date", "end_date")
    assert_mentions_value(err, bad)
    assert error_of(validation.parse_date, "", field="end_date").code == "validation.required"


# --- Collector ------------------------------------------------------------------------------


def test_collector_gathers_every_error() -> None:
    v = Collector()
    name = v.check(validation.required, "  王五 ", field="name")
    phone = v.check(validation.phone, "12345", field="phone")
    ident = v.check(validation.id_number, "110105194912310021")
    heating = v.check(validation.area, "abc")
    v.add(UserError("validation.required", field="community"))
    assert name == "王五" and phone is None and ident is None and heating is None
    with pytest.raises(ValidationErrors) as info:
        v.raise_if_any()
    errors = info.value.errors
    assert [(e.code, e.field) for e in errors] == [
        ("validation.phone", "phone"),
        ("validation.id_number_check", "id_number"),
        ("validation.area_format", "heating_area"),
        ("validation.required", "community"),
    ]
    assert info.value.field == "phone"
    text = info.value.message("zh")
    assert "12345" in text and "abc" in text and len(text.splitlines()) == 4


def test_collector_passes_and_flattens() -> None:
    v = Collector()
    assert v.check(validation.mobile, "13812345678") == "13812345678"
    v.raise_if_any()  # nothing to raise
    inner = Collector()
    inner.check(validation.required, "", field="name")
    inner.check(validation.required, "", field="room")

    def nested() -> None:
        inner.raise_if_any()

    v.check(nested)
    assert [e.field for e in v.errors] == ["name", "room"]


def test_collector_as_context_manager() -> None:
    with pytest.raises(ValidationErrors) as info, Collector() as v:
        v.check(validation.area, "0")
        v.check(validation.mobile, "1")
    assert [e.code for e in info.value.errors] == ["validation.area_range", "validation.mobile"]
    with Collector() as v:
        v.check(validation.area, "1")
    with pytest.raises(KeyError), Collector() as v:  # a bug is not swallowed or replaced
        v.check(validation.area, "0")
        raise KeyError("bug")


def test_collect() -> None:
    assert validation.collect(lambda: validation.area("1"), lambda: 5) == [D("1.00"), 5]
    with pytest.raises(ValidationErrors) as info:
        validation.collect(lambda: validation.area("x"), lambda: validation.mobile("2"))
    assert len(info.value.errors) == 2


def test_every_code_has_text() -> None:
    for code in ("validation.required", "validation.too_long", "validation.id_number_format",
                 "validation.id_number_date", "validation.id_number_check", "validation.phone",
                 "validation.mobile", "validation.area_format", "validation.area_range",
                 "validation.choice", "validation.date", "validation.several",
                 "money.format", "money.precision", "money.negative"):
        zh, en = messages.MESSAGES[code]
        assert zh and en
