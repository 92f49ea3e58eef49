"""Substring search over account number, name, contact, phones and address, by index.

Most Chinese names are two characters, so one- and two-character terms must hit an index too.
SQLite: an FTS5 trigram table answers terms of three or more characters; a second FTS5 table,
whose text has every CJK character as its own token, answers one and two characters as a
phrase (Latin letters and digits stay whole words there and match by prefix; its prefix
index answers "1" or "13" from one list instead of merging the lists of every phone number).
PostgreSQL: one table with the text and an array of its one- and two-character grams under a
GIN index; a term's grams narrow the rows, strpos on the text confirms them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peewee import SQL, Database, Node, Table, fn

from heatoffice.db import bulk
from heatoffice.db.connection import database, is_sqlite

TRI = "account_search_tri"
CHR = "account_search_chr"
PG = "account_search"

# PostgreSQL: the search text without the account's phones (what a reader without
# "accounts.view_personal" may match), from the search table's ``doc`` and the account row.
PG_PUBLIC = "replace(replace({doc}, lower({account}.phone), ''), lower({account}.phone2), '')"

_CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\u3400-\u4dbf])")


def document(account_no: str, name: str, contact: str, phone: str, phone2: str,
             address: str) -> str:
    """The searchable text of one account, lower-cased."""
    return " ".join(p for p in (account_no, name, contact, phone, phone2, address) if p).lower()


def document_of(account) -> str:
    return document(account.account_no, account.name, account.contact, account.phone,
                    account.phone2, account.address)


class _Spacer(dict):
    """A str.translate table that learns each character once: CJK -> " c ", others kept.

    Five times faster than _CJK.sub on a bulk load, with the same result."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = f" {char} " if _CJK.fullmatch(char) else char
        return value


_SPACER = _Spacer()


def spaced(text: str) -> str:
    """Every CJK character made a token of its own: "张伟3号楼" -> " 张  伟 3 号  楼 "."""
    return text.translate(_SPACER)


_PAIRS = re.compile(r"(?=(\S\S))")  # every two characters in a row within a word


def grams(text: str) -> list[str]:
    """The distinct one- and two-character pieces of each word of ``text``, in order: its
    characters but spaces, and each overlapping pair without a space (a regular expression
    finds the pairs: a third of the time of slicing each word)."""
    out = set("".join(text.split()))
    out.update(_PAIRS.findall(text))
    return sorted(out)


# The grams are only ever compared for equality (GIN's containment): byte order, not the
# database's collation, which sorts by the locale's rules at many times the cost (schema v12).
GRAMS_TYPE = 'TEXT[] COLLATE "C"'


def create_index(db: Database) -> None:
    if is_sqlite(db):
        db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TRI} USING fts5("
                       "doc, tokenize='trigram')")
        db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHR} USING fts5("
                       "doc, tokenize='unicode61', prefix='1 2')")
    else:
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {PG} (account_id INTEGER PRIMARY KEY "
                       f"REFERENCES account(id), doc TEXT NOT NULL, grams {GRAMS_TYPE} NOT NULL)")
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {PG}_grams ON {PG} USING GIN (grams)")


# FTS5 gathers a transaction's new terms in memory up to this many bytes before it writes them
# as a segment (its default, 1 MB, makes a bulk load write and merge a hundred small segments:
# twice the work of a 16 MB hash).
BULK_HASH = 16 * 1024 * 1024


def prepare_bulk() -> None:
    """Before many accounts in one transaction (SQLite): the full-text tables' hash size set
    to BULK_HASH (kept in their config; nothing is written when it is set already)."""
    db = database.obj
    if not is_sqlite(db):
        return
    for table in (TRI, CHR):
        found = db.execute_sql(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
        if found is None or found[0] != BULK_HASH:
            db.execute_sql(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)",
                           (BULK_HASH,))


