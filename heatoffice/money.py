"""Money as Decimal yuan, stored as integer fen; half-up rounding; formatting; 大写 capitals."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation

from heatoffice.errors import UserError

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# A RateField holds millionths: four decimals of a percent show every stored rate exactly.
RATE_PLACES = 4

# Largest amount capitals() writes: 9999亿9999万9999元9角9分.
CAPITALS_LIMIT = Decimal("999999999999.99")

# The largest single amount a user may enter (a payment, an adjustment, a price): the
# business setting "max_amount" (heatoffice.config.max_amount) with this default. Whatever
# the setting, parse_money never lets through more than CAPITALS_LIMIT, so an amount always
# fits a 64-bit integer of fen and can be written in capitals on a receipt.
MAX_AMOUNT = Decimal("9999999.99")

# After NFKC (full-width ￥，０-９ become ¥ , 0-9): optional sign on either side of the symbol,
# digits with or without correct thousands grouping, optional fraction, optional 元.
_MONEY_RE = re.compile(
    r"(?P<sign>[+-]?)\s*¥?\s*(?P<sign2>[+-]?)\s*"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?P<frac>\.[0-9]+)?\s*元?",
    re.ASCII,
)

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
# The unit written after the last digit of each four-digit section, low to high.
_SECTIONS = ("元", "万", "亿")


def _decimal(x: Decimal | int) -> Decimal:
    # bool is an int, and a float would carry binary noise into money: both are bugs.
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int) and not isinstance(x, bool):
        return Decimal(x)
    raise TypeError(f"money must be Decimal or int, not {type(x).__name__}")


def round_fen(x: Decimal | int) -> Decimal:
    """``x`` rounded to the fen, halves away from zero (1.005 -> 1.01, -1.005 -> -1.01)."""
    return _decimal(x).quantize(FEN, rounding=ROUND_HALF_UP)


def to_fen(x: Decimal | int) -> int:
    """The integer number of fen in ``x``; ValueError unless ``x`` is exact to the fen."""
    d = x if x.__class__ is Decimal else _decimal(x)
    if d.is_finite():
        try:
            n = d.scaleb(2, _UNROUNDED)
        except Inexact:  # more digits than even _UNROUNDED keeps: not money
            n = None
        if n is not None and n == n.to_integral_value():
            return int(n)
    raise ValueError(f"{x!r} is not a whole number of fen")


def from_fen(n: int) -> Decimal:
    """``n`` fen as yuan with exactly two decimals."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"fen must be int, not {type(n).__name__}")
    if -_EXACT < n < _EXACT:
        return Decimal(n).scaleb(-2, _WIDE)  # exact: the coefficient is kept as it is
    sign = 1 if n < 0 else 0
    return Decimal((sign, tuple(map(int, str(abs(n)))), -2))


# scaleb rounds only a coefficient longer than the context's precision; with 40 digits no
# amount of money comes near it, and the shortcut is five times quicker than the digit tuple
# (it runs once per row of every list and export).
_WIDE = Context(prec=40)
# to_fen's exact shift: a value it would have to round is refused, never rounded
_UNROUNDED = Context(prec=40, traps=[Inexact])
_EXACT = 10 ** 40


def parse_money(text: str | int | Decimal, *, field: str = "amount",
                allow_negative: bool = False, maximum: Decimal | None = None) -> Decimal:
    """An amount typed by a user ("¥1,234.5", "1234.50元", "-3") as Decimal with two decimals.

    Its size (either sign) may not exceed ``maximum`` (the services pass the "max_amount"
    setting), and never CAPITALS_LIMIT: "money.too_large" names the field and the limit."""
    if isinstance(text, float):
        raise TypeError("money may not be a float: pass str or Decimal")
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        value = _decimal(text)
        if not value.is_finite():
            raise UserError("money.format", field=field, value=text)
    elif isinstance(text, str):
        cleaned = unicodedata.normalize("NFKC", text).strip()
        if not cleaned:
            raise UserError("validation.required", field=field, value=text)
        m = _MONEY_RE.fullmatch(cleaned)
        if not m or (m["sign"] and m["sign2"]) or not (m["int"] or m["frac"]):
            raise UserError("money.format", field=field, value=text)
        if m["frac"] and len(m["frac"]) > 3:  # as typed: "1.230" has three decimals too
            raise UserError("money.precision", field=field, value=text)
        value = Decimal((m["int"] or "0").replace(",", "") + (m["frac"] or ""))
        if "-" in (m["sign"], m["sign2"]):
            value = -value
    else:
        raise TypeError(f"money must be str, int or Decimal, not {type(text).__name__}")
    try:
        rounded = round_fen(value)
    except InvalidOperation:  # too many digits for the decimal context
        raise UserError("money.format", field=field, value=text) from None
    if rounded != value:  # a computed Decimal("2137.5000") is exact to the fen, "1.234" is not
        raise UserError("money.precision", field=field, value=text)
    if rounded < 0 and not allow_negative:
        raise UserError("money.negative", field=field, value=text)
    check_maximum(rounded, field=field, maximum=maximum, value=text)
    return rounded if rounded else abs(rounded)  # no "-0.00"


