"""Every key of the app, declared once: key, Swedish label, help row, footer rank, palette entry.

The bindings of each screen and widget (``bindings(owner)``), the footer's order of what it
keeps when space runs out (``footer_rank``), the command palette's walk commands
(``palette_commands``) and the per-screen F1 help (``help_rows``) are all derived from
``KEYS``. An owner is the class that binds the keys, by name: a key bound by ``PlanList``
is on offer wherever the plan is, and F1 lists it on the screens that show a plan.
tests/tui/test_keys.py fails when a binding has no help row or a help row no binding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.dom import DOMNode
    from textual.widget import Widget

DIGIT_KEYS = "1–9"


# A NamedTuple, not a frozen dataclass: the module is imported on every start, and a frozen
# dataclass of this size cost about 2 ms to create (bench: start to "Välj rutin").
class Key(NamedTuple):
    """One key (or a group of keys for one action) and everything said about it."""

    keys: str  # Textual's key names, comma-separated: "j,y"
    action: str
    label: str  # in the footer
    help: str  # the help row (F1) and the palette's description
    display: str = ""  # how the key reads in the help: "j / y"; default from ``keys``
    id: str = ""
    show: bool = True  # in the footer
    priority: bool = False
    system: bool = False
    rank: int | None = None  # footer: lower is kept longer when space runs out
    palette: str = ""  # the palette command's title; "" when not in the palette
    digits: bool = False  # "1".."9": ``action`` takes the digit, ``pick({n})``

    def bindings(self) -> list[Binding]:
        if self.digits:
            first = Binding(
                "1",
                self.action.format(n=1),
                self.label,
                id=self.id or None,
                show=self.show,
                key_display=DIGIT_KEYS,
            )
            return [first, *(Binding(str(n), self.action.format(n=n), show=False) for n in range(2, 10))]
        return [
            Binding(
                self.keys,
                self.action,
                self.label,
                show=self.show,
                priority=self.priority,
                system=self.system,
                id=self.id or None,
                tooltip=self.help,
            )
        ]

    @property
    def shown_keys(self) -> str:
        if self.digits:
            return DIGIT_KEYS
        return self.display or " / ".join(_key_name(k) for k in self.keys.split(","))


_NAMES = {
    "escape": "Esc",
    "backspace": "Backsteg",
    "enter": "Enter",
    "space": "Mellanslag",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "question_mark": "?",
    "delete": "Delete",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "f1": "F1",
}


def _key_name(key: str) -> str:
    if key in _NAMES:
        return _NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return key


KEYS: dict[str, tuple[Key, ...]] = {
    "SamverkanApp": (
        Key(
            "ctrl+q",
            "quit",
            "Avsluta",
            "avsluta appen; finns ändringar som inte kunde sparas frågar "
            "appen först (försök igen, exportera eller avsluta ändå)",
            id="quit",
            priority=True,
            rank=11,
        ),
        Key(
            "f1,question_mark",
            "help",
            "Hjälp",
            "den här hjälpen: tangenterna på skärmen du är på",
            id="help",
            rank=9,
        ),
        # Declared here so that Textual does not add its own, English, "palette" key.
        Key(
            "ctrl+p",
            "command_palette",
            "Kommandon",
            "kommandopaletten: allt som går att göra",
            id="command_palette",
            show=False,
            priority=True,
        ),
        Key("ctrl+c", "help_quit", "Avsluta?", "säger hur appen avslutas (Ctrl+Q)", show=False, system=True),
    ),
    "StartScreen": (
        # Not a priority binding: the filter field takes Enter itself (Input.Submitted), after
        # the letters typed before it. A priority Enter ran before the field had seen them,
        # and fast typing ("skriv⏎") opened the wrong routine.
        Key(
            "enter",
            "open",
            "Öppna",
            "öppna den markerade rutinen (skriv för att filtrera)",
            id="open",
            rank=14,
        ),
        Key("down", "move(1)", "Nästa", "nästa rutin", id="next", show=False, priority=True),
        Key("up", "move(-1)", "Föregående", "föregående rutin", id="previous", show=False, priority=True),
        Key("escape", "clear_filter", "Rensa filter", "rensa filtret", id="clear_filter", show=False),
        # Ctrl: plain letters go to the filter.
        Key(
            "ctrl+o",
            "training",
            "Övning",
            "övningsläge: påhittade fall och guidad rundtur",
            id="training",
            rank=16,
            palette="Övningsläge",
        ),
        Key(
            "ctrl+t",
            "statistics",
            "Statistik",
            "uppföljning: statistik utan personuppgifter",
            id="statistics",
            palette="Uppföljning (statistik)",
        ),
        # Not in the footer (it is full at 80 columns): Ctrl+P and the help list it.
        Key(
            "ctrl+g",
            "review",
            "Granska",
            "granska den markerade rutinen (årlig översyn)",
            id="review",
            show=False,
            palette="Granska rutinen",
        ),
        # "?" opens help here too (the filter never needs it).
        Key(
            "question_mark",
            "app.help",
            "Hjälp",
            "den här hjälpen (också här, fast filtret har fokus)",
            id="help_start",
            show=False,
            priority=True,
        ),
    ),
    "ResumeScreen": (
        Key("enter", "resume", "Fortsätt", "fortsätt den markerade genomgången", id="resume", priority=True),
        Key(
            "delete,ctrl+d",
            "discard",
            "Släng",
            "släng den markerade genomgången (frågar först)",
            id="discard",
        ),
        Key(
            "escape",
            "new",
            "Ny genomgång",
            "ny genomgång; inget tas bort (att skriva ett rutinnamn gör samma sak och filtrerar startsidan)",
            id="new",
        ),
        Key(
            "question_mark",
            "app.help",
            "Hjälp",
            "den här hjälpen",
            id="help_resume",
            show=False,
            priority=True,
        ),
    ),
    "AnsweringScreen": (
        Key(
            "escape,backspace",
            "back",
            "Tillbaka",
            "tillbaka: avbryt en ändring, gå från planen till "
            "frågan, från frågan till startsidan (genomgången sparas); tar aldrig tillbaka ett svar",
            id="back",
            rank=13,
        ),
        Key(
            "u",
            "undo_answer",
            "Ångra svar",
            "ta tillbaka senaste svaret (planen räknas om och appen säger vilket svar)",
            id="undo_answer",
            rank=12,
            palette="Ta tillbaka senaste svaret",
        ),
        # The app's actions: a screen has no focus_next action of its own, and a binding
        # to a missing action silently does nothing (Tab did nothing here once).
        Key(
            "tab",
            "app.focus_next",
            "Nästa ruta",
            "nästa ruta: fråga, svar, plan (och kontakter)",
            id="focus_next",
            show=False,
        ),
        Key(
            "shift+tab",
            "app.focus_previous",
            "Föregående ruta",
            "föregående ruta",
            id="focus_previous",
            show=False,
        ),
    ),
    "QuestionPanel": (
        Key("j,y", "answer_yes", "Ja", "svara ja", id="answer_yes", rank=1),
        Key("n", "answer_no", "Nej", "svara nej", id="answer_no", rank=2),
        Key(
            "", "answer_option({n})", "Välj", "välj svarsalternativ", id="answer_option", rank=3, digits=True
        ),
    ),
    "AnswersList": (
        Key(
            "enter",
            "select",
            "Ändra svar",
            "ändra det markerade svaret; planen räknas om, det som gjorts står kvar",
            id="change_answer",
        ),
    ),
    "PlanList": (
        Key("space", "toggle_done", "Klar", "markera steget klart (tiden noteras)", id="toggle_done", rank=5),
        Key(
            "e",
            "not_applicable",
            "Ej aktuell",
            "steget är ej aktuellt, med valfri orsak",
            id="not_applicable",
            rank=6,
        ),
        Key(
            "a",
            "deviation",
            "Avvikelse",
            "avvikelse: kategori (kontakt som inte nåddes: vilken) och "
            "valfri orsak; igen: ändra, Esc behåller orsaken",
            id="deviation",
            rank=7,
        ),
    ),
    "WalkScreen": (
        Key(
            "ctrl+f",
            "finish",
            "Avsluta genomgång",
            "avsluta genomgången (frågar om åtgärder är kvar)",
            id="finish",
            rank=10,
            palette="Avsluta genomgången",
        ),
        Key(
            "f",
            "toggle_mine",
            "Mina/alla steg",
            "visa bara din rolls steg / alla steg (samma ordning)",
            id="toggle_mine",
            palette="Mina steg / alla steg",
        ),
        Key(
            "r",
            "choose_role",
            "Roll",
            "välj din roll (ringraden säger då aldrig åt er att ringa er själva)",
            id="choose_role",
            palette="Ändra roll",
        ),
        Key(
            "s",
            "summary",
            "Sammanfattning",
            "sammanfattning för journalen (c kopierar)",
            id="summary",
            palette="Sammanfattning för journalen",
        ),
        Key(
            "x",
            "export",
            "Exportera",
            "exportera genomgången: PDF, Markdown, text, HTML eller kalender",
            id="export",
            palette="Exportera genomgången",
        ),
        Key(
            "v",
            "toggle_remarks",
            "Anmärkningar",
            "läs anmärkningarna om rutinen i sin helhet",
            id="toggle_remarks",
            show=False,
            palette="Anmärkningar om rutinen",
        ),
        Key(
            "i",
            "read_information",
            "Information",
            "läs planens information (principer, begrepp, lagtext) i sin helhet: planen visar den på en rad",
            id="read_information",
            show=False,
            palette="Läs informationen i planen",
        ),
        Key(
            "o",
            "reopen",
            "Öppna igen",
            "öppna en avslutad genomgång igen: först då tar den ändringar",
            id="reopen",
            rank=0,
            palette="Öppna genomgången igen",
        ),
    ),
    "ReviewScreen": (
        Key("g", "answer('gäller')", "Gäller", "punkten gäller oförändrad", id="review_ok"),
        Key("ä,a", "answer('ändras')", "Ändras", "skriv vad som ska ändras", id="review_change"),
        Key("t", "answer('tas bort')", "Tas bort", "punkten ska tas bort", id="review_remove"),
        Key(
            "s",
            "answer('stämmer')",
            "Stämmer",
            "kontaktens nummer och telefontider stämmer",
            id="review_contact_ok",
        ),
        Key(
            "p",
            "protocol",
            "Protokoll",
            "skriv granskningsprotokollet (Markdown och PDF)",
            id="review_protocol",
        ),
        Key("escape", "leave", "Spara och tillbaka", "spara granskningen och gå tillbaka", id="review_leave"),
    ),
    "ExerciseListScreen": (
        Key("r", "tour", "Rundtur", "guidad rundtur genom rutinens frågor och grenar", id="tour"),
        Key("s", "summary", "Sammanfattning", "sammanfattning av övningarna", id="training_summary"),
        Key("escape", "leave", "Tillbaka", "tillbaka till startsidan", id="leave"),
    ),
    "ResultScreen": (
        Key("enter", "next", "Nästa övning", "nästa övning", id="next_exercise"),
        Key("g", "retry", "Gör om", "gör om övningen", id="retry"),
        Key("s", "summary", "Sammanfattning", "sammanfattning av övningarna", id="training_summary"),
        Key("escape", "leave", "Till listan", "tillbaka till listan", id="to_list"),
    ),
    "TrainingSummaryScreen": (
        Key("escape,enter", "leave", "Till listan", "tillbaka till listan", id="to_list"),
    ),
    "TourScreen": (
        # Priority: the focused scroll area binds left/right to horizontal scrolling.
        Key("right,space,enter", "move(1)", "Nästa", "nästa fråga eller gren", id="tour_next", priority=True),
        Key(
            "left", "move(-1)", "Föregående", "föregående fråga eller gren", id="tour_previous", priority=True
        ),
        Key("escape", "leave", "Tillbaka", "tillbaka till övningarna", id="tour_leave"),
    ),
    "StatisticsScreen": (
        Key("escape", "back", "Tillbaka", "tillbaka till startsidan", id="back"),
        Key("right", "routine(1)", "Nästa rutin", "nästa rutins siffror", id="next_routine", priority=True),
        Key(
            "left",
            "routine(-1)",
            "Förra rutinen",
            "förra rutinens siffror",
            id="previous_routine",
            priority=True,
        ),
    ),
    # Dialogs and the windows over a screen.
    "HelpScreen": (Key("escape,q,f1,question_mark", "close", "Stäng", "stäng hjälpen", id="close_help"),),
    "SummaryScreen": (
        Key("c", "copy", "Kopiera", "kopiera sammanfattningen till urklipp (OSC 52)", id="copy"),
        Key("escape,q", "close", "Stäng", "stäng sammanfattningen", id="close"),
    ),
    "QuitDialog": (
        Key("f", "retry", "Försök igen", "försök spara igen", id="quit_retry"),
        Key("e", "export", "Exportera", "exportera genomgången till en fil", id="quit_export"),
        Key("a", "quit_anyway", "Avsluta ändå", "avsluta utan att spara", id="quit_anyway"),
        Key("escape", "cancel", "Tillbaka", "tillbaka till appen", id="quit_cancel"),
    ),
    "DigitDialog": (
        Key("", "pick({n})", "Välj", "välj med siffra", show=False, digits=True),
        Key("escape", "cancel", "Avbryt", "avbryt", id="cancel"),
    ),
    "RoleDialog": (Key("m", "toggle_remember", "Kom ihåg", "kom ihåg rollen som standard", id="remember"),),
    "ConfirmDialog": (
        Key("j,y,enter", "answer(True)", "Ja", "ja", id="yes"),
        Key("n,escape", "answer(False)", "Nej", "nej", id="no"),
    ),
    "TextDialog": (
        Key("escape", "skip", "Hoppa över", "hoppa över (eller behåll det som redan står)", id="skip"),
    ),
    "ReadingDialog": (Key("escape,q,v", "close", "Stäng", "stäng", id="close_reading"),),
    "SwedishCommandPalette": (
        Key("escape", "escape", "Stäng kommandopaletten", "stäng kommandopaletten"),
        Key("down", "cursor_down", "Nästa kommando", "nästa kommando", show=False),
    ),
}


def bindings(owner: str) -> list[BindingType]:
    """The bindings of the class named ``owner``, in the order declared."""
    return [binding for key in KEYS[owner] for binding in key.bindings()]


@lru_cache(maxsize=256)
def footer_rank(action: str) -> int:
    """Where ``action`` stands in the footer's order of what it keeps (lower: kept longer)."""
    name = action.partition("(")[0].removeprefix("app.")
    for keys in KEYS.values():
        for key in keys:
            if key.rank is not None and key.action.partition("(")[0].removeprefix("app.") == name:
                return key.rank
    return 100


