"""The plan's renders are kept across changes of its options (widgets/plan.py), and the
hanging indent that draws its steps (widgets/hanging.py) keeps wrapped lines under the text."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.widgets import OptionList

from samverkan_tui.tui.widgets.hanging import Hanging, hanging
from samverkan_tui.tui.widgets.plan import PlanList


def lines(renderable, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_wrapped_lines_start_under_the_text_not_the_mark() -> None:
    body = Text("Gör en skyddsbedömning på barnen samma dag som anmälan kom in")
    assert lines(hanging(Text("[ ]"), body), 30) == [
        "[ ] Gör en skyddsbedömning på",
        "    barnen samma dag som",
        "    anmälan kom in",
    ]


def test_rows_share_the_widest_mark_and_long_words_fold() -> None:
    rows = [(Text(" 1 "), Text("Ja")), (Text(" 10 "), Text("Socialjoursnummer0812345678"))]
    assert lines(Hanging(rows), 16) == [" 1   Ja", " 10  Socialjours", "     nummer08123", "     45678"]


def test_a_marks_style_stays_on_the_mark() -> None:
    [row] = Hanging([(Text("[✓]", style="bold"), Text("Klar"))]).lines(Console(), 80)
    assert row.plain == "[✓] Klar"
    assert [(s.start, s.end) for s in row.spans if "bold" in str(s.style)] == [(0, 3)]


def test_a_long_body_shows_its_first_line_and_an_ellipsis() -> None:
    """Long information in the plan: more than two lines shows one, ending in "…"."""
    body = Text("Gör en skyddsbedömning på barnen samma dag som anmälan kom in")
    assert lines(hanging(Text(" ℹ "), body, max_lines=2, short=1), 32) == [" ℹ  Gör en skyddsbedömning på …"]
    assert lines(hanging(Text(" ℹ "), body, max_lines=2, short=1), 30) == [" ℹ  Gör en skyddsbedömning …"]
    short = Text("Informera inte föräldrarna i det akuta skedet.")
    assert lines(hanging(Text(" ℹ "), short, max_lines=2, short=1), 40) == [
        " ℹ  Informera inte föräldrarna i det",
        "    akuta skedet.",
    ]


async def test_kept_renders_follow_their_options_index(make_app) -> None:
    """An option drawn before keeps its render when steps come and go above it, but the
    index the strips carry (a mouse click selects by it) is the option's new one."""
    app = make_app(role="bou")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"rvt", "enter")
        await pilot.pause()
        await pilot.press("1", "j", "1")
        await pilot.pause()
        plan = app.screen.query_one(PlanList)
        before = {o.id: (index, o) for index, o in enumerate(plan.options) if o.id}
        await pilot.press("j")  # a step comes into the plan above others: they move down
        await pilot.pause()
        moved = 0
        for index, option in enumerate(plan.options):
            if option.id is None:
                continue
            style = plan.get_visual_style("option-list--option")
            strips = plan._get_option_render(option, style)
            assert {s.style.meta.get("option") for strip in strips for s in strip if s.style} == {index}
            fresh = OptionList._get_option_render(plan, option, style)  # Textual's own, uncached
            assert [strip.text for strip in strips] == [strip.text for strip in fresh]
            if option.id in before and before[option.id][1] is option and before[option.id][0] != index:
                moved += 1
        assert moved  # options drawn before were reused at a new index
