"""Reading a routine file: TOML → checked structure → immutable ``Routine``.

This is where a routine is parsed. Structural problems (unknown keys, wrong
types, missing fields, bad conditions, deadlines or times) are reported here
with the file and line; cross-references and the walk-through proof live in
``core.validate``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan_tui.core.base.problems import ERROR, Problem, did_you_mean
from samverkan_tui.core.base.toml_lines import (
    LineIndex,
    array_headers,
    nesting_line,
    swedish_toml_message,
)
from samverkan_tui.core.routine.conditions import All, Condition, ConditionError, parse_condition
from samverkan_tui.core.routine.deadline_phrases import DeadlineError, parse_deadline
from samverkan_tui.core.routine.model import (
    ACTION,
    CHECKABLE_KINDS,
    ITEM_KIND_ALIASES,
    NO,
    WEEKDAYS,
    YES,
    Contact,
    Deadline,
    Exercise,
    ExpectedAnswer,
    LegalDeadline,
    Moment,
    OpeningHours,
    Option,
    Phase,
    Question,
    Remark,
    Role,
    Routine,
    Section,
    Step,
    TimeRange,
)
from samverkan_tui.core.routine.schema import (
    FORMAT_VERSION,
    FORMAT_VERSIONS,
    ID_PATTERN,
    TABLES,
    Field,
    kind_name,
)

try:  # tomli is tomllib's upstream, compiled with mypyc: about 3× faster on routine files
    from tomli import TOMLDecodeError
    from tomli import loads as toml_loads
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib has the same API
    from tomllib import TOMLDecodeError  # type: ignore[assignment]
    from tomllib import loads as toml_loads

_ID = re.compile(ID_PATTERN)
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_AT_END = "(at end of document)"
MAX_FILE_BYTES = 2 * 1024 * 1024  # routine files are tens of kB; bigger is not a routine
FIRST_YEAR, LAST_YEAR = 1900, 2100  # dates outside are typos (and overflow date arithmetic)
MAX_REVIEW_MONTHS = 120  # a review interval beyond ten years is a typo (and overflows dates)
MAX_NESTING = 50  # brackets and braces, reported when the TOML parser gives up on depth
_TABLE_NAMES = {
    "remark": "[[remarks]]", "role": "[[roles]]", "phase": "[[phases]]",
    "question": "[[questions]]", "option": "options", "step": "[[steps]]",
    "contact": "[[contacts]]", "break": "breaks", "exercise": "[[exercises]]",
    "expected": "answers", "routine": "rutinen", "section": "[[sections]]",
    "moment": "[[moments]]",
}  # fmt: skip


@dataclass
class LoadResult:
    """What loading one file gave: the routine (when it could be built) and every problem."""

    path: Path
    routine: Routine | None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    _lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        """Where each value stands in the file; built on first use."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.name = str(path)
        self.text = text
        self._lines: LineIndex | None = None
        self.problems: list[Problem] = []

    @property
    def lines(self) -> LineIndex:
        """Built on first use: a file without problems never needs line numbers."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    @property
    def text_lines(self) -> list[str]:
        return self.text.splitlines()

    # -- reporting ----------------------------------------------------------
    def error(self, where: tuple[str | int, ...], message: str, hint: str = "", column: int = 0) -> None:
        self.problems.append(Problem(self.name, self.lines.line(where), message, hint, column, ERROR))

    def value_column(self, where: tuple[str | int, ...], offset: int) -> int:
        """Column of character ``offset`` (1-based) inside the string written at ``where``."""
        number = self.lines.line(where)
        if 0 < number <= len(self.text_lines):
            text = self.text_lines[number - 1]
            quote = text.find('"', text.find("=") + 1 if "=" in text else 0)
            if quote >= 0:
                return quote + 1 + offset
        return 0

    # -- structure ------------------------------------------------------------
    def check_table(self, data: object, table: str, where: tuple[str | int, ...]) -> bool:
        """Check one table against its spec; returns False when it cannot be used at all."""
        label = _TABLE_NAMES.get(table, table)
        if not isinstance(data, dict):
            self.error(where, f"{label} ska vara en tabell", "skriv nycklar som `namn = värde`")
            return False
        spec = TABLES[table]
        ok = True
        for key, value in data.items():
            if key not in spec:
                self.error(
                    (*where, key),
                    f"okänd nyckel `{key}` i {label}",
                    did_you_mean(key, spec) or "ta bort raden",
                )
                ok = False
                continue
            ok = self.check_value(value, spec[key], (*where, key), key) and ok
        for key, field_spec in spec.items():
            if field_spec.required and key not in data:
                self.error(
                    where,
                    f"{label} saknar `{key}`",
                    f"lägg till `{key} = …` ({kind_name(field_spec.kind)})",
                )
                ok = False
        return ok

    def check_value(self, value: Any, spec: Field, where: tuple[str | int, ...], key: str) -> bool:
        kind = spec.kind
        if kind == "str" and isinstance(value, str) and value.strip() and not spec.choices:
            return True  # the common case, checked first: most values are plain text

        def wrong() -> str:  # built only when shown: most values are right
            return f"`{key}` ska vara {kind_name(kind)}"

        if kind.startswith("list[table:"):
            if not isinstance(value, list):
                self.error(where, wrong(), f"skriv varje post som [[{key}]] eller {key} = [{{ … }}]")
                return False
            table = kind[11:-1]
            return all([self.check_table(item, table, (*where, i)) for i, item in enumerate(value)])
        if kind in ("str", "condition", "deadline"):
            if not isinstance(value, str) or not value.strip():
                self.error(
                    where,
                    wrong() if not isinstance(value, str) else f"`{key}` är tom",
                    'skriv texten inom citattecken: "…"',
                )
                return False
            if spec.choices and value not in spec.choices:
                self.error(where, f"`{key}` kan inte vara {value!r}", did_you_mean(value, spec.choices))
                return False
            return True
        if kind == "id":
            if not isinstance(value, str) or not _ID.match(value):
                self.error(
                    where,
                    f"`{key}` ska vara {kind_name(kind)}, inte {value!r}",
                    'till exempel "akut" eller "rvt-bou"',
                )
                return False
            return True
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.error(where, wrong(), "skriv ett tal utan citattecken, till exempel 12")
                return False
            if key == "review_interval_months" and value > MAX_REVIEW_MONTHS:
                self.error(
                    where,
                    f"`{key}` = {value} är mer än {MAX_REVIEW_MONTHS} månader",
                    "källorna säger minst en gång per år: skriv till exempel 12",
                )
                return False
            return True
        if kind == "bool":
            if not isinstance(value, bool):
                self.error(where, wrong(), "skriv true eller false utan citattecken")
                return False
            return True
        if kind == "date":
            day = (
                value
                if isinstance(value, dt.date) and not isinstance(value, dt.datetime)
                else _iso_date(value)
                if isinstance(value, str)
                else None
            )
            if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.error(
                    where,
                    f"`{key}` = {day.isoformat()} ligger utanför åren {FIRST_YEAR}–{LAST_YEAR}",
                    "kontrollera årtalet",
                )
                return False
            if day is not None:
                return True
            self.error(where, f"`{key}` ska vara ett datum, inte {value!r}", "skriv till exempel 2023-01-24")
            return False
        if kind in ("list[str]", "list[id]"):
            item_ok: Callable[[object], bool] = (
                (lambda v: isinstance(v, str) and bool(_ID.match(v)))
                if kind == "list[id]"
                else (lambda v: isinstance(v, str) and bool(v.strip()))
            )
            if not isinstance(value, list) or not all(item_ok(v) for v in value):
                self.error(where, wrong(), f'skriv {key} = ["…", "…"]')
                return False
            return True
        if kind == "time":
            if not isinstance(value, str) or _parse_time(value) is None:
                self.error(where, f"`{key}` ska vara en tid, inte {value!r}", 'skriv till exempel "12:00"')
                return False
            return True
        if kind == "hours":
            if not isinstance(value, dict):
                self.error(where, wrong(), 'skriv hours = { mon = "08:30-16:00", … }')
                return False
            ok = True
            for day, ranges in value.items():
                if day not in WEEKDAYS:
                    self.error((*where, day), f"okänd veckodag `{day}`", did_you_mean(day, WEEKDAYS))
                    ok = False
                    continue
                items = ranges if isinstance(ranges, list) else [ranges]
                for item in items:
                    if not isinstance(item, str) or _parse_range(item) is None:
                        self.error(
                            (*where, day),
                            f"ogiltig tid {item!r} för `{day}`",
                            'skriv "08:30-16:00" (start före slut)',
                        )
                        ok = False
            return ok
        raise AssertionError(f"unknown field kind {kind}")  # a bug in TABLES, not in the file

    # -- values ---------------------------------------------------------------
    def condition(self, text: str | None, where: tuple[str | int, ...]) -> Condition | None:
        if text is None:
            return None
        try:
            return parse_condition(text)
        except ConditionError as error:
            self.error(
                where,
                f"villkoret {text if len(text) <= 60 else text[:57] + '…'!r} går inte att läsa: "
                f"{error.message}",
                "till exempel: akut = ja och mottagare i (rvt, bou)",
                self.value_column(where, error.column),
            )
            return None

    def deadline(self, text: str | None, where: tuple[str | int, ...]) -> Deadline | None:
        if text is None:
            return None
        try:
            return parse_deadline(text)
        except DeadlineError as error:
            message, _, hint = str(error).partition(": ")
            self.error(where, message, hint)
            return None


def _parse_time(text: str) -> int | None:
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return hour * 60 + minute


def _parse_range(text: str, label: str = "") -> TimeRange | None:
    start, sep, end = text.partition("-")
    if not sep:
        return None
    first, last = _parse_time(start), _parse_time(end)
    if first is None or last is None or first >= last:
        return None
    return TimeRange(first, last, label)


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_routine(path: Path | str) -> LoadResult:
    """Read and check one routine file. Never raises for problems in the file."""
    path = Path(path)
    from samverkan_tui.core.base.input_files import InputFileError, read_input_bytes

    try:
        # A device or a FIFO named *.toml is refused, never read; a huge file stops early.
        raw = read_input_bytes(path, limit=MAX_FILE_BYTES)
    except InputFileError as error:
        if error.too_big:
            raw = b"\0" * (MAX_FILE_BYTES + 1)  # the size message below says what to do
        else:
            reason = f"kan inte läsa filen: {error}" if error.from_os else f"filen {error}"
            return LoadResult(path, None, [Problem(str(path), 0, reason)])
    if len(raw) > MAX_FILE_BYTES:
        return LoadResult(
            path,
            None,
            [
                Problem(
                    str(path),
                    1,
                    f"filen är större än {MAX_FILE_BYTES // (1024 * 1024)} MB och läses inte",
                    "en rutinfil är några tiotal kB; kontrollera att det är rätt fil",
                )
            ],
        )
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return LoadResult(
            path,
            None,
            [Problem(str(path), line, "filen är inte UTF-8", "spara filen som UTF-8 i din editor")],
        )
    try:
        data = toml_loads(text)
    except RecursionError:  # tomli refuses 400 levels; the stdlib parser runs out of stack
        return LoadResult(
            path,
            None,
            [
                Problem(
                    str(path),
                    nesting_line(text, MAX_NESTING) or 1,
                    f"hakparenteser och klamrar är nästlade i mer än {MAX_NESTING} nivåer",
                    "en rutin behöver två eller tre; kontrollera att varje [ och { stängs",
                )
            ],
        )
    except TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        line, column = (int(position.group(1)), int(position.group(2))) if position else (0, 0)
        if not position and _TOML_AT_END in str(error):
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        detail = swedish_toml_message(_TOML_POSITION.sub("", str(error)).strip())
        return LoadResult(
            path,
            None,
            [
                Problem(
                    str(path),
                    line,
                    f"TOML-syntaxfel: {detail}",
                    "kontrollera citattecken, likhetstecken och hakparenteser på raden",
                    column,
                )
            ],
        )
    reader = _Reader(path, text)
    structure_ok = reader.check_table(data, "routine", ())
    if data.get("format", 1) not in FORMAT_VERSIONS:
        reader.error(
            ("format",),
            f"filformat {data.get('format')!r} stöds inte",
            f"den här versionen läser format = {FORMAT_VERSION} (och 1)",
        )
        structure_ok = False
    if not structure_ok:
        return LoadResult(path, None, reader.problems, text, reader._lines)
    routine = _build(reader, data, content_hash(raw))
    if reader.problems:
        return LoadResult(path, None, reader.problems, text, reader._lines)
    return LoadResult(path, routine, [], text, reader._lines)


def _build(reader: _Reader, data: dict[str, Any], digest: str) -> Routine:
    headers = array_headers(reader.text)

    def header(table: str, index: int) -> int:
        lines = headers.get(table, [])
        return lines[index] if index < len(lines) else 0

    questions: list[Question] = []
    for index, item in enumerate(data.get("questions", [])):
        where = ("questions", index)
        kind = item.get("type", "ja_nej")
        if "options" in item:
            options = tuple(Option(o["value"], o["label"], o.get("phrase", "")) for o in item["options"])
        elif kind == "ja_nej":
            options = (Option(YES, "Ja"), Option(NO, "Nej"))
        else:
            reader.error(
                where,
                f'frågan `{item["id"]}` är av typen "val" men saknar options',
                'lägg till options = [{ value = "…", label = "…" }, …]',
            )
            options = ()
        urgent = item.get("urgent_answer", "")
        if urgent and options and urgent not in {o.value for o in options}:
            values = ", ".join(o.value for o in options)
            reader.error(
                (*where, "urgent_answer"),
                f'urgent_answer = "{urgent}": frågan `{item["id"]}` har inget sådant svar',
                f"ange ett av frågans svar: {values}",
            )
        declared = next((q for q in questions if q.urgent_answer), None)
        if urgent and declared is not None:
            reader.error(
                (*where, "urgent_answer"),
                f"både `{declared.id}` och `{item['id']}` anger urgent_answer",
                "bara en fråga per rutin kan avgöra om en genomgång räknas som akut; ta bort den ena",
            )
            urgent = ""
        questions.append(
            Question(
                id=item["id"],
                text=item["text"],
                kind=kind,
                options=options,
                help=item.get("help", ""),
                when=reader.condition(item.get("when"), (*where, "when")),
                line=header("questions", index),
                urgent_answer=urgent,
            )
        )
    sections = _sections(reader, data, header)
    by_id = {section.id: section for section in sections}
    steps = []
    for index, item in enumerate(data["steps"]):
        where = ("steps", index)
        section_id = item.get("section", "")
        if data.get("format", 1) == 1:
            section_id = _legacy_section_id(section_id) if section_id else ""
        section = by_id.get(section_id)
        if section_id and section is None:
            reader.error(
                (*where, "section"),
                f"okänt avsnitt `{section_id}`",
                did_you_mean(section_id, by_id) or "ange id för ett [[sections]]-avsnitt",
            )
        elif not section_id and data.get("format", 1) != 1:
            reader.error(
                where,
                f"punkten `{item['id']}` saknar `section`",
                'ange vilket avsnitt den står under: section = "…"',
            )
        path = _section_path(section, by_id)
        role = item.get("role") or next((s.role for s in reversed(path) if s.role), None)
        phase = item.get("phase") or (section.phase if section else "")
        if role is None:
            reader.error(
                where,
                f"punkten `{item['id']}` saknar `role`",
                'ange role = "…" på punkten eller på avsnittet',
            )
            role = ""
        if not phase:
            reader.error(
                where,
                f"punkten `{item['id']}` saknar `phase`",
                'ange phase = "…" på punkten eller på avsnittet',
            )
        own = reader.condition(item.get("when"), (*where, "when"))
        kind = item.get("kind", ACTION)
        kind = ITEM_KIND_ALIASES.get(kind, kind)
        reference = bool(item.get("reference")) or (section is not None and section.reference)
        if reference:
            _check_reference_item(reader, item, kind, where)
        steps.append(
            Step(
                id=item["id"],
                text=item["text"],
                role=role,
                phase=phase,
                when=_combined([*(s.when for s in path), own]),
                section=section.id if section else "",
                deadline=reader.deadline(item.get("deadline"), (*where, "deadline")),
                contacts=tuple(item.get("contacts", ())),
                warnings=tuple(item.get("warnings", ())),
                notes=tuple(item.get("notes", ())),
                line=header("steps", index),
                kind=kind,
                own_when=own,
                when_text=item.get("when_text", ""),
                deadline_from=item.get("deadline_from", ""),
                legal=_legal(reader, item, where),
                reference=reference,
            )
        )
    contacts = []
    for index, item in enumerate(data.get("contacts", [])):
        hours = None
        if "hours" in item:
            days = {
                day: tuple(r for r in (_parse_range(t) for t in (v if isinstance(v, list) else [v])) if r)
                for day, v in item["hours"].items()
            }
            breaks = tuple(
                TimeRange(_parse_time(b["start"]) or 0, _parse_time(b["end"]) or 0, b.get("name", "uppehåll"))
                for b in item.get("breaks", ())
            )
            for b_index, span in enumerate(breaks):
                if span.start >= span.end:
                    reader.error(
                        ("contacts", index, "breaks", b_index),
                        "uppehållet slutar innan det börjar",
                        "kontrollera start och end",
                    )
            hours = OpeningHours(days, breaks, item.get("closed_on_holidays"))
        elif "breaks" in item:
            reader.error(
                ("contacts", index, "breaks"),
                "breaks utan hours",
                "ange telefontiderna i hours, eller ta bort breaks",
            )
        contacts.append(
            Contact(
                id=item["id"],
                name=item["name"],
                unit=item.get("unit", ""),
                phones=tuple(item.get("phones", ())),
                fax=tuple(item.get("fax", ())),
                instructions=item.get("instructions", ""),
                hours=hours,
                hours_note=item.get("hours_note", ""),
                fallback=item.get("fallback"),
                fallback_text=item.get("fallback_text", ""),
                line=header("contacts", index),
            )
        )
    exercises = []
    for index, item in enumerate(data.get("exercises", [])):
        now = None
        if "now" in item:
            from samverkan_tui.core.base.clock import NowError, parse_now

            try:
                now = parse_now(item["now"])  # naive times are Stockholm time, like --now
            except NowError:
                reader.error(
                    ("exercises", index, "now"),
                    f"ogiltig tid {item['now']!r}",
                    'skriv till exempel "2026-11-27T16:40"',
                )
        exercises.append(
            Exercise(
                id=item["id"],
                title=item["title"],
                case=item["case"],
                now=now,
                answers=tuple(
                    ExpectedAnswer(a["question"], a["answer"], a["reason"], header("exercises", index))
                    for a in item["answers"]
                ),
                line=header("exercises", index),
            )
        )
    return Routine(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        units=tuple(data["units"]),
        source=data["source"],
        questions=tuple(questions),
        steps=tuple(steps),
        roles=tuple(Role(r["id"], r["name"], r.get("description", "")) for r in data["roles"]),
        phases=tuple(Phase(p["id"], p["name"], p.get("description", "")) for p in data["phases"]),
        contacts=tuple(contacts),
        short_title=data.get("short_title", ""),
        source_file=data.get("source_file", ""),
        responsible=data.get("responsible", ""),
        adopted=_date(data.get("adopted")),
        revised=_date(data.get("revised")),
        review_interval_months=data.get("review_interval_months"),
        review_text=data.get("review_text", ""),
        general_rules=tuple(data.get("general_rules", ())),
        remarks=tuple(Remark(r["text"], r.get("severity", "info")) for r in data.get("remarks", ())),
        path=str(reader.path),
        content_hash=digest,
        exercises=tuple(exercises),
        sections=sections,
        moments=tuple(
            Moment(m["id"], m["label"], m["question"], header("moments", i))
            for i, m in enumerate(data.get("moments", ()))
        ),
    )


def _legacy_section_id(title: str) -> str:
    """A format-1 file's section heading as an id: the same heading, the same section."""
    return "avsnitt-" + hashlib.sha1(title.encode()).hexdigest()[:10]


