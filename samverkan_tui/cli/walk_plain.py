"""`samverkan gå ID`: a routine walked line by line, for screen readers and plain consoles.

A screen reader (NVDA, JAWS) reads a console line by line; a full-screen redraw is noise to
it. So this walk only ever appends lines: one question with its help text and numbered
answers, then what the answer changed ("3 nya steg: …"), never a redraw, no colour, no
cursor movement. It is the app's walk without the screen: the same plan
(``core.walk.plan``), the same session and step log (a walk begun in the app can be
continued here and the other way round), the same scrubber for reasons and the same
documents for the summary and the exports.

Input is read a line at a time from standard input, so the walk can also be driven through
a pipe; when standard input is not a terminal, each line read is written after its prompt,
so the output reads as a transcript in order.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import STATE, AnswersOption, InkomOption, NowOption, RoutineArgument
from samverkan_tui.core.base.swedish import count_text

if TYPE_CHECKING:
    import datetime as dt

    from samverkan_tui.core.routine.model import Contact, Question, Routine
    from samverkan_tui.core.walk.plan import Plan, PlannedStep
    from samverkan_tui.core.walk.session import Event, StepState, WalkSession
    from samverkan_tui.steplog.store import StepLog

# The commands at the prompt: (words that call it, what it does), in the order `?` lists them.
COMMANDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("plan", "p"), "plan", "hela planen i rutinens ordning, med vem du ringer nu"),
    (("nästa", "nasta"), "nästa", "nästa åtgärd som inte är hanterad"),
    (("klar", "k"), "klar N", "åtgärd N är gjord"),
    (("ej", "e"), "ej N [ORSAK]", "åtgärd N är inte aktuell, med en orsak om du vill"),
    (("avvikelse", "a"), "avvikelse N", "åtgärd N kunde inte följas: kategori, sedan orsak"),
    (("ångra", "angra"), "ångra N", "ta bort markeringen på åtgärd N"),
    (("ändra", "andra", "ä"), "ändra [FRÅGA]", "ändra ett svar (frågans nummer eller id)"),
    (("ring", "r"), "ring", "kontakterna nu: öppet eller stängt, och vem du ringer annars"),
    (("sammanfattning", "s"), "sammanfattning", "vad som gjorts och vad som återstår"),
    (("exportera", "x"), "exportera FORMAT [FIL]", "spara genomgången som pdf, html, md, text eller ics"),
    (("avsluta",), "avsluta", "lämna genomgången (den sparas och kan fortsättas)"),
    (("?", "hjälp", "hjalp"), "?", "den här listan"),
)
_COMMAND_BY_WORD = {word: words[0] for words, _, _ in COMMANDS for word in words}

_YES_WORDS = ("j", "ja", "y")
_NO_WORDS = ("n", "nej")
SHOWN_UNFINISHED = 5  # walks offered to continue, newest first
REASON_HINT = (
    "Orsak, om du vill (tom rad: utan orsak). Skriv aldrig namn, personnummer eller annat som pekar ut någon."
)


@command(
    app,
    "gå",
    "ga",
    short_help="Gå igenom en rutin rad för rad, utan helskärm (för skärmläsare).",
    epilog=examples(
        "samverkan gå rvt-bou",
        "samverkan gå botkyrka-forskola-skola --svar verksamhet=skola",
        after="Skriv ? vid prompten för kommandona: plan, nästa, klar N, ring och fler. "
        "Genomgången sparas i samma steglogg som appens och kan fortsättas i appen.",
    ),
)
def walk_plain(
    routine_id: RoutineArgument,
    svar: AnswersOption = None,
    inkom: InkomOption = None,
    ny: Annotated[
        bool, typer.Option("--ny", help="Börja en ny genomgång utan att fråga om en påbörjad.")
    ] = False,
    now: NowOption = None,
) -> None:
    """Gå igenom en rutin rad för rad: en fråga i taget med numrerade svar, sedan bara det
    som ändrades. Ingen helskärm, ingen färg: för skärmläsare och enkla terminaler."""
    routine, answers = STATE.routine_with_answers(routine_id, svar)
    moments = STATE.moments(routine, inkom)
    clock: Callable[[], dt.datetime] = lambda: STATE.now(now)  # noqa: E731
    clock()  # a bad --now: one line and exit 2 before anything is asked
    walk = PlainWalk(routine, clock, sys.stdin, sys.stdout)
    walk.run(answers, moments, new=ny or bool(answers))


class _Leave(Exception):
    """End of input, or `avsluta`: leave the walk (it stays in the step log)."""


class PlainWalk:
    """One walk at the console. Every method only appends lines."""

    def __init__(
        self, routine: Routine, clock: Callable[[], dt.datetime], stdin: TextIO, stdout: TextIO
    ) -> None:
        from samverkan_tui.core.routine.references import item_references

        self.routine = routine
        self.clock = clock
        self.stdin = stdin
        self.stdout = stdout
        self.echo = not _is_terminal(stdin)  # a pipe: write what was read, as a transcript
        self.references = item_references(routine)
        self.log: StepLog | None = None
        self.session: WalkSession | None = None
        self._moments_asked: set[str] = set()

    # -- output and input ------------------------------------------------------------
    @property
    def width(self) -> int:
        from samverkan_tui.cli.common import terminal_width

        return terminal_width()

    def say(self, text: str = "", indent: str = "", first: str | None = None) -> None:
        """``text`` wrapped to the terminal, never inside a word or a number."""
        from samverkan_tui.cli.common import wrapped

        for line in wrapped(text, self.width, indent, first) if text else [""]:
            self.stdout.write(line.rstrip() + "\n")

    def ask(self, prompt: str) -> str:
        """One line of input after ``prompt``; end of input leaves the walk."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise _Leave
        text = line.rstrip("\r\n")
        if self.echo:
            self.stdout.write(text + "\n")
        return text.strip()

    # -- the walk ----------------------------------------------------------------------
    def run(self, answers: dict[str, str], moments: dict[str, dt.datetime], *, new: bool) -> None:
        routine = self.routine
        self.say(f"{routine.title} (version {routine.version})")
        self.say("Svara med siffran framför svaret, eller j och n. Skriv ? för kommandona.")
        self._open_log()
        try:
            session = self._choose_session(new)
            self.session = session
            now = self.clock()
            for question_id, value in answers.items():
                session.answer(question_id, value, now)
            for moment_id, when in moments.items():
                session.set_moment(moment_id, when, now)
                self._moments_asked.add(moment_id)
            if answers:
                self.say(count_text(len(session.plan(now).actions), "åtgärd", "åtgärder") + " i planen.")
            self._loop()
        except _Leave:
            self._left()
        finally:
            if self.log is not None:
                if self.log.status_message:
                    print(f"samverkan: varning: {self.log.status_message}", file=sys.stderr)
                self.log.close()

    def _open_log(self) -> None:
        from samverkan_tui.steplog.store import StepLog, StepLogError

        try:
            self.log = StepLog.open(config=STATE.config())
        except StepLogError as error:
            print(f"samverkan: varning: {error}; genomgången sparas inte", file=sys.stderr)

    def _choose_session(self, new: bool) -> WalkSession:
        """A walk of this routine left unfinished (in the app or here), or a new one."""
        from samverkan_tui.core.walk.session import WalkSession
        from samverkan_tui.core.walk.status import MODE_CASE
        from samverkan_tui.export.document import short_when_text

        log = self.log
        unfinished = []
        if log is not None and not new:
            unfinished = sorted(
                (i for i in log.unfinished() if i.mode == MODE_CASE and i.routine_id == self.routine.id),
                key=lambda info: info.updated_at,
                reverse=True,
            )[:SHOWN_UNFINISHED]
        if unfinished:
            self.say()
            self.say(
                count_text(len(unfinished), "påbörjad genomgång", "påbörjade genomgångar")
                + " av rutinen finns i stegloggen:"
            )
            for number, info in enumerate(unfinished, start=1):
                self.say(
                    f"påbörjad {short_when_text(info.started_at)}, senast ändrad "
                    f"{short_when_text(info.updated_at)}, "
                    + count_text(info.answered, "svar", "svar")
                    + ", "
                    + count_text(info.steps_handled, "åtgärd hanterad", "åtgärder hanterade"),
                    " " * len(f"{number}. "),
                    f"{number}. ",
                )
            while True:
                self.say("Fortsätta? Skriv numret (j: den senaste), eller n för en ny genomgång.")
                choice = self.ask("Fortsätta: ").lower()
                if choice in _NO_WORDS:
                    break
                picked = 1 if choice in _YES_WORDS else _number(choice)
                if picked is not None and 1 <= picked <= len(unfinished):
                    info = unfinished[picked - 1]
                    assert log is not None  # unfinished walks come from the log
                    session = log.resume(info.id, self.routine)
                    if info.content_hash != self.routine.content_hash:
                        self.say(
                            "Obs: rutinen har ändrats sedan genomgången påbörjades; åtgärder som "
                            "inte längre finns visas inte men finns kvar i loggen."
                        )
                    self.say("Genomgången fortsätter.")
                    self._moments_asked.update(session.moments)
                    return session
                self.say(f"Skriv ett nummer från 1 till {len(unfinished)}, j eller n.")
        session = WalkSession(self.routine, self.clock())
        if log is not None:
            # Stored from its first event, as in the app: opening and leaving leaves nothing.
            session.listeners.append(self._store_from_first_event)
        return session

    def _store_from_first_event(self, session: WalkSession, event: Event) -> None:
        session.listeners.remove(self._store_from_first_event)
        if self.log is not None:
            self.log.start(session)

    def _loop(self) -> None:
        session = self._session
        announced_complete = False
        while True:
            plan = session.plan(self.clock())
            question = plan.next_question
            if question is not None:
                announced_complete = False
                self._show_question(question, plan)
                line = self.ask("Svar: ")
                value = _answer_value(question, line)
                if value is not None:
                    self._answer(question, value)
                elif line:
                    self._command(line, question)
                continue
            if not announced_complete:
                announced_complete = True
                self._ask_moments(plan)
                plan = session.plan(self.clock())
                self.say()
                self.say(
                    "Alla frågor är besvarade. "
                    + count_text(len(plan.actions), "åtgärd", "åtgärder")
                    + " i planen; "
                    + _handled_text(session, plan)
                    + ". Skriv plan för hela planen, nästa för nästa åtgärd, ? för kommandona."
                )
            line = self.ask("Kommando: ")
            if line:
                self._command(line, None)

    @property
    def _session(self) -> WalkSession:
        assert self.session is not None, "the walk has begun"
        return self.session

    def _show_question(self, question: Question, plan: Plan) -> None:
        from samverkan_tui.core.walk.plan import question_count

        number = len(plan.asked) + 1
        total = question_count(self.routine, plan.answers)
        self.say()
        counter = f"Fråga {number} av {total}" if total else f"Fråga {number}"
        self.say(f"{counter}: {question.text}")
        for index, option in enumerate(question.options, start=1):
            self.say(option.label, "   ", f"{index}. ")
        if question.help:
            self.say(question.help, "", "Hjälp: ")

    def _answer(self, question: Question, value: str) -> None:
        """Apply an answer and say only what it changed in the plan."""
        session = self._session
        before = session.plan(self.clock())
        before_ids = {p.id for p in before.actions}
        session.answer(question.id, value, self.clock())
        after = session.plan(self.clock())
        new = [(n, p) for n, p in enumerate(after.actions, start=1) if p.id not in before_ids]
        gone = len(before_ids - {p.id for p in after.actions})
        if gone:
            self.say(
                count_text(gone, "åtgärd föll bort", "åtgärder föll bort")
                + " ur planen; det som redan gjorts finns kvar i loggen."
            )
        if new:
            self.say(count_text(len(new), "ny åtgärd", "nya åtgärder") + ":")
            states = session.visible_states(after)
            for number, planned in new:
                self._action(number, planned, states.get(planned.id), calls=False)
        elif not gone:
            self.say("Inga nya åtgärder.")

    def _ask_moments(self, plan: Plan) -> None:
        """Once the path is known: when did what the deadlines count from happen?"""
        from samverkan_tui.core.base.clock import NowError, parse_local_moment

        for moment in plan.moments_needed:
            if moment.id in self._moments_asked or moment.id in self._session.moments:
                continue
            self._moments_asked.add(moment.id)
            self.say()
            self.say(
                f"{moment.question} Tidsfristerna räknas därifrån. Skriv till exempel 10.15, "
                "igår 16.40 eller 23/11 08.30; tom rad: när genomgången började."
            )
            while True:
                text = self.ask("Tidpunkt: ")
                if not text:
                    when = self._session.started_at
                    break
                try:
                    when = parse_local_moment(text, self.clock())
                    break
                except NowError as error:
                    self.say(str(error))
            self._session.set_moment(moment.id, when, self.clock())

    # -- commands ------------------------------------------------------------------------
    def _command(self, line: str, question: Question | None) -> None:
        word, _, rest = line.partition(" ")
        name = _COMMAND_BY_WORD.get(word.lower())
        rest = rest.strip()
        if name is None:
            if question is not None:
                self.say(
                    f"Svara med en siffra från 1 till {len(question.options)}"
                    + (", eller j eller n" if question.kind == "ja_nej" else "")
                    + ". Skriv ? för kommandona."
                )
            else:
                self.say(f"Okänt kommando {word!r}. Skriv ? för kommandona.")
            return
        handlers: dict[str, Callable[[str], None]] = {
            "plan": lambda _: self._plan(),
            "nästa": lambda _: self._next(),
            "klar": self._done,
            "ej": self._not_applicable,
            "avvikelse": self._deviation,
            "ångra": self._undo,
            "ändra": self._change,
            "ring": lambda _: self._calls(),
            "sammanfattning": lambda _: self._summary(),
            "exportera": self._export,
            "avsluta": lambda _: self._finish(),
            "?": lambda _: self._help(),
        }
        handlers[name](rest)

    def _help(self) -> None:
        self.say("Kommandon (ett ord, eller bokstaven inom parentes):")
        for words, usage, what in COMMANDS:
            letter = next((w for w in words[1:] if len(w) == 1 and w != "?"), "")
            self.say(what, "      ", f"  {usage}" + (f" ({letter})" if letter else "") + ": ")
        self.say(
            "Vid en fråga: siffran framför svaret, eller j och n. Ctrl+D (i Windows Ctrl+Z och "
            "Enter) lämnar också; genomgången sparas och kan fortsättas här eller i appen."
        )

    def _plan(self) -> None:
        plan = self._session.plan(self.clock())
        if not plan.actions:
            self.say("Planen har inga åtgärder än: svara på frågorna först.")
            return
        states = self._session.visible_states(plan)
        numbers = {p.id: n for n, p in enumerate(plan.actions, start=1)}
        self.say()
        size = count_text(len(plan.actions), "åtgärd", "åtgärder")
        self.say(f"Planen: {size}, {_handled_text(self._session, plan)}.")
        self._call_line(plan)
        for part in plan.sections:
            actions = [p for p in part.steps if p.checkable]
            if not actions:
                continue
            if part.section is not None and not part.continued:
                self.say()
                self.say(part.section.title + ":")
            for planned in actions:
                self._action(numbers[planned.id], planned, states.get(planned.id), calls=True)

    def _call_line(self, plan: Plan) -> None:
        """The app's pinned line, decided in the core (``core.walk.call_now``): whom to call
        now for the next open action, open or not, else the fallback, for the user's role."""
        from samverkan_tui.core.walk.call_now import call_advice

        role = STATE.config().role
        role = role if role and self.routine.role(role) is not None else None
        advice = call_advice(plan, self._session.visible_states(plan).keys(), plan.now, role)
        if advice is not None:
            self.say(advice.text)

    def _next(self) -> None:
        plan = self._session.plan(self.clock())
        self._call_line(plan)
        states = self._session.visible_states(plan)
        for number, planned in enumerate(plan.actions, start=1):
            if planned.id not in states:
                self._action(number, planned, None, calls=True)
                self.say(f"Skriv klar {number} när den är gjord.")
                return
        if plan.next_question is not None:
            self.say("Alla åtgärder hittills är hanterade; svara på nästa fråga.")
        else:
            self.say("Alla åtgärder är hanterade. Skriv avsluta när genomgången är klar.")

    def _action(self, number: int, planned: PlannedStep, state: StepState | None, *, calls: bool) -> None:
        """One action: number, status, whose, text, reference, due date, warnings, whom to call."""
        from samverkan_tui.core.walk.due_text import due_line
        from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES, status_label

        step = planned.step
        role = self.routine.role(step.role)
        text = f"({role.name}) {step.text}" if role is not None else step.text
        reference = self.references.get(step.id)
        if reference:
            text += f" ({reference})"
        first = f"{number}. "
        if state is not None:
            first += f"[{status_label(state.status)}] "
        self.say(text, " " * len(f"{number}. "), first)
        indent = " " * len(f"{number}. ")
        if state is not None and state.status == DEVIATION and state.category:
            category = DEVIATION_CATEGORIES.get(state.category, state.category)
            self.say(category, indent + "  ", indent + "Avvikelse: ")
        if state is not None and state.comment:
            self.say(state.comment, indent + "  ", indent + "Orsak: ")
        due = due_line(planned)
        if due:
            self.say(due, indent + "  ", indent)
        for warning in step.warnings:
            self.say(warning, indent + "  ", indent + "Varning: ")
        if calls and state is None:
            for line in call_lines(self._session.plan(self.clock()), planned.contacts):
                self.say(line, indent + "  ", indent)

    def _calls(self) -> None:
        plan = self._session.plan(self.clock())
        if not plan.contacts:
            self.say("Planen har inga kontakter än.")
            return
        from samverkan_tui.core.base.dates import format_date, format_time

        self.say(f"Kontakter {format_date(plan.now.date())} kl. {format_time(plan.now)}:")
        for line in call_lines(plan, plan.contacts):
            self.say(line, "  ", "- ")

    def _planned(self, argument: str) -> tuple[int, PlannedStep] | None:
        """Action number ``argument`` of the plan now, or say why not."""
        plan = self._session.plan(self.clock())
        number = _number(argument.split(" ", 1)[0]) if argument else None
        if not plan.actions:
            self.say("Planen har inga åtgärder än: svara på frågorna först.")
            return None
        if number is None or not 1 <= number <= len(plan.actions):
            self.say(f"Ange åtgärdens nummer, 1 till {len(plan.actions)} (skriv plan för att se dem).")
            return None
        return number, plan.actions[number - 1]

    def _done(self, argument: str) -> None:
        from samverkan_tui.core.walk.status import DONE

        found = self._planned(argument)
        if found is None:
            return
        number, planned = found
        now = self.clock()
        self._session.set_step(planned.id, DONE, now)
        for contact_id in planned.step.contacts:  # as in the app: ticking a call uses its contacts
            self._session.use_contact(contact_id, now)
        self._marked(number, planned)

    def _undo(self, argument: str) -> None:
        found = self._planned(argument)
        if found is None:
            return
        number, planned = found
        if planned.id not in self._session.steps:
            self.say(f"Åtgärd {number} är inte markerad.")
            return
        self._session.set_step(planned.id, None, self.clock())
        self._marked(number, planned)

    def _not_applicable(self, argument: str) -> None:
        from samverkan_tui.core.walk.status import NOT_APPLICABLE

        found = self._planned(argument)
        if found is None:
            return
        number, planned = found
        typed = argument.split(" ", 1)[1].strip() if " " in argument else None
        comment = self._reason(typed)
        self._session.set_step(planned.id, NOT_APPLICABLE, self.clock(), None, comment)
        self._marked(number, planned)

    def _deviation(self, argument: str) -> None:
        from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES

        found = self._planned(argument)
        if found is None:
            return
        number, planned = found
        categories = list(DEVIATION_CATEGORIES.items())
        self.say(f"Vad hände med åtgärd {number}?")
        for index, (_, label) in enumerate(categories, start=1):
            self.say(label, "   ", f"{index}. ")
        while True:
            choice = self.ask("Kategori (tom rad: avbryt): ")
            if not choice:
                self.say("Ingen avvikelse sparad.")
                return
            picked = _number(choice)
            if picked is not None and 1 <= picked <= len(categories):
                break
            self.say(f"Skriv en siffra från 1 till {len(categories)}.")
        comment = self._reason(None)
        self._session.set_step(planned.id, DEVIATION, self.clock(), categories[picked - 1][0], comment)
        self._marked(number, planned)

    def _reason(self, typed: str | None) -> str | None:
        """An optional reason, shown as the step log will store it (scrubbed) before it is saved."""
        from samverkan_tui.steplog.scrub import scrub_comment

        if typed is None:
            self.say(REASON_HINT)
            typed = self.ask("Orsak: ")
        while typed:
            stored = scrub_comment(typed) or ""
            self.say(stored, "  ", "Så här sparas orsaken i stegloggen: ")
            answer = self.ask("Spara så? (j/n): ").lower()
            if answer in _YES_WORDS:
                return stored
            if answer not in _NO_WORDS:
                self.say("j sparar, n skriver om.")
                continue
            self.say(REASON_HINT)
            typed = self.ask("Orsak: ")
        return None

    def _marked(self, number: int, planned: PlannedStep) -> None:
        from samverkan_tui.core.walk.status import status_label

        plan = self._session.plan(self.clock())
        state = self._session.visible_states(plan).get(planned.id)
        what = f"markerad som {status_label(state.status)}" if state is not None else "inte längre markerad"
        self.say(f"Åtgärd {number} {what}; {_handled_text(self._session, plan)}.")

    def _change(self, argument: str) -> None:
        plan = self._session.plan(self.clock())
        if not plan.asked:
            self.say("Inga svar att ändra än.")
            return
        question = None
        if argument:
            number = _number(argument)
            if number is not None and 1 <= number <= len(plan.asked):
                question = plan.asked[number - 1]
            else:
                question = next((q for q in plan.asked if q.id == argument), None)
        if question is None:
            self.say("Vilket svar? Skriv ändra och frågans nummer:")
            for number, asked in enumerate(plan.asked, start=1):
                option = asked.option(plan.answers[asked.id])
                answer = option.label if option is not None else plan.answers[asked.id]
                self.say(f"{asked.text} Svar: {answer}", "   ", f"{number}. ")
            return
        self.say()
        self.say(f"Ändra svar: {question.text}")
        for index, option in enumerate(question.options, start=1):
            self.say(option.label, "   ", f"{index}. ")
        value = _answer_value(question, self.ask("Nytt svar (tom rad: behåll): "))
        if value is None or value == plan.answers[question.id]:
            self.say("Svaret är oförändrat.")
            return
        self._answer(question, value)

    def _summary(self) -> None:
        from samverkan_tui.export import render
        from samverkan_tui.export.document import document_for_summary
        from samverkan_tui.steplog.summary import walk_summary

        summary = walk_summary(self._session, self.clock(), self.routine.content_hash)
        self.stdout.write(str(render(document_for_summary(summary), "text", width=self.width)))

    def _export(self, argument: str) -> None:
        from samverkan_tui.export import FORMATS, write
        from samverkan_tui.export.document import document_for_session

        format, _, target = argument.partition(" ")
        format = format.lower()
        if format not in FORMATS:
            self.say(f"Skriv exportera och ett format: {', '.join(FORMATS)} (och en fil om du vill).")
            return
        document = document_for_session(self._session, self.clock())
        try:
            written = write(document, format, Path(target.strip()) if target.strip() else Path.cwd())
        except ValueError as error:  # ExportError, or a calendar without any due date
            self.say(str(error))
            return
        except OSError as error:
            from samverkan_tui.core.base.files import FileSafetyError
            from samverkan_tui.core.base.oserrors import os_error_reason

            safety = isinstance(error, FileSafetyError)
            self.say(f"Kunde inte spara: {error if safety else os_error_reason(error, writing=True)}")
            return
        self.say(f"Sparade {written.resolve()}")

    def _finish(self) -> None:
        self.say("Är genomgången klar? j markerar den som avslutad, n lämnar den pågående.")
        answer = self.ask("Klar (j/n): ").lower()
        if answer in _YES_WORDS:
            self._session.finish(self.clock())
            self.say("Genomgången är avslutad och sparad i stegloggen.")
            raise _Leave
        if answer in _NO_WORDS:
            raise _Leave
        self.say("Genomgången fortsätter.")

    def _left(self) -> None:
        session = self.session
        if session is None or session.finished:
            return
        if self.log is not None and session.events:
            self.say(
                f"Genomgången är sparad och kan fortsättas: samverkan gå {self.routine.id}, eller i appen."
            )


