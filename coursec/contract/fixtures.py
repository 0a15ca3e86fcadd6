"""The Python/JS agreement fixtures: ``python3 -m coursec.contract.fixtures DIR [COURSE]``.

In:  the sample course (``courses/customer-service`` of the repository, or COURSE), built in
     memory for its source language and every target; ``parse/expr.py``; the Python scenario
     rules; the state codec.
Out: in DIR (``tests/fixtures/contract``), formats in ``CONTRACT.md``: ``cs-data.<adapter>.json``
     (what each adapter's page receives), ``cs-data.schema.json``, ``grading.json``,
     ``expr.json``, ``scenarios.json``, ``states.json``, ``responses.json``. ``files()`` gives
     the same as {name: text}, for the test that holds the committed files to the generator.
     Reported: the build's diagnostics, on stderr, when the course does not build (exit 1).

``responses.json`` holds the correct response of each quiz whose learner-response string is by
definition its first pattern (its kind's ``echoes``: choices, true-false, multiple, matching,
sequencing, fill-in unless case-sensitive or starting with ``{``, numeric on SCORM 1.2 only).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from coursec.build import BuildOptions, build, load_and_check
from coursec.check.limits import worst_state
from coursec.contract import grading, records
from coursec.contract.expr_cases import expr_cases
from coursec.contract.facts import facts
from coursec.contract.patterns import patterns
from coursec.contract.state import (
    AssessmentState,
    QuizEntry,
    ResumeState,
    ScenarioEntry,
    bitset,
    encode,
)
from coursec.contract.walks import trace, walks
from coursec.diagnostics import Reporter, format_diagnostic
from coursec.localize import localize_regions
from coursec.model import Course, Quiz, Scenario
from coursec.quizkinds.registry import spec
from coursec.runtime import ADAPTERS, PATH_KEEP, SEED_MAX, STATE_VERSION, TRIES_CAP
from coursec.targets import TARGET_NAMES, get_target

SAMPLE = Path(__file__).resolve().parents[2] / "courses" / "customer-service"
#: adapter -> the target that runs it (``web`` runs ``local``)
TARGETS = {get_target(name).adapter: name for name in TARGET_NAMES}
_CS_DATA = re.compile(r'<script type="application/json" id="cs-data">(.*?)</script>', re.S)


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


class BuildFailed(Exception):
    pass


def source(course_dir: Path) -> Course:
    """The checked course as its source language's packages see it (values filled in)."""
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir), reporter)
    regions = [] if checked is None or reporter.has_errors else localize_regions(
        checked[0], [checked[0].config.language], reporter)
    if not regions or reporter.has_errors:
        raise BuildFailed("\n".join(format_diagnostic(d) for d in reporter.sorted()))
    return regions[0][1]


def cs_data(course_dir: Path, language: str) -> dict[str, dict[str, Any]]:
    """Each adapter's cs-data for the source language, read back from the built page."""
    reporter = Reporter()
    options = BuildOptions(course_dir, targets=list(TARGETS.values()), regions=[language])
    packages = {p.target: p for p in build(options, reporter, write=False)}
    if reporter.has_errors:
        raise BuildFailed("\n".join(format_diagnostic(d) for d in reporter.sorted()))
    out: dict[str, dict[str, Any]] = {}
    for adapter in ADAPTERS:
        page = packages[TARGETS[adapter]].files["index.html"]
        assert isinstance(page, bytes)
        match = _CS_DATA.search(page.decode("utf-8"))
        assert match is not None
        out[adapter] = json.loads(match.group(1))
    return out


def grading_cases(course: Course) -> list[dict[str, Any]]:
    out = []
    for i, quiz in enumerate(course.quizzes()):
        for response in _responses(quiz):
            result = grading.grade(quiz, response)
            out.append({"fixture": "cs-data.local.json", "quiz": i, "response": response,
                        "result": result})
    return out


def _responses(quiz: Quiz) -> list[Any]:
    """Right and wrong responses of every shape the state stores for this quiz (no repeats)."""
    unique: dict[str, Any] = {}
    for response in _candidates(quiz):
        unique.setdefault(json.dumps(response), response)
    return list(unique.values())


def _candidates(quiz: Quiz) -> list[Any]:
    return spec(quiz.kind).samples(quiz)


def scenario_cases(course: Course) -> list[dict[str, Any]]:
    out = []
    for s, scenario in enumerate(course.scenarios()):
        for walk in walks(scenario):
            out.append({"fixture": "cs-data.local.json", "scenario": s, "walk": walk,
                        "steps": trace(scenario, walk)})
    return out


