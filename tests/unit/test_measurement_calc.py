"""The area rules worked by hand: each kind's share, the ceiling factor, the certificate basis."""

from decimal import Decimal as D

import pytest

from heatoffice.measurements.calc import DEFAULT_RULES, AreaRules, Part, area_of


def P(name, length=None, width=None, kind="room", area=None):
    return Part(name, kind, None if length is None else D(length),
                None if width is None else D(width), None if area is None else D(area))


def test_rooms_are_length_times_width_exactly():
    # 4.25 × 3.65 = 15.5125 and 3.35 × 2.95 = 9.8825: 25.3950 → 25.40 (rounded once)
    assert area_of(DEFAULT_RULES, [P("卧室", "4.25", "3.65"), P("书房", "3.35", "2.95")]) \
        == D("25.40")


def test_rounding_once_not_per_part():
    # 1.005 × 1 = 1.005 twice: per part 1.01 + 1.01 = 2.02; once: 2.010 → 2.01
    parts = [P("a", "1.005", "1"), P("b", "1.005", "1")]
    assert area_of(DEFAULT_RULES, parts) == D("2.01")


@pytest.mark.parametrize("kind, expected", [
    ("balcony-heated", D("6.00")),    # 4.00 × 1.50 = 6.00 at 100 %
    ("balcony-unheated", D("3.00")),  # 6.00 at 50 %
    ("balcony-open", D("0.00")),      # 6.00 at 0 %
    ("loft", D("3.00")),              # 6.00 at 50 %
    ("stairwell", D("6.00")),
    ("other", D("6.00")),
])
def test_each_kind_counts_its_share(kind, expected):
    assert area_of(DEFAULT_RULES, [P("x", "4.00", "1.50", kind)]) == expected


def test_a_part_measured_directly():
    assert area_of(DEFAULT_RULES, [P("阁楼", kind="loft", area="12.35")]) == D("6.18")  # 6.175


def test_ceiling_above_three_metres_scales_the_whole_area():
    parts = [P("厅", "5.00", "4.00"), P("阳台", "3.00", "1.20", "balcony-unheated")]
    # 20.00 + 3.60 × 50 % = 21.80; × 3.30 / 3.00 = 23.98
    assert area_of(DEFAULT_RULES, parts, height=D("3.30")) == D("23.98")
    # at exactly 3.00 m, and below, nothing changes
    assert area_of(DEFAULT_RULES, parts, height=D("3.00")) == D("21.80")
    assert area_of(DEFAULT_RULES, parts, height=D("2.80")) == D("21.80")
    # 21.80 × 3.10 / 3.00 = 22.526666… → 22.53
    assert area_of(DEFAULT_RULES, parts, height=D("3.10")) == D("22.53")


def test_every_rule_together():
    parts = [P("卧室", "4.20", "3.50"),                      # 14.70
             P("厅", "5.15", "3.85"),                         # 19.8275
             P("北阳台", "3.00", "1.40", "balcony-heated"),   # 4.20
             P("南阳台", "3.30", "1.50", "balcony-unheated"),  # 4.95 × 50 % = 2.475
             P("露台", "4.00", "2.00", "balcony-open"),        # 0
             P("阁楼", kind="loft", area="10.01"),             # 5.005
             P("楼梯", "2.00", "0.90", "stairwell")]           # 1.80
    # sum 48.0075; × 3.60 / 3.00 = 57.609 → 57.61
    assert area_of(DEFAULT_RULES, parts, height=D("3.60")) == D("57.61")
    assert area_of(DEFAULT_RULES, parts) == D("48.01")


def test_the_certificate_basis():
    rules = AreaRules(version=2, shares=DEFAULT_RULES.shares, coefficient=D("0.85"))
    # 96.35 × 0.85 = 81.8975 → 81.90
    assert area_of(rules, [], basis="certificate", usable_area=D("96.35")) == D("81.90")
    # with a 3.15 m ceiling: 81.8975 × 1.05 = 85.992375 → 85.99
    assert area_of(rules, [], basis="certificate", usable_area=D("96.35"),
                   height=D("3.15")) == D("85.99")


def test_edited_shares_are_used():
    rules = AreaRules(version=3, shares={**DEFAULT_RULES.shares, "balcony-unheated": D("0.6")})
    assert area_of(rules, [P("阳台", "3.00", "1.50", "balcony-unheated")]) == D("2.70")
