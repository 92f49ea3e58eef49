"""The ``heatoffice`` command: open the desktop app, or set up, check and export from a shell."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote

from heatoffice import __version__, messages
from heatoffice.errors import UserError

DEMO_ADMIN_PASSWORD = "admin123"
DEMO_ACCOUNTS = 2000

_lang = "zh"

# Output and help texts (errors have their text in heatoffice.messages).
TEXT: dict[str, tuple[str, str]] = {
    "description": ("阳光热力等供热公司的业务桌面软件。不带命令时打开桌面程序。",
                    "Desk software of a district-heating company. Without a command it opens "
                    "the desktop app."),
    "epilog": (
        "环境变量：\n"
        "  HEATOFFICE_DB              数据库地址（sqlite:///路径 或 postgresql://用户@主机/库名）\n"
        "  HEATOFFICE_USER            登录用户名（默认 admin）\n"
        "  HEATOFFICE_PASSWORD        登录密码（没有时在终端提示输入）\n"
        "  HEATOFFICE_NEW_PASSWORD    users add 新用户的密码（没有时在终端提示输入两次）\n"
        "  HEATOFFICE_ADMIN_PASSWORD  init 设置的管理员密码（与 --admin-password 相同）\n"
        "  HEATOFFICE_LANG            zh 或 en\n"
        "退出码：0 成功，1 输入或权限错误，2 命令用法错误。",
        "environment:\n"
        "  HEATOFFICE_DB              database URL (sqlite:///path or postgresql://user@host/name)\n"
        "  HEATOFFICE_USER            user name to log in as (default admin)\n"
        "  HEATOFFICE_PASSWORD        password to log in with (prompted for when unset)\n"
        "  HEATOFFICE_NEW_PASSWORD    password of the user made by `users add` (prompted twice)\n"
        "  HEATOFFICE_ADMIN_PASSWORD  admin password set by `init` (same as --admin-password)\n"
        "  HEATOFFICE_LANG            zh or en\n"
        "exit status: 0 done, 1 wrong input or not allowed, 2 wrong command usage."),
    "db": ("数据库地址（默认 $HEATOFFICE_DB 或本机数据目录下的 SQLite 文件）",
           "database URL (default $HEATOFFICE_DB or a SQLite file in the user's data folder)"),
    "user": ("以此用户登录（默认 $HEATOFFICE_USER 或 admin）；"
             "密码取自 $HEATOFFICE_PASSWORD 或提示输入",
             "log in as this user (default $HEATOFFICE_USER or admin); password from "
             "$HEATOFFICE_PASSWORD or a prompt"),
    "lang": ("提示与错误信息的语言", "language of messages"),
    "demo_flag": (f"空数据库先生成演示数据（管理员 admin，密码 {DEMO_ADMIN_PASSWORD}），"
                  "再打开桌面程序",
                  f"fill an empty database with demo data (admin password {DEMO_ADMIN_PASSWORD}) "
                  "and open the desktop app"),
    "demo_admin": ("与 --demo 一起使用：演示管理员的密码",
                   "with --demo: the demo admin's password"),
    "commands": ("命令", "commands"),
    "init": ("创建或升级数据库，并设置第一个管理员的密码",
             "create or upgrade the database and set the first admin's password"),
    "admin_password": ("第一个管理员（admin）的密码；"
                       "不给时取 $HEATOFFICE_ADMIN_PASSWORD 或提示输入两次",
                       "password of the first admin (admin); else $HEATOFFICE_ADMIN_PASSWORD or "
                       "typed twice at a prompt"),
    "demo": ("生成演示数据（小区、用户档案、员工）",
             "make demo data (communities, accounts, staff)"),
    "ledger": ("同时生成本采暖季、热价、开票和一批收费记录",
               "also add this winter's season, tariffs, bills and a batch of payments"),
    "demo_ledger_done": ("演示账务：{season} 开票 {bills} 户，收费 {payments} 笔",
                         "demo ledger: {season}, {bills} bills, {payments} payments"),
    "accounts_n": ("演示用户档案户数", "how many demo accounts"),
    "seed": ("随机种子：同一种子生成同样的数据", "random seed: the same seed makes the same data"),
    "check": ("检查数据库：版本、完整性、搜索索引、状态记录；有问题时退出码为 1",
              "check the database: schema, integrity, search index, status history; "
              "exit status 1 on a problem"),
    "users": ("管理登录用户（需要“管理登录用户”权限）", "manage login users (needs users.manage)"),
    "users_add": ("新建登录用户；新用户的密码取自 $HEATOFFICE_NEW_PASSWORD 或提示输入两次"
                  "（登录密码仍取自 $HEATOFFICE_PASSWORD）",
                  "add a login user; the new user's password comes from $HEATOFFICE_NEW_PASSWORD "
                  "or is typed twice (the login password still comes from $HEATOFFICE_PASSWORD)"),
    "name": ("新用户的用户名", "the new user's name"),
    "role": ("角色", "role"),
    "display_name": ("显示名称（默认为用户名）", "name shown in the program (default: user name)"),
    "users_list": ("列出登录用户", "list login users"),
    "accounts": ("用户档案", "customer accounts"),
    "export": ("把用户档案导出为 Excel 文件（需要“导出用户档案”权限）",
               "export accounts to an Excel file (needs accounts.export)"),
    "out": ("输出文件（.xlsx）", "output file (.xlsx)"),
    "search": ("只导出搜索到的用户（户号、户名、电话、地址）",
               "export only the accounts this search finds (number, name, phone, address)"),
    # output
    "db_ready": ("数据库已就绪：{db}（版本 {version}）",
                 "database ready: {db} (schema version {version})"),
    "admin_made": ("已创建管理员 {user}", "admin {user} created"),
    "admin_exists": ("已有管理员，密码未改动", "an admin exists already: password not changed"),
    "prompt_admin": ("管理员密码：", "admin password: "),
    "prompt_login": ("{user} 的密码：", "password of {user}: "),
    "prompt_new": ("新用户 {user} 的密码：", "password of the new user {user}: "),
    "prompt_again": ("再输入一次：", "again: "),
    "demo_admin_made": ("演示管理员：用户名 admin，密码 {password}",
                        "demo admin: user name admin, password {password}"),
    "demo_exists": ("数据库中已有用户档案，不再生成演示数据",
                    "the database has accounts: no demo data made"),
    "demo_users": ("演示登录用户（用户名即角色，密码 {password}）：{users}",
                   "demo logins (user name = role, password {password}): {users}"),
    "demo_done": ("演示数据已生成，用时 {seconds:.1f} 秒：", "demo data made in {seconds:.1f} s:"),
    "progress": ("{label}：{done}/{total}", "{label}: {done}/{total}"),
    "exporting": ("导出用户档案", "exporting accounts"),
    "making_demo": ("生成演示数据", "making demo data"),
    "check_failed": ("{count} 项检查未通过：{names}", "{count} checks failed: {names}"),
    "check_passed": ("全部 {count} 项检查通过", "all {count} checks passed"),
    "user_made": ("已创建用户 {user}（{role}）", "user {user} created ({role})"),
    "exported": ("已导出 {count} 户到 {path}", "exported {count} accounts to {path}"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "users_head": ("用户名|显示名称|角色|启用|最近登录", "user|name|role|active|last login"),
    "cancelled": ("已取消", "cancelled"),
}


def _t(key: str, **params: object) -> str:
    text = TEXT[key][0 if _lang == "zh" else 1]
    return text.format(**params) if params else text


def _prescan_lang(argv: Sequence[str]) -> str:
    """The --lang of the command line, read before the parser exists so its help is translated."""
    lang = os.environ.get("HEATOFFICE_LANG", "zh")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in ("zh", "en") else "zh"


def _default_db() -> str:
    from heatoffice.paths import default_db_url

    return os.environ.get("HEATOFFICE_DB") or default_db_url()


class _Formatter(argparse.HelpFormatter):
    """Wraps one-paragraph texts; keeps the line breaks of the environment list."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def build_parser() -> argparse.ArgumentParser:
    fmt = _Formatter
    p = argparse.ArgumentParser(prog="heatoffice", description=_t("description"),
                                epilog=_t("epilog"), formatter_class=fmt)
    p.add_argument("--db", metavar="URL", default=None, help=_t("db"))
    p.add_argument("--user", metavar="NAME", default=None, help=_t("user"))
    p.add_argument("--lang", choices=("zh", "en"), default=_lang, help=_t("lang"))
    p.add_argument("--demo", action="store_true", help=_t("demo_flag"))
    p.add_argument("--admin-password", dest="demo_admin_password", metavar="PW",
                   default=None, help=_t("demo_admin"))
    p.add_argument("--version", action="version", version=f"heatoffice {__version__}")
    p.set_defaults(func=cmd_app)
    sub = p.add_subparsers(title=_t("commands"), metavar="COMMAND")

    s = sub.add_parser("init", help=_t("init"), description=_t("init"), formatter_class=fmt)
    s.add_argument("--admin-password", metavar="PW", default=None, help=_t("admin_password"))
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("demo", help=_t("demo"), description=_t("demo"))
    s.add_argument("--accounts", type=int, default=DEMO_ACCOUNTS, metavar="N",
                   help=_t("accounts_n"))
    s.add_argument("--seed", type=int, default=1, metavar="S", help=_t("seed"))
    s.add_argument("--ledger", action="store_true", help=_t("ledger"))
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("check", help=_t("check"), description=_t("check"), formatter_class=fmt)
    s.set_defaults(func=cmd_check)

    from heatoffice.auth.permissions import ROLES

    users = sub.add_parser("users", help=_t("users"), description=_t("users"))
    users_sub = users.add_subparsers(title=_t("commands"), metavar="COMMAND", required=True)
    s = users_sub.add_parser("add", help=_t("users_add"), description=_t("users_add"),
                             epilog=_t("epilog"), formatter_class=fmt)
    s.add_argument("name", help=_t("name"))
    s.add_argument("--role", required=True, metavar="ROLE",
                   help=_t("role") + ": " + ", ".join(ROLES))
    s.add_argument("--display-name", default="", metavar="TEXT", help=_t("display_name"))
    s.set_defaults(func=cmd_users_add)
    s = users_sub.add_parser("list", help=_t("users_list"), description=_t("users_list"))
    s.set_defaults(func=cmd_users_list)

    accounts = sub.add_parser("accounts", help=_t("accounts"), description=_t("accounts"))
    accounts_sub = accounts.add_subparsers(title=_t("commands"), metavar="COMMAND", required=True)
    s = accounts_sub.add_parser("export", help=_t("export"), description=_t("export"),
                                epilog=_t("epilog"), formatter_class=fmt)
    s.add_argument("--out", required=True, metavar="FILE.xlsx", help=_t("out"))
    s.add_argument("--search", default="", metavar="TEXT", help=_t("search"))
    s.set_defaults(func=cmd_accounts_export)

    from heatoffice.cli_billing import add_billing_commands

    add_billing_commands(sub, fmt)
    return p