def call_lines(plan: Plan, contacts: tuple[Contact, ...]) -> list[str]:
    """Whom to call now for ``contacts``: open or not, the fallback with its number.

    The one call site of the walk's "call now" wording in `gå` (the lead can switch it to
    the core's decision in one place). Two closed lines with one fallback say it once.
    """
    from samverkan_tui.core.walk.hours_text import call_now_line

    def callee(line: str) -> str:
        return line.split(" (", 1)[0].removeprefix("Ring nu: ").removeprefix("Ring: ")

    lines: list[str] = []
    for contact in contacts:
        line = call_now_line(contact, plan.routine, plan.now)
        if not any(callee(other) == callee(line) for other in lines):
            lines.append(line)
    return lines


def _handled_text(session: WalkSession, plan: Plan) -> str:
    handled, total = session.progress(plan)
    return f"{handled} av {total} hanterade"


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _answer_value(question: Question, line: str) -> str | None:
    """The answer value ``line`` picks: the option's number, or j/n for a yes/no question."""
    from samverkan_tui.core.routine.model import NO, YES

    text = line.strip().lower()
    number = _number(text)
    if number is not None and 1 <= number <= len(question.options):
        return question.options[number - 1].value
    if question.kind == "ja_nej":
        if text in _YES_WORDS:
            return YES
        if text in _NO_WORDS:
            return NO
    return None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
