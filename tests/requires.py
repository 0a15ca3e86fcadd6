"""What the suite needs from the machine, checked where a test starts to need it.

In:  the name of a tool the tests drive (Graphviz ``dot``; Chromium, Playwright and the npm
     packages are checked by ``browser/lmshost.missing_browser``, Ralph by ``lrs/fixtures``).
Out: nothing when it is there; otherwise the test FAILS with what is missing and how to get it.
     ``scripts/test.sh`` installs all of them, so in CI a missing one is a broken setup, not a
     reason to skip: only the acceptance runtimes (Moodle, CATAPULT) and root-only conditions
     skip (see tests/acceptance and test_output).
"""

from __future__ import annotations

import shutil

import pytest

INSTALL = "scripts/test.sh installs it"


def missing(reason: str | None) -> None:
    """Fail the running test with ``reason`` when there is one."""
    if reason:
        pytest.fail(f"{reason} ({INSTALL})", pytrace=False)


def dot() -> None:
    """Graphviz ``dot``, which ``coursec graph`` and the preview's scenario graphs run."""
    missing(None if shutil.which("dot") else "Graphviz 'dot' is not installed (apt-get install "
            "graphviz)")
