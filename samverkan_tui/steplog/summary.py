"""A walk's summary for the documentation system: what was done and when, what is left.

Plain text to paste into the case record (`logg visa ID --format text`, and the app's
copy to clipboard), Markdown, and JSON. Steps done with their times, deviations with
category and scrubbed comment, steps marked not applicable, and the open steps with
their due dates (counted from the start of the walk).

The text and Markdown deliberately leave out the log's session id: pasted into a case
record, it would tie the anonymous log entry to a person.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field

from samverkan_tui.core.clock import STOCKHOLM
from samverkan_tui.core.deadlines import due_line, format_date, format_date_short, format_time
from samverkan_tui.core.model import Contact, Step
from samverkan_tui.core.session import (
    ANSWER,
    CLEAR_ANSWER,
    CLEAR_STEP,
    CONTACT,
    STEP,
    Event,
    StepState,
    WalkSession,
)
from samverkan_tui.core.status import (
    DEVIATION,
    DEVIATION_CATEGORIES,
    DONE,
    NOT_APPLICABLE,
    mode_label,
    status_label,
)
from samverkan_tui.core.walk import PlannedStep
from samverkan_tui.steplog.store import SessionInfo

WIDTH = 80


@dataclass(frozen=True)
class HandledStep:
    step: Step
    state: StepState
    in_plan: bool


@dataclass
class WalkSummary:
    session: WalkSession
    now: dt.datetime
    stored_content_hash: str | None = None
    answers: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, text, value, label
    unanswered: list[str] = field(default_factory=list)
    done: list[HandledStep] = field(default_factory=list)
    deviations: list[HandledStep] = field(default_factory=list)
    not_applicable: list[HandledStep] = field(default_factory=list)
    open: list[PlannedStep] = field(default_factory=list)
    contacts: list[tuple[Contact, dt.datetime]] = field(default_factory=list)

    @property
    def routine_changed(self) -> bool:
        """The routine file changed after the walk was stored (texts may differ)."""
        return (
            self.stored_content_hash is not None
            and self.stored_content_hash != self.session.routine.content_hash
        )

    def overdue(self, planned: PlannedStep) -> bool:
        return planned.due is not None and planned.due < self.now.date()


def walk_summary(
    session: WalkSession,
    now: dt.datetime,
    stored_content_hash: str | None = None,
) -> WalkSummary:
    """Sort the walk's steps into done, deviations, not applicable and open, at ``now``."""
    routine = session.routine
    plan = session.plan(now)
    summary = WalkSummary(session, now, stored_content_hash)
    for question in plan.asked:
        value = plan.answers[question.id]
        option = question.option(value)
        summary.answers.append((question.id, question.text, value, option.label if option else value))
    summary.unanswered = [q.text for q in plan.unanswered]
    in_plan = {p.id for p in plan.steps}
    buckets = {DONE: summary.done, DEVIATION: summary.deviations, NOT_APPLICABLE: summary.not_applicable}
    for step_id, state in sorted(session.steps.items(), key=lambda item: item[1].at):
        step = routine.step(step_id)
        if step is not None:
            buckets[state.status].append(HandledStep(step, state, step_id in in_plan))
    visible = session.visible_states(plan)
    summary.open = [p for p in plan.actions if p.id not in visible]
    for contact_id, moment in sorted(session.contacts_used.items(), key=lambda item: item[1]):
        contact = routine.contact(contact_id)
        if contact is not None:
            summary.contacts.append((contact, moment))
    return summary


# -- text -------------------------------------------------------------------------------


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(STOCKHOLM) if moment.tzinfo else moment


def _when(moment: dt.datetime) -> str:
    moment = _local(moment)
    return f"{format_date(moment.date())} kl. {format_time(moment)}"


def _short(moment: dt.datetime) -> str:
    moment = _local(moment)
    return f"{format_date_short(moment.date())} kl. {format_time(moment)}"


def _wrap(text: str, first: str, rest: str, width: int | None = WIDTH) -> list[str]:
    if width is None:  # one line per entry: the screen or the journal wraps it
        return [first + text]
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]


def _deviation_line(state: StepState) -> str:
    line = f"Avvikelse: {DEVIATION_CATEGORIES.get(state.category or '', state.category or '')}."
    if state.comment:
        line += f" Kommentar: {state.comment}"
    return line