def index_rows(rows: Iterable[tuple[int, str]], *, replace: bool = True) -> None:
    """Write the search text of accounts given as (id, document); call inside the write's
    transaction. ``replace=False`` skips the delete for rows known to be new (bulk loads)."""
    db = database.obj
    rows = list(rows)
    if not rows:
        return
    cursor = db.cursor()
    p = db.param
    if is_sqlite(db):
        if replace:
            ids = [(r[0],) for r in rows]
            cursor.executemany(f"DELETE FROM {TRI} WHERE rowid = ?", ids)
            cursor.executemany(f"DELETE FROM {CHR} WHERE rowid = ?", ids)
        cursor.executemany(f"INSERT INTO {TRI}(rowid, doc) VALUES (?, ?)", rows)
        cursor.executemany(f"INSERT INTO {CHR}(rowid, doc) VALUES (?, ?)",
                           [(i, spaced(doc)) for i, doc in rows])
    else:
        if replace:
            cursor.executemany(f"DELETE FROM {PG} WHERE account_id = {p}", [(r[0],) for r in rows])
        # One COPY for the batch: executemany would make a round trip per account.
        bulk.copy_body(cursor, PG, PG_COLUMNS, copy_lines(rows))


PG_COLUMNS = ("account_id", "doc", "grams")


def copy_lines(rows: Sequence[tuple[int, str]]) -> bytes:
    """PostgreSQL: the search table's rows of accounts given as (id, document), in COPY's
    text format (pure: a bulk load has them made by a worker process, ``accounts/bulk``)."""
    return bulk.copy_text([(i, doc, bulk.text_array(grams(doc))) for i, doc in rows])


def index_account(account) -> None:
    index_rows([(account.id, document_of(account))])


def terms(text: str) -> list[str]:
    return [t for t in (text or "").lower().split() if t]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _chr_query(term: str) -> str | None:
    tokens = [t for t in re.split(r"[^\w]+", spaced(term)) if t]
    if not tokens:
        return None
    phrase = _fts_phrase(" ".join(tokens))
    # A last token of letters or digits may be the start of a longer word (房号 "50" of "501").
    return phrase + "*" if not _CJK.fullmatch(tokens[-1]) else phrase


def _sqlite_match(term: str) -> tuple[str, str] | None:
    """SQLite: the full-text table answering ``term`` and its MATCH expression."""
    if len(term) >= 3:
        return TRI, _fts_phrase(term)
    match = _chr_query(term)
    return (CHR, match) if match is not None else None


def _pg_where(words: list[str], alias: str = "") -> tuple[str, list]:
    """PostgreSQL: the condition on the search table's own columns that keeps the rows whose
    text holds every word, and its parameters: one GIN lookup for all of them.

    A word of one or two characters is one of the grams of any text holding it (a word has
    no space, and grams are taken within words), so the grams decide alone; a longer word
    must hold all its two-character grams, and strpos confirms their order.
    """
    needed: set[str] = set()
    longer = []
    for word in words:
        if len(word) <= 2:
            # Its single characters too: redundant for the answer, but without statistics
            # the planner takes each gram for a 0.5 % filter, and a two-character name
            # that counts as one gram gets a parallel plan costing milliseconds to start.
            needed.update(grams(word))
        else:
            needed.update(word[i:i + 2] for i in range(len(word) - 1))
            longer.append(word)
    where = f"{alias}grams @> %s::text[]" + f" AND strpos({alias}doc, %s) > 0" * len(longer)
    return where, [sorted(needed), *longer]


def term_condition(term: str, id_column: str = "id") -> Node | None:
    """A SQL condition on ``id_column`` that keeps the accounts whose text contains ``term``."""
    db = database.obj
    if is_sqlite(db):
        found = _sqlite_match(term)
        if found is None:
            return None
        table, match = found
        return SQL(f"{id_column} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", [match])
    where, params = _pg_where([term])
    return SQL(f"{id_column} IN (SELECT account_id FROM {PG} WHERE {where})", params)


