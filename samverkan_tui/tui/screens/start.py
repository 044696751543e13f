"""The start screen: the routines, filtered as you type; Enter opens one.

Routine files that could not be loaded are listed last, marked and greyed out, with the
file, line and fix: they cannot be opened, and every other routine works as usual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samverkan_tui.core.base.problems import Problem
from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.status import MODE_CASE
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from samverkan_tui.core.walk.session import WalkSession

BROKEN = "trasig:"  # option ids of files that failed to load


def broken_prompt(problem: Problem) -> Text:
    """``⛔ min-rutin.toml – kan inte öppnas`` and, below, where and what is wrong."""
    name = problem.file.rsplit("/", 1)[-1]
    where = f"rad {problem.line}: " if problem.line else ""
    detail = problem.message + (f" — {problem.hint}" if problem.hint else "")
    return Text.assemble(
        Text(f"⛔ {name} – har fel och kan inte öppnas", style="bold red"),
        Text(f"\n  {problem.file}\n  {where}{detail}", style="dim"),
    )


def routine_prompt(routine: Routine, today: dt.date) -> Text:
    title = Text(routine.short_title or routine.title, style="bold")
    status = routine.review_status(today)
    meta = Text(f"\n  {', '.join(routine.units)} · version {routine.version} · ", style="dim")
    mark = Text(status, style="bold red" if routine.review_overdue(today) else "dim")
    if routine.review_overdue(today):
        mark = Text("⚠ " + status, style="bold red")
    return Text.assemble(title, meta, mark)


class StartScreen(Screen[None]):
    """Pick a routine. Typing filters; arrows move; Enter opens."""

    BINDINGS = bindings("StartScreen")

    openable = 0  # options before the broken files; only these can be highlighted and opened

    def __init__(self, build_later: bool = False) -> None:
        """``build_later``: under a walk opened by name (`samverkan ID`), the screen stays
        empty until it is shown, when the walk is left (``build``)."""
        super().__init__()
        self.built = not build_later
        self._covered = False

    def compose(self) -> ComposeResult:
        if not self.built:
            return
        # No container around the four: each node costs start-up (styled twice before the
        # first paint), and the screen's own vertical layout is all they need.
        yield TitleBar()
        yield Static("Välj rutin – skriv för att filtrera, Enter öppnar", id="start-hint")
        yield Input(placeholder="Filtrera rutiner …", id="filter")
        yield OptionList(id="routines")
        yield Static(id="start-status")
        yield PriorityFooter()

    def on_mount(self) -> None:
        if self.built:
            self.ready()

    def on_screen_suspend(self) -> None:
        self._covered = True

    async def on_screen_resume(self) -> None:
        if not self.built and self._covered and self.app.screen is self:
            await self.build()

    async def build(self) -> None:
        """Compose the screen that was left empty under a walk, and make it ready."""
        if self.built:
            return
        self.built = True
        await self.recompose()
        self.ready()

    def ready(self) -> None:
        self.refresh_list("")
        self.query_one("#filter", Input).focus()
        self.call_after_refresh(samverkan_app(self).first_screen_ready)  # opens the step log, too
        self.call_after_refresh(self.offer_resume)

    def routines(self) -> list[Routine]:
        return samverkan_app(self).catalog.routines()

    def refresh_list(self, text: str) -> None:
        needle = text.strip().lower()
        app = samverkan_app(self)
        today = app.now().date()
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        for routine in self.routines():
            haystack = " ".join((routine.id, routine.title, routine.short_title, *routine.units)).lower()
            if all(word in haystack for word in needle.split()):
                options.add_option(Option(routine_prompt(routine, today), id=routine.id))
        self.openable = options.option_count
        for index, problem in enumerate(app.catalog.broken()):
            if all(word in problem.file.lower() for word in needle.split()):
                options.add_option(Option(broken_prompt(problem), id=f"{BROKEN}{index}", disabled=True))
        if not options.option_count and needle:
            options.add_option(
                Option(
                    Text(f"Inga rutiner matchar ”{text.strip()}”. Esc rensar filtret.", style="dim"),
                    disabled=True,
                )
            )
        options.highlighted = 0 if self.openable else None
        self.show_status()

    def show_status(self) -> None:
        """Warnings that concern the whole screen: the step log, broken files, the config."""
        app = samverkan_app(self)
        lines = []
        if app.step_log_error:
            lines.append(f"⚠ Stegloggen kan inte användas: {app.step_log_error} Inget sparas.")
        broken = len(app.catalog.broken())
        if broken:
            files = count_text(broken, "rutinfil har", "rutinfiler har")
            lines.append(
                f"⚠ {files} fel och kan inte öppnas (se listan; rätta med "
                "samverkan kontrollera). De andra rutinerna fungerar."
            )
        lines += [f"⚠ {warning}" for warning in app.config.warnings]
        self.query_one("#start-status", Static).update(Text("\n".join(lines), style="bold red"))

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.refresh_list(event.value)

    @on(OptionList.OptionSelected, "#routines")
    def routine_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_routine(event.option.id)

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if self.openable:  # broken files, listed last, cannot be highlighted
            current = options.highlighted or 0
            options.highlighted = max(0, min(self.openable - 1, current + delta))

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_open(self) -> None:
        # Filter on what the field holds now: the change event may not have run yet.
        self.refresh_list(self.query_one("#filter", Input).value)
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None or options.highlighted >= self.openable:
            self.notify("Ingen rutin som kan öppnas matchar filtret.", severity="warning")
            return
        self.open_routine(options.get_option_at_index(options.highlighted).id)

    def open_routine(self, routine_id: str | None, session: WalkSession | None = None) -> None:
        """Open a new walk through the routine, or continue ``session`` (resumed from the log)."""
        from samverkan_tui.core.walk.session import WalkSession
        from samverkan_tui.tui.screens.walk import WalkScreen

        app = samverkan_app(self)
        routine = app.catalog.get(routine_id or "")
        if routine is not None:
            app.push_screen(WalkScreen(session or WalkSession(routine, app.now())))

    def action_training(self) -> None:
        from samverkan_tui.tui.screens.training import open_training

        options = self.query_one("#routines", OptionList)
        highlighted = options.highlighted
        open_training(
            samverkan_app(self),
            focus=options.get_option_at_index(highlighted).id
            if highlighted is not None and highlighted < self.openable
            else None,
        )

    def action_statistics(self) -> None:
        from samverkan_tui.tui.screens.statistics import open_statistics

        open_statistics(samverkan_app(self))

    def action_review(self) -> None:
        from samverkan_tui.tui.screens.review import ReviewScreen

        options = self.query_one("#routines", OptionList)
        if options.highlighted is None or options.get_option_at_index(options.highlighted).disabled:
            self.notify("Välj en rutin att granska.", severity="warning")
            return
        routine = samverkan_app(self).catalog.get(options.get_option_at_index(options.highlighted).id or "")
        if routine is not None:
            self.app.push_screen(ReviewScreen(routine))

    # -- resuming -------------------------------------------------------------
    def offer_resume(self) -> None:
        self.show_status()
        app = samverkan_app(self)
        log = app.step_log
        # `samverkan öva` and `samverkan ID` (a walk asked for by name): no offer
        if log is None or app.training_routine is not None or app.direct_walk is not None:
            return
        catalog = app.catalog
        # Unfinished case walks (not exercises) of routines still in the catalog, newest first.
        unfinished = [
            (info, routine)
            for info in log.unfinished()
            if info.mode == MODE_CASE and (routine := catalog.get(info.routine_id)) is not None
        ]
        if not unfinished:
            return
        from samverkan_tui.tui.screens.resume import SHOWN, ResumeScreen

        unfinished.sort(key=lambda pair: pair[0].updated_at, reverse=True)
        sessions = [log.resume(info.id, routine) for info, routine in unfinished[:SHOWN]]
        changes = {}
        for info, routine in unfinished[:SHOWN]:
            if info.content_hash != routine.content_hash:
                from samverkan_tui.core.manage.compare import changes_for_walk

                # The log keeps ids, not the old file: say what of this walk is gone.
                step_ids = sorted({e.step for e in log.events(info.id) if e.step})
                changes[info.id] = changes_for_walk(None, routine, step_ids)

        def chosen(session: WalkSession | None) -> None:
            if session is not None:
                self.open_routine(session.routine.id, session=session)

        offer = ResumeScreen(sessions, len(unfinished), lambda s: log.discard(s.id), changes)
        offer.typed = self.type_into_filter
        self.app.push_screen(offer, chosen)

    def type_into_filter(self, text: str) -> None:
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(text)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The start screen's commands in the palette (registered in tui/palette.py)."""
        for routine in self.routines():
            yield SystemCommand(
                f"Öppna {routine.short_title or routine.title}",
                routine.id,
                lambda rid=routine.id: self.open_routine(rid),
            )
        from samverkan_tui.tui.keys import palette_commands

        yield from palette_commands(self)  # its keys with a palette title (tui/keys.py)
