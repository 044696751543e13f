"""A first draft of a routine file from a routine's text (as extracted from Word or PDF).

Deterministic rules, no network and no language model; a person finishes the draft.
What the rules do, in the order they are applied (docs/checklist-format.md has them
for the unit managers):

1. The text is split into blocks (core.source_text): paragraphs at blank lines, and one
   block per list item ("1)", "2.", "•", "-"). A word hyphenated at a line end is joined
   ("ut-\\nveckling" → "utveckling"; "BoU-\\nutredare" keeps its hyphen).
2. Headings: a numbered heading ("2.2.1. Riskbedömning", or "3. Insatser" that the block
   split took for a list item: "N." with a full stop, short, no closing full stop, no
   numbered item before it, a paragraph after it), or a short line (at most 70
   characters in a paragraph's first line, after a line that ends a sentence, or right
   under another heading line; or a whole block of at most 160 whose later lines go on
   in lower case) that starts with a capital, does not end in ".", "," or ";", holds no
   phone number and no web address, and does not end in an open clause ("… vid", "… med
   att"). A heading followed directly by another heading becomes the parent of the
   headings after it, until the next such pair (a heading in such a group with nothing
   under it, right before another heading, heads a new group beside it); numbered
   headings nest by their numbers.
   Lead-ins: the last sentence before a list that ends in ":" or in an open clause
   ("Det sker i samband med att") becomes a section nested in the current one and holds
   the list; a paragraph right under the list's last line stays in it, one after a
   blank line goes back to the section around it.
3. Branches: a short block "om …?" or "om …:" under a heading ("- om situationen är
   akut?") becomes a section of its own, "<heading> – om …?", with a condition on a
   yes/no question made from the phrase; "om … inte …"/"ej" is the same question's "nej".
4. Items, in source order, with the source's wording: every list item, and every
   sentence of a paragraph. In a numbered item, a sentence that begins "Om", "När",
   "Vid" or "I de fall" starts an item of its own, and so does a sentence after it (it is
   not under that condition); other sentences stay with the item they follow.
   Kind: a sentence ending in "?" is a "fråga"; a numbered item an "åtgärd"; a bullet a
   "kontrollpunkt"; a paragraph sentence with "ska", "skall", "bör", "måste" or
   "ansvarar" an "åtgärd", else "information".
5. Contacts: phone and fax numbers (phonenumbers, region SE) make a contact; "fax" just
   before a number, or a second number under a "Telefon … Fax" header, is a fax. Its name
   is the words before the number when they look like a name, else TODO. Telefontider
   ("måndag 8.30–18.00", "tis–tors 8.30–16", "Lunch … 12.00–13.00") within ten lines
   after a contact's number go to that contact.
6. Deadlines: "samma dag", "nästa dag", "inom en vecka", "inom tre veckor", "inom 14
   dagar" … in an item's text become its deadline, counted from a TODO moment.
7. Everything else (text before the first heading, page numbers, footnotes, lines with
   no letters) is listed at the end of the file as commented-out source text with its
   line number. The traceability report says for every sentence where it went.

What a person must decide is marked TODO, with the source line: the roles, the phase,
the questions' wording and help, what deadlines count from, contact names. The
placeholders (role "todo", phase "todo", moment "todo") exist in the file so that it
loads and validates while they are open.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from samverkan_tui.core.routine.source_text import LIST_MARKER as LIST_START
from samverkan_tui.core.routine.source_text import Block, blocks, split_sentences

TODO = "todo"

# A heading marked as one: "## Ansvar" (Markdown, and how a Word document's heading styles
# come out of core.manage.draft_sources), the level from the number of "#".
_MARKED_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>\S.*)$")
_NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<rest>\S.*)$")
_BRANCH = re.compile(r"^(?:[-–]\s*)?(?P<phrase>[Oo]m\s+.+?)\s*(?P<end>[?:])$")
_CONDITIONAL_START = re.compile(r"^(?:Om|När|Vid|I de fall|Ifall)\s")
_DUTY = re.compile(r"\b(?:ska|skall|bör|måste|ansvarar)\b", re.IGNORECASE)
# A sentence that opens with a condition ("Om …", "Vid …", "När …", "I de fall …", "Vid
# behov …"); "När det gäller …" is a topic ("as for …"), not a condition.
_CONDITION = re.compile(r"^(?P<opener>Vid behov|I de fall|Ifall|Om|När|Vid)\s+(?P<rest>\S.*)$")
_TOPIC = re.compile(r"^När det gäller\b")
# Where the conditional clause ends: a comma or colon, or the main clause's modal verb
# ("Om öppen utredning finns ska …", "Vid behov kan …").
_CLAUSE_END = re.compile(r"\s*[,:;]\s*|\s(?:ska|skall|bör|måste|kan|får|behöver)\s")
_VID_CLAUSE_END = re.compile(
    r"\s*[,:;]\s*|\s(?:ska|skall|bör|måste|kan|får|behöver|är|gäller|görs|ges|tas|sker|har|finns)\s"
)
# Imperatives that begin an instruction ("Aktualisera i …", "Använd blanketten …", "Ring …"):
# a capitalised first word ending in -a that is not a determiner or adjective, or one of
# the common imperatives that do not end in -a.
_IMPERATIVE_OTHER = frozenset(
    (
        "använd", "anmäl", "gör", "ta", "ring", "skriv", "följ", "erbjud", "begär", "bjud", "sänd",
        "läs", "ge", "välj", "håll", "tänk", "lämna", "fyll", "se", "bifoga", "notera", "avsluta",
        "spara", "skicka",
    )
)  # fmt: skip
_NOT_IMPERATIVE = frozenset(
    (
        "alla", "andra", "båda", "flera", "vissa", "samma", "hela", "nya", "egna", "enda", "sina",
        "dessa", "denna", "deras", "varje", "sedan", "nästa", "ena", "bara", "också", "inga",
        "många", "olika", "första", "senare", "tidiga", "akuta",
    )
)  # fmt: skip
# Roles named in the text: a person by their title ("mottagningssekreterare",
# "gruppledaren", "BoU-handläggare"), or a unit that acts ("receptionen", "socialjouren").
_ROLE_WORD = re.compile(
    r"\b(?P<word>[A-ZÅÄÖa-zåäö]+(?:-[a-zåäö]+)?(?:sekreterare|handläggare|ledare|chef|kurator|psykolog|"
    r"sköterska|utredare|behandlare|samordnare|rektor)(?:n|en|na|erna)?|[Rr]eceptionen|[Mm]ottagningen|"
    r"[Ss]ocialjouren|[Ee]levhälsan|[Pp]olisen)\b"
)
_PAGE_NUMBER = re.compile(
    r"^(?:sida\s+\d+(?:\s*(?:av|\(|/)\s*\d+\)?)?|\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+)|-\s*\d+\s*-)$",
    re.IGNORECASE,
)
_PAGE_AT_END = re.compile(r"\ssida\s+\d+(?:\s+av\s+\d+)?\s*$", re.IGNORECASE)
# A scope line ("Rutinen gäller för …", "Riktlinjen omfattar …") is a sentence, even
# without a full stop: never a heading.
_SCOPE = re.compile(
    r"^(?:(?:Denna|Den här)\s+)?(?:[Rr]utin(?:en)?|[Rr]iktlinje(?:n|rna)?|[Dd]okument(?:et)?|"
    r"[Ss]amverkansrutin(?:en)?)\s+(?:gäller|omfattar|avser|riktar sig)\b|^Gäller\s+(?:för|alla)\b"
)
# A routine file is proved on every answer path; independent yes/no questions double the
# paths each, so a draft proposes at most this many: 2^12 = 4 096 paths (proved in about
# 0.15 s), leaving room for two more before ``core.validation`` stops at 20 000. A
# conditional sentence beyond them gets its proposed question in a TODO comment.
MAX_DRAFT_QUESTIONS = 12
_NEGATION = re.compile(r"\s(?:inte|ej)\b")
# A clause left open: a line ending in a preposition or conjunction ("… konsultera
# socialtjänsten vid", "Det sker i samband med att") is never a heading; before a list it
# leads the list in, like a line ending in ":".
_OPEN_END = re.compile(
    r"\s(?:att|vid|och|eller|som|med|om|för|av|till|på|i|från|mot|efter|under|över|genom|hos|när|då|"
    r"samt|än|utan|enligt|inom|kring|där)$"
)
_DEADLINE = re.compile(
    r"\b(?P<text>samma dag|nästa dag|nästkommande dag|inom (?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|"
    r"nio|tio|fjorton) (?:dag|dagar|vecka|veckor|månad|månader))\b",
    re.IGNORECASE,
)
_DAYS = {
    "mån": "mon",
    "tis": "tue",
    "ons": "wed",
    "tors": "thu",
    "tor": "thu",
    "fre": "fri",
    "lör": "sat",
    "sön": "sun",
}
_DAY = r"(?:mån|tis|ons|tors?|fre|lör|sön)[a-zåäö]*\.?"
_TIME = r"(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?"
_HOURS = re.compile(
    rf"(?P<first>{_DAY})(?:\s*[-–]\s*(?P<last>{_DAY}))?\s*(?:kl\.?\s*)?"
    rf"{_TIME}\s*[-–]\s*{_TIME}",
    re.IGNORECASE,
)
_LUNCH = re.compile(rf"lunch\D{{0,30}}?{_TIME}\s*[-–]\s*{_TIME}", re.IGNORECASE)
_INTERVAL = re.compile(r"(?:minst|en gång)\s+(?:en gång\s*)?(?:per|/|om|i)\s*år|årligen", re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class DraftSection:
    id: str
    title: str
    line: int
    parent: str | None = None
    when: str = ""
    when_text: str = ""
    level: int = 1
    proposed: bool = False  # the condition is proposed from a conditional lead-in: TODO


@dataclass
class DraftItem:
    id: str
    section: str
    text: str
    line: int
    kind: str = "åtgärd"
    deadline: str = ""
    contacts: list[str] = field(default_factory=list)
    condition_note: str = ""  # an "Om …" the item states, for a TODO comment
    when: str = ""  # the proposed condition ("utredning = ja"), marked TODO in the file
    role: str = ""  # the proposed role (the one role the text names)
    roles_named: list[str] = field(default_factory=list)  # every role the text names


@dataclass
class DraftQuestion:
    id: str
    text: str
    yes: str
    no: str
    line: int
    source: str = ""  # the conditional clause it was proposed from ("Om öppen utredning finns")


@dataclass
class DraftRole:
    id: str
    name: str
    lines: list[int] = field(default_factory=list)  # where the text names it


@dataclass
class DraftContact:
    id: str
    name: str
    line: int
    phones: list[str] = field(default_factory=list)
    fax: list[str] = field(default_factory=list)
    hours: dict[str, str] = field(default_factory=dict)
    breaks: list[tuple[str, str]] = field(default_factory=list)
    named: bool = False


@dataclass
class Draft:
    routine_id: str
    title: str
    title_line: int
    source_file: str
    sections: list[DraftSection] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    questions: list[DraftQuestion] = field(default_factory=list)
    contacts: list[DraftContact] = field(default_factory=list)
    roles: list[DraftRole] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    report: list[tuple[int, str, str]] = field(default_factory=list)  # line, sentence, where it went
    review_text: str = ""
    review_line: int = 0

    def section(self, section_id: str) -> DraftSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


# -- small helpers ---------------------------------------------------------------------------


def slug(text: str, words: int = 5) -> str:
    table = str.maketrans("åäöéü", "aaoeu")
    parts = re.findall(r"[a-z0-9]+", text.lower().translate(table))
    return "-".join(parts[:words]) or "x"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _is_heading_text(text: str, limit: int) -> bool:
    text = text.strip()
    if not text or len(text) > limit or not re.search(r"[^\W\d_]{2}", text):
        return False
    if _SCOPE.match(text):
        return False
    if text[-1] in ".,;" or text.startswith(("http", "www")) or _OPEN_END.search(text):
        return False
    if len(re.findall(r"\d", text)) >= 6 and _phones(text):
        return False  # "Telefon 778 48 60, alt 010-564 64 67": a contact, not a heading
    if _NUMBERED_HEADING.match(text):
        return True
    first = text[0]
    return first.isupper() or first in '”"('


def _dehyphenate(block: Block) -> str:
    """The block's lines joined; "ut-" + "veckling" → "utveckling", "BoU-" + "utredare" kept."""
    text = ""
    for line in block.lines:
        if not text:
            text = line
        elif re.search(r"[a-zåäö]-$", text) and line[:1].islower():
            text = text[:-1] + line
        elif text.endswith("-") and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text


