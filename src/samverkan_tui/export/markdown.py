"""Markdown that renders cleanly on common wiki and Git hosting."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from samverkan_tui.core.deadlines import format_date
from samverkan_tui.core.model import Routine
from samverkan_tui.core.walk import Plan
from samverkan_tui.export.text import contact_line, review_line

if TYPE_CHECKING:
    from samverkan_tui.export.document import Document, Item


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


# -- printouts from the document model (`samverkan export --format md`) -----------------

def _item_markdown(item: Item) -> list[str]:
    # Task lists know only "[ ]" and "[x]": every handled status gets "[x]", and the
    # record line right below says which status it was.
    box = "[ ]" if item.status is None else "[x]"
    lines = [f"- {box} **{item.number}.** {escape(item.text)}"]
    if item.deadline:
        lines.append(f"  - **{escape(item.deadline)}**")
    if item.record:
        lines.append(f"  - *{escape(item.record)}*")
    for warning in item.warnings:
        lines.append(f"  - **Varning:** {escape(warning)}")
    for note in item.notes:
        lines.append(f"  - {escape(note)}")
    for contact in item.contacts:
        lines.append(f"  - Kontakt: {escape(contact)}")
    return lines


def document_markdown(document: Document) -> str:
    """A printout as Markdown: headings, task lists and plain lists only, so wikis agree."""
    lines = [f"# {escape(document.title)}", "", f"*{escape(document.subtitle)}*", ""]
    for label, value in (*document.meta, *document.facts):
        lines.append(f"- **{escape(label)}:** {escape(value)}")
    lines.append("")
    for remark in document.remarks:
        label = "Varning" if remark.warning else "Obs"
        lines += [f"> **{label}:** {escape(remark.text)}", ""]
    if document.questions:
        lines += [f"## {escape(document.questions_title)}", ""]
        for question in document.questions:
            if question.answer:
                lines.append(f"- {escape(question.text)} **{escape(question.answer)}**")
                continue
            lines.append(f"- **{escape(question.text)}**")
            lines.append(f"  - Svar: {escape(' / '.join(question.options))}")
            if question.condition:
                lines.append(f"  - {escape(question.condition)}")
            if question.help:
                lines.append(f"  - *{escape(question.help)}*")
        lines.append("")
    if document.unanswered:
        lines += ["## Obesvarade frågor", "", "Planen kan växa när de besvaras.", ""]
        for question in document.unanswered:
            lines.append(f"- {escape(question.text)} ({escape(' / '.join(question.options))})")
        lines.append("")
    for section in document.sections:
        lines += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            if block.condition:
                lines += [f"**{escape(block.condition)}**", ""]
            for item in block.items:
                lines += _item_markdown(item)
            lines.append("")
    if not document.sections:
        lines += [escape(document.empty_text), ""]
    if document.general_rules:
        lines += ["## Gäller alltid", ""]
        lines += [f"- {escape(rule)}" for rule in document.general_rules]
        lines.append("")
    if document.contacts:
        lines += ["## Kontakter och telefontider", ""]
        for contact in document.contacts:
            name = contact.name + (f" ({contact.unit})" if contact.unit else "")
            lines.append(f"- **{escape(name)}**")
            if contact.numbers:
                lines.append(f"  - {escape(contact.numbers)}")
            if contact.hours:
                lines.append(f"  - Telefontider: {escape('; '.join(contact.hours))}")
            if contact.instructions:
                lines.append(f"  - {escape(contact.instructions)}")
            if contact.fallback:
                lines.append(f"  - {escape(contact.fallback)}")
        lines.append("")
    if document.contacts_used:
        lines += ["## Kontakter som användes", ""]
        lines += [f"- {escape(used)}" for used in document.contacts_used]
        lines.append("")
    lines += ["---", "", f"*{escape(document.footer)}*", ""]
    return "\n".join(lines)
