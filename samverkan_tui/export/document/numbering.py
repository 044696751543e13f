"""Numbers in a printout. Items' references ("RVT 2.3") are ``core.routine.references``'s,
the one numbering the app, the plan and the binder share; here only what a printout adds
around them: the number before a top-level heading that has none of its own."""

from __future__ import annotations

from collections.abc import Mapping

from samverkan_tui.core.routine.references import SOURCE_NUMBER


def heading_number(section: object, numbers: Mapping[str, str], depth: int) -> str:
    """The number printed before a top-level heading, unless its title starts with it."""
    title = getattr(section, "title", "")
    number = numbers.get(getattr(section, "id", ""), "")
    if depth or not number or SOURCE_NUMBER.match(title) or title.startswith(number):
        return ""  # a heading that carries the source's own number is printed as it is
    return number
