"""pytest fixtures for the xAPI / cmi5 tests: the LMS + Ralph and the built packages
(Chromium is ``tests/browser``'s ``browser`` fixture).

Registered by ``tests/conftest.py``. Everything is started once per
test session; Chromium, Playwright, Ralph or the tincan client missing fails the tests with the
reason (``requires``: CI has them all).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requires  # tests/ is on sys.path

from .lms import LrsLms

REPO = Path(__file__).resolve().parents[2]
SAMPLE = Path(os.environ.get("COURSEC_XAPI_COURSE", REPO / "courses" / "customer-service"))
CHROMIUM = os.environ.get("COURSEC_CHROMIUM", "/usr/bin/chromium")
TARGETS = ("xapi", "cmi5", "web")

__all__ = ["lrs_lms", "lrs_packages"]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}"
    for module in ("playwright.sync_api", "ralph.models.xapi", "uvicorn", "tincan", "bcrypt"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def lrs_lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LrsLms]:
    requires.missing(_missing())
    lms = LrsLms(tmp_path_factory.mktemp("lrs")).start()
    try:
        yield lms
    finally:
        lms.stop()


@pytest.fixture(scope="session")
def lrs_packages(tmp_path_factory: pytest.TempPathFactory, lrs_lms: LrsLms) -> dict[str, str]:
    """The sample course built for xapi, cmi5 and web, mounted on the LMS: target -> launch URL
    without parameters."""
    out = tmp_path_factory.mktemp("lrs-build")
    cmd = [sys.executable, "-m", "coursec", "build", str(SAMPLE), "--target", ",".join(TARGETS),
           "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}", pytrace=False)
    found = {}
    for target in TARGETS:
        pkgs = sorted(out.glob(f"customer-service/*/{target}"))
        assert pkgs, f"no {target} package in {out}"
        found[target] = lrs_lms.mount(f"cs-{target}", pkgs[0])
    return found