def check_maximum(amount: Decimal, *, field: str = "amount", maximum: Decimal | None = None,
                  value: object = None) -> Decimal:
    """``amount`` when its size is at most ``maximum`` (and CAPITALS_LIMIT), else
    "money.too_large" naming ``field``, the value (``value`` as typed, if given) and the
    limit."""
    limit = CAPITALS_LIMIT if maximum is None else min(maximum, CAPITALS_LIMIT)
    if abs(amount) > limit:
        raise UserError("money.too_large", field=field,
                        value=amount if value is None else value, max=format_yuan(limit))
    return amount


def format_yuan(x: Decimal | int, symbol: bool = True) -> str:
    """"¥1,234.50" / "-¥1,234.50"; rounded to the fen, always two decimals."""
    d = round_fen(x)
    body = f"{'¥' if symbol else ''}{abs(d):,.2f}"
    return f"-{body}" if d < 0 else body


def format_percent(rate: Decimal | int, places: int = 2) -> str:
    """A share as a percent: 0.3 -> "30%", 0.0005 -> "0.05%", 0.463351 -> "46.34%".

    ``rate`` × 100 rounded half-up to ``places`` decimals, trailing zeros dropped. Tariff
    rates pass ``places=RATE_PLACES`` so that a bill, a notice or a form never shows a rate
    other than the one the fee was computed with.
    """
    exact = _decimal(rate) * 100
    shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{shown if shown else abs(shown):f}"  # no "-0%"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def capitals(x: Decimal | int) -> str:
    """The amount in Chinese capitals (大写金额) as written on cheques and receipts.

    Follows 《正确填写票据和结算凭证的基本规定》: every 拾 has its digit (壹拾), one 零 stands
    for a run of zeros between two digits, a zero 角 before a non-zero 分 is written 零, and
    "整" ends an amount without 分. Where the rules let the writer choose, a single zero at
    the 元, 万 or 亿 digit is not written (叁拾元伍角, 壹拾万伍仟) while longer runs are
    (壹佰元零壹角, 壹佰万零伍仟).
    """
    d = round_fen(x)
    if abs(d) > CAPITALS_LIMIT:
        raise ValueError(f"{x} is beyond 9999亿")
    fen = abs(to_fen(d))
    if fen == 0:
        return "零元整"
    # Digits from the highest 仟亿 down to 分, with the unit written after each one
    # (the section unit only on the section's last digit).
    integer, cents = divmod(fen, 100)
    digits = [int(c) for c in f"{integer:012d}"] + [cents // 10, cents % 10]
    units: list[str] = []
    for pos in range(11, -1, -1):
        section, place = divmod(pos, 4)
        units.append(_UNITS[place] + (_SECTIONS[section] if place == 0 else ""))
    units += ["角", "分"]

    out: list[str] = []
    started = False  # a non-zero digit has been written
    zeros = 0  # length of the run of zeros since the last written digit
    for i, (digit, unit) in enumerate(zip(digits, units, strict=True)):
        if digit == 0:
            if started:
                zeros += 1
            # A zero last digit still closes the yuan, and a 万 or 亿 section with a digit.
            if started and (unit == "元" or (unit in ("万", "亿") and any(digits[i - 3:i]))):
                out.append(unit)
            continue
        if zeros and not (zeros == 1 and units[i - 1] in _SECTIONS):
            out.append("零")
        out.append(_DIGITS[digit] + unit)
        started, zeros = True, 0
    if digits[-1] == 0:
        out.append("整")
    return ("负" if d < 0 else "") + "".join(out)
