"""Season and tariff tables: a tariff is never edited, a change is a new version of it."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from heatoffice import glossary
from heatoffice.db.base import BaseModel
from heatoffice.db.fields import AreaField, MoneyField, RateField

SETTLEMENTS = glossary.names("tariff_settlement")  # named in the glossary


class Season(BaseModel):
    """采暖季 such as "2026-2027", with the dates heat is supplied."""

    name = CharField(max_length=16, unique=True)
    start_date = DateField()
    end_date = DateField()
    created_at = DateTimeField()
    created_by = CharField(max_length=64)
    notes = TextField(default="")


class Tariff(BaseModel):
    """热价 of one category in one season; ``version`` grows with each approved change.

    Every number is configurable here; none is a constant in code. Rates are Decimal shares
    (0.30 = 30 %, 0.0005 = 0.05 % a day).
    """

    season = ForeignKeyField(Season, backref="tariffs", on_delete="RESTRICT")
    category = CharField(max_length=16)
    version = IntegerField(default=1)
    price_per_m2 = MoneyField()                      # full season fee per m²
    basic_price_per_m2 = MoneyField(null=True)       # two-part: basic share per m²
    price_per_gj = MoneyField(null=True)             # two-part: metered heat per GJ
    settlement = CharField(max_length=16, default="both_ways")
    stopped_share = RateField()                      # 报停: share of the fee still paid
    late_fee_rate = RateField()                      # 滞纳金 per day on the unpaid amount
    late_fee_from = DateField(null=True)             # late fees accrue from this date
    discount_rate = RateField()                      # early-payment discount
    discount_until = DateField(null=True)            # last day the discount applies
    relief_share = RateField()                       # low-income relief: share of the fee
    relief_max_area = AreaField()                    # ... for up to this many m²
    relief_cap = MoneyField()                        # ... and at most this many yuan
    connection_fee_per_m2 = MoneyField()             # 配套费/入网费 for new connections
    created_at = DateTimeField()
    created_by = CharField(max_length=64)
    approved_by = CharField(max_length=64, default="")
    reason = TextField(default="")

    class Meta:
        indexes = ((("season", "category", "version"), True),)


MODELS = [Season, Tariff]
