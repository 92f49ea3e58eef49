"""A chart on screen: heatoffice.reports.charts' primitives painted with QPainter, the same
picture the PDF draws with reportlab (no Qt Charts: PySide6-Essentials has no QtCharts, and
one geometry for both keeps paper and screen alike; docs/architecture.md, "Reports")."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from heatoffice.reports import charts as ch

SCALE = 1.35  # screen pixels per point of the layout: the paper's picture, a little larger


def _color(c: ch.Color) -> QColor:
    return QColor.fromRgbF(*c)


class ChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None,
                 chart: ch.BarChart | ch.LineChart | None = None):
        super().__init__(parent)
        self.chart = chart
        self.setMinimumSize(280, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def set_chart(self, chart: ch.BarChart | ch.LineChart | None) -> None:
        self.chart = chart
        self.update()

    def shapes(self) -> list[ch.Shape]:
        """What is painted, in the layout's points (for the tests)."""
        if self.chart is None:
            return []
        return ch.layout(self.chart, self.width() / SCALE, self.height() / SCALE)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.scale(SCALE, SCALE)
        height = self.height() / SCALE
        font = QFont(self.font())
        for s in self.shapes():
            if isinstance(s, ch.Rect):
                painter.fillRect(QRectF(s.x, height - s.y - s.h, s.w, s.h), _color(s.fill))
            elif isinstance(s, ch.Line):
                pen = QPen(_color(s.color), s.width)
                if s.dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(s.x1, height - s.y1), QPointF(s.x2, height - s.y2))
            elif isinstance(s, ch.Poly):
                painter.setPen(QPen(_color(s.color), s.width))
                painter.drawPolyline(QPolygonF([QPointF(x, height - y) for x, y in s.points]))
            else:
                font.setPixelSize(max(1, round(s.size)))  # in the layout's units
                painter.setFont(font)
                painter.setPen(_color(s.color))
                width = QFontMetricsF(font).horizontalAdvance(s.text)
                dx = {"start": 0.0, "middle": -width / 2, "end": -width}[s.anchor]
                painter.save()
                painter.translate(s.x, height - s.y)
                if s.angle:
                    painter.rotate(-s.angle)
                painter.drawText(QPointF(dx, 0), s.text)
                painter.restore()
        painter.end()
