"""The follow-up (uppföljning) in the terminal: the report's figures, one routine at a time.

Shows what `samverkan logg statistik --format html` prints, from the same aggregate
(steplog/report.py), so the small numbers are hidden here exactly as in what leaves
the desk: walks per week as a Sparkline (Textual's own widget), deviations per step and
per category, "ej aktuell" per step and median times as bars of block characters.
←/→ change routine, ↑/↓ scroll, Esc goes back. Works at 80×24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from samverkan_tui.core.walk.status import DEVIATION_CATEGORIES
from samverkan_tui.steplog.report import Aggregate, Count, RoutineAggregate
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.styles import screen_css
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.geometry import Size

    from samverkan_tui.tui.app import SamverkanApp

LABEL = 34  # characters of step text beside a bar
VALUE = 9  # room for "12–19", "< 5", "dolt"


class Bars(Widget):
    """Horizontal bars: solid for what is known, light over a hidden count's range."""

    DEFAULT_CSS = "Bars { height: auto; }"

    def __init__(self, rows: list[tuple[str, Count]], threshold: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.threshold = threshold

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Text:
        if not self.rows:
            return Text("Inget att visa.", style="dim")
        width = max(10, self.size.width - LABEL - VALUE - 2)
        top = max([c.high if c.high is not None else c.low for _, c in self.rows] + [self.threshold])
        out = Text(no_wrap=True, overflow="crop")
        for index, (label, count) in enumerate(self.rows):
            if index:
                out.append("\n")
            clipped = label if len(label) <= LABEL else label[: LABEL - 1] + "…"
            out.append(f"{clipped:<{LABEL}} ")
            solid = count.exact if count.is_exact else (count.low if count.low >= self.threshold else 0)
            high = count.high if not count.is_exact else None
            solid_cells = round(width * solid / top)
            light_cells = max(1, round(width * high / top) - solid_cells) if high is not None else 0
            out.append("█" * solid_cells, style="bold blue")
            out.append("░" * light_cells, style="blue")
            if count.hidden:
                out.append("╱╱", style="red")
            out.append(f" {count.text(self.threshold)}", style="bold")
        return out


class StatisticsScreen(Screen[None]):
    """Uppföljning per rutin, with the disclosure control of the report."""

    BINDINGS = bindings("StatisticsScreen")
    DEFAULT_CSS = screen_css(__file__)

    def __init__(self, aggregate: Aggregate | None = None, problem: str | None = None) -> None:
        super().__init__()
        self.aggregate = aggregate
        self.problem = problem
        self.index = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="statistics-title")
        yield VerticalScroll(id="statistics")
        yield PriorityFooter()

    async def on_mount(self) -> None:
        if self.aggregate is None and self.problem is None:
            self.aggregate, self.problem = load_aggregate(samverkan_app(self))
        await self.show()

    async def show(self) -> None:
        title = self.query_one("#statistics-title", Static)
        body = self.query_one("#statistics", VerticalScroll)
        await body.remove_children()
        aggregate = self.aggregate
        if self.problem or aggregate is None or not aggregate.routines:
            title.update(Text("Uppföljning", style="bold"))
            await body.mount(
                Static(
                    self.problem or "Inga ärenden i stegloggen ännu. Övningar räknas inte.",
                    id="statistics-empty",
                )
            )
            return
        self.index %= len(aggregate.routines)
        r = aggregate.routines[self.index]
        t = aggregate.threshold
        from samverkan_tui.export.statistics_report import akut_text, period_text

        title.update(
            Text.assemble(
                (f"{r.title or r.routine}", "bold"),
                (
                    f"\nRutin {self.index + 1} av {len(aggregate.routines)} (←/→) · {period_text(aggregate)}",
                    "dim",
                ),
            )
        )
        await body.mount_all(self._parts(r, aggregate, r.walks.text(t), akut_text(r, t)))
        body.scroll_home(animate=False)

    def _parts(self, r: RoutineAggregate, aggregate: Aggregate, walks: str, akut: str) -> list[Widget]:
        t = aggregate.threshold
        label = r.step_label  # "RVT 2.3 …": the binder's reference

        parts: list[Widget] = [
            Static(
                f"Genomgångar: {walks} · Akuta: {akut} · Avvikelser: {r.deviations.text(t)}",
                classes="statistics-facts",
            ),
            Static(
                f"Antal under {t} visas som ”< {t}”, ”dolt” där ett antal annars kunde räknas fram.",
                classes="statistics-note",
            ),
            Static("Genomgångar per vecka", classes="statistics-heading"),
        ]
        weeks = list(r.walks_per_week.items())
        values = [float(c.exact) if c.is_exact else _middle(c, t) for _, c in weeks]
        parts.append(Sparkline(values or [0.0], id="statistics-weeks"))
        if weeks:
            first, last = weeks[0][0], weeks[-1][0]
            hidden = sum(1 for _, c in weeks if not c.is_exact)
            note = f" · {hidden} veckor med dolt antal" if hidden else ""
            parts.append(
                Static(
                    f"v. {int(first[6:8])} {first[:4]} – v. {int(last[6:8])} {last[:4]}{note}",
                    classes="statistics-note",
                )
            )
        sections = [(r.section_label(k), c) for k, c in r.deviations_by_section.items() if not c.is_zero]
        if sections:
            parts += [
                Static("Avvikelser per avsnitt (också dolda steg)", classes="statistics-heading"),
                Bars(sections, t, id="statistics-sections"),
            ]
        top = _top(r.deviations_by_step)
        parts += [
            Static("Avvikelser per steg", classes="statistics-heading"),
            Bars([(label(s), c) for s, c in top], t, id="statistics-deviations"),
        ]
        categories = [
            (DEVIATION_CATEGORIES.get(k, k), c) for k, c in r.deviations_by_category.items() if not c.is_zero
        ]
        parts += [
            Static("Avvikelser per kategori", classes="statistics-heading"),
            Bars(categories, t, id="statistics-categories"),
        ]
        parts += [
            Static("Ej aktuell per steg", classes="statistics-heading"),
            Bars(
                [(label(s), c) for s, c in _top(r.not_applicable_by_step)], t, id="statistics-not-applicable"
            ),
        ]
        from samverkan_tui.steplog.stats import format_duration

        lines = Text(no_wrap=True, overflow="ellipsis")
        for step, median in r.median_minutes.items():
            if lines:
                lines.append("\n")
            when = ("ca " if median.approximate else "") + format_duration(median.minutes * 60)
            lines.append(f"{when:>12}  ", style="bold")
            lines.append(label(step))
        parts += [
            Static("Mediantid från start till klart steg", classes="statistics-heading"),
            Static(
                lines or Text(f"Inget steg klart i minst {t} genomgångar.", style="dim"),
                id="statistics-medians",
            ),
        ]
        return parts

    async def action_routine(self, delta: int) -> None:
        if self.aggregate and self.aggregate.routines:
            self.index = (self.index + delta) % len(self.aggregate.routines)
            await self.show()

    def action_back(self) -> None:
        self.app.pop_screen()


