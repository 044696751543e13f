"""One command language: Swedish names and help, old names kept, one meaning per flag."""

from __future__ import annotations

import itertools
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
            "gå",
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


# English words Click, Typer or a hurried help text could let through. Words that are Swedish
# too ("argument", "text", "var", "format", "schema", "info") are not on the list.
ENGLISH_WORDS = {
    *("the", "and", "or", "with", "of", "to", "for", "this", "it", "is", "not", "no", "such"),
    *("show", "file", "files", "shell", "completion", "install", "current", "customize", "copy"),
    *("default", "required", "usage", "options", "option", "commands", "command", "arguments"),
    *("help", "message", "exit", "missing", "invalid", "value", "error", "try", "path", "integer"),
    *("string", "directory", "choose", "from", "only", "all", "name", "output", "input", "write"),
    *("print", "list", "use", "run", "when", "if", "then", "date", "time", "yes", "key", "env"),
}
# What is not prose: flags, command lines, file names and paths.
_NOT_PROSE = re.compile(
    r"(^|\s)(--?[\w\-åäö]+|samverkan[^\n]*|\S+\.(?:toml|json|pdf|md|html|txt|ics|svg)|\S*/\S*)"
)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "samverkan")
def test_help_has_no_english_words_and_no_braces(capsys, path: list[str]) -> None:
    code, out, _ = run(capsys, *path, "--help")
    assert code == 0
    prose = _NOT_PROSE.sub(" ", out)
    english = sorted({w for w in re.findall(r"[A-Za-zÅÄÖåäö]+", prose) if w.lower() in ENGLISH_WORDS})
    assert not english, f"engelska ord i hjälpen: {english}\n{out}"
    # Braces are Typer's way of writing a required argument; the help's own JSON example
    # (granska --svar-fil) may have them, a usage line or a flag's name never.
    usage = out.splitlines()[0]
    terms, listing = [], False
    for line in out.splitlines():
        listing = line in ("Argument:", "Flaggor:") or (listing and bool(line.strip()))
        if listing and re.match(r"  [-A-ZÅÄÖ]", line):
            terms.append(line.split("  ")[1])
    assert terms, "inga flaggor hittades: testet läser inte hjälpen rätt"
    assert not [t for t in [usage, *terms] if re.search(r"[{}]|\[\[", t)], out


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "samverkan")
def test_usage_lines_read_like_the_readme(capsys, path: list[str]) -> None:
    """``samverkan visa ID [FLAGGOR]``: arguments, then flags; a group's flags before its command."""
    _, out, _ = run(capsys, *path, "--help")
    usage = out.splitlines()[0]
    if "KOMMANDO" in usage:
        assert usage.startswith(f"Användning: samverkan {' '.join(path)} [FLAGGOR] ".replace("  ", " "))
    else:
        assert usage.endswith(" [FLAGGOR]"), usage


def test_every_alias_comes_after_its_swedish_name(capsys) -> None:
    """``--äldre-än, --aldre-an`` everywhere: the spelling with å ä ö first, its ASCII twin after."""
    pairs = []
    for path in COMMANDS:
        _, out, _ = run(capsys, *path, "--help")
        for line in out.splitlines():
            names = re.findall(r"--[\w\-åäö]+", line.split("  ")[1] if line.startswith("  -") else "")
            pairs += [(a, b) for a, b in itertools.pairwise(names) if re.search("[åäö]", a + b)]
    assert pairs, "inga alias hittades: testet läser inte hjälpen rätt"
    assert all(re.search("[åäö]", first) for first, _ in pairs), pairs


def test_installing_completion_answers_in_swedish(isolated_user) -> None:
    # Typer finds the shell by looking at the processes above it (shellingham), so the
    # command runs under bash, as a person's would; in-process, a test worker's ancestry
    # decides what it finds.
    import os
    import subprocess
    import sys
    from pathlib import Path

    # "; exit $?": bash replaces itself with a lone command (exec), and then the shell above
    # the command is whatever ran the tests, or none (seen: "skalet None stöds inte").
    command = f"{Path(sys.executable).parent / 'samverkan'} --install-completion; exit $?"
    env = {**os.environ, "HOME": str(isolated_user), "SHELL": "/bin/bash"}
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, check=False)
    code, out, err = result.returncode, result.stdout, result.stderr
    assert code == 0, out + err
    script = isolated_user / ".bash_completions" / "samverkan.sh"
    assert out.splitlines() == [
        f"Tab-kompletteringen för bash är installerad i {script}.",
        "Den fungerar när du har startat om terminalen.",
    ]
    assert "\x1b" not in out  # no colour


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["list", "--format", "json"], ["lista", "--format", "json"]),
        (["show", "rvt-bou", "--format", "json"], ["visa", "rvt-bou", "--format", "json"]),
        (["export", "rvt-bou", "-f", "md"], ["exportera", "rvt-bou", "-f", "md"]),
        (["validate", "--format", "json"], ["kontrollera", "--format", "json"]),
        (["ova", "--lista"], ["öva", "--lista"]),
        (["ga", "nej-finns-inte"], ["gå", "nej-finns-inte"]),
        (["logg", "export", "x"], ["logg", "exportera", "x"]),
        (["statistik", "sla-ihop"], ["statistik", "slå-ihop"]),
    ],
)
def test_old_names_and_ascii_spellings_still_work(capsys, old, new) -> None:
    assert run(capsys, *old) == run(capsys, *new)


def test_aliases_are_hidden_from_help(capsys) -> None:
    _, out, _ = run(capsys, "--help")
    for alias in ("list ", "show ", "export ", "validate ", "ova ", "jamfor ", "ga "):
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


@pytest.mark.parametrize("columns", [40, 80])
def test_the_exercise_list_is_wrapped_to_the_terminal(capsys, monkeypatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "öva", "--lista")
    assert code == 0 and "Kniven i köket" in out.replace("\n    ", " ")
    # Only a single word longer than the terminal (a routine id) may stand over the edge.
    too_long = [line for line in out.splitlines() if len(line) > columns and " " in line.strip()]
    assert too_long == []
