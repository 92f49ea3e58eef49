"""The admin's company settings dialog (printed on every document), and the payment notice
batch that leaves out settled accounts unless asked."""

from __future__ import annotations

import pytest
from billing_world import billed_world, make_user, pdf_text
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from heatoffice import config
from heatoffice.audit.models import AuditEntry
from heatoffice.billing.payments import record_payment
from heatoffice.ui.main_window import MainWindow
from heatoffice.ui.notice_batch_dialog import NoticeBatchDialog
from heatoffice.ui.seasons_page import SeasonsPage
from heatoffice.ui.settings_dialog import SettingsDialog


def _settings_action(window: MainWindow):
    return next((a for a in window.findChildren(QAction)
                 if a.objectName() == "company_settings"), None)


def test_the_admin_edits_the_company_details_audited(qtbot, admin):
    window = MainWindow(admin)
    qtbot.addWidget(window)
    action = _settings_action(window)
    assert action is not None and action.text() == "公司设置(&S)…"
    action.trigger()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.windowTitle() == "公司设置"
    assert list(dialog.editors) == ["company_name", "company_address", "hotline", "bank_name",
                                    "bank_account", "max_amount"]
    assert dialog.editors["max_amount"].text() == "9999999.99"
    assert dialog.editors["company_name"].text() == "阳光热力"
    dialog.editors["company_address"].setText("郑州市金水区纬五路12号")
    dialog.editors["hotline"].setText("客服")
    dialog.editors["bank_account"].setText("账号 123")
    assert not dialog.save()  # both wrong fields are named at once, nothing is written
    assert dialog.errors.labels["hotline"].text().startswith("服务电话：“客服”不是电话号码")
    assert dialog.errors.labels["bank_account"].text().startswith("银行账号：“账号 123”")
    assert config.get("company_address") == ""
    dialog.editors["hotline"].setText("0371-96069")
    dialog.editors["bank_name"].setText("中国工商银行郑州金水支行")
    dialog.editors["bank_account"].setText("1702 0210 0920 0123 456")
    assert dialog.save()
    assert [config.get(k) for k in ("company_address", "hotline", "bank_name",
                                    "bank_account")] == [
        "郑州市金水区纬五路12号", "0371-96069", "中国工商银行郑州金水支行",
        "1702 0210 0920 0123 456"]
    changed = [(e.record_id, e.actor) for e in AuditEntry.select().where(
        AuditEntry.action == "settings.set").order_by(AuditEntry.id)]
    assert changed == [("company_address", "admin"), ("hotline", "admin"),
                       ("bank_name", "admin"), ("bank_account", "admin")]


def test_a_cashier_has_no_settings_menu(qtbot, admin):
    cashier = make_user(admin, "cashier1", "cashier", "王收费")
    window = MainWindow(cashier)
    qtbot.addWidget(window)
    assert _settings_action(window) is None


@pytest.mark.parametrize("include_settled", [False, True])
def test_notice_batch_leaves_out_settled_accounts_unless_ticked(qtbot, admin, monkeypatch,
                                                                include_settled):
    cashier, season, homes = billed_world(admin)
    record_payment(cashier, homes[1].id, "2052", "cash")  # 李芳 owes nothing now
    config.put("bank_account", "1702 0210 0920 0123 456")
    page = SeasonsPage(admin)
    qtbot.addWidget(page)
    page.seasons_table.selectRow(0)

    def choose(dialog: NoticeBatchDialog) -> int:
        assert dialog.windowTitle() == "缴费通知单 2026-2027"
        assert not dialog.include_settled.isChecked()  # left out unless asked
        dialog.community.setCurrentText("阳光花园")
        dialog.include_settled.setChecked(include_settled)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NoticeBatchDialog, "exec", choose)
    page.print_notices()
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=20000)
    text = pdf_text(page.last_pdf)
    assert page.preview.page_count() == (3 if include_settled else 2)
    assert "YG0000" in text and "YG0002" in text
    assert ("YG0001" in text) is include_settled
    assert "账号：1702021009200123456" in text  # the company's bank under every notice