DRIVER = "fts"
# PostgreSQL: how many accounts, spread evenly over the ids, a search samples to tell a
# common term from a rare one; the page is read in id order when at least HITS of them match
# and the sample expects the page within BUDGET rows read that way.
SAMPLE = 250
HITS = 2
BUDGET = 100_000
SCAN_SHARE = 4  # a scan in id order may read up to this many rows per match it saves fetching


@dataclass(frozen=True)
class Driver:
    """A search table (aliased DRIVER) to read the accounts from in id order: ``key`` is its
    account id, ``match`` its condition; ``rest`` the conditions still to hold on the
    accounts' id."""

    table: Table
    key: Node
    match: Node
    rest: list[Node]


def _sqlite_driver(text: str, id_column: str) -> Driver | None:
    groups: dict[str, list[str]] = {}
    for term in terms(text):
        found = _sqlite_match(term)
        if found is not None:
            groups.setdefault(found[0], []).append(found[1])
    if not groups:
        return None
    (table, matches), *others = groups.items()
    rest: list[Node] = [
        SQL(f"{id_column} IN (SELECT rowid FROM {other} WHERE {other} MATCH ?)",
            [" AND ".join(more)])
        for other, more in others]
    fts = Table(table).alias(DRIVER)
    return Driver(fts, fts.c.rowid, SQL(f'"{DRIVER}"."{table}" MATCH ?',
                                        [" AND ".join(matches)]), rest)


def _pg_sample(words: list[str], personal: bool = True) -> tuple[int, list[bool]]:
    """(ids between two samples, whether each sampled account holds every word, in id order):
    SAMPLE ids evenly spaced from the first to the last, one index lookup each, so the
    answer costs the same for any term. ``personal=False``: the text without the phones
    (the matches such a reader gets; register.public_conditions decides, this only plans)."""
    doc, join = "s.doc", ""
    if not personal:
        doc = PG_PUBLIC.format(doc="s.doc", account="a")
        join = " JOIN account a ON a.id = s.account_id"
    holds = " AND ".join([f"strpos({doc}, %s) > 0"] * len(words))
    rows = database.execute_sql(
        f"WITH b AS (SELECT MIN(account_id) AS lo, MAX(account_id) AS hi FROM {PG}), "
        f"p AS (SELECT lo, hi, GREATEST((hi - lo) / {SAMPLE}, 1) AS step FROM b) "
        f"SELECT (SELECT step FROM p), {holds} FROM {PG} s{join} WHERE s.account_id = ANY (ARRAY("
        "SELECT generate_series(lo, hi, step) FROM p)) ORDER BY s.account_id",
        words).fetchall()
    return (int(rows[0][0]) if rows else 1), [bool(r[1]) for r in rows]


