"""The journal summary of a walk: a short note for the case record, without page furniture."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.plan import PlannedStep
from samverkan_tui.core.walk.status import DEVIATION, DEVIATION_CATEGORIES, mode_label
from samverkan_tui.export.document.common import short_when_text, when_text
from samverkan_tui.export.document.model import (
    KIND_STORED,
    KIND_SUMMARY,
    Block,
    Document,
    Item,
    QuestionEntry,
    Section,
)

if TYPE_CHECKING:
    from samverkan_tui.core.routine.model import Routine
    from samverkan_tui.steplog.summary import HandledStep, WalkSummary


SUMMARY_TITLE = "Genomgång enligt samverkansrutin"
LEFT_PLAN_NOTE = "(ingår inte längre i planen efter ändrade svar)"


def document_for_summary(summary: WalkSummary) -> Document:
    """The walk as a note for the case record: what was done and when, what is left.

    ``summary`` is ``status_summary(steplog).walk_summary``'s sorting of the walk. Rendered by
    ``export.render(document, "text" | "md")`` for `logg visa` and by the app's summary
    (`s`, copied with `c`). The log's session id is left out on purpose: pasted into a
    case record, it would tie the anonymous log entry to a person.
    """
    session, routine = summary.session, summary.session.routine
    facts = [
        ("Rutin", f"{routine.title} ({routine.id}, version {routine.version})"),
        ("Läge", mode_label(session.mode)),
        ("Påbörjad", when_text(session.started_at)),
    ]
    if session.finished_at:
        facts.append(("Avslutad", when_text(session.finished_at)))
    else:
        facts.append(
            ("Status", f"pågår, senast ändrad {when_text(session.updated_at or session.started_at)}")
        )
    if summary.routine_changed:
        facts.append(("Obs", "rutinfilen har ändrats sedan genomgången; stegtexterna är dagens."))
    sections = [
        Section(f"{title} ({len(handled)})", (Block("", tuple(_handled_item(h, routine) for h in handled)),))
        for title, handled in (
            ("Utförda steg", summary.done),
            ("Avvikelser", summary.deviations),
            ("Ej aktuella steg", summary.not_applicable),
        )
        if handled
    ]
    open_items = tuple(_open_item(summary, planned) for planned in summary.open)
    sections.append(
        Section(
            f"Återstående steg ({len(open_items)})",
            (Block("", open_items),) if open_items else (),
            text="" if open_items else "Inga.",
        )
    )
    return Document(
        kind=KIND_SUMMARY,
        title=SUMMARY_TITLE,
        short_title=routine.short_title or routine.title,
        subtitle="",
        routine_id=routine.id,
        version=routine.version,
        meta=(),
        facts=tuple(facts),
        remarks=(),
        footer="",
        questions_title="Svar",
        questions=tuple(QuestionEntry(text, answer=label) for _, text, _, label in summary.answers),
        unanswered=tuple(QuestionEntry(text) for text in summary.unanswered),
        sections=tuple(sections),
        general_rules=(),
        contacts=(),
        contacts_used=tuple(f"{short_when_text(moment)}: {c.name}" for c, moment in summary.contacts),
        moment=summary.now,
        furniture=False,
    )


def _open_item(summary: WalkSummary, planned: PlannedStep) -> Item:
    overdue = summary.overdue(planned)
    deadline = due_line(planned)  # the same due line as the plan and every printout
    if deadline and overdue:
        deadline += " – FÖRSENAT"
    label = summary.label(planned.step)  # "RVT 2.3 …": the binder's reference (steplog.summary)
    return Item(0, planned.id, label, deadline=deadline, overdue=overdue, due=planned.due)


def _handled_item(handled: HandledStep, routine: Routine) -> Item:
    state = handled.state
    notes = []
    if state.status == DEVIATION:
        category = state.category or ""
        unreached = routine.contact(state.contact) if state.contact else None
        named = f" ({unreached.name})" if unreached is not None else ""
        line = f"Avvikelse: {DEVIATION_CATEGORIES.get(category, category)}{named}."
        notes.append(line + (f" Kommentar: {state.comment}" if state.comment else ""))
    elif state.comment:
        notes.append(f"Orsak: {state.comment}")
    if not handled.in_plan:
        notes.append(LEFT_PLAN_NOTE)
    return Item(
        0,
        handled.step.id,
        handled.label,  # "RVT 2.3 …": the binder's reference (steplog.summary)
        status=state.status,
        record=short_when_text(state.at),
        notes=tuple(notes),
    )


def document_for_stored_walk(data: Mapping[str, Any]) -> Document:
    """A logged walk whose routine cannot be read now (gone or broken): only what the log
    stores, read-only. ``data`` is ``export.data.stored_walk_dict``'s."""
    routine = data["routine"]
    facts = [
        ("Läge", str(data["mode"])),
        ("Påbörjad", _minute(data["started_at"])),
        ("Senast ändrad", _minute(data["updated_at"])),
    ]
    if data["finished_at"]:
        facts.append(("Avslutad", _minute(data["finished_at"])))
    steps = []
    for step in data["steps"]:
        detail = step["status_label"] + (f" ({step['category_label']})" if step["category_label"] else "")
        when = f" {_minute(step['at'])}" if step["at"] else ""
        steps.append(Item(0, step["id"], f"{step['id']}: {detail}{when}", checkable=False))
    return Document(
        kind=KIND_STORED,
        title=f"Genomgång av rutinen {routine['id']} (version {routine['version']})",
        short_title=str(routine["id"]),
        routine_id=str(routine["id"]),
        version=str(routine["version"]),
        intro=(
            f"Rutinen `{routine['id']}` kan inte läsas just nu (saknas eller har fel; se "
            "samverkan kontrollera). Här visas bara det som finns sparat i loggen.",
        ),
        facts=tuple(facts),
        questions_title="Svar",
        questions=tuple(QuestionEntry(f"{a['question']} =", answer=str(a["value"])) for a in data["answers"])
        or (QuestionEntry("(inga)"),),
        sections=(Section("Steg", (Block("", tuple(steps)),), text="" if steps else "(inga)"),),
        contacts_used=tuple(str(c["id"]) for c in data["contacts_used"]),
        contacts_used_title="Kontakter som visades eller användes",
        furniture=False,
    )


def _minute(iso: str) -> str:
    """``2026-11-23 10.05`` from ``2026-11-23T10:05:…``."""
    return f"{iso[:10]} {iso[11:13]}.{iso[14:16]}"
