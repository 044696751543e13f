"""Swedish wording shared by the shells."""

from __future__ import annotations


def count_text(count: int, one: str, many: str) -> str:
    """``"1 fråga"``, ``"3 frågor"``, ``"0 frågor"``: a count with the word in its form."""
    return f"{count} {one if count == 1 else many}"
