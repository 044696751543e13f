"""Charts for the follow-up report: one drawing, as SVG for both the HTML and the PDF.

A chart is built once as a short list of shapes (rectangles, lines, a polyline,
circles, text) in its own units; ``to_svg`` writes it as SVG, inline in the HTML report
and handed to Typst for the PDF (export/statistics.typ), where it stays vector graphics
with its text in the embedded font. No plotting library: two chart kinds in plain
shapes need none, and a library would not know how to draw a hidden count.

Every chart carries ``alt``: its figures in words ("Genomgångar per vecka 2026: v. 45: 12,
v. 46: < 5, …"), the same texts as the tables, for screen readers (the SVG's aria-label,
the PDF image's alternative text, which PDF/UA requires).

Hidden values are never drawn as if they were known: an exact count is a solid bar
or a filled dot; a range is a light bar (or a dashed vertical line) over the possible
values with the known part solid; an unbounded hidden count is a hatched stub. The
text beside each bar is the cell's text from the tables ("< 5", "dolt", "12–19").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from samverkan_tui.steplog.report import Count

INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
SOLID = "#2b6cb0"
LIGHT = "#bcd3ec"
WARN = "#8a1c00"
BAND = "#f3f3f3"
WHITE = "#ffffff"
FONT = "Helvetica, Arial, sans-serif"

WIDTH = 640  # drawing units; the page scales the chart to its column
ROW = 18
LABEL_WIDTH = 300
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 0.8
    dashed: bool = False


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.6


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float = 11
    fill: str = INK
    anchor: str = "start"  # start, middle, end
    bold: bool = False


Shape = Rect | Line | Polyline | Circle | Label


@dataclass
class Chart:
    title: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)
    alt: str = ""  # the figures in words; the title when there are none


def _alt(title: str, entries: list[tuple[str, str]]) -> str:
    if not entries:
        return f"{title}: inget att visa."
    # A step's own full stop is dropped before the colon: "… och tolk: < 5", not "tolk.: < 5".
    return f"{title}: " + ", ".join(f"{label.rstrip(' .:')}: {text}" for label, text in entries) + "."


@dataclass(frozen=True)
class Bar:
    label: str
    count: Count


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _axis_top(counts: list[Count], threshold: int) -> int:
    top = max([c.high if c.high is not None else c.low for c in counts] + [threshold, 1])
    for candidate in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000):
        if candidate >= top:
            return candidate
    return int(10 ** len(str(int(top))))


def _tick(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def bar_chart(title: str, bars: list[Bar], threshold: int) -> Chart:
    """One horizontal bar per row, the count's text at its end."""
    top = _axis_top([b.count for b in bars], threshold)
    plot_x, plot_w = LABEL_WIDTH + 6, WIDTH - LABEL_WIDTH - 6 - VALUE_WIDTH
    height = 20 + ROW * max(1, len(bars)) + 18
    alt = _alt(title, [(" ".join(b.label.split()), b.count.text(threshold)) for b in bars])
    chart = Chart(title, WIDTH, height, alt=alt)
    add = chart.shapes.append

    def x(value: float) -> float:
        return round(plot_x + plot_w * value / top, 1)

    for tick in (0, top / 2, top):
        add(Line(x(tick), 14, x(tick), height - 16, GRID))
        add(Label(x(tick), height - 4, _tick(tick), 9, MUTED, "middle"))
    if not bars:
        add(Label(plot_x, 32, "Inget att visa.", fill=MUTED))
    for index, bar in enumerate(bars):
        y = 20 + ROW * index
        add(Label(LABEL_WIDTH, y + 10, _clip(bar.label, 52), anchor="end"))
        count = bar.count
        solid = count.exact if count.is_exact else (count.low if count.low >= threshold else 0)
        high = count.high
        if not count.is_exact and high is not None and high > solid:
            add(Rect(x(solid), y + 2, round(x(high) - x(solid), 1), ROW - 6, LIGHT, SOLID, dashed=True))
        if solid:
            add(Rect(plot_x, y + 2, round(x(solid) - plot_x, 1), ROW - 6, SOLID))
        end = x(high if high is not None and not count.is_exact else solid)
        if count.hidden:  # unbounded: a hatched stub after what is known
            stub = x(solid) if solid else plot_x
            for k in range(3):
                add(Line(stub + 4 * k, y + ROW - 4, stub + 4 * k + 6, y + 2, WARN, 1.2))
            end = stub + 14
        add(Label(round(end + 4, 1), y + 10, count.text(threshold), bold=True))
    return chart


