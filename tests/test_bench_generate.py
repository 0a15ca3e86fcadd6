"""bench/generate.py writes a course that checks clean, and writes it deterministically; its
scenario is a real one of the sample course's size, and the scenario analysis passes it clean."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from coursec.check.scenario import check_scenario
from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.model import Scenario
from coursec.parse import load_course

REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "bench" / "generate.py"
SAMPLE = REPO / "courses" / "customer-service"


def _generate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_scale_1_checks_clean_and_is_deterministic(tmp_path: Path) -> None:
    generate = _generate_module()
    first, second = tmp_path / "a", tmp_path / "b"
    generate.main(["--scale", "1", "--out", str(first)])
    generate.main(["--scale", "1", "--out", str(second)])

    assert main(["check", str(first)]) == 0
    files = _files(first)
    assert files == _files(second)
    lessons = [name for name in files if name.startswith("lessons/")]
    assert len(lessons) == 1
    text = files[lessons[0]].decode()
    assert text.count(":::{quiz}") == 10 + 5  # 10 per module + the small final assessment
    assert "::::{assessment}" in text
    assert text.count("::::{scenario}") == 1  # a real scenario, not a block quote dialogue
    assert text.count(":::{node}") == 10 and ":::{ending}" in text
    assert any(name.startswith("media/") and name.endswith(".svg") for name in files)


def _shape(scenario: Scenario) -> dict[str, int]:
    choices = [c for node in scenario.nodes.values() for c in node.choices]
    return {
        "nodes": len(scenario.nodes),
        "endings": len(scenario.endings),
        "outcomes": len({e.outcome for e in scenario.endings.values()}),
        "choices": len(choices),
        "competencies": len(scenario.competencies),
        "flags": len({f for c in choices for f in [*c.sets, *c.unsets]}),
        "conditions": sum(1 for c in choices if c.condition is not None),
        "changes": sum(len(c.deltas) for c in choices),
    }


def test_the_scenario_has_the_sample_courses_size(tmp_path: Path) -> None:
    """Each measure of the generated scenario lies within the sample's two scenarios' range
    (or at least as much where the sample's range starts at 0), and the analysis is clean:
    so `coursec check` and the build measure a real scenario analysis."""
    generate = _generate_module()
    generate.main(["--scale", "1", "--out", str(tmp_path)])
    reporter = Reporter()
    course, sample = load_course(tmp_path, reporter), load_course(SAMPLE, reporter)
    assert course is not None and sample is not None, reporter.diagnostics
    [generated] = course.scenarios()
    shapes = [_shape(s) for s in sample.scenarios()]
    assert len(shapes) == 2
    ours = _shape(generated)
    for measure, value in ours.items():
        low = min(s[measure] for s in shapes)
        high = max(s[measure] for s in shapes)
        if low == 0:  # the sample's graded scenario has no flags and no conditions
            assert value >= 1, (measure, ours, shapes)
            low = 1
        assert low - 1 <= value <= high + 1, (measure, ours, shapes)
    assert ours["outcomes"] == 3  # pass, neutral and fail endings
    check_scenario(generated, reporter)
    assert reporter.diagnostics == []
