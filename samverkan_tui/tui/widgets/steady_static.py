"""A Static that only redraws when what it shows changes.

Textual's ``Static.update`` always asks for a new layout of the whole screen, which then
redraws every widget. The walk updates its banner and contacts on every key, and most
keys leave them as they were.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class SteadyStatic(Static):
    """``update`` with the same text as shown is a no-op."""

    _shown: Text | None = None

    def show_text(self, content: Text) -> None:
        if self._shown is not None and content == self._shown:
            return
        self._shown = content
        self.update(content)
