"""The accounts import on SQLite and PostgreSQL: messy files, exact reports, one transaction."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest
from seats import seat

from heatoffice import glossary
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account, AccountStatusChange, Community
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.check import run_checks
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.imports import files, service
from tests.db.import_files import GOOD_ID, HEADER, MESSY, MESSY_MERGES, read_xlsx, xlsx

MESSY_REPORT = [
    (6, "户号", "户号：“YG0002”在文件中出现多次（第 6、11 行）"),
    (7, "建筑面积(㎡)、联系电话、身份证号",
     "供热面积：-3.00 ㎡ 超出范围（0.01–100000 ㎡）；"
     "联系电话：“1381234567”不是有效的手机号（11 位，以 1 开头）或固话（区号-号码）；"
     "身份证号：“110105194912310021”校验位应为 X"),
    (11, "户号", "户号：“YG0002”在文件中出现多次（第 6、11 行）"),
]


@pytest.fixture
def garden(db, system):
    accounts.add_community(system, "阳光花园", "YG")
    return db


def checks_hold() -> None:
    assert [(r.name, r.detail) for r in run_checks() if not r.ok] == []


def test_a_messy_roster_is_reported_row_by_row_and_imports_nothing(garden, system, tmp_path):
    path = xlsx(tmp_path / "花名册.xlsx", MESSY, merges=MESSY_MERGES)
    report, preview = service.import_file(system, "accounts", path)
    assert (report.read, report.skipped, report.valid, report.rejected, report.imported) == (
        8, 3, 2, 3, 0)
    assert preview.header_row == 4
    assert preview.skipped == [(8, "blank"), (9, "header"), (12, "total")]
    assert report.rejected_lines() == MESSY_REPORT
    assert not report.complete
    assert Account.select().count() == 0
    entry = AuditEntry.get(AuditEntry.action == "imports.accounts")
    assert entry.note == "花名册.xlsx" and entry.record_id == report.digest[:16]
    assert '"read": 8' in entry.after and '"imported": 0' in entry.after
    checks_hold()


def test_valid_only_imports_the_good_rows_normalised(garden, system, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", MESSY, merges=MESSY_MERGES)
    report, _ = service.import_file(system, "accounts", path, valid_only=True)
    assert (report.imported, report.rejected) == (2, 3)
    rows = {a.account_no: a for a in Account.select()}
    assert sorted(rows) == ["YG0001", "YG0004"]
    first = rows["YG0001"]
    assert (first.name, first.building, first.unit, first.room, first.heating_area,
            first.phone, first.id_number, first.category, first.status,
            first.low_income) == ("张伟", "1", "2", "501", Decimal("85.50"), "13812345678",
                                  GOOD_ID, "residential", "heating", False)
    assert first.address == "阳光花园1号楼2单元501"
    fourth = rows["YG0004"]
    assert (fourth.heating_area, fourth.phone, fourth.category, fourth.status) == (
        Decimal("70.00"), "0371-65123456", "institution", "cut_off")
    history = AccountStatusChange.get(AccountStatusChange.account == fourth.id)
    assert (history.from_status, history.to_status, history.reason) == (None, "cut_off",
                                                                         "导入")
    opened = AuditEntry.select().where(AuditEntry.action == "accounts.open")
    assert opened.count() == 2
    for entry in opened:  # the same snapshot open_account writes
        assert json.loads(entry.after) == audit.snapshot(Account.get_by_id(int(entry.record_id)))
        assert entry.note == "导入 r.xlsx"
    checks_hold()


def test_the_search_index_finds_imported_accounts(garden, system, tmp_path):
    from heatoffice.accounts import queries, register

    path = xlsx(tmp_path / "r.xlsx", [HEADER, ["A1", "欧阳修", "阳光花园", "3", "1", "201",
                                               "60", None, None, None, None]])
    report, _ = service.import_file(system, "accounts", path)
    assert report.complete and report.imported == 1
    assert queries.account(system, "A1").name == "欧阳修"
    for term in ("欧", "欧阳", "阳光花园3号楼", "A1"):
        assert [r[0] for r in register.page(system, term)] == [Account.get().id], term
    checks_hold()


def test_low_income_marks_and_status_words(garden, system, tmp_path):
    rows = [["户号", "户名", "小区", "面积", "类型", "状态", "低保"],
            ["L1", "甲", "阳光花园", "50", "低保户", "报停", None],
            ["L2", "乙", "阳光花园", "50", "居民", "停暖", "是"],
            ["L3", "丙", "阳光花园", "50", "商业", "销户", "否"],
            ["L4", "丁", "阳光花园", "50", "门市", "断管", "√"],
            ["L5", "戊", "阳光花园", "50", "别墅", "在用", "也许"]]
    report, _ = service.import_file(system, "accounts", xlsx(tmp_path / "l.xlsx", rows),
                                    valid_only=True)
    assert report.rejected_lines() == [
        (6, "类型、状态、低保",
         "用户类别：“别墅”不是可选值（居民、单位、商业）；"
         "状态：“在用”不是可选值（待开通、供热、报停、停供、销户）；"
         "低保减免：“也许”不是可选值（是、否）")]
    got = {a.account_no: (a.category, a.status, a.low_income) for a in Account.select()}
    assert got == {"L1": ("residential", "stopped", True),
                   "L2": ("residential", "stopped", True),
                   "L3": ("business", "closed", False),
                   "L4": ("business", "cut_off", True)}
    checks_hold()


def test_a_gb18030_csv(garden, system, tmp_path):
    text = ("户号,户名,小区,楼号,单元,房号,面积,电话\r\n"
            "C1,陈静,阳光花园,１号楼,１,１０１,８８．５平米,13800138000\r\n"
            "C2,刘洋,阳光花园,2,1,102,abc,\r\n")
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode("gb18030"))
    report, _ = service.import_file(system, "accounts", path, valid_only=True)
    assert report.rejected_lines() == [
        (3, "面积", "供热面积：“abc”不是面积数值（平方米，最多两位小数）")]
    account = Account.get(Account.account_no == "C1")
    assert (account.name, account.building, account.room, account.heating_area) == (
        "陈静", "1", "101", Decimal("88.50"))


def test_a_utf8_csv_with_its_mark(garden, system, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("户名,小区,面积,户号\n周杰,阳光花园,60,U1\n".encode("utf-8-sig"))
    report, _ = service.import_file(system, "accounts", path)
    assert report.complete and Account.get().name == "周杰"


def test_unknown_communities_are_problems_unless_created(db, system, tmp_path):
    rows = [["户号", "户名", "小区", "面积"], ["N1", "甲", "新城", "50"],
            ["N2", "乙", "新城", "60"], ["N3", "丙", "老街", "70"]]
    path = xlsx(tmp_path / "n.xlsx", rows)
    report, preview = service.import_file(system, "accounts", path)
    assert report.rejected_lines() == [(2, "小区", "小区：“新城”尚未登记"),
                                       (3, "小区", "小区：“新城”尚未登记"),
                                       (4, "小区", "小区：“老街”尚未登记")]
    assert preview.context.notes["new_communities"] == {"新城": 2, "老街": 1}
    report, _ = service.import_file(system, "accounts", path, create_communities=True)
    assert report.complete and report.imported == 3
    assert sorted(c.name for c in Community.select()) == ["新城", "老街"]
    assert AuditEntry.select().where(AuditEntry.action == "communities.add").count() == 2
    checks_hold()


def test_numbers_taken_already_and_generated_numbers(garden, system, tmp_path):
    accounts.open_account(system, {"account_no": "T1", "name": "甲", "community": "阳光花园",
                                   "heating_area": "50"})
    rows = [["户号", "户名", "小区", "楼号", "单元", "房号", "面积"],
            ["T1", "乙", "阳光花园", "1", "1", "101", "50"],
            [None, "丙", "阳光花园", "3", "2", "501", "50"]]
    report, _ = service.import_file(system, "accounts", xlsx(tmp_path / "t.xlsx", rows),
                                    valid_only=True)
    assert report.rejected_lines() == [(2, "户号", "户号：户号“T1”已存在")]
    assert Account.get(Account.name == "丙").account_no == "YG03020501"
    checks_hold()


def test_a_missing_required_column_and_no_header(garden, system, tmp_path):
    rows = [["户号", "户名", "小区"], ["M1", "甲", "阳光花园"]]
    report, preview = service.import_file(system, "accounts", xlsx(tmp_path / "m.xlsx", rows))
    assert preview.unmapped_required == ["heating_area"]
    assert report.rejected_lines() == [
        (2, "供热面积", "供热面积：文件中没有这一列，请在列对应中指定")]
    with pytest.raises(UserError) as err:
        service.preview(system, "accounts", xlsx(tmp_path / "x.xlsx", [["名单"], ["甲", 1]]))
    assert err.value.message() == ("文件：前 30 行中找不到表头（至少要有两列可识别，如 "
                                   "户名、小区、供热面积）")


def test_a_corrected_mapping_is_remembered_per_layout(garden, system, tmp_path):
    rows = [["编号", "业主", "小区", "使用面积", "备用"], ["K1", "甲", "阳光花园", "50", "x"]]
    path = xlsx(tmp_path / "k.xlsx", rows)
    preview = service.preview(system, "accounts", path)
    assert preview.mapping == {"account_no": 0, "name": 1, "community": 2}
    mapping = dict(preview.mapping, heating_area=3)
    service.remember_mapping(system, "accounts", preview.headers, mapping)
    again = service.preview(system, "accounts", xlsx(tmp_path / "k2.xlsx", rows))
    assert again.mapping == mapping and again.problem_rows == []
    with pytest.raises(UserError) as err:
        service.remember_mapping(system, "accounts", preview.headers,
                                 dict(mapping, notes=3))
    assert err.value.message() == "备注：文件的“使用面积”列已对应到“供热面积”"


def test_nothing_is_imported_without_the_permission(garden, tmp_path):
    cashier = seat("c", "cashier")
    path = xlsx(tmp_path / "p.xlsx", [["户名", "小区", "面积"], ["甲", "阳光花园", "50"]])
    with pytest.raises(PermissionDenied):
        service.preview(cashier, "accounts", path)


def test_the_rejects_file_has_the_original_cells_and_the_reasons(garden, system, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", MESSY, merges=MESSY_MERGES)
    preview = service.preview(system, "accounts", path)
    out = tmp_path / "rejects.xlsx"
    assert files.write_rejects(preview, out) == 3
    sheet = read_xlsx(out)
    assert sheet[0][0] == "r.xlsx（Sheet1）"
    assert sheet[1] == [*HEADER, "原行号", "问题"]
    assert sheet[3][:11] == MESSY[6] and sheet[3][11] == 7
    assert sheet[3][12] == MESSY_REPORT[1][2]
    assert [r[11] for r in sheet[2:]] == [6, 7, 11]


@pytest.mark.parametrize("kind", ["accounts", "balances", "payments"])
def test_templates(kind, tmp_path):
    out = tmp_path / f"{kind}.xlsx"
    files.write_template(kind, out)
    sheet = read_xlsx(out)
    notes, header, example = files.template_rows(kind)
    width = len(header)
    assert [r[0] for r in sheet[:len(notes)]] == notes
    assert sheet[len(notes)] == header and sheet[len(notes) + 1][:width] == [
        e or None for e in example]
    assert notes[0] == f"{glossary.label('import_kind', kind)}导入模板"


def test_the_accounts_template_imports_its_example_row(garden, system, tmp_path):
    out = tmp_path / "t.xlsx"
    files.write_template("accounts", out)
    report, _ = service.import_file(system, "accounts", out)
    assert (report.read, report.imported, report.rejected) == (1, 1, 0)
    assert Account.get().address == "阳光花园1号楼2单元501"


def _roster(n: int, *, twice: int | None = None, taken: int | None = None) -> list[list]:
    rows: list[list] = [["阳光热力用户花名册"], HEADER]
    for i in range(n):
        number = f"S{(twice if i == n - 1 and twice is not None else i):05d}"
        rows.append([number, f"用户{i}", "阳光花园" if i % 3 else "新城小区", f"{i % 9 + 1}号楼",
                     i % 4 + 1, f"{i % 30 + 1:02d}01", f"{60 + i % 40}.5㎡", None, None, "居民",
                     "正常"])
    if taken is not None:
        rows[taken + 2][0] = "T1"
    return rows


def test_a_sheet_read_in_chunks_reads_as_a_whole(garden, tmp_path):
    from heatoffice.imports import reader

    path = xlsx(tmp_path / "big.xlsx", MESSY + _roster(30)[2:], merges=MESSY_MERGES)
    found = reader.stream(path, size=7)
    assert found.name == "Sheet1"
    chunks = list(found.chunks)
    assert [len(c) for c in chunks] == [7] * 6
    assert [r for c in chunks for r in c] == reader.read(path).rows
    with pytest.raises(UserError) as err:
        reader.stream(path, "没有")
    assert err.value.code == "imports.no_sheet" and err.value.params["sheets"] == "Sheet1"


def test_a_workbook_read_in_a_second_process_reads_as_here(garden, tmp_path, second_process):
    from heatoffice.imports import reader

    path = xlsx(tmp_path / "big.xlsx", MESSY + _roster(30)[2:], merges=MESSY_MERGES)
    here = reader.stream_here(path, None, 7)
    expected = list(here.chunks)
    found = reader.stream(path, size=7)
    assert found.name == "Sheet1" and len(second_process) == 1
    assert list(found.chunks) == expected  # merges filled, numbers and texts as read here
    assert second_process[0].proc.returncode == 0
    with pytest.raises(UserError) as err:
        reader.stream(path, "没有")
    assert err.value.code == "imports.no_sheet" and err.value.params["sheets"] == "Sheet1"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(UserError) as err:
        reader.stream(broken)
    assert err.value.code == "imports.bad_workbook" and err.value.params["value"] == "broken.xlsx"
    assert all(r.proc.returncode is not None for r in second_process)
    # let go after the first chunk (a cancelled import): the reader is stopped
    found = reader.stream(path, size=7)
    assert len(next(iter(found.chunks))) == 7
    found.close()
    assert second_process[-1].proc.returncode is not None
    assert not second_process[-1].drain.is_alive()


def test_without_a_second_interpreter_the_workbook_is_read_here(garden, tmp_path,
                                                                second_process, monkeypatch):
    from heatoffice.imports import reader, sheet_process

    def refused(*args, **kwargs):
        raise OSError("no interpreter")

    monkeypatch.setattr(sheet_process.subprocess, "Popen", refused)
    path = xlsx(tmp_path / "big.xlsx", MESSY + _roster(30)[2:], merges=MESSY_MERGES)
    found = reader.stream(path, size=7)
    assert [r for c in found.chunks for r in c] == [
        r for c in reader.stream_here(path, None, 7).chunks for r in c]
    assert second_process == []


def test_a_roster_read_in_a_second_process_imports_as_read_here(garden, system, tmp_path,
                                                                second_process, small_batches):
    rows = _roster(40)
    rows[-1][6] = "-1"
    path = xlsx(tmp_path / "late.xlsx", rows)
    report, _ = service.import_file(system, "accounts", path, create_communities=True)
    assert report.rejected_lines() == [
        (42, "建筑面积(㎡)", "供热面积：-1.00 ㎡ 超出范围（0.01–100000 ㎡）")]
    assert Account.select().count() == 0
    report, _ = service.import_file(system, "accounts", path, create_communities=True,
                                    valid_only=True)
    assert (report.read, report.imported, report.rejected) == (40, 39, 1)
    assert Account.get(Account.account_no == "S00038").heating_area == Decimal("98.50")
    assert len(second_process) == 2 and all(r.proc.returncode == 0 for r in second_process)
    checks_hold()


@pytest.fixture
def small_batches(monkeypatch):
    """The import written while read, eight rows a batch."""
    from heatoffice.imports import reader

    monkeypatch.setattr(reader, "CHUNK", 8)


def test_a_roster_is_written_batch_by_batch_in_one_transaction(garden, system, tmp_path,
                                                                small_batches):
    report, preview = service.import_file(system, "accounts",
                                          xlsx(tmp_path / "s.xlsx", _roster(50)),
                                          create_communities=True)
    assert (report.read, report.imported, report.rejected, report.complete) == (
        50, 50, 0, True)
    assert Account.select().count() == 50
    assert Community.get(Community.name == "新城小区")
    assert Account.get(Account.account_no == "S00049").heating_area == Decimal("69.50")
    assert AccountStatusChange.select().count() == 50
    from heatoffice.accounts import register

    assert [r[0] for r in register.page(system, "用户49")] == [
        Account.get(Account.account_no == "S00049").id]
    assert AuditEntry.select().where(AuditEntry.action == "accounts.open").count() == 50
    assert AuditEntry.select().where(AuditEntry.action == "imports.accounts").count() == 1
    # each account's audit row holds audit.snapshot of it, as audit.record writes it
    import json

    from heatoffice.audit.service import snapshot

    for account in Account.select():
        entry = AuditEntry.get((AuditEntry.action == "accounts.open")
                               & (AuditEntry.record_id == str(account.id)))
        assert entry.after == json.dumps(snapshot(account), ensure_ascii=False)
    checks_hold()


@pytest.mark.parametrize("bad", ["twice", "taken", "cell"])
def test_a_problem_in_a_late_batch_undoes_the_batches_written(garden, system, tmp_path,
                                                               small_batches, bad):
    accounts.open_account(system, {"account_no": "T1", "name": "甲", "community": "阳光花园",
                                   "heating_area": "50"})
    rows = _roster(40, twice=3 if bad == "twice" else None,
                   taken=37 if bad == "taken" else None)
    if bad == "cell":
        rows[-1][6] = "-1"
    path = xlsx(tmp_path / "late.xlsx", rows)
    report, _ = service.import_file(system, "accounts", path, create_communities=True)
    expected = {
        "twice": [(6, "户号", "户号：“S00003”在文件中出现多次（第 6、42 行）"),
                  (42, "户号", "户号：“S00003”在文件中出现多次（第 6、42 行）")],
        "taken": [(40, "户号", "户号：户号“T1”已存在")],
        "cell": [(42, "建筑面积(㎡)", "供热面积：-1.00 ㎡ 超出范围（0.01–100000 ㎡）")]}[bad]
    assert report.rejected_lines() == expected
    assert (report.imported, report.rejected) == (0, len(expected))
    assert Account.select().count() == 1
    assert not Community.select().where(Community.name == "新城小区").exists()
    assert AuditEntry.select().where(AuditEntry.action == "accounts.open").count() == 1
    # the same file, the valid rows: as without the batches
    again, _ = service.import_file(system, "accounts", path, create_communities=True,
                                   valid_only=True)
    assert again.rejected_lines() == expected
    assert again.imported == 40 - len(expected)
    assert Account.select().count() == 41 - len(expected)
    checks_hold()


def test_a_long_roster_asks_for_its_ids_ahead(garden, system, tmp_path, small_batches,
                                              monkeypatch):
    """PostgreSQL: the next block of ids is asked for behind the rows being sent, so the
    import never waits for them to be written (only for the first block, and at the end)."""
    from heatoffice.accounts import bulk as accounts_bulk
    from heatoffice.db import bulk as db_bulk
    from heatoffice.db.connection import is_postgres

    monkeypatch.setattr(accounts_bulk, "ID_BLOCK", 20)
    waits = []
    settle = db_bulk.settle

    def counted(*args):
        waits.append(sys._getframe(1).f_code.co_name)
        return settle(*args)

    monkeypatch.setattr(db_bulk, "settle", counted)
    report, _ = service.import_file(system, "accounts", xlsx(tmp_path / "l.xlsx", _roster(90)),
                                    create_communities=True)
    assert (report.imported, report.rejected) == (90, 0)
    ids = [a.id for a in Account.select().where(Account.account_no.startswith("S"))
           .order_by(Account.account_no)]
    assert len(set(ids)) == 90 and ids == sorted(ids)
    if is_postgres():
        # the first block only: the other four are asked for behind the rows (ID_BLOCK 20)
        assert waits.count("_take") == 1, waits
    checks_hold()


@pytest.fixture
def workers(monkeypatch):
    """The worker processes a load starts (past 16 rows), kept to be looked at; ``target``,
    when set, is what they run instead of what the load asks for."""
    from types import SimpleNamespace

    from heatoffice.accounts import bulk as accounts_bulk
    from heatoffice.db.worker import Worker

    seen = SimpleNamespace(made=[], target=None)

    def start(target):
        seen.made.append(Worker(seen.target or target))
        return seen.made[-1]

    monkeypatch.setattr(accounts_bulk, "WORKER_ROWS", 16)
    monkeypatch.setattr(accounts_bulk, "Worker", start)
    return seen


@pytest.mark.parametrize("answers", ["worker", "worker gone"])
def test_a_long_roster_has_its_search_rows_made_by_a_worker(garden, system, tmp_path,
                                                           small_batches, workers, answers):
    """PostgreSQL: past WORKER_ROWS the search rows come from a worker process, the same as
    made here; a worker that cannot answer leaves them to be made here."""
    from heatoffice.accounts import search
    from heatoffice.db.connection import database, is_postgres

    if answers == "worker gone":
        workers.target = "heatoffice.db.worker:nothing"
    made = workers.made
    report, _ = service.import_file(system, "accounts", xlsx(tmp_path / "w.xlsx", _roster(60)),
                                    create_communities=True)
    assert (report.imported, report.rejected) == (60, 0)
    checks_hold()
    if not is_postgres():
        assert made == []  # (SQLite's full-text tables are written here)
        return
    # ended with the load (the one with no such function failed as it started: exit 1)
    assert len(made) == 1 and made[0].proc.returncode == (0 if answers == "worker" else 1)
    rows = database.execute_sql(
        f"SELECT a.account_no, s.doc, s.grams FROM {search.PG} s JOIN account a "
        "ON a.id = s.account_id ORDER BY a.account_no").fetchall()
    assert len(rows) == 60
    assert all(grams == search.grams(doc) for _, doc, grams in rows)
    from heatoffice.accounts import register

    assert [r[0] for r in register.page(system, "用户59")] == [
        Account.get(Account.account_no == "S00059").id]


def test_a_load_undone_ends_its_worker(garden, system, tmp_path, small_batches, workers):
    """A late problem undoes the load (PostgreSQL: with a worker making the search rows): the
    worker's process ends with it, and the rows are imported as without it."""
    import gc

    from heatoffice.db.connection import is_postgres

    made = workers.made
    rows = _roster(60)
    rows[-1][6] = "-1"
    path = xlsx(tmp_path / "late.xlsx", rows)
    report, _ = service.import_file(system, "accounts", path, create_communities=True)
    assert (report.imported, report.rejected) == (0, 1)
    assert Account.select().count() == 0
    gc.collect()
    assert len(made) == (1 if is_postgres() else 0)
    for w in made:
        w.proc.wait(timeout=10)  # (ended when the load let go of it)
        assert w.proc.returncode == 0 and not w.thread.is_alive()
    report, _ = service.import_file(system, "accounts", path, create_communities=True,
                                    valid_only=True)
    assert (report.imported, report.rejected) == (59, 1)
    checks_hold()
