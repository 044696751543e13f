"""The yearly review of a routine, item by item, and its saved progress.

Every source routine says it is to be read through and revised at least once a year.
The review walks the routine in the source's order; for each item the reviewer says
"gäller", "ändras" (with what should change) or "tas bort", for each contact "stämmer"
or the new number and hours, and at the end whether something is missing. The result
feeds the review protocol (export.review_protocol) and, when everything is confirmed
unchanged, the file's ``revised`` date (core.revise).

What is stored: the routine's id, version and content hash, the verdicts and the
reviewer's notes about the routine. Never who reviewed (the name is written on the
paper protocol only) and nothing about clients; a note passes ``scrub_note`` before it
is kept: the step log's scrubber (``steplog.scrub``) with the routine's own words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from samverkan_tui.core.base.config import Config
from samverkan_tui.core.base.paths import reviews_dir
from samverkan_tui.core.routine.model import Contact, Routine, Step
from samverkan_tui.core.routine.source_text import SourceMatch

ITEM_OK = "gäller"
ITEM_CHANGE = "ändras"
ITEM_REMOVE = "tas bort"
ITEM_VERDICTS = (ITEM_OK, ITEM_CHANGE, ITEM_REMOVE)
CONTACT_OK = "stämmer"
CONTACT_CHANGE = "ändras"
CONTACT_VERDICTS = (CONTACT_OK, CONTACT_CHANGE)
FILE_VERSION = 1
MAX_NOTE = 500


class ReviewError(ValueError):
    """Bad review input (an answers file, an unknown id); the message is one Swedish line."""


# -- what the reviewer sees for each item ----------------------------------------------


class ReviewItem(NamedTuple):
    step: Step
    number: int  # 1-based position in the routine
    reference: str  # "RVT 2.3": the binder's (core.routine.references), as in the protocol
    section: str  # "Rubrik › Underrubrik"
    condition: str  # "Gäller om situationen är akut" / "Gäller alltid"
    deadline: str  # "Tidsfrist: inom en vecka från att …" or ""
    contacts: tuple[str, ...]  # "RVT:s beredskap, tel 08-508 03 310 (måndag–fredag …)"
    source: str  # the source sentence the item comes from, or a note that it was not found
    source_line: int  # 0 when not found


def routine_source(
    routine: Routine, sources_dir: Path | None = None, routine_file: Path | None = None
) -> str:
    """The routine's source copy, or "" when it is not found.

    ``source_file`` is looked for in ``sources_dir``, then in ``källor/`` and ``sources/``
    beside the routine file (a municipality keeps its own sources there, see
    docs/checklist-format.md), then in ``docs/sources`` beside its folder and the shipped
    sources. ``routine_file`` is where the routine was found in this run (the catalog's
    entry): the path a cached routine carries may be relative to another folder.
    """
    if not routine.source_file:
        return ""
    candidates = []
    if sources_dir is not None:
        candidates.append(Path(sources_dir))
    for file in (routine_file, Path(routine.path) if routine.path else None):
        if file is None:
            continue
        here = Path(file).resolve().parent
        candidates += [here / "källor", here / "sources", here.parent / "docs" / "sources"]
    from samverkan_tui.core.routine.catalog import builtin_dir

    candidates.append(builtin_dir().resolve().parent / "docs" / "sources")
    for folder in candidates:
        path = folder / routine.source_file
        if path.is_file():
            from samverkan_tui.core.base.input_files import InputFileError, read_input_text

            try:
                return read_input_text(path)
            except InputFileError:
                return ""
    return ""


def review_items(routine: Routine, source: str = "") -> list[ReviewItem]:
    """Every item in the routine's order, with what the reviewer must check beside it."""
    from samverkan_tui.core.routine.deadline_phrases import routine_deadline_line
    from samverkan_tui.core.routine.references import item_references
    from samverkan_tui.core.walk.hours_text import weekly_hours_lines
    from samverkan_tui.core.walk.plan import describe_condition

    references = item_references(routine)
    matches = source_matches(routine, source) if source else {}
    items = []
    for number, step in enumerate(routine.steps, start=1):
        path = " › ".join(s.title for s in routine.section_path(step.section))
        condition = describe_condition(routine, step.when)
        deadline = routine_deadline_line(routine, step) or routine_deadline_line(routine, step, legal=True)
        contacts = []
        for contact_id in step.contacts:
            contact = routine.contact(contact_id)
            if contact is None:
                continue
            numbers = ", ".join(
                part
                for part in (
                    "tel " + " / ".join(contact.phones) if contact.phones else "",
                    "fax " + " / ".join(contact.fax) if contact.fax else "",
                )
                if part
            )
            hours = "; ".join(weekly_hours_lines(contact))
            contacts.append(f"{contact.name}{', ' + numbers if numbers else ''} – {hours}")
        match = matches.get(step.id)
        if match is not None:
            found, line = match.text, match.line
        elif source:
            found, line = "Meningen hittades inte i källan: kontrollera formuleringen.", 0
        else:
            found, line = "Källan finns inte att jämföra med.", 0
        items.append(
            ReviewItem(
                step,
                number,
                references[step.id],
                path,
                f"Gäller om {condition}" if condition else "Gäller alltid",
                deadline,
                tuple(contacts),
                found,
                line,
            )
        )
    return items