def state_cases(course: Course, hash_: str) -> list[dict[str, Any]]:
    """An empty state, one mid-way (some answers, an attempt in progress, a scenario mid-way),
    one with everything answered (tricky texts, finished scenarios), one that names its release
    (``k``: read with a cs-data whose ``releases[0].k`` is that) and, last, the worst case."""
    quizzes, pages, scenarios = course.quizzes(), course.pages(), course.scenarios()
    assessment = course.assessment()
    answered: list[QuizEntry | None] = []
    for quiz in quizzes:
        right = grading.right(quiz)
        response = right if right is not None else _responses(quiz)[-1]
        answered.append((1, response, grading.grade(quiz, response)))
    tricky = iter(['quote " backslash \\ tab\t', "caf\u00e9 \u2028 \U0001f600 \u0627\u0644"])
    for i, quiz in enumerate(quizzes):
        if spec(quiz.kind).text:
            answered[i] = (TRIES_CAP, next(tricky, "plain"), 0)
    stored = assessment is not None
    out = []
    for state in (
        ResumeState(v=STATE_VERSION, h=hash_, r=0, c=0, p=bitset([False] * len(pages)), q=[],
                    a=AssessmentState(n=0, d=[], s=0, b=-1, l=-1, p=0) if stored else None,
                    s=[None] * len(scenarios) if scenarios else None),
        ResumeState(v=STATE_VERSION, h=hash_, r=SEED_MAX, c=3,
                    p=bitset([k < 6 for k in range(len(pages))]),
                    q=[None, *answered[1:4]],
                    a=AssessmentState(n=1, d=[0, 2], s=0, b=87.5, l=87.5, p=1) if stored else None,
                    s=[_played(sc, 1, False) for sc in scenarios] if scenarios else None),
        ResumeState(v=STATE_VERSION, h=hash_, r=12345, c=len(pages) - 1,
                    p=bitset([True] * len(pages)),
                    q=answered, a=AssessmentState(n=2, d=[1], s=1, b=100, l=33.33, p=1)
                    if stored else None,
                    s=[_played(sc, None, True) for sc in scenarios] if scenarios else None),
        ResumeState(v=STATE_VERSION, h=hash_, k="0a1b2c", r=7, c=1,
                    p=bitset([k < 2 for k in range(len(pages))]),
                    q=[None, answered[1]],
                    a=AssessmentState(n=0, d=[], s=0, b=-1, l=-1, p=0) if stored else None,
                    s=[None] * len(scenarios) if scenarios else None),
        worst_state(course),
    ):
        out.append({"fixture": "cs-data.scorm12.json", "state": state.plain(),
                    "encoded": encode(state)})
    return out


def _played(scenario: Scenario, steps: int | None, ended: bool) -> ScenarioEntry:
    """A scenario's stored entry after the first ``steps`` choices of its first walk (all of
    them when None); an ending reached counts as an attempt and its result."""
    walk = walks(scenario)[0][:steps]
    trail = trace(scenario, walk)
    last = trail[-1]
    result = None
    if ended and last["ending"] is not None:
        result = (last["node"], 1 if last["ending"]["passed"] else 0, last["scores"])
    cut = max(0, len(walk) - PATH_KEEP)  # the runtime keeps the last PATH_KEEP choices
    return (last["node"], last["scores"], last["flags"], [trail[cut]["node"], *walk[cut:]],
            len(walk), 1 if result else 0, result)


def response_cases(course: Course) -> list[dict[str, Any]]:
    out = []
    for adapter in ADAPTERS:
        f = facts(adapter)
        for i, quiz in enumerate(course.quizzes()):
            response, rp = grading.right(quiz), patterns(quiz, f)
            if response is None or not rp or not spec(quiz.kind).echoes(quiz, f):
                continue
            out.append({"fixture": f"cs-data.{adapter}.json", "quiz": i, "response": response,
                        "lms": rp[0]})
    return out


def files(course_dir: Path = SAMPLE) -> dict[str, str]:
    course = source(course_dir)
    data = cs_data(course_dir, course.config.language)
    out = {f"cs-data.{adapter}.json": dump(value) for adapter, value in data.items()}
    out["cs-data.schema.json"] = dump(records.schema())
    out["grading.json"] = dump(grading_cases(course))
    out["expr.json"] = dump(expr_cases(course))
    out["scenarios.json"] = dump(scenario_cases(course))
    out["states.json"] = dump(state_cases(course, data["scorm12"]["hash"]))
    out["responses.json"] = dump(response_cases(course))
    return out


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print("usage: python3 -m coursec.contract.fixtures DIR [COURSE]", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    try:
        made = files(Path(argv[1]) if len(argv) > 1 else SAMPLE)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    for name, text in made.items():
        (folder / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
