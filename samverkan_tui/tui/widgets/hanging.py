"""Hanging indents: a mark in a column of its own, its text's wrapped lines under the text.

What a ``Table.grid`` with a no-wrap column and a ratio column drew, at a fraction of the
cost. The plan re-renders every option when it changes (the option list drops its render
cache on every change of its options), and measuring and drawing one grid per step was
most of a keypress at the desk.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from samverkan_tui.core.base.phone_numbers import KEEP_TOGETHER_SPACE

# Rich and Textual break lines at any whitespace, U+00A0 included, so the non-breaking
# spaces that keep a phone number whole stand in as a private-use character (one cell,
# not whitespace) while a line is wrapped, and come out as plain spaces.
_HELD = "\ue000"


def wrap_kept(text: Text, console: Console, width: int) -> Lines:
    """``text`` wrapped to ``width`` (folding words longer than a line), never at a
    non-breaking space: a phone number is one unbreakable unit."""
    if KEEP_TOGETHER_SPACE not in text.plain:
        return text.wrap(console, width, overflow="fold")
    held = text.copy()
    held.plain = text.plain.replace(KEEP_TOGETHER_SPACE, _HELD)
    lines = held.wrap(console, width, overflow="fold")
    for line in lines:
        line.plain = line.plain.replace(_HELD, " ")
    return lines


ELLIPSIS = " …"


def _shortened(lines: list[Text], max_lines: int, short: int, width: int) -> list[Text]:
    """``lines`` if there are at most ``max_lines``, else their first ``short``, the last
    ending in "…"."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:short]
    last = kept[-1].copy()
    last.rstrip()
    room = width - len(ELLIPSIS)
    if last.cell_len > room:  # cut at the last word that leaves room, or mid-word if none
        cut = last.plain.rfind(" ", 0, room + 1)
        if cut > 0:
            last = last[:cut]
        else:
            last.truncate(max(room, 0))
        last.rstrip()
    last.append(ELLIPSIS, style="dim")
    return [*kept[:-1], last]


class Hanging:
    """Rows of ``(mark, body)``: the marks share a column as wide as the widest of them,
    one space follows it, and each body wraps (folding words longer than a line) within
    the rest of the width. Phone numbers stay whole (``wrap_kept``). With ``max_lines``, a
    body longer than that shows only its first ``short`` lines, the last ending in "…"."""

    def __init__(
        self, rows: Iterable[tuple[Text, Text]], max_lines: int | None = None, short: int = 1
    ) -> None:
        self.rows = list(rows)
        self.mark_width = max((mark.cell_len for mark, _ in self.rows), default=0)
        self.max_lines = max_lines
        self.short = min(short, max_lines) if max_lines is not None else short
        # The rendered lines by width: the plan's option list measures a step's height and
        # draws it by rendering it again whenever its options change (on almost every key),
        # and the plan's steps are the same objects from key to key (widgets/plan.py).
        self._rendered: dict[tuple[Console, int], list[Segment]] = {}

    def lines(self, console: Console, max_width: int) -> list[Text]:
        """The lines as drawn at ``max_width``, marks and indents included."""
        indent = self.mark_width + 1
        width = max(1, max_width - indent)
        blank = " " * indent
        result = []
        for mark, body in self.rows:
            lines = list(wrap_kept(body, console, width)) or [Text()]
            if self.max_lines is not None:
                lines = _shortened(lines, self.max_lines, self.short, width)
            # assemble, not +: a Text's base style would carry over to what is added to it
            first = Text.assemble(mark, " " * (indent - mark.cell_len))
            result += [
                Text.assemble(first if number == 0 else blank, line) for number, line in enumerate(lines)
            ]
        return result

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (console, options.max_width)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = []
            for line in self.lines(console, options.max_width):
                rendered += line.render(console)
                rendered.append(Segment.line())
            self._rendered[key] = rendered
        yield from rendered

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.mark_width + 1
        longest = max(
            (Measurement.get(console, options, body).maximum for _, body in self.rows),
            default=0,
        )
        return Measurement(indent + 1, indent + longest).with_maximum(options.max_width)


def hanging(mark: Text, body: Text, max_lines: int | None = None, short: int = 1) -> Hanging:
    """One row: ``mark``, and ``body`` whose wrapped lines start under its first letter."""
    return Hanging([(mark, body)], max_lines, short)
