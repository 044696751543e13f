"""Charts for the follow-up report as SVG: inline in HTML, drawn as vectors in the PDF.

Hand-written on purpose: two chart kinds (horizontal bars per step or category, and a
line over weeks) in plain SVG elements and attributes that both browsers and fpdf2's
SVG reader understand (no CSS, no scripts, no fonts to embed). A plotting library
would add tens of megabytes and start-up time for less control over how a hidden
value ("< 5", "dolt") is drawn.

Hidden values are never drawn as if they were known: an exact count is a solid bar
or a filled dot; a range is a light bar (or a vertical line) over the possible values
with the known lower part solid; an unbounded hidden count is a hatched stub. The
label beside each bar is the same text as in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from samverkan_tui.steplog.report import Count

INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
SOLID = "#2b6cb0"
LIGHT = "#bcd3ec"
WARN = "#8a1c00"
FONT = "Helvetica, Arial, sans-serif"

WIDTH = 640  # user units; the page scales the drawing to its column
ROW = 18
LABEL_WIDTH = 300
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    count: Count


def _t(text: str) -> str:
    return escape(text, quote=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _axis_top(counts: list[Count], threshold: int) -> int:
    top = max([c.high if c.high is not None else c.low for c in counts] + [threshold, 1])
    for candidate in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000):
        if candidate >= top:
            return candidate
    return 10 ** len(str(int(top)))


def _svg(height: int, title: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="11" role="img" '
            f'aria-label="{_t(title)}">',
            f"<title>{_t(title)}</title>",
            *body,
            "</svg>",
        ]
    )


def bar_chart(title: str, bars: list[Bar], threshold: int) -> str:
    """One horizontal bar per row, the count's text at its end."""
    top = _axis_top([b.count for b in bars], threshold)
    plot_x, plot_w = LABEL_WIDTH + 6, WIDTH - LABEL_WIDTH - 6 - VALUE_WIDTH
    height = 20 + ROW * max(1, len(bars)) + 18

    def x(value: float) -> float:
        return round(plot_x + plot_w * value / top, 1)

    body = []
    for tick in (0, top / 2, top):
        body.append(
            f'<line x1="{x(tick)}" y1="14" x2="{x(tick)}" y2="{height - 16}" stroke="{GRID}" '
            'stroke-width="0.8"/>'
        )
        label = f"{tick:g}"
        body.append(
            f'<text x="{x(tick)}" y="{height - 4}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="9">{label}</text>'
        )
    if not bars:
        body.append(f'<text x="{plot_x}" y="32" fill="{MUTED}">Inget att visa.</text>')
    for index, bar in enumerate(bars):
        y = 20 + ROW * index
        body.append(
            f'<text x="{LABEL_WIDTH}" y="{y + 10}" text-anchor="end" fill="{INK}">'
            f"{_t(_clip(bar.label, 52))}</text>"
        )
        count = bar.count
        solid = count.exact if count.is_exact else (count.low if count.low >= threshold else 0)
        high = count.high
        if not count.is_exact and high is not None and high > solid:
            body.append(
                f'<rect x="{x(solid)}" y="{y + 2}" width="{round(x(high) - x(solid), 1)}" '
                f'height="{ROW - 6}" fill="{LIGHT}" stroke="{SOLID}" stroke-width="0.6" '
                'stroke-dasharray="2 2"/>'
            )
        if solid:
            body.append(
                f'<rect x="{plot_x}" y="{y + 2}" width="{round(x(solid) - plot_x, 1)}" '
                f'height="{ROW - 6}" fill="{SOLID}"/>'
            )
        end = x(high if high is not None and not count.is_exact else solid)
        if count.hidden:  # unbounded: a hatched stub after what is known
            stub = x(solid) if solid else plot_x
            for k in range(3):
                body.append(
                    f'<line x1="{stub + 4 * k}" y1="{y + ROW - 4}" x2="{stub + 4 * k + 6}" '
                    f'y2="{y + 2}" stroke="{WARN}" stroke-width="1.2"/>'
                )
            end = stub + 14
        body.append(
            f'<text x="{round(end + 4, 1)}" y="{y + 10}" fill="{INK}" font-weight="bold">'
            f"{_t(count.text(threshold))}</text>"
        )
    return _svg(height, title, body)


def line_chart(title: str, points: list[tuple[str, Count]], threshold: int) -> str:
    """Walks per week: filled dots for exact counts, open rings over the range for hidden ones."""
    height = 190
    left, right, top_y, bottom_y = 40, WIDTH - 12, 14, height - 34
    top = _axis_top([c for _, c in points], threshold)

    def y(value: float) -> float:
        return round(bottom_y - (bottom_y - top_y) * value / top, 1)

    n = len(points)

    def x(index: int) -> float:
        return round(left + (right - left) * (index + 0.5) / max(1, n), 1)

    body = [
        f'<rect x="{left}" y="{y(threshold - 0.5)}" width="{right - left}" '
        f'height="{round(bottom_y - y(threshold - 0.5), 1)}" fill="#f3f3f3"/>',
        f'<text x="{right}" y="{height - 4}" text-anchor="end" fill="{MUTED}" font-size="9">'
        f"Grått fält: under {threshold}, visas som &lt; {threshold}</text>",
    ]
    for tick in (0, top / 2, top):
        body.append(
            f'<line x1="{left}" y1="{y(tick)}" x2="{right}" y2="{y(tick)}" stroke="{GRID}" '
            'stroke-width="0.8"/>'
        )
        body.append(
            f'<text x="{left - 4}" y="{round(y(tick) + 3, 1)}" text-anchor="end" fill="{MUTED}" '
            f'font-size="9">{tick:g}</text>'
        )
    every = max(1, -(-n // 14))
    for index, (week, _) in enumerate(points):
        if index % every == 0:
            body.append(
                f'<text x="{x(index)}" y="{bottom_y + 14}" text-anchor="middle" fill="{MUTED}" '
                f'font-size="9">v. {int(week[6:8])}</text>'
            )
    if points:
        first, last = points[0][0][:4], points[-1][0][:4]
        years = first if first == last else f"{first}–{last}"
        body.append(f'<text x="{left}" y="{height - 4}" fill="{MUTED}" font-size="9">{years}</text>')
    centres = []
    for index, (_, count) in enumerate(points):
        if count.is_exact:
            centres.append((x(index), y(count.exact), True, count))
        else:
            low = count.low if count.low >= threshold else 1
            high = count.high if count.high is not None else max(low, top)
            centres.append((x(index), y((low + high) / 2), False, count))
    if len(centres) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'} {cx} {cy}" for i, (cx, cy, _, _) in enumerate(centres))
        body.append(f'<path d="{path}" fill="none" stroke="{SOLID}" stroke-width="1.6"/>')
    for cx, cy, exact, count in centres:
        if exact:
            body.append(f'<circle cx="{cx}" cy="{cy}" r="2.6" fill="{SOLID}"/>')
            continue
        low = count.low if count.low >= threshold else 1
        high = count.high if count.high is not None else top
        body.append(
            f'<line x1="{cx}" y1="{y(low)}" x2="{cx}" y2="{y(high)}" stroke="{SOLID}" '
            'stroke-width="1" stroke-dasharray="2 2"/>'
        )
        body.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="#ffffff" stroke="{SOLID}" stroke-width="1.2"/>')
    return _svg(height, title, body)
