"""10,000 payment notices to one PDF, read from the database, against bare reportlab canvas
code reading the same data with plain SQL and drawing the same page with the same settings."""

from __future__ import annotations

import hashlib
import itertools
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import SEASON, Ctx, Job, Outcome, mark, register
from bench.jobs import bare_notice as bare_page
from bench.jobs.billing import season_id
from bench.jobs.handledger import day_of

NOTICES = 10_000
BATCH = 1000
CATEGORY = {"residential": "居民", "institution": "单位", "business": "商业"}
STATUS = {"pending": "待开通", "heating": "供热", "stopped": "报停", "cut_off": "停供",
          "closed": "销户"}
ORDER = ("c.name, LENGTH(a.building), a.building, LENGTH(a.unit), a.unit, LENGTH(a.room), "
         "a.room, a.account_no, a.id")


def pdf_digest(path: Any) -> tuple[str, int]:
    """sha256 over each page's text without white space (positions and line breaks may
    differ between two drawings of the same text), and the page count."""
    import pypdfium2 as pdfium

    h = hashlib.sha256()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            text = page.get_textpage().get_text_range()
            h.update("".join(text.split()).encode("utf-8"))
            h.update(b"\f")
        return h.hexdigest()[:16], len(pdf)
    finally:
        pdf.close()


def _warm() -> Any:
    font = targets.document_font()  # found and registered once per process, in no timing
    import reportlab.pdfgen.canvas  # noqa: F401
    return font


def _app(ctx: Ctx) -> Outcome:
    _warm()
    path = ctx.work / f"notices-app-{ctx.name}.pdf"
    targets.open_app(ctx.url)
    try:
        sid = season_id(targets.database.connection())
        t = ctx.timer()
        with t:
            count = targets.render_notices(
                path, itertools.islice(targets.notices(sid), ctx.options.get("notices",
                                                                             NOTICES)))
    finally:
        targets.close()
    digest, pages = pdf_digest(path)
    size = path.stat().st_size
    path.unlink()
    return ctx.outcome(t, digest, notices=count, pages=pages, kb_per_page=round(size / 1024 /
                                                                                 max(pages, 1), 2))


# ---- by hand ------------------------------------------------------------------------------

def _setting(cur: Any, p: str, key: str, default: str) -> str:
    cur.execute(f"SELECT value FROM setting WHERE key = {p}", (key,))
    row = cur.fetchone()
    return row[0] if row else default


def _money(v: Any) -> Decimal:
    return Decimal(int(v or 0)).scaleb(-2)


def _rate(v: Any) -> Decimal:
    return Decimal(int(v or 0)).scaleb(-6)


def _batch(cur: Any, ids: list[int], season: tuple, hotline: str) -> Any:
    """The notices of one batch of bills: four queries, as the program's."""
    name, start, end = season
    marks = ", ".join(str(int(i)) for i in ids)
    cur.execute(
        "SELECT b.id, b.area, b.total, b.paid, b.business_date, a.account_no, a.name, "
        "c.name, a.building, a.unit, a.room, a.category, a.status, a.connected_on, "
        "ab.balance, t.late_fee_from, t.late_fee_rate, t.discount_until, t.discount_rate "
        "FROM bill b JOIN account a ON a.id = b.account_id JOIN community c "
        "ON c.id = a.community_id LEFT JOIN account_balance ab "
        "ON ab.account_id = a.id LEFT JOIN tariff t ON t.id = b.tariff_id "
        f"WHERE b.id IN ({marks})")
    rows = {r[0]: r for r in cur.fetchall()}
    cur.execute("SELECT bill_id, description, quantity, unit_price, share, days, amount "
                f"FROM bill_line WHERE bill_id IN ({marks}) ORDER BY bill_id, seq")
    lines: dict[int, list[tuple]] = {}
    for bill_id, desc, qty, price, share, days, amount in cur.fetchall():
        detail = (f"{days}天" if days else
                  (bare_page.percent(_rate(share)) if share is not None else ""))
        lines.setdefault(bill_id, []).append((desc, _money(qty), _money(price), _money(amount),
                                              detail))
    adjusted: dict[int, int] = {}
    cur.execute("SELECT bill_id, SUM(amount) FROM adjustment WHERE bill_id IN "
                f"({marks}) AND status = 'approved' GROUP BY bill_id")
    for bill_id, fen in cur.fetchall():
        adjusted[bill_id] = int(fen or 0)
    cur.execute("SELECT d.bill_id, SUM(al.amount) FROM allocation al JOIN adjustment d "
                f"ON d.id = al.adjustment_id WHERE d.bill_id IN ({marks}) "
                "AND d.status = 'approved' GROUP BY d.bill_id")
    for bill_id, fen in cur.fetchall():
        adjusted[bill_id] = adjusted.get(bill_id, 0) - int(fen or 0)
    for bill_id in ids:
        (_, area, total, paid, issued, no, name_, comm, bld, unit, room, cat, status, connected,
         balance, late_from, late_rate, disc_until, disc_rate) = rows[bill_id]
        adj = _money(adjusted.get(bill_id, 0))
        total, paid = _money(total), _money(paid)
        open_on_bill = total - paid + adj
        first = start
        if connected is not None and start < day_of(connected) <= end:
            first = day_of(connected)
        yield {
            "account_no": no, "name": name_,
            "address": comm + (f"{bld}号楼" if bld else "") + (f"{unit}单元" if unit else "")
            + room, "area": _money(area), "category": CATEGORY.get(cat, cat), "season": name,
            "lines": lines.get(bill_id, []), "total": total, "paid": paid, "adjusted": adj,
            "previous": (_money(balance) if balance is not None else open_on_bill)
            - open_on_bill, "status": STATUS.get(status, status),
            "period": f"{first:%Y-%m-%d} 至 {end:%Y-%m-%d}",
            "due_date": None if late_from is None else day_of(late_from),
            "late_fee_rate": _rate(late_rate),
            "discount_until": None if disc_until is None else day_of(disc_until),
            "discount_rate": _rate(disc_rate), "issued": day_of(issued), "hotline": hotline}


