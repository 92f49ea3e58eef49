"""The account card's tab of reception: the account's applications, newest first."""

from __future__ import annotations

from heatoffice import glossary
from heatoffice.billing.card import AccountCard
from heatoffice.reception import queries
from heatoffice.ui.card_tabs import TableSection


class ApplicationsSection(TableSection):
    widths = (130, 90, 80, 80, 100, 80, 100)
    stretch = 3

    def headers(self) -> list[str]:
        return [self.tr("Number"), self.tr("Type"), self.tr("State"), self.tr("Applicant"),
                self.tr("Received"), self.tr("Department"), self.tr("Due")]

    def rows(self, card: AccountCard) -> list[tuple]:
        return [(a.number, a.number, glossary.label("application_type", a.type),
                 glossary.label("application_state", a.state), a.applicant, a.received_on,
                 glossary.label("application_department", a.department) if a.department
                 else "", a.due_on)
                for a in queries.applications(self.actor, account_id=card.account_id,
                                              limit=200)]
