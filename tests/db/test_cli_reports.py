"""``heatoffice report …`` on the hand-computed scenario (report_world): the table on the
terminal, the workbooks (their formulas recomputed by LibreOffice to the same values) and
the PDFs (their text holds the rates and the charts' labels)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ledger_world import at
from openpyxl import load_workbook
from report_world import NOV30, build

from heatoffice.audit.models import AuditEntry
from heatoffice.db.connection import connect, database

ADMIN_PW = "secret-admin"
SOFFICE = shutil.which("soffice")


@pytest.fixture
def office(cli_env, monkeypatch, run, url):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    connect(url)
    build()
    database.obj.close()
    at(NOV30)
    return run


def test_collection_prints_the_table_with_the_rate(office):
    status, out, err = office("report", "collection", "--season", "2026-2027", "--by",
                              "community")
    assert (status, err) == (0, ""), err
    lines = out.splitlines()
    assert "收费率 33.5%" in lines and "清欠率 72.22%" in lines and "报停率 20%" in lines
    assert lines[0] == "2026-2027 采暖季 截至 2026-11-30"
    assert any(line.startswith("阳光花园") and line.endswith("26.58%") for line in lines)
    assert any(line.startswith("合计") and "7,762.00" in line and line.endswith("33.5%")
               for line in lines)
    status, out, _ = office("report", "collection", "--season", "2026-2027", "--as-of",
                            "2026-12-01")
    assert "收费率 41.23%" in out.splitlines()
    status, out, _ = office("--lang", "en", "report", "collection", "--season", "2026-2027")
    assert "collection rate 33.5%" in out.splitlines()


def test_the_other_reports_print(office):
    status, out, _ = office("report", "ageing", "--by", "station")
    assert status == 0 and "东区换热站" in out and "500.00" in out
    status, out, _ = office("report", "takings", "--from", "2026-11-20", "--to", "2026-11-30")
    assert status == 0
    total = next(line for line in out.splitlines() if line.startswith("合计"))
    assert total.split()[1:] == ["2,500.00", "0.00", "1,400.00", "5", "1", "3,900.00"]
    status, out, _ = office("report", "compare", "--season", "2026-2027", "--by", "category")
    assert status == 0 and "商业" in out and "50%" in out


def test_wrong_input_is_refused(office):
    status, _, err = office("report", "collection", "--season", "2026-2027", "--out", "x.csv")
    assert status == 1 and ".xlsx" in err
    status, _, err = office("report", "collection", "--season", "1999-2000")
    assert status == 1 and "1999-2000" in err
    status, _, err = office("report", "takings")
    assert status == 1 and "--from" in err
    status, _, err = office("report", "collection", "--by", "street")
    assert status == 2


def _recomputed(paths: list[Path], out: Path) -> dict[str, list[tuple]]:
    """The workbooks as LibreOffice recomputes them (converted to .xlsx, values cached)."""
    out.mkdir()
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir",
                    str(out), *map(str, paths)], check=True, capture_output=True, timeout=300)
    return {p.stem: [tuple(r) for r in load_workbook(out / p.name, data_only=True)
                     .active.iter_rows(values_only=True)] for p in paths}


def _row(rows: list[tuple], first: str) -> tuple:
    return next(r for r in rows if r[0] == first)


@pytest.mark.skipif(SOFFICE is None and os.environ.get("CI", "").lower() != "true",
                    reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_libreoffice_recomputes_every_workbook_to_the_same_values(office, tmp_path):
    assert SOFFICE, "soffice missing: scripts/system-packages.txt lists libreoffice-calc-nogui"
    paths = {k: tmp_path / f"{k}.xlsx" for k in ("collection", "ageing", "takings", "compare")}
    args = {"collection": ["--season", "2026-2027", "--by", "community"],
            "ageing": ["--by", "station"],
            "takings": ["--from", "2026-11-20", "--to", "2026-11-30"],
            "compare": ["--season", "2026-2027", "--by", "category"]}
    for kind, path in paths.items():
        status, out, err = office("report", kind, *args[kind], "--out", str(path))
        assert status == 0, err
        assert out.strip() == f"已写出 {path}"
    # As written: totals and rates are formulas, the print setup is A4 fitted to the width.
    ws = load_workbook(paths["collection"]).active
    total = _row([tuple(c.value for c in r) for r in ws.iter_rows()], "合计")
    assert total[2].startswith("=SUM(C") and total[7].startswith("=IF(C")
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$5:$5"  # the header row on every page
    got = _recomputed(list(paths.values()), tmp_path / "lo")
    c = got["collection"]
    assert _row(c, "合计")[1:] == (4, 7762, 2600, 5162, 0, 5162, pytest.approx(2600 / 7762))
    assert _row(c, "阳光花园")[1:4] == (2, 3762, 1000)
    assert _row(c, "阳光花园")[7] == pytest.approx(1000 / 3762)
    assert _row(c, "清欠率")[7] == pytest.approx(1300 / 1800)
    assert _row(got["ageing"], "合计")[1:] == (0, 500, 0, 5162, 500)
    assert _row(got["takings"], "合计")[1:] == (2500, 0, 1400, 5, 1, 3900)
    cmp = _row(got["compare"], "合计")
    assert cmp[1:3] == (7762, 2600) and cmp[3] == pytest.approx(2600 / 7762)


def test_pdfs_hold_the_rates_and_the_chart_labels(office, tmp_path):
    out = tmp_path / "collection.pdf"
    status, _, err = office("report", "collection", "--season", "2026-2027", "--by",
                            "community", "--out", str(out))
    assert status == 0, err
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("采暖季收费统计表", "收费率 33.5%", "清欠率 72.22%", "报停率 20%",
                     "按小区收费率",
                     "全公司平均 33.5%", "26.58%", "40%", "幸福里", "阳光花园",
                     "累计收费率", "2025-2026", "2026-2027", "7,762.00"):
        assert expected in text, expected
    for kind, args, expected in (
            ("ageing", ["--by", "station"], ("欠费账龄分析表", "欠费账龄（元）", "上一季",
                                             "东区换热站", "5,162.00")),
            ("takings", ["--from", "2026-11-20", "--to", "2026-11-30"],
             ("收款汇总表", "每日收款（元）", "11-30", "3,900.00", "支付宝")),
            ("compare", ["--season", "2026-2027", "--by", "category"],
             ("采暖季同期对比表", "本季收费率 33.5%", "商业", "居民"))):
        path = tmp_path / f"{kind}.pdf"
        assert office("report", kind, *args, "--out", str(path))[0] == 0
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        for e in expected:
            assert e in text, (kind, e)


def test_exports_are_audited_and_need_the_permission(office, url, tmp_path, monkeypatch):
    from heatoffice.auth import service

    assert office("report", "collection", "--season", "2026-2027", "--out",
                  str(tmp_path / "a.pdf"))[0] == 0
    connect(url)
    assert AuditEntry.select().where(AuditEntry.action == "reports.export").count() == 1
    service.create_user(service.login("admin", ADMIN_PW), "cash1", "cash1-pw-123", "cashier")
    database.obj.close()
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "cash1-pw-123")
    status, _, err = office("--user", "cash1", "report", "collection", "--season", "2026-2027")
    assert status == 1 and "查看收费统计报表" in err


def test_the_report_on_postgresql(cli_env, run, pg_url, monkeypatch):
    from test_cli_billing import _empty_pg

    from heatoffice import manifest

    _empty_pg(pg_url)
    db = connect(pg_url)
    for seed in manifest.seeds():  # as in a new database: the organisation's posts
        manifest.resolve(seed)(db)
    db.close()
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    assert run("init", "--admin-password", ADMIN_PW, db=pg_url)[0] == 0
    connect(pg_url)
    build()
    database.obj.close()
    at(NOV30)
    status, out, err = run("report", "collection", "--season", "2026-2027", "--by",
                           "collector", db=pg_url)
    assert (status, err) == (0, ""), err
    lines = out.splitlines()
    assert "收费率 33.5%" in lines
    assert any(line.startswith("赵收费") and line.endswith("40%") for line in lines)
    assert any(line.startswith("钱收费") and line.endswith("26.58%") for line in lines)
