"""Start the built bundle once in a real terminal (tmux, 80×24) and see its first screen.

    python3 scripts/try_bundle_in_tmux.py [dist/samverkan/samverkan]

Used by .ci/run after `make bundle`: proof that the self-contained program starts the app,
finds its routines, opens one (the walk's styles are data files beside its module, read
when it is first shown) and quits on Ctrl+Q, with a clean environment and a home of its own.
Exit 0 when it did; otherwise the screen as it was, and 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOCKET = "samverkan-bundle"  # a private tmux server, never the user's own
WAIT_FOR = "Välj rutin"
ROUTINE = "RVT–BoU"
FIRST_QUESTION = "Fråga 1"  # the walk's question panel: Enter opened the first routine


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False)


def screen() -> str:
    return tmux("capture-pane", "-p").stdout


def shows(text: str, seconds: float, failure: str) -> bool:
    """Wait until ``text`` is on the screen; if it never comes, print the screen and why."""
    deadline = time.monotonic() + seconds
    while text not in screen():
        if time.monotonic() > deadline:
            print(screen())
            print(f"try_bundle_in_tmux: {failure}", file=sys.stderr)
            return False
        time.sleep(0.2)
    return True


def main() -> int:
    program = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/samverkan/samverkan").resolve()
    if not program.is_file():
        print(f"try_bundle_in_tmux: {program} finns inte; kör make bundle först", file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        print("try_bundle_in_tmux: tmux saknas", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="samverkan-bundle-"))
    command = (
        f"env -i HOME={home} TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin "
        f"{program} --now 2026-11-23T10:00; echo SLUT $? > {home}/exit"
    )
    tmux("kill-server")
    tmux("new-session", "-d", "-x", "80", "-y", "24", command)
    try:
        if not shows(WAIT_FOR, 60, "the first screen never came"):
            return 1
        shown = screen()
        print(shown)
        if ROUTINE not in shown:
            print("try_bundle_in_tmux: the shipped routines are missing", file=sys.stderr)
            return 1
        tmux("send-keys", "Enter")
        if not shows(FIRST_QUESTION, 30, "Enter did not open the routine's walk"):
            return 1
        print(screen())
        tmux("send-keys", "C-q")
        deadline = time.monotonic() + 30
        while not (home / "exit").exists():
            if time.monotonic() > deadline:
                print("try_bundle_in_tmux: Ctrl+Q did not quit", file=sys.stderr)
                return 1
            time.sleep(0.2)
        result = (home / "exit").read_text(encoding="utf-8").split()
        print(f"The bundle started, showed its routines, opened one and quit with exit code {result[-1]}.")
        return 0 if result[-1] == "0" else 1
    finally:
        tmux("kill-server")
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