# -- helpers ---------------------------------------------------------------------------------

def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _secret(env: str, prompt: str, *, confirm: bool, source: str) -> str:
    """A password from ``env``, else typed at the terminal (twice when ``confirm``)."""
    value = os.environ.get(env)
    if value:
        return value
    if not _interactive():
        raise UserError("cli.password_needed", field="password", source=source)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_t("prompt_again")) != first:
        raise UserError("cli.password_mismatch", field="password")
    return first


def _open(url: str, *, create: bool, migrate: bool = True):
    """Connect to ``url``; only init and demo may create a database that is not there yet."""
    from heatoffice.db import connection, migrations

    if not create and url.startswith("sqlite:///"):
        path = unquote(url[len("sqlite:///"):])
        if path != ":memory:" and not Path(path).is_file():
            raise UserError("db.not_initialised")
    db = connection.connect(url, migrate=False)
    if not create and migrations.current_version(db) == 0:
        raise UserError("db.not_initialised")
    if migrate:
        migrations.migrate(db)
    return db


def _login(args: argparse.Namespace):
    from heatoffice.auth import service

    if service.needs_admin():
        raise UserError("auth.no_admin")
    username = args.user or os.environ.get("HEATOFFICE_USER") or "admin"
    password = _secret("HEATOFFICE_PASSWORD", _t("prompt_login", user=username), confirm=False,
                       source="HEATOFFICE_PASSWORD")
    return service.login(username, password)


