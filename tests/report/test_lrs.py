"""Statements from a real LRS (Ralph 5.1.0, the tests' LRS): simulated statements POSTed to it
are read back by ``coursec report --lrs`` page by page (``more``) with the right counts."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lrs.lms import Ralph
from lrs.ralph_server import PASSWORD, USER

from coursec.cli import main
from coursec.model import Course

from .simulate import SAMPLE, Simulator


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    for module in ("ralph", "uvicorn", "bcrypt"):  # importing ralph.api here would configure it
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (pip install -e '.[test]')")
    server = Ralph(tmp_path_factory.mktemp("ralph") / "data").start()
    try:
        yield server
    finally:
        server.stop()


def test_statements_posted_to_ralph_are_reported(ralph: Ralph, sample: Course, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sim = Simulator(sample, seed=9)
    statements = sim.statements(25)
    assert len(statements) > 1000  # more than two pages of 500
    for at in range(0, len(statements), 250):
        status, body = ralph.request("POST", "statements",
                                     json.dumps(statements[at:at + 250]).encode())
        assert status == 200, body[:300]
    monkeypatch.setenv("COURSEC_LRS_USER", USER)
    monkeypatch.setenv("COURSEC_LRS_PASSWORD", PASSWORD)
    monkeypatch.delenv("COURSEC_LRS_AUTH", raising=False)
    # Ralph 5.1.0's activity filter never matches (interop.md): --lrs-all asks for everything
    code = main(["report", str(SAMPLE), "--lrs", ralph.url, "--lrs-all", "--out", str(tmp_path),
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"{len(statements)} statements, 25 learners" in captured.out
    rows = {r["step"]: r["learners"]
            for r in json.loads((tmp_path / "funnel.json").read_text())["rows"]}
    assert {k: rows[k] for k in sim.truth.funnel} == dict(sim.truth.funnel)
    edges = json.loads((tmp_path / "scenario_edges.json").read_text())["rows"]
    assert {(r["scenario"], r["node"], r["choice"]): r["times"] for r in edges if r["times"]} \
        == dict(sim.truth.edges)
    questions_ids = set(sim.iris.values())
    answered = sum(1 for s in statements if s["object"]["id"] in questions_ids)
    questions = json.loads((tmp_path / "questions.json").read_text())["rows"]
    assert sum(r["responses"] for r in questions) == answered
    # wrong credentials: a diagnostic, no traceback
    monkeypatch.setenv("COURSEC_LRS_PASSWORD", "wrong")
    code = main(["report", str(SAMPLE), "--lrs", ralph.url, "--lrs-all", "--out",
                 str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 1 and "error[CS803]: the LRS answered 401" in err
