"""Database trouble and a receipt that cannot be written, as a user meets them: the real
`python -m heatoffice` in a subprocess. Each database problem is one line on stderr saying
what and what to do, exit status 1, never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PW = "secret-admin"
CLI_ENV = ("HEATOFFICE_DB", "HEATOFFICE_USER", "HEATOFFICE_PASSWORD", "HEATOFFICE_NEW_PASSWORD",
           "HEATOFFICE_ADMIN_PASSWORD", "HEATOFFICE_LANG", "HEATOFFICE_LOCK_WAIT")


def heatoffice(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLI_ENV}
    clean["HEATOFFICE_PASSWORD"] = ADMIN_PW
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "heatoffice", *args], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def one_line(done: subprocess.CompletedProcess) -> str:
    """The refusal: status 1, one line on stderr, no traceback."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """A SQLite office with its admin and one account, made once; tests copy it."""
    path = tmp_path_factory.mktemp("office") / "office.db"
    url = f"sqlite:///{path}"
    assert heatoffice("--db", url, "init", "--admin-password", ADMIN_PW).returncode == 0
    done = heatoffice("--db", url, "accounts", "add", "--name", "张伟", "--community", "阳光花园",
                      "--building", "3", "--unit", "2", "--room", "501", "--area", "85.5",
                      "--account-no", "YG0001")
    assert done.returncode == 0, done.stderr
    return path


def _copy(office: Path, tmp_path: Path, name: str = "copy.db") -> Path:
    target = tmp_path / name
    shutil.copy(office, target)
    return target


def test_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"Meeting notes, not a database\n" * 200)
    for command in (("accounts", "show", "X"), ("init", "--admin-password", ADMIN_PW)):
        assert one_line(heatoffice("--db", f"sqlite:///{junk}", *command)) == (
            f"“{junk}”不是 heatoffice 数据库：请检查 --db 或 HEATOFFICE_DB 指向的文件")
    assert junk.read_bytes() == b"Meeting notes, not a database\n" * 200


def test_another_programs_sqlite_database(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    refused = ("数据库中已有别的程序的表（invoices），不是 heatoffice 数据库："
               "请为 heatoffice 用一个新的数据库")
    assert one_line(heatoffice("--db", f"sqlite:///{other}", "users", "list")) == refused
    assert one_line(heatoffice("--db", f"sqlite:///{other}", "init", "--admin-password",
                               ADMIN_PW)) == refused
    with sqlite3.connect(other) as conn:  # init added nothing to it
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["invoices"]


def test_a_folder(tmp_path):
    folder = tmp_path / "office.db"
    folder.mkdir()
    url = f"sqlite:///{folder}"
    expected = (f"“{folder}”是一个文件夹，不是数据库文件：请在 --db 中写出文件名"
                f"（如 {url}/heatoffice.db）")
    assert one_line(heatoffice("--db", url, "users", "list")) == expected
    assert one_line(heatoffice("--db", url, "init", "--admin-password", ADMIN_PW)) == expected
    assert one_line(heatoffice("--lang", "en", "--db", url, "users", "list")) == (
        f"\"{folder}\" is a folder, not a database file: name a file in --db "
        f"(such as {url}/heatoffice.db)")


def test_a_read_only_file_still_reads(office, tmp_path):
    path = _copy(office, tmp_path)
    os.chmod(path, 0o444)
    url = f"sqlite:///{path}"
    before = path.read_bytes()
    # Reading commands work: logging in writes nothing there.
    done = heatoffice("--db", url, "users", "list")
    assert done.returncode == 0 and done.stdout.splitlines()[1].startswith("admin "), done.stderr
    done = heatoffice("--db", url, "accounts", "export", "--out", str(tmp_path / "a.xlsx"))
    assert done.returncode == 0, done.stderr
    assert heatoffice("--db", url, "check").returncode == 0
    # A wrong password is refused as ever (no lock count can be kept).
    assert one_line(heatoffice("--db", url, "users", "list", HEATOFFICE_PASSWORD="wrong-pw-12")
                    ) == "用户名或密码错误"
    # A change says what is wrong and what to do.
    done = heatoffice("--db", url, "users", "add", "liu", "--role", "cashier",
                      HEATOFFICE_NEW_PASSWORD="cashier-pw-1")
    assert one_line(done) == (f"数据库文件“{path}”是只读的，不能写入：查询和导出照常，"
                              "要修改数据请让管理员给予写权限")
    assert path.read_bytes() == before


def test_postgresql_server_not_there():
    # Nothing listens on port 1 of this machine.
    url = "postgresql://heat@127.0.0.1:1/heatoffice"
    expected = ("无法连接 PostgreSQL 服务器 127.0.0.1:1：请确认服务器已启动、地址和端口正确、"
                "防火墙放行")
    assert one_line(heatoffice("--db", url, "users", "list")) == expected
    assert one_line(heatoffice("--db", url, "init", "--admin-password", ADMIN_PW)) == expected


def test_postgresql_database_or_role_missing(pg_url):
    server = urlparse(pg_url)  # the test server (the fixture skips, or fails under CI)
    host, port = server.hostname, server.port or 5432
    user = server.username or "postgres"
    url = f"postgresql://{server.netloc}/heatoffice_no_such_db"
    assert one_line(heatoffice("--db", url, "init", "--admin-password", ADMIN_PW)) == (
        f"PostgreSQL 服务器 {host}:{port} 上没有数据库“heatoffice_no_such_db”：请先运行 "
        f"createdb -h {host} -p {port} -U postgres -O {user} heatoffice_no_such_db")
    url = f"postgresql://heatoffice_no_such_role@{host}:{port}/postgres"
    assert one_line(heatoffice("--lang", "en", "--db", url, "users", "list")) == (
        f"there is no role \"heatoffice_no_such_role\" on the PostgreSQL server {host}:{port}: "
        f"create it with createuser -h {host} -p {port} -U postgres --pwprompt "
        f"heatoffice_no_such_role, then createdb -h {host} -p {port} -U postgres "
        f"-O heatoffice_no_such_role postgres")


def _hold_lock(path: Path) -> sqlite3.Connection:
    """Another desk in the middle of a write: the file's write lock held."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_lock_held_too_long(office, tmp_path):
    path = _copy(office, tmp_path)
    holder = _hold_lock(path)
    try:
        start = time.monotonic()
        done = heatoffice("--db", f"sqlite:///{path}", "users", "list", HEATOFFICE_LOCK_WAIT="2")
        waited = time.monotonic() - start
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    *waiting, last = done.stderr.strip().splitlines()
    # The progress while it retries, then the one line that gives up.
    assert waiting and all(line.startswith("数据库正被另一个程序写入，等待中（第 ")
                           for line in waiting)
    assert waiting[0].startswith("数据库正被另一个程序写入，等待中（第 1 次重试")
    assert last == (f"数据库“{path}”被另一个程序占用，已等待 2 秒仍未释放："
                    "请稍后再试，或关闭正在写入的程序")
    assert 2 <= waited < 30


