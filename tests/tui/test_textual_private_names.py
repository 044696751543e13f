"""The private Textual names the app relies on, pinned so that a Textual upgrade fails here.

No public API does what these do at the same cost (checked on Textual 8.2):

- ``OptionList._get_option_render`` is overridden by the plan (widgets/plan.py) to keep
  renders across changes of its options; it reads ``_option_to_index`` (an option's
  position in O(1): the public ``get_option_index`` needs an id, and the plan's phase and
  section headings have none) and ``_get_left_gutter_width``. How the kept renders look
  and which index they carry is pinned in test_plan_render.py.
- ``textual.widgets._footer.FooterKey`` is how the priority footer (widgets/footer.py)
  tells a key from the other widgets Textual's footer composes, and reads its width from.
  The priority footer sets each key's ``compact`` reactive (and ``-compact`` class) before
  it is mounted to what Textual ends up with: the footer's own for the keys Textual binds
  to it, compact for the palette key, which Textual leaves unbound.
- ``CommandPalette._start_no_matches_countdown`` is overridden (tui/palette.py) to say
  "no matches" in Swedish; it uses ``_stop_no_matches_countdown``, ``_NO_MATCHES``,
  ``_NO_MATCHES_COUNTDOWN``, ``_list_visible`` and ``_no_matches_timer`` as Textual's own
  version does.
"""

from __future__ import annotations

import inspect
from typing import ClassVar

from rich.align import Align
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey
from textual.widgets.option_list import Option

from samverkan_tui.tui.palette import NO_MATCHES, SwedishCommandPalette
from samverkan_tui.tui.widgets.footer import _width
from samverkan_tui.tui.widgets.plan import PlanList


def parameters(function: object) -> list[str]:
    assert callable(function)
    return list(inspect.signature(function).parameters)


# --- OptionList: the plan's kept renders -------------------------------------------------


def test_option_list_render_hook_has_the_signature_the_plan_overrides() -> None:
    assert parameters(OptionList._get_option_render) == ["self", "option", "style"]
    assert parameters(PlanList._get_option_render) == ["self", "option", "style"]
    assert PlanList._get_option_render is not OptionList._get_option_render
    assert parameters(OptionList._get_left_gutter_width) == ["self"]


def test_option_to_index_maps_each_option_to_its_position_after_every_change() -> None:
    first, second, third = Option("ett"), Option("två", id="b"), Option("tre", disabled=True)
    options = OptionList(first, second, third)
    assert options._option_to_index == {first: 0, second: 1, third: 2}
    # The plan replaces its options with clear_options + add_options (widgets/plan.py).
    options.clear_options()
    options.add_options([third, first])
    assert options._option_to_index == {third: 0, first: 1}


class RecordingOptionList(OptionList):
    """Records the calls Textual makes to the render hook while drawing the list."""

    def __init__(self, *options: Option) -> None:
        super().__init__(*options)
        self.rendered: list[tuple[Option, list[Strip]]] = []

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        strips = super()._get_option_render(option, style)
        self.rendered.append((option, strips))
        return strips


class OptionListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordingOptionList(
            Option("Ett"), Option(Text("Rubrik"), disabled=True), Option("Tre", id="tre")
        )


async def test_textual_draws_every_option_through_the_render_hook() -> None:
    """The override only helps if Textual draws through it; the strips it returns carry the
    option's index (a mouse click selects by it), which the plan brings up to date."""
    app = OptionListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        options = app.query_one(RecordingOptionList)
        drawn = {options._option_to_index[option] for option, _ in options.rendered}
        assert drawn == {0, 1, 2}
        for option, strips in options.rendered:
            index = options._option_to_index[option]
            metas = {s.style.meta.get("option") for strip in strips for s in strip if s.style}
            assert metas == {index}
        assert options._get_left_gutter_width() >= 0


# --- Footer: the priority footer's keys ----------------------------------------------------


