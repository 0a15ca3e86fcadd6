"""Browser fixtures: one Chromium per test session, the test LMS server, built packages.

Chromium, Playwright or ``tests/js/node_modules`` missing on this machine fails them with the
reason (``requires``: CI has all three); so does a package that fails to build or to run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requires  # tests/ is on sys.path

from .lmshost import REPO, Lms, LmsServer, missing_browser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_COURSE = REPO / "courses" / "customer-service"
SCORM_TARGETS = ("scorm12", "scorm2004")


def build_course(course: Path, out: Path, targets: tuple[str, ...] = SCORM_TARGETS,
                 region: str = "en-US") -> None:
    """``coursec build`` (the CLI, as a user runs it) for one region; fails the test loudly."""
    cmd = [sys.executable, "-m", "coursec", "build", str(course), "--target", ",".join(targets),
           "--region", region, "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        errors = [line for line in (proc.stdout + proc.stderr).splitlines()
                  if "warning[" not in line]
        pytest.fail(
            f"building {course.name} failed ({' '.join(cmd[2:])}, exit {proc.returncode}):\n"
            + "\n".join(errors[-60:]),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def lms_server() -> Iterator[LmsServer]:
    server = LmsServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def lms(browser: Any, lms_server: LmsServer) -> Lms:
    return Lms(browser, lms_server)


# --------------------------------------------------------------------------------------------
# packages
# --------------------------------------------------------------------------------------------

_MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="fixture-sco" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Fixture</title>
      <item identifier="item" identifierref="res"><title>Fixture</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

_MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="fixture-sco" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Fixture</title>
      <item identifier="item" identifierref="res"><title>Fixture</title>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="pass" satisfiedByMeasure="true">
            <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
          </imsss:primaryObjective>
        </imsss:objectives></imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


@pytest.fixture(scope="session")
def fixture_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hand-written fixture SCO as a 1.2 and a 2004 package (proves the harness itself)."""
    root = tmp_path_factory.mktemp("fixture-sco")
    out = {}
    for target, manifest in (("scorm12", _MANIFEST_12), ("scorm2004", _MANIFEST_2004)):
        d = root / target
        shutil.copytree(FIXTURES / "sco", d)
        (d / "imsmanifest.xml").write_text(manifest, encoding="utf-8")
        out[target] = d
    return out


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course built once per test session for the SCORM targets.

    Returns the output root; packages are in ``<root>/customer-service/en-US/<target>/``.
    A failing build fails the tests that need it (with the compiler's output).
    """
    requires.missing(missing_browser())
    out = tmp_path_factory.mktemp("sample-build")
    build_course(SAMPLE_COURSE, out)
    return out


def sample_package(build: Path, target: str, locale: str = "en-US") -> Path:
    pkg = build / "customer-service" / locale / target
    if not (pkg / "imsmanifest.xml").exists():
        found = sorted(str(p.relative_to(build)) for p in build.rglob("imsmanifest.xml"))
        pytest.fail(f"no package at {pkg}; manifests built: {found}", pytrace=False)
    return pkg


# the sample course's SCORM packages, and a test run once per SCORM target
@pytest.fixture(scope="session")
def packages(sample_build: Path) -> dict[str, Path]:
    return {t: sample_package(sample_build, t) for t in SCORM_TARGETS}


@pytest.fixture(params=SCORM_TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)
