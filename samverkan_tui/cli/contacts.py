"""`samverkan kontakter`: the routines' contacts and whether anyone answers now."""

from __future__ import annotations

import sys
import textwrap
from typing import Annotated

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import STATE, Format, FormatOption, NowOption, complete_routine, print_json
from samverkan_tui.core.base.phone_numbers import KEEP_TOGETHER_SPACE, keep_numbers_together
from samverkan_tui.core.routine.model import Contact, Routine
from samverkan_tui.core.walk.hours_text import status_summary


def _wrap(text: str, indent: str = "    ") -> list[str]:
    # 80 columns, like the plan printouts; a phone number is never split, neither at its
    # hyphen nor at its spaces (kept non-breaking while wrapping: textwrap only breaks at
    # ASCII whitespace).
    lines = textwrap.wrap(
        keep_numbers_together(text),
        width=80,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )
    return [line.replace(KEEP_TOGETHER_SPACE, " ") for line in lines]


def _selected(rutin: str | None) -> list[tuple[Routine, list[Contact]]]:
    """The contacts to show, per routine; each routine+id once."""
    if rutin is not None:
        routines = [STATE.routine(rutin)]
    else:
        catalog = STATE.catalog()
        for problem in catalog.problems:
            print(f"samverkan: varning: hoppar över {problem}", file=sys.stderr)
        routines = [entry.routine for entry in catalog.entries.values()]
    selected = []
    for routine in routines:
        seen: dict[str, Contact] = {}
        for contact in routine.contacts:
            seen.setdefault(contact.id, contact)
        if seen:
            selected.append((routine, list(seen.values())))
    return selected


@command(
    app,
    "kontakter",
    short_help="Kontakterna, och om det är öppet nu.",
    epilog=examples(
        "samverkan kontakter --rutin rvt-bou", "samverkan kontakter --now 2026-12-24T10:00 --format json"
    ),
)
def kontakter(
    rutin: Annotated[
        str | None,
        typer.Option(
            "--rutin",
            "-r",
            metavar="ID",
            autocompletion=complete_routine,
            help="Bara kontakterna i denna rutin (se samverkan lista).",
        ),
    ] = None,
    now: NowOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Visa kontakterna: öppet nu, när det stänger eller öppnar, och vem man ringer annars."""
    from samverkan_tui.core.base.dates import format_date, format_time
    from samverkan_tui.core.walk.hours import contact_status
    from samverkan_tui.core.walk.hours_text import weekly_hours_lines

    moment = STATE.now(now)
    selected = _selected(rutin)
    if format is Format.json:
        from samverkan_tui.export.data import contact_dict

        print_json([contact_dict(c, routine, moment) for routine, contacts in selected for c in contacts])
        return
    if not selected:
        print("Inga kontakter hittades.")
        return
    lines = [f"Kontakter {format_date(moment.date())} kl. {format_time(moment)}"]
    for routine, contacts in selected:
        lines += ["", f"{routine.short_title or routine.title} [{routine.id}]"]
        for contact in contacts:
            lines.append("")
            lines.append(f"  {contact.name}" + (f" ({contact.unit})" if contact.unit else ""))
            numbers = []
            if contact.phones:
                numbers.append("tel " + " / ".join(contact.phones))
            if contact.fax:
                numbers.append("fax " + " / ".join(contact.fax))
            if numbers:
                lines.append("    " + ", ".join(numbers))
            lines += _wrap(status_summary(contact_status(contact, routine, moment)))
            if contact.hours is not None:
                lines.append("    Telefontider:")
                for line in weekly_hours_lines(contact):
                    lines += _wrap(line, "      ")
            if contact.instructions:
                lines += _wrap(contact.instructions)
    sys.stdout.write("\n".join(lines) + "\n")
