"""Commands for the unit managers who keep routines alive: `granska`, `jämför`, `utkast`.

samverkan granska ID                          the yearly review, interactively
samverkan granska ID --allt-gäller            confirm everything unchanged
samverkan granska ID --svar-fil svar.json     answers from a file
samverkan jämför A [B]                        what changed between two versions
samverkan utkast KÄLLA.txt -o rutin.toml      a first draft from a source text
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_tui.cli.app import app, command, examples
from samverkan_tui.cli.common import (
    EXIT_FAILURE,
    STATE,
    NowOption,
    complete_routine,
    fail,
    json_text,
    output_failed,
    print_as,
    read_input_file,
    write_output_file,
)
from samverkan_tui.core.base.swedish import count_text

if TYPE_CHECKING:
    from samverkan_tui.core.base.config import Config
    from samverkan_tui.core.manage.review_walk import Review, ReviewItem
    from samverkan_tui.core.routine.model import Routine


class ProtocolFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


_SUFFIX_FORMATS = {".pdf": "pdf", ".md": "md", ".txt": "text", ".json": "json", ".html": "html"}


def _routine_and_path(ref: str) -> tuple[Routine, Path]:
    """A routine by id (from the catalog) or by file path; one Swedish line if neither."""
    from samverkan_tui.core.routine.loader import load_routine

    candidate = Path(ref)
    if ref.endswith(".toml") or candidate.is_file():
        if not candidate.is_file():
            fail(f"filen {ref} finns inte")
        result = load_routine(candidate)
        if result.routine is None:
            fail(
                f"{ref} kan inte läsas: {result.problems[0]}" if result.problems else f"{ref} kan inte läsas"
            )
        return result.routine, candidate
    routine = STATE.routine(ref)
    return routine, STATE.catalog().entries[routine.id].path


def _say(text: str = "") -> None:
    sys.stderr.write(text + "\n")


def _say_wrapped(label: str, text: str) -> None:
    """ "Text:     …" wrapped to the terminal, continuation lines under the text."""
    import shutil
    import textwrap

    width = max(40, shutil.get_terminal_size((80, 24)).columns - 1)
    lead = f"{label:<10}" if label else ""
    _say(
        textwrap.fill(
            text,
            width,
            initial_indent=lead,
            subsequent_indent=" " * len(lead),
            break_on_hyphens=False,
            break_long_words=False,
        )
        or lead.rstrip()
    )


def _ask(prompt: str) -> str | None:
    """One line from the user (prompts go to stderr, so stdout stays the protocol); None at EOF."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    return line.rstrip("\n").strip()


# -- granska ---------------------------------------------------------------------------