def _phones(text: str) -> list[tuple[int, int, str]]:
    """Phone numbers in ``text`` as written: (start, end, number)."""
    import phonenumbers

    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string.strip()
        if re.search(r"\d[.:]\d{2}", raw):
            continue  # a time or a span of times ("8.30–18.00"), not a number to call
        found.append((match.start, match.end, raw))
    return found


def _clock(hour: str, minute: str | None) -> str:
    return f"{int(hour):02d}:{minute or '00'}"


def _day_key(word: str) -> str | None:
    word = word.lower().rstrip(".")
    for prefix, key in sorted(_DAYS.items(), key=lambda pair: -len(pair[0])):
        if word.startswith(prefix):
            return key
    return None


def question_from_phrase(phrase: str) -> tuple[str, str, bool]:
    """("situationen är akut", "Är situationen akut?", negative) from "om situationen (inte) är akut"."""
    body = re.sub(r"^[Oo]m\s+", "", phrase).rstrip("?:").strip()
    negative = bool(_NEGATION.search(" " + body))
    positive = _NEGATION.sub("", " " + body).strip()
    words = positive.split()
    for index, word in enumerate(words):
        if word in ("är", "har", "finns", "kan", "ska", "behöver", "vill", "råder") and index > 0:
            rest = words[:index] + words[index + 1 :]
            question = f"{word.capitalize()} {' '.join(rest)}?"
            break
    else:
        question = f"Gäller det att {positive}?"
    return positive, question, negative


