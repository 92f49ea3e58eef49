"""The account card's tab of the measurement area: the account's heating-area history."""

from __future__ import annotations

from heatoffice.accounts import queries
from heatoffice.billing.card import AccountCard
from heatoffice.ui.card_tabs import TableSection


class AreaHistorySection(TableSection):
    """Each change of the heating area: from what to what, from when, which measurement, who."""

    widths = (150, 90, 90, 100, 130, 90)
    stretch = 4

    def headers(self) -> list[str]:
        return [self.tr("Applied at"), self.tr("Area before (m²)"), self.tr("Area after (m²)"),
                self.tr("Effective from"), self.tr("Measurement"), self.tr("By")]

    def rows(self, card: AccountCard) -> list[tuple]:
        history = queries.area_history(self.actor, card.account_id)
        return [(i, c.at, c.old_area, c.new_area, c.effective_on,
                 c.measurement_no or self.tr("first area"), c.by)
                for i, c in enumerate(reversed(history))]
