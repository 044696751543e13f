"""Unfinished walks on start: continue one, throw one away, or start anew.

Each walk is told apart by what distinguishes it at the desk: the routine, when it was
started (Stockholm time), its first answers (entry, akut or not), the role and progress.
Esc starts anew and keeps every walk; only "släng", after a confirmation, deletes one.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.dates import format_date_short, format_time
from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.core.walk.session import WalkSession

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
    text.append(
        f"\n  {'roll ' + role.name + ' · ' if role else ''}{handled} av {total} steg hanterade"
        f" · {len(plan.asked)} svar",
        style="dim",
    )
    for line in changes or ():
        text.append(f"\n  ⚠ {line}", style="yellow")
    return text


class ResumeScreen(ModalScreen[WalkSession | None]):
    BINDINGS = [
        Binding("enter", "resume", "Fortsätt", id="resume", priority=True),
        Binding("d", "discard", "Släng", id="discard"),
        Binding("n,escape", "new", "Ny genomgång", id="new"),
    ]

    def __init__(
        self, sessions: list[WalkSession], total: int, discard, changes: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__()
        # What changed in the routine since a walk began, per walk id (core.compare).
        self.changes = changes or {}
        self.sessions = list(sessions[:SHOWN])
        self.more = max(0, total - len(self.sessions))
        self.discard_walk = discard  # callable(session) -> None, deletes it from the log

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            count = len(self.sessions) + self.more
            walks = count_text(count, "påbörjad genomgång", "påbörjade genomgångar")
            yield Static(Text(f"Du har {walks}. Fortsätta?", style="bold"), classes="dialog-title")
            yield OptionList(
                *[Option(walk_line(s, self.changes.get(s.id)), id=s.id) for s in self.sessions],
                id="resume-list",
            )
            more = f"{self.more} äldre visas i `samverkan logg lista`. " if self.more else ""
            yield Static(
                Text(
                    more + "Enter fortsätter · d slänger (frågar först) · "
                    "n/Esc ny genomgång (inget tas bort)",
                    style="dim",
                ),
                classes="dialog-footer",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
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