def condition_clause(sentence: str) -> tuple[str, str] | None:
    """("Om", "öppen utredning finns") for "Om öppen utredning finns ska RVT …"; None when
    the sentence does not open with a condition."""
    text = sentence.lstrip("-–• ").strip()
    match = _CONDITION.match(text)
    if match is None or _TOPIC.match(text):
        return None
    opener, rest = match["opener"], match["rest"]
    if opener == "Vid behov":
        return opener, "behov"
    end = _CLAUSE_END.search(rest)
    if opener == "Vid":  # a noun phrase: it ends where the main clause's verb comes
        end = _VID_CLAUSE_END.search(rest) or end
    clause = (rest[: end.start()] if end else rest).strip().rstrip(".?!")
    words = clause.split()
    if not words:
        return None
    if len(words) > 14:  # no clause boundary found: the first words stand for it
        clause = " ".join(words[:8]) + " …"
    return opener, clause


def proposed_question(opener: str, clause: str, sentence: str) -> tuple[str, str, bool]:
    """(the "ja" phrase, the question's text, whether the sentence states the "nej" side)."""
    if opener == "Vid behov":
        short = " ".join(sentence.split()[2:12])
        return f"det behövs: {short}", f"Behövs det: {short}?", False
    if opener == "Vid":
        negative = bool(_NEGATION.search(" " + clause))
        positive = _NEGATION.sub("", " " + clause).strip()
        return f"det gäller {positive}", f"Gäller det {positive}?", negative
    return question_from_phrase(f"om {clause}")


def is_imperative(sentence: str) -> bool:
    """ "Aktualisera i …", "Vid muntlig anmälan, använd …": an instruction to the reader."""
    text = sentence.lstrip("-–• ").strip()
    clause = condition_clause(text)
    if clause is not None:
        # The main clause after the condition: "Vid muntlig anmälan, använd …".
        after = re.split(r"[,:]\s*", text, maxsplit=1)
        if len(after) < 2:
            return False
        text = after[1]
    first = re.match(r"[^\W\d_]+", text)
    if first is None:
        return False
    word = first.group(0)
    lower = word.lower()
    if clause is None and not word[0].isupper():
        return False
    if lower in _IMPERATIVE_OTHER:
        return True
    return lower.endswith("a") and len(lower) >= 5 and lower not in _NOT_IMPERATIVE


# Who acts, at the start of a sentence: a title ("Ansvarig socialsekreterare", "Förskolechef"),
# a unit ("Förskolan/skolan", "Socialtjänsten", "RVT") or "Vi".
_ACTOR = re.compile(
    r"^(?:(?:Ansvarig|Respektive|Berörd|Utsedd)\s+)?(?:[A-ZÅÄÖ][\w/-]*?(?:sekreterare|handläggare|ledare|chef|"
    r"kurator|psykolog|sköterska|utredare|behandlare|samordnare|rektor|team|gruppen|enheten)(?:n|en)?|"
    r"Förskolan(?:/[Ss]kolan)?|Förskola/skola|Skolan|Socialtjänsten|Socialnämnden|Mottagningen|"
    r"Elevhälsan|Polisen|Regionen|Kommunen|Primärvården|BUP|RVT|BoU|IFO|Rektor|Vi)\b"
)
# A finite verb right after the actor ("… informerar", "… gör", "… kan anmäla").
_VERB_AFTER_ACTOR = re.compile(
    r"^(?:\s+(?:och|eller|/)?\s*[\w/-]+)?\s+(?!(?:eller|för|under|efter|över|där|när|hur|var|mer|fler|"
    r"inför|enligt)\b)(?:[a-zåäö]+(?:ar|er|ör|år|ir)|gör|tar|ger|får|kan|ska|skall|bör|måste)\b"
)


# "… planeras av ansvarig socialsekreterare", "… fylls i av den som …": a passive with its doer.
_PASSIVE_WITH_AGENT = re.compile(r"\b[a-zåäö]{3,}(?:as|es|s)(?:\s+in|\s+i|\s+ut|\s+upp)?\s+av\s")


def has_actor(sentence: str) -> bool:
    """ "Förskolechef tar direktkontakt med …", "Socialtjänsten gör en bedömning …": someone
    named does something, which the routine means as a step."""
    text = sentence.lstrip("-–• ").strip()
    match = _ACTOR.match(text)
    return match is not None and _VERB_AFTER_ACTOR.match(text[match.end() :]) is not None


def sentence_kind(sentence: str, listed: str = "") -> str:
    """The kind a draft item gets: "fråga" for a question; "åtgärd" for a numbered item,
    a "ska"-sentence, an imperative, someone named doing something ("Rektor kontaktar
    …"), a rule for a case ("Om föräldrarna inte samtycker informeras …") or a passive
    with its doer ("Mötet planeras av ansvarig socialsekreterare"); a bullet that is none
    of these a "kontrollpunkt"; else "information".
    ``listed``: "numbered", "bullet" or "" (a paragraph's sentence)."""
    if sentence.endswith("?"):
        return "fråga"
    if (
        listed == "numbered"
        or _DUTY.search(sentence)
        or is_imperative(sentence)
        or has_actor(sentence)
        or condition_clause(sentence) is not None  # a rule for a case: what to do then
        or _PASSIVE_WITH_AGENT.search(sentence)
    ):
        return "åtgärd"
    return "kontrollpunkt" if listed == "bullet" else "information"


