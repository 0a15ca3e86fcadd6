"""Start-up: ``coursec --version`` and ``--help`` load no heavy library (issue 17).

Each command runs in a fresh interpreter under ``python -X importtime``; the modules it imported
are read from that report (one ``import time: self | cumulative | name`` line per module). No
time is measured or asserted here (``bench/importtime.py`` reports the times): only which
modules were loaded, so that a module-level import added to a subcommand cannot slow every
other command silently.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: the libraries only the pipeline (or one subcommand) needs
HEAVY = ("pydantic", "lxml", "babel", "jinja2", "markdown_it", "rich", "yaml", "translate",
         "polib", "coursec.build", "coursec.parse", "coursec.render", "coursec.config")


def imported(*argv: str) -> set[str]:
    """Every module ``python -m coursec ARGV`` imported."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coursec", *argv],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return {
        line.rpartition("|")[2].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"]])
def test_start_up_loads_no_heavy_library(argv: list[str]) -> None:
    modules = imported(*argv)
    assert "coursec.cli" in modules  # the report was read
    assert heavy(modules) == [], f"coursec {' '.join(argv)} imports {heavy(modules)}"


def test_the_probe_sees_a_heavy_import() -> None:
    """``coursec schema`` needs pydantic: the same probe finds it there."""
    assert "pydantic" in heavy(imported("schema"))


def test_common_region_tags_need_no_langcodes() -> None:
    """``tag_problem``'s shortcut (``COMMON_TAG`` with Babel data) says what langcodes says."""
    import langcodes
    from babel import localedata

    from coursec.localize.regions import COMMON_TAG, tag_problem

    tags = [i.replace("_", "-") for i in localedata.locale_identifiers()]
    common = [tag for tag in tags if COMMON_TAG.fullmatch(tag)]
    assert len(common) > 300  # the shortcut covers the usual regions
    assert [tag for tag in common if not langcodes.tag_is_valid(tag)] == []
    assert tag_problem("de-DE") is None and tag_problem("ar-SA") is None
    assert tag_problem("zz-ZZ") is not None and "BCP 47" in str(tag_problem("de_DE"))


@pytest.mark.parametrize("target", ["web", "xapi", "cmi5"])
def test_a_web_only_build_loads_no_lxml(target: str, tmp_path: Path) -> None:
    """Only the SCORM manifests need lxml: a build of the web or xAPI targets never loads it
    (the xAPI documents are written by ``coursec.targets.xml_tree``)."""
    out = tmp_path / "out"
    modules = imported("build", "courses/customer-service", "--target", target, "--jobs", "1",
                       "--no-cache", "--quiet", "--out", str(out))
    assert "coursec.build" in modules and "coursec.targets.base" in modules
    assert sorted(m for m in modules if m == "lxml" or m.startswith("lxml.")) == []
    assert sorted(out.glob(f"*-{target}.zip"))  # it built


def test_the_probe_sees_lxml_in_a_scorm_build(tmp_path: Path) -> None:
    modules = imported("build", "courses/customer-service", "--target", "scorm2004", "--jobs",
                       "1", "--no-cache", "--quiet", "--out", str(tmp_path / "out"))
    assert "lxml.etree" in modules


#: what only ``coursec release``/``diff`` and ``check --since`` need (git archives, the diff)
RELEASE_TOOLING = ("coursec.release.commands", "coursec.release.diff", "coursec.release.source",
                   "tarfile")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_course_without_releases_loads_no_release_tooling(command: str, tmp_path: Path) -> None:
    """The CS900 guard runs before every build and check; for a course with no ``releases/``
    (the sample) it loads nothing of the release tooling."""
    out = ["--target", "web", "--jobs", "1", "--no-cache", "--quiet", "--out",
           str(tmp_path / "out")] if command == "build" else ["--target", "web"]
    modules = imported(command, "courses/customer-service", *out)
    assert "coursec.release.guard" in modules  # the guard itself ran
    assert sorted(m for m in modules if m in RELEASE_TOOLING) == []
