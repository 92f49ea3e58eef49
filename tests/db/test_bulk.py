"""Bulk loads on both databases: what goes in comes back exactly, COPYs run in order from the
pipeline's thread, and the indexes and foreign keys set aside are all put back."""

from __future__ import annotations

import pytest

from heatoffice.accounts.models import Station
from heatoffice.db import bulk
from heatoffice.db.connection import is_postgres

NASTY = ["plain", "王秀英 3号楼", "tab\there", "line\nbreak", "cr\rlf", "back\\slash",
         "\\N", "NULL", "quote\"s", "{brace}", "comma,s", "", " leading", "émoji 🙂"]


def test_writer_round_trips_every_character(db):
    write = bulk.writer(Station, ("code", "name", "address"))
    with db.atomic():
        write([(f"S{i}", f"站{i}", text) for i, text in enumerate(NASTY)])
    got = [s.address for s in Station.select().order_by(Station.id)]
    assert got == NASTY


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_copy_rows_round_trips_arrays_and_nulls(db):
    db.execute_sql("CREATE TEMPORARY TABLE bulk_probe (n INTEGER, t TEXT, a TEXT[])")
    arrays = [[x] for x in NASTY] + [[], ["a", "b"], NASTY]
    want = [(i, None if i % 3 == 0 else NASTY[i % len(NASTY)], a)
            for i, a in enumerate(arrays)]
    # odd rows as the search index writes them: the literal made beforehand
    rows = [(i, t, bulk.text_array(a) if i % 2 else a) for i, t, a in want]
    with db.atomic():
        bulk.copy_rows(db.cursor(), "bulk_probe", ("n", "t", "a"), rows)
    got = db.execute_sql("SELECT n, t, a FROM bulk_probe ORDER BY n").fetchall()
    assert got == want


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_pipeline_sends_in_order_and_raises_its_error_in_the_caller(db):
    db.execute_sql("CREATE TEMPORARY TABLE bulk_order (n INTEGER PRIMARY KEY)")
    cursor = db.cursor()
    with db.atomic():
        with bulk.pipelined():
            for start in range(0, 1000, 100):
                bulk.copy_rows(cursor, "bulk_order", ("n",),
                               [(n,) for n in range(start, start + 100)])
        assert db.execute_sql("SELECT COUNT(*), MAX(n) FROM bulk_order").fetchone() == (1000, 999)
    with pytest.raises(Exception, match="duplicate key"):
        with db.atomic():
            with bulk.pipelined():
                for _ in range(3):
                    bulk.copy_rows(cursor, "bulk_order", ("n",), [(1,)])
    assert db.execute_sql("SELECT COUNT(*) FROM bulk_order").fetchone() == (1000,)


def _schema(db) -> set:
    if is_postgres(db):
        return set(db.execute_sql(
            "SELECT indexdef FROM pg_indexes WHERE tablename IN ('account', 'account_search', "
            "'account_status_change') UNION ALL SELECT pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE conrelid IN ('account'::regclass, "
            "'account_search'::regclass, 'account_status_change'::regclass)").fetchall())
    return set(db.execute_sql("SELECT sql FROM sqlite_master WHERE tbl_name IN ('account', "
                              "'account_status_change')").fetchall())


def test_set_aside_and_put_back_restore_the_schema(db):
    tables = ("account", "account_status_change", "account_search")
    before = _schema(db)
    with db.atomic():
        statements = bulk.set_aside(tables)
        assert len(statements) >= 6  # the account indexes at least
        assert _schema(db) < before
        bulk.put_back(statements)
    assert _schema(db) == before