def role_names(text: str) -> list[str]:
    """The roles a text names, in order, each once, in a base form ("gruppledaren" →
    "gruppledare", "enhetschefen" → "enhetschef"; units keep theirs: "receptionen")."""
    found: list[str] = []
    for match in _ROLE_WORD.finditer(text):
        word = match["word"]
        lower = word.lower()
        if lower in ("receptionen", "mottagningen", "socialjouren", "elevhälsan", "polisen"):
            name = lower
        else:
            name = re.sub(
                r"(sekreterare|handläggare|ledare|chef|kurator|psykolog|sköterska|utredare|behandlare|"
                r"samordnare|rektor)(?:n|en|na|erna)$",
                r"\1",
                word,
            )
            name = name if name[:3].isupper() or "-" in name[:5] else name.lower()
        if name not in found:
            found.append(name)
    return found


def page_furniture(source: str) -> set[int]:
    """Line numbers of page headers and footers in text extracted from a PDF or Word:
    page numbers ("Sida 2 av 5", "2 (5)", "… sida 2 av 5" at a line's end), and a short
    line that comes back at the top or foot of several pages (compared with its digits
    left out, so "version 2.0 · sida 1 av 4" and "… sida 2 av 4" are one): at least two
    of its occurrences next to a page break (a page number or a form feed), and at least
    half of them; the document's first line is its first page's header."""
    lines = source.splitlines()
    furniture = {
        n for n, line in enumerate(lines, 1) if _PAGE_NUMBER.match(line.strip()) or _PAGE_AT_END.search(line)
    }
    near_break = {n + d for n in furniture for d in (-2, -1, 1, 2)}
    # A form feed (between pdftotext's or draft_sources' pages) is a line of its own.
    breaks = [n for n, line in enumerate(source.splitlines(keepends=True), 1) if line.endswith("\f")]
    near_break |= {n + d for n in breaks for d in (-3, -2, -1, 1, 2, 3)}
    seen: dict[str, list[int]] = {}
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if (
            text
            and len(text) <= 100
            and not text.endswith(".")
            and re.search(r"[^\W\d_]{2}", text)
            and not LIST_START.match(text)
        ):
            seen.setdefault(re.sub(r"\d+", "#", text), []).append(number)
    first = next((n for n, line in enumerate(lines, 1) if line.strip()), 0)
    for numbers in seen.values():
        at_breaks = sum(1 for n in numbers if n in near_break)
        # The first page's header is the document's first line: it counts with one other
        # page's, or on its own when it comes back three times.
        if first in numbers and (at_breaks >= 1 or len(numbers) >= 3):
            at_breaks += 1
        if at_breaks >= 2 and 2 * at_breaks >= len(numbers):
            furniture.update(numbers)
    return furniture


# -- the rules --------------------------------------------------------------------------------


