"""Issue 26: identities that survived round two, generated broader than the scrubber's rules.

Names that are also everyday words ("Klara", "Bo", "Saga", "Sten", "Liv", "Le") in every
position a case note puts them (after "m.", "enl.", "ang.", "fam.", "t.ex.", a colon, a
list marker, mid-sentence, in lower case after a word for a person, next to a surname,
in capitals, in the genitive, in brackets); numbers, dates, e-mail and web addresses
spelled as words; districts and schools; initials. The name lists here are written for
the test (not the lists the vocabulary was built from); hypothesis draws the
combinations, and a fixed-seed sweep counts leaks per identifier style for the report.
"""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_tui.steplog.scrub import REMOVED, routine_vocabulary, scrub
from tests.steplog.helpers import routine

VOCABULARY = routine_vocabulary(routine("rvt-bou"))

# Given names and surnames common in Sweden that are also Swedish words (or nearly).
NAME_WORDS = [
    "Klara",
    "Bo",
    "Saga",
    "Sten",
    "Liv",
    "Le",
    "Berg",
    "Per",
    "Inga",
    "Dag",
    "Björn",
    "Alva",
    "Ella",
    "Vilja",
    "Linnea",
    "Iris",
    "Viola",
    "Malva",
    "Tyra",
    "Stina",
    "Siv",
    "Rut",
    "Ros",
    "Vera",
    "Mira",
    "Nova",
    "Lo",
    "Love",
    "Frej",
    "Ask",
    "Sol",
    "Idun",
    "Tove",
    "Hedda",
    "Ebbe",
    "Tor",
    "Eke",
    "Ek",
    "Lind",
    "Holm",
    "Strand",
    "Falk",
    "Storm",
    "Fors",
    "Hav",
    "Ström",
    "Dal",
    "Bäck",
    "Sjö",
    "Åsa",
    "Ulla",
    "Lisa",
    "Mona",
    "Rita",
    "Gun",
    "Elsa",
    "Maj",
    "Juni",
    "Juli",
    "April",
    "Mars",
    "Signe",
    "Sigrid",
    "Vide",
    "Vidar",
    "Tage",
    "Ture",
    "Sixten",
    "Folke",
    "Nils",
    "Ove",
    "Roy",
    "Vu",
    "Bui",
    "Do",
    "Mai",
    "Lan",
    "Kim",
    "Ali",
    "Nur",
    "Sara",
    "Emma",
    "Adam",
    "Noa",
    "Isak",
    "Liam",
    "Hugo",
    "Otto",
    "Max",
    "Leo",
]
SURNAMES = [
    "Lindqvist",
    "Nguyen",
    "Hosseini",
    "Kowalski",
    "Warsame",
    "Mohammadi",
    "Tesfaye",
    "Yilmaz",
    "Virtanen",
    "Haddad",
    "Bergström",
    "Sjöberg",
    "Åberg",
    "Eklund",
    "Nordin",
    "Öztürk",
    "Hodžić",
    "Okafor",
    "Ivanova",
    "García",
    "Murphy",
]
# Districts, neighbourhoods and other places a note may name (written for the test).
PLACES = [
    "Spånga",
    "Hägersten",
    "Älvsjö",
    "Enskede",
    "Kärrtorp",
    "Drottningholm",
    "Slussen",
    "Skärholmen",
    "Bredäng",
    "Fruängen",
    "Farsta",
    "Hökarängen",
    "Bagarmossen",
    "Skarpnäck",
    "Hammarbyhöjden",
    "Liljeholmen",
    "Aspudden",
    "Midsommarkransen",
    "Vällingby",
    "Hässelby",
    "Blackeberg",
    "Rinkeby",
    "Tensta",
    "Husby",
    "Kista",
    "Akalla",
    "Solna",
    "Sundbyberg",
    "Bromma",
    "Alvik",
    "Rosengård",
    "Möllevången",
    "Hyllie",
    "Limhamn",
    "Angered",
    "Hammarkullen",
    "Bergsjön",
    "Biskopsgården",
    "Majorna",
    "Gottsunda",
    "Sävja",
    "Gränby",
    "Vivalla",
    "Navestad",
    "Skäggetorp",
    "Ryd",
    "Araby",
    "Hovsjö",
    "Fisksätra",
    "Orminge",
]
SCHOOLS = [
    "Vasaskolan",
    "Engelbrektsskolan",
    "Ekskolan",
    "Björkskolan",
    "Sjöstadsskolan",
    "Rinkebyskolan",
    "Tallbackaskolan",
    "Kärrtorpsgymnasiet",
    "Solbergaskolan",
    "Lindeskolan",
    "Klaraskolan",
    "Sagaskolan",
    "Bergaskolan",
    "Holmskolan",
]