def _progress(label: str) -> Callable[[int, int | None], None]:
    """Progress on stderr: one updating line on a terminal, about ten lines in a log."""
    tty = sys.stderr.isatty()
    shown = {"step": -1}

    def report(done: int, total: int | None) -> None:
        text = _t("progress", label=label, done=done, total="?" if total is None else total)
        if tty:
            print("\r" + text, end="" if total is None or done < total else "\n",
                  file=sys.stderr, flush=True)
            return
        step = (done * 10 // total) if total else done // 10000
        if step != shown["step"]:
            shown["step"] = step
            print(text, file=sys.stderr, flush=True)

    return report


def _build_demo(accounts: int, seed: int, *, ledger: bool = False) -> None:
    from heatoffice import demo

    start = time.perf_counter()
    summary = demo.build(accounts=accounts, seed=seed, progress=_progress(_t("making_demo")))
    print(_t("demo_done", seconds=time.perf_counter() - start))
    for key, value in summary.items():
        if isinstance(value, int) and key != "seed":
            print(f"  {key}: {value}")
    for key in ("by_status", "by_category"):
        if summary.get(key):
            print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in summary[key].items()))
    if summary.get("users"):
        print(_t("demo_users", users=", ".join(summary["users"]), password=demo.PASSWORD))
    if ledger:
        from heatoffice.demo_ledger import build_ledger

        made = build_ledger(seed=seed, progress=_progress(_t("making_demo")))
        print(_t("demo_ledger_done", **made))