@command(
    app,
    "granska",
    short_help="Årlig granskning av en rutin, punkt för punkt.",
    epilog=examples(
        "samverkan granska rvt-bou                       gå igenom rutinen punkt för punkt",
        "samverkan granska rvt-bou --allt-gäller -o protokoll.pdf",
        after='Svarsfil (JSON): {"punkter": {"ID": "gäller" | "tas bort" | {"ändras": "ny text"}}, '
        '"kontakter": {"ID": "stämmer" | {"telefon": "nytt nummer", "tider": "nya tider"}}, '
        '"saknas": "", "övriga": "gäller"}',
    ),
)
def granska(
    routine_ref: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Rutinens id (se samverkan lista) eller en rutinfil.",
            show_default=False,
            autocompletion=complete_routine,
        ),
    ],
    svar_fil: Annotated[
        Path | None,
        typer.Option(
            "--svar-fil", metavar="FIL", help="Svaren från en JSON-fil i stället för frågor i terminalen."
        ),
    ] = None,
    allt_galler: Annotated[
        bool,
        typer.Option(
            "--allt-gäller",
            "--allt-galler",
            help="Allt som inte besvarats gäller oförändrat: punkter, kontakter, inget saknas.",
        ),
    ] = False,
    format: Annotated[
        ProtocolFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="Protokollet som text, md eller json."),
    ] = ProtocolFormat.text,
    ut: Annotated[
        Path | None,
        typer.Option(
            "--ut",
            "-o",
            metavar="FIL",
            help="Skriv protokollet till filen; .pdf ger PDF, .md Markdown; - skriver till terminalen.",
        ),
    ] = None,
    ny_version: Annotated[
        str | None,
        typer.Option(
            "--ny-version", metavar="VERSION", help="Sätt versionen när rutinen bekräftas oförändrad."
        ),
    ] = None,
    hoj_version: Annotated[
        bool, typer.Option("--höj-version", "--hoj-version", help="Höj versionens sista siffra (2.0 → 2.1).")
    ] = False,
    inte_revidera: Annotated[
        bool, typer.Option("--inte-revidera", help="Ändra inte rutinfilens revideringsdatum.")
    ] = False,
    borja_om: Annotated[
        bool,
        typer.Option("--börja-om", "--borja-om", help="Släng en sparad, påbörjad granskning och börja om."),
    ] = False,
    interaktiv: Annotated[
        bool | None,
        typer.Option(
            "--interaktiv/--inte-interaktiv",
            help="Fråga i terminalen (standard när den är en terminal).",
            show_default=False,
        ),
    ] = None,
    now: NowOption = None,
) -> None:
    """Granska rutinen inför den årliga revideringen: punkt för punkt, med källans mening."""
    from samverkan_tui.core.manage import review_walk as rw

    routine, path = _routine_and_path(routine_ref)
    moment = STATE.now(now)
    config = STATE.config()
    if borja_om:
        rw.discard_review(routine.id, config)
    try:
        review = rw.load_saved_review(routine, config) or rw.start_review(routine, moment)
    except rw.ReviewError as error:
        fail(str(error))
    for notice in review.notices:
        _say(f"samverkan: {notice}")
    if svar_fil is not None:
        text = read_input_file(svar_fil)  # a regular file of sane size, else one Swedish line
        try:
            data = json.loads(text)
        except ValueError as error:
            fail(f"svarsfilen {svar_fil} kan inte läsas som JSON: {error}")
        try:
            rw.apply_answers(review, routine, data)
        except rw.ReviewError as error:
            fail(f"{svar_fil}: {error}")
    if allt_galler:
        review.confirm_rest(routine)
    if interaktiv is None:
        interaktiv = svar_fil is None and not allt_galler and sys.stdin.isatty()
    if not review.complete(routine) and svar_fil is None and not allt_galler and not interaktiv:
        fail("ange --svar-fil eller --allt-gäller, eller kör i en terminal för att svara på frågorna")
    if interaktiv and not review.complete(routine):
        items = rw.review_items(routine, rw.routine_source(routine, routine_file=path.resolve()))
        if not _interactive(review, routine, items, config):
            _save(review, config)
            _say_wrapped("", f"Granskningen är sparad. Fortsätt med: samverkan granska {routine.id}")
            return
    if not review.complete(routine):
        _save(review, config)
        _say(
            f"samverkan: {len(review.pending_items(routine))} punkter och "
            f"{len(review.pending_contacts(routine))} kontakter är inte granskade; granskningen är "
            f"sparad (fortsätt med samverkan granska {routine.id})"
        )
        note = ""
    else:
        review.finished_at = moment
        note, routine = _revise(
            review, routine, path, moment, ny_version, hoj_version, inte_revidera, interaktiv
        )
        rw.discard_review(routine.id, config)
    _output(routine, review, moment, note, format, ut)


def _save(review: Review, config: Config) -> None:
    from samverkan_tui.core.manage.review_walk import save_review

    try:
        save_review(review, config)
    except OSError as error:
        _say(f"samverkan: varning: granskningen kunde inte sparas: {error.strerror or error}")


