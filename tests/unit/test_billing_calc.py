"""The lines of a season bill: exact yuan cases and properties of every bill."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D
from decimal import localcontext
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatoffice.accounts.models import STATUSES
from heatoffice.billing.calc import (
    BILLABLE,
    AccountFacts,
    Line,
    TariffTerms,
    bill_lines,
    bill_total,
    billable,
    supply_days,
)
from heatoffice.billing.models import LINE_KINDS
from heatoffice.money import round_fen

START, END = dt.date(2026, 11, 15), dt.date(2027, 3, 15)  # 121 days heated

TERMS = TariffTerms(category="residential", price_per_m2=D("24.00"), stopped_share=D("0.30"),
                    relief_share=D("0.50"), relief_max_area=D("60.00"), relief_cap=D("600.00"))
ODD = TariffTerms(category="residential", price_per_m2=D("24.15"), stopped_share=D("0.30"))
TWO_PART = TariffTerms(category="institution", price_per_m2=D("30.00"),
                       stopped_share=D("0.20"), basic_price_per_m2=D("12.00"),
                       price_per_gj=D("45.00"), relief_share=D("0.50"),
                       relief_max_area=D("60.00"), relief_cap=D("600.00"))
TWO_PART_HOME = TariffTerms(category="residential", price_per_m2=D("24.00"),
                            stopped_share=D("0.30"), basic_price_per_m2=D("9.60"),
                            price_per_gj=D("30.00"))
ODD_TWO_PART = TariffTerms(category="residential", price_per_m2=D("24.15"),
                           stopped_share=D("0.30"), basic_price_per_m2=D("9.61"),
                           price_per_gj=D("30.00"))
ODD_TWO_PART2 = TariffTerms(category="residential", price_per_m2=D("24.04"),
                            stopped_share=D("0.30"), basic_price_per_m2=D("9.61"),
                            price_per_gj=D("30.00"))


def facts(status="heating", area="85.50", low_income=False, connected_on=None,
          category="residential"):
    return AccountFacts(category=category, status=status, area=D(area), low_income=low_income,
                        connected_on=connected_on)


def summary(lines):
    return [(line.kind, line.amount) for line in lines]


CASES = [
    # (terms, facts, expected lines, expected total)
    (TERMS, facts(), [("heat", "2052.00")], "2052.00"),
    (TERMS, facts("stopped"), [("stopped", "615.60")], "615.60"),
    (TERMS, facts("cut_off"), [("stopped", "615.60")], "615.60"),
    # 2052.00 × 60/121 = 1017.5206…
    (TERMS, facts(connected_on=dt.date(2027, 1, 15)), [("prorated", "1017.52")], "1017.52"),
    # connected on the first day, or before the season: the full fee
    (TERMS, facts(connected_on=START), [("heat", "2052.00")], "2052.00"),
    (TERMS, facts(connected_on=dt.date(2019, 5, 1)), [("heat", "2052.00")], "2052.00"),
    # connected on the last day: one day of 121
    (TERMS, facts(connected_on=END), [("prorated", "16.96")], "16.96"),
    # relief: 60 m² × 24 × 50 % = 720, capped at 600
    (TERMS, facts(area="120.00", low_income=True), [("heat", "2880.00"), ("relief", "-600.00")],
     "2280.00"),
    # relief below the cap: 40 m² × 24 × 50 % = 480
    (TERMS, facts(area="40.00", low_income=True), [("heat", "960.00"), ("relief", "-480.00")],
     "480.00"),
    # relief on a stopped home follows the stopped amount: 60 × 24 × 30 % × 50 % = 216
    (TERMS, facts("stopped", low_income=True), [("stopped", "615.60"), ("relief", "-216.00")],
     "399.60"),
    # relief on a mid-season connection follows the days: 60 × 24 × 60/121 × 50 % = 357.02…
    (TERMS, facts(low_income=True, connected_on=dt.date(2027, 1, 15)),
     [("prorated", "1017.52"), ("relief", "-357.02")], "660.50"),
    # half-up rounding per line
    (ODD, facts(area="33.33"), [("heat", "804.92")], "804.92"),          # 804.9195
    (ODD, facts(area="10.30"), [("heat", "248.75")], "248.75"),          # 248.745: not 248.74
    (ODD, facts(area="12.50", status="stopped"), [("stopped", "90.56")], "90.56"),  # 90.5625
    (ODD, facts(area="85.50", status="stopped"), [("stopped", "619.45")], "619.45"),  # 619.4475
    # two-part: the basic part and the advance on metered heat; together the full fee
    (TWO_PART, facts(area="500.00", category="institution"),
     [("basic", "6000.00"), ("metered", "9000.00")], "15000.00"),
    (TWO_PART, facts("stopped", area="500.00", category="institution"),
     [("stopped", "3000.00")], "3000.00"),
    # 1200 × 60/121 = 595.0413…; the full 3000 × 60/121 = 1487.6033… → 1487.60 − 595.04
    (TWO_PART, facts(area="100.00", category="institution", connected_on=dt.date(2027, 1, 15)),
     [("prorated", "595.04"), ("metered", "892.56")], "1487.60"),
    (TWO_PART, facts(area="100.00", category="institution", low_income=True),
     [("basic", "1200.00"), ("metered", "1800.00"), ("relief", "-360.00")],
     "2640.00"),  # relief on the basic part: 60 × 12 × 50 %
    (TWO_PART_HOME, facts(area="100.00"), [("basic", "960.00"), ("metered", "1440.00")],
     "2400.00"),
    # 33.33 × 9.61 = 320.3013 → 320.30; 33.33 × 24.15 = 804.9195 → 804.92; advance 484.62
    # (33.33 × 14.54 = 484.6182 would round to 484.62 too; the difference keeps the total)
    (ODD_TWO_PART, facts(area="33.33"), [("basic", "320.30"), ("metered", "484.62")],
     "804.92"),
    # 10.50 × 9.61 = 100.905 → 100.91; 10.50 × 24.04 = 252.42 exactly; the advance is
    # 252.42 − 100.91 = 151.51, not 10.50 × 14.43 = 151.515 → 151.52, which would bill a fen
    # more than the single-part fee
    (ODD_TWO_PART2, facts(area="10.50"), [("basic", "100.91"), ("metered", "151.51")],
     "252.42"),
]


@pytest.mark.parametrize(("terms", "account", "lines", "total"), CASES)
def test_exact_bills(terms, account, lines, total):
    got = bill_lines(terms, account, START, END)
    assert summary(got) == [(kind, D(amount)) for kind, amount in lines]
    assert bill_total(got) == D(total)


def test_prorated_line_shows_share_and_days():
    (line,) = bill_lines(TERMS, facts(connected_on=dt.date(2027, 1, 15)), START, END)
    assert line == Line(kind="prorated", description="按天计收热费 85.50㎡ × 24.00元/㎡ × 60/121天",
                        quantity=D("85.50"), unit_price=D("24.00"), share=D("0.495868"),
                        days=60, amount=D("1017.52"))


def test_line_texts_and_fields():
    stopped, relief = bill_lines(TERMS, facts("stopped", low_income=True), START, END)
    assert stopped.description == "报停基本热费 85.50㎡ × 24.00元/㎡ × 30%"
    assert (stopped.quantity, stopped.unit_price, stopped.share, stopped.days) == (
        D("85.50"), D("24.00"), D("0.30"), None)
    assert relief.description == "低保减免 60.00㎡ × 24.00元/㎡ × 30% × 50%，最高600.00元"
    assert (relief.quantity, relief.share) == (D("60.00"), D("0.50"))
    (cut,) = bill_lines(TERMS, facts("cut_off"), START, END)
    assert cut.description.startswith("停供期间按报停比例计收")
    basic, metered = bill_lines(TWO_PART, facts(area="500", category="institution"), START,
                                END)
    assert basic.description == "基本热费 500.00㎡ × 12.00元/㎡" and basic.unit_price == D("12.00")
    assert metered == Line(kind="metered", description="预收计量热费 500.00㎡ × 18.00元/㎡",
                           quantity=D("500.00"), unit_price=D("18.00"), share=None, days=None,
                           amount=D("9000.00"))
    _basic, mid = bill_lines(TWO_PART, facts(area="100", category="institution",
                                             connected_on=dt.date(2027, 1, 15)), START, END)
    assert (mid.description, mid.share, mid.days) == (
        "预收计量热费 100.00㎡ × 18.00元/㎡ × 60/121天", D("0.495868"), 60)
    with pytest.raises(ValueError):
        bill_lines(TariffTerms(category="residential", price_per_m2=D("9"),
                               stopped_share=D("0.3"), basic_price_per_m2=D("9.01"),
                               price_per_gj=D("30")), facts(), START, END)
    (heat,) = bill_lines(TERMS, facts(), START, END)
    assert heat.share is None and heat.days is None


@pytest.mark.parametrize("status", ["pending", "closed"])
def test_pending_and_closed_are_not_billed(status):
    assert bill_lines(TERMS, facts(status, low_income=True), START, END) == []


def test_no_bill_without_area_or_before_connection():
    assert bill_lines(TERMS, facts(area="0"), START, END) == []
    assert bill_lines(TERMS, facts(connected_on=END + dt.timedelta(days=1)), START, END) == []
    assert not billable(facts(connected_on=dt.date(2027, 6, 1)), START, END)
    assert billable(facts("cut_off"), START, END)


def test_billable_table_covers_every_status_and_line_kinds_exist():
    assert set(BILLABLE) == set(STATUSES)
    assert {kind for kind in BILLABLE.values() if kind} <= set(LINE_KINDS)
    assert BILLABLE["cut_off"] == "stopped" and BILLABLE["pending"] is None


def test_supply_days():
    assert supply_days(dt.date(2027, 1, 15), START, END) == (60, 121)
    assert supply_days(START + dt.timedelta(days=1), START, END) == (120, 121)
    assert supply_days(START, START, END) is None
    assert supply_days(None, START, END) is None
    assert supply_days(END + dt.timedelta(days=1), START, END) is None


def test_relief_needs_share_and_low_income():
    assert summary(bill_lines(TERMS, facts(low_income=False), START, END)) == [
        ("heat", D("2052.00"))]
    no_relief = TariffTerms(category="residential", price_per_m2=D("24"), stopped_share=D("0.3"))
    assert len(bill_lines(no_relief, facts(low_income=True), START, END)) == 1


def test_terms_from_a_tariff_row_and_wrong_category():
    row = SimpleNamespace(id=7, version=2, category="residential", price_per_m2=D("24.00"),
                          stopped_share=D("0.300000"), relief_share=D("0"),
                          relief_max_area=D("0"), relief_cap=D("0"), basic_price_per_m2=None,
                          price_per_gj=None, settlement="both_ways", late_fee_rate=D("0.0005"),
                          late_fee_from=dt.date(2027, 1, 1), discount_rate=D("0.05"),
                          discount_until=dt.date(2026, 11, 14), connection_fee_per_m2=D("80"))
    terms = TariffTerms.from_tariff(row)
    assert (terms.tariff_id, terms.version, terms.two_part) == (7, 2, False)
    assert summary(bill_lines(terms, facts(), START, END)) == [("heat", D("2052.00"))]
    with pytest.raises(ValueError):
        bill_lines(terms, facts(category="business"), START, END)
    with pytest.raises(ValueError):
        bill_lines(terms, facts(area="85.555"), START, END)


# ------------------------------------------------------------------------ properties

money = st.decimals(min_value=D("0.01"), max_value=D("999.99"), places=2)
shares = st.decimals(min_value=D("0"), max_value=D("1"), places=6)
areas = st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2)
days_in = st.integers(min_value=0, max_value=400)


@st.composite
def terms_st(draw):
    two_part = draw(st.booleans())
    price = draw(money)
    return TariffTerms(category="residential", price_per_m2=price,
                       stopped_share=draw(shares), relief_share=draw(shares),
                       relief_max_area=draw(st.decimals(min_value=D("0"), max_value=D("500"),
                                                        places=2)),
                       relief_cap=draw(st.decimals(min_value=D("0"), max_value=D("5000"),
                                                   places=2)),
                       basic_price_per_m2=draw(money.filter(lambda b: b <= price))
                       if two_part else None,
                       price_per_gj=D("40.00") if two_part else None)


@st.composite
def facts_st(draw):
    connected = draw(st.one_of(st.none(), days_in.map(
        lambda n: START - dt.timedelta(days=100) + dt.timedelta(days=n))))
    return AccountFacts(category="residential", status=draw(st.sampled_from(sorted(STATUSES))),
                        area=draw(areas), low_income=draw(st.booleans()), connected_on=connected)


@settings(max_examples=200, deadline=None)
@given(terms_st(), facts_st(), st.integers(min_value=1, max_value=366))
def test_every_bill_is_consistent(terms, account, length):
    end = START + dt.timedelta(days=length - 1)
    lines = bill_lines(terms, account, START, end)
    assert bill_total(lines) == sum((line.amount for line in lines), D("0"))
    for line in lines:
        assert line.amount == round_fen(line.amount)
        assert line.amount.as_tuple().exponent == -2
        assert line.kind in LINE_KINDS and len(line.description) <= 128
    if not lines:
        assert not billable(account, START, end)
        return
    base, *rest = lines
    assert base.amount >= 0
    assert bill_total(lines) >= 0
    two_part = terms.two_part and BILLABLE[account.status] != "stopped"
    if two_part:
        metered, *rest = rest
        assert metered.kind == "metered" and metered.amount >= 0
        # basic + advance is exactly the single-part fee of the same home
        single = bill_lines(replace(terms, basic_price_per_m2=None, price_per_gj=None),
                            replace(account, low_income=False), START, end)
        assert base.amount + metered.amount == single[0].amount
        assert (metered.share, metered.days) == (base.share, base.days)
    assert [line.kind for line in rest] in ([], ["relief"])
    for relief in rest:
        assert account.low_income and terms.relief_share > 0
        assert -relief.amount <= terms.relief_cap
        assert -relief.amount <= base.amount
        assert relief.amount < 0


@settings(max_examples=150, deadline=None)
@given(terms_st(), facts_st(), st.integers(min_value=1, max_value=366))
def test_amounts_match_decimal_arithmetic(terms, account, length):
    """The integer arithmetic gives what high-precision Decimal and round_fen give."""
    end = START + dt.timedelta(days=length - 1)
    lines = bill_lines(terms, account, START, end)
    if not lines:
        return
    stopped = BILLABLE[account.status] == "stopped"
    price = terms.price_per_m2 if stopped or not terms.two_part else terms.basic_price_per_m2
    factor = terms.stopped_share if stopped else D(1)
    with localcontext() as ctx:
        ctx.prec = 60
        days = supply_days(account.connected_on, START, end)
        if days:
            factor = factor * D(days[0]) / D(days[1])
        assert lines[0].amount == round_fen(account.area * price * factor)
        if stopped or not terms.two_part:
            total = lines[0].amount
        else:
            total = lines[0].amount + lines[1].amount
            assert lines[1].amount == round_fen(account.area * terms.price_per_m2 * factor) - \
                lines[0].amount
        assert total == round_fen(account.area * (terms.price_per_m2 if not stopped
                                                   else price) * factor)
        if lines[-1].kind == "relief":
            raw = round_fen(min(account.area, terms.relief_max_area) * price * factor
                            * terms.relief_share)
            assert lines[-1].amount == -min(terms.relief_cap, raw)


@settings(max_examples=100, deadline=None)
@given(terms_st(), areas, st.integers(min_value=1, max_value=120))
def test_a_later_connection_never_costs_more(terms, area, day):
    full = bill_lines(terms, facts(area=str(area)), START, END)
    part = bill_lines(terms, facts(area=str(area), connected_on=START + dt.timedelta(days=day)),
                      START, END)
    assert part[0].amount <= full[0].amount
    assert part[0].days == (END - START).days + 1 - day
