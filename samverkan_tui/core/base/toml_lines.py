"""Where in a TOML file a value was written, so that errors can name the line.

``tomllib`` gives values but no positions. Routine files use a plain subset of
TOML (tables, arrays of tables, ``key = value`` lines), so scanning the text for
headers and keys, and counting array-of-table headers, recovers each value's line.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*("[^"]*"|[A-Za-z0-9_\-]+)\s*=')
_INLINE_ITEM = re.compile(r"\{")

Path = tuple[str | int, ...]


class LineIndex:
    """Maps a value's path (``("steps", 3, "role")``) to its 1-based line."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._build(text)

    def _build(self, text: str) -> None:
        counters: dict[Path, int] = {}
        table: Path = ()
        open_array: tuple[Path, int] | None = None  # a multi-line inline array being read
        for number, raw in enumerate(text.splitlines(), start=1):
            line = _strip_comment(raw)
            header = None if open_array is not None else _HEADER.match(line)
            if header:
                open_array = None
                is_array = header.group(1) == "[["
                parts = [p.strip().strip('"') for p in header.group(2).split(".")]
                path: Path = ()
                for index, part in enumerate(parts):
                    path = (*path, part)
                    last = index == len(parts) - 1
                    if last and is_array:
                        count = counters.get(path, -1) + 1
                        counters[path] = count
                        for key in [p for p in counters if p[: len(path)] == path and p != path]:
                            del counters[key]
                        path = (*path, count)
                    elif not last and path in counters:
                        path = (*path, counters[path])
                table = path
                self.lines.setdefault(table, number)
                continue
            found = _KEY.match(line)
            if found:
                name = found.group(1).strip('"')
                path = (*table, name)
                self.lines.setdefault(path, number)
                rest = line[found.end() :]
                if "[" in rest and rest.count("[") > rest.count("]"):
                    open_array = (path, 0)
                    open_array = self._inline_items(open_array, rest, number)
                else:
                    open_array = None
                    self._inline_items((path, 0), rest, number)
                continue
            if open_array is not None:
                open_array = self._inline_items(open_array, line, number)
                if "]" in line and line.count("]") > line.count("["):
                    open_array = None

    def _inline_items(self, state: tuple[Path, int], text: str, number: int) -> tuple[Path, int]:
        """Note the line of each ``{ … }`` item and each string of an inline array."""
        path, count = state
        for _ in _INLINE_ITEM.finditer(text):
            self.lines.setdefault((*path, count), number)
            count += 1
        if "{" not in text:
            for _ in re.finditer(r'"(?:[^"\\]|\\.)*"', text):
                self.lines.setdefault((*path, count), number)
                count += 1
        return (path, count)

    def line(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that was found."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return 1


def _strip_comment(line: str) -> str:
    in_string = False
    quote = ""
    for index, char in enumerate(line):
        if in_string:
            if char == quote:
                in_string = False
        elif char in "\"'":
            in_string, quote = True, char
        elif char == "#":
            return line[:index]
    return line


_ARRAY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_\-]+)[ \t]*\]\]", re.MULTILINE)


def array_headers(text: str) -> dict[str, list[int]]:
    """Line of each top-level ``[[name]]`` header, in order: a cheap pass for the model's
    ``line`` fields, so that the full index is only built when a problem is reported."""
    found: dict[str, list[int]] = {}
    line, position = 1, 0
    for match in _ARRAY_HEADER.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        found.setdefault(match.group(1), []).append(line)
    return found


def nesting_line(text: str, limit: int) -> int:
    """The first line where ``[`` and ``{`` (outside strings and comments) nest deeper
    than ``limit``, or 0. Only run after the TOML parser gave up, so it may be simple."""
    depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        quote = ""
        for char in line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                if depth > limit:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
    return 0


_TOML_MESSAGES = [
    (r"Unterminated string", "texten saknar avslutande citattecken"),
    (r"Invalid statement", "raden är varken `nyckel = värde` eller en [rubrik]"),
    (r"Invalid value", "ogiltigt värde"),
    (r"Invalid date or datetime", "ogiltigt datum eller ogiltig tid"),
    (r"Invalid hex value", "ogiltigt hexadecimalt värde"),
    (r"Invalid initial character for a key part", "ogiltigt tecken i början av en nyckel"),
    (r"Cannot overwrite a value", "nyckeln finns redan med ett värde"),
    (r"Cannot declare (.+) twice", r"\1 finns två gånger"),
    (r"Cannot redefine namespace (.+)", r"\1 är redan definierad"),
    (r"Cannot mutate immutable namespace (.+)", r"\1 kan inte ändras här"),
    (r"Duplicate inline table key (.+)", r"nyckeln \1 finns två gånger i tabellen"),
    (r"Expected '=' after a key in a key/value pair", "väntade `=` efter nyckeln"),
    (r"Expected '\]' at the end of a table declaration", "rubriken saknar avslutande ]"),
    (r"Expected '\]\]' at the end of an array declaration", "rubriken saknar avslutande ]]"),
    (r"Expected newline or end of document after a statement", "väntade radslut efter värdet"),
    (r"Unclosed array", "listan saknar avslutande ]"),
    (r"Unclosed inline table", "tabellen saknar avslutande }"),
    (r"Unescaped '\\' in a string", "ensamt \\\\ i texten (skriv \\\\\\\\)"),
    (r"Escaped character is not a Unicode scalar value", "ogiltigt Unicode-tecken i texten"),
    (r"Found invalid character (.+)", r"ogiltigt tecken \1"),
    (r"Illegal character (.+)", r"otillåtet tecken \1"),
    (r"\(at end of document\)", "(i slutet av filen)"),
]


def swedish_toml_message(detail: str) -> str:
    """The TOML parser's English message in Swedish, where it is one we know."""
    for pattern, swedish in _TOML_MESSAGES:
        detail = re.sub(pattern, swedish, detail)
    return detail