def source_matches(routine: Routine, source: str) -> dict[str, SourceMatch]:
    """Each item's source sentence. A sentence the source repeats ("Undersök om det finns
    en öppen utredning …" under "akut" and again under "inte akut") is found at each place;
    the items that share it take its places in turn, in the routine's order (the source's
    order within each branch), so the second item shows the second place."""
    from samverkan_tui.core.routine.source_text import find_all_in_source

    found = {step.id: find_all_in_source(step.text, source) for step in routine.steps}
    taken: dict[tuple[int, ...], int] = {}
    result = {}
    for step in routine.steps:
        places = found[step.id]
        if not places:
            continue
        key = tuple(match.line for match in places)
        turn = taken.get(key, 0)
        taken[key] = turn + 1
        result[step.id] = places[min(turn, len(places) - 1)]
    return result


# -- the review's state ------------------------------------------------------------------

_PNR = re.compile(r"(?<!\d)(?:\d{2})?\d{6} ?[-+]? ?\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")


def scrub_note(text: str, routine: Routine | None = None, *, digits: bool = False) -> str:
    """A reviewer's note as it may be stored: the one scrubber, at most 500 characters.

    Words pass the step log's allow-list with the routine's own words kept; digits become
    ``#``. ``digits``: a contact's new number or telefontider, which are what the field
    is for, keep their digits (a personnummer's shape still goes).
    """
    from samverkan_tui.steplog.scrub import REMOVED, routine_vocabulary, scrub_comment

    vocabulary = routine_vocabulary(routine)
    text = _EMAIL.sub(REMOVED, _PNR.sub(REMOVED, " ".join(text.split())))
    return scrub_comment(text, vocabulary.with_digits() if digits else vocabulary, MAX_NOTE) or ""


@dataclass
class ItemVerdict:
    verdict: str
    change: str = ""
    reviewed: str = ""  # item_fingerprint of what was judged; "" in a file saved before it was kept


@dataclass
class ContactVerdict:
    verdict: str
    phones: str = ""  # the new number(s), as the reviewer writes them
    hours: str = ""  # the new telefontider
    reviewed: str = ""  # contact_fingerprint


def _fingerprint(value: object) -> str:
    import hashlib

    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:16]


def item_fingerprint(step: Step) -> str:
    """What the reviewer judged of an item: its wording, kind, condition, deadline and
    contacts. A reworded item is another item to judge, though its id is the same."""
    return _fingerprint((step.text, step.kind, step.when, step.deadline, step.contacts))


def contact_fingerprint(contact: Contact) -> str:
    return _fingerprint((contact.name, contact.phones, contact.fax, contact.hours, contact.hours_note))