def test_a_lock_released_while_waiting(office, tmp_path):
    path = _copy(office, tmp_path)
    holder = _hold_lock(path)
    clean = {k: v for k, v in os.environ.items() if k not in CLI_ENV}
    clean.update(HEATOFFICE_PASSWORD=ADMIN_PW, HEATOFFICE_LOCK_WAIT="30")
    # Each try waits 7.5 s inside SQLite (a quarter of the 30 s): hold the lock past one try.
    proc = subprocess.Popen([sys.executable, "-m", "heatoffice", "--db", f"sqlite:///{path}",
                             "users", "list"], cwd=ROOT, env=clean, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        seen = ""
        while time.monotonic() < deadline and "第 1 次重试" not in seen:
            line = proc.stderr.readline() if proc.stderr else ""
            seen += line
            if not line and proc.poll() is not None:
                break
    finally:
        holder.rollback()
        holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, seen + err
    assert "数据库正被另一个程序写入，等待中（第 1 次重试" in seen
    assert out.splitlines()[1].startswith("admin ")


# -- a payment whose receipt cannot be written -------------------------------------------

def test_a_payment_whose_receipt_cannot_be_written_is_a_success_with_a_warning(office,
                                                                               tmp_path):
    path = _copy(office, tmp_path)
    url = f"sqlite:///{path}"
    folder = tmp_path / "receipt.pdf"
    folder.mkdir()  # a folder where the file should go
    done = heatoffice("--db", url, "pay", "YG0001", "100", "--method", "card",
                      "--receipt-out", str(folder))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("收据号：")  # reported as taken
    receipt_no = done.stdout.splitlines()[0].split("：")[1]
    assert done.stderr.strip() == (
        f"警告：收费已成功（收据号 {receipt_no}），但收据文件未能写入："
        f"无法写入文件“{folder}”：Is a directory。"
        f"补打：heatoffice print receipt {receipt_no} --out 收据.pdf")
    # The first real print is the original, not a copy.
    out = tmp_path / "first.pdf"
    done = heatoffice("--db", url, "print", "receipt", receipt_no, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "副本" not in done.stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert receipt_no in text and "副本" not in text
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT copy FROM receipt_print").fetchall() == [(0,)]
        assert conn.execute("SELECT COUNT(*) FROM payment").fetchone() == (1,)


def test_eighteen_digits_are_refused_in_one_line(office, tmp_path):
    path = _copy(office, tmp_path)
    url = f"sqlite:///{path}"
    done = heatoffice("--db", url, "pay", "YG0001", "999999999999999999", "--method", "card")
    assert one_line(done) == "金额：“999999999999999999”超过单笔金额上限 ¥9,999,999.99"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM payment").fetchone() == (0,)