class _Builder:
    def __init__(self, source: str, source_file: str, routine_id: str) -> None:
        self.source = source
        self.lines = source.splitlines()
        self.draft = Draft(routine_id, "", 0, source_file)
        self.ids: set[str] = set()
        self.item_ids: set[str] = set()
        self.heading: DraftSection | None = None  # the current heading (no branch)
        self.section: DraftSection | None = None  # where items go
        self.group: DraftSection | None = None  # an unnumbered heading that heads others
        self.last_was_heading = False
        self.phone_header = False  # a "Telefon … Fax" column header was seen
        self.recent_contact: tuple[DraftContact, int] | None = None
        self.lead_in_return: DraftSection | None = None  # the section a lead-in list returns to

    # sections
    def add_heading(self, title: str, line: int, marked_level: int = 0) -> None:
        numbered = _NUMBERED_HEADING.match(title)
        parent = None
        level = 1
        if marked_level:  # the document says the level: nest under the nearest one above
            level = marked_level
            for candidate in reversed(self.draft.sections):
                if candidate.level < level and (candidate.when_text == "" or candidate.proposed):
                    parent = candidate.id
                    break
            self.group = None
        elif numbered:
            level = numbered["number"].count(".") + 1
            for candidate in reversed(self.draft.sections):
                if candidate.level < level and (candidate.when_text == "" or candidate.proposed):
                    parent = candidate.id
                    break
            self.group = None
        elif (
            self.last_was_heading
            and self.heading is not None
            and self.heading.level == 1
            and not _NUMBERED_HEADING.match(self.heading.title)
        ):
            self.group = self.heading  # heading right after a heading: the first one heads a group
            parent, level = self.group.id, 2
        elif (
            self.last_was_heading
            and self.heading is not None
            and self.group is not None
            and self.heading.parent == self.group.id
            and not _NUMBERED_HEADING.match(self.heading.title)
        ):
            # A heading in a group with nothing under it, right before another heading:
            # it heads a new group beside the old one ("Rutin samverkan" / "Socialtjänsten").
            self.heading.parent, self.heading.level = self.group.parent, self.group.level
            self.group = self.heading
            parent, level = self.group.id, self.group.level + 1
        elif self.group is not None:
            parent, level = self.group.id, 2
        if self.last_was_heading and self.group is not None and parent != self.group.id:
            self.group = None
        section = DraftSection(_unique(slug(title), self.ids), title, line, parent, level=level)
        # A heading that states a condition ("Vid akut oro", "Om barnet placeras"): the
        # whole section is proposed to apply only then.
        when, _note = self.propose_condition(_NUMBERED_HEADING.sub(r"\g<rest>", title), line)
        if when:
            section.when, section.when_text, section.proposed = when, title, True
        self.draft.sections.append(section)
        self.heading = self.section = section
        self.last_was_heading = True
        self.draft.report.append((line, title, f"rubrik: avsnitt {section.id}"))

    def add_branch(self, phrase: str, end: str, line: int) -> None:
        positive, question_text, negative = question_from_phrase(phrase)
        question = next((q for q in self.draft.questions if q.yes == positive), None)
        if question is None:
            words = [w for w in slug(positive, 12).split("-") if len(w) > 2]
            question = DraftQuestion(
                _unique(slug(words[-1] if words else "fraga", 1), self.ids), question_text, positive, "", line
            )
            self.draft.questions.append(question)
        if negative:
            question.no = re.sub(r"^[Oo]m\s+", "", phrase).rstrip("?:").strip()
        base = self.heading
        title = f"{base.title} – {phrase}{end if end == '?' else ''}" if base else phrase
        section = DraftSection(
            _unique(f"{base.id if base else 'gren'}-{'ej-' if negative else ''}{question.id}", self.ids),
            title,
            line,
            base.id if base else None,
            when=f"{question.id} = {'nej' if negative else 'ja'}",
            when_text=phrase[0].upper() + phrase[1:].rstrip("?:"),
            level=(base.level + 1) if base else 1,
        )
        self.draft.sections.append(section)
        self.section = section
        self.last_was_heading = False
        self.draft.report.append((line, phrase, f"villkor: fråga {question.id}, avsnitt {section.id}"))

    # items
    def add_item(self, text: str, line: int, kind: str) -> None:
        if self.section is None:
            self.unplaced(line, text)
            return
        number = sum(1 for i in self.draft.items if i.section == self.section.id) + 1
        when, note = self.propose_condition(text, line) if kind != "fråga" else ("", "")
        item = DraftItem(
            _unique(f"{self.section.id}-{number}", self.item_ids),
            self.section.id,
            text,
            line,
            kind,
            condition_note=note,
            when=when,
        )
        item.roles_named = [self.propose_role(name, line).id for name in role_names(text)]
        if len(item.roles_named) == 1:
            item.role = item.roles_named[0]
        deadline = _DEADLINE.search(text) if kind in ("åtgärd", "kontrollpunkt") else None
        if deadline:
            item.deadline = deadline["text"].lower()
        self.contacts_in(text, line, item)
        self.draft.items.append(item)
        self.last_was_heading = False
        where = f"punkt {item.id} ({kind}) i avsnitt {self.section.id}"
        if item.when:
            where += f", villkor {item.when} (föreslaget)"
        if item.deadline:
            where += f", tidsfrist {item.deadline}"
        self.draft.report.append((line, text, where))

    def propose_condition(self, text: str, line: int) -> tuple[str, str]:
        """(the proposed ``when``, a note for the TODO comment) for a text that opens with
        a condition: a question made from the clause, or the one already made from the same
        clause, answered "ja" (or "nej" for "om … inte …"). ("", "") when it opens with none."""
        clause = condition_clause(text)
        if clause is None:
            return "", ""
        opener, phrase = clause
        positive, question_text, negative = proposed_question(opener, phrase, text)
        question = next((q for q in self.draft.questions if q.yes == positive), None)
        if question is None:
            if len(self.draft.questions) >= MAX_DRAFT_QUESTIONS:
                return "", (
                    f"{opener} {phrase} – föreslagen fråga ”{question_text}”, inte tillagd: utkastet har "
                    f"redan {MAX_DRAFT_QUESTIONS} frågor; använd en av dem i when eller slå ihop frågor"
                )
            words = [w for w in slug(positive, 12).split("-") if len(w) > 3 and w != "finns"]
            question = DraftQuestion(
                _unique("-".join(words[:3]) or "villkor", self.ids),
                question_text,
                positive,
                "",
                line,
                source=f"{opener} {phrase}",
            )
            self.draft.questions.append(question)
        if negative and not question.no:
            question.no = phrase
        return f"{question.id} = {'nej' if negative else 'ja'}", f"{opener} {phrase}"

    def propose_role(self, name: str, line: int) -> DraftRole:
        role = next((r for r in self.draft.roles if r.name == name), None)
        if role is None:
            taken = {r.id for r in self.draft.roles} | {TODO}
            role = DraftRole(_unique(slug(name, 3), taken), name)
            self.draft.roles.append(role)
        if line not in role.lines:
            role.lines.append(line)
        return role

    def unplaced(self, line: int, text: str) -> None:
        self.draft.unplaced.append((line, text))
        self.draft.report.append((line, text, "inte placerad: som kommentar sist i filen"))

    # contacts and telefontider
    def contacts_in(self, text: str, line: int, item: DraftItem | None) -> None:
        numbers = [n for n in _phones(text) if len(re.sub(r"\D", "", n[2])) >= 6]
        if not numbers:
            self.hours_in(text, line)
            return
        before = text[: numbers[0][0]]
        name_match = re.search(
            r"([A-ZÅÄÖ][\w’':]*(?:\s+[\wåäö’':-]+){0,3}?)\s*(?:på\s+)?(?:telefon|tel\.?|tfn)"
            r"\s*(?:nummer|nr)?\s*$",
            before,
        )
        if name_match and name_match.group(1).lower() not in ("telefon", "tel"):
            name, named = name_match.group(1).strip(), True
        else:
            stripped = re.sub(r"\s*(?:telefon|tel\.?|tfn|fax)\s*:?\s*$", "", before, flags=re.IGNORECASE)
            stripped = stripped.strip(" ,:")
            if 2 <= len(stripped) <= 60 and stripped[:1].isupper() and not stripped.endswith("."):
                name, named = stripped, True
            else:
                name, named = "TODO: namn", False
        contact = next((c for c in self.draft.contacts if c.named and named and c.name == name), None)
        if contact is None:
            contact = DraftContact(
                _unique(f"kontakt-{slug(name, 3)}" if named else "kontakt", self.ids), name, line, named=named
            )
            self.draft.contacts.append(contact)
        for index, (start, _end, number) in enumerate(numbers):
            is_fax = bool(re.search(r"fax\w*\s*:?\s*$", text[max(0, start - 12) : start], re.IGNORECASE)) or (
                self.phone_header and index == 1 and len(numbers) == 2
            )
            target = contact.fax if is_fax else contact.phones
            if number not in target and number not in contact.phones:
                target.append(number)
        if item is not None and contact.id not in item.contacts:
            item.contacts.append(contact.id)
        self.recent_contact = (contact, line)
        self.hours_in(text, line)

    def hours_in(self, text: str, line: int) -> bool:
        if self.recent_contact is None or line - self.recent_contact[1] > 10:
            return False
        contact = self.recent_contact[0]
        found = False
        for match in _HOURS.finditer(text):
            first, last = _day_key(match["first"]), _day_key(match["last"] or match["first"])
            if first is None or last is None:
                continue
            span = f"{_clock(match.group(3), match.group(4))}-{_clock(match.group(5), match.group(6))}"
            for day in _WEEKDAYS[_WEEKDAYS.index(first) : _WEEKDAYS.index(last) + 1]:
                contact.hours[day] = span
            found = True
        for match in _LUNCH.finditer(text):
            contact.breaks.append(
                (_clock(match.group(1), match.group(2)), _clock(match.group(3), match.group(4)))
            )
            found = True
        return found

    def add_lead_in(self, text: str, line: int) -> None:
        """A sentence that leads a list in ("… ska bl a omfatta:"): a section of its own,
        nested in the current one, that holds the list; the text after the list returns
        to the current section."""
        parent = self.section
        section = DraftSection(
            _unique(slug(text.rstrip(":")), self.ids),
            text,
            line,
            parent.id if parent else None,
            level=(parent.level + 1) if parent else 1,
        )
        when, _note = self.propose_condition(text, line)
        if when:
            section.when, section.when_text, section.proposed = when, text.rstrip(":").strip(), True
        self.draft.sections.append(section)
        self.lead_in_return = parent
        self.section = section
        self.last_was_heading = False
        where = f"inledning till en lista: avsnitt {section.id}"
        self.draft.report.append((line, text, where + (f", villkor {when} (föreslaget)" if when else "")))

    # the walk over the blocks
    def run(self) -> Draft:
        all_blocks = blocks(self.source)
        for index, block in enumerate(all_blocks):
            text = _dehyphenate(block)
            following = all_blocks[index + 1] if index + 1 < len(all_blocks) else None
            previous = all_blocks[index - 1] if index > 0 else None
            if (
                not block.marker
                and self.lead_in_return is not None
                and (previous is None or block.line > previous.end_line + 1)
            ):
                # After a blank line the list has ended; a paragraph right under its last
                # line still belongs to the lead-in.
                self.section, self.lead_in_return = self.lead_in_return, None
            marked = _MARKED_HEADING.match(text) if not block.marker else None
            if index == 0 and marked is not None:
                text = marked["title"]  # "# Rutin för …": the document's title
                marked = None
            if index == 0:
                # A text that starts with its first numbered heading ("1. Inledning") has
                # no title line: the title stays a TODO.
                self.draft.title_line = block.line
                if self.numbered_heading(block, previous, following) is None:
                    self.title_block(block, text, following)
                    continue
            if _INTERVAL.search(text) and not self.draft.review_text:
                sentence = next((s for s in split_sentences(text) if _INTERVAL.search(s)), text)
                self.draft.review_text, self.draft.review_line = sentence, block.line
                if self.section is None and sentence == text:
                    self.draft.report.append((block.line, text, "review_text (översynen)"))
                    continue
            if re.search(r"\bTelefon\b.*\bFax\b", text):
                self.phone_header = True
            if not re.search(r"[^\W\d_]{2}", text) and not _phones(text):
                self.unplaced(block.line, text)
                continue
            if marked is not None:
                if self.lead_in_return is not None:
                    self.section, self.lead_in_return = self.lead_in_return, None
                self.add_heading(marked["title"].strip(), block.line, len(marked["marks"]))
                continue
            branch = _BRANCH.match(text)
            if branch and len(text) <= 90 and self.heading is not None:
                self.add_branch(branch["phrase"], branch["end"], block.line)
                continue
            heading = self.numbered_heading(block, previous, following) if block.marker else None
            if heading is not None:
                if self.lead_in_return is not None:
                    self.section, self.lead_in_return = self.lead_in_return, None
                self.add_heading(heading, block.line)
                rest = block.lines[1:]
                if rest:
                    sub = Block(
                        _dehyphenate(Block("", 0, 0, "", rest)), block.line + 1, block.end_line, "", rest
                    )
                    self.paragraph(sub, sub.text, following)
                continue
            if block.marker:
                self.list_item(block, text)
                continue
            self.paragraph(block, text, following)
        return self.draft

    def title_block(self, block: Block, text: str, following: Block | None) -> None:
        """The first block: its first line is the title, with the lines that go on from it
        in lower case (a title wrapped over two lines). A scope line under it ("Rutinen
        gäller för …") is no part of it; what follows it (a PDF's text runs on without
        blank lines) is read as a paragraph."""
        lines = block.lines
        count = 1
        while count < min(len(lines), 3) and lines[count][:1].islower():
            count += 1
        if count == len(lines):
            self.draft.title = text
            self.draft.report.append((block.line, text, "titel"))
            return
        title = _dehyphenate(Block("", 0, 0, "", lines[:count]))
        self.draft.title = title
        self.draft.report.append((block.line, title, "titel"))
        while count < len(lines) and _SCOPE.match(lines[count]):
            self.unplaced(block.line + count, lines[count])
            count += 1
        if count < len(lines):
            rest = lines[count:]
            sub = Block(_dehyphenate(Block("", 0, 0, "", rest)), block.line + count, block.end_line, "", rest)
            self.paragraph(sub, sub.text, following)

    def numbered_heading(self, block: Block, previous: Block | None, following: Block | None) -> str | None:
        """ "3. Insatser" that the block split took for a list item: the heading with its number.

        A numbered line with a full stop after the number ("3." not "3)"), short, without a
        closing full stop, that no list of numbered items stands around, and that a
        paragraph follows (on the next line, or as the next block).
        """
        if not block.marker.isdigit():
            return None
        raw = self.lines[block.line - 1].strip()
        if not re.match(rf"{block.marker}\.\s", raw) or not block.lines:
            return None
        first = block.lines[0]
        if not _is_heading_text(first, 70) or len(first.split()) > 12 or first.endswith(("?", ":")):
            return None
        if previous is not None and previous.marker.isdigit():
            return None
        if len(block.lines) > 1:
            if not block.lines[1][:1].isupper():
                return None
        elif following is not None and following.marker.isdigit():
            return None
        return f"{block.marker}. {first}"

    def list_item(self, block: Block, text: str) -> None:
        numbered = block.marker.isdigit()
        if self.hours_in(text, block.line) and not re.search(r"[^\W\d_]{4}", _HOURS.sub("", text)):
            self.draft.report.append((block.line, text, "telefontider"))
            return
        if not numbered:
            self.add_item(text, block.line, sentence_kind(text, "bullet"))
            return
        pieces: list[str] = []
        after_condition = False
        for sentence in split_sentences(text):
            conditional = bool(_CONDITIONAL_START.match(sentence))
            if pieces and (conditional or after_condition):
                self.emit_numbered(pieces, block.line)
                pieces = []
            pieces.append(sentence)
            after_condition = conditional
        if pieces:
            self.emit_numbered(pieces, block.line)

    def emit_numbered(self, pieces: list[str], line: int) -> None:
        text = " ".join(pieces)
        self.add_item(text, line, sentence_kind(text, "numbered"))

    def paragraph(self, block: Block, text: str, following: Block | None) -> None:
        lines = list(block.lines)
        while len(lines) > 1 and not re.search(r"\w", lines[0]):  # a stray "." from the extraction
            self.unplaced(block.line, lines.pop(0))
            block = Block(" ".join(lines), block.line + 1, block.end_line, "", tuple(lines))
            text = _dehyphenate(block)
        list_follows = following is not None and bool(following.marker)
        # Whole block a heading: one line, or a heading wrapped over two or three lines
        # (each line after the first goes on in lower case).
        if (
            len(lines) <= 3
            and all(not line[:1].isupper() for line in lines[1:])
            and not any(line.endswith(":") for line in lines[:-1])
            and not re.search(r"https?:|www\.", text)
            and _is_heading_text(text, 160)
            and following is not None
            and not (list_follows and text.endswith(":"))
        ):
            self.add_heading(text.strip(), block.line)
            return
        # Heading lines at the start of a paragraph, after a line that ends a sentence, or
        # right under another heading line ("Ansvarsområden" / "Socialtjänst").
        start = 0
        rest_start = 0
        after_heading = False
        for offset, line in enumerate(lines):
            previous_ends = offset == 0 or lines[offset - 1].rstrip().endswith((".", "?", "!", ":"))
            is_last = offset == len(lines) - 1
            nxt = lines[offset + 1] if not is_last else ""
            stacked = after_heading and offset == start and ":" not in line and not line.endswith("?")
            if (
                (previous_ends or stacked)
                and _is_heading_text(line, 70)
                and (is_last or nxt[:1].isupper())
                and not _DUTY.search(line)
                and len(line.split()) <= 8
                and not (is_last and list_follows and line.rstrip().endswith(":"))
            ):
                if offset > start:
                    self.sentences(" ".join(lines[start:offset]), block.line + start, block)
                self.add_heading(line.strip(), block.line + offset)
                start = offset + 1
                rest_start = start
                after_heading = True
            else:
                after_heading = False
        if start < len(lines):
            sub = Block(
                _dehyphenate(Block("", 0, 0, "", tuple(lines[start:]))),
                block.line + rest_start,
                block.end_line,
                "",
                tuple(lines[start:]),
            )
            self.sentences(sub.text, sub.line, sub, lead_in=list_follows)

    def sentences(self, text: str, line: int, block: Block, lead_in: bool = False) -> None:
        text = _dehyphenate(Block("", 0, 0, "", tuple(text.split("\n")))) if "\n" in text else text
        if self.hours_in(text, line) and not re.search(r"[^\W\d_]{5}", _HOURS.sub("", _LUNCH.sub("", text))):
            self.draft.report.append((line, text, "telefontider"))
            return
        found = split_sentences(text)
        for index, sentence in enumerate(found):
            if lead_in and index == len(found) - 1 and (sentence.endswith(":") or _OPEN_END.search(sentence)):
                self.add_lead_in(sentence, line + _offset(block, sentence))
                continue
            self.add_item(sentence, line + _offset(block, sentence), sentence_kind(sentence))


