"""`samverkan format`: the routine file format's guide, from the installed copy.

The guide is docs/checklist-format.md, shipped in the wheel (``core.docs``); printing it
lets the people who write routines read the guide that matches their installed version.
"""

from __future__ import annotations

import sys

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import EXIT_FAILURE, fail


@command(
    app,
    "format",
    short_help="Beskrivningen av rutinfilernas format.",
    epilog=examples(
        "samverkan format | less              läs beskrivningen",
        "samverkan format > rutinformat.md    spara den bredvid dina rutiner",
        after="samverkan info visar var filen finns.",
    ),
)
def format_guide() -> None:
    """Skriv ut beskrivningen av rutinfilernas format (Markdown), för er som skriver och
    reviderar rutiner."""
    from samverkan_tui.core.base.docs import format_guide_path

    path = format_guide_path()
    from samverkan_tui.core.base.input_files import InputFileError, read_input_text

    try:
        text = read_input_text(path)
    except InputFileError as error:
        fail(f"formatbeskrivningen {path} kan inte läsas: {error}", EXIT_FAILURE)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