@dataclass
class Review:
    routine_id: str
    version: str
    content_hash: str
    started_at: dt.datetime
    items: dict[str, ItemVerdict] = field(default_factory=dict)
    contacts: dict[str, ContactVerdict] = field(default_factory=dict)
    missing: str | None = None  # None: not answered yet; "": nothing is missing
    finished_at: dt.datetime | None = None
    notices: list[str] = field(default_factory=list)  # not stored: said on resume

    # -- answering ------------------------------------------------------------------
    def mark_item(self, routine: Routine, step_id: str, verdict: str, change: str = "") -> None:
        if routine.step(step_id) is None:
            from samverkan_tui.core.base.problems import did_you_mean

            raise ReviewError(
                f"okänd punkt `{step_id}`; {did_you_mean(step_id, [s.id for s in routine.steps])}"
            )
        verdict = _item_verdict(verdict)
        change = scrub_note(change, routine)
        if verdict == ITEM_CHANGE and not change:
            raise ReviewError(f"punkt {step_id}: skriv vad som ska ändras")
        step = routine.step(step_id)
        assert step is not None  # checked above
        self.items[step_id] = ItemVerdict(
            verdict, change if verdict == ITEM_CHANGE else "", item_fingerprint(step)
        )

    def mark_contact(
        self, routine: Routine, contact_id: str, verdict: str, phones: str = "", hours: str = ""
    ) -> None:
        if routine.contact(contact_id) is None:
            from samverkan_tui.core.base.problems import did_you_mean

            raise ReviewError(
                f"okänd kontakt `{contact_id}`; {did_you_mean(contact_id, [c.id for c in routine.contacts])}"
            )
        if verdict not in CONTACT_VERDICTS:
            raise ReviewError(f"kontakt {contact_id}: svara ”stämmer” eller ange nytt nummer/nya tider")
        phones, hours = scrub_note(phones, routine, digits=True), scrub_note(hours, routine, digits=True)
        if verdict == CONTACT_CHANGE and not (phones or hours):
            raise ReviewError(f"kontakt {contact_id}: ange nytt nummer eller nya telefontider")
        contact = routine.contact(contact_id)
        assert contact is not None  # checked above
        reviewed = contact_fingerprint(contact)
        self.contacts[contact_id] = (
            ContactVerdict(verdict, phones, hours, reviewed)
            if verdict == CONTACT_CHANGE
            else ContactVerdict(CONTACT_OK, reviewed=reviewed)
        )

    def set_missing(self, text: str, routine: Routine | None = None) -> None:
        self.missing = scrub_note(text, routine)

    def confirm_rest(self, routine: Routine) -> None:
        """Everything not yet answered: "gäller", "stämmer", nothing missing (``--allt-gäller``)."""
        for step in routine.steps:
            self.items.setdefault(step.id, ItemVerdict(ITEM_OK, reviewed=item_fingerprint(step)))
        for contact in routine.contacts:
            self.contacts.setdefault(
                contact.id, ContactVerdict(CONTACT_OK, reviewed=contact_fingerprint(contact))
            )
        if self.missing is None:
            self.missing = ""

    # -- where it stands --------------------------------------------------------------
    def pending_items(self, routine: Routine) -> list[Step]:
        return [s for s in routine.steps if s.id not in self.items]

    def pending_contacts(self, routine: Routine) -> list[str]:
        return [c.id for c in routine.contacts if c.id not in self.contacts]

    def complete(self, routine: Routine) -> bool:
        return (
            not self.pending_items(routine)
            and not self.pending_contacts(routine)
            and self.missing is not None
        )

    def unchanged(self, routine: Routine) -> bool:
        """Complete, and every item "gäller", every contact "stämmer", nothing missing."""
        return (
            self.complete(routine)
            and all(v.verdict == ITEM_OK for v in self.items.values())
            and all(v.verdict == CONTACT_OK for v in self.contacts.values())
            and not self.missing
        )

    def counts(self) -> dict[str, int]:
        counts = {verdict: 0 for verdict in ITEM_VERDICTS}
        for verdict in self.items.values():
            counts[verdict.verdict] += 1
        return counts

    # -- stored form --------------------------------------------------------------------
    def to_dict(self) -> dict[str, object]:
        return {
            "format": FILE_VERSION,
            "routine": self.routine_id,
            "version": self.version,
            "content_hash": self.content_hash,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "items": {
                k: {"verdict": v.verdict, "change": v.change, "reviewed": v.reviewed}
                for k, v in self.items.items()
            },
            "contacts": {
                k: {"verdict": v.verdict, "phones": v.phones, "hours": v.hours, "reviewed": v.reviewed}
                for k, v in self.contacts.items()
            },
            "missing": self.missing,
        }


