"""The scrubber: removes what could identify a person from a short free-text comment.

The step log has one free-text field, the optional comment on a deviation, and this is
the only way text reaches it: the app shows the user the scrubbed text before saving,
and the store scrubs again when it writes. What goes, in this order (earlier kinds are
removed first, so a phone number inside an e-mail address is reported as e-mail):

- e-mail addresses;
- personnummer and samordningsnummer, 10 or 12 digits, with or without ``-``/``+`` or a
  space before the last four, whatever the check digit (a mistyped number still
  points at a person);
- phone numbers, as the ``phonenumbers`` library finds them in running text (Swedish
  and international spellings);
- street addresses (``Storgatan 12 B``, ``Drottning Kristinas väg 3``, ``lgh 1102``,
  ``Box 123``);
- any other run of eight or more digits joined by single spaces or hyphens (mistyped
  phone numbers, numbers with an impossible date, case numbers), except ISO dates;
- postcodes (``123 45``, ``SE-123 45``, ``12345 Ort``) and the town after them;
- first names and surnames from ``data/namn.txt``, and surnames by their typical
  endings (``-sson``, ``-ström``, ``-qvist`` …), also in the genitive.

It errs on the side of removing too much: the user sees the result and can rephrase.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

MAX_COMMENT = 200  # characters after scrubbing; a deviation comment is a short note

PNR = "[personnummer]"
PHONE = "[telefon]"
EMAIL = "[e-post]"
NUMBER = "[nummer]"
POSTCODE = "[postnummer]"
ADDRESS = "[adress]"
NAME = "[namn]"
PLACEHOLDERS = (PNR, PHONE, EMAIL, NUMBER, POSTCODE, ADDRESS, NAME)

_LETTERS = r"[^\W\d_]"  # a letter in any script
_UPPER = "A-ZÅÄÖÆØÜÉ"

_EMAIL = re.compile(r"(?<![\w.%+'-])[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")  # lookbehind: linear time
_PERSONNUMMER = re.compile(
    r"(?<!\d)(?P<century>\d{2})?(?P<date>\d{6}) ?(?P<sep>[-+]?) ?(?P<tail>\d{4})(?!\d)"
)
# Eight or more digits in groups joined by one space or hyphen.
_DIGIT_RUN = re.compile(r"(?<![\d+])\+?\d+(?:[ -]\d+)*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: ?- ?\d{4}-\d{2}-\d{2})?")
_TOWN = rf"(?: [{_UPPER}]{_LETTERS}+(?:[ -][{_UPPER}]{_LETTERS}+)?)"
_POSTCODE = re.compile(
    rf"(?<![\d-])(?:SE-? ?)?(?:\d{{3}} \d{{2}}{_TOWN}?|\d{{5}}{_TOWN}|(?<=SE-)\d{{5}})(?!\d)"
)
_SUFFIXES = (
    "gatan|gata|vägen|väg|gränden|gränd|stigen|backen|backe|torget|torg|allén|allé|"
    "platsen|plats|leden|stråket|slingan|kajen|esplanaden|promenaden|stranden|udden"
)
_HOUSE = (
    r"(?: \d{1,4}(?!\d)(?: ?[A-Za-z](?!\w))?(?:-\d{1,4}(?!\d))?)"  # 12, 12 B, 12B, 12-14
    r"(?:,? (?:lgh|lägenhet) ?\d{3,4}(?!\d))?"
    r"(?:,? \d{1,2} ?(?:tr|trappor)\b\.?)?"
)
_STREET = re.compile(
    "|".join((
        # Storgatan 12, Sankt Eriksgatan: a capitalised compound ending in a street word
        rf"(?:\b[{_UPPER}]{_LETTERS}* )?\b[{_UPPER}]{_LETTERS}*?(?:{_SUFFIXES})\b{_HOUSE}?",
        # storgatan 12: lower case, but followed by a house number
        rf"\b{_LETTERS}+?(?:{_SUFFIXES})\b{_HOUSE}",
        # Drottning Kristinas väg 3: capitalised words before a separate street word
        rf"\b(?:[{_UPPER}]{_LETTERS}* ){{1,2}}(?:{_SUFFIXES})\b{_HOUSE}?",
        r"\b(?:[Bb]ox|[Ll]gh|[Ll]ägenhet|[Pp]ostbox) ?\d{1,5}(?!\d)",
    ))
)
_WORD = re.compile(rf"{_LETTERS}+")
_SURNAME_ENDINGS = re.compile(
    r"(?:sson|ström|strom|qvist|kvist|quist|gren|berg|lund|blad|stedt|dahl|ander)s?$"
)
_MERGE = re.compile(r"(\[[a-z-]+\])(?:[ -]+\1)+")


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(names matched in any case, lower-cased; names matched only when capitalised)."""
    any_case: set[str] = set()
    capital_only: set[str] = set()
    text = resources.files("samverkan_tui.steplog").joinpath("data/namn.txt").read_text("utf-8")
    for line in text.splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if name.endswith("*"):
            capital_only.add(name[:-1].strip())
        else:
            any_case.add(name.casefold())
    return frozenset(any_case), frozenset(capital_only)


