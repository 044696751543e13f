"""What changed between two versions of a routine, in plain Swedish.

Items are matched by id first, then (for the rest) by wording: an item whose id was
changed but whose text stayed close is "the same item, reworded" rather than one item
removed and another added. For each matched item the comparison says whether its wording
changed (a word diff), whether it moved (to another section, or out of its order), and
whether its condition, deadline, kind, role or contacts changed. Contacts are compared
by id: phone and fax numbers and telefontider.

``changes_for_walk`` is what a resumed walk says when its routine changed since it began.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from samverkan_tui.core.routine.model import ITEM_KIND_LABELS, Contact, Routine, Step

# Items whose wording is at least this similar are the same item (after the id pass).
SIMILAR = 0.6

ADDED = "tillagd"
REMOVED = "borttagen"
REWORDED = "omformulerad"
MOVED = "flyttad"
CONDITION = "villkor"
DEADLINE = "tidsfrist"
CONTACTS = "kontakter"
KIND = "typ"
ROLE = "roll"
CONTACT = "kontakt"
META = "uppgifter"


@dataclass(frozen=True)
class Change:
    kind: str  # one of the constants above
    subject: str  # item or contact id ("" for the routine's own data)
    text: str  # one Swedish sentence
    old: str = ""
    new: str = ""
    diff: str = ""  # a word diff, for rewordings: "… [-gammalt-] {+nytt+} …"


@dataclass
class Comparison:
    old: Routine
    new: Routine
    changes: list[Change] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)  # old item id -> new item id

    @property
    def unchanged(self) -> bool:
        return not self.changes


# -- pieces -----------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def word_diff(old: str, new: str) -> str:
    """``old`` → ``new`` word by word: removed words in ``[-…-]``, added in ``{+…+}``."""
    a, b = old.split(), new.split()
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.extend(a[i1:i2])
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _condition(routine: Routine, step: Step) -> str:
    from samverkan_tui.core.walk.plan import describe_condition

    return describe_condition(routine, step.when)


def _section_title(routine: Routine, step: Step) -> str:
    section = routine.section(step.section)
    return section.title if section else ""


def _deadline(routine: Routine, step: Step) -> str:
    from samverkan_tui.core.routine.deadline_phrases import routine_deadline_line

    parts = [routine_deadline_line(routine, step), routine_deadline_line(routine, step, legal=True)]
    return "; ".join(p for p in parts if p).removeprefix("Tidsfrist: ")


def _contact_names(routine: Routine, step: Step) -> list[str]:
    names = []
    for contact_id in step.contacts:
        contact = routine.contact(contact_id)
        names.append(contact.name if contact else contact_id)
    return names


def _hours(contact: Contact) -> list[str]:
    from samverkan_tui.core.walk.hours_text import weekly_hours_lines

    return weekly_hours_lines(contact)


# -- matching -----------------------------------------------------------------------------


def match_items(old: Routine, new: Routine) -> dict[str, str]:
    """Old item id → new item id: the same id first, then the most similar wording."""
    new_ids = {s.id for s in new.steps}
    pairs = {s.id: s.id for s in old.steps if s.id in new_ids}
    rest_old = [s for s in old.steps if s.id not in pairs]
    taken = set(pairs.values())
    rest_new = [s for s in new.steps if s.id not in taken]
    scored = sorted(
        ((similarity(a.text, b.text), i, j) for i, a in enumerate(rest_old) for j, b in enumerate(rest_new)),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs[rest_old[i].id] = rest_new[j].id
    return pairs


def _out_of_order(old: Routine, new: Routine, pairs: dict[str, str]) -> set[str]:
    """New ids of matched items that are not in the longest run kept in the same order."""
    old_order = [s.id for s in old.steps if s.id in pairs]
    new_position = {s.id: n for n, s in enumerate(new.steps)}
    sequence = [new_position[pairs[i]] for i in old_order]
    # Longest increasing subsequence (patience sorting), remembering the members.
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(sequence)
    for index, value in enumerate(sequence):
        spot = bisect.bisect_left(tails, value)
        if spot == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[spot] = value
            tail_index[spot] = index
        previous[index] = tail_index[spot - 1] if spot else -1
    keep: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        keep.add(index)
        index = previous[index]
    return {pairs[old_order[i]] for i in range(len(sequence)) if i not in keep}


# -- the comparison ----------------------------------------------------------------------


def compare_routines(old: Routine, new: Routine) -> Comparison:
    result = Comparison(old, new)
    changes = result.changes
    for label, a, b in (
        ("Titel", old.title, new.title),
        ("Version", old.version, new.version),
        ("Reviderad", str(old.revised or "–"), str(new.revised or "–")),
        ("Fastställd", str(old.adopted or "–"), str(new.adopted or "–")),
    ):
        if a != b:
            changes.append(Change(META, "", f"{label}: {a} → {b}", a, b))
    pairs = match_items(old, new)
    result.pairs = pairs
    matched_new = set(pairs.values())
    moved_order = _out_of_order(old, new, pairs)
    for step in old.steps:
        if step.id not in pairs:
            changes.append(
                Change(REMOVED, step.id, f"Borttagen: {step.id} ”{_short(step.text)}”", old=step.text)
            )
    for step in new.steps:
        if step.id not in matched_new:
            where = _section_title(new, step)
            text = f"Tillagd: {step.id} ”{_short(step.text)}”"
            if where:
                text += f" under ”{_short(where, 60)}”"
            condition = _condition(new, step)
            if condition:
                text += f"; gäller när {condition}"
            changes.append(Change(ADDED, step.id, text, new=step.text))
    for old_id, new_id in pairs.items():
        old_step, new_step = old.step(old_id), new.step(new_id)
        assert old_step is not None and new_step is not None
        changes.extend(_item_changes(old, new, old_step, new_step, new_id in moved_order))
    changes.extend(_contact_changes(old, new))
    return result


def _item_changes(old: Routine, new: Routine, a: Step, b: Step, out_of_order: bool) -> list[Change]:
    found: list[Change] = []
    name = b.id if a.id == b.id else f"{a.id} (nu {b.id})"
    if _norm(a.text) != _norm(b.text):
        found.append(
            Change(REWORDED, b.id, f"Omformulerad: {name}", a.text, b.text, word_diff(a.text, b.text))
        )
    elif a.id != b.id:
        found.append(Change(REWORDED, b.id, f"Nytt id: {a.id} heter nu {b.id}", a.id, b.id))
    old_section, new_section = _section_title(old, a), _section_title(new, b)
    if _norm(old_section) != _norm(new_section):
        found.append(
            Change(
                MOVED,
                b.id,
                f"Flyttad: {name} från ”{_short(old_section, 60)}” till ”{_short(new_section, 60)}”",
                old_section,
                new_section,
            )
        )
    elif out_of_order:
        found.append(Change(MOVED, b.id, f"Flyttad: {name} står nu i en annan ordning i avsnittet"))
    was, now = _condition(old, a), _condition(new, b)
    if was != now:
        text = (
            f"Villkor: {name} gällde {'när ' + was if was else 'alltid'}, "
            f"gäller nu {'när ' + now if now else 'alltid'}"
        )
        found.append(Change(CONDITION, b.id, text, was, now))
    was, now = _deadline(old, a), _deadline(new, b)
    if was != now:
        text = f"Tidsfrist: {name} hade {was or 'ingen tidsfrist'}, har nu {now or 'ingen tidsfrist'}"
        found.append(Change(DEADLINE, b.id, text, was, now))
    was_contacts, now_contacts = _contact_names(old, a), _contact_names(new, b)
    if was_contacts != now_contacts:
        text = (
            f"Kontakter: {name} hänvisade till {', '.join(was_contacts) or 'ingen kontakt'}, "
            f"hänvisar nu till {', '.join(now_contacts) or 'ingen kontakt'}"
        )
        found.append(Change(CONTACTS, b.id, text, ", ".join(was_contacts), ", ".join(now_contacts)))
    if a.kind != b.kind:
        was, now = ITEM_KIND_LABELS.get(a.kind, a.kind), ITEM_KIND_LABELS.get(b.kind, b.kind)
        found.append(Change(KIND, b.id, f"Typ: {name} var {was.lower()}, är nu {now.lower()}", was, now))
    if a.role != b.role:
        was_role, now_role = old.role(a.role), new.role(b.role)
        was = was_role.name if was_role else a.role
        now = now_role.name if now_role else b.role
        found.append(Change(ROLE, b.id, f"Roll: {name} utfördes av {was}, nu av {now}", was, now))
    return found


def _contact_changes(old: Routine, new: Routine) -> list[Change]:
    found: list[Change] = []
    for contact in old.contacts:
        if new.contact(contact.id) is None:
            found.append(Change(CONTACT, contact.id, f"Kontakt borttagen: {contact.name}"))
    for contact in new.contacts:
        before = old.contact(contact.id)
        if before is None:
            numbers = " / ".join(contact.phones)
            found.append(
                Change(
                    CONTACT,
                    contact.id,
                    f"Kontakt tillagd: {contact.name}" + (f", tel {numbers}" if numbers else ""),
                )
            )
            continue
        if before.name != contact.name:
            found.append(
                Change(
                    CONTACT,
                    contact.id,
                    f"Kontakt {before.name} heter nu {contact.name}",
                    before.name,
                    contact.name,
                )
            )
        for label, a, b in (("telefon", before.phones, contact.phones), ("fax", before.fax, contact.fax)):
            if tuple(a) != tuple(b):
                was, now = " / ".join(a) or "inget", " / ".join(b) or "inget"
                found.append(Change(CONTACT, contact.id, f"{contact.name}: {label} {was} → {now}", was, now))
        was_hours, now_hours = _hours(before), _hours(contact)
        if was_hours != now_hours:
            was, now = "; ".join(was_hours), "; ".join(now_hours)
            found.append(
                Change(
                    CONTACT,
                    contact.id,
                    f"{contact.name}: telefontider ändrade, från {was} till {now}",
                    was,
                    now,
                )
            )
        if (before.fallback or "") != (contact.fallback or ""):
            found.append(
                Change(
                    CONTACT,
                    contact.id,
                    f"{contact.name}: reservkontakt "
                    f"{before.fallback or 'ingen'} → {contact.fallback or 'ingen'}",
                )
            )
    return found


# -- what a resumed walk says -------------------------------------------------------------

CHANGED_SINCE_START = "Rutinen har ändrats sedan genomgången började"


def changes_for_walk(old: Routine | None, new: Routine, step_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Swedish lines on what changed in the items of a walk, for the resume dialog.

    ``step_ids`` are the walk's items (ticked or planned). The step log stores only the
    routine's content hash, so ``old`` is often None: then the lines say the routine
    changed and which of the walk's items no longer exist.
    """
    if old is not None and old.content_hash and old.content_hash == new.content_hash:
        return []
    lines = [
        CHANGED_SINCE_START
        + (
            f" (version {old.version} → {new.version})."
            if old is not None and old.version != new.version
            else "."
        )
    ]
    if old is None:
        gone = [step_id for step_id in step_ids if new.step(step_id) is None]
        if gone:
            lines.append("Finns inte längre i rutinen: " + ", ".join(gone) + ".")
        return lines
    comparison = compare_routines(old, new)
    wanted = set(step_ids)
    mapped = {comparison.pairs.get(step_id, "") for step_id in wanted} | wanted
    for change in comparison.changes:
        removed = change.kind == REMOVED and change.subject in wanted
        changed = change.kind not in (ADDED, CONTACT, META, REMOVED) and change.subject in mapped
        if removed or changed:
            lines.append(change.text)
    if len(lines) == 1:
        lines.append("Genomgångens punkter är oförändrade.")
    return lines