def test_footer_key_has_the_attributes_the_priority_footer_reads() -> None:
    assert issubclass(FooterKey, Widget)
    assert parameters(FooterKey.__init__)[:5] == ["self", "key", "key_display", "description", "action"]
    key = FooterKey("j", "j", "Ja", "answer_yes")
    assert (key.key_display, key.description, key.action) == ("j", "Ja", "answer_yes")


class FooterApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "answer_yes", "Ja"),
        Binding("n", "answer_no", "Nej"),
        Binding("question_mark", "help", "Hjälp", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        yield Footer()

    def action_answer_yes(self) -> None:
        pass

    def action_answer_no(self) -> None:
        pass


async def test_footer_composes_a_footer_key_per_binding_and_marks_the_palette_key() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.query_one(Footer).query(FooterKey))
        palette = [k for k in keys if k.has_class("-command-palette")]
        others = [k for k in keys if not k.has_class("-command-palette")]
        assert len(palette) == 1
        assert [(k.action, k.description) for k in others] == [
            ("answer_yes", "Ja"),
            ("answer_no", "Nej"),
            ("help", "Hjälp"),
        ]
        assert others[-1].key_display == "?"
        # widgets/footer.py's width, measured on Textual 8.2: never narrower than the key.
        for key in others:
            assert 0 < key.size.width <= _width(key)


async def test_footer_keys_end_up_as_compact_as_the_priority_footer_makes_them() -> None:
    assert isinstance(FooterKey.__dict__["compact"], Reactive)
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        for key in footer.query(FooterKey):
            palette = key.has_class("-command-palette")
            expected = True if palette else footer.compact
            assert key.compact is expected
            assert key.has_class("-compact") is expected


# --- Command palette: "no matches" in Swedish ----------------------------------------------


def test_palette_internals_have_the_names_and_types_the_override_uses() -> None:
    assert parameters(CommandPalette._start_no_matches_countdown) == ["self", "search_value"]
    assert parameters(CommandPalette._stop_no_matches_countdown) == ["self"]
    assert SwedishCommandPalette._start_no_matches_countdown is not CommandPalette._start_no_matches_countdown
    assert isinstance(CommandPalette._NO_MATCHES, str)
    assert isinstance(CommandPalette._NO_MATCHES_COUNTDOWN, float)
    assert isinstance(CommandPalette.__dict__["_list_visible"], Reactive)
    assert SwedishCommandPalette()._no_matches_timer is None


async def test_a_search_without_matches_says_so_in_swedish(make_app, monkeypatch) -> None:
    """Textual calls the countdown when a search finds nothing; the override's option is the
    one shown, the list becomes visible, and Textual's English text never appears."""
    # Shortened so the test does not idle; Textual's timer cannot run at 0 (it divides by it).
    monkeypatch.setattr(SwedishCommandPalette, "_NO_MATCHES_COUNTDOWN", 0.01)
    started: list[str] = []
    original = SwedishCommandPalette._start_no_matches_countdown

    def recording(self: SwedishCommandPalette, search_value: str) -> None:
        started.append(search_value)
        original(self, search_value)

    monkeypatch.setattr(SwedishCommandPalette, "_start_no_matches_countdown", recording)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SwedishCommandPalette)
        await pilot.press(*"qxzq")
        await app.workers.wait_for_complete()  # the search runs in a worker
        commands = palette.query_one(CommandList)
        for _ in range(100):  # until the countdown's timer has fired (at most ~5 s)
            if commands.option_count:
                break
            await pilot.pause(0.05)
        assert started and started[-1] == "qxzq"
        assert commands.option_count == 1
        shown = commands.get_option_at_index(0)
        assert shown.id == CommandPalette._NO_MATCHES
        assert shown.disabled
        assert commands.has_class("--visible")
        assert palette._list_visible
        assert isinstance(shown.prompt, Align)
        assert isinstance(shown.prompt.renderable, Text)
        assert shown.prompt.renderable.plain == f"{NO_MATCHES} ”qxzq”"
