"""Phone numbers in running text, kept whole when a line wraps."""

from __future__ import annotations

import re

# Phone and fax numbers as the routines write them ("08-508 03 310", "530 622 55",
# "010-564 64 67"). A number split over two lines gets misdialled, so the wrapping
# formats keep each one together.
_NUMBER = re.compile(r"(?<![\w.,:])(?:\+\d{1,3} ?)?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w.,:]\w)")
KEEP_TOGETHER_SPACE = "\u00a0"


def keep_numbers_together(text: str) -> str:
    """The spaces inside phone numbers made non-breaking (U+00A0), for line wrapping."""
    return _NUMBER.sub(lambda m: m.group(0).replace(" ", KEEP_TOGETHER_SPACE), text)


def number_spans(text: str) -> list[tuple[int, int]]:
    """Where the phone numbers are in ``text`` (start, end)."""
    return [m.span() for m in _NUMBER.finditer(text)]
