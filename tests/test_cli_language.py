"""One command language: Swedish names and help, old names kept, one meaning per flag."""

from __future__ import annotations

import json
import re

import pytest

from samverkan_tui.cli import main
from samverkan_tui.cli.common import STATE

ENGLISH = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Show this",
    "default",
    "required",
    "TEXT",
    "PATH",
    "INTEGER",
    "[env var",
    "<str>",
    "<int>",
    "<list",
    "<path>",
    "Try '",
]


@pytest.fixture(autouse=True)
def isolated(isolated_user):
    yield


def run(capsys, *args: str) -> tuple[int, str, str]:
    STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
        None,
        [],
        False,
        None,
        None,
    )
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def every_command() -> list[list[str]]:
    """The root and every visible command and subcommand, as argv prefixes."""
    from typer.main import get_command

    from samverkan_tui.cli.commands import app, load_commands

    load_commands(["--help"])
    paths, stack = [], [([], get_command(app))]
    while stack:
        path, command = stack.pop()
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            if not sub.hidden:
                stack.append(([*path, name], sub))
    return sorted(paths)


COMMANDS = every_command()


def test_the_primary_names_are_swedish() -> None:
    top = {tuple(p) for p in COMMANDS if len(p) == 1}
    assert top == {
        (n,)
        for n in [
            "lista",
            "visa",
            "exportera",
            "kontrollera",
            "kontakter",
            "logg",
            "öva",
            "schema",
            "format",
            "info",
            "statistik",
            "granska",
            "jämför",
            "utkast",
        ]
    }
    assert ["logg", "exportera"] in COMMANDS and ["statistik", "slå-ihop"] in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "samverkan")
def test_help_is_swedish_with_examples_and_nothing_cut(capsys, path: list[str]) -> None:
    code, out, err = run(capsys, *path, "--help")
    assert code == 0 and err == ""
    assert out.startswith(f"Användning: samverkan {' '.join(path)}".rstrip() + " ")
    english = [word for word in ENGLISH if word in out]
    assert not english, f"engelska i hjälpen: {english}\n{out}"
    assert "…" not in out
    assert "Flaggor:" in out and "Visa den här hjälpen och avsluta." in out
    assert "Exempel:" in out, "varje kommando slutar med exempel"
    examples = out[out.index("Exempel:") :]
    assert re.search(r"^\s+samverkan ", examples, re.M)
    if "Kommandon:" in out:  # no summary cut short by Click ("Visa kontakterna: öppet nu,...")
        section = out[out.index("Kommandon:") : out.index("Exempel:")]
        assert not [line for line in section.splitlines() if line.rstrip().endswith("...")], section


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["list", "--format", "json"], ["lista", "--format", "json"]),
        (["show", "rvt-bou", "--format", "json"], ["visa", "rvt-bou", "--format", "json"]),
        (["export", "rvt-bou", "-f", "md"], ["exportera", "rvt-bou", "-f", "md"]),
        (["validate", "--format", "json"], ["kontrollera", "--format", "json"]),
        (["ova", "--lista"], ["öva", "--lista"]),
        (["logg", "export", "x"], ["logg", "exportera", "x"]),
        (["statistik", "sla-ihop"], ["statistik", "slå-ihop"]),
    ],
)
def test_old_names_and_ascii_spellings_still_work(capsys, old, new) -> None:
    assert run(capsys, *old) == run(capsys, *new)


def test_aliases_are_hidden_from_help(capsys) -> None:
    _, out, _ = run(capsys, "--help")
    for alias in ("list ", "show ", "export ", "validate ", "ova ", "jamfor "):
        assert f"  {alias}" not in out


