"""``coursec check --scenarios``: the report for a small scenario, as text and JSON (golden).

Regenerate with COURSEC_UPDATE_GOLDEN=1 and read the diff: the numbers are checked by hand
for this graph (2 endings; 'cold' loops on itself, so paths are unbounded).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from coursec.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "small.md"
GOLDEN = Path(__file__).parent / "golden"


def _course(tmp_path: Path) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: small\ntitle: Small\ntargets: [web]\n")
    shutil.copy(FIXTURE, tmp_path / "lessons" / "01-small.md")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_scenario_report(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", str(_course(tmp_path)), "--scenarios"] + (["--json"] if fmt == "json" else [])
    assert main(args) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / f"scenario-report.{'json' if fmt == 'json' else 'txt'}"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        golden.write_text(out)
    assert out == golden.read_text()


def test_report_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(_course(tmp_path)), "--scenarios", "--json"])
    (report,) = json.loads(capsys.readouterr().out)
    assert (report["nodes"], report["endings"]) == (3, 2)
    solved, refund = report["per_ending"]["solved"], report["per_ending"]["refund"]
    assert solved["shortest"] == 2  # greet -> check -> solved
    assert solved["longest"] is None  # 'cold' can repeat before it
    assert refund["shortest"] == 2 and refund["min_scores"]["empathy"] == 2
    assert solved["passes"] is True and refund["passes"] is False
    assert report["paths_capped"] is True
