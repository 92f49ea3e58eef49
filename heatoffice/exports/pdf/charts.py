"""The reports' charts (heatoffice.reports.charts) as vector drawings of reportlab's graphics:
the same primitives the screen paints, so paper and screen show the same picture."""

from __future__ import annotations

from typing import Any

from heatoffice.reports import charts as ch


def drawing(chart: ch.BarChart | ch.LineChart, width: float, height: float,
            font: str) -> Any:
    """A reportlab Drawing of ``chart`` at ``width`` × ``height`` points."""
    from reportlab.graphics.shapes import Drawing, Group, PolyLine, Rect, String
    from reportlab.lib.colors import Color

    d = Drawing(width, height)
    for s in ch.layout(chart, width, height):
        if isinstance(s, ch.Rect):
            d.add(Rect(s.x, s.y, s.w, s.h, fillColor=Color(*s.fill), strokeColor=None))
        elif isinstance(s, ch.Line):
            d.add(PolyLine([s.x1, s.y1, s.x2, s.y2], strokeColor=Color(*s.color),
                           strokeWidth=s.width, strokeDashArray=[3, 2] if s.dashed else None))
        elif isinstance(s, ch.Poly):
            flat = [v for p in s.points for v in p]
            d.add(PolyLine(flat, strokeColor=Color(*s.color), strokeWidth=s.width,
                           strokeLineJoin=1))
        else:
            text = String(0 if s.angle else s.x, 0 if s.angle else s.y, s.text,
                          fontName=font, fontSize=s.size, fillColor=Color(*s.color),
                          textAnchor=s.anchor)
            if s.angle:
                g = Group(text)
                g.translate(s.x, s.y)
                g.rotate(s.angle)
                d.add(g)
            else:
                d.add(text)
    return d


def draw(canvas: Any, chart: ch.BarChart | ch.LineChart, x: float, y: float, width: float,
         height: float, font: str) -> None:
    """Paint ``chart`` with its bottom left corner at (x, y)."""
    from reportlab.graphics import renderPDF

    renderPDF.draw(drawing(chart, width, height, font), canvas, x, y)
