"""A walk through one routine: question, answers so far, plan and contacts.

Everything shown comes from ``WalkSession.plan`` (core); this screen only routes keys
to the session and redraws. Every answer and tick is an event the step log writes at
once, so leaving the screen (or a crash) loses nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.events import Resize

from samverkan_tui.core.base.clock import STOCKHOLM
from samverkan_tui.core.base.config import save_config
from samverkan_tui.core.base.phone_numbers import keep_numbers_together
from samverkan_tui.core.base.swedish import count_text
from samverkan_tui.core.walk.call_now import call_advice
from samverkan_tui.core.walk.plan import only_role, question_count
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, MODE_CASE, NOT_APPLICABLE
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.answering import AnsweringScreen
from samverkan_tui.tui.styles import screen_css
from samverkan_tui.tui.widgets.answers import AnswersList
from samverkan_tui.tui.widgets.contacts import ContactsPanel
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.plan import PlanList
from samverkan_tui.tui.widgets.question import QuestionPanel
from samverkan_tui.tui.widgets.steady_static import SteadyStatic
from samverkan_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Moment, Question
    from samverkan_tui.core.walk.plan import Plan
    from samverkan_tui.core.walk.session import Event, StepState
    from samverkan_tui.steplog.store import StepLog

UNREACHABLE = "kontakt_ej_nadd"  # the deviation category that names which contact
NARROW = 110  # below this width the contacts panel collapses into the plan's lines


class WalkScreen(AnsweringScreen):
    BINDINGS = bindings("WalkScreen")
    DEFAULT_CSS = screen_css(__file__)

    def __init__(self, session: WalkSession) -> None:
        """A new walk (no events yet) or one resumed from the step log."""
        super().__init__()
        self.routine = session.routine
        self.session = session
        self.mode = session.mode
        self.role: str | None = None
        self._keys_on_offer: object = "-"
        self.only_mine = False  # "mina steg": a filter on the plan, never a re-sort
        self._asked_moments: set[str] = set()

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The layout's classes before the widgets are styled, not after: set in on_mount or
        # the first redraw, each restyled the whole screen before its first paint.
        app = samverkan_app(self)
        self.plan = plan = self.session.plan(app.now())
        question = self.current_question()
        self.set_class(app.size.width < NARROW, "narrow", update=False)
        self.set_class(question is not None and not plan.steps, "no-plan", update=False)
        yield TitleBar()
        yield SteadyStatic(id="walk-banner")
        # Whom to call right now, pinned above the plan at every size (core.walk.call_now).
        yield SteadyStatic(id="call-line")
        with Horizontal(id="walk"):
            with Vertical(id="walk-left"):
                yield QuestionPanel(id="question")
                yield AnswersList(id="answers")
            yield PlanList(id="plan")
            yield ContactsPanel(id="contacts")
        yield PriorityFooter()

    def on_mount(self) -> None:
        app = samverkan_app(self)
        if self.mode == MODE_CASE:
            if self.session.events:
                # Resumed, or opened by name with answers given (then the log may open
                # only once the walk is painted): stored, and every event from now on.
                app.when_step_log_ready(self._log_walk)
                self.session.listeners.append(self._open_log_on_first_change)
            else:
                self.store_from_first_event()
        self.sub_title = self.routine.short_title or self.routine.title
        self.set_class(app.size.width < NARROW, "narrow")
        self._asked_moments.update(self.session.moments)
        configured = app.config.role
        if self.session.role and self.routine.role(self.session.role) is not None:
            self.role = self.session.role  # a resumed walk opens in the role it was left in
            self.redraw()
        elif configured and self.routine.role(configured) is not None:
            self.role = configured
            self.redraw()
        else:
            self.redraw()
            self.action_choose_role()

    # -- the clock -----------------------------------------------------------------
    def minute_tick(self) -> None:
        """Bring what depends on the time up to date without a key: the call line, the
        contacts and the steps' open/closed marks. The app calls it on every whole minute
        (``SamverkanApp.minute_tick``). Nothing changed, nothing is redrawn (the widgets
        keep what they show when it is the same)."""
        if self.plan is None:
            return
        now = samverkan_app(self).now()
        self.plan = plan = self.session.plan(now)
        states = self.session.visible_states(plan)
        self.draw_time_dependent(plan, states, now)

    def _open_log_on_first_change(self, session: WalkSession, event: Event) -> None:
        session.listeners.remove(self._open_log_on_first_change)
        samverkan_app(self).open_step_log_soon()

    def _log_walk(self, log: StepLog | None) -> None:
        if log is not None:
            log.start(self.session)
        if self.shown():
            self.show_banner()  # "Sparas inte" if the log could not take the walk

    def log_started(self) -> None:
        self.remember_role()
        if self.shown():
            self.show_banner()  # the log may have opened after the walk was drawn

    def shown(self) -> bool:
        """Still on the screen stack (the log can open after the walk was left)."""
        return self.is_attached and self in self.app.screen_stack

    def remember_role(self) -> None:
        """The role is part of the walk once the walk exists (an empty walk is never stored)."""
        if self.role is not None and self.session.events and self.session.role != self.role:
            self.session.set_role(self.role, samverkan_app(self).now())

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    # -- drawing ------------------------------------------------------------------
    def current_question(self) -> Question | None:
        if self.editing is not None:
            return self.routine.question(self.editing)
        return self.plan.next_question if self.plan else None

    def redraw(self) -> None:
        now = samverkan_app(self).now()
        self.plan = plan = self.session.plan(now)
        question = self.current_question()
        self.query_one(QuestionPanel).show(
            question,
            len(plan.asked) + 1,
            question_count(self.routine, plan.answers),
            self.editing is not None,
        )
        self.query_one(AnswersList).show(plan)
        plan_list = self.query_one(PlanList)
        states = self.session.visible_states(plan)
        # While questions remain and nothing is planned yet, the question takes the room.
        self.set_class(question is not None and not plan.steps, "no-plan")
        self.draw_time_dependent(plan, states, now, keep_highlight=self.focused is plan_list)
        self.show_banner()
        if question is None:
            self.call_after_refresh(self.ask_moments)
        if question is not None:
            self.query_one(QuestionPanel).focus()
        elif self.focused is None or isinstance(self.focused, QuestionPanel):
            self.query_one(PlanList).focus()
        # The footer is rebuilt on refresh_bindings, which costs more than the whole redraw:
        # only ask for it when the keys on offer change (yes/no, choice, or no question).
        keys_on_offer = (None if question is None else question.kind, bool(plan.asked), self.session.finished)
        if keys_on_offer != self._keys_on_offer:
            self._keys_on_offer = keys_on_offer
            self.refresh_bindings()

    def draw_time_dependent(
        self, plan: Plan, states: dict[str, StepState], now: dt.datetime, keep_highlight: bool = True
    ) -> None:
        """The call line, the plan and the contacts: everything that changes with the hour."""
        mine = self.role if self.only_mine else None
        shown = plan if mine is None else only_role(plan, mine)
        self.query_one(PlanList).show(
            shown,
            states,
            now,
            keep_highlight=keep_highlight,
            progress=(len(states), len(plan.actions)),
            filtered=mine is not None,
        )
        self.query_one(ContactsPanel).show(plan, now)
        self.show_call_line(plan, states, now)

    def show_call_line(self, plan: Plan, states: dict[str, StepState], now: dt.datetime) -> None:
        line = self.query_one("#call-line", SteadyStatic)
        advice = call_advice(plan, states.keys(), now, self.role)
        if advice is None:
            line.display = False
            return
        style = "bold" if advice.call_now else "bold yellow"
        line.show_text(Text(f"☎ {keep_numbers_together(advice.text)}", style=style))
        line.set_class(bool(advice.call_now), "call")
        line.display = True

    def show_banner(self) -> None:
        parts = Text()
        app = samverkan_app(self)
        log = app.step_log
        problem = log.message_for(self.session) if log is not None else app.step_log_error
        if self.mode == MODE_CASE and problem:
            parts.append(
                f"⚠ Sparas inte: {problem} Tryck x för att exportera genomgången.\n",
                style="bold white on red",
            )
        remarks = self.remarks()
        # Remarks are for the routine's owners: one line, and v shows them all in a reader.
        if remarks:
            count = f"{len(remarks)} anmärkning" + ("ar" if len(remarks) > 1 else "")
            parts.append(f"⚠ {count} om rutinen (v visar)\n", style=remarks[0][1])
        if self.role:
            role = self.routine.role(self.role)
            mine = "mina steg" if self.only_mine else "alla steg"
            parts.append(
                f"Din roll: {role.name if role else self.role} (r byter) · visar {mine} (f växlar)",
                style="dim",
            )
        parts.rstrip()
        banner = self.query_one("#walk-banner", SteadyStatic)
        banner.show_text(parts)
        banner.display = bool(parts.plain.strip())

    # -- answering ------------------------------------------------------------------

    # -- steps ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.session.finished
        if action == "finish":
            return not self.session.finished
        return super().check_action(action, parameters)

    def action_reopen(self) -> None:
        """A finished walk takes changes again only when it is opened again, on purpose."""
        if self.session.finished:
            self.session.reopen(samverkan_app(self).now())
            self.notify("Genomgången är öppen igen.", timeout=5)
            self.redraw()
            self.refresh_bindings()

    @on(PlanList.StepAction)
    def step_action(self, message: PlanList.StepAction) -> None:
        if self.closed():
            return
        now = samverkan_app(self).now()
        step_id = message.step_id
        current = self.session.steps.get(step_id)
        if message.action == "toggle":
            self.session.toggle_done(step_id, now)
            step = self.routine.step(step_id)  # the plan's steps are the routine's
            for contact_id in step.contacts if step is not None else ():
                self.session.use_contact(contact_id, now)
        elif message.action == "not_applicable":
            if current and current.status == NOT_APPLICABLE:
                self.session.set_step(step_id, None, now)
            else:
                self.ask_reason(step_id, NOT_APPLICABLE, None, current)
                return
        elif message.action == "deviation":
            self.ask_deviation(step_id, current)
            return
        self.redraw()

    def ask_deviation(self, step_id: str, current: StepState | None) -> None:
        """Category, then an optional reason; a deviation already marked opens for editing."""
        from samverkan_tui.tui.screens.dialogs import DeviationDialog

        editing = current is not None and current.status == DEVIATION

        def chosen(category: str | None) -> None:
            if category == "":  # "ta bort avvikelsen", offered only when editing
                self.session.set_step(step_id, None, samverkan_app(self).now())
                self.redraw()
            elif category == UNREACHABLE:
                self.ask_contact(step_id, current)
            elif category is not None:
                self.ask_reason(step_id, DEVIATION, category, current)

        step = self.routine.step(step_id)
        self.app.push_screen(DeviationDialog(step.text if step is not None else step_id, editing), chosen)

    def ask_contact(self, step_id: str, current: StepState | None) -> None:
        """ "Kontakten kunde inte nås": which one, from the step's contacts (an id, never a name
        of a person), then the optional reason."""
        from samverkan_tui.tui.screens.dialogs import DigitDialog

        step = self.routine.step(step_id)
        contacts = [c for c in (self.routine.contact(i) for i in (step.contacts if step else ())) if c]
        if not contacts:
            self.ask_reason(step_id, DEVIATION, UNREACHABLE, current)
            return
        if len(contacts) == 1:
            self.ask_reason(step_id, DEVIATION, UNREACHABLE, current, contacts[0].id)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self.ask_reason(step_id, DEVIATION, UNREACHABLE, current, contacts[index].id)

        self.app.push_screen(
            DigitDialog("Vilken kontakt kunde inte nås?", [c.name for c in contacts]), chosen
        )

    def ask_reason(
        self,
        step_id: str,
        status: str,
        category: str | None,
        current: StepState | None,
        contact: str | None = None,
    ) -> None:
        """An optional reason, shown as it will be stored (scrubbed) before it is saved.

        Esc keeps the reason already given (editing a deviation never loses it), and saves
        none for a new one."""
        from samverkan_tui.tui.screens.dialogs import ConfirmDialog, TextDialog

        previous = current.comment if current is not None and current.status == status else ""

        def save(comment: str | None) -> None:
            self.session.set_step(
                step_id, status, samverkan_app(self).now(), category, comment or None, contact
            )
            self.redraw()

        def typed(text: str | None) -> None:
            if text is None:
                save(previous or None)
                return
            if not text.strip():
                save(None)
                return
            from samverkan_tui.steplog.scrub import routine_vocabulary, scrub_comment

            # The routine's own words are kept, as the step log keeps them when it writes.
            stored = scrub_comment(text, routine_vocabulary(self.routine)) or ""  # never empty

            def confirmed(ok: bool | None) -> None:
                if ok:
                    save(stored)
                else:
                    self.app.push_screen(TextDialog(title, hint, text), typed)

            self.app.push_screen(
                ConfirmDialog("Så här sparas orsaken i stegloggen:", stored, yes="spara", no="skriv om"),
                confirmed,
            )

        word = "avvikelsen" if status == DEVIATION else "att steget inte är aktuellt"
        title = f"Orsak till {word} (valfri)"
        keep = "Esc behåller orsaken" if previous else "Esc utan orsak"
        hint = f"Skriv aldrig namn, personnummer eller annat som pekar ut någon. Enter sparar · {keep}"
        self.app.push_screen(TextDialog(title, hint, previous or ""), typed)

    def report_change(self, before: set[str]) -> None:
        """After an answer changed: "2 steg föll bort, 3 nya" (what was done stays in the log)."""
        if self.plan is None or not before:
            return
        after = {p.id for p in self.plan.actions}
        gone, new = len(before - after), len(after - before)
        if gone:
            parts = [f"{gone} steg föll bort"] + ([f"{new} nya"] if new else [])
            self.notify(", ".join(parts) + ". Det som redan gjorts finns kvar i loggen.", timeout=6)

    def ask_moments(self) -> None:
        """Once the path is known, ask when things happened that deadlines count from."""
        if self.plan is None or not self.is_current:
            return
        now = samverkan_app(self).now
        for moment in self.plan.moments_needed:
            if moment.id in self._asked_moments:
                continue
            self._asked_moments.add(moment.id)
            from samverkan_tui.core.base.clock import NowError, parse_local_moment
            from samverkan_tui.tui.screens.dialogs import TextDialog

            def check(text: str) -> str | None:
                try:
                    parse_local_moment(text, now())
                except NowError as error:
                    return str(error)
                return None

            def given(text: str | None, moment: Moment = moment) -> None:
                started = self.session.started_at
                when = started if text is None else parse_local_moment(text, now())
                self.session.set_moment(moment.id, when, now())
                self.redraw()

            self.app.push_screen(
                TextDialog(
                    moment.question,
                    "Tidsfristerna räknas från den tidpunkten. Enter sparar "
                    "(till exempel 10.15, igår 16.40, 23/11 08.30) · Esc: när genomgången började",
                    value=f"{self.session.started_at.astimezone(STOCKHOLM):%Y-%m-%d %H.%M}",
                    check=check,
                ),
                given,
            )
            return

    def action_toggle_mine(self) -> None:
        if self.role is None:
            self.notify("Välj din roll först (r).")
            return
        self.only_mine = not self.only_mine
        self.redraw()

    def remarks(self) -> list[tuple[str, str]]:
        today = samverkan_app(self).now().date()
        remarks = []
        if self.routine.review_overdue(today):
            remarks.append((f"Rutinen: {self.routine.review_status(today)}", "bold red"))
        return remarks + [(r.text, "yellow") for r in self.routine.remarks if r.severity == "varning"]

    def action_toggle_remarks(self) -> None:
        """Every remark in full, in a reader that scrolls (the banner has room for one line)."""
        from samverkan_tui.tui.screens.dialogs import ReadingDialog

        remarks = self.remarks()
        if not remarks:
            self.notify("Rutinen har inga anmärkningar.")
            return
        body = Text()
        for number, (text, style) in enumerate(remarks, start=1):
            body.append(f"{number}. {text}\n\n", style=style)
        body.rstrip()
        self.app.push_screen(ReadingDialog("Anmärkningar om rutinen", body))

    def action_read_information(self) -> None:
        """The plan's information items in full (the plan shows each on one line), in the
        plan's order under their headings, in a reader that scrolls."""
        from samverkan_tui.core.routine.references import item_references
        from samverkan_tui.tui.screens.dialogs import ReadingDialog

        plan = self.plan
        if plan is None or all(p.checkable for p in plan.steps):
            self.notify("Planen har ingen information att läsa.")
            return
        shown = plan if not (self.only_mine and self.role) else only_role(plan, self.role)
        references = item_references(self.routine)
        body = Text()
        for part in shown.sections:
            information = [p for p in part.steps if not p.checkable]
            if not information:
                continue
            if part.section is not None and not part.continued:
                body.append(f"{part.section.title}\n", style="bold")
            for planned in information:
                reference = references.get(planned.id)
                if reference:
                    body.append(f"{reference} ", style="dim")
                body.append(f"{keep_numbers_together(planned.step.text)}\n", style="italic")
                for note in planned.step.notes:
                    body.append(f"{keep_numbers_together(note)}\n", style="italic dim")
            body.append("\n")
        body.rstrip()
        self.app.push_screen(ReadingDialog("Information i planen", body))

    # -- role, summary, export, finish ------------------------------------------------
    def action_choose_role(self) -> None:
        from samverkan_tui.tui.screens.dialogs import RoleDialog

        def chosen(result: tuple[str, bool] | None) -> None:
            if result is None:
                return
            role, remember = result
            self.role = role
            self.remember_role()
            if remember:
                config = samverkan_app(self).config
                save_config(config, role=role)
                config.role = role
                self.notify(f"Rollen sparas som standard i {config.path}.")
            self.redraw()

        self.app.push_screen(RoleDialog(self.routine.roles), chosen)

    def action_summary(self) -> None:
        from samverkan_tui.tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.session))

    def action_export(self) -> None:
        from samverkan_tui.tui.exporting import export_choices, export_walk
        from samverkan_tui.tui.screens.dialogs import DigitDialog

        choices = export_choices()

        def chosen(index: int | None) -> None:
            if index is None:
                return
            from samverkan_tui.export import ExportError

            try:
                path = export_walk(self.session, samverkan_app(self).now(), choices[index][0])
            except ExportError:
                # The calendar holds only dated actions; a plan without any has nothing to add.
                self.notify(
                    "Ingen kalender: planen har inga åtgärder med datum ännu.", severity="warning", timeout=8
                )
                return
            except OSError as error:
                self.notify(f"Kunde inte exportera: {error.strerror or error}", severity="error")
                return
            # The file name on a line of its own, so that a narrow toast never breaks it.
            from samverkan_tui.core.base.paths import export_warning

            warning = export_warning(path.parent)  # OneDrive or a network share: say so
            self.notify(
                f"Exporterad till mappen\n{path.parent}{os.sep}\nsom\n{path.name}"
                + (f"\n{warning}" if warning else ""),
                timeout=10,
            )

        self.app.push_screen(
            DigitDialog("Exportera genomgången som …", [label for _, label in choices]), chosen
        )

    def action_finish(self) -> None:
        """Finishing is deliberate: open actions are counted and confirmed first."""
        from samverkan_tui.tui.screens.dialogs import ConfirmDialog

        handled, total = self.session.progress(self.plan) if self.plan else (0, 0)
        left = total - handled
        if left <= 0:
            self.finish()
            return
        unhandled = count_text(left, "åtgärd är inte hanterad", "åtgärder är inte hanterade")

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.finish()

        self.app.push_screen(
            ConfirmDialog(
                f"{unhandled}. Avsluta genomgången ändå?",
                "En avslutad genomgång kan inte fortsättas, men finns kvar i stegloggen.",
                yes="avsluta",
                no="fortsätt arbeta",
            ),
            confirmed,
        )

    def finish(self) -> None:
        from samverkan_tui.tui.screens.dialogs import DigitDialog

        app = samverkan_app(self)
        self.session.finish(app.now())
        self.redraw()  # the footer offers o (öppna igen) instead of finishing
        saved = "" if app.step_log is None else " Den finns i stegloggen."

        def next_step(index: int | None) -> None:
            if index == 0:
                self.action_summary()
            elif index == 1:
                self.action_export()
            elif index == 2:
                self.app.pop_screen()
            # Esc (None): stay on the walk, as the dialog says; it is closed until reopened (o)

        self.app.push_screen(
            DigitDialog(
                "Genomgången är avslutad." + saved,
                ["Visa sammanfattningen för journalen", "Exportera genomgången", "Till startsidan"],
                "Välj med siffra · Esc stannar kvar",
            ),
            next_step,
        )

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The walk's commands in the palette: its keys that have a palette title (tui/keys.py)."""
        from samverkan_tui.tui.keys import palette_commands

        yield from palette_commands(self)
