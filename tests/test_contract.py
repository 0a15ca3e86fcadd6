"""coursec.contract: the committed fixtures are what the generator writes, every built cs-data
validates against the schema, the state codec round-trips, the grading fixture agrees with the
answer key in cs-data, and the per-format patterns are the ones each target writes."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursec.build import BuildOptions, build
from coursec.check.limits import worst_case_state, worst_state
from coursec.check.responses import check_responses
from coursec.config import CourseConfig
from coursec.contract import fixtures, records
from coursec.contract.facts import FACTS, facts
from coursec.contract.patterns import patterns, response_ids, skipped
from coursec.contract.state import (
    AssessmentState,
    ResumeState,
    decode,
    encode,
    js_number,
    stringify,
)
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import (
    Choice,
    Course,
    Ending,
    Lesson,
    NumericRange,
    Outcome,
    Page,
    Pair,
    Quiz,
    Scenario,
    ScenarioChoice,
    ScenarioNode,
)
from coursec.quizkinds import KIND_NAMES
from coursec.render.data import RuntimeData
from coursec.render.markdown import MarkdownRenderer
from coursec.render.theme import BUILTIN_THEMES, Theme
from coursec.runtime import ADAPTERS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "contract"
SPAN = Span("lessons/01-a.md", 1, 1)
CS_DATA = re.compile(r'<script type="application/json" id="cs-data">(.*?)</script>', re.S)


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return fixtures.files()


def test_committed_fixtures_are_what_the_generator_writes(generated: dict[str, str]) -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.iterdir()}
    assert sorted(committed) == sorted(generated)
    stale = [name for name in generated if committed[name] != generated[name]]
    assert not stale, f"regenerate: python3 -m coursec.contract.fixtures {FIXTURES} ({stale})"


def test_schema_file_is_the_records_schema() -> None:
    assert load("cs-data.schema.json") == records.schema()


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = load("cs-data.schema.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_each_adapter_fixture_validates(
    adapter: str, validator: jsonschema.protocols.Validator
) -> None:
    data = load(f"cs-data.{adapter}.json")
    validator.validate(data)
    assert data["adapter"] == adapter
    assert data["limits"]["suspend"] == facts(adapter).suspend
    assert ("verbs" in data) == facts(adapter).xapi == ("xapi" in data)


def test_every_built_cs_data_validates(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    """Every region and target of the sample: the page's cs-data fits the schema, and a record
    that breaks it (a quiz without its interaction type) is refused."""
    reporter = Reporter()
    packages = build(BuildOptions(fixtures.SAMPLE, out_dir=tmp_path), reporter, write=False)
    assert packages and not reporter.has_errors
    for package in packages:
        page = package.files["index.html"]
        assert isinstance(page, bytes)
        match = CS_DATA.search(page.decode("utf-8"))
        assert match is not None, package.zip_path
        validator.validate(json.loads(match.group(1)))
    broken = load("cs-data.scorm12.json")
    del broken["quizzes"][0]["it"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_states_round_trip_and_hold_the_worst_case() -> None:
    cases = load("states.json")
    for case in cases:
        state = decode(case["encoded"])
        assert state.plain() == case["state"]
        assert encode(state) == case["encoded"]
    worst = worst_case_state(fixtures.source(fixtures.SAMPLE))
    assert worst in [case["encoded"] for case in cases]
    assert len(worst) == max(len(case["encoded"]) for case in cases)


def test_limits_worst_case_goes_through_the_codec() -> None:
    course = fixtures.source(fixtures.SAMPLE)
    assert worst_case_state(course) == encode(worst_state(course))
    assert decode(worst_case_state(course)).plain() == json.loads(worst_case_state(course))


def test_decode_refuses_what_is_not_a_state() -> None:
    for text in ("", "[]", '{"v":2}', '{"v":2,"h":"x","r":0,"c":0,"p":"","q":[],"z":1}'):
        with pytest.raises(ValueError):
            decode(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1"), (-0.0, "0"), (33.33, "33.33"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (1.5e-7, "1.5e-7"), (1e-6, "0.000001"), (2.5e-5, "0.000025"), (float("nan"), "null"),
    ],
)
def test_numbers_are_written_as_javascript_writes_them(value: float, text: str) -> None:
    assert js_number(value) == text


def test_strings_are_escaped_as_json_stringify_escapes_them() -> None:
    written = stringify('a"\\\n\x01\u2028\U0001f600\ud800')
    assert written == '"a\\"\\\\\\n\\u0001\u2028\U0001f600\\ud800"'
    plain = {"q": [None, [1, "é", 2], True], "b": 87.5}
    assert stringify(plain) == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def _answer_key(quiz: dict[str, Any], response: Any) -> int:
    """The result from cs-data's own answer key (not from coursec.contract.grading)."""
    kind = quiz["kind"]
    if kind == "likert":
        return 2
    if kind in ("single", "true-false"):
        return int(response in quiz["correct"])
    if kind == "multiple":
        return int(sorted(response) == sorted(quiz["correct"]))
    if kind == "fill-in":
        def norm(t: str) -> str:
            t = " ".join(t.split())
            return t if quiz["case"] else t.lower()
        return int(any(norm(a) == norm(response) for a in quiz["answers"]))
    if kind == "numeric":
        text = response.strip()
        text = text if "." in text else text.replace(",", ".", 1)
        try:
            value = float(text)
        except ValueError:
            return 0
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", text, re.I):
            return 0
        return int(any(lo - 1e-9 <= value <= hi + 1e-9 for lo, hi in quiz["ranges"]))
    count = len(quiz["pairs"] if kind == "matching" else quiz["choices"])
    return int(response == list(range(count)))


