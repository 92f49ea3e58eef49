"""Issue 9 on SQLite and PostgreSQL: the largest single amount, a receipt logged as printed
only once its file exists, the demo's mark and watermark, password rules and login timing."""

from __future__ import annotations

import datetime as _dt
import statistics
import subprocess
import time

import pytest
from ledger_world import (
    ADMIN,
    CASHIER,
    MANAGER,
    D,
    at,
    bill,
    counter_state,
    home,
    row_counts,
    season,
)
from seats import SETUP, seat

from heatoffice import config
from heatoffice.auth import passwords
from heatoffice.auth import service as auth
from heatoffice.billing import adjustments, payments
from heatoffice.billing.models import Payment, ReceiptPrint
from heatoffice.config import service as settings
from heatoffice.errors import UserError, ValidationErrors
from heatoffice.exports import documents
from heatoffice.seasons import service as seasons

OCT20 = _dt.date(2026, 10, 20)


@pytest.fixture
def world(db):
    at(OCT20)
    s, t = season()
    account = home()
    bill(account, s, t)
    return account


def _text(path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"],
                          capture_output=True, text=True, check=True)
    return "".join(done.stdout.split())  # the watermark's diagonal letters come apart


# -- the largest single amount --------------------------------------------------------------

def test_a_payment_over_the_maximum_is_refused_and_writes_nothing(world):
    before, counter = row_counts(), counter_state()
    for amount in ("10000000", "999999999999999999", "123456789012345678901234"):
        with pytest.raises(UserError) as err:
            payments.record_payment(CASHIER, world.id, amount, "card")
        assert err.value.code == "money.too_large"
        assert err.value.message("zh") == f"金额：“{amount}”超过单笔金额上限 ¥9,999,999.99"
        assert err.value.message("en") == (
            f'amount: "{amount}" is over the largest single amount, ¥9,999,999.99')
    with pytest.raises(UserError) as err:  # the cash handed over too
        payments.record_payment(CASHIER, world.id, "100", "cash", tendered="10000000")
    assert (err.value.code, err.value.field) == ("money.too_large", "tendered")
    assert (row_counts(), counter_state()) == (before, counter)
    # the maximum itself is taken
    assert payments.record_payment(CASHIER, world.id, "9999999.99", "card").amount == D(
        "9999999.99")


def test_the_maximum_is_a_setting(world):
    assert config.max_amount() == D("9999999.99")
    settings.set_setting(ADMIN, "max_amount", "20,000,000")
    assert config.get("max_amount") == "20000000.00"
    assert payments.record_payment(CASHIER, world.id, "10000000", "card").amount == D(
        "10000000.00")
    settings.set_setting(ADMIN, "max_amount", "500")
    with pytest.raises(UserError, match="超过单笔金额上限 ¥500.00"):
        payments.record_payment(CASHIER, world.id, "500.01", "card")
    for bad in ("0", "-5", "abc", "9999999999999"):  # beyond 9999亿 no receipt can say it
        with pytest.raises(UserError) as err:
            settings.set_setting(ADMIN, "max_amount", bad)
        assert err.value.field == "max_amount"
    assert config.max_amount() == D("500.00")


def test_adjustments_and_tariffs_are_bounded_too(world):
    from heatoffice.billing import tariff_change

    before = row_counts()
    with pytest.raises(ValidationErrors) as err:
        adjustments.propose_adjustment(MANAGER, world.id, "-10000000", "credit", "减免")
    assert [(e.code, e.field) for e in err.value.errors] == [("money.too_large", "amount")]
    s = seasons.add_season(ADMIN, "2027-2028", _dt.date(2027, 11, 15), _dt.date(2028, 3, 15))
    before = row_counts()
    with pytest.raises(UserError) as err:
        tariff_change.set_tariff(ADMIN, s.id, "residential", price_per_m2="10000000",
                                 stopped_share="0.30", late_fee_rate="0.0005",
                                 late_fee_from=_dt.date(2028, 1, 1))
    errors = err.value.errors if isinstance(err.value, ValidationErrors) else [err.value]
    assert ("money.too_large", "price_per_m2") in [(e.code, e.field) for e in errors]
    assert row_counts() == before


# -- payment and print are separate outcomes -------------------------------------------------

def test_a_receipt_is_logged_only_after_its_file_was_written(world, tmp_path):
    payment = payments.record_payment(CASHIER, world.id, "100", "card")
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    with pytest.raises(UserError) as err:
        documents.print_receipt(CASHIER, folder, payment.receipt_no)
    assert err.value.code == "exports.write_failed"
    assert ReceiptPrint.select().count() == 0  # the failed printing is no printing
    first = tmp_path / "first.pdf"
    assert documents.print_receipt(CASHIER, first, payment.receipt_no) is False
    assert "副本" not in _text(first)
    again = tmp_path / "again.pdf"
    assert documents.print_receipt(CASHIER, again, payment.receipt_no) is True
    assert "副本" in _text(again)
    assert [p.copy for p in ReceiptPrint.select().order_by(ReceiptPrint.id)] == [False, True]


