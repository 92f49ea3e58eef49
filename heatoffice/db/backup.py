"""Backup files: made, named, checksummed, listed, rotated; the tools that make and restore them.

A backup is one file in the backups folder, ``<stem>-YYYYmmdd-HHMMSS-<kind>.db`` (SQLite, made
with SQLite's backup API and switched to a rollback journal, so it is one self-contained file)
or ``….dump`` (PostgreSQL, ``pg_dump`` custom format), and beside it ``<file>.sha256`` in the
format ``sha256sum -c`` reads. The file is written under a temporary name and renamed whole,
then its checksum; a file without its checksum is not restored.

The folder is the setting ``backup_dir``; by default ``backups/`` beside the SQLite file, or
``backups/`` in the user's data folder (heatoffice.paths) for PostgreSQL. This module has no
permissions and no audit: the backup area (heatoffice/backup/) adds them; migrations and the
month close call :func:`make` directly.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from heatoffice import clock, glossary, paths
from heatoffice.errors import UserError

# daily / weekly / monthly: the automatic backups, rotated; the others are kept until deleted.
AUTOMATIC = ("daily", "weekly", "monthly")
KINDS = glossary.codes("backup_kind")  # and manual, pre_migration, init, month_close
DEFAULT_KEEP = {"daily": 7, "weekly": 4, "monthly": 12}
CHECKSUM_SUFFIX = ".sha256"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[a-z_]+)(?:-(?P<n>\d+))?"
                   r"\.(?P<ext>db|dump)$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: _dt.datetime
    kind: str              # a code of the glossary's backup_kind ("" for a file named otherwise)
    size: int              # bytes
    checksum_ok: bool | None  # None: no checksum file beside it

    @property
    def backend(self) -> str:
        return "postgresql" if self.path.suffix == ".dump" else "sqlite"


# -- settings ----------------------------------------------------------------------------------

def _setting(db: Database, key: str) -> str | None:
    """A business setting read with plain SQL: this runs before a migration too."""
    if "setting" not in db.get_tables():
        return None
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {db.param}",
                         (key,)).fetchone()
    return row[0] if row and row[0] else None


def folder(db: Database) -> Path:
    """The backups folder of ``db``: the setting ``backup_dir``, else the default."""
    chosen = _setting(db, "backup_dir")
    if chosen:
        return Path(chosen)
    if isinstance(db, SqliteDatabase) and db.database != ":memory:":
        return Path(db.database).resolve().parent / "backups"
    return paths.data_dir() / "backups"


def keep_policy(db: Database) -> dict[str, int]:
    """How many automatic backups of each kind rotation keeps (settings backup_daily, …)."""
    keep = dict(DEFAULT_KEEP)
    for kind in AUTOMATIC:
        value = _setting(db, f"backup_{kind}")
        if value and value.strip().isdigit():
            keep[kind] = int(value)
    return keep


def stem(db: Database) -> str:
    """What the names of ``db``'s backups start with: the SQLite file's stem, or the
    PostgreSQL database's name."""
    if isinstance(db, SqliteDatabase):
        return Path(db.database).stem or "heatoffice"
    return str(db.database) or "heatoffice"


# -- checksums ---------------------------------------------------------------------------------

def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_file(path: Path) -> Path:
    return path.with_name(path.name + CHECKSUM_SUFFIX)


def recorded_checksum(path: Path) -> str | None:
    side = checksum_file(path)
    if not side.is_file():
        return None
    text = side.read_text(encoding="utf-8").split()
    return text[0].lower() if text else ""


def verify(path: Path) -> str:
    """The file's checksum if it matches its ``.sha256``; else a UserError in one line."""
    if not path.is_file():
        raise UserError("backup.not_found", field="backup_file", value=str(path))
    expected = recorded_checksum(path)
    if expected is None:
        raise UserError("backup.no_checksum", field="backup_file", value=str(path),
                        checksum=checksum_file(path).name)
    found = sha256_of(path)
    if found != expected:
        raise UserError("backup.bad_checksum", field="backup_file", value=str(path))
    return found


