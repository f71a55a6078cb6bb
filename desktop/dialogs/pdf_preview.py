"""Preview, save and print the PDF summary of the office and period on screen.

The PDF is made by :func:`exports.pdf.report.write_summary`; the preview shows its
pages as images rendered by pdfium (pypdfium2), and printing paints the same pages
at the printer's resolution through Qt's print dialog, so what is printed is exactly
the PDF that would be saved or emailed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("SummaryPreview", text)


def page_images(pdf: Path, dpi: float) -> list[QImage]:
    """Every page of ``pdf`` rendered at ``dpi`` (RGB, white background)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # fmt: skip  (copy: the buffer is freed with the bitmap)
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Paint the PDF's pages on ``printer``, one per sheet; return the page count."""
    dpi = min(printer.resolution(), 300)
    images = page_images(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(tr("The printer could not be started."))
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
    finally:
        painter.end()
    return len(images)


class SummaryPreview(QDialog):
    """The summary's pages one under another, with Print… and Save as PDF…."""

    def __init__(self, pdf: Path, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.setWindowTitle(tr("Summary preview"))
        pages = QWidget()
        column = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for image in page_images(pdf, 96 * self.devicePixelRatioF()):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFrameShape(QLabel.Shape.Box)
            column.addWidget(label, alignment=Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(880, 900)  # an A4 page at 96 dpi is 794 px wide

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.pdf, printer)

    def save_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save summary as PDF"), self.suggested_name, tr("PDF files (*.pdf)")
        )
        if path:
            shutil.copyfile(self.pdf, path)
