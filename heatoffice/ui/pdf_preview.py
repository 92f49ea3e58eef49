"""Print preview of the PDF documents: pages rendered with pypdfium2, zoom, print, save as PDF.

Qt's own PDF module is not part of PySide6-Essentials, so pages are rasterised by pdfium:
at screen resolution for the preview and at 300 dpi for the printer. The preview opens within
the screen (an A4 page is taller than a 768-pixel office screen) with the page fitted to its
width, so the toolbar is always in view and the page is read by scrolling down.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMargins, QMarginsF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QScrollArea,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from heatoffice.errors import UserError

PREVIEW_DPI = 96
PRINT_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
POINTS_PER_INCH = 72
CACHED_PAGES = 8  # page images kept for turning back and forth
# Room the window manager's title bar and borders take around the dialog (as for the main
# window's first start): the dialog is sized so that it and its frame fit the screen.
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)
PAGE_MARGIN = 12  # grey around the page in the preview


def fit_to_screen(wanted: QSize, available: QRect,
                  frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The dialog's geometry: ``wanted``, shrunk so that it with its frame fits ``available``
    (the screen less its panels), centred there."""
    room = available.marginsRemoved(frame)
    width = max(1, min(wanted.width(), room.width()))
    height = max(1, min(wanted.height(), room.height()))
    return QRect(room.x() + (room.width() - width) // 2,
                 room.y() + (room.height() - height) // 2, width, height)

_folder: tempfile.TemporaryDirectory | None = None


def print_path(name: str) -> Path:
    """A fresh file in this session's print folder (removed when the program ends)."""
    global _folder
    if _folder is None:
        _folder = tempfile.TemporaryDirectory(prefix="heatoffice-print-")
    stem = re.sub(r"[^\w.-]+", "_", name).strip("_") or "document"
    folder = Path(_folder.name)
    path, n = folder / f"{stem}.pdf", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.pdf"
    return path


class PdfPages:
    """The pages of a PDF file as images. The file is read into memory, so it may be moved or
    deleted while the preview is open; pdfium opens it only while it renders."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data = self.path.read_bytes()
        self._cache: dict[tuple[int, int], QImage] = {}
        with self._open() as doc:
            self._sizes = [tuple(map(float, doc.get_page_size(i))) for i in range(len(doc))]

    @contextmanager
    def _open(self) -> Iterator[Any]:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(self._data)
        try:
            yield doc
        finally:
            doc.close()

    def __len__(self) -> int:
        return len(self._sizes)

    def size_points(self, index: int) -> tuple[float, float]:
        width, height = self._sizes[index]
        return width, height

    @staticmethod
    def _render(doc: Any, index: int, dpi: int) -> QImage:
        page = doc[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True,
                                 prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()  # own the pixels
            bitmap.close()
        finally:
            page.close()
        return image

    def image(self, index: int, dpi: int) -> QImage:
        """Page ``index`` (from 0) at ``dpi`` on white; the last few are kept for page turns."""
        key = (index, dpi)
        if key not in self._cache:
            with self._open() as doc:
                self._cache[key] = self._render(doc, index, dpi)
            while len(self._cache) > CACHED_PAGES:
                del self._cache[next(iter(self._cache))]
        return self._cache[key]

    def images(self, indices: list[int], dpi: int) -> Iterator[QImage]:
        """The pages for the printer, one open document for the whole pass, nothing kept."""
        with self._open() as doc:
            for index in indices:
                yield self._render(doc, index, dpi)

    def close(self) -> None:
        self._cache.clear()


def page_layout_for(pages: PdfPages) -> QPageLayout:
    """The printer page of the document's first page: its size and orientation, no margins
    (the documents draw their own)."""
    width, height = pages.size_points(0) if len(pages) else (595.0, 842.0)
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point,
                     "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if width > height
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def print_pages(pages: PdfPages, printer: QPrinter, *, dpi: int = PRINT_DPI) -> int:
    """Paint the pages (the printer's page range if one was chosen) each scaled to the
    printer's page at its resolution; returns the number printed."""
    first, last = printer.fromPage(), printer.toPage()
    indices = list(range(len(pages)))
    if first > 0:
        indices = [i for i in indices if first - 1 <= i <= (last or len(pages)) - 1]
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("print.failed", printer=printer.printerName() or printer.outputFileName())
    try:
        for n, image in enumerate(pages.images(indices, dpi)):
            if n:
                printer.newPage()
            page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            target = image.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (page.width() - target.width()) // 2
            y = (page.height() - target.height()) // 2
            painter.drawImage(QRect(x, y, target.width(), target.height()), image)
    finally:
        painter.end()
    return len(indices)


class PdfPreviewDialog(QDialog):
    """The document's pages one at a time: PgUp/PgDn turn, Ctrl+±/Ctrl+0 zoom, Ctrl+P prints,
    Ctrl+S saves a copy, Esc closes."""

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, title: str = "",
                 save_name: str = ""):
        super().__init__(parent)
        self.path = Path(path)
        self.save_name = save_name or self.path.name
        self.pages = PdfPages(self.path)
        self.index = 0
        self.zoom = 1.0
        self.fit_width = True  # the zoom follows the window's width until a zoom is chosen
        self.setWindowTitle(title or self.tr("Print preview"))
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setStyleSheet("background: white;")
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image_label)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: #6f6f6f; }")
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        self.page_label.setContentsMargins(8, 0, 8, 0)
        self.zoom_label = QLabel()
        self.zoom_label.setContentsMargins(8, 0, 8, 0)
        # As wide as its widest text, so the toolbar keeps its width as the zoom changes.
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("300%")
                                        + 16)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = self.toolbar = QToolBar()
        bar.setObjectName("preview_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_action = self._action(bar, self.tr("Print… (Ctrl+P)"),
                                         QKeySequence.StandardKey.Print, self.print_document)
        self.save_action = self._action(bar, self.tr("Save as PDF… (Ctrl+S)"),
                                        QKeySequence.StandardKey.Save, self.save_as)
        bar.addSeparator()
        self.prev_action = self._action(bar, self.tr("◀ Previous page"),
                                        QKeySequence(Qt.Key.Key_PageUp), self.previous_page)
        bar.addWidget(self.page_label)
        self.next_action = self._action(bar, self.tr("Next page ▶"),
                                        QKeySequence(Qt.Key.Key_PageDown), self.next_page)
        bar.addSeparator()
        self._action(bar, self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut,
                     lambda: self.step_zoom(-1))
        bar.addWidget(self.zoom_label)
        self._action(bar, self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn,
                     lambda: self.step_zoom(1))
        self._action(bar, self.tr("Fit width"), QKeySequence("Ctrl+9"), self.fit_to_width)
        self._action(bar, self.tr("Actual size"), QKeySequence("Ctrl+0"),
                     lambda: self.set_zoom(1.0))
        bar.addSeparator()
        self._action(bar, self.tr("Close (Esc)"), None, self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.scroll_area, 1)
        self.show_page(0)  # the toolbar's labels filled in, so that its width is known
        self.setGeometry(fit_to_screen(self.wanted_size(), self._available()))

    def _available(self) -> QRect:
        """The screen the dialog opens on, less task bars and panels."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        return screen.availableGeometry()

    def wanted_size(self) -> QSize:
        """The whole first page at actual size with the toolbar above it, and never narrower
        than the toolbar; fit_to_screen then caps it."""
        width, height = self.pages.size_points(0) if len(self.pages) else (595.0, 842.0)
        page_width = round(width * PREVIEW_DPI / POINTS_PER_INCH) + 2 * PAGE_MARGIN
        page_height = round(height * PREVIEW_DPI / POINTS_PER_INCH) + 2 * PAGE_MARGIN
        layout = self.layout()
        chrome = layout.contentsMargins() if layout is not None else QMargins()
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        toolbar = self.toolbar.sizeHint().width() + 16  # slack: no "»" hiding Close
        return QSize(max(page_width + scroll, toolbar) + chrome.left() + chrome.right() + 4,
                     page_height + self.toolbar.sizeHint().height() + chrome.top()
                     + chrome.bottom() + 10)

    def _action(self, bar: QToolBar, text: str, keys, slot) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.addAction(action)
        return action

    # --- pages and zoom ------------------------------------------------------------------
    def page_count(self) -> int:
        return len(self.pages)

    def current_image(self) -> QImage:
        return self.image_label.pixmap().toImage()

    def show_page(self, index: int) -> None:
        count = len(self.pages)
        if count == 0:
            self.page_label.setText(self.tr("No pages"))
            return
        self.index = max(0, min(index, count - 1))
        if self.fit_width:
            self.zoom = self.width_zoom()
        ratio = self.devicePixelRatioF()
        dpi = max(24, round(PREVIEW_DPI * self.zoom * ratio))
        pixmap = QPixmap.fromImage(self.pages.image(self.index, dpi))
        pixmap.setDevicePixelRatio(ratio)
        self.image_label.setPixmap(pixmap)
        self.page_label.setText(self.tr("Page {page} of {count}").format(page=self.index + 1,
                                                                         count=count))
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.prev_action.setEnabled(self.index > 0)
        self.next_action.setEnabled(self.index < count - 1)

    def next_page(self) -> None:
        self.show_page(self.index + 1)

    def previous_page(self) -> None:
        self.show_page(self.index - 1)

    def width_zoom(self) -> float:
        """The zoom at which the page fills the visible width (room kept for the vertical
        scroll bar, so that it appearing does not change the zoom again)."""
        if not len(self.pages):
            return 1.0
        width = self.pages.size_points(self.index)[0] * PREVIEW_DPI / POINTS_PER_INCH
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = self.scroll_area.width() - scroll - 2 * self.scroll_area.frameWidth() \
            - 2 * PAGE_MARGIN
        return max(ZOOMS[0] / 2, min(ZOOMS[-1], room / width))

    def fit_to_width(self) -> None:
        self.fit_width = True
        self.show_page(self.index)

    def set_zoom(self, zoom: float) -> None:
        self.fit_width = False
        self.zoom = zoom
        self.show_page(self.index)

    def step_zoom(self, step: int) -> None:
        """The next zoom step up or down from the zoom shown (a fitted one lies between)."""
        if step > 0:
            target = next((z for z in ZOOMS if z > self.zoom + 1e-6), ZOOMS[-1])
        else:
            target = next((z for z in reversed(ZOOMS) if z < self.zoom - 1e-6), ZOOMS[0])
        self.set_zoom(target)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_width and len(self.pages):
            self.show_page(self.index)

    # --- print and save ------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout_for(self.pages))
        printer.setFullPage(True)
        printer.setDocName(self.save_name)
        return printer

    def print_document(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, max(1, len(self.pages)))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        try:
            return print_pages(self.pages, printer)
        except UserError as exc:
            from heatoffice.ui.crash import show_user_error

            show_user_error(exc, self)
            return 0

    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.save_name,
                                                    self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> Path:
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            from heatoffice.ui.crash import show_user_error

            show_user_error(UserError("exports.write_failed", value=str(target),
                                      reason=exc.strerror or str(exc)), self)
        return target

    def done(self, result: int) -> None:
        super().done(result)
        self.pages.close()


def show_pdf(path: str | Path, parent: QWidget | None, *, title: str = "",
             save_name: str = "") -> PdfPreviewDialog:
    """Open the preview (window-modal, not blocking) and return it."""
    dialog = PdfPreviewDialog(path, parent, title=title, save_name=save_name)
    dialog.open()
    # Keys go to the preview at once (Esc closes it, Ctrl+P prints), not to the page below.
    dialog.raise_()
    dialog.activateWindow()
    dialog.scroll_area.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    return dialog
