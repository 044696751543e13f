"""A footer that keeps the keys that matter and drops the rest before it cuts a label.

Textual's footer lists every key on offer and, in a narrow window, cuts the last ones
mid-word. At the desk the answer keys, help, finishing and quitting must always be
readable; the rest are in the command palette and on the help screen. Which keys matter
most is each key's footer rank in the registry (``tui/keys.py``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_WIDTH = 14  # "^p Kommandon" and its margin, always kept at the right


def _rank(action: str) -> int:
    from samverkan_tui.tui.keys import footer_rank  # the one registry of keys (tui/keys.py)

    return footer_rank(action)


def _width(key: FooterKey) -> int:
    # Key, description, the space between them and a cell of padding on each side and
    # between keys: measured on Textual 8.2's footer, rounded up so nothing is ever cut.
    return len(key.key_display) + len(key.description) + 4


class PriorityFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        room = (self.size.width or self.app.size.width) - PALETTE_WIDTH
        kept: set[int] = set()
        used = 0
        for index in sorted(range(len(keys)), key=lambda i: (_rank(keys[i].action), i)):
            width = _width(keys[index])
            if used + width <= room:
                kept.add(index)
                used += width
        dropped = {id(keys[i]) for i in range(len(keys)) if i not in kept}
        self.styles.grid_size_columns = max(len(kept), 1)
        for widget in widgets:
            if id(widget) not in dropped:
                yield widget

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.recompose)
