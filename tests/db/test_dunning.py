"""Dunning on SQLite and PostgreSQL: the contact log, follow-ups due, round sheet, notices."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import peewee
import pytest
from test_arrears import CASHIER, FIELD, HOTLINE, READER, at, build_world, late_fee_world

from heatoffice import config
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import dunning
from heatoffice.billing.documents import DunningItem
from heatoffice.billing.models import DunningContact
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors

D = Decimal
DAY = _dt.date


@pytest.fixture
def world(db, system):
    return build_world(system)  # today is 2026-10-25


def _contacts(world):
    """a: phone with a promise, then a visit; b: phone; d (paid up): phone; f: notice, then a
    visit with a promise, then a phone call that got no answer."""
    acc = world.acc
    at(DAY(2026, 10, 25), 9)
    dunning.record_contact(CASHIER, acc["a"].id, "phone", "户主称月底前缴清",
                           promised_date="2026-10-31", next_follow_up="2026-11-01")
    dunning.record_contact(CASHIER, acc["b"].id, "phone", "答应考虑",
                           next_follow_up=DAY(2026, 10, 26))
    dunning.record_contact(CASHIER, acc["d"].id, "phone", "已缴清，致谢",
                           next_follow_up="2026-10-26")
    dunning.record_contact(CASHIER, acc["f"].id, "notice", "催缴通知书已送达",
                           next_follow_up="2026-10-27")
    at(DAY(2026, 10, 25), 10)
    dunning.record_contact(FIELD, acc["a"].id, "visit", "未遇，门上留言",
                           next_follow_up="2026-10-28", notes="邻居称户主出差")
    at(DAY(2026, 10, 26), 11)
    dunning.record_contact(FIELD, acc["f"].id, "上门", "承诺11月10日前缴清",
                           promised_date="2026-11-10")
    at(DAY(2026, 10, 26), 14)
    dunning.record_contact(CASHIER, acc["f"].id, "phone", "电话未接通")


def test_contact_is_logged_with_who_and_when_and_audited(world):
    at(DAY(2026, 10, 25), 9)
    contact = dunning.record_contact(CASHIER, world.acc["a"].id, "电话", " 户主称月底前缴清 ",
                                     promised_date="2026/10/31", next_follow_up="2026-11-01")
    stored = DunningContact.get_by_id(contact.id)
    assert (stored.method, stored.result, stored.by) == ("phone", "户主称月底前缴清", "cashier1")
    assert (stored.promised_date, stored.next_follow_up) == (DAY(2026, 10, 31), DAY(2026, 11, 1))
    assert stored.at.date() == DAY(2026, 10, 25) and stored.at.hour == 9
    entry = AuditEntry.get(AuditEntry.action == "dunning.record")
    assert (entry.actor, entry.table, entry.record_id) == ("cashier1", "dunning_contact",
                                                            str(contact.id))
    assert '"promised_date": "2026-10-31"' in entry.after


def test_log_newest_first(world):
    _contacts(world)
    log = dunning.contacts(CASHIER, world.acc["a"].id)
    assert [(c.method, c.by, c.next_follow_up) for c in log] == [
        ("visit", "xiaowang", DAY(2026, 10, 28)), ("phone", "cashier1", DAY(2026, 11, 1))]
    assert log[0].notes == "邻居称户主出差"
    assert [c.method for c in dunning.contacts(CASHIER, world.acc["f"].id)] == [
        "phone", "visit", "notice"]
    assert dunning.contacts(CASHIER, world.acc["c"].id) == []


def test_follow_ups_due_unless_answered_or_paid(world):
    _contacts(world)
    # f's notice was answered by the later visit; d paid up; a's visit is due on 10-28.
    due = dunning.due_follow_ups(CASHIER, on=DAY(2026, 10, 27))
    assert [(f.account_no, f.contact.next_follow_up, f.owed) for f in due] == [
        ("YGHY03010102", DAY(2026, 10, 26), D("4000.00"))]
    due = dunning.due_follow_ups(CASHIER, on="2026-10-28")
    assert [(f.account_no, f.contact.method, f.name, f.address) for f in due] == [
        ("YGHY03010102", "phone", "户主B", "阳光花园3号楼1单元102"),
        ("YGHY03010101", "visit", "户主A", "阳光花园3号楼1单元101")]
    assert dunning.due_follow_ups(CASHIER, on=DAY(2026, 10, 25)) == []
    at(DAY(2026, 10, 28), 9)
    assert [f.account_no for f in dunning.due_follow_ups(CASHIER)] == [
        "YGHY03010102", "YGHY03010101"]
    dunning.record_contact(CASHIER, world.acc["b"].id, "phone", "已约定周末上门缴费")
    assert [f.account_no for f in dunning.due_follow_ups(CASHIER)] == ["YGHY03010101"]


def test_round_sheet_in_address_order_with_last_contact_and_promise(world):
    _contacts(world)
    sheet = dunning.round_sheet(CASHIER, world.staff["zhao"], on=DAY(2026, 10, 27))
    assert [(r.arrears.account_no, r.arrears.owed) for r in sheet] == [
        ("XFXQ01010101", D("450.00")), ("XFXQ02010502", D("7600.00"))]
    assert sheet[0].last_contact is None and sheet[0].promised_date is None
    f = sheet[1]
    assert (f.last_contact.method, f.last_contact.result) == ("phone", "电话未接通")
    assert f.promised_date == DAY(2026, 11, 10)  # the visit's promise still stands
    qian = dunning.round_sheet(CASHIER, world.staff["qian"])
    assert [r.arrears.address for r in qian] == ["幸福小区1号楼1单元101",
                                                 "阳光花园10号楼2单元201"]
    before = dunning.round_sheet(CASHIER, world.staff["qian"], on="2026-06-01")
    assert [r.arrears.account_no for r in before] == [
        "XFXQ01010101", "YGHY03010101", "YGHY03010102", "YGHY10020201"]
    assert (before[1].last_contact.method, before[1].promised_date) == ("visit",
                                                                         DAY(2026, 10, 31))


def test_round_sheet_of_unknown_staff(world):
    with pytest.raises(UserError) as err:
        dunning.round_sheet(CASHIER, 999)
    assert err.value.code == "org.not_found" and err.value.field == "staff"


def test_notice_data_per_account_by_community(world, system):
    config.put("hotline", "0371-96123")
    notices = dunning.dunning_notices(CASHIER, community="幸福小区")
    assert [n.account_no for n in notices] == ["XFXQ01010101", "XFXQ02010502"]
    f = notices[1]
    assert (f.hotline, f.as_of, f.pay_by) == ("0371-96123", DAY(2026, 10, 25), None)
    assert (f.name, f.address) == ("户主F", "幸福小区2号楼1单元502")
    assert f.items == (
        DunningItem("2025-2026", "season", D("4800.00"), D("2000.00"), D("0.00"), D("2800.00")),
        DunningItem("2026-2027", "season", D("4800.00"), D("0.00"), D("0.00"), D("4800.00")))
    assert (f.other, f.total, f.late_fees, f.amount_due) == (
        D("0.00"), D("7600.00"), D("0.00"), D("7600.00"))
    assert notices[0].items == (DunningItem("2026-2027", "season", D("450.00"), D("0.00"),
                                            D("0.00"), D("450.00")),)
    asked = dunning.dunning_notices(CASHIER, community="幸福小区", pay_by=DAY(2026, 11, 10))
    assert [n.pay_by for n in asked] == [DAY(2026, 11, 10)] * 2


def test_notice_data_for_chosen_accounts_skips_those_paid_up(world):
    notices = dunning.dunning_notices(CASHIER,
                                      account_ids=[world.acc["d"].id, world.acc["a"].id])
    assert [(n.account_no, n.total) for n in notices] == [("YGHY03010101", D("7500.00"))]
    assert [i.season for i in notices[0].items] == ["2024-2025", "2025-2026", "2026-2027"]
    assert dunning.dunning_notices(CASHIER, account_ids=[world.acc["d"].id]) == []


def test_notice_data_with_late_fees(db, system):
    late_fee_world(system)  # today is 2027-01-10
    [g, h] = dunning.dunning_notices(CASHIER, community="和平里")
    assert (g.total, g.late_fees, g.amount_due) == (D("2500.00"), D("25.00"), D("2525.00"))
    assert (h.items[0].paid, h.total, h.late_fees) == (D("1000.00"), D("1500.00"), D("15.00"))


def test_validation_names_each_field_and_saves_nothing(world):
    before = (DunningContact.select().count(), AuditEntry.select().count())
    with pytest.raises(ValidationErrors) as err:
        dunning.record_contact(CASHIER, world.acc["a"].id, "email", "  ",
                               promised_date="31.13.2026", next_follow_up="2026-10-24",
                               notes="x" * 2001)
    assert [(e.field, e.code) for e in err.value.errors] == [
        ("method", "validation.choice"), ("result", "validation.required"),
        ("notes", "validation.too_long"), ("promised_date", "validation.date"),
        ("next_follow_up", "dunning.date_past")]
    assert "下次跟进日期：2026-10-24 早于今天（2026-10-25）" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        dunning.record_contact(CASHIER, 99999, "visit", "无人")
    assert err.value.code == "accounts.not_found"
    assert (DunningContact.select().count(), AuditEntry.select().count()) == before


def test_a_contact_is_written_once(world):
    contact = dunning.record_contact(CASHIER, world.acc["a"].id, "visit", "未遇")
    for change in (DunningContact.update(result="已缴清").where(DunningContact.id == contact.id),
                   DunningContact.delete().where(DunningContact.id == contact.id)):
        with pytest.raises(peewee.DatabaseError), database.atomic():
            change.execute()
    assert DunningContact.get_by_id(contact.id).result == "未遇"


def test_permissions(world):
    acc = world.acc["a"].id
    for call in (lambda: dunning.record_contact(HOTLINE, acc, "phone", "催缴"),
                 lambda: dunning.record_contact(READER, acc, "phone", "催缴")):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert err.value.action == "dunning.record"
    for call in (lambda: dunning.contacts(HOTLINE, acc),
                 lambda: dunning.due_follow_ups(HOTLINE),
                 lambda: dunning.round_sheet(HOTLINE, world.staff["zhao"]),
                 lambda: dunning.dunning_notices(READER, community="幸福小区")):
        with pytest.raises(PermissionDenied) as err:
            call()
        assert err.value.action == "arrears.view"
    assert DunningContact.select().count() == 0
    # Customer service follows up arrears too.
    assert dunning.record_contact(FIELD, acc, "visit", "未遇").by == "xiaowang"
