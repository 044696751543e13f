"""A summary to paste into the documentation system; c copies it to the clipboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from samverkan_tui.core.session import WalkSession


class SummaryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("c", "copy", "Kopiera", id="copy"),
        Binding("escape,q", "close", "Stäng", id="close"),
    ]

    def __init__(self, session: WalkSession, role: str | None) -> None:
        super().__init__()
        from samverkan_tui.steplog.summary import summary_text, walk_summary

        self.text = summary_text(walk_summary(session, self.app_now(), first_role=role))

    def app_now(self):
        from samverkan_tui.core.clock import current_time

        try:
            return self.app.now()
        except Exception:  # not mounted yet: the app is reachable from on_mount only
            return current_time()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.text, markup=False, id="summary-text")
            yield Static("c kopierar till urklipp · Esc stänger", classes="dialog-footer")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("Sammanfattningen är kopierad (om terminalen tillåter urklipp).")

    def action_close(self) -> None:
        self.dismiss(None)