# Where a note puts a name; {} is the name. Those marked ``LOWER`` are name positions
# for a name in lower case too (after a word for a person, "enl.", "m."); elsewhere a
# lower-case word is an ordinary word ("t.ex. ask" may be the box).
LOWER = "\u2063"  # invisible marker, stripped before use
POSITIONS = [
    LOWER + "Samtal m. {} om läget.",
    LOWER + "Samtal enl. {} var det fel enhet.",
    LOWER + "ang. {}: ingen kontakt",
    LOWER + "fam. {} kom inte.",
    "t.ex. {} hade inte fått kallelsen.",
    LOWER + "Mamma: {}. Pappa: okänd.",
    LOWER + "Barnet: {}",
    "- {} ringde igen",
    "1) {} kom inte",
    "Ringde {} men ingen svarade.",
    LOWER + "Mötet med {} ställdes in.",
    "Samtalet hölls. {} kom inte.",
    LOWER + "Hembesök hos {} flyttades.",
    LOWER + "mamman {} ville inte delta",
    LOWER + "familjen {} var inte hemma",
    LOWER + "pappan {} ringde",
    LOWER + "enligt {} var det fel",
    LOWER + "barnet {} var sjukt",
    "({}) kom inte",
    "”{}” ringde",
    LOWER + "Kontakt med {} och skolan.",
    LOWER + "Vh, {}, avböjde.",
]

SPELLED_DIGITS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
TEENS_AND_TENS = [
    "tio",
    "elva",
    "tolv",
    "tretton",
    "fjorton",
    "femton",
    "sexton",
    "sjutton",
    "arton",
    "nitton",
    "tjugo",
    "trettio",
    "fyrtio",
    "femtio",
    "sextio",
    "sjuttio",
    "åttio",
    "nittio",
]
ORDINALS = [
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
    "elfte",
    "tolfte",
    "trettonde",
    "fjortonde",
    "femtonde",
    "sextonde",
    "sjuttonde",
    "artonde",
    "nittonde",
    "tjugonde",
    "tjugoförsta",
    "tjugoandra",
    "trettionde",
    "trettioförsta",
]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
_WORDS = re.compile(r"[^\W\d_]+")


def _cases(name: str) -> list[str]:
    return [name, name.lower(), name.upper()]


def stored_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORDS.findall(scrub(text, VOCABULARY))}


# -- names that are words ---------------------------------------------------------------------


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAME_WORDS),
    position=st.sampled_from(POSITIONS),
    case=st.integers(0, 2),
    genitive=st.booleans(),
)
def test_a_name_that_is_a_word_never_survives_where_a_name_stands(
    name: str, position: str, case: int, genitive: bool
) -> None:
    written = _cases(name)[case] + ("s" if genitive else "")
    name_position = position.startswith(LOWER)
    position = position.removeprefix(LOWER)
    if written.islower() and not name_position:
        return  # an ordinary word where a word stands
    text = position.format(written)
    kept = stored_words(text) - set(_WORDS.findall(position.casefold()))
    assert written.casefold() not in kept, (text, scrub(text, VOCABULARY))