def test_grading_fixture_agrees_with_the_answer_key() -> None:
    data = load("cs-data.local.json")
    seen: dict[int, set[int]] = {}
    for case in load("grading.json"):
        quiz = data["quizzes"][case["quiz"]]
        assert case["result"] == _answer_key(quiz, case["response"]), case
        seen.setdefault(case["quiz"], set()).add(case["result"])
    assert sorted(seen) == list(range(len(data["quizzes"])))  # every quiz
    for i, results in seen.items():
        kind = data["quizzes"][i]["kind"]
        assert results == ({2} if kind == "likert" else {0, 1}), (i, kind)
    kinds = {q["kind"] for q in data["quizzes"]}
    assert kinds == set(KIND_NAMES)  # the sample has every kind


def test_scenario_traces_reach_every_ending_and_hide_a_choice() -> None:
    data = load("cs-data.local.json")
    cases = load("scenarios.json")
    for s, scenario in enumerate(data["scenarios"]):
        mine = [c for c in cases if c["scenario"] == s]
        endings = {i for i, n in enumerate(scenario["n"]) if n["e"]}
        reached = {c["steps"][-1]["ending"]["node"] for c in mine if c["steps"][-1]["ending"]}
        assert reached == endings, scenario["id"]
        for case in mine:
            steps = case["steps"]
            assert len(steps) == len(case["walk"]) + 1 and steps[0]["node"] == scenario["start"]
            for k, before, after in zip(case["walk"], steps, steps[1:], strict=False):
                assert k in before["offered"]
                assert after["node"] == scenario["n"][before["node"]]["c"][k]["to"]
    assert any(
        len(step["offered"]) < len(data["scenarios"][c["scenario"]]["n"][step["node"]]["c"])
        for c in cases for step in c["steps"] if step["ending"] is None
    )


def test_responses_fixture_is_the_first_pattern() -> None:
    for case in load("responses.json"):
        quiz = load(case["fixture"])["quizzes"][case["quiz"]]
        assert case["lms"] == quiz["rp"][0]


def quiz(kind: str, **fields: Any) -> Quiz:
    return Quiz("q", kind, "Prompt?", SPAN, **fields)


def choices(*correct: bool) -> list[Choice]:
    return [Choice(f"c-{i}", f"C{i}", ok, SPAN) for i, ok in enumerate(correct)]


def test_patterns_per_format() -> None:
    single = quiz("single", choices=choices(False, True, True))
    fill = quiz("fill-in", answers=["Warm", "hot" * 100], case_sensitive=True)
    numeric = quiz("numeric", ranges=[NumericRange(1.5, 2.25), NumericRange(7, 7)])
    exact = quiz("numeric", ranges=[NumericRange(30, 30)])
    matching = quiz("matching", pairs=[Pair("p-1", "A", "a", SPAN),
                                              Pair("p-2", "B", "b", SPAN)])
    tf = quiz("true-false", choices=[Choice("yes", "True", False, SPAN),
                                            Choice("no", "False", True, SPAN)])
    s12, s04, xapi = facts("scorm12"), facts("scorm2004"), facts("xapi")
    assert patterns(single, s12) == ["b"]
    assert patterns(single, s04) == ["c.1", "c.2"]
    assert patterns(single, xapi) == ["c-1", "c-2"]
    assert patterns(fill, s12) == ["Warm"]
    case = "{case_matters=true}"
    assert patterns(fill, s04) == [case + "Warm", case + ("hot" * 100)[:250]]
    assert patterns(fill, xapi)[1] == "{case_matters=true}" + "hot" * 100
    assert patterns(numeric, s12) == [] and patterns(exact, s12) == ["30"]
    assert patterns(numeric, s04) == ["1.5[:]2.25"]
    assert patterns(numeric, xapi) == ["1.5[:]2.25", "7[:]7"]
    assert patterns(matching, s12) == ["a.a,b.b"]
    assert patterns(matching, s04) == ["p.1[.]p.1[,]p.2[.]p.2"]
    assert response_ids(tf, s12).plain() == {"c": ["t", "f"]}
    assert patterns(tf, s12) == ["f"] and patterns(tf, xapi) == ["false"]
    assert patterns(quiz("likert", choices=choices(False, False)), xapi) == []


