"""Substring search over account number, name, contact, phones and address, by index.

Most Chinese names are two characters, so one- and two-character terms must hit an index too.
SQLite: an FTS5 trigram table answers terms of three or more characters; a second FTS5 table,
whose text has every CJK character as its own token, answers one and two characters as a
phrase (Latin letters and digits stay whole words there and match by prefix; its prefix
index answers "1" or "13" from one list instead of merging the lists of every phone number).
PostgreSQL: one table with the text and an array of its one- and two-character grams under a
GIN index; a term's grams narrow the rows, a LIKE on the text confirms them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from peewee import SQL, Database, Node, Table

from heatoffice.db.connection import database, is_sqlite

TRI = "account_search_tri"
CHR = "account_search_chr"
PG = "account_search"

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


def grams(text: str) -> list[str]:
    """The distinct one- and two-character pieces of each word of ``text``."""
    out: set[str] = set()
    for word in text.split():
        out.update(word)
        out.update(word[i:i + 2] for i in range(len(word) - 1))
    return sorted(out)


def create_index(db: Database) -> None:
    if is_sqlite(db):
        db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TRI} USING fts5("
                       "doc, tokenize='trigram')")
        db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHR} USING fts5("
                       "doc, tokenize='unicode61', prefix='1 2')")
    else:
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {PG} (account_id INTEGER PRIMARY KEY "
                       "REFERENCES account(id), doc TEXT NOT NULL, grams TEXT[] NOT NULL)")
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {PG}_grams ON {PG} USING GIN (grams)")


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
        from psycopg2.extras import execute_values

        # One statement per thousand rows: executemany would make a round trip per account.
        execute_values(cursor, f"INSERT INTO {PG} (account_id, doc, grams) VALUES %s",
                       [(i, doc, grams(doc)) for i, doc in rows], page_size=1000)


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


def term_condition(term: str, id_column: str = "id") -> Node | None:
    """A SQL condition on ``id_column`` that keeps the accounts whose text contains ``term``."""
    db = database.obj
    if is_sqlite(db):
        found = _sqlite_match(term)
        if found is None:
            return None
        table, match = found
        return SQL(f"{id_column} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", [match])
    needed = (grams(term) if len(term) <= 2
              else sorted({term[i:i + 2] for i in range(len(term) - 1)}))
    like = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return SQL(f"{id_column} IN (SELECT account_id FROM {PG} WHERE grams @> %s::text[] "
               "AND doc LIKE %s)", [needed, f"%{like}%"])


DRIVER = "fts"


def driver(text: str, id_column: str = "id") -> tuple[Table, Node, list[Node]] | None:
    """SQLite: a full-text table (aliased DRIVER) and its MATCH condition to read the accounts
    from, with the conditions still to hold on ``id_column``; None on PostgreSQL or without a
    usable term.

    A page in id order that joins the accounts to this table and reads it in rowid order
    stops after its last row; ``id IN (SELECT rowid …)`` first collects every match, which
    for a common surname (王: 46,000 of 500,000 accounts) takes most of the time. The terms
    that one table answers become one MATCH (``"秀 英" AND "1"*``), which FTS5 answers by
    stepping through both lists together, so that no term's list is collected whole.
    """
    if not is_sqlite(database.obj):
        return None
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
    return (Table(table).alias(DRIVER),
            SQL(f'"{DRIVER}"."{table}" MATCH ?', [" AND ".join(matches)]), rest)


def conditions(text: str, id_column: str = "id") -> list[Node]:
    """One condition per whitespace-separated term; all must hold."""
    out = []
    for term in terms(text):
        cond = term_condition(term, id_column)
        if cond is not None:
            out.append(cond)
    return out