# -- commands --------------------------------------------------------------------------------

def cmd_app(args: argparse.Namespace) -> int:
    """No command: the desktop app (after filling an empty database when --demo is given)."""
    if args.demo:
        from heatoffice.accounts.models import Account
        from heatoffice.auth import service

        db = _open(args.db, create=True)
        if Account.select().exists():
            print(_t("demo_exists"), file=sys.stderr)
        else:
            if service.needs_admin():
                password = args.demo_admin_password or DEMO_ADMIN_PASSWORD
                service.create_first_admin(password)
                print(_t("demo_admin_made", password=password))
            _build_demo(DEMO_ACCOUNTS, 1, ledger=True)
        db.close()
    from heatoffice.ui.app import run

    # The demo's login screen starts with the admin's name filled in.
    return run(args.db, demo=args.demo, user=args.user or ("admin" if args.demo else None))


def cmd_init(args: argparse.Namespace) -> int:
    from heatoffice.auth import service
    from heatoffice.db.connection import describe
    from heatoffice.db.migrations import LATEST

    db = _open(args.db, create=True)
    print(_t("db_ready", db=describe(db), version=LATEST))
    if not service.needs_admin():
        if args.admin_password:
            print(_t("admin_exists"), file=sys.stderr)
        return 0
    password = args.admin_password or _secret(
        "HEATOFFICE_ADMIN_PASSWORD", _t("prompt_admin"), confirm=True,
        source="--admin-password / HEATOFFICE_ADMIN_PASSWORD")
    user = service.create_first_admin(password)
    print(_t("admin_made", user=user.username))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _open(args.db, create=True)
    _build_demo(args.accounts, args.seed, ledger=args.ledger)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from heatoffice.check import run_checks

    # Not migrated: an out-of-date schema is one of the things to report.
    _open(args.db, create=False, migrate=False)
    results = run_checks()
    for r in results:
        print(f"[{'WARN' if r.warning else 'OK' if r.ok else 'FAIL'}] {r.name}: {r.detail}")
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(_t("check_failed", count=len(failed), names=", ".join(failed)), file=sys.stderr)
        return 1
    print(_t("check_passed", count=len(results)))
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    from heatoffice.auth import service
    from heatoffice.auth.permissions import ROLES

    _open(args.db, create=False)
    actor = _login(args)
    password = _secret("HEATOFFICE_NEW_PASSWORD", _t("prompt_new", user=args.name), confirm=True,
                       source="HEATOFFICE_NEW_PASSWORD")
    user = service.create_user(actor, args.name, password, args.role,
                               display_name=args.display_name)
    role = ROLES[user.role][0 if _lang == "zh" else 1]
    print(_t("user_made", user=user.username, role=role))
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from heatoffice.auth import service
    from heatoffice.auth.permissions import ROLES
    from heatoffice.exports.xlsx import display_width

    _open(args.db, create=False)
    actor = _login(args)
    idx = 0 if _lang == "zh" else 1
    table = [tuple(_t("users_head").split("|"))]
    for u in service.list_users(actor):
        table.append((u.username, u.display_name, ROLES.get(u.role, (u.role, u.role))[idx],
                      _t("yes") if u.active else _t("no"),
                      u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"))
    widths = [max(display_width(str(row[c])) for row in table) for c in range(len(table[0]))]
    for row in table:
        cells = [str(v) + " " * (w - display_width(str(v))) for v, w in zip(row, widths,
                                                                          strict=True)]
        print("  ".join(cells).rstrip())
    return 0


def cmd_accounts_export(args: argparse.Namespace) -> int:
    from heatoffice.exports.accounts import export_accounts

    if Path(args.out).suffix.lower() != ".xlsx":
        raise UserError("exports.bad_suffix", value=args.out, suffix=".xlsx")
    _open(args.db, create=False)
    actor = _login(args)
    count = export_accounts(actor, args.out, args.search, progress=_progress(_t("exporting")),
                            lang=_lang)
    print(_t("exported", count=count, path=args.out))
    return 0


# -- entry point -----------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 user error, 2 usage)."""
    global _lang
    argv = list(sys.argv[1:] if argv is None else argv)
    saved_lang, saved_messages_lang = _lang, messages.language()
    _lang = _prescan_lang(argv)
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version and usage errors
            return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
        _lang = args.lang
        messages.set_language(args.lang)
        args.db = args.db or _default_db()
        return args.func(args)
    except UserError as err:
        print(err.message().replace("\n", "; "), file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\n" + _t("cancelled"), file=sys.stderr)
        return 130
    finally:
        _close_database()
        _lang = saved_lang
        messages.set_language(saved_messages_lang)


def _close_database() -> None:
    from heatoffice.db.connection import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
