"""Övningsläge: the sitting's summary — the mean score, each exercise's score and the
questions to practise more (``core.grading.Summary``). Only the app shows it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from samverkan_tui.core.training.grading import Summary
from samverkan_tui.tui.keys import bindings
from samverkan_tui.tui.screens.training import TrainingRun, routine_name
from samverkan_tui.tui.screens.training_view import hanging
from samverkan_tui.tui.widgets.footer import PriorityFooter
from samverkan_tui.tui.widgets.title_bar import TitleBar


def summary_renderable(summary: Summary) -> Group:
    head = Text("Sammanfattning\n\n", style="bold")
    if not summary.exercises:
        head.append("Inga övningar gjorda än.", style="dim")
        return Group(head)
    head.append(f"Snittpoäng: {summary.score} av 100", style="bold")
    head.append(f" · {summary.perfect} av {summary.exercises} övningar helt rätt\n")
    head.append(
        f"{summary.correct} av {summary.expected} svar rätt · "
        f"{summary.missed_steps} missade steg · {summary.needless_steps} steg i onödan"
    )
    parts: list[RenderableType] = [head, Text("\nÖvningar", style="bold underline")]
    rows = []
    for result in summary.grades:
        body = Text(result.exercise.title)
        body.append(f"  ({routine_name(result.routine)})", style="dim")
        rows.append((Text(f"{result.score:>3} p", style="bold green" if result.perfect else "bold"), body))
    parts.append(hanging(rows))
    weak = summary.weak_questions
    if weak:
        parts.append(Text("\nFrågor att öva mer på", style="bold underline"))
        parts.append(
            hanging(
                [
                    (Text(f"{w.missed} av {w.expected} fel", style="bold yellow"), Text(w.question.text))
                    for w in weak
                ]
            )
        )
    return Group(*parts)


class TrainingSummaryScreen(Screen[None]):
    CSS = """
    TrainingSummaryScreen #training-summary { height: 1fr; padding: 0 1; }
    """
    BINDINGS = bindings("TrainingSummaryScreen")

    def __init__(self, run: TrainingRun) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="training-summary"):
            yield Static(summary_renderable(self.run.summary()), id="training-summary-text")
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.sub_title = "Övningsläge – sammanfattning"
        self.query_one("#training-summary", VerticalScroll).focus()

    def action_leave(self) -> None:
        self.app.pop_screen()
