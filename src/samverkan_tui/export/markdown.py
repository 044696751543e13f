"""Markdown that renders cleanly on common wiki and Git hosting."""

from __future__ import annotations

import datetime as dt

from samverkan_tui.core.deadlines import format_date
from samverkan_tui.core.model import Routine
from samverkan_tui.core.walk import Plan
from samverkan_tui.export.text import contact_line, review_line


def escape(text: str) -> str:
    """Keep Markdown syntax characters in routine text literal."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def header_markdown(routine: Routine, today: dt.date) -> list[str]:
    lines = [f"# {escape(routine.title)}", ""]
    lines.append(f"- **Version:** {escape(routine.version)}")
    lines.append(f"- **Enheter:** {escape(', '.join(routine.units))}")
    lines.append(f"- **Källa:** {escape(routine.source)}")
    if routine.responsible:
        lines.append(f"- **Ansvariga:** {escape(routine.responsible)}")
    if routine.adopted:
        lines.append(f"- **Fastställd:** {routine.adopted.isoformat()}")
    if routine.revised:
        lines.append(f"- **Reviderad:** {routine.revised.isoformat()}")
    lines.append(f"- {escape(review_line(routine, today))}")
    lines.append("")
    for remark in routine.remarks:
        label = "Varning" if remark.severity == "varning" else "Obs"
        lines.append(f"> **{label}:** {escape(remark.text)}")
        lines.append("")
    return lines


def plan_markdown(plan: Plan) -> str:
    routine = plan.routine
    lines = header_markdown(routine, plan.now.date())
    lines.append(f"*Beräknad {format_date(plan.now.date())} kl. {plan.now:%H.%M}*")
    lines.append("")
    if plan.asked:
        lines.append("## Svar")
        lines.append("")
        for question in plan.asked:
            option = question.option(plan.answers[question.id])
            lines.append(f"- {escape(question.text)} **{escape(option.label if option else '')}**")
        lines.append("")
    if plan.unanswered:
        lines.append("## Obesvarade frågor")
        lines.append("")
        for question in plan.unanswered:
            lines.append(f"- {escape(question.text)}")
        lines.append("")
    for group in plan.groups:
        lines.append(f"## {escape(group.phase.name)} – {escape(group.role.name)}")
        lines.append("")
        for planned in group.steps:
            step = planned.step
            lines.append(f"- [ ] {escape(step.text)}")
            if planned.due:
                lines.append(f"  - Senast: **{format_date(planned.due)}** ({escape(step.deadline.text)})")
            for warning in step.warnings:
                lines.append(f"  - ⚠ **{escape(warning)}**")
            for note in step.notes:
                lines.append(f"  - {escape(note)}")
            for contact in planned.contacts:
                lines.append(f"  - Kontakt: {escape(contact_line(contact))}")
        lines.append("")
    if routine.general_rules:
        lines.append("## Gäller alltid")
        lines.append("")
        lines += [f"- {escape(rule)}" for rule in routine.general_rules]
        lines.append("")
    return "\n".join(lines)