def _offset(block: Block, sentence: str) -> int:
    head = re.sub(r"\W+", "", sentence.lower())[:10]
    for offset, line in enumerate(block.lines):
        if head[:6] and head[:6] in re.sub(r"\W+", "", line.lower()):
            return offset
    return 0


def build_draft(source: str, source_file: str = "", routine_id: str = "") -> Draft:
    """The draft of a routine from its source text; see the module docstring for the rules."""
    source = source.lstrip("\ufeff")  # a byte-order mark from Windows is no part of the title
    furniture = page_furniture(source)
    lines = source.splitlines()
    # Page headers and footers become blank lines (the line numbers stay the source's).
    cleaned = "\n".join("" if n in furniture else line for n, line in enumerate(lines, 1))
    builder = _Builder(cleaned, source_file, routine_id or slug(source_file.rsplit(".", 1)[0] or "utkast", 6))
    for number in sorted(furniture):
        builder.draft.unplaced.append((number, lines[number - 1].strip()))
        builder.draft.report.append(
            (number, lines[number - 1].strip(), "inte placerad: sidhuvud eller sidfot")
        )
    draft = builder.run()
    if not draft.sections:
        draft.sections.append(DraftSection("rutinen", "TODO: rubrik", 1))
    if not draft.items:
        draft.items.append(DraftItem("todo-1", draft.sections[0].id, "TODO: punkt", 1))
    return draft