def owners_of(node: DOMNode) -> list[str]:
    """The registry's owners on the screen ``node``: its classes and its widgets' classes."""
    from textual.screen import Screen

    found: list[str] = []
    classes: list[type] = []
    if isinstance(node, Screen):  # the focused parts first (question, answers, plan), then the screen
        for widget in node.query("*"):
            classes += type(widget).__mro__
    classes += type(node).__mro__
    for cls in classes:
        if cls.__name__ in KEYS and cls.__name__ not in found:
            found.append(cls.__name__)
    return found


def help_rows(owners: Iterable[str]) -> list[tuple[str, str]]:
    """(key, what it does) for each key of ``owners``, the app's own last."""
    chosen = [o for o in owners if o != "SamverkanApp"] + ["SamverkanApp"]
    return [(key.shown_keys, key.help) for owner in chosen for key in KEYS[owner] if not key.system]


def palette_commands(node: Widget) -> Iterator[SystemCommand]:
    """The palette's commands for the keys of ``node``'s screen that have a palette title."""
    from textual.app import SystemCommand

    for owner in owners_of(node):
        if owner == "SamverkanApp":
            continue
        for key in KEYS[owner]:
            name = key.action.partition("(")[0]
            if key.palette and node.check_action(name, ()) is not False:
                yield SystemCommand(
                    key.palette, key.help, lambda a=key.action: node.call_later(node.run_action, a)
                )
