"""The review protocol: what a routine's yearly review confirmed and what must change.

Built as an ``export.document.Document`` so that every renderer (text, Markdown, HTML,
PDF) prints it like the other printouts. The model has no fields of its own for a
review, so it uses the existing ones: ``facts`` for the review's date and result,
``sections``/``blocks``/``items`` for the verdicts (an item's ``notes`` carry what must
change), ``remarks`` for the routine's known review remarks, and a last section whose
tick items are the signature lines, by role. The reviewer's name is never stored: the
paper has a line for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from samverkan_tui.core.manage.review_walk import (
    CONTACT_CHANGE,
    ITEM_CHANGE,
    ITEM_OK,
    ITEM_REMOVE,
    Review,
    scrub_note,
)
from samverkan_tui.core.routine.model import Routine, Step
from samverkan_tui.core.routine.references import item_references
from samverkan_tui.export.document import Block, Document, Item, Section, document_for_routine, when_text

KIND_REVIEW = "granskning"
SIGNATURE_ROLES = ("Granskad av (roll, t.ex. enhetschef): ", "Namn (frivilligt, skrivs för hand): ")


def _item(step: Step, reference: str, notes: tuple[str, ...] = ()) -> Item:
    """A reviewed item under the binder's reference ("RVT 2.3"), as the printouts number it."""
    return Item(number=0, step_id=step.id, text=step.text, notes=notes, checkable=False, reference=reference)


def result_line(review: Review, routine: Routine) -> str:
    counts = review.counts()
    pending = len(review.pending_items(routine))
    if review.unchanged(routine):
        return "Rutinen gäller oförändrad"
    parts = [f"{counts[ITEM_OK]} gäller", f"{counts[ITEM_CHANGE]} ändras", f"{counts[ITEM_REMOVE]} tas bort"]
    if pending:
        parts.append(f"{pending} ej granskade")
    return "Rutinen behöver revideras: " + ", ".join(parts)


def document_for_review(
    routine: Routine,
    review: Review,
    now: dt.datetime,
    revision_note: str = "",
) -> Document:
    """The protocol of ``review`` of ``routine``; ``revision_note`` says what was written to the file."""
    base = document_for_routine(routine, now)
    references = item_references(routine)
    confirmed, changed, removed, pending = [], [], [], []
    for step in routine.steps:
        verdict = review.items.get(step.id)
        n = references[step.id]
        if verdict is None:
            pending.append(_item(step, n))
        elif verdict.verdict == ITEM_OK:
            confirmed.append(_item(step, n))
        elif verdict.verdict == ITEM_CHANGE:
            changed.append(_item(step, n, (f"Ändras: {scrub_note(verdict.change, routine)}",)))
        else:
            removed.append(_item(step, n))
    sections: list[Section] = []
    if changed:
        sections.append(Section("Ska ändras", (Block("", tuple(changed)),)))
    if removed:
        sections.append(Section("Ska tas bort", (Block("", tuple(removed)),)))
    contact_items = []
    for contact in routine.contacts:
        contact_verdict = review.contacts.get(contact.id)
        numbers = " / ".join(contact.phones) or "inget nummer angivet"
        notes: tuple[str, ...]
        if contact_verdict is None:
            notes = ("Ej granskad",)
        elif contact_verdict.verdict == CONTACT_CHANGE:
            notes = tuple(
                note
                for note in (
                    # Printed as the one scrubber lets them be stored, whatever made the review.
                    f"Nytt nummer: {scrub_note(contact_verdict.phones, routine, digits=True)}"
                    if contact_verdict.phones
                    else "",
                    f"Nya telefontider: {scrub_note(contact_verdict.hours, routine, digits=True)}"
                    if contact_verdict.hours
                    else "",
                )
                if note
            )
        else:
            notes = ("Stämmer",)
        contact_items.append(
            Item(
                number=0,
                step_id=contact.id,
                text=f"{contact.name}, tel {numbers}",
                notes=notes,
                checkable=False,
            )
        )
    if contact_items:
        sections.append(Section("Kontakter och telefontider", (Block("", tuple(contact_items)),)))
    if review.missing is not None:
        missing = scrub_note(review.missing, routine) or "Inget saknas."
        sections.append(Section("Något saknas?", (), text=missing))
    if confirmed:
        sections.append(Section("Bekräftat: gäller oförändrat", (Block("", tuple(confirmed)),)))
    if pending:
        sections.append(Section("Ej granskade", (Block("", tuple(pending)),)))
    signatures = tuple(
        Item(number=i, step_id=f"signatur-{i}", text=text, checkable=True)
        for i, text in enumerate(SIGNATURE_ROLES, start=1)
    )
    sections.append(
        Section(
            "Underskrift", (Block("", signatures),), text="Protokollet innehåller inga uppgifter om klienter."
        )
    )
    facts = [
        ("Granskad", when_text(now)),
        ("Version som granskades", review.version),
        ("Resultat", result_line(review, routine)),
    ]
    if revision_note:
        facts.append(("Rutinfilen", revision_note))
    facts += [("Obs", notice) for notice in review.notices]
    return dataclasses.replace(
        base,
        kind=KIND_REVIEW,
        subtitle="Granskningsprotokoll: årlig genomläsning av rutinen",
        facts=tuple(facts),
        questions_title="",
        questions=(),
        unanswered=(),
        sections=tuple(sections),
        general_rules=(),
        contacts=(),
        empty_text="",
        now_title="",
        now_lines=(),
        remarks_last=False,
    )