def _due_line(summary: WalkSummary, planned: PlannedStep) -> str | None:
    """The same due line as the plan and every printout (core.deadlines.due_line)."""
    text = due_line(planned)
    if not text:
        return None
    return text + (" – FÖRSENAT" if summary.overdue(planned) else "")


def _header(summary: WalkSummary) -> list[tuple[str, str]]:
    session, routine = summary.session, summary.session.routine
    rows = [
        ("Rutin", f"{routine.title} ({routine.id}, version {routine.version})"),
        ("Läge", mode_label(session.mode)),
        ("Påbörjad", _when(session.started_at)),
    ]
    if session.finished_at:
        rows.append(("Avslutad", _when(session.finished_at)))
    else:
        rows.append(("Status", f"pågår, senast ändrad {_when(session.updated_at or session.started_at)}"))
    if summary.routine_changed:
        rows.append(("Obs", "rutinfilen har ändrats sedan genomgången; stegtexterna är dagens."))
    return rows


def summary_text(summary: WalkSummary, width: int | None = WIDTH) -> str:
    """Plain text ready to paste into the documentation system: 80 columns, or with
    ``width=None`` one line per entry, so that the screen or the journal wraps it once."""
    lines = ["Genomgång enligt samverkansrutin", ""]
    for label, value in _header(summary):
        lines += _wrap(value, f"{label}: ", " " * (len(label) + 2), width)
    if summary.answers:
        lines += ["", "Svar"]
        for _, text, _, label in summary.answers:
            lines += _wrap(f"{text} {label}", "  • ", "    ", width)
    if summary.unanswered:
        lines += ["", "Obesvarade frågor"]
        for text in summary.unanswered:
            lines += _wrap(text, "  ? ", "    ", width)
    for title, handled in (
        ("Utförda steg", summary.done),
        ("Avvikelser", summary.deviations),
        ("Ej aktuella steg", summary.not_applicable),
    ):
        if not handled:
            continue
        lines += ["", f"{title} ({len(handled)})"]
        for item in handled:
            lines += _wrap(f"{_short(item.state.at)}: {item.step.text}", "  • ", "    ", width)
            if item.state.status == DEVIATION:
                lines += _wrap(_deviation_line(item.state), "    ", "    ", width)
            elif item.state.comment:
                lines += _wrap(f"Orsak: {item.state.comment}", "    ", "    ", width)
            if not item.in_plan:
                lines.append("    (ingår inte längre i planen efter ändrade svar)")
    lines += ["", f"Återstående steg ({len(summary.open)})"]
    if not summary.open:
        lines.append("  Inga.")
    for planned in summary.open:
        lines += _wrap(planned.step.text, "  • ", "    ", width)
        due = _due_line(summary, planned)
        if due:
            lines += _wrap(due, "    ", "    ", width)
    if summary.contacts:
        lines += ["", "Kontakter som användes"]
        for contact, moment in summary.contacts:
            lines += _wrap(f"{_short(moment)}: {contact.name}", "  • ", "    ", width)
    return "\n".join(lines) + "\n"


# -- Markdown ---------------------------------------------------------------------------


def _md(text: str) -> str:
    from samverkan_tui.export.markdown import escape

    return escape(text)


def summary_markdown(summary: WalkSummary) -> str:
    lines = ["# Genomgång enligt samverkansrutin", ""]
    for label, value in _header(summary):
        lines.append(f"- **{label}:** {_md(value)}")
    if summary.answers:
        lines += ["", "## Svar", ""]
        lines += [f"- {_md(text)} **{_md(label)}**" for _, text, _, label in summary.answers]
    if summary.unanswered:
        lines += ["", "## Obesvarade frågor", ""]
        lines += [f"- {_md(text)}" for text in summary.unanswered]
    for title, handled in (
        ("Utförda steg", summary.done),
        ("Avvikelser", summary.deviations),
        ("Ej aktuella steg", summary.not_applicable),
    ):
        if not handled:
            continue
        lines += ["", f"## {title} ({len(handled)})", ""]
        for item in handled:
            line = f"- **{_md(_short(item.state.at))}:** {_md(item.step.text)}"
            if item.state.status == DEVIATION:
                line += f"  \n  {_md(_deviation_line(item.state))}"
            if not item.in_plan:
                line += "  \n  *Ingår inte längre i planen efter ändrade svar.*"
            lines.append(line)
    lines += ["", f"## Återstående steg ({len(summary.open)})", ""]
    if not summary.open:
        lines.append("Inga.")
    for planned in summary.open:
        line = f"- [ ] {_md(planned.step.text)}"
        due = _due_line(summary, planned)
        if due:
            line += f"  \n  {_md(due)}"
        lines.append(line)
    if summary.contacts:
        lines += ["", "## Kontakter som användes", ""]
        lines += [f"- {_md(_short(m))}: {_md(c.name)}" for c, m in summary.contacts]
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------


