"""Keys and the glossary. Shown with F1 or ?.

The keys are those of the screen under the help, from the one registry (``tui/keys.py``):
F1 on the review, the exercise list or the statistics shows their keys, not the walk's.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from samverkan_tui.core.base.glossary import GLOSSARY
from samverkan_tui.tui.keys import bindings

# What no single key says: moving around is the widgets' own (scrolling, lists). Ctrl+P is
# the registry's (the app's own keys), so it is not repeated here.
MOVING = (("↑ / ↓, PgUp / PgDn", "bläddra: i frågan och dess hjälptext, i listor och i planen"),)

# The alternative to this screen for a screen reader or a plain console (`samverkan gå`).
PLAIN_WALK = (
    "Med skärmläsare: samverkan gå ID i en terminal går igenom samma rutin rad för rad, "
    "utan helskärm och utan färg. Genomgången sparas i samma steglogg och kan fortsättas "
    "både där och här."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("HelpScreen")

    def __init__(self, under: Screen[object] | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        keys = Table(title="Tangenter", show_header=False, box=None, expand=True)
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        from samverkan_tui.tui.keys import help_rows, owners_of

        under = self.under
        owners = owners_of(under) if under is not None else []
        for key, what in [*help_rows(owners), *MOVING]:
            keys.add_row(key, what)
        words = Table(title="Ordlista", show_header=False, box=None, expand=True)
        words.add_column(style="bold", no_wrap=True)
        words.add_column()
        for word, meaning in GLOSSARY:
            words.add_row(word, meaning)
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(keys)
            yield Static(Text(""))
            yield Static(Text(PLAIN_WALK), id="plain-walk")
            yield Static(Text(""))
            yield Static(words)
            yield Static("Esc stänger", classes="dialog-footer")

    def action_close(self) -> None:
        self.dismiss(None)