# -- output ---------------------------------------------------------------------------------

_HEADINGS = (
    (META, "Rutinens uppgifter"),
    (ADDED, "Tillagda punkter"),
    (REMOVED, "Borttagna punkter"),
    (REWORDED, "Omformulerade punkter"),
    (MOVED, "Flyttade punkter"),
    (CONDITION, "Ändrade villkor"),
    (DEADLINE, "Ändrade tidsfrister"),
    (CONTACTS, "Ändrade kontakter vid punkterna"),
    (KIND, "Ändrad typ"),
    (ROLE, "Ändrad roll"),
    (CONTACT, "Kontakter, telefonnummer och telefontider"),
)


def _title(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    return f"Jämförelse av {new.id}: version {old.version} ({old.path or 'äldre'}) → version {new.version}"


def comparison_text(comparison: Comparison) -> str:
    lines = [_title(comparison), ""]
    if comparison.unchanged:
        return "\n".join([*lines, "Inga skillnader i punkter, villkor, tidsfrister eller kontakter."]) + "\n"
    for kind, heading in _HEADINGS:
        entries = [c for c in comparison.changes if c.kind == kind]
        if not entries:
            continue
        lines += [heading, "-" * len(heading)]
        for change in entries:
            lines.append(f"- {change.text}")
            if change.diff:
                lines.append(f"    {change.diff}")
        lines.append("")
    lines.append(f"{len(comparison.changes)} skillnader.")
    return "\n".join(lines) + "\n"


def comparison_markdown(comparison: Comparison) -> str:
    lines = [f"# {_title(comparison)}", ""]
    if comparison.unchanged:
        return "\n".join([*lines, "Inga skillnader i punkter, villkor, tidsfrister eller kontakter."]) + "\n"
    for kind, heading in _HEADINGS:
        entries = [c for c in comparison.changes if c.kind == kind]
        if not entries:
            continue
        lines += [f"## {heading}", ""]
        for change in entries:
            lines.append(f"- {change.text}")
            if change.diff:
                diff = (
                    change.diff.replace("[-", "~~")
                    .replace("-]", "~~")
                    .replace("{+", "**")
                    .replace("+}", "**")
                )
                lines.append(f"  - {diff}")
        lines.append("")
    return "\n".join(lines)
