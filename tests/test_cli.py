"""The scripting interface: output shapes, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan_tui.cli import main
from samverkan_tui.cli.common import STATE
from tests.conftest import REPO
from tests.conftest import run_cli as run


@pytest.fixture(autouse=True)
def fresh_state():
    """The CLI keeps parsed globals on a module-level STATE; reset it between runs."""
    STATE.now_text, STATE.routine_dirs, STATE.debug = None, [], False
    STATE._config, STATE._catalog = None, None
    yield


RVT_BOU_ANSWERS = [
    "--svar",
    "inkom=rvt",
    "--svar",
    "akut=nej",
    "--svar",
    "utredning=oppen",
    "--svar",
    "ansvarig_pa_plats=ja",
]


def test_list_json_has_the_documented_fields(capsys) -> None:
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    ids = [row["id"] for row in rows]
    assert "rvt-bou" in ids
    for row in rows:
        assert {"id", "title", "version", "source", "origin", "review_overdue"} <= set(row)
        assert row["origin"] == "inbyggd"


def test_show_json_questions_and_plan(capsys) -> None:
    code, out, _ = run(
        capsys, "show", "rvt-bou", *RVT_BOU_ANSWERS, "--now", "2026-11-23T10:00", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    akut = next(q for q in data["questions"] if q["id"] == "akut")
    assert akut["options"] == [
        {"value": "ja", "label": "Ja, akut"},
        {"value": "nej", "label": "Nej, inte akut"},
    ]
    assert {"id", "text", "help", "options"} <= set(akut)
    plan = {step["id"]: step for step in data["plan"]}
    assert plan["rvt-in-rvt-ejakut-2"]["due"] == "2026-11-30"
    assert plan["rvt-in-rvt-ejakut-1"]["due"] is None
    assert {"id", "text", "role", "phase", "due", "contacts"} <= set(plan["rvt-in-bou-1"])
    assert [q["id"] for q in data["unanswered"]] == ["stod_fran_rvt"]
    assert {"section", "section_title", "kind", "due", "due_from", "legal_due"} <= set(
        plan["rvt-in-rvt-ejakut-2"]
    )
    assert plan["rvt-in-rvt-ejakut-2"]["due_from"] == "information"


def test_show_without_answers_has_no_plan(capsys) -> None:
    code, out, _ = run(capsys, "show", "rvt-bou", "--format", "json")
    data = json.loads(out)
    assert code == 0 and "plan" not in data and len(data["questions"]) >= 5


def test_show_text_is_the_plan_in_order_with_dates(capsys) -> None:
    code, out, _ = run(capsys, "--now", "2026-11-23T10:00", "show", "rvt-bou", *RVT_BOU_ANSWERS)
    assert code == 0
    assert "INLEDANDE SKEDE" in out
    assert "Vad gör socialsekreterare på RVT i det inledande skedet … om situationen inte" in out
    flat = " ".join(out.split())
    assert "Senast måndag 30 november 2026 (inom en vecka från att informationen mottogs)" in flat
    assert out.index("Undersök om det finns") < out.index("Om öppen utredning finns: kontakta")
    assert "Gäller alltid" in out and "barnens situation" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_markdown(capsys) -> None:
    code, out, _ = run(capsys, "show", "rvt-bou", *RVT_BOU_ANSWERS, "--format", "md")
    assert code == 0 and out.startswith("# Samverkansrutin") and "- [ ] " in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "rvt-bo"], "okänd rutin `rvt-bo`; menade du `rvt-bou`?"),
        (["show", "rvt-bou", "--svar", "akt=ja"], "okänd fråga `akt` i rutinen rvt-bou; menade du `akut`?"),
        (["show", "rvt-bou", "--svar", "akut=kanske"], "okänt svar `kanske` på frågan `akut`"),
        (["show", "rvt-bou", "--svar", "akut"], "skriv FRÅGA=SVAR"),
        (["show", "rvt-bou", "--now", "igår"], "ogiltig tid 'igår'"),
        (["--now", "2026-13-01", "list"], "ogiltig tid"),
        (["show", "rvt-bou", "--roll", "chef"], "okänd roll `chef`"),
        (["list", "--format", "xml"], "ogiltigt värde 'xml'"),
        (["show"], "argumentet ID saknas"),
        (["visq"], "okänt kommando eller rutin 'visq' – menade du 'visa'?"),
        (["list", "--bogus"], "okänd flagga --bogus"),
        (["validate", "finns-inte.toml"], "finns inte"),
    ],
)
def test_usage_errors_are_one_swedish_line_and_exit_2(capsys, args, message) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("samverkan: ")
    assert message in err
    assert "Traceback" not in err


def test_validate_invalid_file_exits_1_with_file_and_line(capsys, tmp_path: Path) -> None:
    text = (REPO / "tests/data/liten.toml").read_text(encoding="utf-8")
    bad = tmp_path / "trasig.toml"
    bad.write_text(text.replace('when = "akut"', 'when = "akt"'), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:46: fel: okänd fråga `akt` i villkoret — menade du `akut`?" in out
    assert "1 med fel" in err


def test_validate_shipped_routines_is_clean(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(REPO / "checklists"))
    assert code == 0, out
    assert "fel" not in out.replace("filer kontrollerade", "")


def test_own_routine_folder_overrides_the_shipped_copy_and_list_says_so(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    own = tmp_path / "kommun"
    own.mkdir()
    text = (REPO / "checklists/rvt-bou.toml").read_text(encoding="utf-8")
    text = re.sub(r'^version = "[^"]*"', 'version = "1.0-kommun"', text, flags=re.M)
    (own / "rvt-bou.toml").write_text(text, encoding="utf-8")
    (own / "liten.toml").write_text(
        (REPO / "tests/data/liten.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for how in ("flag", "env", "config"):
        args = ["list", "--format", "json"]
        if how == "flag":
            args = ["--katalog", str(own), *args]
        elif how == "env":
            monkeypatch.setenv("SAMVERKAN_KATALOG", str(own))
        else:
            monkeypatch.delenv("SAMVERKAN_KATALOG")
            config_file = Path(os.environ["SAMVERKAN_CONFIG"])
            config_file.write_text(f'routine_dirs = ["{own}"]\n', encoding="utf-8")
        code, out, _ = run(capsys, *args)
        rows = {row["id"]: row for row in json.loads(out)}
        assert code == 0
        assert rows["rvt-bou"]["version"] == "1.0-kommun", how
        assert rows["rvt-bou"]["origin"] == "egen"
        assert rows["rvt-bou"]["overrides"][0].endswith("checklists/rvt-bou.toml")
        assert "liten" in rows
    code, out, _ = run(capsys, "list")
    assert "ersätter" in out and "egen rutin" in out


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samverkan_tui", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("samverkan ")


def test_unexpected_error_is_one_line_unless_debug(capsys, monkeypatch) -> None:
    from samverkan_tui.core.walk import plan as walk

    def boom(*args, **kwargs):
        raise RuntimeError("trasigt")

    monkeypatch.setattr(walk, "build_plan", boom)
    code, _, err = run(capsys, "show", "rvt-bou", "--svar", "akut=ja")
    assert code == 1 and err.count("\n") == 1 and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["--debug", "show", "rvt-bou", "--svar", "akut=ja"])


def test_schema_is_json(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["$defs"]["step"]["required"] == ["id", "text"]


def test_format_prints_the_format_guide_and_info_names_its_path(capsys) -> None:
    guide = (REPO / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    code, out, err = run(capsys, "format")
    assert (code, err) == (0, "")
    assert out == guide  # the whole guide, as written
    code, out, _ = run(capsys, "info")
    [line] = [line for line in out.splitlines() if line.startswith("Rutinfilernas format: ")]
    path = Path(line.removeprefix("Rutinfilernas format: ").split(" (")[0])
    assert path.is_file() and path.read_text(encoding="utf-8") == guide


def test_format_says_in_one_line_when_the_guide_is_missing(capsys, monkeypatch, tmp_path: Path) -> None:
    from samverkan_tui.core.base import docs

    monkeypatch.setattr(docs, "docs_dir", lambda: tmp_path)
    code, out, err = run(capsys, "format")
    assert (code, out) == (1, "")
    assert err.startswith("samverkan: formatbeskrivningen ") and err.count("\n") == 1
    assert "checklist-format.md" in err and "finns inte" in err


def test_the_global_options_are_declared_once() -> None:
    """Typer's root has exactly the table's global options (and its own), with their words;
    the fast start of the app reads the same table."""
    from typer.main import get_command

    from samverkan_tui.cli import start
    from samverkan_tui.cli.commands import GLOBAL_OPTIONS, app, load_commands

    load_commands(["--help"])
    root = get_command(app)
    declared = {opt: param for param in root.params for opt in param.opts}
    typers_own = {"--version", "--install-completion", "--show-completion", "--help", "-h"}
    assert set(declared) - typers_own == set(GLOBAL_OPTIONS)
    for name, option in GLOBAL_OPTIONS.items():
        assert declared[name].help == option.help
        assert declared[name].metavar == option.metavar
        assert start._GLOBAL[name] is (option.metavar is not None)
