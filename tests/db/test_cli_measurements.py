"""The measurement commands in-process on a temp SQLite file: new, submit, review, reject,
apply, show, list, the printed sheets (pdftotext) and the exported register."""

from __future__ import annotations

import re
import subprocess

import test_cli_billing as cli_billing
from openpyxl import load_workbook

from heatoffice.db.connection import connect, database


def _flat(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


# the fee ledger's command-line world: its office day (autouse) and billed homes
_office_day = cli_billing._office_day
billed = cli_billing.billed
_user = cli_billing._user

PARTS = ["--part", "卧室 4.20 3.50", "--part", "厅 6.00 9.70",
         "--part", "北阳台 3.00 1.40 balcony-unheated", "--part", "阁楼 10.00 loft"]


def _measure(run, url):
    for name, role in (("kefu", "customer_service"), ("shoufei", "cashier")):
        _user(url, name, role)
    # 14.70 + 58.20 + 4.20 × 50 % + 10.00 × 50 % = 80.00
    return run("measure", "new", "YG-301", "--reason", "dispute", "--measurer", "kefu",
               "--measurer", "shoufei", "--date", "2026-12-05", *PARTS)


def test_a_measurement_from_the_field_to_the_money(billed, run, url, tmp_path):
    status, out, err = _measure(run, url)
    assert (status, out) == (0, "CL-2026-000001  计算面积 80.00 ㎡（原 85.50 ㎡，差 -5.50 ㎡）\n")
    assert run("measure", "apply", "CL-2026-000001")[0] == 1  # not reviewed yet
    assert run("measure", "submit", "CL-2026-000001")[:2] == (0, "CL-2026-000001：已提交\n")
    assert run("measure", "review", "CL-2026-000001")[:2] == (0, "CL-2026-000001：已复核\n")
    status, out, _ = run("measure", "apply", "CL-2026-000001", "--effective", "2027-01-15")
    # (80.00 − 85.50) × 24.00 × 60 / 121 = −65.4545… → −65.45
    assert (status, out) == (0, "CL-2026-000001：已生效\n已提出调账 -¥65.45，待经理审批\n")
    status, out, _ = run("measure", "show", "CL-2026-000001")
    assert status == 0
    assert "  北阳台  封闭不采暖阳台  3.00 × 1.40  4.20 ㎡ × 50% = 2.10 ㎡" in out
    assert "  阁楼  阁楼    10.00 ㎡ × 50% = 5.00 ㎡" in out
    assert "封闭不采暖阳台 50%  开敞阳台 0%  阁楼 50%" in out
    assert "实测面积: 80.00 ㎡  原登记面积: 85.50 ㎡  面积差: -5.50 ㎡" in out
    assert "测量人: kefu（客服部）、shoufei（收费科）" in out
    assert "生效日期: 2027-01-15\n调账单: -¥65.45  待审批" in out
    assert [line.split()[3] for line in out.splitlines() if line.startswith("  20")] == [
        "草稿", "已提交", "已复核", "已生效"]
    status, out, _ = run("measure", "list", "--state", "applied")
    assert status == 0 and "CL-2026-000001" in out and "85.50 → 80.00" in out

    sheet = tmp_path / "m.pdf"
    assert run("print", "measurement", "CL-2026-000001", "--out", str(sheet))[0] == 0
    text = _flat(sheet)
    for word in ("供热面积测量记录表", "编号：CL-2026-000001", "测量原因：用户异议",
                 "卧室", "北阳台封闭不采暖阳台3.001.404.2050%2.10", "测量面积：80.00㎡",
                 "面积差：-5.50㎡", "客服部测量人：kefu", "收费科测量人：shoufei",
                 "用户签字", "生效日期：2027年1月15日", "调账-65.45元"):
        assert word in text, word
    blank = tmp_path / "b.pdf"
    assert run("print", "measurement", "--blank", "YG-302", "--out", str(blank))[0] == 0
    text = _flat(blank)
    for word in ("供热面积测量记录表", "户号：YG-302", "原登记面积：90.00㎡", "层高：______米",
                 "客服部测量人：__________", "用户签字：", "复核人签字："):
        assert word in text, word
    assert "CL-" not in text and "测量面积" not in text
    assert run("print", "measurement", "--out", str(blank))[0] == 1  # neither given

    book = tmp_path / "r.xlsx"
    status, out, _ = run("export", "measurements", "--from", "2026-12-01", "--to",
                         "2026-12-31", "--out", str(book))
    assert status == 0 and out.startswith("已导出 1 行")
    ws = load_workbook(book).active
    rows = list(ws.iter_rows(values_only=True))
    # title rows: company, report, period, who and when; then the header
    assert rows[1][0] == "面积测量登记表" and rows[2][0].startswith("期间：")
    assert rows[3][0].startswith("打印人：")
    header = next(i for i, r in enumerate(rows) if r[0] == "小区")
    assert ws.print_title_rows == f"${header + 1}:${header + 1}"
    rows = rows[header:]
    assert rows[1][:2] == ("阳光花园", "CL-2026-000001")
    assert [float(x) for x in rows[1][8:11]] == [85.5, 80.0, -5.5]
    assert rows[2][:2] == ("阳光花园", "小计 1 户") and float(rows[2][10]) == -5.5
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_reject_needs_a_reason_and_parts_are_checked(billed, run, url):
    assert _measure(run, url)[0] == 0
    status, _, err = run("measure", "reject", "CL-2026-000001")
    assert status == 1 and "原因" in err
    assert run("measure", "reject", "CL-2026-000001", "--reason", "尺寸抄错")[0] == 0
    status, _, err = run("measure", "new", "YG-301", "--reason", "dispute", "--measurer",
                         "kefu", "--measurer", "shoufei", "--part", "厅 6.00")
    assert status == 1 and "部位" in err
    connect(url)
    from heatoffice.measurements.models import Measurement

    assert [m.state for m in Measurement.select()] == ["rejected"]
    database.obj.close()


def test_the_area_rules_are_shown_and_a_new_version_made(billed, run, url):
    status, out, _ = run("measure", "rules")
    assert status == 0
    assert out.startswith("面积计算规则 第 1 版：层高基准 3.00 米，使用面积系数 1\n")
    assert "  balcony-unheated  封闭不采暖阳台  50%\n" in out
    status, out, _ = run("measure", "rules", "--share", "balcony-unheated=60%",
                         "--ceiling", "2.80", "--notes", "新标准")
    assert status == 0
    assert out.startswith("面积计算规则 第 2 版：层高基准 2.80 米")
    assert "  balcony-unheated  封闭不采暖阳台  60%\n" in out and "  loft  阁楼  50%\n" in out
    status, _, err = run("measure", "rules", "--share", "balcony-unheated=150%")
    assert status == 1 and "150%" in err
    assert run("measure", "rules")[1].startswith("面积计算规则 第 2 版")