def _sections(
    reader: _Reader, data: dict[str, Any], header: Callable[[str, int], int]
) -> tuple[Section, ...]:
    if data.get("format", 1) == 1:
        # Format 1: each distinct heading text, in order of first use, is a section.
        seen: dict[str, Section] = {}
        for item in data["steps"]:
            title = item.get("section", "")
            if title and title not in seen:
                seen[title] = Section(_legacy_section_id(title), title, item.get("phase", ""))
        return tuple(seen.values())
    sections: list[Section] = []
    by_id: dict[str, Section] = {}
    for index, item in enumerate(data.get("sections", ())):
        where = ("sections", index)
        parent = item.get("parent")
        if parent is not None and parent not in by_id:
            reader.error(
                (*where, "parent"),
                f"okänt överordnat avsnitt `{parent}`",
                "ett avsnitt kan bara stå under ett avsnitt som kommer före det i filen",
            )
            parent = None
        phase = item.get("phase") or (by_id[parent].phase if parent else "")
        if not phase:
            reader.error(
                where, f"avsnittet `{item['id']}` saknar `phase`", 'ange phase = "…" (id i [[phases]])'
            )
        reference = bool(item.get("reference")) or (parent is not None and by_id[parent].reference)
        if reference and "when" in item:
            reader.error(
                (*where, "when"),
                f"avsnittet `{item['id']}` är källtext (reference) men har ett villkor",
                "källtext står i hela rutinen utan villkor: ta bort when, eller ta bort reference = true",
            )
        section = Section(
            id=item["id"],
            title=item["title"],
            phase=phase,
            parent=parent,
            role=item.get("role"),
            when=reader.condition(item.get("when"), (*where, "when")),
            when_text=item.get("when_text", ""),
            text=item.get("text", ""),
            line=header("sections", index),
            reference=reference,
        )
        sections.append(section)
        by_id[section.id] = section
    return tuple(sections)