def _interactive(review: Review, routine: Routine, items: list[ReviewItem], config: Config) -> bool:
    """Ask for every unanswered item, contact and "något saknas?"; False when paused."""
    from samverkan_tui.core.manage import review_walk as rw
    from samverkan_tui.core.walk.hours_text import weekly_hours_lines

    total = len(items)
    _say_wrapped("", f"Granskning av {routine.title}, version {routine.version}")
    _say_wrapped("", "Svara g (gäller), ä (ändras), t (tas bort); p sparar och avbryter.")
    for item in items:
        if item.step.id in review.items:
            continue
        _say()
        _say(f"— {item.reference} · punkt {item.number} av {total} ({item.step.id}) —")
        _say_wrapped("Avsnitt:", item.section or "(inget avsnitt)")
        _say_wrapped("Text:", item.step.text)
        _say_wrapped("Villkor:", item.condition)
        if item.deadline:
            _say_wrapped("Frist:", item.deadline)
        for line in item.contacts:
            _say_wrapped("Kontakt:", line)
        where = f" (rad {item.source_line})" if item.source_line else ""
        _say_wrapped("", f"Källan{where}: {item.source}")
        while True:
            answer = _ask("Gäller punkten? [g/ä/t/p]: ")
            if answer is None or answer.lower() in ("p", "paus"):
                return False
            key = answer.lower()[:1]
            try:
                if key == "g":
                    review.mark_item(routine, item.step.id, rw.ITEM_OK)
                elif key in ("ä", "a"):
                    change = _ask("Vad ska ändras? ")
                    if change is None:
                        return False
                    review.mark_item(routine, item.step.id, rw.ITEM_CHANGE, change)
                elif key == "t":
                    review.mark_item(routine, item.step.id, rw.ITEM_REMOVE)
                else:
                    _say("Svara g, ä, t eller p.")
                    continue
            except rw.ReviewError as error:
                _say(str(error))
                continue
            break
        _save(review, config)
    for contact in routine.contacts:
        if contact.id in review.contacts:
            continue
        _say()
        _say_wrapped("", f"— Kontakt: {contact.name} —")
        _say_wrapped(
            "Nummer:",
            f"{' / '.join(contact.phones) or 'inget angivet'}"
            + (f", fax {' / '.join(contact.fax)}" if contact.fax else ""),
        )
        _say_wrapped("Tider:", "; ".join(weekly_hours_lines(contact)))
        answer = _ask("Stämmer nummer och telefontider? [s = stämmer / ä = ändras / p]: ")
        if answer is None or answer.lower().startswith("p"):
            return False
        if answer.lower().startswith(("ä", "a")):
            phones = _ask("Nytt nummer (Enter: oförändrat): ")
            hours = _ask("Nya telefontider (Enter: oförändrade): ")
            if phones is None or hours is None:
                return False
            if phones or hours:
                review.mark_contact(routine, contact.id, rw.CONTACT_CHANGE, phones, hours)
            else:
                review.mark_contact(routine, contact.id, rw.CONTACT_OK)
        else:
            review.mark_contact(routine, contact.id, rw.CONTACT_OK)
        _save(review, config)
    if review.missing is None:
        _say()
        answer = _ask("Något saknas i rutinen? (Enter: inget saknas): ")
        if answer is None:
            return False
        review.set_missing(answer, routine)
        _save(review, config)
    return True


def _revise(
    review: Review,
    routine: Routine,
    path: Path,
    moment: dt.datetime,
    ny_version: str | None,
    hoj_version: bool,
    inte_revidera: bool,
    interaktiv: bool,
) -> tuple[str, Routine]:
    """Update the file's ``revised`` when the review confirms the routine unchanged; the
    note for the protocol and the routine as its file now reads."""
    from samverkan_tui.core.manage.revise import (
        ReviseError,
        ensure_user_routine_dir,
        is_builtin,
        mark_revised,
        revised_routine,
    )
    from samverkan_tui.core.manage.revise import next_version as bump

    if not review.unchanged(routine):
        return "inte ändrad: granskningen kräver en revidering", routine
    if inte_revidera:
        return "inte ändrad (--inte-revidera)", routine
    today = moment.date()
    version = ny_version or (bump(routine.version) if hoj_version else None)
    if interaktiv and version is None:
        answer = _ask(f"Höj versionen ({routine.version} → {bump(routine.version)})? [j/N]: ")
        if answer and answer.lower().startswith(("j", "y")):
            version = bump(routine.version)
    user_dir = None
    if is_builtin(path):
        try:
            user_dir, created = ensure_user_routine_dir(STATE.routine_dirs, STATE.config())
        except ReviseError as error:
            fail(str(error), EXIT_FAILURE)
        if created:
            _say(created)
    try:
        revision = mark_revised(path, today, version, user_dir)
    except ReviseError as error:
        fail(str(error), EXIT_FAILURE)
    note = f"revised = {today.isoformat()}"
    if version:
        note += f", version {revision.old_version} → {version}"
    if revision.copied_from is not None:
        _say(
            f"{routine.id} är en inbyggd rutin: kopierade den till {revision.path} och ändrade kopian; "
            "kopian gäller från nu."
        )
        note += f" i kopian {revision.path}"
    else:
        note += f" i {revision.path}"
    _say(f"Rutinen bekräftades oförändrad: {note}.")
    return note, revised_routine(revision, routine)


