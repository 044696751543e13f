"""Every command's `--format json` validates against the schema `samverkan schema --utdata` publishes.

Runs every command that offers JSON, on the shipped routines and a small step log made here,
and validates the output with jsonschema. The commands offering `--format json` are found in
the Typer/Click app itself, so a new JSON command without a schema (or without a run here)
fails. The schemas are closed objects with every key required, and a few deliberate bugs
below show that they catch one.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, DONE, NOT_APPLICABLE
from samverkan_tui.export.output_schemas import OUTPUTS, all_output_schemas, def_name, output_schema
from samverkan_tui.steplog.store import StepLog
from tests.conftest import CHECKLISTS, SOURCES, run_cli, shipped
from tests.steplog.helpers import START, at

ROUTINE_IDS = sorted(p.stem for p in CHECKLISTS.glob("*.toml"))
NOW = ("--now", "2026-11-23T10:00")
# A plan whose items have contacts, one of them with a fallback.
PLAN = (
    "visa",
    "botkyrka-forskola-skola",
    "-s",
    "verksamhet=forskola",
    "-s",
    "skede=anmalan",
    "-s",
    "akut=ja",
)


def validator(command: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(output_schema(command))


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run_cli(capsys, *args)
    assert code == 0, (args, err)
    return json.loads(out)


def assert_valid(command: str, data: Any) -> None:
    errors = sorted(validator(command).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


# -- the commands that offer JSON, from the app ---------------------------------------------


def choices(param: Any) -> list[str]:
    """A parameter's allowed values: Click's Choice (older Typer), else the enum it is typed with."""
    kind = getattr(param, "type", None)
    if hasattr(kind, "choices"):
        return [str(c) for c in kind.choices]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    return []


def json_commands() -> set[str]:
    """Every visible command (and subcommand) whose --format accepts json."""
    import typer.main

    from samverkan_tui.cli.app import app
    from samverkan_tui.cli.commands import load_commands

    load_commands()  # every command module registers itself

    def walk(command: Any, path: tuple[str, ...]) -> Iterator[str]:
        if hasattr(command, "commands"):  # a group (Typer may carry its own copy of Click)
            for name, sub in command.commands.items():
                if not sub.hidden:  # aliases are hidden; their primary is listed
                    yield from walk(sub, (*path, name))
            return
        for param in command.params:
            if "--format" in getattr(param, "opts", ()) and "json" in choices(param):
                yield " ".join(path)

    return set(walk(typer.main.get_command(app), ()))


def test_every_command_offering_json_has_a_schema_and_nothing_else_has_one() -> None:
    found = json_commands()
    assert {"lista", "visa", "logg visa", "öva"} <= found  # the discovery itself works
    assert found == set(OUTPUTS)


def test_the_schemas_are_valid_draft_2020_12() -> None:
    # The whole document holds every command's schema and the shared parts under $defs, so
    # checking it checks each of them (check_schema takes half a second a document); each
    # command's own document is those same parts with a title.
    whole = all_output_schemas()
    jsonschema.Draft202012Validator.check_schema(whole)
    for command in OUTPUTS:
        own = output_schema(command)
        assert own["$schema"] == whole["$schema"] and isinstance(own["title"], str)
        assert {k: v for k, v in own.items() if k not in ("$schema", "title", "$defs")} == OUTPUTS[command]
        assert all(whole["$defs"][name] == part for name, part in own["$defs"].items()), command
        assert whole["$defs"][def_name(command)] == OUTPUTS[command]


# -- fixtures: a step log, files for the commands that read files ----------------------------


def store(*walks: WalkSession) -> None:
    with StepLog.open(retention_days=100_000) as log:
        log.store_walks(walks)


@pytest.fixture
def step_log() -> dict[str, str]:
    """Walks in the isolated data folder: a full one, a finished one, one whose routine is gone."""
    rvt = shipped("rvt-bou")
    walk = WalkSession(rvt, START, "ärende")
    walk.answer("inkom", "rvt", at(1))
    walk.answer("akut", "ja", at(2))
    walk.set_step("rvt-in-rvt-akut-1", DONE, at(10))
    walk.set_step("rvt-in-rvt-akut-2", DEVIATION, at(20), "kontakt_ej_nadd", "Ringde 070-123 45 67")
    walk.use_contact("rvt-beredskap", at(21))
    finished = WalkSession(rvt, START, "ärende")
    finished.answer("inkom", "bou", at(1))
    finished.answer("akut", "nej", at(2))
    steps = [p.id for p in finished.plan(at(3)).steps if p.step.checkable]
    finished.set_step(steps[0], DONE, at(4))
    finished.set_step(steps[1], NOT_APPLICABLE, at(5))
    finished.finish(at(30))
    gone = WalkSession(rvt._replace(id="borttagen-rutin"), START, "ärende")
    gone.answer("inkom", "rvt", at(1))
    gone.set_step("rvt-in-rvt-akut-1", DEVIATION, at(3), "tidsfrist")
    gone.use_contact("rvt-beredskap", at(4))
    store(walk, finished, gone)
    return {"walk": walk.id, "finished": finished.id, "gone": gone.id}


# -- each command, validated -----------------------------------------------------------------


def test_lista(capsys) -> None:
    rows = run_json(capsys, "lista", "--format", "json")
    assert [r["id"] for r in rows] and all(r["origin"] == "inbyggd" for r in rows)
    assert_valid("lista", rows)


@pytest.mark.parametrize("routine_id", ROUTINE_IDS)
def test_visa_questions_and_every_exercise_plan(capsys, routine_id: str) -> None:
    assert_valid("visa", run_json(capsys, "visa", routine_id, "--format", "json", *NOW))
    routine = shipped(routine_id)
    for exercise in routine.exercises:
        answers = [f"--svar={a.question}={a.answer}" for a in exercise.answers]
        data = run_json(capsys, "visa", routine_id, *answers, "--format", "json", *NOW)
        assert data["plan"], exercise.id
        assert_valid("visa", data)


def test_visa_plan_with_contacts_and_a_role(capsys) -> None:
    data = run_json(capsys, *PLAN, "--format", "json", *NOW)
    assert any(c["fallback"] for item in data["plan"] for c in item["contacts"])
    assert_valid("visa", data)
    data = run_json(
        capsys, *PLAN, "--inkom", "2026-11-20T09:00", "--roll", "forskola-skola", "-f", "json", *NOW
    )
    assert_valid("visa", data)


@pytest.mark.parametrize(
    "now", ["2026-11-23T10:00", "2026-11-23T12:30", "2026-12-25T10:00", "2026-11-28T03:00"]
)
def test_kontakter(capsys, now: str) -> None:
    rows = run_json(capsys, "kontakter", "--format", "json", "--now", now)
    assert rows and any(r["fallback"] for r in rows)
    assert_valid("kontakter", rows)


def test_kontrollera_good_and_bad_files(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "trasig.toml"
    bad.write_text('id = "trasig"\ntitle = 3\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "kontrollera", str(CHECKLISTS), str(bad), "--format", "json")
    assert code == 1, err
    reports = json.loads(out)
    assert {r["ok"] for r in reports} == {True, False} and any(r["routine"] is None for r in reports)
    assert_valid("kontrollera", reports)


def test_logg_lista_visa_exportera(capsys, step_log: dict[str, str]) -> None:
    rows = run_json(capsys, "logg", "lista", "--format", "json")
    assert len(rows) == 3
    assert_valid("logg lista", rows)
    for walk_id in step_log.values():
        data = run_json(capsys, "logg", "visa", walk_id, "--format", "json", *NOW)
        assert data["id"] == walk_id and data["steps"]
        assert_valid("logg visa", data)
        exported = run_json(capsys, "logg", "exportera", walk_id, "--format", "json", "-o", "-", *NOW)
        assert exported == data
        assert_valid("logg exportera", exported)


def test_logg_statistik_and_statistik_sla_ihop(capsys, step_log: dict[str, str], tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    code, _, err = run_cli(capsys, "logg", "statistik", "-f", "json", "--tröskel", "2", "-o", str(first))
    assert code == 0, err
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["routines"]
    assert_valid("logg statistik", data)
    # Another desk's file (other ids, another step log): the merge is a file of the same format.
    second = tmp_path / "b.json"
    coverage = [dict(span, desk="0" * 32) for span in data["coverage"]]
    other = dict(data, ids=["annan-plats"], coverage=coverage)
    second.write_text(json.dumps(other), encoding="utf-8")
    merged = run_json(
        capsys, "statistik", "slå-ihop", str(first), str(second), "-f", "json", "--tröskel", "2"
    )
    assert merged["sources"] == 2
    assert_valid("statistik slå-ihop", merged)


def test_granska(capsys, tmp_path: Path) -> None:
    answers = tmp_path / "svar.json"
    answers.write_text(
        json.dumps(
            {
                "punkter": {"sikt-bou-3": "tas bort", "sikt-bou-1": {"ändras": "ny text"}},
                "kontakter": {"rvt-beredskap": {"telefon": "08-508 03 311"}},
                "övriga": "gäller",
            }
        ),
        encoding="utf-8",
    )
    data = run_json(capsys, "granska", "rvt-bou", "--svar-fil", str(answers), "--format", "json", *NOW)
    assert data["complete"] and data["remove"] and data["change"][0]["change"]
    assert_valid("granska", data)


def test_jamfor(capsys, tmp_path: Path) -> None:
    original = (CHECKLISTS / "rvt-bou.toml").read_text(encoding="utf-8")
    changed = tmp_path / "rvt-bou.toml"
    changed.write_text(
        original.replace('version = "2.0"', 'version = "2.1"').replace("akut", "brådskande", 3)
    )
    data = run_json(capsys, "jämför", str(CHECKLISTS / "rvt-bou.toml"), str(changed), "--format", "json")
    assert data["changes"] and not data["unchanged"]
    assert_valid("jämför", data)
    same = run_json(capsys, "jamfor", "rvt-bou", "rvt-bou", "--format", "json")
    assert same["unchanged"]
    assert_valid("jämför", same)


@pytest.mark.parametrize("source", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_utkast(capsys, source: str) -> None:
    code, out, err = run_cli(capsys, "utkast", str(SOURCES / source), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["items"]
    assert_valid("utkast", data)


@pytest.mark.parametrize("routine_id", [r for r in ROUTINE_IDS if shipped(r).exercises])
def test_ova_list_case_grade_and_tour(capsys, routine_id: str) -> None:
    assert_valid("öva", run_json(capsys, "öva", routine_id, "--lista", "--format", "json"))
    assert_valid("öva", run_json(capsys, "öva", "--lista", "--format", "json"))
    for exercise in shipped(routine_id).exercises:
        case = run_json(capsys, "öva", routine_id, "-e", exercise.id, "--format", "json", *NOW)
        assert_valid("öva", case)
        answers = [f"--svar={a.question}={a.answer}" for a in exercise.answers]
        grade = run_json(capsys, "öva", routine_id, "-e", exercise.id, *answers, "--format", "json", *NOW)
        assert grade["perfect"]
        assert_valid("öva", grade)
        # Only the first answer given: the rest are unanswered (value null) and graded so.
        partial = run_json(capsys, "öva", routine_id, "-e", exercise.id, answers[0], "--format", "json", *NOW)
        assert_valid("öva", partial)
    assert_valid("öva", run_json(capsys, "öva", routine_id, "--rundtur", "--format", "json"))


# -- one shape per thing ------------------------------------------------------------------


def objects_under(data: Any, key: str) -> Iterator[Any]:
    """Every value stored under ``key`` anywhere in ``data``."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                yield v
            yield from objects_under(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from objects_under(v, key)


def test_a_contact_an_answer_and_a_routine_reference_have_one_shape(capsys, step_log) -> None:
    with_contacts = run_json(capsys, *PLAN, "-f", "json", *NOW)
    contacts = run_json(capsys, "kontakter", "--rutin", "botkyrka-forskola-skola", "-f", "json", *NOW)
    in_plan = {c["id"]: c for item in with_contacts["plan"] for c in item["contacts"]}
    assert in_plan
    for contact in contacts:
        if contact["id"] in in_plan:
            assert in_plan[contact["id"]] == contact  # the same keys and values at the same moment
    plan = run_json(capsys, "visa", "rvt-bou", "-s", "inkom=rvt", "-s", "akut=ja", "-f", "json", *NOW)
    walk = run_json(capsys, "logg", "visa", step_log["walk"], "-f", "json", *NOW)
    assert [a for a in plan["answers"]] == [a for a in walk["answers"]]
    grade = run_json(
        capsys, "öva", "rvt-bou", "-e", "rvt-akut-fredag-eftermiddag", "-s", "inkom=rvt", "-f", "json"
    )
    routine_refs = [
        r
        for data in (with_contacts, contacts, walk, grade, run_json(capsys, "logg", "lista", "-f", "json"))
        for r in objects_under(data, "routine")
    ]
    assert routine_refs and {tuple(r) for r in routine_refs} == {("id", "title", "version", "content_hash")}
    fallbacks = [f for f in objects_under([with_contacts, contacts, grade], "fallback") if f is not None]
    assert fallbacks and {tuple(f) for f in fallbacks} == {("id", "name")}
    answer_keys = {tuple(a)[:4] for a in [*plan["answers"], *walk["answers"], *grade["answers"]]}
    assert answer_keys == {("question", "text", "value", "label")}


# -- the schemas catch real bugs --------------------------------------------------------------


def first_contact(data: dict) -> dict:
    return next(c for item in data["plan"] for c in item["contacts"])


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: first_contact(d).update(fallback_id="x"), id="extra key on a contact"),
        pytest.param(lambda d: first_contact(d).pop("open_now"), id="contact without open_now"),
        pytest.param(lambda d: first_contact(d).update(fallback="Socialjouren"), id="fallback a name"),
        pytest.param(lambda d: first_contact(d).update(routine="botkyrka"), id="routine as an id"),
        pytest.param(lambda d: d.update(answers={"akut": "ja"}), id="answers as a mapping"),
        pytest.param(lambda d: d["answers"][0].pop("label"), id="answer without label"),
        pytest.param(lambda d: d["plan"][0].update(due="2026-11-23T10:00"), id="due as a time"),
        pytest.param(lambda d: d["plan"][0].update(kind="uppgift"), id="unknown kind"),
        pytest.param(lambda d: d.update(now="2026-11-23T10:00:00"), id="a time without offset"),
        pytest.param(lambda d: d.pop("plan"), id="plan missing with answers given"),
    ],
)
def test_the_visa_schema_rejects_a_broken_shape(capsys, break_it) -> None:
    data = run_json(capsys, *PLAN, "-f", "json", *NOW)
    broken = copy.deepcopy(data)
    break_it(broken)
    assert_valid("visa", data)
    assert not validator("visa").is_valid(broken)


