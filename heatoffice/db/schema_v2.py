"""Schema version 2: Account.community, free text in version 1, becomes a key of Community.

Written in plain SQL, never through the models: a migration must build exactly the version-2
shape however the models change later. ``migrate`` runs inside the one transaction that
``heatoffice.db.migrations.migrate`` opens (on SQLite with foreign keys switched off for it and
checked before the commit), so a failure at any step leaves the database as it was.

1. Every distinct community text (trimmed) that no Community row is named after gets one, with
   a generated code (M001, M002, … skipping codes in use) and no heat station.
2. The account table gets ``community_id`` (NOT NULL, a foreign key to community, indexed
   alone and with building, unit and room) in place of ``community``.
   SQLite: a table rebuild (create the version-2 table, copy, drop, rename, indexes and
   triggers again), the procedure SQLite documents for changes ALTER TABLE cannot make:
   ADD COLUMN cannot add a NOT NULL column without a default, and a CHECK or trigger would
   leave a migrated database different from a new one. PostgreSQL: ALTER TABLE, in place.
3. One audit row says what was done and which communities were created.
Search entries, status history and every other table are not touched.
"""

from __future__ import annotations

import json

from peewee import Database, SqliteDatabase

from heatoffice import clock

VERSION = 2

# The version-2 account table as heatoffice 0.1 with schema version 2 creates it.
_SQLITE_ACCOUNT = (
    'CREATE TABLE "{name}" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_no" VARCHAR(32) NOT NULL, "category" VARCHAR(16) NOT NULL, '
    '"name" VARCHAR(64) NOT NULL, "contact" VARCHAR(64) NOT NULL, '
    '"phone" VARCHAR(32) NOT NULL, "phone2" VARCHAR(32) NOT NULL, '
    '"id_number" VARCHAR(18) NOT NULL, "community_id" INTEGER NOT NULL, '
    '"building" VARCHAR(16) NOT NULL, "unit" VARCHAR(16) NOT NULL, "floor" INTEGER, '
    '"room" VARCHAR(16) NOT NULL, "station_id" INTEGER, "heating_area" INTEGER NOT NULL, '
    '"status" VARCHAR(16) NOT NULL, "low_income" INTEGER NOT NULL, "connected_on" DATE, '
    '"notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("community_id") REFERENCES "community" ("id") ON DELETE RESTRICT, '
    'FOREIGN KEY ("station_id") REFERENCES "station" ("id") ON DELETE RESTRICT)')

# Every column but the community, in both versions.
_KEPT = ("id", "account_no", "category", "name", "contact", "phone", "phone2", "id_number",
         "building", "unit", "floor", "room", "station_id", "heating_area", "status",
         "low_income", "connected_on", "notes", "created_at", "updated_at")

_OLD_INDEXES = ("account_community", "account_community_building_unit_room")
_NEW_INDEXES = (
    'CREATE INDEX "account_community_id" ON "account" ("community_id")',
    'CREATE INDEX "account_community_id_building_unit_room" ON "account" '
    '("community_id", "building", "unit", "room")',
)
# Every index of the version-2 account table, in the order a new database creates them
# (the SQLite rebuild makes them all again).
_SQLITE_INDEXES = (
    'CREATE UNIQUE INDEX "account_account_no" ON "account" ("account_no")',
    'CREATE INDEX "account_name" ON "account" ("name")',
    _NEW_INDEXES[0],
    'CREATE INDEX "account_station_id" ON "account" ("station_id")',
    'CREATE INDEX "account_status" ON "account" ("status")',
    _NEW_INDEXES[1],
)


def migrate(db: Database) -> None:
    created = create_communities(db)
    if isinstance(db, SqliteDatabase):
        rebuild_sqlite(db)
    else:
        alter_postgres(db)
    record(db, created)


def _sql(db: Database, sql: str, params: tuple | list = ()) -> list[tuple]:
    cursor = db.execute_sql(sql.replace("?", db.param), params)
    return cursor.fetchall() if cursor.description else []


