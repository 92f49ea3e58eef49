"""``backup``, ``backups`` and ``restore``: the admin's backups (heatoffice.backup)."""

from __future__ import annotations

import argparse
from pathlib import Path

import heatoffice.cli.common as common
from heatoffice import glossary
from heatoffice.cli.common import Commands, command
from heatoffice.errors import UserError

TEXT: common.Table = {
    "backup": ("立即备份数据库（需要“备份数据库、查看备份”权限）：SQLite 用备份接口，"
               "PostgreSQL 用 pg_dump；文件旁附 .sha256 校验文件",
               "back the database up now (needs backups.make): SQLite through its backup API, "
               "PostgreSQL through pg_dump; a .sha256 checksum file beside it"),
    "out": ("备份文件（默认：备份文件夹中带日期的文件）",
            "the backup file (default: a dated file in the backups folder)"),
    "auto": ("当天的自动备份（供 cron 使用）：今天已有自动备份时不做；做完按保留份数轮换",
             "the day's automatic backup (for cron): nothing when one was made today; "
             "then old automatic backups are rotated"),
    "backups": ("列出备份文件夹中的备份，并核对校验和",
                "list the backups and verify their checksums"),
    "restore": ("从备份恢复数据库（需要“从备份恢复数据库”权限）：核对校验和并检查恢复的副本，"
                "保留被替换的数据库，收据号从给出的最后收据号之后继续",
                "restore the database from a backup (needs backups.restore): the checksum "
                "and the restored copy are checked, the replaced database is kept, and receipt "
                "numbers go on after the last receipt given"),
    "file": ("备份文件（.db 或 .dump，旁边须有 .sha256）",
             "the backup file (.db or .dump, with its .sha256 beside it)"),
    "last_receipt": ("实际开出的最后一张收据号（见纸质存根或最后的收费日报），如 2026-001618",
                     "the last receipt number actually issued (from the stub book or the last "
                     "daily report), like 2026-001618"),
    "made": ("已备份：{file}", "backed up: {file}"),
    "not_needed": ("今天已有自动备份", "an automatic backup was made today"),
    "folder": ("备份文件夹：{folder}", "backups folder: {folder}"),
    "none": ("没有备份", "no backups"),
    "head": ("文件|时间|大小|类别|校验", "file|made|size|kind|checksum"),
    "ok": ("正确", "ok"),
    "bad": ("不符", "BAD"),
    "missing": ("缺失", "missing"),
    "restored": ("已从 {file} 恢复数据库", "database restored from {file}"),
    "replaced": ("被替换的数据库保留为：{replaced}",
                 "the replaced database is kept as: {replaced}"),
    "lost": ("收据号 {first} 至 {last}（{count} 张）因恢复作废，下一张收据从其后开始",
             "receipt numbers {first} to {last} ({count}) are lost by the restore; the next "
             "receipt follows them"),
    "none_lost": ("备份中已开到 {last}，没有作废的收据号",
                  "the backup had issued up to {last}: no receipt numbers lost"),
}

t = common.texts(TEXT)


def register(commands: Commands) -> None:
    s = command(commands.top, "backup", t("backup"), cmd_backup)
    s.add_argument("--out", metavar="FILE", default=None, help=t("out"))
    s.add_argument("--auto", action="store_true", help=t("auto"))
    command(commands.top, "backups", t("backups"), cmd_backups)
    s = command(commands.top, "restore", t("restore"), cmd_restore)
    s.add_argument("file", metavar="FILE", help=t("file"))
    s.add_argument("--last-receipt", metavar="NO", required=True, help=t("last_receipt"))


def cmd_backup(args: argparse.Namespace) -> int:
    from heatoffice.auth.permissions import require
    from heatoffice.backup import service

    actor = common.session(args)
    if args.auto:
        if args.out:
            raise UserError("cli.auto_with_out", field="out")
        require(actor, "backups.make")
        path = service.auto_backup(actor)
        print(t("made", file=path) if path else t("not_needed"))
        return common.DONE
    path = service.make_backup(actor, out=Path(args.out) if args.out else None)
    print(t("made", file=path))
    return common.DONE


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def cmd_backups(args: argparse.Namespace) -> int:
    from heatoffice.backup import queries
    from heatoffice.exports.xlsx import display_width

    actor = common.session(args)
    found = queries.backups(actor)
    print(t("folder", folder=queries.folder(actor)))
    if not found:
        print(t("none"))
        return common.DONE
    table = [tuple(t("head").split("|"))]
    for b in found:
        table.append((b.path.name, b.made_at.strftime("%Y-%m-%d %H:%M:%S"), _size(b.size),
                      glossary.label("backup_kind", b.kind) if b.kind else "-",
                      t("missing") if b.checksum_ok is None else t("ok") if b.checksum_ok
                      else t("bad")))
    widths = [max(display_width(str(row[c])) for row in table) for c in range(len(table[0]))]
    for row in table:
        print("  ".join(str(v) + " " * (w - display_width(str(v)))
                        for v, w in zip(row, widths, strict=True)).rstrip())
    return common.DONE


def cmd_restore(args: argparse.Namespace) -> int:
    from peewee import DatabaseError

    from heatoffice.backup import service

    service.parse_last_receipt(args.last_receipt)  # a wrong number before any login
    try:
        actor = common.session(args)
    except UserError as exc:
        if exc.code not in ("db.not_initialised", "db.newer_schema", "db.migration_failed",
                            "db.not_a_database", "db.not_heatoffice", "db.cannot_open",
                            "db.pg_no_database", "db.failed"):
            raise
        actor = None  # the database is gone or broken: the admin logs in on the copy
    except DatabaseError:
        actor = None  # not a database, or a PostgreSQL database that is not there
    common.close_database()
    done = service.restore(Path(args.file), args.last_receipt, url=args.db, actor=actor,
                           login=lambda: common.login(args))
    print(t("restored", file=done.file))
    if done.replaced:
        print(t("replaced", replaced=done.replaced))
    if done.lost_count:
        print(t("lost", first=done.lost_first, last=done.lost_last, count=done.lost_count))
    else:
        print(t("none_lost", last=done.last_receipt))
    return common.DONE