def _item_verdict(verdict: str) -> str:
    normal = verdict.strip().lower().replace("_", " ")
    aliases = {
        "galler": ITEM_OK,
        "andras": ITEM_CHANGE,
        "tas bort": ITEM_REMOVE,
        "tabort": ITEM_REMOVE,
        "ta bort": ITEM_REMOVE,
    }
    normal = aliases.get(normal, normal)
    if normal not in ITEM_VERDICTS:
        raise ReviewError(f"okänt svar ”{verdict}”; svara gäller, ändras eller tas bort")
    return normal


def start_review(routine: Routine, now: dt.datetime) -> Review:
    return Review(routine.id, routine.version, routine.content_hash, now)


def review_from_dict(data: dict[str, Any], routine: Routine) -> Review:
    """A stored review, fitted to the routine as it is now.

    If the file changed since the review began, verdicts for items and contacts that no
    longer exist are dropped, and so are verdicts for items and contacts that were
    reworded (another number, another condition …) since they were judged: they are
    asked again. ``notices`` names each, by the binder's reference; the rest is kept.
    """
    try:
        review = Review(
            str(data["routine"]),
            str(data["version"]),
            str(data["content_hash"]),
            dt.datetime.fromisoformat(data["started_at"]),
            missing=None if data.get("missing") is None else scrub_note(str(data["missing"]), routine),
            finished_at=dt.datetime.fromisoformat(data["finished_at"]) if data.get("finished_at") else None,
        )
        for step_id, entry in dict(data.get("items", {})).items():
            # Scrubbed again on the way in: a file saved by an older version kept more.
            change = scrub_note(str(entry.get("change", "")), routine)
            review.items[step_id] = ItemVerdict(
                _item_verdict(entry["verdict"]), change, str(entry.get("reviewed", ""))
            )
        for contact_id, entry in dict(data.get("contacts", {})).items():
            review.contacts[contact_id] = ContactVerdict(
                str(entry["verdict"]),
                scrub_note(str(entry.get("phones", "")), routine, digits=True),
                scrub_note(str(entry.get("hours", "")), routine, digits=True),
                str(entry.get("reviewed", "")),
            )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ReviewError(f"den sparade granskningen kan inte läsas ({error})") from None
    if review.content_hash != routine.content_hash:
        from samverkan_tui.core.routine.references import item_references

        references = item_references(routine)
        gone = [k for k in review.items if routine.step(k) is None]
        gone += [k for k in review.contacts if routine.contact(k) is None]
        for key in gone:
            review.items.pop(key, None)
            review.contacts.pop(key, None)
        changed = []
        for step in routine.steps:
            verdict = review.items.get(step.id)
            if verdict is not None and verdict.reviewed and verdict.reviewed != item_fingerprint(step):
                del review.items[step.id]
                changed.append(references[step.id])
        for contact in routine.contacts:
            answer = review.contacts.get(contact.id)
            if answer is not None and answer.reviewed and answer.reviewed != contact_fingerprint(contact):
                del review.contacts[contact.id]
                changed.append(contact.name)
        notice = "Rutinfilen har ändrats sedan granskningen började."
        if gone:
            notice += " Svaren för " + ", ".join(gone) + " finns inte längre i rutinen och togs bort."
        if changed:
            notice += (
                " Svaren för " + ", ".join(changed) + " gäller inte längre: punkterna har ändrats "
                "sedan de granskades och granskas igen."
            )
        review.notices.append(notice)
        review.version, review.content_hash = routine.version, routine.content_hash
    return review


