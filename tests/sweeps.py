"""How large the generated sweeps are: a sample in `make test`, the full size in CI.

`make test` is the suite a developer runs before every commit, so its sweeps (mutants,
generated identifiers, kill moments) are a sample large enough to cover every kind of
case several times. `make test-thorough` (which `.ci/run` runs too) sets
``SAMVERKAN_THOROUGH=1`` and runs them at the full size. A variable of a sweep's own
(``SAMVERKAN_MUTANTS=2000``) overrides both.
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("SAMVERKAN_THOROUGH", "") not in ("", "0")


def sweep_size(variable: str, sample: int, thorough: int) -> int:
    """The size of one sweep: ``variable`` if set, else the sample or the thorough size."""
    value = os.environ.get(variable, "").strip()
    if value:
        return int(value)
    return thorough if THOROUGH else sample
