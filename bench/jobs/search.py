"""Account search: the register's first page and its match count for the terms clerks type,
against the same full-text (SQLite FTS5) or gram (PostgreSQL GIN) index queried by hand."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import Ctx, Job, Outcome, mark, register
from bench.measure import digest_rows

PAGE = 200
REPEAT = 20

# What the register shows for a category and a status (heatoffice.accounts.models).
CATEGORY = {"residential": "居民", "institution": "单位", "business": "商业"}
STATUS = {"pending": "待开通", "heating": "供热", "stopped": "报停", "cut_off": "停供",
          "closed": "销户"}
_CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\u3400-\u4dbf])")
_COLUMNS = ("a.id, a.account_no, a.name, a.category, c.name, a.building, a.unit, a.room, "
            "a.phone, a.heating_area, a.status")


def pick_terms(con: Any) -> dict[str, str]:
    """The terms, taken from the data so that they hit: a common full name, a one-character
    surname, four digits of a phone, a community's name end and a building number, an
    account number without its last four characters."""
    cur = con.cursor()
    cur.execute("SELECT MAX(id) / 2 FROM account")
    middle = cur.fetchone()[0]
    cur.execute("SELECT a.phone, a.account_no, c.name, a.building FROM account a "
                f"JOIN community c ON c.id = a.community_id WHERE a.id >= {mark(con)} "
                "AND a.category = 'residential' ORDER BY a.id LIMIT 1",
                (middle,))
    phone, number, community, building = cur.fetchone()
    return {"name": "张伟", "surname": "王", "phone": phone[3:7],
            "address": community[-2:] + building, "account": number[:-4]}


KINDS = {
    "name": "full name",
    "surname": "one-character surname",
    "phone": "phone fragment (4 digits)",
    "address": "address fragment",
    "account": "account-number fragment",
}


# ---- the program --------------------------------------------------------------------------

def _app(ctx: Ctx, kind: str | None, counting: bool) -> Outcome:
    targets.open_app(ctx.url)
    try:
        con = targets.database.connection()
        terms = pick_terms(con)
        chosen = [terms[kind]] if kind else list(terms.values())
        actor = targets.SYSTEM
        if counting:
            def op(term: str) -> Any:
                return targets.register.count(actor, term)
        else:
            def op(term: str) -> Any:
                return targets.register.page(actor, term, limit=PAGE)
        return _measure(ctx, chosen, op)
    finally:
        targets.close()


def _measure(ctx: Ctx, chosen: list[str], op: Any) -> Outcome:
    results = {term: op(term) for term in chosen}  # warm: both sides start from a warm cache
    repeat = ctx.options.get("repeat", REPEAT)
    t = ctx.timer()
    for _ in range(repeat):
        for term in chosen:
            with t:
                results[term] = op(term)
    found = {term: (r if isinstance(r, int) else len(r)) for term, r in results.items()}
    rows = [(term, *row) for term, r in results.items()
            for row in (r if isinstance(r, list) else [(r,)])]
    return ctx.outcome(t, digest_rows(rows, sort=False), ops=repeat * len(chosen),
                       terms=chosen, found=found)


# ---- by hand ------------------------------------------------------------------------------

def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def sqlite_match(term: str) -> tuple[str, str] | None:
    """The FTS5 table and MATCH text for ``term``: the trigram table for three characters or
    more; else the table whose every CJK character is a token (digits match a word start)."""
    if len(term) >= 3:
        return "account_search_tri", _fts_phrase(term)
    tokens = [t for t in re.split(r"[^\w]+", _CJK.sub(r" \1 ", term)) if t]
    if not tokens:
        return None
    phrase = _fts_phrase(" ".join(tokens))
    return "account_search_chr", phrase + ("" if _CJK.fullmatch(tokens[-1]) else "*")


def pg_grams(term: str) -> list[str]:
    """The one- and two-character grams a row must have (two-character ones for longer)."""
    if len(term) > 2:
        return sorted({term[i:i + 2] for i in range(len(term) - 1)})
    return sorted(set(term) | {term[i:i + 2] for i in range(len(term) - 1)})


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _shown(row: tuple) -> tuple:
    """A register row as the screen shows it (a role that may see phones)."""
    id_, no, name, cat, community, building, unit, room, phone, area, status = row
    address = (community + (f"{building}号楼" if building else "")
               + (f"{unit}单元" if unit else "") + room)
    return (id_, no, name, CATEGORY.get(cat, cat), address, phone,
            Decimal(int(area)).scaleb(-2), STATUS.get(status, status))


def _bare_ops(ctx: Ctx, con: Any, counting: bool) -> Any:
    cur = con.cursor()
    if ctx.postgres:
        page = (f"SELECT {_COLUMNS} FROM account_search s JOIN account a ON a.id = s.account_id "
                "JOIN community c ON c.id = a.community_id WHERE s.grams @> %s::text[] "
                f"AND s.doc LIKE %s ORDER BY a.id LIMIT {PAGE}")
        count = "SELECT COUNT(*) FROM account_search WHERE grams @> %s::text[] AND doc LIKE %s"

        def params(term: str) -> tuple:
            return (pg_grams(term), _like(term))
        tables = None
    else:
        page = (f"SELECT {_COLUMNS} FROM {{t}} f JOIN account a ON a.id = f.rowid "
                f"JOIN community c ON c.id = a.community_id WHERE {{t}} MATCH ? "
                f"ORDER BY f.rowid LIMIT {PAGE}")
        count = "SELECT COUNT(*) FROM {t} WHERE {t} MATCH ?"
        tables = {}

        def params(term: str) -> tuple:
            table, match = sqlite_match(term)
            tables[term] = table
            return (match,)

    def op(term: str) -> Any:
        term = term.lower()
        p = params(term)
        sql = count if counting else page
        cur.execute(sql if tables is None else sql.format(t=tables[term]), p)
        if counting:
            return cur.fetchone()[0]
        return [_shown(r) for r in cur.fetchall()]
    return op


def _bare(ctx: Ctx, kind: str | None, counting: bool) -> Outcome:
    con = ctx.raw()
    try:
        terms = pick_terms(con)
        chosen = [terms[kind]] if kind else list(terms.values())
        op = _bare_ops(ctx, con, counting)
        out = _measure(ctx, chosen, op)
        if ctx.postgres:
            con.rollback()
        return out
    finally:
        con.close()


BASELINE = ("plain {lib} on the same {index} the program keeps (SQLite: the FTS5 trigram table "
            "for three characters or more, the character table for one or two; PostgreSQL: "
            "grams @> and LIKE on account_search), joined to the accounts, first {page} in id "
            "order, each row formatted as the register shows it (labels, written address)")


def _baseline(counting: bool) -> str:
    text = BASELINE.format(lib="sqlite3 / psycopg2", index="index", page=PAGE)
    return ("COUNT(*) over the same index query, as the register's count does" if counting
            else text) + "; milliseconds per query, median over the repeats."


def _page_job(kind: str) -> None:
    register(Job(
        name=f"search-{kind}", title=f"search, first page: {KINDS[kind]}", fixture="demo",
        app=lambda ctx: _app(ctx, kind, False), bare=lambda ctx: _bare(ctx, kind, False),
        baseline=_baseline(False), per_op=True, scaling=kind in ("name", "surname")))


for _kind in KINDS:
    _page_job(_kind)

register(Job(
    name="search-count", title="search, match count (the five terms above)", fixture="demo",
    app=lambda ctx: _app(ctx, None, True), bare=lambda ctx: _bare(ctx, None, True),
    baseline=_baseline(True), per_op=True, scaling=True))
