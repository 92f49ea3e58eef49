"""The audit log page lists audit rows newest first, in the user's language, filtered by user
and by action (a code prefix or a word of the action's name)."""

from __future__ import annotations

import json
import re

from heatoffice.accounts import service
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.ui import i18n
from heatoffice.ui.audit_page import AuditPage


def _column(page, c):
    return [page.table.item(r, c).text() for r in range(page.table.rowCount())]


def test_lists_and_filters_entries(qtbot, admin, make_accounts):
    (account,) = make_accounts(admin, 1)
    service.update_account(admin, account.id, {"notes": "新备注"})
    auth.create_user(admin, "li", "pass-word-1", "reception")
    auth.login("li", "pass-word-1")
    page = AuditPage(admin)
    qtbot.addWidget(page)
    total = AuditEntry.select().count()
    assert page.table.rowCount() == total
    assert _column(page, 2)[0] == "登录"
    assert page.table.item(0, 2).toolTip() == "auth.login"
    assert _column(page, 3)[0] == "登录用户"
    assert _column(page, 1)[0] == "li"
    assert page.count_label.text() == f"共 {total} 条，最新的在前"

    page.user_filter.setText("li")
    page.refresh()
    assert _column(page, 1) == ["li"]

    page.user_filter.setText("")
    page.action_filter.setText("accounts.")
    page.refresh()
    assert _column(page, 2) == ["修改用户档案", "开户"]
    assert _column(page, 3) == ["用户档案"] * 2
    assert _column(page, 4) == [str(account.id)] * 2

    # Only the changed field, by its name; the stored row keeps the raw values.
    page.table.selectRow(0)
    details = page.details.toPlainText()
    entry = AuditEntry.get(AuditEntry.action == "accounts.update")
    assert json.loads(entry.after)["notes"] == "新备注"
    assert details == "修改前:\n  备注: \n\n修改后:\n  备注: 新备注"

    page.table.selectRow(1)  # the account opened: every value, codes named
    details = page.details.toPlainText()
    assert details.startswith("修改后:\n")
    assert "  用户类别: 居民" in details and "  状态: 待开通" in details
    assert "  户号: T00000" in details and "  编号: " in details
    assert re.search(r"^  创建时间: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", details, re.M)


def test_filter_by_a_word_of_the_action_name(qtbot, admin, make_accounts):
    make_accounts(admin, 2)
    page = AuditPage(admin)
    qtbot.addWidget(page)
    page.action_filter.setText("开户")
    page.refresh()
    assert _column(page, 2) == ["开户", "开户"]
    page.action_filter.setText("没有这种操作")
    page.refresh()
    assert page.table.rowCount() == 0


def test_english_labels_follow_the_language(qtbot, admin, make_accounts):
    make_accounts(admin, 1)
    auth.create_user(admin, "li", "pass-word-1", "reception")
    i18n.apply_language("en")
    page = AuditPage(admin)
    qtbot.addWidget(page)
    assert _column(page, 2)[:2] == ["user created", "account opened"]
    assert _column(page, 3)[:2] == ["user", "account"]
    page.table.selectRow(0)
    details = page.details.toPlainText()
    assert "  role: reception clerk" in details and "  active: yes" in details
    assert "password_hash" not in details