def next_code(taken: set[str], start: int = 1) -> tuple[str, int]:
    """The first free code M001, M002, … from number ``start``, and the number after it."""
    n = start
    while f"M{n:03d}" in taken:
        n += 1
    return f"M{n:03d}", n + 1


def create_communities(db: Database) -> list[tuple[int, str, str]]:
    """A Community row for each community text no row is named after: (id, name, code)."""
    missing = [name for (name,) in _sql(
        db, "SELECT DISTINCT TRIM(a.community) FROM account a WHERE NOT EXISTS "
            "(SELECT 1 FROM community c WHERE c.name = TRIM(a.community)) ORDER BY 1")]
    taken = {code for (code,) in _sql(db, "SELECT code FROM community")}
    created = []
    n = 1
    for name in missing:
        code, n = next_code(taken, n)
        taken.add(code)
        _sql(db, "INSERT INTO community (name, code, station_id) VALUES (?, ?, NULL)",
             (name, code))
        (row_id,) = _sql(db, "SELECT id FROM community WHERE name = ?", (name,))[0]
        created.append((row_id, name, code))
    return created


def rebuild_sqlite(db: Database) -> None:
    """The account table again at version 2, rows copied with their ids."""
    triggers = _sql(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                        "AND tbl_name = 'account' AND sql IS NOT NULL")
    _sql(db, _SQLITE_ACCOUNT.format(name="account_v2"))
    copy_accounts(db)
    _sql(db, 'DROP TABLE "account"')
    _sql(db, 'ALTER TABLE "account_v2" RENAME TO "account"')
    for sql in _SQLITE_INDEXES:
        _sql(db, sql)
    for (sql,) in triggers:
        _sql(db, sql)


def copy_accounts(db: Database) -> None:
    """Every account into the version-2 table; an account whose community found no row
    would be NULL there and fails the NOT NULL (it cannot: create_communities ran)."""
    columns = ", ".join(f'"{c}"' for c in _KEPT)
    _sql(db, f'INSERT INTO "account_v2" ({columns}, "community_id") '
             f'SELECT {", ".join(f"a.{c}" for c in _KEPT)}, c.id FROM account a '
             "LEFT JOIN community c ON c.name = TRIM(a.community) ORDER BY a.id")


def alter_postgres(db: Database) -> None:
    """PostgreSQL changes the table in place, inside the transaction like any statement."""
    _sql(db, 'ALTER TABLE "account" ADD COLUMN "community_id" INTEGER '
             'REFERENCES "community" ("id") ON DELETE RESTRICT')
    _sql(db, 'UPDATE "account" SET "community_id" = c.id FROM "community" c '
             'WHERE c.name = TRIM("account"."community")')
    _sql(db, 'ALTER TABLE "account" ALTER COLUMN "community_id" SET NOT NULL')
    drop_old_column(db)
    for sql in _NEW_INDEXES:
        _sql(db, sql)
    # The planner's figures for the new column now, not when autovacuum gets round to it.
    _sql(db, 'ANALYZE "account"')


def drop_old_column(db: Database) -> None:
    for name in _OLD_INDEXES:
        _sql(db, f'DROP INDEX IF EXISTS "{name}"')
    _sql(db, 'ALTER TABLE "account" DROP COLUMN "community"')


def record(db: Database, created: list[tuple[int, str, str]]) -> None:
    """The audit row of the migration, as the program's own user ("system")."""
    names = "、".join(f"{name}（{code}）" for _, name, code in created) or "无"
    after = {"version": VERSION, "account_community": "community_id",
             "communities_created": [{"id": i, "name": n, "code": c} for i, n, c in created]}
    _sql(db, 'INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
             "before, after, note) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?)",
         (clock.now().isoformat(sep=" "), "system", "schema.migrate",
          "schema_version", str(VERSION), json.dumps(after, ensure_ascii=False),
          f"数据库升级到第 {VERSION} 版：用户档案的小区改为引用小区登记；"
          f"新登记小区 {len(created)} 个：{names}"))
