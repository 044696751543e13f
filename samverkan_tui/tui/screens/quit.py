"""Quitting with changes the step log could not write: retry, export or quit anyway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings

if TYPE_CHECKING:
    from samverkan_tui.core.walk.session import WalkSession
    from samverkan_tui.tui.app import SamverkanApp


def changes_text(count: int) -> str:
    return count_text(count, "ändring är inte sparad", "ändringar är inte sparade")


def unsaved_sessions(app: SamverkanApp) -> list[WalkSession]:
    """Walks on the screen stack that are not finished (the ones an export would save)."""
    from samverkan_tui.tui.screens.answering import AnsweringScreen

    found: list[WalkSession] = []
    for screen in app.screen_stack:
        # A walk or an exercise; an exercise starts its walk when it is mounted.
        session = screen.session if isinstance(screen, AnsweringScreen) else None
        if session is not None and not session.finished and all(s is not session for s in found):
            found.append(session)
    return found


def unsaved_changes(app: SamverkanApp) -> int:
    """How many changes would be lost by quitting now (0 when everything is on disk)."""
    log = app.step_log
    if log is not None:
        return log.pending
    if app.step_log_error is not None:  # the log could not be opened: walks live in memory only
        return sum(len(s.events) for s in unsaved_sessions(app))
    return 0


class QuitDialog(ModalScreen[None]):
    """``N ändringar är inte sparade – försök igen / exportera / avsluta ändå``."""

    BINDINGS = bindings("QuitDialog")
    DEFAULT_CSS = "QuitDialog { align: center middle; }"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.message = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title(), classes="dialog-title", id="quit-title")
            yield Static(self._body(), classes="dialog-body", id="quit-body")
            yield Static(
                Text("f  försök igen · e  exportera · a  avsluta ändå · Esc  tillbaka", style="dim"),
                classes="dialog-footer",
            )

    def _title(self) -> Text:
        return Text(f"{changes_text(self.count)} – försök igen / exportera / avsluta ändå", style="bold")

    def _body(self) -> Text:
        app = samverkan_app(self)
        log = app.step_log
        reason = (log.status_message if log is not None else None) or app.step_log_error or ""
        lines = [
            reason,
            "",
            "f  försök igen att spara (till exempel när det finns plats på disken igen)",
            "e  exportera genomgången till en fil",
            "a  avsluta ändå – ändringarna går förlorade",
        ]
        if self.message:
            lines += ["", self.message]
        return Text("\n".join(line for line in lines if line is not None))

    def _refresh(self) -> None:
        self.query_one("#quit-title", Static).update(self._title())
        self.query_one("#quit-body", Static).update(self._body())

    def action_retry(self) -> None:
        app = samverkan_app(self)
        log = app.step_log
        if log is not None and log.retry():
            self.app.exit()
            return
        self.count = unsaved_changes(app)
        if self.count == 0:
            self.app.exit()
            return
        self.message = "Det gick fortfarande inte att spara."
        self._refresh()

    def action_export(self) -> None:
        from samverkan_tui.tui.exporting import export_walk

        app = samverkan_app(self)
        written: list[str] = []
        failed: list[str] = []
        for session in unsaved_sessions(app):
            try:
                # Markdown: readable anywhere, and what a person pastes into the journal.
                written.append(str(export_walk(session, app.now(), "md")))
            except OSError as error:
                from samverkan_tui.core.base.files import swedish_reason

                failed.append(swedish_reason(error))
        if written:
            self.message = "Exporterad till " + ", ".join(written) + ". Tryck a för att avsluta."
        elif failed:
            self.message = "Kunde inte exportera: " + "; ".join(failed)
        else:
            self.message = "Ingen genomgång är öppen att exportera."
        self._refresh()

    def action_quit_anyway(self) -> None:
        self.app.exit()

    def action_cancel(self) -> None:
        self.dismiss(None)
