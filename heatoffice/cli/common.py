"""What every command module shares: language and texts, database, login, progress, exit codes."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import heatoffice.cli.argparse_text as argparse_text
from heatoffice import glossary
from heatoffice.errors import UserError

# Exit status (README): done, wrong input or not allowed, wrong command usage, Ctrl+C.
DONE, USER_ERROR, USAGE, CANCELLED = 0, 1, 2, 130
PIPE_CLOSED = 141  # what a shell's own commands give when the reader went away (128 + SIGPIPE)

Table = dict[str, tuple[str, str]]

# Texts every command module uses (errors have their text in heatoffice.messages; each
# command module keeps the texts of its own commands in its TEXT).
TEXT: Table = {
    "description": ("阳光热力等供热公司的业务桌面软件。不带命令时打开桌面程序。",
                    "Desk software of a district-heating company. Without a command it opens "
                    "the desktop app."),
    "epilog": (
        "环境变量：\n"
        "  HEATOFFICE_DB              数据库地址（sqlite:////绝对路径 或 postgresql://用户@主机/库名）\n"
        "  HEATOFFICE_USER            登录用户名（默认 admin）\n"
        "  HEATOFFICE_PASSWORD        登录密码（没有时在终端提示输入）\n"
        "  HEATOFFICE_NEW_PASSWORD    users add 新用户的密码（没有时在终端提示输入两次）\n"
        "  HEATOFFICE_ADMIN_PASSWORD  init 设置的管理员密码（与 --admin-password 相同）\n"
        "  HEATOFFICE_LANG            zh 或 en\n"
        "退出码：0 成功，1 输入或权限错误，2 命令用法错误。",
        "environment:\n"
        "  HEATOFFICE_DB              database URL (sqlite:////absolute/path or "
        "postgresql://user@host/name)\n"
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
    "lang": ("提示、错误信息与桌面程序界面的语言（默认 $HEATOFFICE_LANG，"
             "或桌面程序中该用户选择的语言，否则中文）",
             "language of messages and of the desktop app (default $HEATOFFICE_LANG, or in the "
             "desktop app the language its user chose, else Chinese)"),
    "version": ("显示版本号并退出", "show the program's version number and exit"),
    "demo_flag": ("新数据库先生成演示数据并标为演示数据库（管理员 admin，密码 {password}），"
                  "再打开桌面程序；演示数据库已有数据时直接打开",
                  "fill a new database with demo data and mark it as a demo (admin password "
                  "{password}), then open the desktop app; a filled demo database just opens"),
    "demo_admin": ("与 --demo 一起使用：演示管理员的密码",
                   "with --demo: the demo admin's password"),
    "commands": ("命令", "commands"),
    "print_group": ("打印单据到 PDF 文件", "print documents to a PDF file"),
    "export_group": ("导出 Excel 报表（需要“导出台账报表”权限）",
                     "export Excel workbooks (needs billing.export)"),
    "prompt_login": ("{user} 的密码：", "password of {user}: "),
    "prompt_again": ("再输入一次：", "again: "),
    "progress": ("{label}：{done}/{total}", "{label}: {done}/{total}"),
    "lock_wait": ("数据库正被另一个程序写入，等待中（第 {tries} 次重试，最多再等 {left:.0f} 秒）…",
                  "the database is being written by another program: waiting (retry {tries}, "
                  "at most {left:.0f} s more)…"),
    "cancelled": ("已取消", "cancelled"),
}


# -- texts -----------------------------------------------------------------------------------
# The command's language is the glossary's one setting: run() sets it from --lang.

def t(key: str, table: Table | None = None, **params: object) -> str:
    """The text ``key`` of ``table`` (this module's TEXT by default) in the command's language."""
    text = glossary.pick(*(table or TEXT)[key])
    return text.format(**params) if params else text


def texts(table: Table) -> Callable[..., str]:
    """``t`` bound to a command module's own table: ``t = texts(TEXT)``."""
    def text(key: str, **params: object) -> str:
        return t(key, table, **params)

    return text


def _prescan_lang(argv: Sequence[str]) -> None:
    """Set the language from the command line's --lang (or $HEATOFFICE_LANG) before the parser
    exists, so that its help is translated."""
    found = os.environ.get("HEATOFFICE_LANG", "zh")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    glossary.set_language(found if found in glossary.LANGUAGES else "zh")


# -- building the parser ---------------------------------------------------------------------

class Formatter(argparse.HelpFormatter):
    """Wraps one-paragraph texts; keeps the line breaks of the environment list."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def command(parent: Any, name: str, text: str, func: Callable[[argparse.Namespace], int],
            *, epilog: bool = True) -> argparse.ArgumentParser:
    """A command ``name`` under ``parent`` (a subparsers action) that runs ``func(args)``;
    its help ends with the environment and exit status unless ``epilog`` is False."""
    parser = parent.add_parser(name, help=text, description=text,
                               epilog=t("epilog") if epilog else None, formatter_class=Formatter)
    parser.set_defaults(func=func)
    return parser


def group(parent: Any, name: str, text: str, metavar: str = "COMMAND") -> Any:
    """A command ``name`` that only holds subcommands (``users add``); returns their list."""
    parser = parent.add_parser(name, help=text, description=text)
    return parser.add_subparsers(title=t("commands"), metavar=metavar, required=True)


class Commands:
    """Where a command module adds its commands: the top level, and the groups that several
    areas add documents to (``print``, ``export``)."""

    # group name: its help text and the metavar of its subcommands
    SHARED = {"print": ("print_group", "DOCUMENT"), "export": ("export_group", "REPORT")}

    def __init__(self, top: Any) -> None:
        self.top = top
        self._shared: dict[str, Any] = {}

    def shared(self, name: str) -> Any:
        """The subcommands of ``print`` or ``export``; the group is made (and so listed in
        ``--help``) where a module first asks for it."""
        if name not in self._shared:
            key, metavar = self.SHARED[name]
            self._shared[name] = group(self.top, name, t(key), metavar)
        return self._shared[name]


class CommandModule(Protocol):
    """A module of commands: ``register`` adds them, each bound to a ``cmd_*`` handler of the
    module that takes the parsed arguments and returns the exit status."""

    def register(self, commands: Commands) -> None: ...


# -- the database and the person -------------------------------------------------------------

def default_db() -> str:
    from heatoffice.paths import default_db_url

    return os.environ.get("HEATOFFICE_DB") or default_db_url()


def open_db(url: str, *, create: bool, migrate: bool = True):
    """Connect to ``url``; only init and demo may create a database that is not there yet."""
    from heatoffice.db import connection, migrations

    if not create and url.startswith("sqlite:///"):
        path = connection.sqlite_path(url)
        if path != ":memory:" and not Path(path).exists():  # a folder: connect says so
            raise UserError("db.not_initialised")
    db = connection.connect(url, migrate=False)
    if not create and migrations.current_version(db) == 0:
        tables = db.get_tables()
        if tables:  # another program's database
            raise UserError("db.not_heatoffice", tables="、".join(tables[:5]))
        raise UserError("db.not_initialised")
    if migrate:
        migrations.migrate(db)
    return db


def close_database() -> None:
    from heatoffice.db.connection import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def secret(env: str, prompt: str, *, confirm: bool, source: str) -> str:
    """A password from ``env``, else typed at the terminal (twice when ``confirm``)."""
    value = os.environ.get(env)
    if value:
        return value
    if not _interactive():
        raise UserError("cli.password_needed", field="password", source=source)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(t("prompt_again")) != first:
        raise UserError("cli.password_mismatch", field="password")
    return first


def login(args: argparse.Namespace, *, write: bool = True):
    """The actor of ``--user`` (or $HEATOFFICE_USER, or admin) after checking the password
    (``write``: see ``auth.service.login``). Every command logs in but ``init`` (it makes the
    first admin), ``demo`` on a database it has just made (it makes the demo's admin),
    ``import template`` (a blank sheet: no database), ``--help`` and ``--version``."""
    from heatoffice.auth import service

    if service.needs_admin():
        raise UserError("auth.no_admin")
    username = args.user or os.environ.get("HEATOFFICE_USER") or "admin"
    password = secret("HEATOFFICE_PASSWORD", t("prompt_login", user=username), confirm=False,
                      source="HEATOFFICE_PASSWORD")
    return service.login(username, password, write=write)


def session(args: argparse.Namespace):
    """Open the database and log in; returns the actor."""
    open_db(args.db, create=False)
    return login(args)


# -- input and output ------------------------------------------------------------------------

def need_suffix(path: str | None, suffix: str) -> None:
    """Refuse an output file with the wrong ending before any work is done."""
    if path is not None and Path(path).suffix.lower() != suffix:
        raise UserError("exports.bad_suffix", value=path, suffix=suffix)


def parse_day(value: str | None, field: str):
    """A YYYY-MM-DD option as a date (None when not given); a wrong one names ``field``."""
    from heatoffice import validation as val

    return val.parse_date(value, field) if value else None


def progress(label: str) -> Callable[[int, int | None], None]:
    """Progress on stderr: one updating line on a terminal, about ten lines in a log (a line
    each 10,000 when the total is not known yet: a short file says nothing)."""
    tty = sys.stderr.isatty()
    shown = {"step": -1}

    def report(done: int, total: int | None) -> None:
        text = t("progress", label=label, done=done, total="?" if total is None else total)
        if tty:
            print("\r" + text, end="" if total is None or done < total else "\n",
                  file=sys.stderr, flush=True)
            return
        step = (done * 10 // total) if total else done // 10000
        if total is None and step == 0:
            return
        if step != shown["step"]:
            shown["step"] = step
            print(text, file=sys.stderr, flush=True)

    return report


# -- running one command ---------------------------------------------------------------------

def _watch_locks() -> None:
    """Say on stderr when a write waits for another program's lock on the SQLite file."""
    from heatoffice.db import connection

    def waiting(tries: int, left: float) -> None:
        print(t("lock_wait", tries=tries, left=left), file=sys.stderr, flush=True)

    connection.lock_waiting = waiting


def _database_trouble(exc: Exception) -> UserError | None:
    """A database driver's error that is about the database being there and usable (a lost
    connection, a disk problem), as a UserError; None for anything else (a bug)."""
    import peewee

    if isinstance(exc, (peewee.OperationalError, peewee.InterfaceError)):
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return UserError("db.failed", reason=reason)
    return None


def run(argv: Sequence[str], build: Callable[[], argparse.ArgumentParser]) -> int:
    """Parse ``argv`` with the parser ``build()`` makes (in the language of its --lang) and run
    its command; returns the exit status. A UserError is one line on stderr and status 1."""
    saved_lang = glossary.current_language()
    _prescan_lang(argv)
    try:
        try:
            with argparse_text.translated():  # usage, help and usage errors in that language
                args = build().parse_args(argv)
        except SystemExit as exc:  # --help, --version and usage errors
            return exc.code if isinstance(exc.code, int) else DONE if exc.code is None else USAGE
        # --lang is None when not given: the prescan's language ($HEATOFFICE_LANG or Chinese)
        # stays, and the desktop app may use the language its user chose.
        glossary.set_language(args.lang or glossary.current_language())
        args.db = args.db or default_db()
        _watch_locks()
        return args.func(args)
    except UserError as err:
        print(err.message().replace("\n", "; "), file=sys.stderr)
        return USER_ERROR
    except BrokenPipeError:
        # the output's reader went away (``… | head``): what was done stands (a write's
        # transaction commits or is undone as a whole), the rest of the report goes nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    except Exception as exc:  # a database the program cannot use: one line, not a traceback
        trouble = _database_trouble(exc)
        if trouble is None:
            raise
        print(trouble.message().replace("\n", "; "), file=sys.stderr)
        return USER_ERROR
    except (KeyboardInterrupt, EOFError):
        print("\n" + t("cancelled"), file=sys.stderr)
        return CANCELLED
    finally:
        close_database()
        glossary.set_language(saved_lang)
