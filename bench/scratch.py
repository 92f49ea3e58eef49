"""Scratch databases the benchmark makes and drops: SQLite files in a folder, or databases
on a PostgreSQL server (``CREATE DATABASE … TEMPLATE`` copies a prepared one)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from bench.measure import ServerCpu, process_cpu

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432"
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 15000,
                  "synchronous": "full", "cache_size": -64000}


class Scratch:
    """Named databases of one kind; ``url(name)`` is what the program connects to and
    ``raw(name)`` a plain DB-API connection (sqlite3 or psycopg2) to the same database."""

    kind = ""

    def url(self, name: str) -> str:
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        raise NotImplementedError

    def create(self, name: str) -> str:
        """A new empty database (no schema yet); returns its URL."""
        raise NotImplementedError

    def copy(self, src: str, dst: str) -> str:
        raise NotImplementedError

    def rename(self, src: str, dst: str) -> None:
        raise NotImplementedError

    def drop(self, name: str) -> None:
        raise NotImplementedError

    def raw(self, name: str) -> Any:
        raise NotImplementedError

    def server_cpu(self, name: str) -> ServerCpu | None:
        return None

    def version(self) -> str:
        raise NotImplementedError

    def spec(self) -> dict:
        """What a child process needs to open the same scratch space."""
        raise NotImplementedError


class SqliteScratch(Scratch):
    kind = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.db"

    def url(self, name: str) -> str:
        return f"sqlite:///{self.path(name)}"

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def _remove(self, path: Path) -> None:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()

    def create(self, name: str) -> str:
        self._remove(self.path(name))
        return self.url(name)

    def checkpoint(self, name: str) -> None:
        """Fold the write-ahead log into the file, so that copying the file copies it all."""
        con = sqlite3.connect(self.path(name))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()

    def copy(self, src: str, dst: str) -> str:
        self.checkpoint(src)
        self._remove(self.path(dst))
        shutil.copyfile(self.path(src), self.path(dst))
        return self.url(dst)

    def rename(self, src: str, dst: str) -> None:
        self.checkpoint(src)
        self._remove(self.path(dst))
        for suffix in ("-wal", "-shm"):
            Path(str(self.path(src)) + suffix).unlink(missing_ok=True)
        self.path(src).rename(self.path(dst))

    def drop(self, name: str) -> None:
        self._remove(self.path(name))

    def raw(self, name: str) -> sqlite3.Connection:
        """Autocommit; the caller writes BEGIN IMMEDIATE as the program does. The program's
        pragmas: WAL, foreign keys, synchronous FULL, the same page cache."""
        con = sqlite3.connect(self.path(name), isolation_level=None, check_same_thread=False)
        for key, value in SQLITE_PRAGMAS.items():
            con.execute(f"PRAGMA {key} = {value}")
        return con

    def version(self) -> str:
        return f"SQLite {sqlite3.sqlite_version}"

    def spec(self) -> dict:
        return {"kind": self.kind, "folder": str(self.folder)}


class PostgresScratch(Scratch):
    kind = "postgresql"

    def __init__(self, server: str = DEFAULT_PG) -> None:
        self.server = server.rstrip("/")
        self._admin: Any = None

    def admin(self) -> Any:
        if self._admin is None or self._admin.closed:
            import psycopg2

            self._admin = psycopg2.connect(self.server + "/postgres", connect_timeout=10)
            self._admin.autocommit = True
        return self._admin

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.admin().cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []

    def url(self, name: str) -> str:
        return f"{self.server}/{name}"

    def exists(self, name: str) -> bool:
        return bool(self._run("SELECT 1 FROM pg_database WHERE datname = %s", (name,)))

    def _kick(self, name: str) -> None:
        self._run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))

    def create(self, name: str) -> str:
        self.drop(name)
        self._run(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def copy(self, src: str, dst: str) -> str:
        self.drop(dst)
        self._kick(src)
        # FILE_COPY (PostgreSQL 15+) copies the files after a checkpoint: for a database of
        # gigabytes much faster than WAL_LOG, which writes every block to the log.
        strategy = " STRATEGY FILE_COPY" if self.server_version() >= 150000 else ""
        self._run(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"{strategy}')
        return self.url(dst)

    def rename(self, src: str, dst: str) -> None:
        self.drop(dst)
        self._kick(src)
        self._run(f'ALTER DATABASE "{src}" RENAME TO "{dst}"')

    def drop(self, name: str) -> None:
        if self.exists(name):
            self._kick(name)
            self._run(f'DROP DATABASE IF EXISTS "{name}"')

    def raw(self, name: str) -> Any:
        import psycopg2

        return psycopg2.connect(self.url(name))

    def server_cpu(self, name: str) -> ServerCpu | None:
        pids = lambda: [r[0] for r in self._run(  # noqa: E731
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,))]
        # Only a server on this machine shows its backends in /proc.
        found = pids()
        if found and process_cpu(found[0]) is None:
            return None
        if not found and process_cpu(os.getpid()) is None:
            return None
        return ServerCpu(pids)

    def server_version(self) -> int:
        return int(self._run("SHOW server_version_num")[0][0])

    def version(self) -> str:
        text = self._run("SELECT version()")[0][0]
        return "PostgreSQL " + text.split()[1]

    def settings(self) -> str:
        """The server settings that change plans and write speed."""
        names = ("shared_buffers", "work_mem", "maintenance_work_mem", "synchronous_commit",
                 "autovacuum", "max_parallel_workers_per_gather")
        rows = dict(self._run("SELECT name, setting || COALESCE(unit, '') FROM pg_settings "
                              "WHERE name = ANY(%s)", (list(names),)))
        return ", ".join(f"{n}={rows.get(n, '?')}" for n in names)

    def close(self) -> None:
        if self._admin is not None and not self._admin.closed:
            self._admin.close()

    def spec(self) -> dict:
        return {"kind": self.kind, "server": self.server}


def from_spec(spec: dict) -> Scratch:
    if spec["kind"] == "sqlite":
        return SqliteScratch(Path(spec["folder"]))
    return PostgresScratch(spec["server"])
