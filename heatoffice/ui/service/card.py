"""The account card's tab of the service desk's cases: the account's complaints, inspections
and room temperatures, newest first."""

from __future__ import annotations

from heatoffice import glossary
from heatoffice.billing.card import AccountCard
from heatoffice.service import case_queries
from heatoffice.ui.card_tabs import TableSection
from heatoffice.ui.service.case_widgets import when


class CasesSection(TableSection):
    widths = (70, 130, 130, 90, 90, 200)
    stretch = 5

    def headers(self) -> list[str]:
        return [self.tr("Kind"), self.tr("Number"), self.tr("When"), self.tr("State"),
                self.tr("Details"), self.tr("Content")]

    def rows(self, card: AccountCard) -> list[tuple]:
        out = []
        for c in case_queries.account_cases(self.actor, card.account_id):
            if c.kind == "complaint":
                kind, state = self.tr("Complaint"), glossary.label("complaint_state", c.state)
                what = glossary.label("complaint_channel", c.what)
                text = c.text
            elif c.kind == "inspection":
                kind, state = self.tr("Inspection"), glossary.label("inspection_state", c.state)
                what = glossary.label("inspection_kind", c.what)
                text = glossary.label("inspection_conclusion", c.text) if c.text else ""
            else:
                kind = self.tr("Room temperature")
                state = self.tr("below the standard") if c.state else ""
                what, text = f"{c.what} °C", c.text
            out.append((f"{c.kind}{c.key}", kind, c.key, when(c.at), state, what, text))
        return out