def test_ascii_option_spellings(capsys) -> None:
    code, out, _ = run(capsys, "ova", "rvt-bou", "--lista")
    assert code == 0
    exercise = next(line.split()[0] for line in out.splitlines()[1:] if line.startswith("  "))
    assert run(capsys, "öva", "rvt-bou", "--ovning", exercise)[0] == 0
    assert run(capsys, "öva", "rvt-bou", "-e", exercise) == run(
        capsys, "öva", "rvt-bou", "--övning", exercise
    )
    assert run(capsys, "logg", "statistik", "--fran", "2026-01-01", "--troskel", "3")[0] == 0


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["exportera", "--format", "xml"], "(se samverkan exportera --help)"),
        (["export", "--format", "xml"], "(se samverkan exportera --help)"),
        (["logg", "visa"], "(se samverkan logg visa --help)"),
        (["logg", "export"], "(se samverkan logg exportera --help)"),
        (["lista", "--bogus"], "(se samverkan lista --help)"),
    ],
)
def test_a_usage_error_points_at_that_commands_help(capsys, args, hint) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.rstrip().endswith(hint), err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lsta"], "samverkan: okänt kommando eller rutin 'lsta' – menade du 'lista'?"),
        (["rvt-bu"], "samverkan: okänt kommando eller rutin 'rvt-bu' – menade du 'rvt-bou'?"),
        (["expotr", "rvt-bou"], "menade du 'exportera'?"),
        (["logg", "lsta"], "samverkan: okänt kommando 'lsta' – menade du 'lista'?"),
    ],
)
def test_an_unknown_command_suggests_the_nearest(capsys, args, message) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert message in err, err


def test_the_same_question_twice_is_an_error(capsys) -> None:
    code, out, err = run(capsys, "visa", "rvt-bou", "--svar", "akut=ja", "--svar", "akut=nej")
    assert code == 2 and out == "" and "`akut` besvaras två gånger" in err


def test_an_answer_that_is_not_asked_warns(capsys) -> None:
    # `akut` is asked only after `inkom`; with inkom=bou the RVT questions never come.
    code, out, _ = run(capsys, "visa", "rvt-bou", "--format", "json")
    questions = {q["id"] for q in json.loads(out)["questions"]}
    assert {"inkom", "akut"} <= questions
    code, out, err = run(
        capsys,
        "visa",
        "rvt-bou",
        "--svar",
        "inkom=rvt",
        "--svar",
        "akut=ja",
        "--svar",
        "utredning=oppen",
        "--format",
        "json",
    )
    data = json.loads(out)
    used = [a["question"] for a in data["answers"]]
    unused = [q for q in ("inkom", "akut", "utredning") if q not in used]
    for question in unused:
        assert (
            f"samverkan: varning: frågan `{question}` ställs inte med de andra svaren; svaret används inte"
        ) in err
    assert code == 0
    code, _, err = run(capsys, "visa", "rvt-bou", "--svar", "inkom=rvt")
    assert "varning" not in err


def test_dash_o_dash_is_standard_output(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "exportera", "rvt-bou", "-f", "md", "-o", "-")
    assert code == 0 and out.startswith("#")
    source = tmp_path / "rutin.txt"
    source.write_text("Rutin för test\n\n1. Ring socialjouren.\n", encoding="utf-8")
    code, out, _ = run(capsys, "utkast", str(source), "-o", "-")
    assert code == 0 and "id =" in out
    code, out, _ = run(capsys, "logg", "statistik", "-f", "json", "-o", "-")
    assert code == 0 and json.loads(out)
    assert not (tmp_path / "-").exists()


def test_app_without_a_terminal_is_one_line_and_exit_2(capsys) -> None:
    # pytest's stdin and stdout are not terminals: drawing would put escape codes in a file.
    for args in ([], ["rvt-bou"], ["--now", "2026-11-23T10:00", "rvt-bou", "--svar", "inkom=rvt"]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "appen behöver en terminal" in err


def test_completion_offers_routine_ids_and_answer_pairs() -> None:
    from samverkan_tui.cli.common import complete_answer, complete_routine

    STATE._config, STATE._catalog, STATE.routine_dirs = None, None, []
    assert "rvt-bou" in complete_routine("rv")
    assert complete_routine("zzz") == []

    class Ctx:
        def __init__(self, routine_id: str) -> None:
            self.params = {"routine_id": routine_id}

    assert "akut=ja" in complete_answer(Ctx("rvt-bou"), "ak")
    pairs = complete_answer(Ctx("rvt-bou"), "inkom=")
    assert pairs and all(p.startswith("inkom=") for p in pairs)
    assert complete_answer(Ctx("finns-inte"), "") == []


def test_shell_completion_through_typer(monkeypatch, capsys) -> None:
    monkeypatch.setenv("_SAMVERKAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "samverkan visa rvt-bou --svar ak")
    monkeypatch.setenv("COMP_CWORD", "4")
    code, out, _ = run(capsys, "visa", "rvt-bou", "--svar", "ak")
    assert code == 0 and "akut=ja" in out