def _output(
    routine: Routine, review: Review, moment: dt.datetime, note: str, format: ProtocolFormat, ut: Path | None
) -> None:
    from samverkan_tui.export import render
    from samverkan_tui.export.data import review_dict
    from samverkan_tui.export.review_protocol import document_for_review

    if ut is not None and str(ut) == "-":
        ut = None  # -o -: standard output, as everywhere
    kind = _SUFFIX_FORMATS.get(ut.suffix.lower(), format.value) if ut is not None else format.value
    data: str | bytes
    if kind == "json":
        data = json_text(review_dict(routine, review, moment, note))
    else:
        data = render(document_for_review(routine, review, moment, note), kind)
    if ut is None:
        sys.stdout.write(data if isinstance(data, str) else "")
        return
    try:
        folder = ut.is_dir()
    except OSError as error:  # a path too long for the OS: the -o error every command gives
        output_failed(ut, error)
    target = (
        ut / f"{routine.id}-granskning-{moment.date().isoformat()}{ut.suffix or '.txt'}" if folder else ut
    )
    write_output_file(target, data)  # the one -o writer: the same error in every command
    _say(f"Skrev {target.resolve()}")


# -- jämför ------------------------------------------------------------------------------

_COMPARE_EPILOG = examples(
    "samverkan jämför gammal.toml ny.toml            två versioner av en rutin",
    "samverkan jämför rutin.toml                     mot den inbyggda rutinen med samma id",
    "samverkan jämför rvt-bou ny/rvt-bou.toml --format md",
)

_COMPARE_HELP = "Jämför två versioner av en rutin: punkter, villkor, tidsfrister och kontakter."


def _compare(first: str, second: str | None, format: ProtocolFormat) -> None:
    from samverkan_tui.core.manage.compare import compare_routines, comparison_markdown, comparison_text
    from samverkan_tui.core.routine.catalog import builtin_dir
    from samverkan_tui.core.routine.loader import load_routine

    new, _ = _routine_and_path(second if second is not None else first)
    if second is not None:
        old, _ = _routine_and_path(first)
    else:
        shipped = builtin_dir() / f"{new.id}.toml"
        result = load_routine(shipped) if shipped.is_file() else None
        if result is None or result.routine is None:
            fail(f"det finns ingen inbyggd rutin med id `{new.id}` att jämföra med; ange två filer")
        old = result.routine
    if old.id != new.id:
        _say(f"samverkan: obs: rutinerna har olika id ({old.id}, {new.id})")
    comparison = compare_routines(old, new)
    from samverkan_tui.export.data import comparison_dict

    print_as(format, comparison, as_json=comparison_dict, as_md=comparison_markdown, as_text=comparison_text)


@command(
    app,
    "jämför",
    "jamfor",
    help=_COMPARE_HELP,
    short_help="Jämför två versioner av en rutin.",
    epilog=_COMPARE_EPILOG,
)
def jamfor(
    first: Annotated[
        str,
        typer.Argument(
            metavar="A",
            help="Den äldre versionen: en rutinfil eller ett id. Ensam: filen jämförs med "
            "den inbyggda rutinen.",
            show_default=False,
        ),
    ],
    second: Annotated[
        str | None,
        typer.Argument(
            metavar="[B]", help="Den nyare versionen: en rutinfil eller ett id.", show_default=False
        ),
    ] = None,
    format: Annotated[
        ProtocolFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text, md eller json.")
    ] = ProtocolFormat.text,
) -> None:
    _compare(first, second, format)


# -- utkast ------------------------------------------------------------------------------


class DraftFormat(StrEnum):
    toml = "toml"
    json = "json"
    text = "text"
    md = "md"


