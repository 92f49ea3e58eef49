"""Loading the demo city (``heatoffice demo --accounts N``) against the same rows written with
the raw driver: executemany on SQLite, COPY on PostgreSQL, the search index by hand."""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from typing import Any

from bench import targets
from bench.jobs import BUILD_AT, Ctx, Job, Outcome, register
from bench.measure import digest_parts, digest_query

BULK = ("account", "account_status_change")  # what the demo writes by the hundred thousand
SEARCH = "account_search"
SKIP = (*BULK, "schema_version")
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0x3400, 0x4DBF))


def tables(con: Any, postgres: bool) -> list[str]:
    """The tables in the order they were created (parents before children), without the
    full-text tables' shadow tables."""
    cur = con.cursor()
    if postgres:
        cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                    "c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.oid")
    else:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'sqlite_%' ORDER BY rowid")
    names = [r[0] for r in cur.fetchall()]
    fts = [n for n in names if n.startswith(SEARCH + "_") and not postgres]
    roots = {n for n in fts if n.count("_") == 2}  # account_search_tri, account_search_chr
    return [n for n in names if n not in fts or n in roots]


def _rows(cur: Any, table: str) -> tuple[list[str], list[tuple]]:
    if table.startswith(SEARCH + "_"):
        cur.execute(f'SELECT rowid, doc FROM "{table}"')
    else:
        cur.execute(f'SELECT * FROM "{table}"')
    return [d[0] for d in cur.description], cur.fetchall()


def _key(con: Any, table: str, postgres: bool) -> list[str]:
    """The primary key's columns of ``table`` (rowid for a full-text table)."""
    cur = con.cursor()
    if table.startswith(SEARCH + "_"):
        return ["rowid"]
    if postgres:
        cur.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                    "i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass "
                    "AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
                    (f'"{table}"',))
        return [r[0] for r in cur.fetchall()]
    cur.execute(f'PRAGMA table_info("{table}")')
    return [r[1] for r in sorted(cur.fetchall(), key=lambda r: r[5]) if r[5]]


def database_digest(con: Any, postgres: bool) -> tuple[str, dict[str, int]]:
    """Every row of every table in key order (password hashes left out: each has its own
    salt), read in batches."""
    parts, counts = {}, {}
    for table in tables(con, postgres):
        cur = con.cursor()
        if table.startswith(SEARCH + "_"):
            names = ["rowid", "doc"]
        else:
            cur.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
            names = [d[0] for d in cur.description if d[0] != "password_hash"]
        order = _key(con, table, postgres) or [str(i + 1) for i in range(len(names))]
        cols = ", ".join(n if n == "rowid" else f'"{n}"' for n in names)
        keys = ", ".join(k if k in ("rowid",) or k.isdigit() else f'"{k}"' for k in order)
        parts[table], counts[table] = digest_query(
            con, f'SELECT {cols} FROM "{table}" ORDER BY {keys}')
    if postgres:
        con.rollback()
    return digest_parts(parts), counts


def _app(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)
    try:
        t = ctx.timer()
        with targets.frozen_clock(BUILD_AT), t:
            summary = targets.demo_build(accounts=ctx.accounts, seed=ctx.seed,
                                         today=BUILD_AT.date(), actor=targets.SYSTEM)
    finally:
        targets.close()
    con = ctx.raw()
    digest, counts = database_digest(con, ctx.postgres)
    con.close()
    phases = {k: round(v, 2) for k, v in summary["seconds"].items() if k != "total"}
    return ctx.outcome(t, digest, accounts=counts["account"],
                       status_rows=counts["account_status_change"], phases_s=phases)


# ---- by hand ------------------------------------------------------------------------------