def line_chart(title: str, points: list[tuple[str, Count]], threshold: int) -> Chart:
    """Walks per week: filled dots for exact counts, open rings over the range for hidden ones."""
    height = 190
    left, right, top_y, bottom_y = 40, WIDTH - 12, 14, height - 34
    top = _axis_top([c for _, c in points], threshold)
    # In words, with the year once (or with every week when the period spans a new year).
    years = sorted({week[:4] for week, _ in points})
    one_year = len(years) == 1
    named = f"{title}, {years[0]}" if one_year else f"{title}, {years[0]}–{years[-1]}" if years else title
    weeks = [
        (f"v. {int(week[6:8])}" + ("" if one_year else f" {week[:4]}"), count.text(threshold))
        for week, count in points
    ]
    chart = Chart(title, WIDTH, height, alt=_alt(named, weeks))
    add = chart.shapes.append

    def y(value: float) -> float:
        return round(bottom_y - (bottom_y - top_y) * value / top, 1)

    n = len(points)

    def x(index: int) -> float:
        return round(left + (right - left) * (index + 0.5) / max(1, n), 1)

    band = y(threshold - 0.5)
    add(Rect(left, band, right - left, round(bottom_y - band, 1), BAND))
    add(Label(right, height - 4, f"Grått fält: under {threshold}, visas som < {threshold}", 9, MUTED, "end"))
    for tick in (0, top / 2, top):
        add(Line(left, y(tick), right, y(tick), GRID))
        add(Label(left - 4, round(y(tick) + 3, 1), _tick(tick), 9, MUTED, "end"))
    every = max(1, -(-n // 14))
    for index, (week, _) in enumerate(points):
        if index % every == 0:
            add(Label(x(index), bottom_y + 14, f"v. {int(week[6:8])}", 9, MUTED, "middle"))
    if points:
        first, last = points[0][0][:4], points[-1][0][:4]
        add(Label(left, height - 4, first if first == last else f"{first}–{last}", 9, MUTED))
    centres = []
    for index, (_, count) in enumerate(points):
        if count.is_exact:
            centres.append((x(index), y(count.exact), count, 0.0, 0.0))
        else:
            low = count.low if count.low >= threshold else 1
            high = count.high if count.high is not None else max(low, top)
            centres.append((x(index), y((low + high) / 2), count, y(low), y(high)))
    if len(centres) > 1:
        add(Polyline(tuple((cx, cy) for cx, cy, *_ in centres), SOLID))
    for cx, cy, count, y_low, y_high in centres:
        if count.is_exact:
            add(Circle(cx, cy, 2.6, SOLID))
        else:
            add(Line(cx, y_low, cx, y_high, SOLID, 1, dashed=True))
            add(Circle(cx, cy, 3, WHITE, SOLID))
    return chart


# -- SVG ------------------------------------------------------------------------------


def _t(text: str) -> str:
    return escape(text, quote=True)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}" stroke-width="0.6"' if shape.stroke else ""
        dash = ' stroke-dasharray="2 2"' if shape.dashed else ""
        return (
            f'<rect x="{shape.x}" y="{shape.y}" width="{shape.w}" height="{shape.h}" '
            f'fill="{shape.fill}"{stroke}{dash}/>'
        )
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="2 2"' if shape.dashed else ""
        return (
            f'<line x1="{shape.x1}" y1="{shape.y1}" x2="{shape.x2}" y2="{shape.y2}" '
            f'stroke="{shape.stroke}" stroke-width="{shape.width}"{dash}/>'
        )
    if isinstance(shape, Polyline):
        points = " ".join(f"{x},{y}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" stroke-width="{shape.width}"/>'
        )
    if isinstance(shape, Circle):
        stroke = f' stroke="{shape.stroke}" stroke-width="1.2"' if shape.stroke else ""
        return f'<circle cx="{shape.cx}" cy="{shape.cy}" r="{shape.r}" fill="{shape.fill}"{stroke}/>'
    anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
    size = f' font-size="{shape.size:g}"' if shape.size != 11 else ""
    bold = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{shape.x}" y="{shape.y}"{anchor} fill="{shape.fill}"{size}{bold}>{_t(shape.text)}</text>'
    )


def to_svg(chart: Chart, font: str = FONT) -> str:
    """SVG that scales to the column, no CSS, no scripts, works offline. ``font`` is the
    font-family list (the PDF passes the font it embeds)."""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:g}" height="{chart.height:g}" '
            f'viewBox="0 0 {chart.width:g} {chart.height:g}" font-family="{_t(font)}" font-size="11" '
            f'role="img" aria-label="{_t(chart.alt or chart.title)}">',
            f"<title>{_t(chart.title)}</title>",
            *(_svg_shape(shape) for shape in chart.shapes),
            "</svg>",
        ]
    )
