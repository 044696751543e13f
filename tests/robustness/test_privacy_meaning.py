"""How many realistic deviation comments keep their meaning through the scrubber.

The corpus (``deviation_comments_realistic.txt``, 150+ fictional comments with the
field's abbreviations, lower case and typos) was written for issue 26 after the rules,
and is measured with the vocabulary the step log uses (the base list, the field's words
and a shipped routine's own words) — the same in the app and in the store.

A comment *keeps its meaning* when at most one of its words is removed and that is at
most a tenth of them; it is *degraded* when at most a quarter is removed; else *lost*.
Digits becoming ``#`` count as kept (the shape stays, and the store never keeps digits).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from samverkan_tui.steplog.scrub import routine_vocabulary, scrub, scrub_parts
from tests.steplog.helpers import routine

HERE = Path(__file__).parent
CORPUS = HERE / "deviation_comments_realistic.txt"
VOCABULARY = routine_vocabulary(routine("rvt-bou"))


def comments() -> list[str]:
    lines = CORPUS.read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def judged(comment: str) -> tuple[str, list[str]]:
    """("kept" | "degraded" | "lost", the words removed)."""
    pieces = [p for p in scrub_parts(comment, VOCABULARY) if p.written.strip()]
    words = [p for p in pieces if any(c.isalpha() for c in p.written)]
    removed = [p.written for p in words if p.removed and any(c.isalpha() for c in p.written)]
    share = len(removed) / max(1, len(words))
    if len(removed) <= 1 and share <= 0.10:
        return "kept", removed
    if share <= 0.25:
        return "degraded", removed
    return "lost", removed


def figures() -> tuple[dict[str, int], Counter[str]]:
    counts: dict[str, int] = {"kept": 0, "degraded": 0, "lost": 0}
    lost_words: Counter[str] = Counter()
    for comment in comments():
        verdict, removed = judged(comment)
        counts[verdict] += 1
        lost_words.update(w.strip(".,:;!?()").casefold() for w in removed)
    return counts, lost_words


def test_the_corpus_is_large_enough_and_has_no_identifiers() -> None:
    lines = comments()
    assert len(lines) >= 150
    assert len(set(lines)) == len(lines)


def test_at_least_85_percent_of_realistic_comments_keep_their_meaning() -> None:
    counts, lost_words = figures()
    total = sum(counts.values())
    kept = 100 * counts["kept"] / total
    print(
        f"{total} comments: {kept:.0f} % keep their meaning, "
        f"{100 * counts['degraded'] / total:.0f} % degraded, {100 * counts['lost'] / total:.0f} % lost; "
        f"words still removed: {sorted(lost_words.items(), key=lambda kv: (-kv[1], kv[0]))}"
    )
    assert kept >= 85, lost_words


def test_the_fields_words_and_the_routines_own_words_are_kept() -> None:
    text = (
        "BoU, RVT, SoJ, SIP, BBIC, LVU, LVM, SoL, OSL, BUP, IFO: mott. anm. ang. enl. vh dgr ssk fm em "
        "tfn. Mottagningsgruppen och öppenvården, kontaktförbud, familjebehandlarna, "
        "verksamhetssystemet, handledningen, sekretessmarkerat, kontaktuppgifterna, "
        "återkopplingen, kallelsen, anmälaren."
    )
    assert scrub(text, VOCABULARY) == text