def _iso(moment: dt.datetime | None) -> str | None:
    return _local(moment).isoformat() if moment else None


def _state_dict(state: StepState) -> dict[str, object]:
    return {
        "status": state.status,
        "status_label": status_label(state.status),
        "at": _iso(state.at),
        "category": state.category,
        "category_label": DEVIATION_CATEGORIES.get(state.category) if state.category else None,
        "comment": state.comment,
    }


def summary_dict(summary: WalkSummary) -> dict[str, object]:
    session, routine = summary.session, summary.session.routine
    steps: list[dict[str, object]] = []
    for item in (*summary.done, *summary.deviations, *summary.not_applicable):
        steps.append(
            {"id": item.step.id, "text": item.step.text, "in_plan": item.in_plan, **_state_dict(item.state)}
        )
    for planned in summary.open:
        steps.append(
            {
                "id": planned.id,
                "text": planned.step.text,
                "in_plan": True,
                "status": None,
                "deadline": planned.step.deadline.text if planned.step.deadline else None,
                "due": planned.due.isoformat() if planned.due else None,
                "overdue": summary.overdue(planned),
            }
        )
    return {
        "id": session.id,
        "routine": {
            "id": routine.id,
            "title": routine.title,
            "version": routine.version,
            "content_hash": routine.content_hash,
        },
        "stored_content_hash": summary.stored_content_hash,
        "routine_changed": summary.routine_changed,
        "mode": session.mode,
        "started_at": _iso(session.started_at),
        "updated_at": _iso(session.updated_at),
        "finished_at": _iso(session.finished_at),
        "now": _iso(summary.now),
        "answers": [
            {"question": q, "text": t, "value": v, "label": label} for q, t, v, label in summary.answers
        ],
        "unanswered": summary.unanswered,
        "steps": steps,
        "contacts_used": [{"id": c.id, "name": c.name, "at": _iso(m)} for c, m in summary.contacts],
    }


def raw_dict(info: SessionInfo, events: list[Event]) -> dict[str, object]:
    """A stored walk whose routine is no longer in the catalog: ids and times only."""
    answers: dict[str, str] = {}
    steps: dict[str, dict[str, object]] = {}
    contacts: dict[str, str | None] = {}
    for event in events:
        if event.kind == ANSWER:
            answers[event.question or ""] = event.value or ""
        elif event.kind == CLEAR_ANSWER:
            answers.pop(event.question or "", None)
        elif event.kind == STEP:
            steps[event.step or ""] = _state_dict(
                StepState(event.status or "", event.at, event.category, event.comment)
            )
        elif event.kind == CLEAR_STEP:
            steps.pop(event.step or "", None)
        elif event.kind == CONTACT:
            contacts.setdefault(event.contact or "", _iso(event.at))
    return {
        "id": info.id,
        "routine": {
            "id": info.routine_id,
            "title": None,
            "version": info.routine_version,
            "content_hash": None,
        },
        "stored_content_hash": info.content_hash,
        "routine_available": False,
        "mode": info.mode,
        "started_at": _iso(info.started_at),
        "updated_at": _iso(info.updated_at),
        "finished_at": _iso(info.finished_at),
        "answers": [{"question": q, "value": v} for q, v in answers.items()],
        "steps": [{"id": s, **state} for s, state in steps.items()],
        "contacts_used": [{"id": c, "at": at} for c, at in contacts.items()],
    }
