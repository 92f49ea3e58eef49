"""Random cells never crash an import and never commit part of a file."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heatoffice.accounts import bulk
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.audit.models import AuditEntry
from heatoffice.check import run_checks
from heatoffice.errors import UserError
from heatoffice.imports import service
from tests.db.import_files import HEADER, xlsx

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELL = st.one_of(
    st.none(), _text, st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["阳光花园", "１０１", "85.5㎡", "-3", "5#", "1号楼", "合计", "低保户",
                     "正常", "销户", "13812345678", "11010519491231002X", " ", "户名"]),
)
ROW = st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER))
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, print_blob=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
_files = itertools.count()


@pytest.fixture
def office(sqlite_db, system):
    accounts.add_community(system, "阳光花园", "YG")
    return sqlite_db


@SETTINGS
@given(rows=st.lists(ROW, max_size=8), valid_only=st.booleans())
def test_random_cells_never_crash_nor_commit_part_of_a_file(office, system, tmp_path, rows,
                                                            valid_only):
    path = xlsx(tmp_path / f"f{next(_files)}.xlsx", [["名册"], HEADER, *rows])
    before = Account.select().count()
    report, preview = service.import_file(system, "accounts", path, valid_only=valid_only,
                                          create_communities=True)
    assert report.read == len(rows)
    assert report.skipped + report.valid + report.rejected == report.read
    everything = report.rejected == 0
    expected = report.valid if (valid_only or everything) else 0
    assert report.imported == expected
    assert Account.select().count() == before + expected
    for line in report.rejected_lines():
        assert line[0] >= 3 and line[1] and line[2]
    assert [r.name for r in run_checks() if not r.ok] == []


@SETTINGS
@given(rows=st.lists(ROW, max_size=6))
def test_random_csv_cells(office, system, tmp_path, rows):
    import csv

    path = tmp_path / f"f{next(_files)}.csv"
    with open(path, "w", newline="", encoding="gb18030", errors="replace") as f:
        csv.writer(f).writerows([HEADER, *[["" if c is None else c for c in r] for r in rows]])
    report, _ = service.import_file(system, "accounts", path, dry_run=True)
    assert report.skipped + report.valid + report.rejected == report.read


def test_a_failure_in_the_middle_of_the_write_leaves_nothing(db, system, tmp_path,
                                                             monkeypatch):
    accounts.add_community(system, "阳光花园", "YG")
    monkeypatch.setattr(bulk, "BATCH", 2)
    rows = [[f"B{i}", "甲", "阳光花园", "1", "1", str(100 + i), "50", None, None, None, None]
            for i in range(6)]
    path = xlsx(tmp_path / "b.xlsx", [HEADER, *rows])
    preview = service.preview(system, "accounts", path, create_communities=True)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 4  # Cancel after the second batch was written

    with pytest.raises(UserError) as err:
        service.commit(system, preview, progress=progress)
    assert err.value.code == "cancelled"
    assert calls[-1] == (4, 6)
    assert Account.select().count() == 0
    assert AuditEntry.select().where(AuditEntry.action.startswith("imports.")).count() == 0
    report = service.commit(system, preview)  # the same preview, not cancelled
    assert report.imported == 6 and Account.select().count() == 6
