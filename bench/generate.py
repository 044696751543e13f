"""Generated routines of realistic size for the validate benchmark."""

from __future__ import annotations

from pathlib import Path

from samverkan_tui.core.routine.conditions import parse_condition
from samverkan_tui.core.routine.model import NO, YES, Option, Phase, Question, Role, Routine, Step

_PHASES = ("inledande", "utredning", "langre-sikt")
_ROLES = ("a", "b", "gemensamt")


def routine_text(index: int) -> str:
    """Shaped like the shipped routines (RVT–BoU: 9 questions, 34 steps, 80 paths;
    Botkyrka: 11 questions, 68 steps, 154 paths): 9 questions, three of them nested,
    40 steps with source-length texts, 3 contacts with hours, 135 complete paths."""
    lines = [
        "format = 2",
        f'id = "genererad-{index:03d}"',
        f'title = "Genererad rutin {index}"',
        'version = "1"',
        'units = ["Enhet A", "Enhet B"]',
        'source = "Genererad"',
        "adopted = 2026-01-01",
        "review_interval_months = 12",
    ]
    for role in _ROLES:
        lines += ["[[roles]]", f'id = "{role}"', f'name = "Roll {role.upper()}"']
    for phase in _PHASES:
        lines += ["[[phases]]", f'id = "{phase}"', f'name = "Fas {phase}"']
    lines += [
        "[[questions]]",
        'id = "inkom"',
        'type = "val"',
        'text = "Var inkom ärendet?"',
        'options = [{ value = "a", label = "A" }, { value = "b", label = "B" }, '
        '{ value = "c", label = "C" }]',
    ]
    for q in ["akut", "barn", "utredning", "skydd"]:
        lines += ["[[questions]]", f'id = "{q}"', f'text = "Gäller {q}?"', f'help = "Hjälp om {q}."']
    lines += ["[[questions]]", 'id = "samtycke"', 'when = "barn"', 'text = "Samtycke?"']
    lines += ["[[questions]]", 'id = "plats"', 'when = "utredning"', 'text = "På plats?"']
    lines += ["[[questions]]", 'id = "boende"', 'when = "skydd och akut"', 'text = "Boende?"']
    for c in range(3):
        lines += [
            "[[contacts]]",
            f'id = "k{c}"',
            f'name = "Kontakt {c}"',
            'phones = ["08-123 45 67"]',
            'hours = { mon = "08:30-16:00", tue = "08:30-16:00", fri = "08:30-14:00" }',
            'breaks = [{ start = "12:00", end = "13:00", name = "lunch" }]',
        ]
    conditions = [
        "inkom = a",
        "inkom = b",
        "inkom = c",
        "akut",
        "akut = nej",
        "barn och akut",
        "utredning och plats",
        "utredning och plats = nej",
        "skydd och akut och boende",
        "barn och samtycke",
        "barn = nej",
    ]
    lines += [
        "[[moments]]",
        'id = "anmalan"',
        'label = "anmälan kom in"',
        'question = "När kom anmälan in?"',
    ]
    # Format 2, as the shipped routines: the headings in order, each item under one.
    for s in range(0, 40, 4):
        lines += [
            "[[sections]]",
            f'id = "avsnitt-{s}"',
            f'title = "Vad gör socialsekreterare på enheten i det inledande skedet {s}?"',
            f'phase = "{_PHASES[(s // 4) % 3]}"',
        ]
    for s in range(40):
        lines += [
            "[[steps]]",
            f'id = "steg-{s}"',
            f'role = "{_ROLES[s % 3]}"',
            f'section = "avsnitt-{s - s % 4}"',
            f'text = "Steg {s}: Undersök om det finns en öppen utredning på barnen eller ej. '
            'Om öppen utredning finns: kontakta ansvarig socialsekreterare."',
        ]
        if s % 4:
            lines.append(f'when = "{conditions[s % len(conditions)]}"')
        if s % 5 == 0:
            lines += ['deadline = "inom en vecka"', 'deadline_from = "anmalan"']
        if s % 7 == 0:
            lines.append(f'contacts = ["k{s % 3}"]')
    return "\n".join(lines) + "\n"


def write_routines(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"genererad-{index:03d}.toml"
        path.write_text(routine_text(index), encoding="utf-8")
        paths.append(path)
    return paths


def yes_no_routine(questions: int) -> Routine:
    """Independent yes/no questions and one step per answer: 2**questions complete paths."""
    qs = tuple(
        Question(f"q{i}", f"Fråga {i}?", "ja_nej", (Option(YES, "Ja"), Option(NO, "Nej")))
        for i in range(questions)
    )
    steps = tuple(
        Step(f"s{i}-{value}", f"Steg {i} {value}", "a", "p", parse_condition(f"q{i} = {value}"))
        for i in range(questions)
        for value in (YES, NO)
    )
    return Routine(
        "ja-nej", "Ja/nej", "1", ("A",), "Genererad", qs, steps, (Role("a", "A"),), (Phase("p", "P"),)
    )
