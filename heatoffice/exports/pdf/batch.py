"""Batches of documents printed one to a page: the page size asked for, the loop, the count."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from heatoffice.exports.pdf.layout import (
    A4,
    A5,
    Company,
    Pen,
    Progress,
    Target,
    Ticker,
    as_company,
    pdf_canvas,
)


def is_a4(size: str) -> bool:
    """True for "A4", False for "A5" (either case); any other page size is refused."""
    a4 = size.upper() == "A4"
    if not a4 and size.upper() != "A5":
        raise ValueError(f"page size {size!r}: use A4 or A5")
    return a4


def render_a5_pages(target: Target, items: Iterable[Any],
                    draw: Callable[[Pen, Any, Company], None], *, company: Company | str,
                    size: str, title: str, empty: str, progress: Progress | None,
                    total: int | None) -> int:
    """One page per item, drawn by ``draw`` on A5; returns the number of items.

    On ``size="A4"`` the A5 layout is enlarged to fill the page. Without any item the file
    still has one page, saying ``empty``.
    """
    company = as_company(company)
    a4 = is_a4(size)
    ticker = Ticker(progress, total)
    with pdf_canvas(target, A4 if a4 else A5, title=title, author=company,
                    layout=A5) as (_c, pen):
        for item in items:
            draw(pen, item, company)
            pen.new_page()
            ticker.step()
        if ticker.done == 0:
            pen.text(A5[0] / 2, A5[1] / 2, empty, 12, "c")
            pen.new_page()
        ticker.finish()
    return ticker.done
