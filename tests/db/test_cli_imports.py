"""``heatoffice import`` in-process on a temp SQLite file: the printed report, exit codes,
the rejects file and the templates."""

from __future__ import annotations

import pytest
from seats import SETUP

from heatoffice.db.connection import connect
from tests.db.import_files import HEADER, MESSY, MESSY_MERGES, read_xlsx, xlsx

ADMIN_PW = "secret-admin"
pytestmark = pytest.mark.usefixtures("cli_env")

REPORT = """读取：8 行
跳过：3 行（空行、合计行、重复的表头）
{imported}
拒绝：3 行
第 6 行\t户号\t户号：“YG0002”在文件中出现多次（第 6、11 行）
第 7 行\t建筑面积(㎡)、联系电话、身份证号\t供热面积：-3.00 ㎡ 超出范围（0.01–100000 ㎡）；\
联系电话：“1381234567”不是有效的手机号（11 位，以 1 开头）或固话（区号-号码）；\
身份证号：“110105194912310021”校验位应为 X
第 11 行\t户号\t户号：“YG0002”在文件中出现多次（第 6、11 行）
"""


@pytest.fixture
def office(run, url, monkeypatch):
    status, _, _ = run("init", "--admin-password", ADMIN_PW)
    assert status == 0
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    from heatoffice.accounts import service

    db = connect(url)
    service.add_community(SETUP, "阳光花园", "YG")
    db.close()
    return run


def _count(url) -> int:
    from heatoffice.accounts.models import Account

    db = connect(url)
    try:
        return Account.select().count()
    finally:
        db.close()


def test_a_file_with_problems_imports_nothing_and_exits_1(office, url, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", MESSY, merges=MESSY_MERGES)
    status, out, _ = office("import", "accounts", str(path))
    assert (status, out) == (1, REPORT.format(imported="导入：0 行"))
    assert _count(url) == 0


def test_valid_only_imports_the_rest_still_exits_1_and_writes_rejects(office, url, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", MESSY, merges=MESSY_MERGES)
    rejects = tmp_path / "rejects.xlsx"
    status, out, _ = office("import", "accounts", str(path), "--valid-only", "--rejects",
                            str(rejects))
    assert status == 1
    assert out == REPORT.format(imported="导入：2 行") + f"未导入的 3 行已写入 {rejects}\n"
    assert _count(url) == 2
    assert [r[11] for r in read_xlsx(rejects)[2:]] == [6, 7, 11]


def test_dry_run_and_a_clean_file_exit_0(office, url, tmp_path):
    path = xlsx(tmp_path / "ok.xlsx", [HEADER, ["A1", "甲", "阳光花园", "1", "1", "101", "50",
                                                 None, None, None, None]])
    status, out, _ = office("import", "accounts", str(path), "--dry-run")
    assert (status, out) == (0, "读取：1 行\n跳过：0 行（空行、合计行、重复的表头）\n"
                                "导入：0 行（只检查；可导入 1 行）\n拒绝：0 行\n")
    assert _count(url) == 0
    status, out, _ = office("--lang", "en", "import", "accounts", str(path))
    assert (status, out) == (0, "read: 1 rows\nskipped: 0 rows (blank, total, header "
                                "repeated)\nimported: 1 rows\nrejected: 0 rows\n")
    assert _count(url) == 1
    status, out, _ = office("import", "accounts", str(path))  # the same file again
    assert status == 1 and "第 2 行\t户号\t户号：户号“A1”已存在" in out


def test_unknown_communities_are_offered_and_created(office, url, tmp_path):
    path = xlsx(tmp_path / "n.xlsx", [["户名", "小区", "面积", "户号"], ["甲", "新城", "50", "N1"]])
    status, out, _ = office("import", "accounts", str(path))
    assert status == 1
    assert out.endswith("第 2 行\t小区\t小区：“新城”尚未登记\n"
                        "尚未登记的小区：新城（加 --create-communities 一并登记）\n")
    status, _, _ = office("import", "accounts", str(path), "--create-communities")
    assert status == 0 and _count(url) == 1


def test_wrong_usage_exits_2(office, tmp_path):
    path = xlsx(tmp_path / "b.xlsx", [["户号", "采暖季", "欠费金额"], ["A1", "2024-2025", "10"]])
    assert office("import", "accounts")[0] == 2
    assert office("import", "rosters", str(path))[0] == 2
    assert office("import", "template", "accounts")[0] == 2
    # the ledger's kinds are plugged in (import-ledger): an unknown account is a rejected
    # row, exit 1, not wrong usage
    status, out, err = office("import", "balances", str(path))
    assert (status, err) == (1, "")
    assert "第 2 行\t户号\t找不到户号或编号为“A1”的用户" in out


def test_bad_files_are_a_user_error(office, tmp_path):
    status, _, err = office("import", "accounts", str(tmp_path / "none.xlsx"))
    assert (status, err) == (1, f"文件：找不到“{tmp_path / 'none.xlsx'}”\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("x")
    status, _, err = office("import", "accounts", str(bad))
    assert (status, err) == (1, f"文件：“{bad}”不是可导入的文件（.xlsx、.csv）\n")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    status, _, err = office("import", "accounts", str(broken))
    assert (status, err) == (1, "文件：“broken.xlsx”不是有效的 Excel 工作簿（.xlsx）\n")


@pytest.mark.parametrize("kind", ["accounts", "balances", "payments"])
def test_template_command(run, kind, tmp_path):
    out = tmp_path / f"{kind}.xlsx"
    status, printed, _ = run("import", "template", kind, "--out", str(out))
    assert (status, printed) == (0, f"模板已写入 {out}\n")
    assert out.is_file()