def _write_whole(path: Path, text: str) -> None:
    part = path.with_name("." + path.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


# -- making one --------------------------------------------------------------------------------

def _target(where: Path, stem: str, kind: str, when: _dt.datetime, ext: str) -> Path:
    base = f"{stem}-{when.strftime('%Y%m%d-%H%M%S')}-{kind}"
    target = where / f"{base}.{ext}"
    n = 1
    while target.exists():
        n += 1
        target = where / f"{base}-{n}.{ext}"
    return target


def make(db: Database, kind: str, *, out: Path | None = None) -> Path:
    """Back ``db`` up to ``out`` or a new dated file in its backups folder; returns the file.

    SQLite: the backup API, a consistent copy even while other desks write. PostgreSQL:
    ``pg_dump --format=custom`` (it reads one snapshot of the database)."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite and db.database == ":memory:":
        raise UserError("backup.memory")
    ext = "db" if sqlite else "dump"
    if out is not None:
        target = Path(out).resolve()
        if target.suffix != f".{ext}":
            raise UserError("backup.bad_suffix", field="out", value=str(out), suffix=f".{ext}")
    else:
        target = _target(folder(db), stem(db), kind, clock.now(), ext)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name("." + target.name + ".part")
        if part.exists():
            part.unlink()
        if sqlite:
            _sqlite_copy(db, part)
        else:
            assert isinstance(db, PostgresqlDatabase)
            _pg_dump(db, part)
        digest = sha256_of(part)
        os.replace(part, target)
        _write_whole(checksum_file(target), f"{digest}  {target.name}\n")
    except OSError as exc:
        raise UserError("backup.write_failed", field="out", value=str(target),
                        reason=exc.strerror or str(exc)) from exc
    return target


def _sqlite_copy(db: SqliteDatabase, part: Path) -> None:
    dest = sqlite3.connect(part)
    try:
        db.connection().backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        dest.commit()
    finally:
        dest.close()
    with open(part, "rb+") as f:
        os.fsync(f.fileno())


# -- PostgreSQL tools --------------------------------------------------------------------------

def pg_params(db: PostgresqlDatabase) -> dict[str, str]:
    p = db.connect_params
    return {"host": p.get("host") or "", "port": str(p.get("port") or ""),
            "user": p.get("user") or "", "password": p.get("password") or "",
            "dbname": str(db.database)}


def pg_env(params: Mapping[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"),
                     ("password", "PGPASSWORD")):
        if params.get(key):
            env[var] = params[key]
    return env


def _major(text: str) -> int | None:
    m = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(m[1]) if m else None


def server_major(db: PostgresqlDatabase) -> int:
    return int(db.execute_sql("SHOW server_version_num").fetchone()[0]) // 10000


def pg_tool(name: str, server: int) -> str:
    """``pg_dump`` or ``pg_restore`` able to work with a server of major version ``server``:
    the one on PATH when it is as new as the server (a newer client reads an older server),
    else Debian's versioned copy /usr/lib/postgresql/<server>/bin; else one clear refusal."""
    found = shutil.which(name)
    versioned = Path(f"/usr/lib/postgresql/{server}/bin/{name}")
    client = None
    if found:
        out = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
        client = _major(out.stdout.rsplit(")", 1)[-1]) if out.returncode == 0 else None
        if client is not None and client >= server:
            return found
    if versioned.is_file():
        return str(versioned)
    if not found:
        raise UserError("backup.no_pg_tool", tool=name, package="postgresql-client")
    raise UserError("backup.pg_tool_old", tool=name, client=client or "?", server=server,
                    package=f"postgresql-client-{server}")


def _run(argv: list[str], env: Mapping[str, str], tool: str) -> None:
    done = subprocess.run(argv, env=dict(env), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise UserError("backup.tool_failed", tool=tool,
                        reason=(lines[0] if lines else f"exit status {done.returncode}"))


def _pg_dump(db: PostgresqlDatabase, part: Path) -> None:
    params = pg_params(db)
    tool = pg_tool("pg_dump", server_major(db))
    _run([tool, "--format=custom", "--no-owner", "--file", str(part), params["dbname"]],
         pg_env(params), "pg_dump")


def pg_restore(params: Mapping[str, str], dbname: str, dump: Path, server: int) -> None:
    """Load ``dump`` into the empty database ``dbname`` of the same server."""
    tool = pg_tool("pg_restore", server)
    _run([tool, "--no-owner", "--exit-on-error", "--dbname", dbname, str(dump)],
         pg_env(params), "pg_restore")


# -- listing and rotation ----------------------------------------------------------------------

def parse_name(path: Path) -> tuple[_dt.datetime, str] | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        when = _dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return when, m["kind"] if m["kind"] in KINDS else ""


def list_backups(where: Path, *, check: bool = True) -> list[Backup]:
    """The backups in ``where``, newest first; ``check`` recomputes each checksum."""
    if not where.is_dir():
        return []
    found = []
    for path in where.iterdir():
        parsed = parse_name(path)
        if parsed is None or not path.is_file():
            continue
        when, kind = parsed
        expected = recorded_checksum(path)
        ok = None if expected is None else (sha256_of(path) == expected if check else True)
        found.append(Backup(path, when, kind, path.stat().st_size, ok))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def automatic_kind(existing: Iterable[Backup], now: _dt.datetime) -> str:
    """The kind of today's automatic backup: the month's first is monthly, the ISO week's
    first (a monthly counts) weekly, any other daily."""
    auto = [b for b in existing if b.kind in AUTOMATIC]
    if not any(b.kind == "monthly" and (b.made_at.year, b.made_at.month) == (now.year, now.month)
               for b in auto):
        return "monthly"
    week = now.isocalendar()[:2]
    if not any(b.kind in ("weekly", "monthly") and b.made_at.isocalendar()[:2] == week
               for b in auto):
        return "weekly"
    return "daily"


def to_rotate(existing: Iterable[Backup], keep: Mapping[str, int]) -> list[Backup]:
    """The automatic backups beyond the newest ``keep[kind]`` of each kind (others stay)."""
    out: list[Backup] = []
    for kind in AUTOMATIC:
        of_kind = sorted((b for b in existing if b.kind == kind),
                         key=lambda b: (b.made_at, b.path.name), reverse=True)
        out.extend(of_kind[max(keep.get(kind, 0), 0):])
    return out


def delete(backup: Backup) -> None:
    backup.path.unlink(missing_ok=True)
    checksum_file(backup.path).unlink(missing_ok=True)
