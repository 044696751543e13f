"""A footer that keeps the keys that matter and drops the rest before it cuts a label.

Textual's footer lists every key on offer and, in a narrow window, cuts the last ones
mid-word. At the desk the answer keys, help, finishing and quitting must always be
readable; the rest are in the command palette and on the help screen. Which keys matter
most is each key's footer rank in the registry (``tui/keys.py``).

Textual's footer also rebuilds itself (removes and mounts every key, and styles each one
twice) whenever the screen's bindings may have changed: on every change of focus, on
every push and pop of a screen, and on every resize. Most of those leave the keys on
offer as they were, and a footer under another screen is not seen at all; so it rebuilds
only when what it would show differs from what it shows, and only while it can be seen
(a screen that comes back to the top asks its footer again).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.dom import NoScreen
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
    # What the footer was last composed from (``_inputs``); None: nothing composed yet.
    _composed_from: tuple[object, ...] | None = None

    def _inputs(self) -> tuple[object, ...]:
        """Everything Textual's footer and this one compose the keys from."""
        app = self.app
        shown = tuple(
            (
                binding.key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                binding.group,
                binding.tooltip,
                enabled,
                tooltip,
            )
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        width = self.size.width or app.size.width
        return (shown, width, self.compact, self.show_command_palette)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        self._composed_from = self._inputs() if widgets else None
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
            if isinstance(widget, FooterKey):
                # A key starts compact and is then bound to the footer's (not compact): each
                # change restyled it, twice per key on every rebuild. Born as it will be shown:
                # the palette key is not bound and stays compact.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            if id(widget) not in dropped:
                yield widget

    def _seen(self) -> bool:
        """Whether the footer's screen can be seen: the top one, or under dialogs only."""
        if not self.is_attached:
            return False
        try:
            screen = self.screen
        except NoScreen:  # being removed
            return False
        stack = self.app.screen_stack
        if screen not in stack:
            return False
        above = stack[stack.index(screen) + 1 :]
        return all(other.is_modal for other in above)

    async def recompose(self) -> None:
        if not self._seen():
            return  # composed again when its screen is back on top (its bindings refresh then)
        settled = getattr(self.screen, "keys_settled", None)
        if settled is not None and not settled():
            return  # the screen refreshes its bindings once they have settled
        if self._composed_from is not None and self._composed_from == self._inputs():
            return
        await super().recompose()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.recompose)
