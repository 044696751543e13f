"""Problems found while loading or validating a routine file, in plain Swedish."""

from collections.abc import Iterable
from typing import NamedTuple

ERROR = "fel"
WARNING = "varning"
INFO = "info"  # said so the reader knows, nothing to fix (a municipality's copy of a built-in)


class Problem(NamedTuple):
    """One finding: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""
    column: int = 0
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``menade du `akut`?`` for a near miss, otherwise a list of what exists."""
    import difflib  # only when there is a near miss to explain

    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return f"menade du `{close[0]}`?"
    if not pool:
        return ""
    shown = ", ".join(f"`{c}`" for c in pool[:8])
    more = " …" if len(pool) > 8 else ""
    return f"giltiga är {shown}{more}"
