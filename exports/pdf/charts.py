"""Bar charts by fiscal month drawn with reportlab's own graphics (vector, embedded font)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from db.tally.breakdowns import FISCAL_MONTHS
from exports.labels import month_label

PALETTE = [colors.HexColor(c) for c in ("#2f6db5", "#e08a2c", "#4aa36c", "#a64ca6")]


def _nice_max(value: int) -> int:
    """A round axis maximum a little above ``value`` (at least 1)."""
    if value <= 5:
        return max(value, 1) + (1 if value >= 4 else 0)
    step = 10 ** (len(str(value)) - 1)
    for mult in (1, 2, 2.5, 5, 10):
        if value <= step * mult:
            return int(step * mult)
    return value


def monthly_bars(
    title: str,
    series: Sequence[tuple[str, Sequence[int]]],
    lang: str,
    font: str,
    width: float,
    height: float = 62 * mm,
) -> Drawing:
    """Grouped bars, one group per fiscal month (April first), with a legend."""
    drawing = Drawing(width, height)
    drawing.__dict__["initialFontName"] = font  # renderer start state (default: Helvetica)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=9.5))
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width = width - 40 - (110 if len(series) > 1 else 0)
    chart.height = height - 42
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = [month_label(m, lang) for m in FISCAL_MONTHS]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    highest = max((max(v) for _, v in series if v), default=1)
    top = _nice_max(highest + max(1, highest // 8))  # headroom for the bar labels
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, top // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = lambda value: f"{value:.0f}" if value else ""  # no "0" clutter
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 105, height - 30
        legend.fontName = font
        legend.fontSize = 7.5
        legend.alignment = "right"
        legend.columnMaximum = 4
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(series)
        ]
        drawing.add(legend)
    return drawing
