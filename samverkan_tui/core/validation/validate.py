"""Checks across a whole routine: references, reachability and the all-paths proof.

Routines are small, so every path a walk can take is enumerated: each must end
with a non-empty plan, every question and step must be reached by some path,
and conditions must only look at questions asked before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from samverkan_tui.core.base.problems import ERROR, INFO, WARNING, Problem, did_you_mean
from samverkan_tui.core.routine.conditions import Compare, Condition, comparisons, compile_condition
from samverkan_tui.core.routine.loader import LoadResult, load_routine
from samverkan_tui.core.routine.model import ITEM_KINDS, NO, YES, HasId, Routine, Step
from samverkan_tui.core.walk.plan import (
    describe_condition,
    effective_answers,
    next_question,
    states_condition,
)

# A routine whose walk has more complete paths than this is too big to prove and
# too big for a person to walk; say so rather than spin.
MAX_PATHS = 20_000


@dataclass
class FileReport:
    path: Path
    routine: Routine | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def validate_file(path: Path | str) -> FileReport:
    result = load_routine(path)
    problems = list(result.problems)
    if result.routine is not None:
        problems += check_routine(result.routine, result)
    return FileReport(Path(path), result.routine if _no_errors(problems) else None, problems)


def _no_errors(problems: Iterable[Problem]) -> bool:
    return not any(p.severity == ERROR for p in problems)


def check_routine(routine: Routine, source: LoadResult | None = None) -> list[Problem]:
    """Every semantic problem of a routine that loaded structurally.

    ``source`` gives line numbers; its index is only built if there is a problem to place.
    """
    checker = _Checker(routine, source)
    checker.run()
    return checker.problems


# A sentence that opens with a condition; "När det gäller …" ("as for …") does not.
_CONDITIONAL_SENTENCE = re.compile(r"^(?:Om|Vid|När(?! det gäller)|I de fall|Ifall)\s")

# A marker opens a comment or a string: `# TODO rad 21: …`, `help = "TODO: …"`.
_TODO = re.compile(r'(?:#\s*|")TODO\b:?\s*([^"]*)')


class _Checker:
    def __init__(self, routine: Routine, source: LoadResult | None) -> None:
        self.routine = routine
        self.source = source
        self.file = routine.path
        self.problems: list[Problem] = []

    def add(
        self,
        where: tuple[str | int, ...],
        message: str,
        hint: str = "",
        severity: str = ERROR,
        column: int = 0,
    ) -> None:
        line = self.source.lines.line(where) if self.source is not None else 0
        self.problems.append(Problem(self.file, line, message, hint, column, severity))

    def run(self) -> None:
        self.todos()
        self.duplicates()
        self.question_options()
        self.references()
        self.logic_left_to_the_reader()
        if not any(p.severity == ERROR for p in self.problems):
            self.paths()
            self.exercises()

    def todos(self) -> None:
        """A TODO left in the file (`samverkan utkast` marks every decision it leaves to a
        person that way, with the source's line): one warning each, on its own line."""
        if self.source is None:
            return
        for number, line in enumerate(self.source.text.splitlines(), start=1):
            found = _TODO.search(line)
            if found is None:
                continue
            what = found.group(1).strip() or line.strip()
            key = line.split("=", 1)[0].strip() if "=" in line and not line.lstrip().startswith("#") else ""
            self.problems.append(
                Problem(
                    self.file,
                    number,
                    f"TODO kvar{f' i {key}' if key else ''}: {what}",
                    "besluta, skriv in det och ta bort TODO-markeringen",
                    found.start() + 1,
                    WARNING,
                )
            )

    def logic_left_to_the_reader(self) -> None:
        """No item and no section has a condition, so every item applies in every case,
        yet item texts open with one ("Om …", "Vid …"): the routine's decisions are left
        to whoever reads it (a draft whose proposed questions were deleted, say)."""
        steps = self.routine.steps
        if not steps or any(step.when is not None for step in steps):
            return
        from samverkan_tui.core.base.swedish import count_text
        from samverkan_tui.core.routine.source_text import split_sentences

        conditional = [
            index
            for index, step in enumerate(steps)
            if any(_CONDITIONAL_SENTENCE.match(s) for s in split_sentences(step.text))
        ]
        if not conditional:
            return
        first = steps[conditional[0]].text
        example = first if len(first) <= 60 else first[:59] + "…"
        self.add(
            ("steps", conditional[0]),
            "alla punkter gäller i varje ärende, men "
            f"{count_text(len(conditional), 'punkt börjar', 'punkter börjar')} med ett villkor "
            f"(t.ex. ”{example}”)",
            "lägg till frågor och when på punkterna som bara gäller ibland (samverkan format, Villkor)",
            WARNING,
        )

    def duplicates(self) -> None:
        tables: tuple[tuple[str, tuple[HasId, ...]], ...] = (
            ("questions", self.routine.questions),
            ("steps", self.routine.steps),
            ("contacts", self.routine.contacts),
            ("roles", self.routine.roles),
            ("phases", self.routine.phases),
            ("exercises", self.routine.exercises),
            ("sections", self.routine.sections),
            ("moments", self.routine.moments),
        )
        for name, items in tables:
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                if item.id in seen:
                    first = self.source.lines.line((name, seen[item.id])) if self.source else 0
                    self.add(
                        (name, index, "id"),
                        f"id `{item.id}` finns redan (rad {first})",
                        "varje id måste vara unikt i filen; byt namn på det ena",
                    )
                else:
                    seen[item.id] = index
        for q_index, question in enumerate(self.routine.questions):
            values = [o.value for o in question.options]
            for value in {v for v in values if values.count(v) > 1}:
                self.add(
                    ("questions", q_index, "options"),
                    f"frågan `{question.id}` har svaret `{value}` två gånger",
                    "ge varje svarsalternativ ett eget value",
                )

    def question_options(self) -> None:
        for index, question in enumerate(self.routine.questions):
            if question.kind == "ja_nej" and sorted(question.values) != sorted((YES, NO)):
                self.add(
                    ("questions", index, "options"),
                    f"ja/nej-frågan `{question.id}` ska ha svaren `ja` och `nej`",
                    'ändra value till "ja" och "nej", eller sätt type = "val"',
                )
            if question.kind == "val" and len(question.options) < 2:
                self.add(
                    ("questions", index, "options"),
                    f"valfrågan `{question.id}` har färre än två svar",
                    "lägg till alternativ, eller gör den till en ja/nej-fråga",
                )

    def _check_condition(
        self, condition: Condition, where: tuple[str | int, ...], earlier: list[str] | None
    ) -> None:
        for compare in comparisons(condition):
            self._check_compare(compare, where, earlier)

    def _check_compare(
        self, compare: Compare, where: tuple[str | int, ...], earlier: list[str] | None
    ) -> None:
        question = self.routine.question(compare.question)
        known = [q.id for q in self.routine.questions]
        if question is None:
            self.add(
                where, f"okänd fråga `{compare.question}` i villkoret", did_you_mean(compare.question, known)
            )
            return
        if earlier is not None and compare.question not in earlier:
            self.add(
                where,
                f"villkoret använder `{compare.question}`, som ställs senare",
                "en fråga kan bara bero på frågor som står före den i filen",
            )
        for value in compare.values:
            if question.option(value) is None:
                self.add(
                    where,
                    f"okänt svar `{value}` på frågan `{question.id}`",
                    did_you_mean(value, question.values),
                )

    def references(self) -> None:
        routine = self.routine
        asked: list[str] = []
        for index, question in enumerate(routine.questions):
            if question.when is not None:
                self._check_condition(question.when, ("questions", index, "when"), asked)
            asked.append(question.id)
        role_ids = [r.id for r in routine.roles]
        phase_ids = [p.id for p in routine.phases]
        contact_ids = [c.id for c in routine.contacts]
        for index, step in enumerate(routine.steps):
            if step.role not in role_ids:
                self.add(
                    ("steps", index, "role"), f"okänd roll `{step.role}`", did_you_mean(step.role, role_ids)
                )
            if step.phase not in phase_ids:
                self.add(
                    ("steps", index, "phase"),
                    f"okänd fas `{step.phase}`",
                    did_you_mean(step.phase, phase_ids),
                )
            for contact_id in step.contacts:
                if contact_id not in contact_ids:
                    self.add(
                        ("steps", index, "contacts"),
                        f"okänd kontakt `{contact_id}`",
                        did_you_mean(contact_id, contact_ids),
                    )
            if step.own_when is not None:
                self._check_condition(step.own_when, ("steps", index, "when"), None)
            if step.kind not in ITEM_KINDS:
                self.add(
                    ("steps", index, "kind"),
                    f"okänd sorts punkt `{step.kind}`",
                    did_you_mean(step.kind, ITEM_KINDS),
                )
            self._moment_refs(step, index)
            if step.own_when is not None and not step.when_text and not states_condition(step.text):
                self._plain(step.own_when, ("steps", index, "when"))
        self.sections()
        for index, contact in enumerate(routine.contacts):
            if contact.fallback is not None:
                if contact.fallback not in contact_ids:
                    self.add(
                        ("contacts", index, "fallback"),
                        f"okänd reservkontakt `{contact.fallback}`",
                        did_you_mean(contact.fallback, contact_ids),
                    )
                elif contact.fallback == contact.id:
                    self.add(
                        ("contacts", index, "fallback"),
                        f"kontakten `{contact.id}` är sin egen reserv",
                        "ange en annan kontakt eller ta bort fallback",
                    )
            if contact.hours is None and not contact.hours_note:
                self.add(
                    ("contacts", index),
                    f"kontakten `{contact.id}` saknar telefontider",
                    'ange hours, eller hours_note = "Tider anges inte i rutinen."',
                    WARNING,
                )

    def _moment_refs(self, step: Step, index: int) -> None:
        moment_ids = [m.id for m in self.routine.moments]
        if step.deadline is not None and not step.deadline_from and self.routine.sections:
            self.add(
                ("steps", index, "deadline"),
                f"tidsfristen för `{step.id}` anger inte vad den räknas från",
                'lägg till deadline_from = "…" (id i [[moments]])',
                WARNING,
            )
        for key, value in (
            ("deadline_from", step.deadline_from),
            ("legal_from", step.legal.moment if step.legal else ""),
        ):
            if value and value not in moment_ids:
                self.add(
                    ("steps", index, key),
                    f"okänd tidpunkt `{value}`",
                    did_you_mean(value, moment_ids) or "lägg till den i [[moments]]",
                )

    def _plain(self, condition: Condition, where: tuple[str | int, ...]) -> None:
        """A printed condition must read as Swedish, not as logic."""
        text = describe_condition(self.routine, condition)
        if any(marker in text for marker in _LOGIC_MARKERS):
            self.add(
                where,
                f"villkoret läses inte enkelt i klartext: ”{text}”",
                'skriv det som källan säger det med when_text = "…"',
                WARNING,
            )

    def sections(self) -> None:
        routine = self.routine
        role_ids = [r.id for r in routine.roles]
        phase_ids = [p.id for p in routine.phases]
        for index, section in enumerate(routine.sections):
            if section.phase and section.phase not in phase_ids:
                self.add(
                    ("sections", index, "phase"),
                    f"okänd fas `{section.phase}`",
                    did_you_mean(section.phase, phase_ids),
                )
            if section.role is not None and section.role not in role_ids:
                self.add(
                    ("sections", index, "role"),
                    f"okänd roll `{section.role}`",
                    did_you_mean(section.role, role_ids),
                )
            if section.when is not None:
                self._check_condition(section.when, ("sections", index, "when"), None)
                if not section.when_text:
                    self._plain(section.when, ("sections", index, "when"))
        # The file is read in the source's order: a section's items (and those of the
        # sections under it) stand together, and sections follow the file's order.
        order = {section.id: i for i, section in enumerate(routine.sections)}
        last = -1
        open_path: set[str] = set()
        for index, step in enumerate(routine.steps):
            position = order.get(step.section, last)
            # Going back to an enclosing section after a list nested in it is the source's
            # own order ("… bör innehålla:" in the middle of a section); anything else that
            # goes back is not.
            if position < last and step.section not in open_path:
                heading = routine.section(step.section)
                self.add(
                    ("steps", index, "section"),
                    f"punkten `{step.id}` står efter punkter i ett senare avsnitt",
                    f"flytta den till avsnittet ”{heading.title if heading else step.section}”"
                    " så att filen följer källans ordning",
                    WARNING,
                )
            last = max(last, position)
            open_path = {s.id for s in routine.section_path(step.section)}

    def paths(self) -> None:
        """Depth-first through every walk, deciding each step once per branch.

        A step whose condition is already true or false at a node keeps that value in
        the whole subtree (answers are only added), so only undecided steps are
        evaluated again deeper down. This keeps the proof cheap for large trees.
        """
        routine = self.routine
        questions = routine.questions
        reached_questions: set[str] = set()
        reached_steps = {s.id for s in routine.steps if s.when is None}
        undecided: dict[str, dict[str, str]] = {}
        empty: list[dict[str, str]] = []
        conditional = tuple(s for s in routine.steps if s.when is not None)
        when = {step.id: cast(Condition, step.when) for step in conditional}
        # Only an answer to a question a condition mentions can change its value, and a
        # decided condition stays decided below that node (answers are only added).
        compiled = {step.id: compile_condition(when[step.id]) for step in conditional}
        relevant = [compile_condition(q.when) if q.when is not None else None for q in questions]
        by_question: dict[str, list[Step]] = {}
        for step in conditional:
            for question_id in {c.question for c in comparisons(when[step.id])}:
                by_question.setdefault(question_id, []).append(step)
        root: dict[str, bool] = {}
        for step in conditional:
            value = when[step.id].evaluate({})
            if value is not None:
                root[step.id] = value
                if value:
                    reached_steps.add(step.id)
        # Reference text is never in a plan, so it does not keep a plan from being empty.
        walked = [s for s in routine.steps if not s.reference]
        has_any = len(conditional) < len(walked) or any(root.values())
        stack: list[tuple[dict[str, str], int, dict[str, bool], bool]] = [({}, 0, root, has_any)]
        count = 0
        while stack:
            answers, start, decided, has_step = stack.pop()
            position = next(
                (
                    k
                    for k in range(start, len(questions))
                    if (check := relevant[k]) is None or check(answers) is True
                ),
                None,
            )
            if position is None:
                count += 1
                if count > MAX_PATHS:
                    self.add(
                        (),
                        f"rutinen har fler än {MAX_PATHS} olika vägar",
                        "dela upp den i flera rutiner eller använd villkor på frågorna",
                    )
                    return
                if not has_step:
                    empty.append(answers)
                if len(decided) < len(conditional):
                    for step in conditional:
                        if step.id not in decided:
                            undecided.setdefault(step.id, answers)
                continue
            question = questions[position]
            reached_questions.add(question.id)
            affected = by_question.get(question.id, ())
            for option in reversed(question.options):
                child = {**answers, question.id: option.value}
                child_decided, child_has = decided, has_step
                for step in affected:
                    if step.id in decided:
                        continue
                    value = compiled[step.id](child)
                    if value is None:
                        continue
                    if child_decided is decided:
                        child_decided = dict(decided)
                    child_decided[step.id] = value
                    if value:
                        child_has = True
                        reached_steps.add(step.id)
                stack.append((child, position + 1, child_decided, child_has))
        for answers in empty[:5]:
            described = ", ".join(f"{q}={v}" for q, v in answers.items()) or "inga svar"
            self.add(
                (),
                f"svaren {described} ger en tom plan",
                "lägg till ett steg för den vägen eller ändra villkoren",
            )
        if len(empty) > 5:
            self.add(
                (),
                f"ytterligare {len(empty) - 5} kombinationer av svar ger en tom plan",
                "rätta de första, kör sedan validate igen",
            )
        for step_id, answers in undecided.items():
            index = next(i for i, s in enumerate(routine.steps) if s.id == step_id)
            described = ", ".join(f"{q}={v}" for q, v in answers.items())
            self.add(
                ("steps", index, "when"),
                f"villkoret för steget `{step_id}` kan inte avgöras med svaren {described}",
                "villkoret använder en fråga som inte ställs på den vägen; "
                "lägg till villkoret som avgör om frågan ställs",
                WARNING,
            )
        for index, question in enumerate(routine.questions):
            if question.id not in reached_questions:
                self.add(
                    ("questions", index),
                    f"frågan `{question.id}` ställs aldrig",
                    "kontrollera villkoret i when",
                )
        for index, step in enumerate(routine.steps):
            if step.id not in reached_steps:
                self.add(
                    ("steps", index),
                    f"steget `{step.id}` kommer aldrig med i någon plan",
                    "kontrollera villkoret i when",
                )

    def exercises(self) -> None:
        for index, exercise in enumerate(self.routine.exercises):
            answers: dict[str, str] = {}
            for a_index, expected in enumerate(exercise.answers):
                where = ("exercises", index, "answers", a_index)
                question = self.routine.question(expected.question)
                if question is None:
                    self.add(
                        where,
                        f"övningen `{exercise.id}` svarar på okänd fråga `{expected.question}`",
                        did_you_mean(expected.question, [q.id for q in self.routine.questions]),
                    )
                    continue
                if question.option(expected.answer) is None:
                    self.add(
                        where,
                        f"övningen `{exercise.id}`: okänt svar `{expected.answer}` på `{question.id}`",
                        did_you_mean(expected.answer, question.values),
                    )
                    continue
                answers[expected.question] = expected.answer
            effective = effective_answers(self.routine, answers)
            for a_index, expected in enumerate(exercise.answers):
                if expected.question in answers and expected.question not in effective:
                    self.add(
                        ("exercises", index, "answers", a_index),
                        f"övningen `{exercise.id}`: frågan `{expected.question}` ställs inte "
                        "med de andra förväntade svaren",
                        "ta bort svaret eller rätta de andra",
                    )
            missing = next_question(self.routine, effective)
            if missing is not None and not any(p.severity == ERROR for p in self.problems):
                self.add(
                    ("exercises", index),
                    f"övningen `{exercise.id}` saknar svar på `{missing.id}`",
                    "lägg till ett förväntat svar för frågan",
                )


_LOGIC_MARKERS = (" och inte ", "((", "))", ") eller (", "inte (")


def validate_paths(paths: Iterable[Path]) -> list[FileReport]:
    """Validate files, and report the same routine id defined in two files.

    A municipality's own copy of a shipped routine (what `granska` writes to the user's
    routine folder) is legitimate: the copy wins over the shipped file. That is said once,
    as information on the copy; two files of one's own with the same id are an error.
    """
    from samverkan_tui.core.routine.catalog import builtin_dir

    shipped_root = builtin_dir().resolve()

    def shipped(path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(shipped_root)
        except OSError:
            return False

    reports = [validate_file(path) for path in paths]
    owners: dict[tuple[str, bool], Path] = {}
    for report in reports:
        if report.routine is None:
            continue
        first = owners.setdefault((report.routine.id, shipped(report.path)), report.path)
        if first != report.path:
            report.problems.append(
                Problem(
                    str(report.path),
                    1,
                    f"rutin-id `{report.routine.id}` finns även i {first}",
                    "ge rutinerna olika id",
                    0,
                    ERROR,
                )
            )
    for report in reports:
        if report.routine is None or shipped(report.path):
            continue
        original = owners.get((report.routine.id, True))
        if original is not None and owners.get((report.routine.id, False)) == report.path:
            report.problems.append(
                Problem(
                    str(report.path),
                    1,
                    f"rutinen `{report.routine.id}` är kommunens egen kopia av den inbyggda "
                    f"({original}) och används i stället för den",
                    "",
                    0,
                    INFO,
                )
            )
    return reports