def _bare(ctx: Ctx) -> Outcome:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    found = _warm()
    font = "BareCJK"
    if found.path:  # the same font file, registered by hand
        pdfmetrics.registerFont(TTFont(font, found.path, subfontIndex=found.index))
    else:
        font = found.name
    path = ctx.work / f"notices-bare-{ctx.name}.pdf"
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    limit = ctx.options.get("notices", NOTICES)
    t = ctx.timer()
    with t:
        cur.execute(f"SELECT id, name, start_date, end_date FROM season WHERE name = {p}",
                    (SEASON,))
        sid, name, start, end = cur.fetchone()
        season = (name, day_of(start), day_of(end))
        company = _setting(cur, p, "company_name", targets.config.DEFAULTS["company_name"])
        hotline = _setting(cur, p, "hotline", targets.config.DEFAULTS["hotline"])
        cur.execute("SELECT b.id FROM bill b JOIN account a ON a.id = b.account_id "
                    "JOIN community c ON c.id = a.community_id WHERE "
                    f"b.season_id = {p} AND b.kind = 'season' ORDER BY {ORDER} LIMIT {p}",
                    (sid, limit))
        ids = [r[0] for r in cur.fetchall()]
        rl_config.useA85 = 0  # binary streams, as the program writes them
        c = Canvas(str(path), pagesize=bare_page.A5, pageCompression=1, initialFontName=font,
                   initialFontSize=9)
        c.setTitle("供热费缴费通知单")
        c.setAuthor(company)
        c.setCreator("heatoffice")
        page = bare_page.Page(c, font)
        count = 0
        for at in range(0, len(ids), BATCH):
            for n in _batch(cur, ids[at:at + BATCH], season, hotline):
                bare_page.draw(page, n, company, hotline, targets.money.capitals)
                page.end_page()
                count += 1
        c.save()
    if ctx.postgres:
        con.rollback()
    con.close()
    digest, pages = pdf_digest(path)
    size = path.stat().st_size
    path.unlink()
    return ctx.outcome(t, digest, notices=count, pages=pages,
                       kb_per_page=round(size / 1024 / max(pages, 1), 2))


register(Job(
    name="notices", title="10,000 payment notices to one PDF", fixture="billed",
    app=_app, bare=_bare,
    baseline="plain SQL (sqlite3 / psycopg2) reading the same data in batches of 1,000 bills "
             "with the program's four queries per batch (bills with account, balance and "
             "tariff; lines; adjustments; their allocations), the first 10,000 bill ids in "
             "address order by LIMIT (the program reads every id of the season and stops "
             "after 10,000), the notice's figures and texts worked out by hand, and the same "
             "A5 page drawn with the reportlab canvas: the same strings, rules and boxes, "
             "each page's text in one text object, the same TrueType font embedded, the same "
             "settings (ASCII85 off, page compression on). The amount in Chinese capitals comes "
             "from the program's pure formatter (heatoffice.money.capitals). Digest: each "
             "page's text as pdfium extracts it, white space removed."))
