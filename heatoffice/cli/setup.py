"""Commands that set an office up: init, demo, check, users; and the desktop app itself."""

from __future__ import annotations

import argparse
import sys
import time

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.auth.passwords import DEMO_ADMIN_PASSWORD
from heatoffice.cli.common import Commands, command, group

DEMO_ACCOUNTS = 2000

TEXT: common.Table = {
    # help
    "init": ("创建或升级数据库，并设置第一个管理员的密码",
             "create or upgrade the database and set the first admin's password"),
    "admin_password": ("第一个管理员（admin）的密码；"
                       "不给时取 $HEATOFFICE_ADMIN_PASSWORD 或提示输入两次",
                       "password of the first admin (admin); else $HEATOFFICE_ADMIN_PASSWORD or "
                       "typed twice at a prompt"),
    "demo": ("生成演示数据（小区、用户档案、员工），并把数据库标为演示数据库。新数据库上同时创建"
             "演示管理员（admin，密码 {password}）；已有管理员时需以管理员登录。"
             "数据库中已有非演示生成的用户档案、账单或收费记录时拒绝",
             "make demo data (communities, accounts, staff) and mark the database as a demo. "
             "On a new database it also makes the demo admin (admin, password {password}); "
             "where an admin exists, log in as one. Refused on a database holding accounts, "
             "bills or payments no demo made"),
    "ledger": ("同时生成本采暖季、热价、开票和一批收费记录",
               "also add this winter's season, tariffs, bills and a batch of payments"),
    "accounts_n": ("演示用户档案户数", "how many demo accounts"),
    "seed": ("随机种子：同一种子生成同样的数据", "random seed: the same seed makes the same data"),
    "check": ("检查数据库：版本、完整性、搜索索引、状态记录；有问题时退出码为 1"
              "（需要“数据检查”权限）",
              "check the database: schema, integrity, search index, status history; "
              "exit status 1 on a problem (needs system.check)"),
    "seal": ("另外核对日报或月报上印的账本封存码（如 3F2A-9C01-…）：封存以来账本未被改写",
             "also confirm a ledger seal printed on a daily or month report (e.g. 3F2A-9C01-…): "
             "the ledger was not rewritten since"),
    "users": ("管理登录用户（需要“管理登录用户”权限）", "manage login users (needs users.manage)"),
    "users_add": ("新建登录用户；新用户的密码取自 $HEATOFFICE_NEW_PASSWORD 或提示输入两次"
                  "（登录密码仍取自 $HEATOFFICE_PASSWORD）",
                  "add a login user; the new user's password comes from $HEATOFFICE_NEW_PASSWORD "
                  "or is typed twice (the login password still comes from $HEATOFFICE_PASSWORD)"),
    "name": ("新用户的用户名", "the new user's name"),
    "role": ("角色", "role"),
    "display_name": ("显示名称（默认为用户名）", "name shown in the program (default: user name)"),
    "users_list": ("列出登录用户", "list login users"),
    "users_role": ("改变用户的角色（写入审计日志；数据库只接受这样改角色）",
                   "change a user's role (written to the audit log; the database accepts a "
                   "role change no other way)"),
    "user_name": ("用户名", "user name"),
    # output
    "init_backup": ("已先备份现有数据库：{file}",
                    "the existing database was backed up first: {file}"),
    "db_ready": ("数据库已就绪：{db}（版本 {version}）",
                 "database ready: {db} (schema version {version})"),
    "admin_made": ("已创建管理员 {user}", "admin {user} created"),
    "admin_exists": ("已有管理员，密码未改动", "an admin exists already: password not changed"),
    "prompt_admin": ("管理员密码：", "admin password: "),
    "prompt_new": ("新用户 {user} 的密码：", "password of the new user {user}: "),
    "demo_admin_made": ("演示管理员：用户名 admin，密码 {password}",
                        "demo admin: user name admin, password {password}"),
    "demo_exists": ("演示数据库中已有用户档案，不再生成演示数据",
                    "the demo database has accounts: no demo data made"),
    "demo_users": ("演示登录用户（用户名即角色，密码 {password}）：{users}",
                   "demo logins (user name = role, password {password}): {users}"),
    "demo_done": ("演示数据已生成，用时 {seconds:.1f} 秒：", "demo data made in {seconds:.1f} s:"),
    "demo_ledger_done": ("演示账务：{season} 开票 {bills} 户，收费 {payments} 笔，"
                         "受理申请 {applications} 件",
                         "demo ledger: {season}, {bills} bills, {payments} payments, "
                         "{applications} applications"),
    "demo_desk_done": ("演示服务台：热线来电 {calls} 个，维修单 {work_orders} 张，"
                       "投诉 {complaints} 件，稽查 {inspections} 件，室温记录 {readings} 条",
                       "demo service desk: {calls} calls, {work_orders} work orders, "
                       "{complaints} complaints, {inspections} inspections, "
                       "{readings} room temperatures"),
    "making_demo": ("生成演示数据", "making demo data"),
    "check_failed": ("{count} 项检查未通过：{names}", "{count} checks failed: {names}"),
    "check_passed": ("全部 {count} 项检查通过", "all {count} checks passed"),
    "user_made": ("已创建用户 {user}（{role}）", "user {user} created ({role})"),
    "role_set": ("用户 {user} 的角色已改为 {role}", "user {user} is now {role}"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "users_head": ("用户名|显示名称|角色|启用|最近登录", "user|name|role|active|last login"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    s = command(commands.top, "init", t("init"), cmd_init, epilog=False)
    s.add_argument("--admin-password", metavar="PW", default=None, help=t("admin_password"))

    s = command(commands.top, "demo", t("demo", password=DEMO_ADMIN_PASSWORD), cmd_demo)
    s.add_argument("--accounts", type=int, default=DEMO_ACCOUNTS, metavar="N",
                   help=t("accounts_n"))
    s.add_argument("--seed", type=int, default=1, metavar="S", help=t("seed"))
    s.add_argument("--ledger", action="store_true", help=t("ledger"))

    s = command(commands.top, "check", t("check"), cmd_check, epilog=False)
    s.add_argument("--seal", metavar="CODE", help=t("seal"))

    users = group(commands.top, "users", t("users"))
    s = command(users, "add", t("users_add"), cmd_users_add)
    s.add_argument("name", help=t("name"))
    s.add_argument("--role", required=True, metavar="ROLE",
                   help=t("role") + ": " + ", ".join(glossary.codes("role")))
    s.add_argument("--display-name", default="", metavar="TEXT", help=t("display_name"))
    command(users, "list", t("users_list"), cmd_users_list, epilog=False)
    s = command(users, "role", t("users_role"), cmd_users_role)
    s.add_argument("name", help=t("user_name"))
    s.add_argument("role", metavar="ROLE",
                   help=t("role") + ": " + ", ".join(glossary.codes("role")))


def demo_actor(args: argparse.Namespace, admin_password: str | None = None):
    """Who fills the demo. A database without an admin (one the demo has just created) is
    marked as a demo and gets the demo's admin with the published password (or
    ``admin_password``); on any other an admin logs in, as for every command. A database
    holding data no demo made is refused either way."""
    from heatoffice import demo
    from heatoffice.auth import service
    from heatoffice.auth.identity import system_work

    if not service.needs_admin():
        actor = common.login(args)
        demo.check_fillable()
        return actor
    with system_work("demo") as system:  # nobody to log in yet
        demo.mark_demo(system)  # first: the published password is for demo databases
    password = admin_password or DEMO_ADMIN_PASSWORD
    user = service.create_first_admin(password)
    print(t("demo_admin_made", password=password))
    return service.actor_for(user)


def build_demo(actor, accounts: int, seed: int, *, ledger: bool = False) -> None:
    """Make the demo city (and with ``ledger`` this winter's fee ledger), then the service
    desk's calls, work orders and cases, saying what was made."""
    from heatoffice import demo

    start = time.perf_counter()
    summary = demo.build(accounts=accounts, seed=seed, actor=actor,
                         progress=common.progress(t("making_demo")))
    print(t("demo_done", seconds=time.perf_counter() - start))
    for key, value in summary.items():
        if isinstance(value, int) and key != "seed":
            print(f"  {key}: {value}")
    for key in ("by_status", "by_category"):
        if summary.get(key):
            print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in summary[key].items()))
    if summary.get("users"):
        print(t("demo_users", users=", ".join(summary["users"]), password=demo.PASSWORD))
    if ledger:
        made = demo.build_ledger(seed=seed, actor=actor, progress=common.progress(t("making_demo")))
        print(t("demo_ledger_done", **made))
    print(t("demo_desk_done", **demo.build_service_desk(actor)))


def cmd_app(args: argparse.Namespace) -> int:
    """No command: the desktop app (after filling an empty database when --demo is given)."""
    if args.demo:
        from heatoffice import config
        from heatoffice.accounts.models import Account

        db = common.open_db(args.db, create=True)
        if config.is_demo() and Account.select().exists():
            print(t("demo_exists"), file=sys.stderr)
        else:
            actor = demo_actor(args, args.demo_admin_password)
            build_demo(actor, DEMO_ACCOUNTS, 1, ledger=True)
        db.close()
    from heatoffice.ui.app import run

    # The demo's login screen starts with the admin's name filled in.
    return run(args.db, demo=args.demo, user=args.user or ("admin" if args.demo else None),
               lang=args.lang)


def cmd_init(args: argparse.Namespace) -> int:
    from heatoffice.auth import service
    from heatoffice.db.connection import describe
    from heatoffice.db.migrations import LATEST, current_version, migrate

    db = common.open_db(args.db, create=True, migrate=False)
    found = current_version(db)
    if found == LATEST:
        # init on a database in use: a backup first (an older one gets its pre_migration
        # backup from the migration itself)
        from heatoffice.auth.identity import system_work
        from heatoffice.backup.service import record_made
        from heatoffice.db import backup

        path = backup.make(db, "init")
        with system_work("init") as system:
            record_made(system, path, "init")
        print(t("init_backup", file=path))
    migrate(db)
    print(t("db_ready", db=describe(db), version=LATEST))
    if not service.needs_admin():
        if args.admin_password:
            print(t("admin_exists"), file=sys.stderr)
        return common.DONE
    password = args.admin_password or common.secret(
        "HEATOFFICE_ADMIN_PASSWORD", t("prompt_admin"), confirm=True,
        source="--admin-password / HEATOFFICE_ADMIN_PASSWORD")
    user = service.create_first_admin(password)
    print(t("admin_made", user=user.username))
    return common.DONE


def cmd_demo(args: argparse.Namespace) -> int:
    common.open_db(args.db, create=True)
    build_demo(demo_actor(args), args.accounts, args.seed, ledger=args.ledger)
    return common.DONE


def cmd_check(args: argparse.Namespace) -> int:
    from heatoffice.auth.permissions import require
    from heatoffice.check import CheckResult, run_checks
    from heatoffice.db.migrations import LATEST, current_version

    # Not migrated: an out-of-date schema is one of the things to report; so the login
    # writes nothing there (its columns may be another version's).
    db = common.open_db(args.db, create=False, migrate=False)
    require(common.login(args, write=current_version(db) == LATEST), "system.check")
    results = run_checks()
    if args.seal:
        from heatoffice.audit.seals import confirm

        ok, detail = confirm(args.seal)
        results.append(CheckResult("seal", ok, detail))
    for r in results:
        print(f"[{'WARN' if r.warning else 'OK' if r.ok else 'FAIL'}] {r.name}: {r.detail}")
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(t("check_failed", count=len(failed), names=", ".join(failed)), file=sys.stderr)
        return common.USER_ERROR
    print(t("check_passed", count=len(results)))
    return common.DONE


def cmd_users_add(args: argparse.Namespace) -> int:
    from heatoffice.auth import service

    actor = common.session(args)
    password = common.secret("HEATOFFICE_NEW_PASSWORD", t("prompt_new", user=args.name),
                             confirm=True, source="HEATOFFICE_NEW_PASSWORD")
    user = service.create_user(actor, args.name, password, args.role,
                               display_name=args.display_name)
    print(t("user_made", user=user.username, role=glossary.label("role", user.role)))
    return common.DONE


def cmd_users_role(args: argparse.Namespace) -> int:
    from heatoffice.auth import service

    actor = common.session(args)
    service.set_role(actor, args.name, args.role)
    print(t("role_set", user=args.name, role=glossary.label("role", args.role)))
    return common.DONE


def cmd_users_list(args: argparse.Namespace) -> int:
    from heatoffice.auth import service
    from heatoffice.exports.xlsx import display_width

    actor = common.session(args)
    table = [tuple(t("users_head").split("|"))]
    for u in service.list_users(actor):
        table.append((u.username, u.display_name, glossary.label("role", u.role),
                      t("yes") if u.active else t("no"),
                      u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"))
    widths = [max(display_width(str(row[c])) for row in table) for c in range(len(table[0]))]
    for row in table:
        cells = [str(v) + " " * (w - display_width(str(v))) for v, w in zip(row, widths,
                                                                          strict=True)]
        print("  ".join(cells).rstrip())
    return common.DONE
