"""Shared pytest fixtures. Each team member appends their own section below."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from schemas import load_schema  # tests/ is on sys.path (pytest rootdir conftest, no __init__)

# --- official XSDs (targets, archive) -------------------------------------------------------


@pytest.fixture(scope="session")
def scorm12_schema() -> etree.XMLSchema:
    """SCORM 1.2 CAM schema (scorm12/_root.xsd, with the imsmd UPA fix), compiled once."""
    return load_schema("scorm12")


@pytest.fixture(scope="session")
def scorm2004_3rd_schema() -> etree.XMLSchema:
    """SCORM 2004 3rd edition schema set, compiled once."""
    return load_schema("scorm2004-3")


@pytest.fixture(scope="session")
def scorm2004_4th_schema() -> etree.XMLSchema:
    """SCORM 2004 4th edition schema set, compiled once."""
    return load_schema("scorm2004-4")


# --- xAPI / cmi5: the tests' LMS with Ralph, and the packages mounted on it (tests/lrs) -------

from lrs.fixtures import lrs_lms, lrs_packages  # noqa: E402, F401

# --- the browser: one Chromium for the whole session (Playwright's sync API allows one per
# --- process, so every test that needs a browser takes this fixture) --------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    import requires
    from browser.lmshost import CHROMIUM, CHROMIUM_ARGS, missing_browser

    requires.missing(missing_browser())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# --- the preview of a copy of the sample course (SCORM 1.2), started on a free port ----------


@pytest.fixture
def sample_preview(tmp_path: Path) -> Iterator[Any]:
    """A running ``Preview`` of a copy of the sample course (tests edit the copy)."""
    from coursec.preview.app import Preview, PreviewOptions

    course = tmp_path / "customer-service"
    shutil.copytree(Path(__file__).resolve().parents[1] / "courses" / "customer-service", course)
    app = Preview(PreviewOptions(course_dir=course, target="scorm12", port=0), io.StringIO())
    app.start()
    try:
        yield app
    finally:
        app.stop()