def test_too_many_choices_are_skipped_only_where_the_alphabet_ends() -> None:
    alphabet = FACTS["scorm12"].alphabet
    assert alphabet is not None
    many = quiz("single", choices=choices(*([True] + [False] * len(alphabet))))
    assert skipped(len(many.choices), facts("scorm12"))
    assert patterns(many, facts("scorm12")) == []
    assert not skipped(len(many.choices), facts("scorm2004"))
    assert not skipped(len(alphabet), facts("scorm12"))


def _imports(module: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_back_edges_between_check_render_and_activities() -> None:
    package = ROOT / "coursec"
    limits = _imports(package / "check" / "limits.py")
    assert not {m for m in limits if m.startswith("coursec.render")}
    assert "coursec.render.data" not in _imports(package / "activities.py")
    assert not {m for m in _imports(package / "activities.py") if m.startswith("coursec.render")
                and m != "coursec.render.markdown"}  # the renderer's type, under TYPE_CHECKING
    state = _imports(package / "contract" / "state.py")
    assert {m for m in state if m.startswith("coursec.")} <= {"coursec.model", "coursec.condition"}


def _course_with_many_choices(count: int) -> Course:
    node = ScenarioNode("start", [], SPAN, choices=[
        ScenarioChoice(f"go-{i}", f"Go {i}", "end", SPAN, SPAN) for i in range(count)])
    scenario = Scenario("walk", "Walk", "start", SPAN, nodes={"start": node},
                        endings={"end": Ending("end", Outcome.PASS, [], SPAN)})
    many = quiz("single", choices=choices(*([True] + [False] * (count - 1))))
    page = Page("p", "Page", SPAN, blocks=[many, scenario])
    lesson = Lesson("lesson", "Lesson", Path("/tmp/lessons/01-a.md"), SPAN, pages=[page])
    return Course(CourseConfig(id="demo", title="Demo"), Path("/tmp/demo"), [lesson])


def test_too_many_choices_are_reported_and_marked_skip() -> None:
    """SCORM 1.2 cannot write a 37th choice: CS503 at build time for the quiz and the
    decision, and cs-data says ``skip`` so the runtime never drops it silently."""
    course = _course_with_many_choices(37)
    reporter = Reporter()
    check_responses(course, ["scorm12", "scorm2004", "web"], reporter)
    found = [(d.code, d.message) for d in reporter.sorted()]
    assert [code for code, _ in found] == [Code.CS503, Code.CS503]
    assert any("quiz 'q'" in m for _, m in found) and any("decision 'start'" in m for _, m in found)
    theme = Theme("default", BUILTIN_THEMES / "default", {}, {"next": "Next"})
    md = MarkdownRenderer()
    for adapter in ADAPTERS:
        data = RuntimeData(course, md, adapter, theme).data()
        q, node = data["quizzes"][0], data["scenarios"][0]["n"][0]
        skip = adapter == "scorm12"
        assert q.get("skip", False) is skip and node.get("skip", False) is skip, adapter
        assert (q["rid"] == {} and q["rp"] == []) if skip else len(q["rid"]["c"]) == 37
    fits = Reporter()
    check_responses(_course_with_many_choices(36), ["scorm12"], fits)
    assert not fits.sorted()


_responses = st.one_of(st.integers(0, 40), st.lists(st.integers(-1, 40), max_size=6),
                       st.text(max_size=50))
_scores = st.one_of(st.integers(-1, 100), st.floats(0, 100).map(lambda x: round(x, 2)))
_scenario = st.tuples(st.integers(0, 30), st.lists(st.integers(-10, 10), max_size=3),
                      st.text("0123456789abcdef", max_size=3), st.lists(st.integers(0, 9)),
                      st.integers(0, 9999), st.integers(0, 99),
                      st.none() | st.tuples(st.integers(0, 30), st.integers(0, 1),
                                            st.lists(st.integers(-10, 10), max_size=3)))
_states = st.builds(
    ResumeState,
    v=st.just(2), h=st.text("0123456789abcdef", min_size=6, max_size=6),
    r=st.integers(0, 2**31 - 1), c=st.integers(0, 50), p=st.text("0123456789abcdef", max_size=9),
    q=st.lists(st.none() | st.tuples(st.integers(0, 99), _responses, st.integers(0, 2)),
               max_size=8),
    a=st.none() | st.builds(AssessmentState, n=st.integers(0, 99), d=st.lists(st.integers(0, 40)),
                            s=st.integers(0, 1), b=_scores, l=_scores, p=st.integers(0, 1)),
    s=st.none() | st.lists(st.none() | _scenario, max_size=3),
)


@given(_states)
def test_codec_round_trips_any_state(state: ResumeState) -> None:
    text = encode(state)
    again = decode(text)
    assert again.plain() == state.plain()
    assert encode(again) == text
    assert json.loads(text) == state.plain()
