"""Field validation: each failure is a UserError naming the field and the value."""

from __future__ import annotations

import datetime
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from heatoffice import clock, glossary
from heatoffice.errors import UserError, ValidationErrors

T = TypeVar("T")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"[0-9]{17}[0-9X]")

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# Beijing (010) and 020-029 have three-digit area codes, every other area four; this is
# what lets "03716512345" be split without a separator.
_AREA_CODE = r"(?:010|02[0-9]|0[3-9][0-9]{2})"
_LOCAL = r"[1-9][0-9]{6,7}"  # a leading 0 would be the trunk prefix of an area code
# Without an area code a leading 1 is more likely a mistyped mobile than a local number.
_BARE_LOCAL = r"[2-9][0-9]{6,7}"
_LANDLINE_RE = re.compile(rf"({_AREA_CODE})({_LOCAL})")
_SERVICE_RE = re.compile(r"([48]00)([0-9]{3})([0-9]{4})|95[0-9]{3,6}")
_EXTENSION_SPLIT = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces, ASCII and typographic dashes

_AREA_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
# NFKC turns "㎡" and "m²" into "m2"; longest suffix first.
_AREA_SUFFIXES = ("平方米", "平米", "m2", "平")
_DATE_RE = re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?")


def _text(value: Any) -> str:
    # Full-width digits, letters and punctuation from Chinese input methods become ASCII.
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


def required(value: Any, field: str) -> str:
    """``value`` stripped; "validation.required" when nothing is left."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise UserError("validation.required", field=field, value=text)
    return text


def max_length(value: str, n: int, field: str) -> str:
    """``value`` unchanged when it has at most ``n`` characters."""
    if len(value) > n:
        raise UserError("validation.too_long", field=field, value=value, max=n, length=len(value))
    return value


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits of an ID number."""
    if len(first17) != len(ID_WEIGHTS):
        raise ValueError(f"an ID number's check needs 17 digits, not {first17!r}")
    return ID_CHECK_CHARS[sum(map(operator.mul, map(int, first17), ID_WEIGHTS)) % 11]


def id_number(value: Any, field: str = "id_number", *, required: bool = False) -> str:
    """An 18-character resident ID number (GB 11643-1999), check character upper-case.

    The birth date must lie between 1900-01-01 and today. Empty input gives "" unless
    ``required``.
    """
    text = _text(value).upper()
    if not text:
        if required:
            raise UserError("validation.required", field=field, value=text)
        return ""
    if not _ID_RE.fullmatch(text):
        raise UserError("validation.id_number_format", field=field, value=value)
    try:
        born = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        born = None
    if born is None or not datetime.date(1900, 1, 1) <= born <= clock.today():
        raise UserError("validation.id_number_date", field=field, value=value)
    expected = id_check_char(text[:17])
    if text[17] != expected:
        raise UserError("validation.id_number_check", field=field, value=value, expected=expected)
    return text


def _mobile_digits(text: str) -> str | None:
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if _MOBILE_RE.fullmatch(digits) else None


def mobile(value: Any, field: str = "phone", *, required: bool = False) -> str:
    """A mainland mobile number as its 11 digits ("+86 138-1234-5678" -> "13812345678").

    Empty input gives "" unless ``required``.
    """
    text = _text(value)
    if not text:
        if required:
            raise UserError("validation.required", field=field, value=text)
        return ""
    digits = _mobile_digits(text)
    if digits is None:
        raise UserError("validation.mobile", field=field, value=value)
    return digits


def _landline(text: str) -> str | None:
    """"0371-65123456", "65123456" or with "-extension"; None when ``text`` is neither."""
    parts = _EXTENSION_SPLIT.split(text)
    if len(parts) > 2:
        return None
    extension = parts[1] if len(parts) == 2 else None
    main = re.sub(r"^\((0[0-9]{2,3})\)", r"\1-", parts[0])
    groups = [g for g in _SEPARATORS.split(main) if g]
    if not groups or not all(g.isascii() and g.isdigit() for g in groups):
        return None
    joined = "".join(groups)
    service = _SERVICE_RE.fullmatch(joined)
    if service and extension is None:
        return "-".join(service.groups()) if service[1] else joined
    area = None
    if groups[0].startswith("0"):
        if len(groups) == 1:
            m = _LANDLINE_RE.fullmatch(groups[0])
            if not m:
                return None
            area, groups = m[1], [m[2]]
        else:
            area, groups = groups[0], groups[1:]
            if not re.fullmatch(_AREA_CODE, area):
                return None
    local_re = _LOCAL if area else _BARE_LOCAL
    # "65123456 801": a complete local number followed by a short group is an extension.
    if extension is None and len(groups) == 2 and re.fullmatch(local_re, groups[0]):
        groups, extension = groups[:1], groups[1]
    local = "".join(groups)
    if not re.fullmatch(local_re, local):
        return None
    if extension is not None and not re.fullmatch(r"[0-9]{1,6}", extension):
        return None
    return "-".join(p for p in (area, local, extension) if p)


