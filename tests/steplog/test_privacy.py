"""Privacy: generated identifiers pass the scrubber and never reach the log's files.

Personnummer and samordningsnummer in every common spelling (with wrong check digits
too), Swedish phone numbers as people write them, e-mail addresses and names from the
shipped list: after scrubbing and storing, none of them may be found in the bytes of
the database, its WAL or its shared-memory file.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samverkan_tui.core.session import DEVIATION, WalkSession
from samverkan_tui.steplog.scrub import MAX_COMMENT, PLACEHOLDERS, name_list, scrub, scrub_comment
from samverkan_tui.steplog.store import StepLog
from tests.steplog.helpers import START, at, db_bytes, routine

ROUTINE = routine()
NAMES = name_list()
_CAPITAL_ONLY = {line.strip()[:-1] for line in
                 (Path(__file__).resolve().parents[2] / "src/samverkan_tui/steplog/data/namn.txt")
                 .read_text("utf-8").splitlines() if line.strip().endswith("*")}


def luhn_digit(nine: str) -> int:
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


@st.composite
def personnummer(draw: st.DrawFn) -> str:
    """Personnummer or samordningsnummer, in one of the forms people write them."""
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer: day + 60
    short = f"{born:%y%m}{day:02d}"
    serial = f"{draw(st.integers(0, 999)):03d}"
    check = luhn_digit(short + serial)
    if draw(st.booleans()):  # mistyped: a wrong check digit still points at a person
        check = (check + draw(st.integers(1, 9))) % 10
    tail = f"{serial}{check}"
    form = draw(st.sampled_from(["YYYYMMDD-XXXX", "YYYYMMDDXXXX", "YYMMDD-XXXX", "YYMMDDXXXX",
                                 "YYMMDD+XXXX", "YYYYMMDD XXXX", "YYMMDD - XXXX"]))
    long = f"{born.year // 100}{short}"
    return (form.replace("YYYYMMDD", long).replace("YYMMDD", short).replace("XXXX", tail))


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


@st.composite
def phone_number(draw: st.DrawFn) -> str:
    """Swedish numbers in their usual spellings, mobile and landline, national and +46."""
    kind = draw(st.sampled_from(["mobile", "stockholm", "area"]))
    if kind == "mobile":
        prefix = draw(st.sampled_from(["70", "72", "73", "76", "79"]))
        a, b, c = draw(_digits(3)), draw(_digits(2)), draw(_digits(2))
        forms = [f"0{prefix}-{a} {b} {c}", f"0{prefix} {a} {b} {c}", f"0{prefix}{a}{b}{c}",
                 f"+46 {prefix} {a} {b} {c}", f"+46{prefix}{a}{b}{c}", f"0{prefix}-{a}{b}{c}",
                 f"0046 {prefix} {a} {b} {c}", f"+46 (0){prefix}-{a} {b} {c}", f"0{prefix}/{a}{b}{c}"]
    elif kind == "stockholm":
        a = draw(st.sampled_from("123456789")) + draw(_digits(2))
        b, c = draw(_digits(3)), draw(_digits(2))
        forms = [f"08-{a} {b} {c}", f"08-{a}{b}{c}", f"08 {a} {b} {c}", f"+46 8 {a} {b} {c}",
                 f"08-{a} {b[:2]} {b[2]}{c}", f"(08) {a} {b} {c}", f"08/{a} {b} {c}"]
    else:
        area = draw(st.sampled_from(["31", "40", "18", "90", "13", "19", "60", "63"]))
        a = draw(st.sampled_from("123456789")) + draw(_digits(1))
        b, c = draw(_digits(2)), draw(_digits(2))
        forms = [f"0{area}-{a} {b} {c}", f"0{area}-{a}{b}{c}", f"+46 {area} {a} {b} {c}",
                 f"0{area} {a} {b} {c}"]
    return draw(st.sampled_from(forms))


_LOCAL = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)


@st.composite
def email(draw: st.DrawFn) -> str:
    local = draw(st.sampled_from(NAMES)) + draw(st.sampled_from([".", "_", "-", "+", ""])) + draw(_LOCAL)
    domain = draw(st.sampled_from(["kommun.se", "botkyrka.se", "gmail.com", "hotmail.se", "x-y.org"]))
    return f"{local}@{draw(_LOCAL)}.{domain}" if draw(st.booleans()) else f"{local}@{domain}"


@st.composite
def name(draw: st.DrawFn) -> str:
    """A listed name as typed (capitalised, lower case or upper case; genitive sometimes),
    or a patronymic surname made from a first name."""
    base = draw(st.sampled_from(NAMES))
    if draw(st.integers(0, 4)) == 0:
        base = base.rstrip("s") + "sson"
    capitalised = base[:1].upper() + base[1:]
    if capitalised in _CAPITAL_ONLY or base.endswith("sson"):
        typed = capitalised
    else:
        typed = draw(st.sampled_from([capitalised, base.lower(), base.upper()]))
    return typed + ("s" if draw(st.integers(0, 5)) == 0 and not typed.endswith("s") else "")


@st.composite
def address(draw: st.DrawFn) -> str:
    """A street address or a postcode with its town."""
    stem = draw(st.sampled_from(["Stor", "Kungs", "Drottning", "Skol", "Kyrk", "Ängs", "Björk",
                                 "Sankt Eriks", "Östra Lång", "Hagalunds"]))
    suffix = draw(st.sampled_from(["gatan", "vägen", "gränd", "stigen", "backen", "torget", "allén",
                                   "platsen", "leden", "slingan"]))
    number = str(draw(st.integers(1, 199))) + draw(st.sampled_from(["", "", " B", "A"]))
    postcode = f"{draw(st.integers(100, 999))} {draw(st.integers(0, 99)):02d}"
    town = draw(st.sampled_from(["Stockholm", "Tumba", "Umeå", "Skellefteå", "Ekerö", "Göteborg"]))
    return draw(st.sampled_from([f"{stem}{suffix} {number}", f"{stem}{suffix} {number}, lgh 1102",
                                 f"{postcode} {town}", f"SE-{postcode.replace(' ', '')}"]))


IDENTIFIER = st.one_of(personnummer(), phone_number(), email(), name(), address())
FILLER = st.sampled_from(["Ringde", "kontakt med", "pappan", "ej nådd,", "enligt", "skolan:",
                          "tolk saknades;", "och", "—", "(", ")", "BUP", "socialjouren"])


@st.composite
def comment_with(draw: st.DrawFn) -> tuple[str, list[str]]:
    secrets = draw(st.lists(IDENTIFIER, min_size=1, max_size=3))
    words: list[str] = []
    for secret in secrets:
        words += draw(st.lists(FILLER, max_size=2))
        words.append(secret + draw(st.sampled_from(["", ",", ".", ":"])))
    words += draw(st.lists(FILLER, max_size=2))
    return " ".join(words), secrets


def needles(secret: str) -> list[bytes]:
    """The forms in which a leaked identifier would show: as typed, and digits only."""
    found = [secret.encode()]
    street = re.match(r"^(\D+?(?:gatan|vägen|gränd|stigen|backen|torget|allén|platsen|leden|slingan)) ",
                      secret)
    if street:
        found.append(street[1].encode())  # the street's name without the number
    postcode = re.match(r"^\d{3} \d{2}", secret)
    if postcode:
        found.append(postcode[0].encode())  # the town may stay, the postcode may not
    digits = "".join(c for c in secret if c.isdigit())
    if len(digits) >= 8:
        found.append(digits.encode())
        found.append(digits[-9:].encode())  # a phone number without its 0 or +46
    return found


@settings(max_examples=400, deadline=None)
@given(comment_with())
def test_the_scrubber_removes_every_generated_identifier(case: tuple[str, list[str]]) -> None:
    text, secrets = case
    cleaned = scrub(text)
    for secret in secrets:
        for needle in needles(secret):
            assert needle.decode() not in cleaned, (text, cleaned)
    assert scrub(cleaned) == cleaned  # idempotent: the app scrubs, the store scrubs again


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comment_with())
def test_no_generated_identifier_reaches_the_database_wal_or_shm(case: tuple[str, list[str]]) -> None:
    text, secrets = case
    assume(len(scrub(text)) <= MAX_COMMENT)  # a cut comment could hide a leak from the test
    with tempfile.TemporaryDirectory() as name_:
        folder = Path(name_)
        log = StepLog.open(folder)
        baseline = db_bytes(folder)
        session = WalkSession(ROUTINE, START)
        log.start(session)
        session.answer("inkom", "bou", at(1))
        shown = scrub_comment(text)  # what the deviation dialog shows before saving
        session.set_step("bou-in-bou-1", DEVIATION, at(2), "kontakt_ej_nadd", shown)
        session.set_step("bou-in-bou-2", DEVIATION, at(3), "annat", text)  # app forgot to scrub
        marker = "xqzv deviation marker"
        session.set_step("bou-in-bou-1-beredskap", DEVIATION, at(4), "annat", marker)
        stored = db_bytes(folder)
        assert marker.encode() in stored  # the search does see stored comment text
        log.close()
        closed = db_bytes(folder)
        for secret in secrets:
            for needle in needles(secret):
                assume(needle not in baseline)  # e.g. a short lower-case name inside the schema
                assert needle not in stored, (text, secret)
                assert needle not in closed, (text, secret)


def test_ordinary_deviation_comments_are_left_alone() -> None:
    for text in [
        "Tolk saknades, mötet flyttades till 2026-11-24 kl. 13.00.",
        "Socialjouren nåddes inte före 16.30; BUP hade ingen tid inom en vecka.",
        "Förskolan anmälde först skriftligt, muntlig anmälan kom dagen efter.",
        "Polisen kunde inte delta i tjänstemannamötet.",
        "Rummet var upptaget, samtalet hölls på arbetsplatsen.",
        "Kostnaden 12000 kr godkändes inte.",
    ]:
        assert scrub(text) == text


def test_forms_and_placeholders() -> None:
    cases = {
        "pnr 19811218-9876": "pnr [personnummer]",
        "811218+9876 och 8112189876": "[personnummer] och [personnummer]",
        "samordningsnr 811278-1234": "samordningsnr [personnummer]",
        "fel datum 811341-1234": "fel datum [nummer]",
        "ring 070-123 45 67 eller +46 8 123 456 78": "ring [telefon] eller [telefon]",
        "mejl anna.svensson@kommun.se": "mejl [e-post]",
        "bor på Storgatan 12 B, lgh 1102, 123 45 Stockholm": "bor på [adress], [postnummer]",
        "adress Drottning Kristinas väg 3": "adress [adress]",
        "Anna-Karin Gunnarssons pappa": "[namn] pappa",
        "Per kunde inte nås per telefon": "[namn] kunde inte nås per telefon",
        "８１１２１８－９８７６": "[personnummer]",
        "811218\n9876": "[personnummer]",
    }
    for text, expected in cases.items():
        assert scrub(text) == expected, text


def test_comment_is_one_line_and_cut_without_half_a_placeholder() -> None:
    assert scrub_comment("  rad ett\nrad två  ") == "rad ett rad två"
    assert scrub_comment("   ") is None
    long = "ord " * 45 + "Anna Svensson " + "ord " * 30
    cut = scrub_comment(long)
    assert len(cut) <= MAX_COMMENT and cut.endswith("…")
    assert cut.count("[") == cut.count("]")
    assert all(p.startswith("[") for p in PLACEHOLDERS)


def test_the_name_list_ships_with_the_package_and_has_hundreds_of_names() -> None:
    from importlib import resources

    text = resources.files("samverkan_tui.steplog").joinpath("data/namn.txt").read_text("utf-8")
    assert "Andersson" in text
    assert len(NAMES) > 400
