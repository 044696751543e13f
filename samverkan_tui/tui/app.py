"""The Textual app: a small shell that pushes the start screen. No routine logic here.

`create_app` is the one factory used by the CLI (`run_app`) and by the tests.
"""

from __future__ import annotations

import datetime as dt
import gc
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.app import App, SystemCommand
from textual.events import Resize
from textual.message_pump import MessagePump
from textual.screen import Screen

from samverkan_tui.core.base.clock import current_time, parse_now
from samverkan_tui.core.base.config import Config, load_config
from samverkan_tui.core.routine.catalog import Catalog, load_catalog
from samverkan_tui.tui.keys import bindings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from samverkan_tui.steplog.store import StepLog


# `samverkan ID`: the step log opens this long after the walk is painted (opening it, with
# SQLite's import, took 25-55 ms: a key pressed as soon as the question showed waited for it).
LOG_AFTER_DIRECT_WALK = 0.25


class SamverkanApp(App[None]):
    """Samverkan TUI. Screens own their keys; the app only knows quit, help and the clock."""

    TITLE = "Samverkan"
    SUB_TITLE = "guidade samverkansrutiner"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = bindings("SamverkanApp")

    def __init__(
        self,
        catalog: Catalog,
        config: Config,
        fixed_now: dt.datetime | None = None,
        step_log: StepLog | None = None,
        step_log_error: str | None = None,
        use_step_log: bool = False,
    ) -> None:
        super().__init__()
        self.use_step_log = use_step_log
        self.catalog = catalog
        self.config = config
        self.fixed_now = fixed_now
        self.step_log = step_log
        self.step_log_error = step_log_error
        # Benchmarks and tests can ask to hear when the first screen is ready.
        self.on_first_screen_ready: Callable[[], None] | None = None
        # `samverkan öva [ID]`: open the training screens over the start screen.
        # None: a normal start; "": every routine's exercises; else one routine's id.
        self.training_routine: str | None = None
        # `samverkan ID [--svar FRÅGA=SVAR …]`: open that routine's walk over the start
        # screen, with these answers given (checked by the CLI). No resume offer then.
        self.direct_walk: tuple[str, dict[str, str]] | None = None
        self.mounted = False  # on_mount has run (see on_resize)
        self._waiting_for_log: list[Callable[[StepLog | None], None]] = []

    def now(self) -> dt.datetime:
        """`--now` if given (everything reproducible), otherwise the real Stockholm time."""
        return self.fixed_now or current_time()

    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the app's base screen.

        Pushed over Textual's own empty default screen instead, it was the second screen to be
        composed, styled and laid out before anything showed: about 100 ms of start-up in a
        real terminal (bench: `make bench`, section terminal).
        """
        from samverkan_tui.tui.screens.start import StartScreen

        # `samverkan ID`: the walk is what is seen first; the start screen under it is built
        # when the walk is left (composed first, it delayed the walk's first paint).
        return StartScreen(build_later=self.direct_walk is not None)

    def on_mount(self) -> None:
        self.mounted = True
        self.schedule_minute_tick()
        self.call_after_refresh(self.check_size, self.size.width, self.size.height)
        if self.training_routine is not None:
            from samverkan_tui.tui.screens.training import open_training

            open_training(self, self.training_routine or None)
        elif self.direct_walk is not None:
            # Not from here: Textual holds every repaint until the app's start-up (this
            # handler included) is done, so a walk pushed now had its first frame dropped
            # and was drawn piecemeal, the question last (bench: `make bench`, terminal).
            self.call_later(self.open_direct_walk, *self.direct_walk)

    def open_direct_walk(self, routine_id: str, answers: dict[str, str]) -> None:
        from samverkan_tui.core.walk.plan import effective_answers
        from samverkan_tui.core.walk.session import WalkSession
        from samverkan_tui.tui.screens.walk import WalkScreen

        routine = self.catalog.get(routine_id)
        if routine is None:  # the CLI has checked the id; a test may not have
            from samverkan_tui.tui.screens.start import StartScreen

            if isinstance(self.screen, StartScreen):
                self.call_later(self.screen.build)
            return
        session = WalkSession(routine, self.now())
        for question_id, value in effective_answers(routine, answers).items():
            session.answer(question_id, value, self.now())
        walk = WalkScreen(session)
        self.push_screen(walk)
        # The walk is the first screen: the step log is opened a moment after it is painted,
        # and the walk is stored from then on (WalkScreen.on_mount, when_step_log_ready).
        walk.call_after_refresh(self.first_screen_ready, LOG_AFTER_DIRECT_WALK)

    def schedule_minute_tick(self) -> None:
        """Wake just after the next whole minute: opening hours change on the minute.

        One timer for the app, not one per walk: a timer holds its screen, and a walk left
        must not stay in memory until the minute is out."""
        wall = dt.datetime.now()
        self.set_timer(60.05 - wall.second - wall.microsecond / 1_000_000, self.minute_tick, name="minute")

    def minute_tick(self) -> None:
        """Every screen that shows the time brings itself up to date (the walk's call line)."""
        self.schedule_minute_tick()
        for screen in self.screen_stack:
            tick = getattr(screen, "minute_tick", None)
            if tick is not None:
                tick()

    def on_resize(self, event: Resize) -> None:
        # Textual sends the first Resize before the app has mounted: a screen pushed then is
        # styled before the app's CSS and theme are in place (its text came out in the
        # background colour). on_mount checks the first size, after the first refresh.
        if self.mounted:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Below 60×20 a plain message replaces the screens until the window grows."""
        from samverkan_tui.tui.screens.too_small import TooSmallScreen, too_small

        screen = self.screen
        if not too_small(width, height):
            if isinstance(screen, TooSmallScreen):
                self.pop_screen()
        elif isinstance(screen, TooSmallScreen):
            screen.show_size(width, height)
        else:
            self.push_screen(TooSmallScreen())

    def first_screen_ready(self, open_log_after: float = 0.0) -> None:
        """The first screen is painted: what start-up put off happens now.

        ``open_log_after``: open the step log that many seconds later, not at once (a walk
        opened by name: a key pressed as soon as the question shows is answered first, and
        the walk is stored when the log opens, ``when_step_log_ready``)."""
        # Everything loaded at start-up lives as long as the app: move it out of the garbage
        # collector's generations, so full collections during a walk stay short (they were
        # the slowest keypresses).
        gc.freeze()
        gc.enable()  # `samverkan` and `samverkan ID` start without it (cli/start.py)
        if open_log_after > 0:
            self.set_timer(open_log_after, self._open_step_log_if_wanted, name="open step log")
        else:
            self._open_step_log_if_wanted()
        if self.on_first_screen_ready is not None:
            callback, self.on_first_screen_ready = self.on_first_screen_ready, None
            callback()

    def open_step_log_soon(self) -> None:
        """A walk changed while its step log waits to open (``LOG_AFTER_DIRECT_WALK``): open
        it right after this change is painted, not when the timer runs out, so that a crash
        in between cannot take the answer with it; the key is still answered first."""
        if self._waiting_for_log:
            self.call_after_refresh(self._open_step_log_if_wanted)

    @property
    def step_log_awaited(self) -> bool:
        """A step log is wanted and has been neither opened nor found unusable yet."""
        return self.use_step_log and self.step_log is None and self.step_log_error is None

    def _open_step_log_if_wanted(self) -> None:
        if self.step_log_awaited:
            self.open_step_log()

    def open_step_log(self) -> None:
        """Open the step log; if it cannot be used, remember why (the screens say so)."""
        from samverkan_tui.steplog.store import StepLog, StepLogError

        try:
            self.step_log = StepLog.open(config=self.config)
        except StepLogError as failure:
            self.step_log_error = str(failure)
        waiting, self._waiting_for_log = self._waiting_for_log, []
        for callback in waiting:
            callback(self.step_log)

    def when_step_log_ready(self, callback: Callable[[StepLog | None], None]) -> None:
        """Call ``callback`` with the step log once it is open (None: no log is used, or it
        could not be opened): at once if that is known, else when the first screen has been
        painted and the log opened (``first_screen_ready``)."""
        if self.step_log_awaited:
            self._waiting_for_log.append(callback)
        else:
            callback(self.step_log)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from samverkan_tui.tui.palette import SwedishCommandPalette

        # What CommandPalette.is_open(app) asks, typed: that one takes an App[object],
        # which an App[None] is not (App is invariant in its return type).
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(SwedishCommandPalette(id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C out of habit: say how to quit, in Swedish (Textual's own text is English)."""
        self.notify("Tryck Ctrl+Q för att avsluta appen.", title="Vill du avsluta?")

    def action_help(self) -> None:
        from samverkan_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Ctrl+Q: quit at once when everything is on disk, otherwise ask first."""
        from samverkan_tui.tui.screens.quit import QuitDialog, unsaved_changes

        if isinstance(self.screen, QuitDialog):
            return
        self._open_step_log_if_wanted()  # quit before the first paint: what was answered is stored
        log = self.step_log
        if log is not None and log.pending:
            log.retry()  # the disk may have room again
        count = unsaved_changes(self)
        if count:
            self.push_screen(QuitDialog(count))
        else:
            self.exit()

    def quit_description(self) -> str:
        """What quitting means now, said only when true (the palette shows it)."""
        from samverkan_tui.tui.screens.quit import changes_text, unsaved_changes

        count = unsaved_changes(self)
        if count:
            return f"Stäng Samverkan ({changes_text(count)}: appen frågar först)"
        if self.step_log is not None:
            return "Stäng Samverkan (allt är redan sparat)"
        return "Stäng Samverkan"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands: the app's own, then those of the screen shown."""
        from samverkan_tui.tui.palette import screen_commands

        yield SystemCommand("Hjälp och ordlista", "Tangenter och begrepp", self.action_help)
        yield SystemCommand("Avsluta appen", self.quit_description(), self.action_quit)
        yield from screen_commands(screen)

    def on_unmount(self) -> None:
        if self._waiting_for_log:  # a walk waits for the log, which was to open a moment later
            self._open_step_log_if_wanted()
        if self.step_log is not None:
            self.step_log.close()


def samverkan_app(node: MessagePump) -> SamverkanApp:
    """``node.app`` as what it is: Textual types it ``App[object]``, without our attributes.

    Every screen and widget of this package runs inside a SamverkanApp (``create_app``).
    """
    return cast(SamverkanApp, node.app)


def create_app(
    now: str | dt.datetime | None = None,
    catalog: Catalog | None = None,
    config: Config | None = None,
    use_step_log: bool = True,
) -> SamverkanApp:
    """Build the app. ``now`` fixes the clock (ISO text or datetime)."""
    config = config or load_config()
    catalog = catalog or load_catalog(config=config)
    fixed = parse_now(now) if isinstance(now, str) else now
    # The step log is opened once the first screen is painted (SamverkanApp.open_step_log):
    # SQLite and the retention purge are not on the start-up budget.
    return SamverkanApp(catalog, config, fixed, use_step_log=use_step_log)


class StartOptions(Protocol):
    """The CLI's global options the app starts from (cli/state.py's ``State``)."""

    now_text: str | None

    def now(self) -> dt.datetime: ...

    def catalog(self) -> Catalog: ...

    def config(self) -> Config: ...


def run_app(
    state: StartOptions,
    training_routine: str | None = None,
    routine_id: str | None = None,
    answers: dict[str, str] | None = None,
) -> None:
    """Start the app from the CLI's global state (catalog, config, --now).

    ``training_routine``: start in the training mode (`samverkan öva`), "" for every routine.
    ``routine_id``: open that routine's walk at once, with ``answers`` already given.
    """
    now = state.now() if state.now_text else None
    app = create_app(now=now, catalog=state.catalog(), config=state.config())
    app.training_routine = training_routine
    if routine_id is not None:
        app.direct_walk = (routine_id, dict(answers or {}))
    app.run()