def phone(value: Any, field: str = "phone", *, required: bool = False) -> str:
    """A mobile (11 digits) or a landline normalised as "0371-65123456[-801]".

    Also accepts local numbers without area code, 400/800 numbers ("400-123-4567") and
    95xxx service numbers. Empty input gives "" unless ``required``.
    """
    text = _text(value)
    if not text:
        if required:
            raise UserError("validation.required", field=field, value=text)
        return ""
    result = _mobile_digits(text) or _landline(text)
    if result is None:
        raise UserError("validation.phone", field=field, value=value)
    return result


def area(value: Any, field: str = "heating_area", *, min: Decimal = Decimal("0.01"),
         max: Decimal = Decimal("100000")) -> Decimal:
    """An area in m² ("85.5", "85.50㎡", 85) as Decimal with two decimals, within [min, max].

    Typed text may have at most two decimals; empty input is "validation.required".
    """
    if isinstance(value, float):
        # Spin boxes and spreadsheets hand over floats; their shortest repr is what was shown.
        value = repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise UserError("validation.area_format", field=field, value=value)
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        text = _text(value)
        for suffix in _AREA_SUFFIXES:
            if text.lower().endswith(suffix):
                text = text[: -len(suffix)].strip()
                break
        if not text:
            raise UserError("validation.required", field=field, value=value)
        if not _AREA_RE.fullmatch(text) or len(text.partition(".")[2]) > 2:
            raise UserError("validation.area_format", field=field, value=value)
        number = Decimal(text)
    try:
        rounded = number.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than the decimal context holds
        raise UserError("validation.area_format", field=field, value=value) from None
    if rounded != number:  # a Decimal like 1.234; a computed 85.500 is fine
        raise UserError("validation.area_format", field=field, value=value)
    number = rounded
    if not min <= number <= max:
        raise UserError("validation.area_range", field=field, value=str(number),
                        min=str(min), max=str(max))
    return number


def _labels(label: Any) -> tuple[str, ...]:
    # The project's label tables map a key to (zh, en); a plain label is one string.
    return tuple(map(str, label)) if isinstance(label, (tuple, list)) else (str(label),)


def choice(value: Any, choices: Mapping[Any, Any] | Iterable[Any], field: str) -> Any:
    """The key ``value`` names among ``choices``.

    A mapping is {key: label} or {key: (zh, en)}: the key or any of its labels is accepted
    and the key returned; the error lists the labels in the current language.
    """
    options = dict(choices) if isinstance(choices, Mapping) else {c: c for c in choices}
    key = value.strip() if isinstance(value, str) else value
    for k, label in options.items():
        if key == k or (isinstance(key, str) and key in _labels(label)):
            return k
    shown = [(names[0], names[-1]) for names in map(_labels, options.values())]
    choices = glossary.text("、".join(zh for zh, _ in shown), "、".join(en for _, en in shown))
    raise UserError("validation.choice", field=field, value=value, choices=choices)


def parse_date(value: Any, field: str) -> datetime.date:
    """A date from a ``date``/``datetime`` or text "YYYY-MM-DD" (also "/", "." or 年月日)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        raise UserError("validation.required", field=field, value=text)
    m = _DATE_RE.fullmatch(text)
    try:
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise UserError("validation.date", field=field, value=value)


class Collector:
    """Runs several checks and raises all their errors together as ValidationErrors.

    ``v = Collector(); phone = v.check(validation.phone, text, field="phone"); ...;
    v.raise_if_any()``; or ``with Collector() as v: ...`` which raises on leaving.
    """

    def __init__(self) -> None:
        self.errors: list[UserError] = []

    def check(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``fn(*args, **kwargs)``, or None after recording its UserError."""
        try:
            return fn(*args, **kwargs)
        except ValidationErrors as e:
            self.errors.extend(e.errors)
        except UserError as e:
            self.errors.append(e)
        return None

    def add(self, error: UserError) -> None:
        self.errors.append(error)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(list(self.errors))

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.raise_if_any()


def collect(*checks: Callable[[], Any]) -> list[Any]:
    """Each check's result, in order; ValidationErrors with every failure if any failed."""
    v = Collector()
    results = [v.check(c) for c in checks]
    v.raise_if_any()
    return results