@settings(max_examples=300, deadline=None)
@given(
    first=st.sampled_from(NAME_WORDS),
    last=st.sampled_from(SURNAMES),
    lower=st.booleans(),
    template=st.sampled_from(
        ["Ringde {} i dag.", "{} kom inte.", "samtal med {} om skolan", "{}, tolk saknades"]
    ),
)
def test_a_name_word_next_to_a_surname_goes_with_it(
    first: str, last: str, lower: bool, template: str
) -> None:
    name = f"{first} {last}"
    text = template.format(name.lower() if lower else name)
    kept = stored_words(text) - set(_WORDS.findall(template.casefold()))
    assert first.casefold() not in kept and last.casefold() not in kept, (text, scrub(text, VOCABULARY))


# -- numbers, dates and addresses spelled out -------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 99), min_size=3, max_size=7), st.booleans())
def test_a_phone_number_spelled_in_words_keeps_no_number_word(groups: list[int], label: bool) -> None:
    words = []
    for n in groups:
        if n < 10:
            words.append(SPELLED_DIGITS[n])
        elif n < 20:
            words.append(TEENS_AND_TENS[n - 10])
        else:
            tens = TEENS_AND_TENS[8 + n // 10]
            words.append(tens + (SPELLED_DIGITS[n % 10] if n % 10 else ""))
    text = ("tfn " if label else "ring ") + " ".join(words)
    kept = stored_words(text)
    assert not kept & {w.casefold() for w in words}, (text, scrub(text, VOCABULARY))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([*ORDINALS, *SPELLED_DIGITS[1:], *TEENS_AND_TENS[:3]]), st.sampled_from(MONTHS))
def test_a_date_in_words_keeps_no_day(day: str, month: str) -> None:
    text = f"Barnet är född {day} {month}, mötet gäller"
    assert day not in stored_words(text), scrub(text, VOCABULARY)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(NAME_WORDS + SURNAMES),
    st.sampled_from(NAME_WORDS + SURNAMES),
    st.sampled_from(["gmail", "hotmail", "telia", "kommunen", "outlook", "bredband"]),
    st.sampled_from(["com", "se", "nu", "org", "net"]),
    st.sampled_from(["snabel-a", "snabela", "at"]),
)
def test_an_e_mail_address_spelled_out_goes_whole(
    first: str, last: str, domain: str, tld: str, at: str
) -> None:
    text = f"mejla {first.lower()} punkt {last.lower()} {at} {domain} punkt {tld} i morgon"
    kept = stored_words(text)
    assert not kept & {first.casefold(), last.casefold(), domain, tld}, (text, scrub(text, VOCABULARY))


def test_names_that_are_pronouns_go_mid_sentence_and_next_to_a_surname() -> None:
    """ "Han", "Du", "De" are names (Chinese, Vietnamese) and pronouns: a capital mid-sentence
    or a surname beside them makes them names; first in a sentence, or in lower case, they
    are the pronouns and stay (a choice the closing note names)."""
    for text, name in [
        ("Samtal med Han i dag.", "han"),
        ("Ringde Du Nguyen men ingen svarade.", "du"),
        ("Mötet med De ställdes in.", "de"),
    ]:
        assert name not in stored_words(text) - {"med", "i", "dag"}, (text, scrub(text, VOCABULARY))
    assert scrub("Han ringde. De kom inte.", VOCABULARY) == "Han ringde. De kom inte."


def test_a_web_address_spelled_out_goes_whole() -> None:
    text = "se www punkt familjen-berg punkt se och facebook punkt com"
    assert scrub(text, VOCABULARY).count(REMOVED) >= 2
    assert not stored_words(text) & {"www", "berg", "facebook", "com"}


# -- places, schools, initials ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PLACES),
    st.integers(0, 1),
    st.sampled_from(["Mötet hölls vid {}.", "Familjen bor i {} nu", "Plats: {}", "flyttat till {} enl. vh"]),
)
def test_districts_and_neighbourhoods_go_in_any_case(place: str, case: int, template: str) -> None:
    text = template.format(_cases(place)[case])
    assert place.casefold() not in stored_words(text), (text, scrub(text, VOCABULARY))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SCHOOLS), st.booleans())