class Setup:
    """The rows the demo writes through the services before the accounts (stations,
    communities, posts, staff and their areas, users, their audit rows): taken from the demo
    database the program built, as the rows that are not in the empty one."""

    def __init__(self, ctx: Ctx) -> None:
        ref, empty = ctx.raw(ctx.fixtures["demo"]), ctx.raw(ctx.fixtures["empty"])
        self.tables: list[tuple[str, list[str], list[tuple]]] = []
        rc, ec = ref.cursor(), empty.cursor()
        for table in tables(ref, ctx.postgres):
            if table in SKIP or table.startswith(SEARCH):
                continue
            names, rows = _rows(rc, table)
            old = set(_rows(ec, table)[1])
            new = [r for r in rows if r not in old]
            if table == "audit_entry":  # the demo's own audit row is written at the end
                action = names.index("action")
                new = [r for r in new if r[action] != "demo.build"]
            if new:
                self.tables.append((table, names, new))
        rc.execute("SELECT name, code, id FROM community")
        found_ = rc.fetchall()
        self.codes = {name: code for name, code, _ in found_}
        self.communities = {name: id_ for name, _, id_ in found_}
        rc.execute("SELECT code, id FROM station")
        self.stations = dict(rc.fetchall())
        rc.execute("SELECT value FROM setting WHERE key = 'account_no_pattern'")
        found = rc.fetchone()
        self.pattern = found[0] if found else targets.config.DEFAULTS["account_no_pattern"]
        ref.close()
        empty.close()

    def write(self, cur: Any, p: str, postgres: bool) -> dict[str, Any]:
        """Insert the rows; users get their password hashed again with the parameters of the
        program's hash (argon2id)."""
        from argon2 import PasswordHasher

        made: dict[str, Any] = {}
        for table, names, rows in self.tables:
            if "password_hash" in names:
                i = names.index("password_hash")
                rows = [r[:i] + (_hasher(r[i], PasswordHasher).hash(targets.DEMO_PASSWORD),)
                        + r[i + 1:] for r in rows]
                made["users"] = [r[names.index("username")] for r in rows]
            if table == "staff":
                made["staff"] = len(rows)
            cols = ", ".join(f'"{n}"' for n in names)
            # the chain heads (heatoffice.db.chain) exist already: they move to the demo's
            moved = (" ON CONFLICT (chain) DO UPDATE SET last_id = excluded.last_id, "
                     "last_hash = excluded.last_hash") if table == "chain_head" else ""
            cur.executemany(f'INSERT INTO "{table}" ({cols}) VALUES '
                            f"({', '.join([p] * len(names))}){moved}", rows)
            if postgres and "id" in names:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                            f'(SELECT MAX(id) FROM "{table}"))')
        return made


def _hasher(stored: str, cls: Any) -> Any:
    params = dict(kv.split("=") for kv in stored.split("$")[3].split(","))
    return cls(time_cost=int(params["t"]), memory_cost=int(params["m"]),
               parallelism=int(params["p"]))


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


class _Spaced(dict):
    """str.translate table: a CJK character becomes a word of its own."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = value = f" {ch} " if _is_cjk(ch) else ch
        return value


def _docs(documents: list[tuple]) -> list[tuple[int, str]]:
    out = []
    for id_, no, name, contact, phone, phone2, comm, bld, unit, room in documents:
        address = comm + (f"{bld}号楼" if bld else "") + (f"{unit}单元" if unit else "") + room
        out.append((id_, " ".join(x for x in (no, name, contact, phone, phone2, address)
                                  if x).lower()))
    return out


def _grams(doc: str) -> list[str]:
    out: set[str] = set()
    for word in doc.split():
        out.update(word)
        out.update(word[i:i + 2] for i in range(len(word) - 1))
    return sorted(out)


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list):
        return _copy_text("{" + ",".join(
            '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return text


def _copy(cur: Any, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_copy_text(v) for v in row))
        buf.write("\n")
    buf.seek(0)
    cur.copy_expert(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN', buf)


def _indexes(cur: Any, postgres: bool, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The secondary indexes of ``names`` (dropped for the load, built again after it)."""
    if postgres:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                    "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM "
                    "pg_constraint)", (list(names),))
    else:
        cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                    f"NULL AND tbl_name IN ({', '.join('?' * len(names))})", names)
    return cur.fetchall()