def name_list() -> list[str]:
    """Every name in the shipped list (for tests and for the user's information)."""
    any_case, capital_only = _names()
    return sorted(any_case | {n.casefold() for n in capital_only})


def _normalize(text: str) -> str:
    # Full-width digits and letters, non-breaking spaces, line breaks: one plain line, so
    # that a number split across lines or typed on a phone keyboard is still one number.
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)(\s*)[‐‑‒–—―−](\s*)(?=\d)", r"\1-\2", text)
    return " ".join(text.split())


def _is_name(word: str) -> bool:
    any_case, capital_only = _names()
    candidates = [word]
    if len(word) > 2 and word[-1] in "sS":  # genitive: Annas, Svenssons
        candidates.append(word[:-1])
    capitalised = word[0].isupper()
    for candidate in candidates:
        if candidate.casefold() in any_case:
            return True
        if capitalised and (candidate in capital_only or candidate.capitalize() in capital_only):
            return True
    return capitalised and len(word) >= 6 and bool(_SURNAME_ENDINGS.search(word.casefold())) and (
        word.casefold() not in _NOT_SURNAMES
    )


# Capitalised words with a surname ending that are ordinary words at the start of a
# sentence or common place names in comments.
_NOT_SURNAMES = frozenset({
    "personen", "orsaken", "anledningen", "samtalet", "kommunen", "mottagningen",
    "berg", "lund", "göteborg", "helsingborg", "falkenberg", "söderberg",
})


def _personnummer(match: re.Match[str]) -> str:
    date = match["date"]
    month, day = int(date[2:4]), int(date[4:6])
    plausible = 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)
    bare_ten = match["century"] is None and not match["sep"] and " " not in match[0]
    if not plausible or (bare_ten and date.startswith("0")):
        # Not a date (or a Swedish phone number written without spaces): the later
        # passes remove it as a phone number or a long number.
        return match[0]
    return PNR


def _phones(text: str) -> str:
    if not any(c.isdigit() for c in text):
        return text
    from phonenumbers import Leniency, PhoneNumberMatcher  # ~50 ms: only when needed

    spans = [(m.start, m.end) for m in PhoneNumberMatcher(text, "SE", leniency=Leniency.VALID)]
    for start, end in reversed(spans):
        text = text[:start] + PHONE + text[end:]
    return text


def _digit_run(match: re.Match[str]) -> str:
    run = match[0]
    if sum(c.isdigit() for c in run) < 8 or _ISO_DATE.fullmatch(run):
        return run
    return NUMBER


def _names_out(text: str) -> str:
    return _WORD.sub(lambda m: NAME if _is_name(m[0]) else m[0], text)


def scrub(text: str) -> str:
    """The text with every identifier replaced by a placeholder such as ``[namn]``."""
    text = _normalize(text)
    text = _EMAIL.sub(EMAIL, text)
    text = _PERSONNUMMER.sub(_personnummer, text)
    text = _phones(text)
    # Streets before long numbers: "Storgatan 1 070-000 00 00" must not become one number
    # that hides the street from the street pass.
    text = _STREET.sub(ADDRESS, text)
    text = _DIGIT_RUN.sub(_digit_run, text)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _names_out(text)
    return _MERGE.sub(r"\1", text)


def scrub_comment(text: str | None) -> str | None:
    """A deviation comment as it may be stored: scrubbed, one line, at most MAX_COMMENT long."""
    if text is None:
        return None
    cleaned = scrub(text)
    if len(cleaned) > MAX_COMMENT:
        cut = cleaned[: MAX_COMMENT - 1]
        # Never leave half a placeholder behind.
        if "[" in cut and "]" not in cut[cut.rfind("[") :]:
            cut = cut[: cut.rfind("[")]
        cleaned = cut.rstrip() + "…"
    return cleaned or None
