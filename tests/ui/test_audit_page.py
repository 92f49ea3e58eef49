"""The audit log page lists audit rows newest first, filtered by user and action prefix."""

from __future__ import annotations

import json

from heatoffice.accounts import service
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.ui.audit_page import AuditPage


def _column(page, c):
    return [page.table.item(r, c).text() for r in range(page.table.rowCount())]


def test_lists_and_filters_entries(qtbot, admin, make_accounts):
    (account,) = make_accounts(admin, 1)
    service.update_account(admin, account.id, {"notes": "新备注"})
    auth.create_user(admin, "li", "password1", "reception")
    auth.login("li", "password1")
    page = AuditPage(admin)
    qtbot.addWidget(page)
    total = AuditEntry.select().count()
    assert page.table.rowCount() == total
    assert _column(page, 2)[0] == "auth.login"
    assert _column(page, 1)[0] == "li"
    assert page.count_label.text() == f"共 {total} 条，最新的在前"

    page.user_filter.setText("li")
    page.refresh()
    assert _column(page, 1) == ["li"]

    page.user_filter.setText("")
    page.action_filter.setText("accounts.")
    page.refresh()
    assert _column(page, 2) == ["accounts.update", "accounts.open"]
    assert _column(page, 4) == [str(account.id)] * 2

    page.table.selectRow(0)
    details = page.details.toPlainText()
    assert details.startswith("修改前:")
    entry = AuditEntry.get(AuditEntry.action == "accounts.update")
    assert json.loads(entry.after)["notes"] == "新备注"
    assert '"notes": "新备注"' in details
