"""The clipboard where the terminal cannot be asked: Windows' own ``clip.exe``.

The app's `c` asks the terminal to copy with OSC 52. Windows Terminal does (it sets
``WT_SESSION``); the classic console (conhost) ignores the request silently, so there
the text goes to ``clip.exe``, which every Windows since Vista has, no admin rights needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping


def system_clipboard_command(
    platform: str = sys.platform, env: Mapping[str, str] | None = None
) -> list[str] | None:
    """The command that copies stdin to the clipboard when OSC 52 cannot be relied on, or None."""
    env = os.environ if env is None else env
    if platform == "win32" and not env.get("WT_SESSION"):
        return ["clip.exe"]
    return None


def copy_outside_terminal(
    text: str,
    command: list[str] | None = None,
    run: Callable[..., object] = subprocess.run,
) -> bool:
    """Copy ``text`` with the system's clipboard command; True when it succeeded.

    False when there is no such command here (the terminal's OSC 52 is the way) or it failed.
    ``clip.exe`` reads UTF-16 with a byte-order mark as Unicode whatever the code page.
    """
    command = system_clipboard_command() if command is None else command
    if not command:
        return False
    try:
        run(command, input=text.encode("utf-16"), check=True, timeout=5, capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True
