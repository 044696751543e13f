"""A walk through one routine: question, answers so far, plan and contacts.

Everything shown comes from ``WalkSession.plan`` (core); this screen only routes keys
to the session and redraws. Every answer and tick is an event the step log writes at
once, so leaving the screen (or a crash) loses nothing.
"""

from __future__ import annotations

import gc

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Footer, Header, Static

from samverkan_tui.core.config import save_config
from samverkan_tui.core.model import Routine
from samverkan_tui.core.session import DEVIATION, MODE_CASE, NOT_APPLICABLE, WalkSession
from samverkan_tui.core.walk import Plan
from samverkan_tui.tui.screens.answering import AnsweringScreen
from samverkan_tui.tui.widgets.answers import AnswersList
from samverkan_tui.tui.widgets.contacts import ContactsPanel
from samverkan_tui.tui.widgets.plan import PlanList
from samverkan_tui.tui.widgets.question import QuestionPanel

NARROW = 110  # below this width the contacts panel collapses into the plan's lines


class WalkScreen(AnsweringScreen):
    BINDINGS = [
        Binding("r", "choose_role", "Roll", id="choose_role"),
        Binding("s", "summary", "Sammanfattning", id="summary"),
        Binding("x", "export", "Exportera", id="export"),
        Binding("ctrl+f", "finish", "Avsluta genomgång", id="finish"),
    ]

    def __init__(self, routine: Routine, session: WalkSession | None = None,
                 mode: str = MODE_CASE) -> None:
        super().__init__()
        self.routine = routine
        self.session = session
        self.mode = mode
        self.role: str | None = None
        self.editing: str | None = None  # a question asked again to change its answer
        self.plan: Plan | None = None
        self._keys_on_offer: str | None = "-"

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="walk-banner")
        with Horizontal(id="walk"):
            with Vertical(id="walk-left"):
                yield QuestionPanel(id="question")
                yield AnswersList(id="answers")
            yield PlanList(id="plan")
            yield ContactsPanel(id="contacts")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        if self.session is None:
            self.session = WalkSession(self.routine, app.now(), self.mode)
        log = app.step_log
        if log is not None and self.mode == MODE_CASE:
            if self.session.events:
                log.start(self.session)  # a resumed walk: already stored, keep listening
            else:
                self.session.listeners.append(self._start_log_on_first_event)
        self.sub_title = self.routine.short_title or self.routine.title
        self.set_class(self.app.size.width < NARROW, "narrow")
        gc.collect()
        gc.freeze()  # as at start-up: the routine and the screen live through the whole walk
        configured = app.config.role
        if configured and self.routine.role(configured) is not None:
            self.role = configured
            self.redraw()
        else:
            self.redraw()
            self.action_choose_role()

    def _start_log_on_first_event(self, session: WalkSession, event) -> None:
        # Opening a routine and leaving at once must not leave an empty walk to resume.
        session.listeners.remove(self._start_log_on_first_event)
        self.app.step_log.start(session)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # -- drawing ------------------------------------------------------------------
    def current_question(self):
        if self.editing is not None:
            return self.routine.question(self.editing)
        return self.plan.next_question if self.plan else None

    def redraw(self) -> None:
        now = self.app.now()
        self.plan = plan = self.session.plan(now, self.role)
        question = self.current_question()
        total = len(plan.asked) + len(plan.unanswered)
        self.query_one(QuestionPanel).show(question, len(plan.asked) + 1, total,
                                           self.editing is not None)
        self.query_one(AnswersList).show(plan)
        plan_list = self.query_one(PlanList)
        plan_list.show(plan, self.session.visible_states(plan), now,
                       keep_highlight=self.focused is plan_list)
        self.query_one(ContactsPanel).show(plan, now)
        self.show_banner()
        if question is not None:
            self.query_one(QuestionPanel).focus()
        elif self.focused is None or isinstance(self.focused, QuestionPanel):
            self.query_one(PlanList).focus()
        # The footer is rebuilt on refresh_bindings, which costs more than the whole redraw:
        # only ask for it when the keys on offer change (yes/no, choice, or no question).
        keys_on_offer = None if question is None else question.kind
        if keys_on_offer != self._keys_on_offer:
            self._keys_on_offer = keys_on_offer
            self.refresh_bindings()

    def show_banner(self) -> None:
        parts = Text()
        log = self.app.step_log
        problem = log.status_message if log is not None else self.app.step_log_error
        if self.mode == MODE_CASE and problem:
            parts.append(f"⚠ Sparas inte: {problem} Tryck x för att exportera genomgången.\n",
                         style="bold white on red")
        today = self.app.now().date()
        if self.routine.review_overdue(today):
            parts.append(f"⚠ Rutinen: {self.routine.review_status(today)}\n", style="bold red")
        for remark in self.routine.remarks:
            if remark.severity == "varning":
                parts.append(f"⚠ {remark.text}\n", style="yellow")
        if self.role:
            role = self.routine.role(self.role)
            parts.append(f"Din roll: {role.name if role else self.role} (r byter)", style="dim")
        banner = self.query_one("#walk-banner", Static)
        banner.update(parts)
        banner.display = bool(parts.plain.strip())

    # -- answering ------------------------------------------------------------------

    # -- steps ------------------------------------------------------------------------
    @on(PlanList.StepAction)
    def step_action(self, message: PlanList.StepAction) -> None:
        now = self.app.now()
        current = self.session.steps.get(message.step_id)
        if message.action == "toggle":
            self.session.toggle_done(message.step_id, now)
            for contact_id in self.routine.step(message.step_id).contacts:
                self.session.use_contact(contact_id, now)
        elif message.action == "not_applicable":
            new = None if current and current.status == NOT_APPLICABLE else NOT_APPLICABLE
            self.session.set_step(message.step_id, new, now)
        elif message.action == "deviation":
            if current and current.status == DEVIATION:
                self.session.set_step(message.step_id, None, now)
            else:
                from samverkan_tui.tui.screens.dialogs import DeviationDialog

                def chosen(category: str | None) -> None:
                    if category is not None:
                        self.session.set_step(message.step_id, DEVIATION, self.app.now(), category)
                        self.redraw()

                self.app.push_screen(DeviationDialog(self.routine.step(message.step_id).text), chosen)
                return
        self.redraw()

    # -- role, summary, export, finish ------------------------------------------------
    def action_choose_role(self) -> None:
        from samverkan_tui.tui.screens.dialogs import RoleDialog

        def chosen(result) -> None:
            if result is None:
                return
            role, remember = result
            self.role = role
            if remember:
                save_config(self.app.config, role=role)
                self.app.config.role = role
                self.notify(f"Rollen sparas som standard i {self.app.config.path}.")
            self.redraw()

        self.app.push_screen(RoleDialog(self.routine.roles), chosen)

    def action_summary(self) -> None:
        from samverkan_tui.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.session, self.role))

    def action_export(self) -> None:
        from samverkan_tui.tui.exporting import export_walk

        try:
            path = export_walk(self.session, self.app.now(), self.role)
        except OSError as error:
            self.notify(f"Kunde inte exportera: {error.strerror or error}", severity="error")
            return
        self.notify(f"Exporterad till {path}", timeout=8)

    def action_finish(self) -> None:
        self.session.finish(self.app.now())
        self.notify("Genomgången är avslutad." + ("" if self.app.step_log is None else
                                                   " Den finns i stegloggen."))
        self.app.pop_screen()

    def palette_commands(self):
        yield SystemCommand("Ändra roll", "Din roll visas först i planen", self.action_choose_role)
        yield SystemCommand("Sammanfattning för journalen", "Klara steg, avvikelser, öppna steg",
                            self.action_summary)
        yield SystemCommand("Exportera planen", "Skriv planen till en fil", self.action_export)
        yield SystemCommand("Avsluta genomgången", "Markera genomgången som klar",
                            self.action_finish)
        yield SystemCommand("Ta tillbaka senaste svaret", "Gå tillbaka en fråga", self.action_back)