# What a reference item cannot have: it is read in the whole routine, never walked.
_NOT_IN_REFERENCE = ("when", "deadline", "legal_deadline", "contacts")


def _check_reference_item(
    reader: _Reader, item: dict[str, Any], kind: str, where: tuple[str | int, ...]
) -> None:
    """An item in a reference section is text to read: no tick box, condition or deadline."""
    if kind in CHECKABLE_KINDS:
        reader.error(
            (*where, "kind"),
            f"punkten `{item['id']}` står i källtext (reference) men bockas av ({kind})",
            'källtext bockas inte av: ange kind = "information" (eller definition, lagtext, princip)',
        )
    for key in _NOT_IN_REFERENCE:
        if key in item:
            reader.error(
                (*where, key),
                f"punkten `{item['id']}` står i källtext (reference) men har `{key}`",
                "källtext visas bara i hela rutinen, aldrig i en plan: flytta punkten till ett "
                f"avsnitt utan reference, eller ta bort {key}",
            )


def _section_path(section: Section | None, by_id: dict[str, Section]) -> list[Section]:
    path: list[Section] = []
    while section is not None and section not in path:
        path.insert(0, section)
        section = by_id.get(section.parent) if section.parent else None
    return path


def _combined(conditions: list[Condition | None]) -> Condition | None:
    present = tuple(c for c in conditions if c is not None)
    if not present:
        return None
    return present[0] if len(present) == 1 else All(present)


def _legal(reader: _Reader, item: dict[str, Any], where: tuple[str | int, ...]) -> LegalDeadline | None:
    keys = ("legal_deadline", "legal_from", "legal_text", "legal_ref")
    given = [k for k in keys if k in item]
    if not given:
        return None
    missing = [k for k in keys if k not in item]
    if missing:
        reader.error(
            where,
            f"lagens tidsfrist är ofullständig: `{'`, `'.join(missing)}` saknas",
            "ange legal_deadline, legal_from, legal_text och legal_ref tillsammans",
        )
        return None
    deadline = reader.deadline(item["legal_deadline"], (*where, "legal_deadline"))
    if deadline is None:
        return None
    return LegalDeadline(deadline, item["legal_from"], item["legal_text"], item["legal_ref"])
