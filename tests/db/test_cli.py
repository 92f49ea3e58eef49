"""The heatoffice command, run in-process on a temp SQLite file (and PostgreSQL for init/check)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from seats import SETUP, seat

import heatoffice
from heatoffice import messages
from heatoffice.audit.seals import seal
from heatoffice.cli import common, setup
from heatoffice.db import migrations, seals
from heatoffice.db.connection import connect

ADMIN_PW = "secret-admin"
CHECKS = ["schema_version", "sqlite_integrity", "sqlite_foreign_keys", "search_index",
          "account_status_history", "account_names", "roles", "chain", "seals", "ledger",
          "applications", "work_orders", "cases"]


pytestmark = pytest.mark.usefixtures("cli_env")  # url and run: tests/db/conftest.py


@pytest.fixture
def initialised(run, monkeypatch):
    """init done; the commands after it log in as its admin."""
    status, out, _ = run("init", "--admin-password", ADMIN_PW)
    assert status == 0, out
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    return run


def _with_db(url):
    """Open the database the command used, for arranging data and looking at results."""
    return connect(url)


def _open_accounts(url):
    from heatoffice.accounts import service

    system = SETUP
    db = _with_db(url)
    station = service.add_station(system, "S1", "一号站")
    service.add_community(system, "阳光花园", "YG", station.id)
    service.add_community(system, "幸福里", "XF")
    rows = [
        dict(name="张伟", community="阳光花园", building="3", unit="2", room="501",
             phone="13812345678", id_number="11010519491231002X", heating_area="88.25",
             contact="张伟", station_id=station.id),
        dict(name="=HYPERLINK(\"x\")", community="阳光花园", building="3", unit="2", room="502",
             phone="0371-65123456", heating_area="120", category="business"),
        dict(name="王芳", community="幸福里", building="1", unit="1", room="101",
             heating_area="60.5"),
    ]
    accounts = [service.open_account(system, r) for r in rows]
    service.change_status(system, accounts[0].id, "heating", "供热开始")
    db.close()
    return accounts


def test_init_creates_the_database_and_the_admin_and_check_passes(run, url, monkeypatch):
    status, out, err = run("init", "--admin-password", ADMIN_PW)
    assert (status, err) == (0, "")
    assert f"（版本 {migrations.LATEST}）" in out and "已创建管理员 admin" in out
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    status, out, err = run("check")
    assert status == 0, out + err
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"[OK] {n}" for n in CHECKS]
    assert lines[-1] == f"全部 {len(CHECKS)} 项检查通过"
    # A second init leaves the admin as it was.
    status, out, err = run("init", "--admin-password", "another-pw")
    assert status == 0 and "已有管理员，密码未改动" in err
    from heatoffice.auth import service

    _with_db(url)
    assert service.login("admin", ADMIN_PW).role == "admin"


def test_init_without_password_and_without_terminal_is_a_user_error(run, url):
    status, out, err = run("--lang", "en", "init")
    assert status == 1
    assert err.strip() == ("password: no terminal to type it on: give it with "
                           "--admin-password / HEATOFFICE_ADMIN_PASSWORD")
    assert messages.language() == "zh"  # the process language is left as it was


def test_init_prompts_twice_on_a_terminal(run, url, monkeypatch):
    answers = iter(["first-pw-12", "other-pw-12", "typed-pw-12", "typed-pw-12"])
    monkeypatch.setattr(common, "_interactive", lambda: True)
    monkeypatch.setattr(common.getpass, "getpass", lambda prompt="": next(answers))
    status, _, err = run("init")
    assert status == 1 and err.strip() == "密码：两次输入的密码不一致"
    status, out, _ = run("init")
    assert status == 0 and "已创建管理员 admin" in out
    from heatoffice.auth import service

    _with_db(url)
    assert service.login("admin", "typed-pw-12").username == "admin"


def test_admin_password_from_environment(run, url, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_ADMIN_PASSWORD", "env-admin-pw")
    assert run("init")[0] == 0
    from heatoffice.auth import service

    _with_db(url)
    assert service.login("admin", "env-admin-pw").role == "admin"


def test_commands_other_than_init_refuse_a_missing_database(run, tmp_path):
    missing = tmp_path / "nowhere.db"
    status, _, err = run("check", db=f"sqlite:///{missing}")
    assert status == 1 and err.strip() == "数据库尚未初始化：请运行 heatoffice init"
    assert not missing.exists()


def test_users_add_then_log_in_as_the_new_user(initialised, url, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "cashier-pw")
    status, out, err = initialised("users", "add", "liu", "--role", "cashier",
                                   "--display-name", "刘收费")
    assert (status, err) == (0, "")
    assert out.strip() == "已创建用户 liu（收费员）"
    status, out, _ = initialised("users", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["用户名", "显示名称", "角色", "启用", "最近登录"]
    assert lines[2].split() == ["liu", "刘收费", "收费员", "是", "-"]
    # The new user logs in with their own password, and is refused what a cashier may not do.
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "cashier-pw")
    status, _, err = initialised("--user", "liu", "users", "list")
    assert status == 1 and err.strip() == "无权执行此操作：管理登录用户与角色"
    from heatoffice.auth import service

    _with_db(url)
    actor = service.login("liu", "cashier-pw")
    assert (actor.role, actor.display_name) == ("cashier", "刘收费")


def test_users_add_needs_the_new_password_separately(initialised, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    status, _, err = initialised("--lang", "en", "users", "add", "liu", "--role", "cashier")
    assert status == 1
    assert err.strip() == ("password: no terminal to type it on: give it with "
                           "HEATOFFICE_NEW_PASSWORD")


def test_users_add_with_an_unknown_role_names_the_field(initialised, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "whatever-pw")
    status, _, err = initialised("users", "add", "liu", "--role", "boss")
    assert status == 1 and err.strip() == "角色：没有角色“boss”"


def test_wrong_password_is_exit_1_with_the_message(initialised, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "not-it")
    status, out, err = initialised("users", "list")
    # A known user is told how many tries are left before the lock; an unknown one is not.
    assert (status, out, err.strip()) == (
        1, "", "用户名或密码错误；再输错 4 次，该用户将被锁定 10 分钟")
    status, _, err = initialised("--lang", "en", "--user", "nobody", "users", "list")
    assert (status, err.strip()) == (1, "wrong user name or password")


def test_login_before_any_admin_points_at_init(run, url, monkeypatch):
    _with_db(url).close()
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "x")
    status, _, err = run("users", "list")
    assert status == 1 and err.strip().startswith("尚未设置管理员密码")


def test_read_only_user_may_not_export(initialised, tmp_path, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "reader-pw-1")
    assert initialised("users", "add", "reader", "--role", "read_only")[0] == 0
    monkeypatch.setenv("HEATOFFICE_USER", "reader")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "reader-pw-1")
    out_file = tmp_path / "accounts.xlsx"
    status, out, err = initialised("accounts", "export", "--out", str(out_file))
    assert (status, out, err.strip()) == (1, "", "无权执行此操作：导出用户档案")
    assert not out_file.exists()


def test_export_writes_the_accounts(initialised, url, tmp_path, monkeypatch):
    accounts = _open_accounts(url)
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    out_file = tmp_path / "accounts.xlsx"
    status, out, err = initialised("accounts", "export", "--out", str(out_file))
    assert status == 0, err
    assert out.strip() == f"已导出 3 户到 {out_file}"
    assert err.strip().splitlines()[-1] == "导出用户档案：3/3"
    wb = load_workbook(out_file, read_only=True)
    rows = [tuple(c.value for c in r) for r in wb.active.iter_rows()]
    wb.close()
    opened = accounts[0].created_at.replace(hour=0, minute=0, second=0)
    # Title rows: the company, the report, who printed it and when; then the table.
    assert rows[:2] == [("阳光热力",), ("用户档案",)]
    assert rows[2][0].startswith("打印人：系统管理员\u3000\u3000打印时间：")
    assert rows[3:] == [
        ("户号", "户名", "类别", "地址", "电话", "供热面积(㎡)", "状态", "联系人", "备用电话",
         "身份证号", "换热站", "开户日期"),
        (accounts[0].account_no, "张伟", "居民", "阳光花园3号楼2单元501", "13812345678", 88.25,
         "供热", "张伟", None, "11010519491231002X", "一号站", opened),
        (accounts[1].account_no, "=HYPERLINK(\"x\")", "商业", "阳光花园3号楼2单元502",
         "0371-65123456", 120, "待开通", None, None, None, None, opened),
        (accounts[2].account_no, "王芳", "居民", "幸福里1号楼1单元101", None, 60.5, "待开通",
         None, None, None, None, opened),
    ]
    from heatoffice.audit.models import AuditEntry

    _with_db(url)
    entry = AuditEntry.get(AuditEntry.action == "accounts.export")
    assert (entry.actor, entry.note) == ("admin", f"{out_file} (3)")


def test_export_with_search_and_english_headers(initialised, url, tmp_path, monkeypatch):
    accounts = _open_accounts(url)
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    out_file = tmp_path / "search.xlsx"
    status, out, _ = initialised("--lang", "en", "accounts", "export", "--out", str(out_file),
                                 "--search", "阳光 502")
    assert status == 0 and out.strip() == f"exported 1 accounts to {out_file}"
    wb = load_workbook(out_file, read_only=True)
    rows = [tuple(c.value for c in r) for r in wb.active.iter_rows()]
    wb.close()
    assert rows[2] == ("Filters: Search: 阳光 502",)
    assert rows[4][:7] == ("Account no.", "Name", "Category", "Address", "Phone", "Area (m²)",
                           "Status")
    assert [r[0] for r in rows[5:]] == [accounts[1].account_no]
    assert rows[5][2] == "business"


def test_export_refuses_a_file_that_is_not_xlsx(initialised, tmp_path, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    status, _, err = initialised("accounts", "export", "--out", str(tmp_path / "a.csv"))
    assert status == 1 and err.strip() == f"文件“{tmp_path / 'a.csv'}”应以 .xlsx 结尾"


def test_export_rows_come_in_batches_and_mask_for_roles_without_personal_data(
        initialised, url, monkeypatch):
    from heatoffice.exports import accounts as export

    accounts = _open_accounts(url)
    _with_db(url)
    monkeypatch.setattr(export, "BATCH", 2)
    reader = seat("r", "read_only")
    rows = list(export.rows(reader))
    assert [r[0] for r in rows] == [a.account_no for a in accounts]
    assert (rows[0][4], rows[0][9]) == ("138****5678", "110105********002X")
    assert rows[1][4] == "0371-****3456"
    full = list(export.rows(SETUP))
    assert (full[0][4], full[0][9]) == ("13812345678", "11010519491231002X")
    assert full[0][5] == Decimal("88.25") and isinstance(full[0][11], dt.date)


def test_bad_usage_is_exit_2(run):
    status, _, err = run("bogus")
    assert status == 2 and "无效的选择：'bogus'" in err
    assert run("users")[0] == 2
    assert run("accounts", "export")[0] == 2  # --out is required
    assert run("--lang", "fr", "check")[0] == 2
    assert run("demo", "--accounts", "many")[0] == 2


def test_help_of_each_command_is_exit_0(run):
    for args in (["--help"], ["init", "--help"], ["demo", "--help"], ["check", "--help"],
                 ["users", "add", "--help"], ["users", "list", "--help"],
                 ["accounts", "export", "--help"]):
        status, out, _ = run(*args)
        assert status == 0 and out.startswith("用法：heatoffice"), args
        assert "显示此帮助并退出" in out, args
    status, out, _ = run("--lang", "en", "users", "add", "--help")
    assert out.startswith("usage: heatoffice users add")
    assert "HEATOFFICE_NEW_PASSWORD" in out and "HEATOFFICE_PASSWORD" in out


def test_damaged_search_index_fails_check_naming_it(initialised, url):
    accounts = _open_accounts(url)
    db = _with_db(url)
    db.execute_sql("DELETE FROM account_search_tri WHERE rowid = ?", (accounts[1].id,))
    db.close()
    status, out, err = initialised("check")
    assert status == 1
    failed = [line for line in out.splitlines() if line.startswith("[FAIL]")]
    assert failed == [f"[FAIL] search_index: account_search_tri: accounts not indexed: "
                      f"{accounts[1].account_no}"]
    assert err.strip() == "1 项检查未通过：search_index"


def test_check_confirms_a_printed_seal_code(initialised, url):
    """`check --seal CODE`: a code this database never made is a failed check (exit 1); one it
    made (as a close makes it) is confirmed however it is typed."""
    status, out, _ = initialised("check", "--seal", "0000-0000-0000-0000-0000")
    assert status == 1
    assert ("[FAIL] seal: no seal 0000-0000-0000-0000-0000 in this database: mistyped, from "
            "another database, or the ledger was rewritten since it was printed") in out
    db = _with_db(url)
    with db.atomic():
        made = seal(seat("admin", "admin"), "day_close", 1)
    db.close()
    assert made.code == seals.code(made.heads)
    status, out, _ = initialised("check", "--seal", made.code.replace("-", "").lower())
    assert status == 0, out
    assert f"[OK] seal: seal {made.code} holds" in out


def test_status_without_history_fails_check(initialised, url):
    accounts = _open_accounts(url)
    db = _with_db(url)
    db.execute_sql("UPDATE account SET status = 'stopped' WHERE id = ?", (accounts[0].id,))
    db.close()
    status, out, _ = initialised("check")
    assert status == 1
    assert (f"[FAIL] account_status_history: 1 accounts differ from their history: "
            f"{accounts[0].account_no} stopped (history: heating)") in out.splitlines()


def _fresh_pg(pg_url):
    db = connect(pg_url)
    tables = [t for t in db.get_tables() if t != "schema_version"]
    db.execute_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                   + " RESTART IDENTITY CASCADE")
    db.close()


def test_init_and_check_on_postgresql(run, pg_url, monkeypatch):
    _fresh_pg(pg_url)
    status, out, err = run("init", "--admin-password", ADMIN_PW, db=pg_url)
    assert (status, err) == (0, "")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    assert "PostgreSQL 127.0.0.1/" in out and "已创建管理员 admin" in out
    status, out, _ = run("check", db=pg_url)
    assert status == 0
    # statistics: a warning on a server whose autovacuum is off, which does not fail check
    assert [line.split(":")[0].replace("[WARN]", "[OK]") for line in out.splitlines()[:-1]] == [
        "[OK] schema_version", "[OK] statistics", "[OK] search_index",
        "[OK] account_status_history", "[OK] account_names", "[OK] roles", "[OK] chain",
        "[OK] seals", "[OK] ledger", "[OK] applications", "[OK] work_orders", "[OK] cases"]
    accounts = _open_accounts(pg_url)
    db = _with_db(pg_url)
    db.execute_sql("DELETE FROM account_search WHERE account_id = %s", (accounts[2].id,))
    db.close()
    status, out, err = run("check", db=pg_url)
    assert status == 1 and err.strip() == "1 项检查未通过：search_index"
    assert (f"[FAIL] search_index: account_search: accounts not indexed: "
            f"{accounts[2].account_no}") in out.splitlines()


def test_demo_command_builds_data_that_passes_check(run, monkeypatch):
    status, out, err = run("demo", "--accounts", "30", "--seed", "3")
    assert status == 0, err
    # A new database: the demo makes its admin with the published password, and marks it.
    lines = out.splitlines()
    assert lines[0] == "演示管理员：用户名 admin，密码 demo-admin-1"
    assert lines[1].startswith("演示数据已生成，用时 ")
    assert "  accounts: 30" in lines
    # and one login per other role with their published password
    assert lines[-2] == ("演示登录用户（用户名即角色，密码 demo-user-1）：manager, reception, "
                         "cashier, finance, customer_service, operations, hotline, read_only")
    # and the service desk's calls, orders and cases (which pass the checks below)
    assert lines[-1] == ("演示服务台：热线来电 7 个，维修单 5 张，投诉 3 件，稽查 2 件，"
                         "室温记录 4 条")
    # Once there is an admin, check and demo need a login like every command ...
    for command in (("check",), ("demo", "--accounts", "5")):
        status, _, err = run(*command)
        assert (status, err.strip()) == (1, "密码：没有可输入的终端，请用 HEATOFFICE_PASSWORD 给出")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "demo-admin-1")
    assert run("check")[0] == 0
    status, _, err = run("demo", "--accounts", "5")
    # ... and a filled demo is not filled again
    assert (status, err.strip()) == (
        1, "数据库中已有 30 户用户档案：演示数据只能生成到没有用户档案的数据库")


def test_demo_refuses_a_database_with_data_it_did_not_make(run, url, monkeypatch):
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    _open_accounts(url)
    refused = ("这个数据库中已有不是演示生成的数据（用户档案 3 户，账单 0 张，收费 0 笔）："
               "演示数据只能放进新的或刚初始化的数据库，请用 --db 指定另一个数据库")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    status, out, err = run("demo", "--accounts", "5")
    assert (status, out, err.strip()) == (1, "", refused)
    status, out, err = run("--demo")  # the app's --demo refuses it too, before any window
    assert (status, out, err.strip()) == (1, "", refused)
    from heatoffice import config
    from heatoffice.accounts.models import Account

    _with_db(url)
    assert Account.select().count() == 3 and not config.is_demo()


def test_demo_on_a_freshly_initialised_database_needs_an_admin(run, url, monkeypatch):
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "cashier-pw")
    assert run("users", "add", "liu", "--role", "cashier")[0] == 0
    # the published demo password is refused outside a demo database
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "demo-user-1")
    status, _, err = run("users", "add", "wang", "--role", "cashier")
    assert (status, err.strip()) == (
        1, "密码：这是公开的演示密码，只能用于演示数据库，请换一个")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "cashier-pw")
    status, _, err = run("--user", "liu", "demo", "--accounts", "5")
    assert status == 1 and "生成演示数据" in err  # not allowed: the action is named
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    status, out, err = run("demo", "--accounts", "5")
    assert status == 0, err
    assert "演示管理员" not in out  # the office's own admin stays as it was
    from heatoffice import config
    from heatoffice.auth import service

    _with_db(url)
    assert config.is_demo()
    assert service.login("admin", ADMIN_PW).role == "admin"
    assert service.login("cashier", "demo-user-1").role == "cashier"


def test_demo_flag_fills_an_empty_database_then_opens_the_app(run, url, monkeypatch):
    calls = []
    fake = types.ModuleType("heatoffice.ui.app")
    fake.run = lambda db_url, *, demo=False, user=None, lang=None: calls.append(
        (db_url, demo, user)) or 0
    monkeypatch.setitem(sys.modules, "heatoffice.ui.app", fake)
    monkeypatch.setattr(setup, "DEMO_ACCOUNTS", 25)
    status, out, _ = run("--demo")
    assert status == 0
    assert out.splitlines()[0] == "演示管理员：用户名 admin，密码 demo-admin-1"
    assert "  accounts: 25" in out.splitlines()
    # The demo's other logins are made; admin keeps the password printed above.
    assert "admin," not in out.splitlines()[-3] and "manager" in out.splitlines()[-3]
    # and this winter's season is billed, with payments at the window
    assert re.fullmatch(r"演示账务：\d{4}-\d{4} 开票 \d+ 户，收费 \d+ 笔，受理申请 \d+ 件",
                        out.splitlines()[-2])
    assert out.splitlines()[-1].startswith("演示服务台：热线来电 ")
    assert calls == [(url, True, "admin")]
    status, out, err = run("--demo", "--user", "cashier")
    assert (status, out) == (0, "") and "不再生成演示数据" in err
    assert calls[-1] == (url, True, "cashier")
    from heatoffice.auth import service

    _with_db(url)
    assert service.login("admin", "demo-admin-1").role == "admin"


def test_no_command_opens_the_app_with_the_database(run, url, monkeypatch):
    calls = []
    fake = types.ModuleType("heatoffice.ui.app")
    fake.run = lambda db_url, *, demo=False, user=None, lang=None: calls.append(
        (db_url, demo, user, lang)) or 7
    monkeypatch.setitem(sys.modules, "heatoffice.ui.app", fake)
    assert run("--user", "liu")[0] == 7
    # No --lang: the app takes the language its user chose; --lang en is this run's.
    assert run("--lang", "en")[0] == 7
    assert calls == [(url, False, "liu", None), (url, False, None, "en")]


def test_usage_errors_in_the_language_of_the_command(run):
    """argparse's own messages (usage, missing and unknown arguments, wrong choices) follow
    --lang like the rest: Chinese by default."""
    status, out, err = run("users", "add")
    assert (status, out) == (2, "")
    assert err.splitlines()[0].startswith("用法：heatoffice users add [-h] --role ROLE")
    assert err.splitlines()[-1] == "heatoffice users add：错误：缺少必需的参数：name, --role"
    status, _, err = run("--lang", "en", "users", "add")
    assert err.splitlines()[0].startswith("usage: heatoffice users add [-h] --role ROLE")
    assert err.splitlines()[-1] == ("heatoffice users add: error: the following arguments "
                                    "are required: name, --role")
    status, _, err = run("check", "--frob")
    assert status == 2 and err.splitlines()[-1] == "heatoffice：错误：无法识别的参数：--frob"
    status, _, err = run("--lang", "en", "check", "--frob")
    assert err.splitlines()[-1] == "heatoffice: error: unrecognized arguments: --frob"
    status, _, err = run("demo", "--accounts", "many")
    assert err.splitlines()[-1] == ("heatoffice demo：错误：参数 --accounts：无效的 int 值："
                                    "'many'")
    import argparse

    assert argparse._("usage: ") == "usage: "  # argparse is itself again afterwards


def test_relative_sqlite_path_is_refused_with_the_absolute_form(run, tmp_path, monkeypatch):
    """sqlite:///data/x.db is data/x.db under the current folder (SQLAlchemy's reading): a
    clerk who meant /data/x.db would get an empty database, so it is refused and explained."""
    monkeypatch.chdir(tmp_path)
    status, _, err = run("check", db="sqlite:///srv/heat/office.db")
    assert status == 1
    assert err.strip() == (
        "数据库地址：“sqlite:///srv/heat/office.db”中的路径是相对路径，会随当前文件夹而变。"
        "请写绝对路径（sqlite: 后接四条斜杠）：当前文件夹下的文件为 "
        f"sqlite:///{tmp_path.as_posix()}/srv/heat/office.db，若指根目录下的文件则为 "
        "sqlite:////srv/heat/office.db")
    status, _, err = run("--lang", "en", "init", "--admin-password", "whatever-12",
                         db="sqlite:///office.db")
    assert status == 1 and "four slashes after sqlite:" in err
    assert f"sqlite:///{tmp_path.as_posix()}/office.db for the file" in err
    assert not (tmp_path / "office.db").exists()  # nothing was created


def test_python_dash_m_heatoffice_help():
    root = Path(heatoffice.__file__).resolve().parent.parent
    for args in (["--help"], ["init", "--help"]):
        done = subprocess.run([sys.executable, "-m", "heatoffice", *args], cwd=root,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("用法：heatoffice")
    done = subprocess.run([sys.executable, "-m", "heatoffice", "--lang", "en", "init", "--help"],
                          cwd=root, capture_output=True, text=True, timeout=60)
    assert "--admin-password PW" in done.stdout and "first admin" in done.stdout


def test_a_report_whose_reader_went_away_ends_quietly(tmp_path):
    """``heatoffice … | head``: the reader closes the pipe; the work done stands, no
    traceback, the shell's own exit status for it (141)."""
    root = Path(heatoffice.__file__).resolve().parent.parent
    out = tmp_path / "t.xlsx"
    proc = subprocess.Popen([sys.executable, "-m", "heatoffice", "import", "template",
                             "accounts", "--out", str(out)], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the program writes its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert out.exists()


def test_users_role_changes_a_role_through_the_audited_service(initialised, url, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "cashier-pw-10")
    assert initialised("users", "add", "liu", "--role", "cashier")[0] == 0
    status, out, err = initialised("users", "role", "liu", "finance")
    assert (status, err) == (0, "")
    assert out.strip().startswith("用户 liu 的角色已改为 ")
    status, out, _ = initialised("check")
    assert status == 0 and "[OK] roles" in out
    status, _, err = initialised("users", "role", "liu", "boss")
    assert status == 1 and "boss" in err


def test_check_needs_a_login_with_system_check(initialised, monkeypatch):
    monkeypatch.delenv("HEATOFFICE_PASSWORD")
    status, out, err = initialised("check")
    assert (status, out) == (1, "")
    assert err.strip() == "密码：没有可输入的终端，请用 HEATOFFICE_PASSWORD 给出"
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "not-the-password")
    status, out, err = initialised("check")
    assert (status, out) == (1, "") and err.startswith("用户名或密码错误")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("HEATOFFICE_NEW_PASSWORD", "cashier-pw-12")
    assert initialised("users", "add", "liu", "--role", "cashier")[0] == 0
    monkeypatch.setenv("HEATOFFICE_USER", "liu")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "cashier-pw-12")
    status, out, err = initialised("check")
    assert (status, out, err.strip()) == (1, "", "无权执行此操作：数据检查")