@command(
    app,
    "utkast",
    short_help="Ett första utkast till en rutinfil ur en text.",
    epilog=examples(
        "samverkan utkast rutin.txt -o rutin.toml               utkastet, spårbarheten till stderr",
        "samverkan utkast rutin.txt -o rutin.toml --rapport spårbarhet.txt",
        after="Källan kan vara text (.txt, .md), Word (.docx: rubriker och numrerade listor ur "
        "formatmallarna) eller PDF; .docx och .pdf kräver tillägget utkast med python-docx och "
        "pypdf (se samverkan format). Kör sedan samverkan kontrollera rutin.toml: den visar varje "
        "TODO med sin rad.",
    ),
)
def utkast(
    kalla: Annotated[
        Path,
        typer.Argument(
            metavar="KÄLLA",
            help="Rutinens källa: .txt, .md, .docx eller .pdf.",
            show_default=False,
        ),
    ],
    ut: Annotated[
        Path | None,
        typer.Option(
            "--ut", "-o", metavar="FIL", help="Skriv utkastet (TOML) hit. Utan, eller med -: till terminalen."
        ),
    ] = None,
    rapport: Annotated[
        Path | None,
        typer.Option(
            "--rapport",
            metavar="FIL",
            help="Skriv spårbarheten (var varje mening hamnade) hit. Utan: till stderr.",
        ),
    ] = None,
    rutin_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Rutinens id; standard: filnamnet.")
    ] = None,
    format: Annotated[
        DraftFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="toml eller json (utkastet), text eller md (bara spårbarheten).",
        ),
    ] = DraftFormat.toml,
) -> None:
    """Skriv ett första utkast till en rutinfil från en rutins text, med TODO där någon måste bestämma."""
    from samverkan_tui.core.base.input_files import InputFileError, read_input_bytes
    from samverkan_tui.core.manage.draft import (
        build_draft,
        draft_record,
        draft_toml,
        slug,
        traceability_markdown,
        traceability_report,
    )

    try:
        if kalla.suffix.lower() in (".docx", ".pdf"):
            from samverkan_tui.core.manage.draft_sources import SourceError, document_text

            try:
                source = document_text(kalla)
            except SourceError as error:
                fail(str(error))
        elif kalla.suffix.lower() in (".doc", ".odt", ".rtf"):
            fail(f"{kalla.name}: spara dokumentet som .docx eller PDF (eller som oformaterad text) först")
        else:
            source = read_input_bytes(kalla).decode("utf-8")  # a regular file of sane size
    except InputFileError as error:
        fail(error.describe(f"källan {kalla}"), error.exit_code)
    except UnicodeDecodeError:
        fail(f"{kalla} är inte UTF-8: spara texten som UTF-8 (Oformaterad text, UTF-8)")
    except OSError as error:
        fail(f"kan inte läsa {kalla}: {error.strerror or error}")
    if not source.strip():
        fail(f"{kalla} är tom")
    routine_id = rutin_id or slug(kalla.stem, 8)
    if rutin_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", rutin_id):
        fail(f"--id {rutin_id!r}: använd små bokstäver, siffror, - och _")
    draft = build_draft(source, kalla.name, routine_id)
    report = traceability_report(draft)
    if format is DraftFormat.json:
        data: str = json_text(draft_record(draft))
    elif format is DraftFormat.text:
        data = report
    elif format is DraftFormat.md:
        data = traceability_markdown(draft)
    else:
        data = draft_toml(draft)
    if ut is None or str(ut) == "-":
        sys.stdout.write(data)
    else:
        write_output_file(ut, data)  # the one -o writer: the same error in every command
        counts = ", ".join(
            count_text(len(things), one, many)
            for things, one, many in (
                (draft.sections, "avsnitt", "avsnitt"),
                (draft.items, "punkt", "punkter"),
                (draft.questions, "fråga", "frågor"),
                (draft.contacts, "kontakt", "kontakter"),
                (draft.unplaced, "rad", "rader"),
            )
        )
        _say(f"Skrev {ut.resolve()}: {counts} ej placerade (kommentarer sist i filen).")
    if format not in (DraftFormat.text, DraftFormat.md):
        if rapport is not None:
            write_output_file(rapport, report)
        else:
            sys.stderr.write(report)