def test_school_names_go(school: str, lower: bool) -> None:
    text = f"Anmälan kom från {school.lower() if lower else school} i går."
    assert school.casefold() not in stored_words(text), scrub(text, VOCABULARY)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWXYZÅÄÖ", min_size=2, max_size=3),
    st.sampled_from(["{}", "{}.", "{0[0]}.{0[1]}.", "{0[0]}. {0[1]}."]),
    st.sampled_from(["Samtal med {} i dag.", "{} ringde", "enl. {} var det fel", "Mamma: {}"]),
)
def test_initials_go_unless_the_field_uses_them(letters: str, form: str, template: str) -> None:
    written = form.format(letters)
    text = template.format(written)
    kept = scrub(text, VOCABULARY)
    field = {
        "sip",
        "bup",
        "hvb",
        "lss",
        "fb",
        "fk",
        "af",
        "ok",
        "tv",
        "jo",
        "ivo",
        "skr",
        "lvu",
        "lvm",
        "osl",
        "sol",
    }
    if letters.casefold() in field or VOCABULARY.acronym(letters):
        return
    assert not re.search(rf"(?<![\w]){re.escape(letters)}(?![\w])", kept), (text, kept)
    assert not re.search(rf"(?<![\w]){letters[0]}\.", kept), (text, kept)


# -- the sweep that gives the figures -----------------------------------------------


def test_leak_sweep_per_identifier_style() -> None:
    """A fixed-seed sweep: 0 leaks in every style (printed per style for the closing note)."""
    rng = random.Random(26)
    styles: dict[str, tuple[int, int]] = {}

    def count(style: str, text: str, needles: set[str], template: str = "") -> None:
        tried, leaked = styles.get(style, (0, 0))
        leaked += bool((stored_words(text) - set(_WORDS.findall(template.casefold()))) & needles)
        styles[style] = (tried + 1, leaked)

    for _ in range(1500):
        name = rng.choice(NAME_WORDS)
        position = rng.choice(POSITIONS)
        form = rng.choice(_cases(name) if position.startswith(LOWER) else [name, name.upper()])
        position = position.removeprefix(LOWER)
        count("namn som är ord", position.format(form), {name.casefold()}, position)
        full = f"{rng.choice(NAME_WORDS)} {rng.choice(SURNAMES)}"
        position = rng.choice(POSITIONS).removeprefix(LOWER)
        written = rng.choice([full, full.lower()])
        count("för- och efternamn", position.format(written), set(full.casefold().split()), position)
        place = rng.choice(PLACES)
        count(
            "stadsdel",
            rng.choice(["vid {}", "Plats: {}", "bor i {} nu"]).format(rng.choice(_cases(place)[:2])),
            {place.casefold()},
        )
        school = rng.choice(SCHOOLS)
        count("skola", f"från {rng.choice([school, school.lower()])} i går", {school.casefold()})
        digits = [rng.randrange(10) for _ in range(rng.randint(6, 10))]
        count(
            "telefon i ord",
            "tfn " + " ".join(SPELLED_DIGITS[d] for d in digits),
            {SPELLED_DIGITS[d] for d in digits},
        )
        day = rng.choice(ORDINALS)
        count("datum i ord", f"född {day} {rng.choice(MONTHS)}", {day})
        first, last = rng.choice(NAME_WORDS).lower(), rng.choice(SURNAMES).lower()
        count("e-post i ord", f"{first} punkt {last} snabel-a gmail punkt com", {first, last, "gmail"})
        letters = "".join(rng.choice("ABDEGHKMNPRTVWÅÄÖ") for _ in range(2))
        if VOCABULARY.acronym(letters):
            letters = "Q" + letters[1]  # the field's own acronyms (TV, FK …) are kept by design
        count(
            "initialer",
            f"Samtal med {rng.choice([letters, letters[0] + '.' + letters[1] + '.'])} i dag",
            {letters.casefold()},
        )
    report = ", ".join(f"{style}: {leaked}/{tried}" for style, (tried, leaked) in styles.items())
    print(f"läckor per stil: {report}")
    assert all(leaked == 0 for _, leaked in styles.values()), report
