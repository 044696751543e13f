"""A Static that only redraws when what it shows changes.

Textual's ``Static.update`` always asks for a new layout of the whole screen, which then
redraws every widget. The walk updates its banner and contacts on every key, and most
keys leave them as they were.

The text is wrapped by ``KeptWhole``, not by Textual: Textual (and Rich) break lines at any
whitespace, the non-breaking spaces that keep a phone number whole included
(core/base/phone_numbers.py); ``hanging.wrap_kept`` never does.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import Static


class KeptWhole:
    """``text`` wrapped so that a line never breaks at a non-breaking space."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from samverkan_tui.tui.widgets.hanging import wrap_kept

        yield from wrap_kept(self.text, console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


class SteadyStatic(Static):
    """``update`` with the same text as shown is a no-op."""

    _shown: Text | None = None

    @property
    def shown(self) -> str:
        """The text shown, as a person reads it (plain text, plain spaces)."""
        return self._shown.plain.replace("\u00a0", " ") if self._shown is not None else ""

    def show_text(self, content: Text) -> None:
        if self._shown is not None and content == self._shown:
            return
        self._shown = content
        self.update(KeptWhole(content))
