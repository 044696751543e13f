"""Plain text, 80 columns: what `samverkan show` prints and what fits any terminal or e-mail."""

from __future__ import annotations

import datetime as dt
import textwrap

from samverkan_tui.core.deadlines import format_date
from samverkan_tui.core.model import Contact, Routine
from samverkan_tui.core.walk import Plan, PlannedStep

WIDTH = 80


def _wrap(text: str, indent: str, first: str | None = None, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first if first is not None else indent,
        subsequent_indent=indent, break_on_hyphens=False,
    ) or [first or indent]


def review_line(routine: Routine, today: dt.date) -> str:
    """"Översyn: ÖVERSYN FÖRSENAD sedan 2024-01-24 (…)" and the source's own words on review."""
    line = f"Översyn: {routine.review_status(today)}"
    if routine.review_text:
        line += f". {routine.review_text}"
    return line


def header_lines(routine: Routine, today: dt.date) -> list[str]:
    lines = _wrap(routine.title, "", "")
    lines.append("=" * min(WIDTH, max(len(x) for x in lines)))
    lines.append(f"Version {routine.version} · {', '.join(routine.units)}")
    lines += _wrap(f"Källa: {routine.source}", "  ", "")
    if routine.responsible:
        lines += _wrap(f"Ansvariga: {routine.responsible}", "  ", "")
    dates = []
    if routine.adopted:
        dates.append(f"fastställd {routine.adopted.isoformat()}")
    if routine.revised:
        dates.append(f"reviderad {routine.revised.isoformat()}")
    if dates:
        lines.append("Datum: " + ", ".join(dates))
    lines += _wrap(review_line(routine, today), "  ", "")
    for remark in routine.remarks:
        label = "VARNING" if remark.severity == "varning" else "OBS"
        lines += _wrap(f"{label}: {remark.text}", "   ", "!! ")
    return lines


def contact_line(contact: Contact) -> str:
    parts = [contact.name]
    if contact.phones:
        parts.append("tel " + " / ".join(contact.phones))
    if contact.fax:
        parts.append("fax " + " / ".join(contact.fax))
    return ", ".join(parts)


def contact_status_line(contact: Contact, routine: Routine | None, now: dt.datetime) -> str:
    """"Öppet nu, stänger 16.00" or "Stängt (lunch), öppnar 13.00 — ring …", at ``now``."""
    from samverkan_tui.core.hours import contact_status  # holidays is imported only when needed

    return contact_status(contact, routine, now).summary


def step_lines(
    planned: PlannedStep, number: int, box: str = "[ ]",
    now: dt.datetime | None = None, routine: Routine | None = None,
) -> list[str]:
    step = planned.step
    lead = f"  {box} {number}. "
    indent = " " * len(lead)
    lines = _wrap(step.text, indent, lead)
    if planned.due:
        lines += _wrap(f"Senast: {format_date(planned.due)} ({step.deadline.text})", indent)
    for warning in step.warnings:
        lines += _wrap(f"VARNING: {warning}", indent + "  ", indent + "! ")
    for note in step.notes:
        lines += _wrap(note, indent + "  ", indent + "– ")
    for contact in planned.contacts:
        lines += _wrap(f"Kontakt: {contact_line(contact)}", indent + "  ", indent)
        if now is not None:
            lines += _wrap(contact_status_line(contact, routine, now), indent + "  ", indent + "  ")
    return lines


def plan_text(plan: Plan) -> str:
    routine = plan.routine
    lines = header_lines(routine, plan.now.date())
    lines.append("")
    lines.append(f"Beräknad {format_date(plan.now.date())} kl. {plan.now:%H.%M}")
    if plan.asked:
        lines.append("")
        lines.append("Svar")
        for question in plan.asked:
            option = question.option(plan.answers[question.id])
            lines += _wrap(f"{question.text} {option.label if option else ''}", "    ", "  • ")
    if plan.unanswered:
        lines.append("")
        lines.append("Obesvarade frågor (planen kan växa när de besvaras)")
        for question in plan.unanswered:
            values = "/".join(o.value for o in question.options)
            lines += _wrap(f"{question.text}  [--svar {question.id}={values}]", "    ", "  ? ")
    number = 0
    for group in plan.groups:
        lines.append("")
        lines.append(f"{group.phase.name} – {group.role.name}")
        lines.append("-" * len(lines[-1]))
        for planned in group.steps:
            number += 1
            lines += step_lines(planned, number, now=plan.now, routine=routine)
    if not plan.steps:
        lines.append("")
        lines.append("Inga steg ännu: besvara frågorna ovan.")
    if routine.general_rules:
        lines.append("")
        lines.append("Gäller alltid")
        for rule in routine.general_rules:
            lines += _wrap(rule, "    ", "  • ")
    return "\n".join(lines) + "\n"


def questions_text(routine: Routine, today: dt.date) -> str:
    """The questions a walk may ask, for `show ID` without answers."""
    lines = header_lines(routine, today)
    lines.append("")
    lines.append("Frågor (ange svar med --svar FRÅGA=SVAR)")
    for question in routine.questions:
        lines.append("")
        lines += _wrap(f"{question.id}: {question.text}", "    ", "  ")
        for option in question.options:
            lines += _wrap(f"{option.value} = {option.label}", "        ", "      ")
        if question.help:
            lines += _wrap(question.help, "      ", "      ")
    return "\n".join(lines) + "\n"
