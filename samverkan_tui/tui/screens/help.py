"""Keys and the glossary. Shown with F1 or ?."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from samverkan_tui.core.base.glossary import GLOSSARY

KEYS = (
    ("j / y", "svara ja"),
    ("n", "svara nej"),
    ("1–9", "välj svarsalternativ"),
    ("↑ / ↓, PgUp / PgDn", "bläddra i frågan och dess hjälptext, i svaren och i planen"),
    ("Esc / Backsteg", "tillbaka: ta tillbaka senaste svaret"),
    ("Tab / Shift+Tab", "nästa / föregående ruta: fråga, svar, plan (och kontakter)"),
    ("Enter (i svarslistan)", "ändra ett svar; planen räknas om, det som gjorts står kvar"),
    ("Mellanslag", "markera steget klart (tiden noteras)"),
    ("e", "steget är ej aktuellt, med valfri orsak"),
    ("a", "avvikelse: kategori och valfri orsak (visas som den sparas); igen: ändra"),
    ("r", "välj din roll"),
    ("f", "visa bara din rolls steg / alla steg (samma ordning)"),
    ("v", "visa eller dölj anmärkningarna om rutinen"),
    ("s", "sammanfattning för journalen (c kopierar)"),
    ("x", "exportera genomgången: PDF, Markdown, text, HTML eller kalender"),
    ("Ctrl+F", "avsluta genomgången (frågar om åtgärder är kvar)"),
    ("Ctrl+O (startsidan)", "övningsläge: påhittade fall och guidad rundtur"),
    ("Ctrl+T (startsidan)", "uppföljning: statistik utan personuppgifter"),
    ("Ctrl+G (startsidan)", "granska den markerade rutinen (årlig översyn)"),
    ("Ctrl+P", "kommandopaletten: allt som går att göra"),
    ("F1 / ?", "den här hjälpen"),
    (
        "Ctrl+Q",
        "avsluta appen; finns ändringar som inte kunde sparas frågar appen först "
        "(försök igen, exportera eller avsluta ändå)",
    ),
)

# The alternative to this screen for a screen reader or a plain console (`samverkan gå`).
PLAIN_WALK = (
    "Med skärmläsare: samverkan gå ID i en terminal går igenom samma rutin rad för rad, "
    "utan helskärm och utan färg. Genomgången sparas i samma steglogg och kan fortsättas "
    "både där och här."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Stäng", id="close_help")]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        keys = Table(title="Tangenter", show_header=False, box=None, expand=True)
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in KEYS:
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
