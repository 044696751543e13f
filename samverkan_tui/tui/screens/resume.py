"""Unfinished walks on start: continue one, throw one away, or start anew.

Each walk is told apart by what distinguishes it at the desk: the routine, when it was
started (Stockholm time), its first answers (entry, akut or not), the role and progress.
Esc starts anew and keeps every walk; only "släng" (Delete), after a confirmation, deletes
one. Typing a letter starts anew too: the letters go to the start screen's filter, so
"botk⏎" opens Botkyrka and never resumes the walk that happened to be highlighted.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.dates import format_date_short, format_time
from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.tui.keys import bindings

SHOWN = 5  # the most recent few: an old walk is finished from `samverkan logg`


def walk_line(session: WalkSession, changes: list[str] | None = None) -> Text:
    routine = session.routine
    started = session.started_at.astimezone(STOCKHOLM)
    plan = session.plan(session.updated_at or session.started_at)
    answers = []
    for question in plan.asked[:2]:
        option = question.option(plan.answers[question.id])
        answers.append(option.label if option else plan.answers[question.id])
    handled, total = session.progress(plan)
    role = routine.role(session.role) if session.role else None
    text = Text(routine.short_title or routine.title, style="bold")
    text.append(f"\n  påbörjad {format_date_short(started.date())} kl. {format_time(started)}")
    if answers:
        text.append(" · " + " · ".join(answers))
    urgent = routine.is_urgent(plan.answers)
    if urgent is not None and routine.urgent_question not in plan.asked[:2]:
        text.append(" · akut" if urgent else " · inte akut")
    text.append(
        f"\n  {'roll ' + role.name + ' · ' if role else ''}{handled} av {total} steg hanterade"
        f" · {len(plan.asked)} svar",
        style="dim",
    )
    for line in changes or ():
        text.append(f"\n  ⚠ {line}", style="yellow")
    return text


class ResumeScreen(ModalScreen[WalkSession | None]):
    BINDINGS = bindings("ResumeScreen")

    def __init__(
        self,
        sessions: list[WalkSession],
        total: int,
        discard: Callable[[WalkSession], object],
        changes: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__()
        # What changed in the routine since a walk began, per walk id (core.compare).
        self.changes = changes or {}
        self.sessions = list(sessions[:SHOWN])
        self.more = max(0, total - len(self.sessions))
        self.discard_walk = discard  # callable(session) -> None, deletes it from the log
        # Letters typed here belong to the start screen's filter (a new walk).
        self.typed: Callable[[str], None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text(), classes="dialog-title", id="resume-title")
            yield OptionList(
                *[Option(walk_line(s, self.changes.get(s.id)), id=s.id) for s in self.sessions],
                id="resume-list",
            )
            more = f"{self.more} äldre visas i `samverkan logg lista`. " if self.more else ""
            yield Static(
                Text(
                    more + "Enter fortsätter · Delete slänger (frågar först) · "
                    "Esc eller skriv ett rutinnamn: ny genomgång (inget tas bort)",
                    style="dim",
                ),
                classes="dialog-footer",
            )

    def title_text(self) -> Text:
        walks = count_text(len(self.sessions) + self.more, "påbörjad genomgång", "påbörjade genomgångar")
        return Text(f"Du har {walks}. Fortsätta?", style="bold")

    def on_key(self, event: events.Key) -> None:
        """A letter or digit starts a new walk and goes to the start screen's filter."""
        if event.is_printable and event.character and event.character != "?":
            event.stop()
            event.prevent_default()
            typed, character = self.typed, event.character
            self.dismiss(None)
            if typed is not None:
                typed(character)

    def on_mount(self) -> None:
        found = self.query(OptionList)
        if not found:  # the app closed as the offer came (a Ctrl+Q at once): never composed
            return
        options = found.first()
        options.highlighted = 0
        options.focus()

    def _current(self) -> WalkSession | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        wanted = options.get_option_at_index(options.highlighted).id
        return next((s for s in self.sessions if s.id == wanted), None)

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        session = self._current()
        if session is not None:
            self.dismiss(session)

    def action_new(self) -> None:
        self.dismiss(None)

    def action_discard(self) -> None:
        from samverkan_tui.tui.screens.dialogs import ConfirmDialog

        session = self._current()
        if session is None:
            return

        def confirmed(ok: bool | None) -> None:
            if not ok:
                return
            self.discard_walk(session)
            self.sessions.remove(session)
            options = self.query_one(OptionList)
            options.remove_option(session.id)
            self.query_one("#resume-title", Static).update(self.title_text())
            self.notify("Genomgången är borttagen ur stegloggen.")
            if not self.sessions:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Släng den här genomgången?",
                walk_line(session).plain + "\n\nDen tas bort ur stegloggen och kan inte återställas.",
                yes="släng",
                no="behåll",
            ),
            confirmed,
        )
