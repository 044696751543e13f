"""The README's picture of the follow-up report: generated walks → HTML → Chromium → PNG.

    .venv/bin/python scripts/report_picture.py [OUT.png]     # or: make docs

Fills a temporary step log with 160 generated walks (bench/steplog_fixture.py, fixed
seed and date, so the picture changes only when the report does), writes the report
with the installed `samverkan logg statistik -f html`, takes a headless Chromium
screenshot of the top of the first page and reduces it to a small palette PNG
(Pillow comes with pikepdf, a dev dependency). Needs Chromium (`apt-get install -y chromium`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.steplog_fixture import generate_walks, shipped_routines  # noqa: E402
from samverkan_tui.core.base.clock import STOCKHOLM  # noqa: E402

OUT = REPO / "docs" / "uppfoljning.png"
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=STOCKHOLM)
WIDTH, HEIGHT = 820, 1180  # CSS pixels: the title block, the weekly line and the first bars


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("report_picture: Chromium saknas; installera med `apt-get install -y chromium`")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    from samverkan_tui.steplog.store import StepLog

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        routines = [r for r in shipped_routines() if r.id == "rvt-bou"] or shipped_routines()
        with StepLog.open(tmp / "data", retention_days=100_000) as log:
            log.store_walks(generate_walks(routines, 160, NOW, seed=19, days=84))
        env = {
            **os.environ,
            "SAMVERKAN_DATA": str(tmp / "data"),
            "SAMVERKAN_CONFIG": str(tmp / "none.toml"),
            "HOME": str(tmp),
        }
        html = tmp / "uppfoljning.html"
        samverkan = Path(sys.executable).parent / "samverkan"
        subprocess.run(
            [str(samverkan), "--now", NOW.isoformat(), "logg", "statistik", "-f", "html", "-o", str(html)],
            env=env,
            check=True,
            capture_output=True,
        )
        shot = tmp / "shot.png"
        subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={shot}",
                html.as_uri(),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        from PIL import Image

        with Image.open(shot) as image:
            small = image.convert("RGB").quantize(colors=48, method=Image.Quantize.MEDIANCUT)
            out.parent.mkdir(parents=True, exist_ok=True)
            small.save(out, optimize=True)
    print(f"Skrev {out} ({out.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
