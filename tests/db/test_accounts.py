"""Accounts: opening, editing, status changes and search, with permission and audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from seats import seat

from heatoffice.accounts import queries as account_queries
from heatoffice.accounts import register
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account, AccountStatusChange, Community
from heatoffice.audit.models import AuditEntry
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors

CLERK = seat("clerk", "reception")
VIEWER = seat("viewer", "read_only")


def _state():
    return (Account.select().count(), AccountStatusChange.select().count(),
            AuditEntry.select().count())


@pytest.fixture
def community(db, system):
    accounts.add_community(system, "阳光花园", "YGHY")
    return "阳光花园"


def _home(**extra):
    data = dict(name="张伟", community="阳光花园", building="3", unit="2", floor="5", room="501",
                phone="138 1234 5678", id_number="11010519491231002x", heating_area="85.5")
    data.update(extra)
    return data


def test_open_generates_number_and_records_history(community):
    account = accounts.open_account(CLERK, _home())
    assert account.account_no == "YGHY03020501"
    assert account.phone == "13812345678"
    assert account.id_number == "11010519491231002X"
    assert account.heating_area == Decimal("85.50")
    assert account.address == "阳光花园3号楼2单元501"
    assert account.status == "pending"
    history = accounts.status_history(CLERK, account.id)
    assert [(h.from_status, h.to_status, h.by) for h in history] == [(None, "pending", "clerk")]
    entry = AuditEntry.get(AuditEntry.action == "accounts.open")
    assert entry.actor == "clerk" and entry.record_id == str(account.id)
    assert '"heating_area": "85.50"' in entry.after


def test_typed_number_and_duplicates(community):
    accounts.open_account(CLERK, _home(account_no="a-1"))
    before = _state()
    with pytest.raises(UserError) as err:
        accounts.open_account(CLERK, _home(account_no="A-1", name="李娜"))
    assert err.value.code == "accounts.duplicate_no" and err.value.field == "account_no"
    assert "A-1" in err.value.message("zh") and "户号" in err.value.message("zh")
    assert _state() == before


def test_number_cannot_be_generated_without_community_code(db):
    before = _state()
    with pytest.raises(UserError) as err:
        accounts.open_account(CLERK, _home(community="无编码小区"))
    assert err.value.code == "accounts.no_generated" and err.value.field == "account_no"
    assert _state() == before


def test_a_community_typed_on_the_form_is_registered_with_the_account(community):
    account = accounts.open_account(CLERK, _home(account_no="N-1", community=" 新建小区 "))
    made = Community.get(Community.name == "新建小区")
    assert (made.code, made.station_id) == ("M001", None)
    assert account.community_id == made.id
    assert Account.get_by_id(account.id).address == "新建小区3号楼2单元501"
    entry = AuditEntry.get((AuditEntry.action == "communities.add")
                           & (AuditEntry.record_id == str(made.id)))
    assert (entry.actor, entry.note) == ("clerk", "account N-1")
    # Registered now, it numbers the next account like any code; no second row is made.
    second = accounts.open_account(CLERK, _home(community="新建小区", room="502"))
    assert second.account_no == "M00103020502" and second.community_id == made.id
    # An edit moves an account to a registered community, or registers a typed one (M002).
    home = accounts.open_account(CLERK, _home(room="601"))
    accounts.update_account(CLERK, home.id, {"community": "新建小区"})
    assert Account.get_by_id(home.id).community_id == made.id
    accounts.update_account(CLERK, home.id, {"community": "另一小区"})
    other = Community.get(Community.name == "另一小区")
    assert other.code == "M002" and Account.get_by_id(home.id).community_id == other.id
    assert [r[0] for r in register.page(CLERK, "另一小区")] == [home.id]
    assert Community.select().count() == 3
    # A refused form registers nothing.
    before = (_state(), Community.select().count())
    with pytest.raises(UserError):
        accounts.open_account(CLERK, _home(account_no="N-1", community="第三小区"))
    with pytest.raises(ValidationErrors):
        accounts.update_account(CLERK, home.id, {"community": "第三小区", "phone": "12"})
    assert (_state(), Community.select().count()) == before


def test_every_bad_field_is_named_and_nothing_saved(community):
    before = _state()
    with pytest.raises(ValidationErrors) as err:
        accounts.open_account(CLERK, _home(name=" ", phone="12345", id_number="110105194912310021",
                                           heating_area="-3", category="palace"))
    fields = {e.field for e in err.value.errors}
    assert fields == {"name", "phone", "id_number", "heating_area", "category"}
    text = err.value.message("zh")
    assert "户名" in text and "身份证号" in text and "供热面积" in text and "12345" in text
    assert _state() == before


def test_update_is_audited_with_before_and_after(community):
    account = accounts.open_account(CLERK, _home())
    updated = accounts.update_account(CLERK, account.id, {"name": "张卫"})
    assert updated.name == "张卫" and updated.heating_area == Decimal("85.50")
    stored = Account.get_by_id(account.id)
    assert stored.name == "张卫" and stored.phone == "13812345678"
    entry = AuditEntry.get(AuditEntry.action == "accounts.update")
    assert '"name": "张伟"' in entry.before and '"name": "张卫"' in entry.after
    # a save that changes nothing writes nothing
    count = AuditEntry.select().count()
    accounts.update_account(CLERK, account.id, {"name": "张卫"})
    assert AuditEntry.select().count() == count


def test_update_with_bad_value_changes_nothing(community):
    account = accounts.open_account(CLERK, _home())
    before = _state()
    with pytest.raises(ValidationErrors) as err:
        accounts.update_account(CLERK, account.id, {"id_number": "110105194912310021"})
    assert [e.field for e in err.value.errors] == ["id_number"]
    assert Account.get_by_id(account.id).id_number == "11010519491231002X"
    assert _state() == before


def test_status_changes_follow_the_table(community, system):
    account = accounts.open_account(CLERK, _home())
    accounts.change_status(CLERK, account.id, "heating", "开栓供热")
    accounts.change_status(CLERK, account.id, "stopped", "业主申请报停")
    with pytest.raises(UserError) as err:
        accounts.change_status(CLERK, account.id, "pending", "误操作")
    assert err.value.code == "accounts.bad_transition"
    assert "报停" in err.value.message("zh") and "待开通" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        accounts.change_status(CLERK, account.id, "heating", "  ")
    assert err.value.field == "reason"
    accounts.change_status(CLERK, account.id, "closed", "销户")
    with pytest.raises(UserError):
        accounts.change_status(CLERK, account.id, "heating", "复供")
    history = [(h.from_status, h.to_status, h.reason)
               for h in accounts.status_history(CLERK, account.id)]
    assert history == [(None, "pending", "开户"), ("pending", "heating", "开栓供热"),
                       ("heating", "stopped", "业主申请报停"), ("stopped", "closed", "销户")]
    assert Account.get_by_id(account.id).status == "closed"


def test_permissions_are_checked_in_the_service(community):
    account = accounts.open_account(CLERK, _home())
    before = _state()
    for call in (lambda: accounts.open_account(VIEWER, _home(room="502")),
                 lambda: accounts.update_account(VIEWER, account.id, {"name": "王五"}),
                 lambda: accounts.change_status(VIEWER, account.id, "heating", "x")):
        with pytest.raises(PermissionDenied):
            call()
    assert _state() == before
    with pytest.raises(PermissionDenied):
        accounts.change_status(seat("cashier", "cashier"), account.id, "heating", "x")


def _names(text, actor=CLERK):
    return [row[2] for row in register.page(actor, text)]


def test_search_by_any_fragment(community, system):
    accounts.add_community(system, "幸福里", "XFL")
    accounts.open_account(CLERK, _home())
    accounts.open_account(CLERK, _home(name="李娜", community="幸福里", building="1", unit="1",
                                       room="101", phone="13900001111", id_number=""))
    accounts.open_account(CLERK, _home(name="王建国", room="502", phone="0371-65123456",
                                       id_number="", category="business"))
    assert _names("张") == ["张伟"]              # one character
    assert _names("李娜") == ["李娜"]            # two characters
    assert _names("建国") == ["王建国"]
    assert _names("王建国") == ["王建国"]        # three characters
    assert _names("阳光") == ["张伟", "王建国"]
    assert _names("花园3号楼") == ["张伟", "王建国"]  # address fragment
    assert _names("0001") == ["李娜"]            # phone fragment
    assert _names("6512") == ["王建国"]          # landline fragment
    assert _names("yghy0302") == ["张伟", "王建国"]  # account number, any case
    assert _names("50") == ["张伟", "王建国"]      # room prefix
    assert _names("阳光 502") == ["王建国"]       # every term must match
    assert _names("赵") == []
    assert register.count(CLERK, "阳光") == 2
    assert register.count(CLERK, "") == 3


def test_search_follows_edits(community):
    account = accounts.open_account(CLERK, _home())
    accounts.update_account(CLERK, account.id, {"name": "赵敏"})
    assert _names("赵敏") == ["赵敏"]
    assert _names("张伟") == []


def test_register_masks_phones_for_roles_without_personal_data(community):
    accounts.open_account(CLERK, _home())
    hotline = seat("op", "hotline")
    assert register.page(CLERK, "张伟")[0][5] == "13812345678"
    assert register.page(hotline, "张伟")[0][5] == "138****5678"


def test_register_sorts_in_sql(community):
    for room, name, area in (("501", "丙", "70"), ("502", "甲", "90"), ("503", "乙", "80")):
        accounts.open_account(CLERK, _home(room=room, name=name, heating_area=area))
    assert [r[2] for r in register.page(CLERK, sort="heating_area")] == ["丙", "乙", "甲"]
    assert [r[2] for r in register.page(CLERK, sort="heating_area", descending=True)] == \
        ["甲", "乙", "丙"]
    assert [r[1] for r in register.page(CLERK, sort="account_no", offset=1, limit=1)] == \
        ["YGHY03020502"]


def test_the_category_of_an_opened_account_changes_only_by_application(community):
    account = accounts.open_account(CLERK, _home())
    # pending: still being entered, the category may be corrected
    accounts.update_account(CLERK, account.id, {"category": "business"})
    accounts.change_status(CLERK, account.id, "heating", "开栓供热")
    audited = AuditEntry.select().count()
    with pytest.raises(UserError) as err:
        accounts.update_account(CLERK, account.id, {"category": "residential", "name": "张卫"})
    assert (err.value.code, err.value.field) == ("accounts.category_by_application", "category")
    assert err.value.message() == ("用户性质变更须经业务受理办理（用户性质变更申请），"
                                   "自下一采暖季起执行")
    fresh = Account.get_by_id(account.id)
    assert (fresh.category, fresh.name) == ("business", account.name)
    assert AuditEntry.select().count() == audited
    # reception's category change passes it
    accounts.update_account(CLERK, account.id, {"category": "residential"}, by_application=True)
    assert Account.get_by_id(account.id).category == "residential"


def test_the_area_on_record_is_not_typed_over(community):
    account = accounts.open_account(CLERK, _home())
    with pytest.raises(UserError) as err:
        accounts.update_account(CLERK, account.id, {"heating_area": "90"})
    assert err.value.code == "accounts.area_by_measurement"
    assert Account.get_by_id(account.id).heating_area == Decimal("85.50")
    # the same area typed again is no change
    accounts.update_account(CLERK, account.id, {"heating_area": "85.50", "name": "张卫"})
    assert account_queries.area_history(CLERK, account.id) == []