def test_the_walk_schema_rejects_a_step_missing_a_key(capsys, step_log) -> None:
    data = run_json(capsys, "logg", "visa", step_log["walk"], "-f", "json", *NOW)
    broken = copy.deepcopy(data)
    del broken["steps"][-1]["overdue"]
    assert not validator("logg visa").is_valid(broken)


# -- the command ----------------------------------------------------------------------------


def test_schema_utdata_prints_one_command_or_all(capsys) -> None:
    whole = run_json(capsys, "schema", "--utdata")
    assert whole == all_output_schemas()
    assert {def_name(c) for c in OUTPUTS} <= set(whole["$defs"]) and "contact" in whole["$defs"]
    one = run_json(capsys, "schema", "--utdata", "logg", "visa")
    assert one == output_schema("logg visa")
    # Aliases and spellings without å ä ö name the same command.
    assert run_json(capsys, "schema", "--utdata", "show") == output_schema("visa")
    assert run_json(capsys, "schema", "--utdata", "ova") == output_schema("öva")
    assert run_json(capsys, "schema", "--utdata", "logg", "export") == output_schema("logg exportera")
    assert run_json(capsys, "schema", "--utdata", "statistik sla-ihop") == output_schema("statistik slå-ihop")
    # Without --utdata: the routine file format, as before.
    assert "$defs" in run_json(capsys, "schema") and run_json(capsys, "schema")["$defs"]["step"]


def test_the_whole_document_validates_like_the_single_ones(capsys) -> None:
    data = run_json(capsys, "lista", "-f", "json")
    whole = all_output_schemas()
    schema = {"$schema": whole["$schema"], "$ref": f"#/$defs/{def_name('lista')}", "$defs": whole["$defs"]}
    assert jsonschema.Draft202012Validator(schema).is_valid(data)
    data[0]["extra"] = 1
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


@pytest.mark.parametrize("args", [["schema", "--utdata", "exportera"], ["schema", "--utdata", "lsta"]])
def test_schema_utdata_for_a_command_without_json_is_one_swedish_line(capsys, args) -> None:
    code, out, err = run_cli(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 2 and out == "" and len(lines) == 1
    assert lines[0].startswith("samverkan: kommandot") and "skriver ingen JSON" in lines[0]
