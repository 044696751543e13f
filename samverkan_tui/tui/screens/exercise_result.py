"""Övningsläge: the result of an exercise — the graded exercise's document
(``export.document.document_for_grade``, what `samverkan öva --svar` prints) in the
app's colours. Enter goes on to the next exercise, g does this one again."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from samverkan_tui.core.training.grading import EXTRA, NOT_ASKED, RIGHT, UNANSWERED, WRONG, Grade
from samverkan_tui.export.document import (
    ANSWER_MARKS,
    CLOSED_MARK,
    OPEN_MARK,
    PERFECT_PLAN,
    PLAN_TITLE,
    SCORE_LABEL,
    Document,
    Item,
    Section,
    document_for_grade,
)
from samverkan_tui.tui.app import samverkan_app
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.training import TrainingRun, routine_name
from samverkan_tui.tui.screens.training_view import section_parts
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar

# The colour of each answer's grade (mark and text), by the mark the document gives it.
ANSWER_STYLES = {
    ANSWER_MARKS[RIGHT]: "bold green",
    ANSWER_MARKS[WRONG]: "bold red",
    ANSWER_MARKS[NOT_ASKED]: "bold yellow",
    ANSWER_MARKS[UNANSWERED]: "bold yellow",
    ANSWER_MARKS[EXTRA]: "dim",
}
CONTACT_STYLES = {CLOSED_MARK: "bold red", OPEN_MARK: "green"}  # the mark only


def result_renderable(result: Grade, document: Document | None = None) -> Group:
    """The result screen's content: the graded exercise's document, section by section.

    Colours: each answer's and contact's by its mark; in the correct plan, the steps the
    trainee missed red, the needless ones yellow and those in both green (the marks).
    """
    document = document or document_for_grade(result)
    plan_items = {id(item) for s in document.sections if s.title == PLAN_TITLE for item in s.items}
    missed = {s.id for s in result.missed}
    needless = {s.id for s in result.needless}

    def item_style(item: Item) -> tuple[str, str]:
        if id(item) in plan_items:
            if item.step_id in missed:
                return "bold red", "red"
            if item.step_id in needless:
                return "bold yellow", "yellow"
            return "bold green", ""
        if item.mark in ANSWER_STYLES:
            return ANSWER_STYLES[item.mark], ANSWER_STYLES[item.mark]
        if item.mark in CONTACT_STYLES:
            return CONTACT_STYLES[item.mark], ""
        return "", ""

    def heading_style(section: Section) -> str:
        return "bold green" if section.text == PERFECT_PLAN else ""

    head = Text(document.title, style="bold")
    for label, value in document.facts:
        style = ("bold green" if result.perfect else "bold") if label == SCORE_LABEL else "dim"
        head.append(f"\n{label}: {value}", style=style)
    parts: list[RenderableType] = [head]
    for remark in document.remarks:
        parts.append(Text(f"\n{remark.label}: {remark.text}", style="yellow"))
    parts += section_parts(document.sections, item_style, heading_style)
    return Group(*parts)


class ResultScreen(Screen[None]):
    CSS = """
    ResultScreen #result { height: 1fr; padding: 0 1; }
    """
    BINDINGS = bindings("ResultScreen")

    def __init__(self, run: TrainingRun, result: Grade) -> None:
        super().__init__()
        self.run = run
        self.result = result
        self.document = document_for_grade(result)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="result"):
            yield Static(result_renderable(self.result, self.document), id="result-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Resultat – {routine_name(self.result.routine)}"
        self.query_one("#result", VerticalScroll).focus()

    def action_next(self) -> None:
        from samverkan_tui.tui.screens.exercise import ExerciseScreen
        from samverkan_tui.tui.screens.training_summary import TrainingSummaryScreen

        following = self.run.next_after(self.result.routine, self.result.exercise)
        if following is None:
            self.app.switch_screen(TrainingSummaryScreen(self.run))
        else:
            self.app.switch_screen(ExerciseScreen(self.run, *following, samverkan_app(self).now()))

    def action_retry(self) -> None:
        from samverkan_tui.tui.screens.exercise import ExerciseScreen

        result = self.result
        now = samverkan_app(self).now()
        self.app.switch_screen(ExerciseScreen(self.run, result.routine, result.exercise, now))

    def action_summary(self) -> None:
        from samverkan_tui.tui.screens.training_summary import TrainingSummaryScreen

        self.app.switch_screen(TrainingSummaryScreen(self.run))

    def action_leave(self) -> None:
        self.app.pop_screen()