# -- the file -----------------------------------------------------------------------------------


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def draft_toml(draft: Draft) -> str:
    """The draft as a routine file (format 2) with TODO comments where a person must decide."""
    out: list[str] = [
        f"# UTKAST skapat av `samverkan utkast` från {draft.source_file or 'källtexten'}.",
        "# Sök efter TODO: varje ställe där en människa måste bestämma, med källans rad.",
        "# Kontrollera sedan med: samverkan kontrollera DEN-HÄR-FILEN.toml",
        "format = 2",
        f"id = {_s(draft.routine_id)}",
        f"title = {_s(draft.title or 'TODO: titel')}  # TODO rad {draft.title_line}: kontrollera titeln",
        'version = "0.1"  # TODO: versionen när rutinen fastställs',
        'units = ["TODO: enheterna som äger rutinen"]',
        f"source = {_s(draft.title or draft.source_file)}  # TODO: källdokumentets namn och datum",
    ]
    if draft.source_file:
        out.append(f"source_file = {_s(draft.source_file)}")
    if draft.review_text:
        out += [
            f"# TODO rad {draft.review_line}: källan anger översyn; kontrollera intervallet",
            "review_interval_months = 12",
            f"review_text = {_s(draft.review_text)}",
        ]
    out += [
        "",
        "[[roles]]",
        f'id = "{TODO}"',
        'name = "TODO: vem utför punkterna"',
        "# TODO: lägg till rollerna (t.ex. RVT, BoU, gemensamt) och sätt role på avsnitten och punkterna.",
        "",
    ]
    for role in draft.roles:
        where = ", ".join(str(n) for n in role.lines[:6]) + (" …" if len(role.lines) > 6 else "")
        out += [
            f"# TODO rad {role.lines[0]}: föreslagen roll, nämns på rad {where}; rätta namnet, slå ihop "
            "eller ta bort",
            "[[roles]]",
            f"id = {_s(role.id)}",
            f"name = {_s(role.name[0].upper() + role.name[1:])}",
            "",
        ]
    out += [
        "[[phases]]",
        f'id = "{TODO}"',
        'name = "TODO: skede"',
        "",
    ]
    if any(item.deadline for item in draft.items):
        out += [
            "[[moments]]",
            f'id = "{TODO}"',
            'label = "TODO: det som tidsfristen räknas från"',
            'question = "TODO: När hände det som tidsfristen räknas från?"',
            "",
        ]
    urgent_declared = False
    for question in draft.questions:
        if question.source:
            out.append(
                f"# TODO rad {question.line}: föreslagen fråga ur ”{question.source} …”; formulera den, "
                "eller ta bort den och villkoren som använder den"
            )
        out += [
            f"# TODO rad {question.line}: frågans ordalydelse och hjälptext (citera källans definition)",
            "[[questions]]",
            f"id = {_s(question.id)}",
            f"text = {_s(question.text)}",
            'help = "TODO: hjälptext med källans egen definition"',
        ]
        # The follow-up counts acute walks by the question the routine declares (at most one).
        if not urgent_declared and re.search(r"\bakut", question.text, re.IGNORECASE):
            urgent_declared = True
            out.append('urgent_answer = "ja"  # uppföljningen räknar svaret ja som akut; ta bort om fel')
        out += [
            "options = [",
            f'    {{ value = "ja", label = "Ja", phrase = {_s(question.yes)} }},',
            f'    {{ value = "nej", label = "Nej", phrase = {_s(question.no or "inte " + question.yes)} }},',
            "]",
            "",
        ]
    for contact in draft.contacts:
        out.append(
            f"# TODO rad {contact.line}: kontrollera kontakten"
            + ("" if contact.named else " och ge den ett namn")
        )
        out += ["[[contacts]]", f"id = {_s(contact.id)}", f"name = {_s(contact.name)}"]
        if contact.phones:
            out.append("phones = [" + ", ".join(_s(p) for p in contact.phones) + "]")
        if contact.fax:
            out.append("fax = [" + ", ".join(_s(p) for p in contact.fax) + "]")
        if contact.hours:
            pairs = ", ".join(f"{day} = {_s(span)}" for day, span in contact.hours.items())
            out.append(f"hours = {{ {pairs} }}")
            if contact.breaks:
                out.append(
                    "breaks = ["
                    + ", ".join(
                        f'{{ start = "{a}", end = "{b}", name = "lunch" }}' for a, b in contact.breaks
                    )
                    + "]"
                )
        else:
            out.append('hours_note = "Tider anges inte i rutinen."  # TODO: telefontider om källan anger dem')
        out.append("")
    items_by_section: dict[str, list[DraftItem]] = {}
    for item in draft.items:
        items_by_section.setdefault(item.section, []).append(item)
    for section in draft.sections:
        out += [
            f"# rad {section.line}",
            "[[sections]]",
            f"id = {_s(section.id)}",
            f"title = {_s(section.title)}",
        ]
        if section.parent:
            out.append(f"parent = {_s(section.parent)}")
        else:
            out += [f'phase = "{TODO}"', f'role = "{TODO}"']
        if section.when:
            if section.proposed:
                out.append(
                    f"# TODO rad {section.line}: villkoret är föreslaget ur inledningen; bekräfta det "
                    "eller ta bort when"
                )
            out += [f"when = {_s(section.when)}", f"when_text = {_s(section.when_text)}"]
        out.append("")
        for item in items_by_section.get(section.id, []):
            out.append(f"# rad {item.line}")
            if item.when:
                out.append(
                    f"# TODO rad {item.line}: villkoret är föreslaget ur ”{item.condition_note} …”; "
                    "bekräfta frågan och villkoret, eller ta bort when"
                )
            elif item.condition_note:
                out.append(f"# TODO rad {item.line}: ”{item.condition_note}”")
            if len(item.roles_named) > 1:
                named = " och ".join(item.roles_named)
                out.append(
                    f"# TODO rad {item.line}: punkten nämner flera roller ({named}); dela den i en punkt "
                    "per roll, eller sätt en gemensam roll"
                )
            out += [
                "[[steps]]",
                f"id = {_s(item.id)}",
                f"section = {_s(section.id)}",
                f"text = {_s(item.text)}",
            ]
            if item.kind != "åtgärd":
                out.append(f"kind = {_s(item.kind)}")
            if item.role:
                out.append(
                    f"role = {_s(item.role)}  # TODO rad {item.line}: föreslagen roll, den som texten nämner"
                )
            if item.when:
                out.append(f"when = {_s(item.when)}")
            if item.deadline:
                out += [
                    f"deadline = {_s(item.deadline)}",
                    f'deadline_from = "{TODO}"  # TODO rad {item.line}: vad fristen räknas från',
                ]
            if item.contacts:
                out.append("contacts = [" + ", ".join(_s(c) for c in item.contacts) + "]")
            out.append("")
    if draft.unplaced:
        out += [
            "# ---------------------------------------------------------------------------",
            "# Källtext som utkastet inte kunde placera (radnummer i källan). Flytta in det",
            "# som hör till rutinen, eller stryk det.",
            "#",
        ]
        for line, text in draft.unplaced:
            out.append(f"# rad {line}: {text}")
    return "\n".join(out).rstrip() + "\n"


