"""A summary to paste into the documentation system; c copies it to the clipboard."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings


class SummaryScreen(ModalScreen[None]):
    BINDINGS = bindings("SummaryScreen")

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        from samverkan_tui.export import render
        from samverkan_tui.export.document import document_for_summary
        from samverkan_tui.steplog.summary import walk_summary

        # The same document as `logg visa`, one line per entry: the screen wraps it to the
        # window once (a pre-wrapped 80-column text wrapped again at 80×24 broke every
        # other line), and so does the journal system it is pasted into.
        document = document_for_summary(walk_summary(session, self.app_now()))
        self.text = str(render(document, "text", width=None))

    def app_now(self) -> dt.datetime:
        from samverkan_tui.core.base.clock import current_time

        try:
            return samverkan_app(self).now()
        except Exception:  # not mounted yet: the app is reachable from on_mount only
            return current_time()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.text, markup=False, id="summary-text")
            yield Static("c kopierar till urklipp · Esc stänger", classes="dialog-footer")

    def action_copy(self) -> None:
        from samverkan_tui.core.base.clipboard import copy_outside_terminal

        if copy_outside_terminal(self.text):  # Windows' classic console: clip.exe
            self.notify("Sammanfattningen är kopierad till urklipp.", timeout=6)
            return
        # OSC 52 asks the terminal to put the text on the clipboard; no terminal says
        # whether it did, so the message says what was done, not that it worked.
        self.app.copy_to_clipboard(self.text)
        self.notify(
            "Sammanfattningen skickades till terminalens urklipp (OSC 52). Terminalen "
            "bekräftar inte det: kontrollera genom att klistra in. Fungerar det inte, "
            "exportera med x i stället.",
            timeout=10,
        )

    def action_close(self) -> None:
        self.dismiss(None)
