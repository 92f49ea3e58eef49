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


def test_ask_answers_after_the_rows_sent_before_it(db):
    if not is_postgres(db):  # no pipeline: answered at once
        answer = bulk.ask("SELECT 1 + 1")
        assert answer.done() and answer.result() == [(2,)]
        return
    db.execute_sql("CREATE TEMPORARY TABLE bulk_asked (n INTEGER PRIMARY KEY)")
    cursor = db.cursor()
    with db.atomic():
        with bulk.pipelined():
            answers = []
            for start in range(0, 500, 100):
                bulk.copy_rows(cursor, "bulk_asked", ("n",),
                               [(n,) for n in range(start, start + 100)])
                answers.append(bulk.ask("SELECT COUNT(*) FROM bulk_asked"))
            assert [a.result() for a in answers] == [[(n,)] for n in range(100, 501, 100)]
    with pytest.raises(Exception, match="bulk_nowhere"):
        with db.atomic():
            with bulk.pipelined():
                bad = bulk.ask("SELECT * FROM bulk_nowhere")
                with pytest.raises(Exception, match="bulk_nowhere"):
                    bad.result()


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_put_back_empties_the_pending_list_of_a_gin_index_kept(db):
    with db.atomic() as load:
        db.execute_sql("CREATE TABLE bulk_gin (n INTEGER PRIMARY KEY, a TEXT[])")
        db.execute_sql("CREATE INDEX bulk_gin_a ON bulk_gin USING GIN (a)")
        statements = bulk.set_aside(["bulk_gin"])
        bulk.copy_rows(db.cursor(), "bulk_gin", ("n", "a"),
                       [(n, [f"g{n % 97}", f"h{n % 13}"]) for n in range(3000)])
        clean = "SELECT gin_clean_pending_list('bulk_gin_a'::regclass)"
        with db.savepoint() as look:  # (the cleaning undone)
            assert db.execute_sql(clean).fetchone()[0] > 0  # the rows wait in the list
            look.rollback()
        bulk.put_back(statements)
        assert db.execute_sql(clean).fetchone()[0] == 0
        assert db.execute_sql("SELECT COUNT(*) FROM bulk_gin WHERE a @> '{g5,h5}'").fetchone() \
            == (sum(1 for n in range(3000) if n % 97 == 5 and n % 13 == 5),)
        load.rollback()  # (the table with it)


def test_the_pipeline_takes_the_interpreter_back_quickly_and_gives_it_back(db):
    import sys

    before = sys.getswitchinterval()
    with db.atomic():
        with bulk.pipelined():
            inside = sys.getswitchinterval()
    assert sys.getswitchinterval() == before
    assert inside == pytest.approx(bulk.SWITCH if is_postgres(db) else before)