def _report_rows(draft: Draft) -> tuple[str, list[tuple[int, str, str]], str]:
    """The report's title, its rows (source line, where it went, the sentence shortened)
    in source order, and its closing count: one producer for the text and the Markdown."""
    title = f"Spårbarhet för utkastet {draft.routine_id} (källa: {draft.source_file or 'källtexten'})"
    rows = []
    for line, text, where in sorted(draft.report, key=lambda entry: entry[0]):
        short = " ".join(text.split())
        rows.append((line, where, short if len(short) <= 70 else short[:69] + "…"))
    placed = sum(1 for entry in draft.report if not entry[2].startswith("inte placerad"))
    total = (
        f"{placed} av {len(draft.report)} meningar och rubriker placerade; "
        f"{len(draft.report) - placed} som kommentar sist i filen."
    )
    return title, rows, total


def traceability_report(draft: Draft) -> str:
    """For every sentence of the source: where the draft put it (one line each, source order)."""
    title, rows, total = _report_rows(draft)
    lines = [title, ""]
    lines += [f"rad {line:>4}: {where} — ”{short}”" for line, where, short in rows]
    return "\n".join([*lines, "", total]) + "\n"


def traceability_markdown(draft: Draft) -> str:
    """The same report as a Markdown table (`utkast --format md`)."""
    title, rows, total = _report_rows(draft)

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = [f"# {title}", "", "| Rad | Hamnade i | Meningen |", "|---:|---|---|"]
    lines += [f"| {line} | {cell(where)} | {cell(short)} |" for line, where, short in rows]
    return "\n".join([*lines, "", total]) + "\n"


def draft_record(draft: Draft) -> dict[str, object]:
    return {
        "id": draft.routine_id,
        "title": draft.title,
        "sections": [
            {"id": s.id, "title": s.title, "line": s.line, "parent": s.parent, "when": s.when}
            for s in draft.sections
        ],
        "items": [
            {
                "id": i.id,
                "section": i.section,
                "text": i.text,
                "line": i.line,
                "kind": i.kind,
                "deadline": i.deadline,
                "contacts": i.contacts,
                "when": i.when,
                "role": i.role,
            }
            for i in draft.items
        ],
        "questions": [{"id": q.id, "text": q.text, "line": q.line} for q in draft.questions],
        "roles": [{"id": r.id, "name": r.name, "lines": r.lines} for r in draft.roles],
        "contacts": [
            {"id": c.id, "name": c.name, "phones": c.phones, "fax": c.fax, "hours": c.hours}
            for c in draft.contacts
        ],
        "unplaced": [{"line": line, "text": text} for line, text in draft.unplaced],
        "report": [{"line": line, "text": text, "where": where} for line, text, where in draft.report],
    }
