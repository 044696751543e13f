"""Start-up and a first answer as a person sees them: the installed command in tmux (80×24).

The clock starts when tmux is asked to launch the command and stops when the expected text
is on the screen (`tmux capture-pane -p`, polled every 10 ms), so imports, the first paint
and the terminal's own latency are all included, as they are for the user.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

POLL = 0.01
TIMEOUT = 30.0
# Its own tmux server (`-L`), kept alive by a session that idles for the whole run: when
# the last session of a server closes, the server exits, and a round launched at that
# moment fails with "server exited unexpectedly". Nor do other tmux users (tests, people)
# share or kill this server.
SOCKET = f"samverkan-bench-{uuid.uuid4().hex[:8]}"
_keeper_started = False


class TmuxError(RuntimeError):
    pass


def available() -> bool:
    return shutil.which("tmux") is not None


def _tmux(*args: str) -> list[str]:
    return ["tmux", "-L", SOCKET, *args]


def _keep_server(env: dict[str, str]) -> None:
    global _keeper_started
    if not _keeper_started:
        subprocess.run(
            _tmux("new-session", "-d", "-s", "keeper", "sleep 3600"),
            check=True,
            env={"PATH": env.get("PATH", "/usr/bin:/bin"), "TMUX": ""},
        )
        _keeper_started = True


def stop_server() -> None:
    """End the run's tmux server (and the keeper)."""
    global _keeper_started
    subprocess.run(_tmux("kill-server"), capture_output=True, check=False)
    _keeper_started = False


def _screen(name: str) -> str:
    return subprocess.run(
        _tmux("capture-pane", "-p", "-t", name), capture_output=True, text=True, check=False
    ).stdout


def _wait(name: str, text: str, start: float) -> float:
    while time.perf_counter() - start < TIMEOUT:
        if text in _screen(name):
            return time.perf_counter() - start
        time.sleep(POLL)
    raise TmuxError(f"{text!r} syntes inte: {_screen(name)[-300:]!r}")


def _launch(command: str, env: dict[str, str]) -> tuple[str, float]:
    name = f"cli-bench-{uuid.uuid4().hex[:8]}"
    assignments = " ".join(f"{k}='{v}'" for k, v in env.items())
    _keep_server(env)
    start = time.perf_counter()
    subprocess.run(
        _tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            f"env {assignments} TERM=xterm-256color {command}",
        ),
        check=True,
        env={"PATH": env.get("PATH", "/usr/bin:/bin"), "TMUX": ""},
    )
    return name, start


def _close(name: str) -> None:
    subprocess.run(_tmux("kill-session", "-t", name), capture_output=True, check=False)


def time_until(command: str, text: str, env: dict[str, str]) -> float:
    """Seconds from launching ``command`` until ``text`` is on screen."""
    name, start = _launch(command, env)
    try:
        return _wait(name, text, start)
    finally:
        _close(name)


def time_answer(command: str, first: str, key: str, after: str, env: dict[str, str]) -> tuple[float, float]:
    """Open (until ``first`` is shown), then press ``key`` and time until ``after`` shows."""
    name, start = _launch(command, env)
    try:
        opened = _wait(name, first, start)
        pressed = time.perf_counter()
        subprocess.run(_tmux("send-keys", "-t", name, key), check=True)
        return opened, _wait(name, after, pressed)
    finally:
        _close(name)
