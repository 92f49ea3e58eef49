"""Personal data from the service layer: a role without "accounts.view_personal" finds no
account by a phone or ID fragment and reads every phone and ID number masked; a role with it
finds and sees everything. On SQLite and PostgreSQL (the ``db`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import queries as account_queries
from heatoffice.accounts import register
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.auth.permissions import can
from heatoffice.billing import card as billing_card
from heatoffice.billing import register as billing_register
from heatoffice.exports import accounts as accounts_export
from heatoffice.reception import documents as reception_documents
from heatoffice.reception import queries as reception_queries
from heatoffice.reception import service as reception

CLERK = seat("clerk", "reception")
CASHIER = seat("cashier", "cashier")
VIEWER = seat("viewer", "read_only")
HOTLINE = seat("op", "hotline")
WITHOUT = (VIEWER, HOTLINE)


@pytest.fixture
def homes(db, system):
    accounts.add_community(system, "阳光花园", "YGHY")
    accounts.add_community(system, "幸福里", "XFL")
    accounts.open_account(CLERK, dict(
        name="张伟", community="阳光花园", building="3", unit="2", room="501",
        phone="18042721234", phone2="13900005678", id_number="11010519491231002x",
        heating_area="85.5"))
    accounts.open_account(CLERK, dict(
        name="李娜", community="幸福里", building="1", unit="1", room="101",
        phone="13900001111", heating_area="60"))
    accounts.open_account(CLERK, dict(
        name="王建国", community="阳光花园", building="3", unit="2", room="502",
        phone="0371-65123456", category="business", heating_area="120"))


def _names(actor, text, **kw):
    return [row[2] for row in register.page(actor, text, **kw)]


def test_the_roles_without_personal_data():
    assert not can(VIEWER, "accounts.view_personal")
    assert not can(HOTLINE, "accounts.view_personal")
    assert can(CLERK, "accounts.view_personal") and can(CASHIER, "accounts.view_personal")


PHONE_AND_ID_FRAGMENTS = ("1804272", "180427", "18042721234", "4272", "1234", "0001",
                          "139", "6512", "0371", "5678", "110105", "19491231", "002x")


def test_without_the_permission_no_phone_or_id_fragment_finds_an_account(homes):
    for actor in WITHOUT:
        for fragment in PHONE_AND_ID_FRAGMENTS:
            assert _names(actor, fragment) == [], (actor.role, fragment)
            assert register.count(actor, fragment) == 0, (actor.role, fragment)
            assert billing_register.page(actor, fragment) == []
            assert billing_register.count(actor, fragment) == 0
            assert billing_register.count(
                actor, fragment, billing_register.Filters(owing=True)) == 0
            assert list(accounts_export.rows(actor, fragment)) == []
        # "1" is in two accounts' numbers and in 王建国's phone only (on PostgreSQL the page
        # is then driven from the search table, each row checked without its phones)
        assert _names(actor, "1") == ["张伟", "李娜"]
        assert _names(actor, "1", descending=True) == ["李娜", "张伟"]
        assert register.count(actor, "1") == 2
        # a phone fragment together with a name: still nothing
        assert _names(actor, "张伟 1804") == []
        assert register.count(actor, "张伟 1804") == 0
        # with a filter the count takes the other path: the same answer
        narrow = register.Filters(community="阳光花园")
        assert register.page(actor, "4272", filters=narrow) == []
        assert register.count(actor, "4272", narrow) == 0


def test_without_the_permission_names_addresses_and_numbers_still_find(homes):
    for actor in WITHOUT:
        assert _names(actor, "张") == ["张伟"]
        assert _names(actor, "李娜") == ["李娜"]
        assert _names(actor, "王建国") == ["王建国"]
        assert _names(actor, "阳光") == ["张伟", "王建国"]
        assert _names(actor, "花园3号楼") == ["张伟", "王建国"]
        assert _names(actor, "2单元502") == ["王建国"]
        assert _names(actor, "yghy0302") == ["张伟", "王建国"]   # account number, any case
        assert _names(actor, "50") == ["张伟", "王建国"]         # room prefix
        assert _names(actor, "101") == ["李娜"]                  # room, also in its number
        assert _names(actor, "阳光 502") == ["王建国"]
        assert _names(actor, "阳光", descending=True) == ["王建国", "张伟"]
        assert register.count(actor, "阳光") == 2
        assert register.count(actor, "阳光", register.Filters(community="阳光花园")) == 2
        assert register.count(actor, "") == 3
        assert [r[2] for r in billing_register.page(actor, "阳光")] == ["张伟", "王建国"]
        assert billing_register.count(actor, "阳光") == 2


def test_with_the_permission_phone_fragments_find(homes):
    for actor in (CLERK, CASHIER):
        assert _names(actor, "1804272") == ["张伟"]
        assert _names(actor, "5678") == ["张伟"]       # the second phone
        assert _names(actor, "0001") == ["李娜"]
        assert _names(actor, "6512") == ["王建国"]
        assert _names(actor, "139") == ["张伟", "李娜"]
        assert register.count(actor, "139") == 2
        assert billing_register.count(actor, "139") == 2
        assert len(list(accounts_export.rows(actor, "0001"))) == 1
        assert _names(actor, "阳光") == ["张伟", "王建国"]


def test_sorting_by_phone_tells_nothing_without_the_permission(homes):
    # by phone: 0371-…, 139…, 180… for a reader who sees them; id order for one who does not
    assert _names(CLERK, "", sort="phone") == ["王建国", "李娜", "张伟"]
    assert _names(VIEWER, "", sort="phone") == ["张伟", "李娜", "王建国"]
    assert _names(VIEWER, "", sort="phone", descending=True) == ["王建国", "李娜", "张伟"]


def test_get_account_masks_personal_data(homes):
    full = accounts.get_account(CLERK, "YGHY03020501")
    assert (full.phone, full.phone2, full.id_number) == \
        ("18042721234", "13900005678", "11010519491231002X")
    for actor in WITHOUT:
        a = accounts.get_account(actor, "YGHY03020501")
        assert (a.phone, a.phone2, a.id_number) == \
            ("180****1234", "139****5678", "110105********002X")
        assert (a.name, a.address) == ("张伟", "阳光花园3号楼2单元501")
        assert accounts.get_account(actor, a.id).phone == "180****1234"
        # a masked copy is never written back
        with pytest.raises(RuntimeError, match="masked"):
            a.save()
    assert accounts.get_account(VIEWER, "XFL01010101").phone2 == ""
    assert accounts.get_account(VIEWER, "YGHY03020502").phone == "0371-****3456"
    stored = Account.get(Account.account_no == "YGHY03020501")
    assert (stored.phone, stored.id_number) == ("18042721234", "11010519491231002X")


def test_account_details_and_card_are_masked(homes):
    a_id = Account.get(Account.account_no == "YGHY03020501").id
    shown = account_queries.account(CLERK, a_id)
    assert (shown.phone, shown.phone2, shown.id_number) == \
        ("18042721234", "13900005678", "11010519491231002X")
    for actor in WITHOUT:
        shown = account_queries.account(actor, "YGHY03020501")
        assert (shown.phone, shown.phone2, shown.id_number) == \
            ("180****1234", "139****5678", "110105********002X")
        c = billing_card.account_card(actor, a_id).facts
        assert (c.phone, c.phone2, c.id_number) == \
            ("180****1234", "139****5678", "110105********002X")
        row = next(iter(accounts_export.rows(actor, "张伟")))
        assert row[4] == "180****1234" and row[-4:-2] == ("139****5678", "110105********002X")
    row = next(iter(accounts_export.rows(CLERK, "张伟")))
    assert row[4] == "18042721234" and row[-4:-2] == ("13900005678", "11010519491231002X")


def test_owner_history_is_masked(homes):
    a_id = Account.get(Account.account_no == "XFL01010101").id
    accounts.transfer_owner(CLERK, a_id, name="赵敏", id_number="11010519491231002X",
                            phone="13700002222", on=dt.date(2026, 9, 1))
    [full] = accounts.owner_history(CLERK, a_id)
    assert (full.old_phone, full.new_phone, full.new_id_number) == \
        ("13900001111", "13700002222", "11010519491231002X")
    for actor in WITHOUT:
        [c] = accounts.owner_history(actor, a_id)
        assert (c.old_name, c.new_name) == ("李娜", "赵敏")
        assert (c.old_phone, c.new_phone, c.old_id_number, c.new_id_number) == \
            ("139****1111", "137****2222", "", "110105********002X")
    # the new owner's phone is searchable only with the permission
    assert _names(CLERK, "2222") == ["赵敏"]
    assert _names(VIEWER, "2222") == []
    assert _names(VIEWER, "赵敏") == ["赵敏"]


def test_applications_mask_the_applicant(homes, system):
    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())
    app = reception.receive(CLERK, "stop", account="YGHY03020501", applicant="张伟",
                            phone="18042721234", id_number="11010519491231002X",
                            docs=[("owner-id", "original")])
    [row] = reception_queries.applications(CLERK)
    assert row.phone == "18042721234"
    assert reception_queries.card(CLERK, app.number).applicant_id == "11010519491231002X"
    full = reception_queries.account_card(CLERK, "yghy03020501")
    assert full is not None and (full.phone, full.id_number) == \
        ("18042721234", "11010519491231002X")
    for actor in WITHOUT:
        [row] = reception_queries.applications(actor)
        assert row.phone == "180****1234"
        c = reception_queries.card(actor, app.number)
        assert (c.row.phone, c.applicant_id) == ("180****1234", "110105********002X")
        shown = reception_queries.account_card(actor, "YGHY03020501")
        assert shown is not None and (shown.phone, shown.id_number) == \
            ("180****1234", "110105********002X")
    # the forms: as printed at the desk; a reprint by a role without the permission masks
    assert reception_documents.acceptance_of(CLERK, app.number).head.phone == "18042721234"
    for actor in WITHOUT:
        assert reception_documents.acceptance_of(actor, app.number).head.phone == \
            "180****1234"
        assert reception_documents.review_of(actor, app.number).head.phone == "180****1234"
        assert reception_documents.handover_of(actor, app.number).head.phone == "180****1234"
