"""The codes a walk records, once: step statuses and walk modes, with how they read.

The codes are what the step log stores (its CHECK constraints are built from
``STATUSES`` and ``MODES``), so they never change; the labels are the Swedish words
every output prints, lower-case as in running text ("markerad som ej aktuell");
``status_label(..., capital=True)`` gives the form a heading or a line start needs.
``STATUS_MARKS`` is the mark a printout puts before a step's record ("✓ Klar …").
"""

from __future__ import annotations

# -- step statuses ------------------------------------------------------------------------

DONE = "klar"
NOT_APPLICABLE = "ej_aktuell"
DEVIATION = "avvikelse"
STATUSES = (DONE, NOT_APPLICABLE, DEVIATION)

STATUS_LABELS = {DONE: "klar", NOT_APPLICABLE: "ej aktuell", DEVIATION: "avvikelse"}
# How a walk's status reads in every printout (Markdown included: never "[x]" for a deviation).
STATUS_MARKS = {DONE: "✓", NOT_APPLICABLE: "–", DEVIATION: "!"}

# Fixed categories, so that deviations can be counted in the unit's follow-up
# without any free text (DESIGN.md §3).
DEVIATION_CATEGORIES = {
    "tidsfrist": "Tidsfristen kunde inte hållas",
    "kontakt_ej_nadd": "Kontakten kunde inte nås",
    "part_deltog_ej": "Samverkansparten deltog inte",
    "klient_avbojde": "Klienten avböjde",
    "resurs_saknades": "Resurs saknades (rum, tolk, personal)",
    "rutin_passade_ej": "Rutinen passade inte situationen",
    "annat": "Annat",
}


def capitalized(text: str) -> str:
    """``ej aktuell`` → ``Ej aktuell``: only the first letter, the rest as it is."""
    return text[:1].upper() + text[1:]


def status_label(status: str, capital: bool = False) -> str:
    """The Swedish word for a status code; an unknown code reads as itself."""
    label = STATUS_LABELS.get(status, status)
    return capitalized(label) if capital else label


# -- walk modes ---------------------------------------------------------------------------

MODE_CASE = "ärende"
MODE_TRAINING = "övning"
MODES = (MODE_CASE, MODE_TRAINING)

# How a walk's mode reads in a printout or summary ("Läge: …").
MODE_LABELS = {MODE_CASE: "ärende", MODE_TRAINING: "övning (räknas inte i uppföljningen)"}


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode)