def apply_answers(review: Review, routine: Routine, data: object) -> None:
    """Answers from a file (``--svar-fil``)::

        {"punkter": {"id": "gäller" | "tas bort" | {"ändras": "vad som ska ändras"}},
         "kontakter": {"id": "stämmer" | {"telefon": "…", "tider": "…"}},
         "saknas": "" }

    ``"övriga": "gäller"`` answers every item and contact the file does not name.
    """
    if not isinstance(data, dict):
        raise ReviewError("svarsfilen ska vara ett JSON-objekt med punkter, kontakter och saknas")
    unknown = set(data) - {"punkter", "kontakter", "saknas", "övriga", "ovriga"}
    if unknown:
        raise ReviewError(
            f"okänd nyckel i svarsfilen: {', '.join(sorted(unknown))}; "
            "använd punkter, kontakter, saknas och övriga"
        )
    for step_id, answer in dict(data.get("punkter") or {}).items():
        if isinstance(answer, dict) and len(answer) == 1:
            ((verdict, change),) = answer.items()
            review.mark_item(routine, step_id, verdict, str(change))
        elif isinstance(answer, str):
            review.mark_item(routine, step_id, answer)
        else:
            raise ReviewError(f'punkt {step_id}: skriv "gäller", "tas bort" eller {{"ändras": "…"}}')
    for contact_id, answer in dict(data.get("kontakter") or {}).items():
        if isinstance(answer, str) and answer.strip().lower() == CONTACT_OK:
            review.mark_contact(routine, contact_id, CONTACT_OK)
        elif isinstance(answer, dict) and set(answer) <= {"telefon", "tider"}:
            review.mark_contact(
                routine,
                contact_id,
                CONTACT_CHANGE,
                str(answer.get("telefon", "")),
                str(answer.get("tider", "")),
            )
        else:
            raise ReviewError(f'kontakt {contact_id}: skriv "stämmer" eller {{"telefon": "…", "tider": "…"}}')
    if "saknas" in data:
        if not isinstance(data["saknas"], str):
            raise ReviewError('saknas: skriv vad som saknas som text, eller "" om inget saknas')
        review.set_missing(data["saknas"], routine)
    rest = data.get("övriga", data.get("ovriga"))
    if rest is not None:
        if _item_verdict(str(rest)) != ITEM_OK:
            raise ReviewError('övriga: bara "gäller" går att ge för alla punkter på en gång')
        review.confirm_rest(routine)


# -- saving and resuming ------------------------------------------------------------------


def review_path(routine_id: str, config: Config | None = None) -> Path:
    return reviews_dir(config) / f"{routine_id}.json"


def save_review(review: Review, config: Config | None = None) -> Path:
    path = review_path(review.routine_id, config)
    from samverkan_tui.core.base.files import ensure_private_dir, write_private

    ensure_private_dir(path.parent.parent)  # the data folder first: made by the app, it is the app's
    write_private(path, json.dumps(review.to_dict(), ensure_ascii=False, indent=2), make_folder=True)
    return path


def load_saved_review(routine: Routine, config: Config | None = None) -> Review | None:
    """The review of ``routine`` in progress, or None."""
    path = review_path(routine.id, config)
    from samverkan_tui.core.base.input_files import InputFileError, read_input_text

    try:
        data = json.loads(read_input_text(path))
    except InputFileError as error:
        if error.missing:
            return None
        raise ReviewError(f"den sparade granskningen {path} kan inte läsas: {error}") from None
    except ValueError:
        raise ReviewError(
            f"den sparade granskningen {path} kan inte läsas: den är inte giltig JSON"
        ) from None
    if not isinstance(data, dict):
        raise ReviewError(f"den sparade granskningen {path} kan inte läsas")
    return review_from_dict(data, routine)


def discard_review(routine_id: str, config: Config | None = None) -> bool:
    path = review_path(routine_id, config)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