def _bare(ctx: Ctx) -> Outcome:
    rows_ = targets.demo_rows
    setup = Setup(ctx)  # reading the reference rows is not part of the work
    pg = ctx.postgres
    con = ctx.raw()
    p = "%s" if pg else "?"
    cur = con.cursor()
    today = BUILD_AT.date()
    t = ctx.timer()
    with t:
        if not pg:
            cur.execute("BEGIN IMMEDIATE")
        city = rows_.plan_city(random.Random(f"{ctx.seed}:city"), ctx.accounts, today)
        made = setup.write(cur, p, pg)
        station_ids = [setup.stations[code] for code, _, _ in city.stations]
        codes = [setup.codes[c.name] for c in city.communities]
        community_ids = [setup.communities[c.name] for c in city.communities]
        bulk = (*BULK, SEARCH) if pg else BULK
        found = _indexes(cur, pg, bulk)
        for name, _ in found:
            cur.execute(f'DROP INDEX "{name}"')
        rng = random.Random(f"{ctx.seed}:accounts")
        stream = rows_.homes(city)
        seen: set[str] = set()
        counts: Counter = Counter()
        first = 1
        account_sql = (f"INSERT INTO account ({', '.join(rows_.ACCOUNT_COLUMNS)}) VALUES "
                       f"({', '.join([p] * len(rows_.ACCOUNT_COLUMNS))})")
        change_sql = (f"INSERT INTO account_status_change ({', '.join(rows_.CHANGE_COLUMNS)}) "
                      f"VALUES ({', '.join([p] * len(rows_.CHANGE_COLUMNS))})")
        changes = 0
        while True:
            items = [x for _, x in zip(range(targets.DEMO_CHUNK), stream, strict=False)]
            if not items:
                break
            r = rows_.make_rows(rng, city, items, first, today, setup.pattern, station_ids,
                                codes, seen, ("reception", "customer_service"), community_ids)
            first += len(items)
            docs = _docs(r.documents)
            if pg:
                _copy(cur, "account", rows_.ACCOUNT_COLUMNS, r.accounts)
                _copy(cur, "account_status_change", rows_.CHANGE_COLUMNS, r.changes)
                _copy(cur, SEARCH, ("account_id", "doc", "grams"),
                      [(i, d, _grams(d)) for i, d in docs])
            else:
                cur.executemany(account_sql, r.accounts)
                cur.executemany(change_sql, r.changes)
                cur.executemany("INSERT INTO account_search_tri (rowid, doc) VALUES (?, ?)", docs)
                spaced = _Spaced()
                cur.executemany("INSERT INTO account_search_chr (rowid, doc) VALUES (?, ?)",
                                [(i, d.translate(spaced)) for i, d in docs])
            counts.update(f"status:{a[15]}" for a in r.accounts)
            counts.update(f"category:{a[2]}" for a in r.accounts)
            changes += len(r.changes)
        for _, sql in found:
            cur.execute(sql)
        if pg:
            cur.execute("SELECT setval(pg_get_serial_sequence('account', 'id'), "
                        "(SELECT MAX(id) FROM account))")
        summary = {
            "seed": ctx.seed, "accounts": ctx.accounts, "stations": len(city.stations),
            "communities": len(city.communities), "staff": made.get("staff", 0),
            "users": made.get("users", []), "status_changes": changes,
            "by_status": {k[7:]: v for k, v in sorted(counts.items()) if k[:7] == "status:"},
            "by_category": {k[9:]: v for k, v in sorted(counts.items())
                            if k[:9] == "category:"}}
        note = (f"seed {ctx.seed}: {ctx.accounts} accounts, {len(city.communities)} "
                f"communities, {len(city.stations)} stations, {summary['staff']} staff, "
                f"{len(summary['users'])} users")
        # the audit row chained to the one before it (the program's rule: heatoffice.db.chain)
        at = BUILD_AT if pg else BUILD_AT.isoformat(" ")
        after = json.dumps(summary, ensure_ascii=False)
        cur.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")
        digest = targets.chain_link(cur.fetchone()[0], [
            at, targets.SYSTEM.username, targets.SYSTEM.user_id, "demo.build", "account", "demo",
            None, after, note])
        cur.execute('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
                    f"before, after, note, hash) VALUES ({p}, {p}, {p}, 'demo.build', "
                    f"'account', 'demo', NULL, {p}, {p}, {p})",
                    (at, targets.SYSTEM.username, targets.SYSTEM.user_id, after, note, digest))
        cur.execute("UPDATE chain_head SET last_id = (SELECT MAX(id) FROM audit_entry), "
                    f"last_hash = {p} WHERE chain = 'audit_entry'", (digest,))
        if pg:
            con.commit()
            con.autocommit = True
            cur.execute(f"ANALYZE account, account_status_change, {SEARCH}")
            con.autocommit = False
        else:
            cur.execute("COMMIT")
    digest, counts_ = database_digest(con, pg)
    con.close()
    return ctx.outcome(t, digest, accounts=counts_["account"],
                       status_rows=counts_["account_status_change"])


register(Job(
    name="demo", title="demo load (heatoffice demo --accounts N)", fixture="empty",
    writes=True, makes="demo", scaling=True, app=_app, bare=_bare,
    baseline="one transaction of plain sqlite3 / psycopg2 from the same empty database: the "
             "setup rows the demo writes through its services (stations, communities, posts, "
             "staff, service areas, users with their argon2 hashes computed again, their audit "
             "rows) inserted as rows taken from the program's demo database; the accounts and "
             "status history made by the program's own seeded generator "
             "(heatoffice.demo.rows: plan_city, homes, make_rows, the only program code it "
             "calls, so that the rows are the same) in the same batches; written with "
             "executemany (SQLite) or COPY (PostgreSQL) with the secondary indexes dropped and "
             "built again after the load, as the program does; the search index by hand (FTS5 "
             "trigram and character tables; the gram arrays under GIN); the demo's audit row; "
             "on PostgreSQL then ANALYZE of the loaded tables, which the program is to do after "
             "a bulk load. The baseline does not check the services' rules for the setup rows. "
             "Digest: every row of every table but the password hashes."))