def _middle(count: Count, threshold: int) -> float:
    low = count.low if count.low >= threshold else 1
    high = count.high if count.high is not None else low
    return (low + high) / 2


def _top(cells: dict[str, Count], limit: int = 8) -> list[tuple[str, Count]]:
    order = {key: i for i, key in enumerate(cells)}
    ranked = sorted(
        ((k, c) for k, c in cells.items() if not c.is_zero),
        key=lambda kv: (-(kv[1].high or kv[1].low), order[kv[0]]),
    )
    chosen = {k for k, _ in ranked[:limit]}
    return [(k, c) for k, c in cells.items() if k in chosen]


def load_aggregate(app: SamverkanApp) -> tuple[Aggregate | None, str | None]:
    """This desk's aggregate from the app's step log, or why there is none."""
    from samverkan_tui.steplog.report import ReportError, desk_aggregate, threshold_from_config

    log = app.step_log
    if log is None:
        return None, (
            f"Stegloggen kan inte användas: {app.step_log_error}"
            if app.step_log_error
            else "Stegloggen används inte i den här körningen."
        )
    routines = {r.id: r for r in app.catalog.routines()}
    try:
        threshold = threshold_from_config(app.config.raw, app.config.path)
        return desk_aggregate(log.connection(), routines=routines, threshold=threshold), None
    except ReportError as error:
        return None, str(error)


def open_statistics(app: SamverkanApp) -> None:
    if not isinstance(app.screen, StatisticsScreen):
        app.push_screen(StatisticsScreen())