def rows_to_read(step: int, holds: list[bool], reach: int) -> int | None:
    """How many rows a scan in id order reads, by the sample, before it has ``reach``
    matches; None when fewer than HITS sampled accounts match.

    ``reach`` over the share that matches, plus the rows before the first sampled match as
    far as they are more than a spread-out term would leave (three times the average gap):
    accounts are entered community by community, so a community's name or account-number
    prefix matches one run of ids, which a scan from the other end reaches only after most
    of the table.
    """
    hits = sum(holds)
    if hits < HITS:
        return None
    expected_gap = -(-3 * len(holds) // hits)
    late = max(0, holds.index(True) - expected_gap)
    return -(-reach * len(holds) // hits) + late * step


def scan_pays(step: int, holds: list[bool], reach: int) -> bool:
    """Whether reading in id order until ``reach`` matches beats collecting every match
    through the GIN index: the scan's rows (by the sample) stay within BUDGET and within
    SCAN_SHARE times the matches the sample expects. Rows read in order cost a fraction of
    matches fetched one by one, but a term with a few hundred matches in a small city would
    otherwise read the whole table for its first page (张伟 in 50,000: 35 ms instead of 3)."""
    rows = rows_to_read(step, holds, reach)
    if rows is None or rows > BUDGET:
        return False
    return rows <= SCAN_SHARE * sum(holds) * step


def _pg_driver(text: str, reach: int, descending: bool, personal: bool) -> Driver | None:
    words = terms(text)
    if not words:
        return None
    step, holds = _pg_sample(words, personal)
    if not scan_pays(step, holds[::-1] if descending else holds, reach):
        return None  # a rare term: the GIN index finds its few matches directly
    fts = Table(PG).alias(DRIVER)
    # strpos and not the grams: the planner cannot take it to the GIN index, and gives it a
    # fixed estimate (a third of the rows) with or without statistics; so it reads the
    # search table in id order and stops after the page.
    holds_sql = " AND ".join([f'strpos("{DRIVER}"."doc", %s) > 0'] * len(words))
    return Driver(fts, fts.c.account_id, SQL(holds_sql, words), [])


def driver(text: str, id_column: str = "id", *, reach: int = 200,
           descending: bool = False, personal: bool = True) -> Driver | None:
    """The search table to drive a page in id order from, when that is the fast way to the
    first ``reach`` matches (from the end when ``descending``); None without a usable term
    or when it is not.

    A page in id order that joins the accounts to this table and reads it in id order stops
    after its last row; ``id IN (SELECT …)`` first collects every match, which for a common
    surname (王: 46,000 of 500,000 accounts) takes most of the time.

    SQLite: always, from a full-text table, whose lists are in rowid order whatever the
    term. The terms that one table answers become one MATCH (``"秀 英" AND "1"*``), which
    FTS5 answers by stepping through both lists together. PostgreSQL: only for a common
    term (a sample of the accounts tells): a rare or absent one would read the whole table
    that way, where the GIN index answers it in a few milliseconds. The choice needs no
    planner statistics, so a freshly loaded database plans as an analysed one does.
    ``personal=False``: the sample leaves out the phones, as the page of a reader without
    "accounts.view_personal" does (a phone fragment is then a rare term for it).
    """
    if is_sqlite(database.obj):
        return _sqlite_driver(text, id_column)
    return _pg_driver(text, reach, descending, personal)


def count_query(text: str):
    """A query counting the accounts that match ``text`` from the search tables alone, or
    None without a usable term (then every account matches).

    Each account has exactly one row in each search table, written in the same transaction
    and never deleted, so the accounts themselves need not be read (王 in 500,000 accounts
    on SQLite: 4 ms instead of 80 to 150).
    """
    if is_sqlite(database.obj):
        drive = _sqlite_driver(text, f'+"{DRIVER}"."rowid"')
        if drive is None:
            return None
        found = drive.table.select(fn.COUNT(SQL("*"))).where(drive.match)
        for cond in drive.rest:
            found = found.where(cond)
        return found
    words = terms(text)
    if not words:
        return None
    where, params = _pg_where(words)
    return Table(PG).select(fn.COUNT(SQL("*"))).where(SQL(where, params))


def conditions(text: str, id_column: str = "id", *, personal: bool = True) -> list[Node]:
    """Conditions on ``id_column`` that all hold for the accounts matching every term: one per
    term on SQLite, one for all terms on PostgreSQL (a single GIN lookup, where the rarest
    gram leads). ``personal=False``, PostgreSQL: every term also in the text without the
    phones, checked inside the lookup on the rows the index found (on SQLite the caller adds
    accounts.register.public_conditions)."""
    words = terms(text)
    if words and not is_sqlite(database.obj):
        if personal:
            where, params = _pg_where(words)
            return [SQL(f"{id_column} IN (SELECT account_id FROM {PG} WHERE {where})", params)]
        where, params = _pg_where(words, "s.")
        public = PG_PUBLIC.format(doc="s.doc", account="a")
        holds = " AND ".join([f"strpos({public}, %s) > 0"] * len(words))
        return [SQL(f"{id_column} IN (SELECT s.account_id FROM {PG} s JOIN account a "
                    f"ON a.id = s.account_id WHERE {where} AND {holds})", [*params, *words])]
    out = []
    for term in words:
        cond = term_condition(term, id_column)
        if cond is not None:
            out.append(cond)
    return out