def test_printing_needs_the_cashiers_right_before_any_file(world, tmp_path):
    payment = payments.record_payment(CASHIER, world.id, "100", "card")
    reader = seat("reader", "read_only")
    with pytest.raises(UserError):
        documents.print_receipt(reader, tmp_path / "r.pdf", payment.receipt_no)
    assert not (tmp_path / "r.pdf").exists() and ReceiptPrint.select().count() == 0


# -- the demo's mark -------------------------------------------------------------------------

def test_documents_of_a_demo_database_carry_the_watermark(world, tmp_path):
    payment = payments.record_payment(CASHIER, world.id, "100", "card")
    plain = tmp_path / "plain.pdf"
    documents.print_receipt(CASHIER, plain, payment.receipt_no)
    assert "演示" not in _text(plain)
    config.put("demo", "1")
    marked = tmp_path / "demo.pdf"
    documents.print_receipt(CASHIER, marked, payment.receipt_no)
    assert "演示" in _text(marked)
    assert documents.company().watermark == "演示"


def test_demo_refuses_data_it_did_not_make(world):
    from heatoffice import demo

    with pytest.raises(UserError) as err:
        demo.build(actor=SETUP, accounts=5, seed=1)
    assert err.value.code == "demo.real_database"
    assert err.value.params == {"accounts": 1, "bills": 1, "payments": 0}
    with pytest.raises(UserError) as err:
        demo.build_ledger(actor=SETUP, seed=1)
    assert err.value.code == "demo.not_demo"
    assert not config.is_demo() and Payment.select().count() == 0


# -- passwords -------------------------------------------------------------------------------

@pytest.mark.parametrize(("password", "code"), [
    ("", "auth.weak_password"), ("short-pw1", "auth.weak_password"),
    ("1234567890", "auth.common_password"), ("Password123", "auth.common_password"),
    ("qwertyuiop", "auth.common_password"), ("woaini1314", "auth.common_password"),
    ("demo-user-1", "auth.published_password"), ("demo-admin-1", "auth.published_password"),
])
def test_password_rules_at_add_reset_change_and_first_admin(db, password, code):
    def refused(call) -> str:
        with pytest.raises(UserError) as err:
            call()
        errors = err.value.errors if isinstance(err.value, ValidationErrors) else [err.value]
        return [e.code for e in errors if e.field == "password"][0]

    assert refused(lambda: auth.create_first_admin(password)) == code
    admin = auth.actor_for(auth.create_first_admin("a-good-password"))
    assert refused(lambda: auth.create_user(admin, "liu", password, "cashier")) == code
    auth.create_user(admin, "liu", "liu-password-1", "cashier")
    assert refused(lambda: auth.set_password(admin, "liu", password)) == code
    liu = auth.login("liu", "liu-password-1")
    assert refused(lambda: auth.change_password(liu, "liu-password-1", password)) == code
    assert auth.login("liu", "liu-password-1").username == "liu"


def test_the_demo_passwords_are_allowed_on_a_demo_database(db):
    config.put("demo", "1")
    admin = auth.create_first_admin(passwords.DEMO_ADMIN_PASSWORD)
    assert admin.username == "admin"
    auth.create_user(SETUP, "cashier", passwords.DEMO_PASSWORD, "cashier")
    assert auth.login("cashier", passwords.DEMO_PASSWORD).role == "cashier"


def test_the_common_list_ships_with_the_package():
    common = passwords.common_passwords()
    assert {"123456", "password", "1qaz2wsx", "woaini1314", "admin123"} <= common
    assert len(common) > 200 and all(p == p.lower() for p in common)


def _median_login_seconds(username: str, password: str, times: int = 9) -> float:
    taken = []
    for _ in range(times):
        start = time.perf_counter()
        with pytest.raises(UserError):
            auth.login(username, password)
        taken.append(time.perf_counter() - start)
    return statistics.median(taken)


def test_an_unknown_name_costs_as_much_as_a_known_one(sqlite_db, monkeypatch):
    # The program's own hashing parameters (the suite runs with cheap ones).
    monkeypatch.setattr(passwords, "_hasher", passwords.PasswordHasher())
    monkeypatch.setattr(passwords, "_dummy", None)
    admin = auth.actor_for(auth.create_first_admin("a-good-password"))
    auth.create_user(admin, "liu", "liu-password-1", "cashier")
    monkeypatch.setattr(auth, "MAX_FAILED_LOGINS", 1000)  # no lock while measuring
    _median_login_seconds("nobody", "wrong-password", 2)  # warm up
    for _ in range(3):  # a busy machine may disturb one round
        known = _median_login_seconds("liu", "wrong-password")
        unknown = _median_login_seconds("nobody", "wrong-password")
        if abs(known - unknown) <= 0.2 * max(known, unknown):
            break
    assert abs(known - unknown) <= 0.2 * max(known, unknown), (known, unknown)
    assert unknown > 0.005  # a real hash was computed, not a lookup
