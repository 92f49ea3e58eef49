"""The season ledger (台账) to Excel, streamed from the database, against plain SQL and
openpyxl write-only writing the same cells, formats, header, footer and audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import re
import zipfile
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import SEASON, Ctx, Job, Outcome, mark, register
from bench.jobs.billing import season_id
from bench.jobs.handledger import day_of

CATEGORY = {"residential": "居民", "institution": "单位", "business": "商业"}
STATUS = {"pending": "待开通", "heating": "供热", "stopped": "报停", "cut_off": "停供",
          "closed": "销户"}
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PRINTED = re.compile(r"打印时间：[0-9: -]+")
SAMPLE = 200  # rows read ahead to size the columns, as the program's


def xlsx_digest(path: Any) -> tuple[str, int]:
    """sha256 over every cell of the first sheet as (reference, value, number format, bold),
    strings resolved from the shared table, formats from the style table; and the rows."""
    from lxml import etree

    h = hashlib.sha256()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        strings: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for si in etree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{_NS}si"):
                strings.append("".join(si.itertext()))
        styles = etree.fromstring(z.read("xl/styles.xml"))
        codes = {int(f.get("numFmtId")): f.get("formatCode")
                 for f in styles.iter(f"{_NS}numFmt")}
        bold = [f.find(f"{_NS}b") is not None for f in styles.find(f"{_NS}fonts")]
        xfs = [(codes.get(int(x.get("numFmtId", 0)), x.get("numFmtId", "0")),
                bold[int(x.get("fontId", 0))]) for x in styles.find(f"{_NS}cellXfs")]
        sheet = next(n for n in names if n.startswith("xl/worksheets/sheet"))
        rows = 0
        with z.open(sheet) as f:
            for _, el in etree.iterparse(f, tag=(f"{_NS}c", f"{_NS}row", f"{_NS}pane",
                                                 f"{_NS}autoFilter", f"{_NS}col")):
                tag = el.tag[len(_NS):]
                if tag == "c":
                    kind, v = el.get("t"), el.find(f"{_NS}v")
                    value = "".join(el.itertext()) if kind == "inlineStr" else (
                        strings[int(v.text)] if kind == "s" and v is not None else
                        (v.text if v is not None else ""))
                    # The title rows say when the sheet was printed: the two sides differ.
                    value = _PRINTED.sub("打印时间：", value)
                    fmt, strong = xfs[int(el.get("s", 0))]
                    h.update(f"{el.get('r')}\x1f{value}\x1f{fmt}\x1f{strong}\n".encode())
                    el.clear()
                elif tag == "row":
                    rows += 1
                    el.clear()
                else:
                    h.update(f"{tag}\x1f{sorted(el.attrib.items())}\n".encode())
    return h.hexdigest()[:16], rows


def _warm() -> None:
    import openpyxl.cell  # noqa: F401  (both sides' imports loaded before the timing)
    import openpyxl.styles  # noqa: F401


def _app(ctx: Ctx) -> Outcome:
    _warm()
    path = ctx.work / f"ledger-app-{ctx.name}.xlsx"
    targets.open_app(ctx.url)
    try:
        sid = season_id(targets.database.connection())
        t = ctx.timer()
        with t:
            count = targets.export_season_ledger(path, sid)
    finally:
        targets.close()
    return _done(ctx, t, path, count)


def _done(ctx: Ctx, t: Any, path: Any, count: int) -> Outcome:
    digest, rows = xlsx_digest(path)
    con = ctx.raw()
    cur = con.cursor()
    cur.execute('SELECT actor, action, "table", record_id, note FROM audit_entry '
                "WHERE action = 'billing.export'")
    audit = [r[:4] + (r[4].replace(str(path), "FILE"),) for r in cur.fetchall()]
    con.close()
    size = path.stat().st_size
    path.unlink()
    audit_digest = hashlib.sha256(repr(sorted(audit)).encode()).hexdigest()[:8]
    return ctx.outcome(t, f"{digest}-{audit_digest}", rows=count, sheet_rows=rows,
                       mb=round(size / 1024 ** 2, 1))


# ---- by hand ------------------------------------------------------------------------------

def _bare(ctx: Ctx) -> Outcome:
    _warm()
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = targets.ledger_columns()
    fill_colour = targets.xlsx_header_fill()
    path = ctx.work / f"ledger-bare-{ctx.name}.xlsx"
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    t = ctx.timer()
    with t:
        cur.execute(f"SELECT id, name, start_date, end_date FROM season WHERE name = {p}",
                    (SEASON,))
        sid, name, first_day, last_day = cur.fetchone()
        title = f"台账 {name}"
        cur.execute(f"SELECT value FROM setting WHERE key = {p}", ("company_name",))
        found = cur.fetchone()
        company = found[0] if found else targets.config.DEFAULTS["company_name"]
        heading = [company, "采暖季台账",
                   f"筛选条件：采暖季：{name}\u3000\u3000期间：{day_of(first_day):%Y-%m-%d} 至 "
                   f"{day_of(last_day):%Y-%m-%d}",
                   f"打印人：{targets.SYSTEM.display_name}\u3000\u3000打印时间："
                   f"{dt.datetime.now():%Y-%m-%d %H:%M}"]
        adjusted: dict[int, list[int]] = {}
        cur.execute("SELECT d.bill_id, SUM(d.amount) FROM adjustment d JOIN bill b ON b.id = "
                    f"d.bill_id WHERE b.season_id = {p} AND d.status = 'approved' "
                    "GROUP BY d.bill_id", (sid,))
        for bill_id, fen in cur.fetchall():
            adjusted[bill_id] = [int(fen or 0), 0]
        cur.execute("SELECT d.bill_id, SUM(al.amount) FROM allocation al JOIN adjustment d "
                    "ON d.id = al.adjustment_id JOIN bill b ON b.id = d.bill_id WHERE "
                    f"b.season_id = {p} AND d.status = 'approved' GROUP BY d.bill_id", (sid,))
        for bill_id, fen in cur.fetchall():
            adjusted.setdefault(bill_id, [0, 0])[1] = int(fen or 0)
        tmp = f"{path}.part"
        wb = Workbook(write_only=True)
        wb.properties.creator = "heatoffice"
        ws = wb.create_sheet(title[:31])
        head_row = len(heading) + 1
        formats = [col[2] for col in columns]
        rows = con.cursor("ledger") if ctx.postgres else con.cursor()
        rows.execute(
            "SELECT a.account_no, b.id, a.name, c.name, a.building, a.unit, a.room, "
            "a.category, a.status, b.area, b.total, b.paid, b.business_date FROM bill b "
            "JOIN account a ON a.id = b.account_id JOIN community c ON c.id = a.community_id "
            f"WHERE b.season_id = {p} "
            "AND b.kind = 'season' ORDER BY a.account_no", (sid,))

        def values() -> Any:
            while batch := rows.fetchmany(2000):
                for no, bill_id, nm, comm, bld, unit, room, cat, status, area, total, paid, \
                        day in batch:
                    adj, extra = adjusted.get(bill_id, (0, 0))
                    address = (comm + (f"{bld}号楼" if bld else "")
                               + (f"{unit}单元" if unit else "") + room)
                    yield (no, nm, comm, address, CATEGORY.get(cat, cat),
                           STATUS.get(status, status), Decimal(area).scaleb(-2),
                           Decimal(total).scaleb(-2), Decimal(adj).scaleb(-2),
                           Decimal(paid + extra).scaleb(-2),
                           Decimal(total + adj - paid - extra).scaleb(-2), day_of(day))

        source = values()
        sample = list(itertools.islice(source, SAMPLE))
        widths = targets.xlsx_fitted_widths(
            [col[0] for col in columns], sample,
            {i: f for i, f in enumerate(formats) if f}, [col[3] for col in columns])
        ws.freeze_panes = f"A{head_row + 1}"
        for i, width in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        # A4, one page wide, the header row on every page, page numbers.
        ws.page_setup.paperSize = "9"
        ws.page_setup.orientation = "landscape" if sum(widths) > 100 else "portrait"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_options.horizontalCentered = True
        ws.print_title_rows = f"{head_row}:{head_row}"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9
        for i, line in enumerate(heading):
            cell = WriteOnlyCell(ws, value=line)
            cell.data_type = "s"
            cell.font = (Font(bold=True, size=14), Font(bold=True, size=12),
                         Font(size=10))[min(i, 2)]
            ws.append([cell])
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor=fill_colour)
        centre = Alignment(horizontal="center", vertical="center")
        head = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=col[0])
            cell.data_type = "s"
            cell.font, cell.fill, cell.alignment = bold, fill, centre
            head.append(cell)
        ws.append(head)

        def text(value: str) -> Any:
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith(DANGEROUS):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type, cell.quotePrefix = "s", True
                return cell
            return value

        def number(value: Any, fmt: str) -> Any:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = fmt
            return cell

        sums = [Decimal(0)] * 4
        count = 0
        for no, nm, comm, address, cat, status, area, *figures, day in itertools.chain(
                sample, source):
            for i, v in enumerate(figures):
                sums[i] += v
            ws.append([text(no), text(nm), text(comm), text(address), text(cat), text(status),
                       number(area, formats[6]),
                       *(number(v, formats[7 + i]) for i, v in enumerate(figures)),
                       number(day, formats[11])])
            count += 1
        footer = ["合计", None, None, None, None, None, None, *sums, None]
        out = []
        for i, value in enumerate(footer):
            cell = (number(value, formats[i]) if value is not None and formats[i]
                    else WriteOnlyCell(ws, value=value))
            cell.font = bold
            out.append(cell)
        ws.append(out)
        ws.auto_filter.ref = (f"A{head_row}:{get_column_letter(len(columns))}"
                              f"{head_row + count}")
        wb.save(tmp)
        os.replace(tmp, path)
        if not ctx.postgres:
            cur.execute("BEGIN IMMEDIATE")
        cur.execute('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
                    f"before, after, note) VALUES ({p}, {p}, {p}, 'billing.export', "
                    f"'bill', '*', NULL, NULL, {p})",
                    (dt.datetime.now().replace(microsecond=0).isoformat(" "),
                     targets.SYSTEM.username, targets.SYSTEM.user_id,
                     f"{title}: {path} ({count})"))
        if ctx.postgres:
            con.commit()
        else:
            cur.execute("COMMIT")
    con.close()
    return _done(ctx, t, path, count)


register(Job(
    name="ledger", title="season ledger to Excel (every bill)", fixture="billed", writes=True,
    app=_app, bare=_bare,
    baseline="plain SQL (sqlite3 / psycopg2) and openpyxl write-only: the season's approved "
             "adjustments and their allocations read per bill as the program does, then every "
             "bill with its account in one query by account number (a server-side cursor on "
             "PostgreSQL, fetched 2,000 rows at a time); the same cells (text cleaned of "
             "control characters and formula starts as the program's, numbers and dates with "
             "the same formats), the title rows (company, report, season and period, who and "
             "when), the same header style, column widths by the program's pure rule from the "
             "header and the first 200 rows (read ahead, as the program does), frozen row, "
             "print setup, autofilter and totals row, written to a temporary name and renamed; "
             "the audit row. Digest: every cell's value, number format and weight as read back "
             "from the file (the printing time left out: the two sides print at different "
             "moments), the view, widths and filter, and the audit row."))
