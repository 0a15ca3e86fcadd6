"""Branching scenarios played in the test LMS (scorm-again), SCORM 1.2 and 2004.

The course is ``tests/fixtures/scenario-course``: one graded scenario (``missed-call``, pass rule
``empathy >= 2``, ``:retry: best``, a loop angry -> opening that sets the flag ``apologized``,
and a choice offered only when that flag is set), ``mastery: 80`` and no assessment, so the
scenario alone passes or fails the learner (docs/scenarios.md, "Score and pass/fail").

Every assertion about tracking reads what the LMS stored (the commits the test server got):
one ``choice`` interaction per decision with the node id in its id, the objective
``missed-call``, the score and the status, and (1.2) that Moodle's re-grading from score.raw and
the manifest's mastery score agrees with the status.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coursec.build import BuildOptions, build
from coursec.check.limits import worst_case_state
from coursec.content import content_bytes
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.targets.response_ids import SHORT_IDENTIFIER, response_id

from .lmshost import IDENTIFIER_12, REPO, SCORM12, Lms, Player, SessionResult, collection
from .test_axe import axe_violations

COURSE = REPO / "tests" / "fixtures" / "scenario-course"
SAMPLE = REPO / "courses" / "customer-service"
SCENARIO = "missed-call"
TARGETS = ("scorm12", "scorm2004")
TIMEOUT = 5000


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scenario-build")
    reporter = Reporter()
    built = build(BuildOptions(COURSE, targets=[*TARGETS, "web"], out_dir=out), reporter)
    assert built, [str(d) for d in reporter.diagnostics]
    return {p.target: p.directory for p in built}


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def el(target: str, name12: str, name2004: str) -> str:
    return name12 if target == SCORM12 else name2004


class ScenarioDriver:
    """Plays the scenario through the DOM: ``[data-cs-scenario]``, the visible
    ``[data-cs-node]``, its ``button[data-cs-sc-choice]``s, ``[data-cs-sc-feedback]``,
    ``[data-cs-sc-debrief]`` and ``button[data-cs-sc-replay]``."""

    def __init__(self, frame: Any) -> None:
        self.f = frame
        self.data = json.loads(frame.locator("script#cs-data").text_content(timeout=TIMEOUT))
        self.sc = next(s for s in self.data["scenarios"] if s["id"] == SCENARIO)
        self.section = frame.locator(f"[data-cs-scenario='{SCENARIO}']")

    def node(self) -> str:
        ids = self.section.locator("[data-cs-node]:not([hidden])").evaluate_all(
            "els => els.map(e => e.getAttribute('data-cs-node'))")
        assert len(ids) == 1, f"expected one visible node, found {ids}"
        return str(ids[0])

    def offered(self) -> list[str]:
        """Texts of the choices offered on the visible node."""
        return [t.strip() for t in self.section.locator(
            "[data-cs-node]:not([hidden]) li:not([hidden]) button[data-cs-sc-choice]"
        ).all_inner_texts()]

    def choose(self, starts_with: str) -> str:
        """Click the offered choice whose text starts with ``starts_with``; wait for the node."""
        before = self.node()
        buttons = self.section.locator(
            "[data-cs-node]:not([hidden]) li:not([hidden]) button[data-cs-sc-choice]")
        texts = [t.strip().strip('"“') for t in buttons.all_inner_texts()]
        matches = [i for i, t in enumerate(texts) if t.startswith(starts_with)]
        assert matches, f"no offered choice starts with {starts_with!r}: {texts}"
        target_id = self.target_of(before, starts_with)
        buttons.nth(matches[0]).click(timeout=TIMEOUT)
        self.f.wait_for_function(
            "([s, n]) => { const v = document.querySelectorAll("
            "`[data-cs-scenario='${s}'] [data-cs-node]:not([hidden])`);"
            " return v.length === 1 && v[0].getAttribute('data-cs-node') === n; }",
            arg=[SCENARIO, target_id], timeout=TIMEOUT)
        return target_id

    def choice(self, node_id: str, starts_with: str) -> tuple[int, dict[str, Any]]:
        node = next(n for n in self.sc["n"] if n["id"] == node_id)
        for k, c in enumerate(node["c"]):
            if c["t"].strip('"“').startswith(starts_with):
                return k, c
        raise AssertionError(f"{node_id} has no choice {starts_with!r}")

    def target_of(self, node_id: str, starts_with: str) -> str:
        return str(self.sc["n"][self.choice(node_id, starts_with)[1]["to"]]["id"])

    def focused_heading(self) -> str | None:
        heading: str | None = self.f.evaluate(
            "() => { const a = document.activeElement; return a && a.hasAttribute("
            "'data-cs-sc-heading') ? a.closest('[data-cs-node]').getAttribute('data-cs-node')"
            " : null; }")
        return heading

    def feedback(self) -> str:
        return " ".join(self.section.locator("[data-cs-sc-feedback]").inner_text().split())

    def debrief(self) -> Any:
        return self.section.locator("[data-cs-node]:not([hidden]) [data-cs-sc-debrief]")


def interactions(stored: dict[str, str]) -> list[dict[str, str]]:
    return collection(stored, "cmi.interactions")


def objective(stored: dict[str, str], oid: str) -> dict[str, str]:
    rows = [r for r in collection(stored, "cmi.objectives") if r.get("id") == oid]
    assert len(rows) == 1, f"objective {oid!r}: {collection(stored, 'cmi.objectives')}"
    return rows[0]


def close(player: Player) -> SessionResult:
    return player.close()


def assert_clean(result: SessionResult) -> None:
    assert result.problems == [], "the SCO's API use was flagged:\n" + "\n".join(result.problems)
    assert result.js_errors == [], "the page logged errors:\n" + "\n".join(result.js_errors)


def assert_decisions(target: str, stored: dict[str, str], driver: ScenarioDriver,
                     steps: list[tuple[str, str]]) -> None:
    """The stored interactions are exactly these decisions (node id, choice text start)."""
    rows = interactions(stored)
    assert [r["id"] for r in rows] == [f"{SCENARIO}--{node}" for node, _ in steps]
    for row, (node, text) in zip(rows, steps, strict=True):
        k, choice = driver.choice(node, text)
        assert row["type"] == "choice", row
        assert row["result"] == "neutral", row
        if target == SCORM12:
            assert IDENTIFIER_12.match(row["id"]), row["id"]
            assert row["student_response"] == "abcdefghijklmnopqrstuvwxyz0123456789"[k], row
        else:
            # the choice id as a short identifier (Moodle refuses '-'): response_ids maps it
            assert row["learner_response"] == response_id(choice["id"]), row
            assert SHORT_IDENTIFIER.match(row["learner_response"]), row
            assert row.get("description"), f"no description (node text) for {row['id']}"


def assert_status(target: str, stored: dict[str, str], passed: bool, raw: float) -> None:
    verdict = "passed" if passed else "failed"
    obj = objective(stored, SCENARIO)
    if not passed:
        # the scenario can be replayed: the LMS attempt stays open (Moodle would close it on
        # 1.2 failed / 2004 completed), no score yet; the scenario's objective says failed
        assert raw == 0
        if target == SCORM12:
            assert stored["cmi.core.lesson_status"] == "incomplete"
            assert stored.get("cmi.core.score.raw", "") == ""
            assert obj["status"] == verdict
        else:
            assert stored["cmi.completion_status"] == "incomplete"
            assert stored["cmi.success_status"] == "unknown"
            assert stored.get("cmi.score.raw", "") == ""
            assert obj["success_status"] == verdict
        return
    assert float(stored[el(target, "cmi.core.score.raw", "cmi.score.raw")]) == raw
    if target == SCORM12:
        assert stored["cmi.core.lesson_status"] == verdict
        assert obj["status"] == verdict
        mastery = float(stored["cmi.student_data.mastery_score"])
        # Moodle re-grades 1.2 from score.raw and the manifest's mastery score at LMSFinish
        assert (raw >= mastery) == passed, (raw, mastery, verdict)
    else:
        assert stored["cmi.completion_status"] == "completed"
        assert stored["cmi.success_status"] == verdict
        assert float(stored["cmi.score.scaled"]) == raw / 100
        assert (raw / 100 >= float(stored["cmi.scaled_passing_score"])) == passed
        assert obj["completion_status"] == "completed"
        assert obj["success_status"] == verdict


PASS_PATH = [("opening", "I'm sorry you waited"), ("listen", "I'll call you back")]
FAIL_PATH = [("opening", "Please calm down"), ("angry", "That's our policy")]


def test_passing_path(lms: Lms, packages: dict[str, Path], target: str) -> None:
    player = lms.launch(packages[target])
    d = ScenarioDriver(player.sco)
    assert d.node() == "opening"
    d.choose("I'm sorry you waited")
    assert d.focused_heading() == "listen", "focus did not move to the new node's heading"
    assert "The customer sighs" in d.feedback(), "the consequence was not announced"
    assert "Let me bring in my supervisor" not in " ".join(d.offered()), (
        "a choice whose condition is false was offered")
    d.choose("I'll call you back")
    assert d.debrief().get_attribute("data-cs-passed") == "true"
    row = d.debrief().locator("tr[data-cs-sc-score='empathy']")
    cells = [c.replace("\u2066", "").replace("\u2069", "")
             for c in row.locator("th, td").all_text_contents()]
    assert cells == ["Empathy", "2", "at least 2"], cells  # the id humanised, score, bound
    result = close(player)
    assert_clean(result)
    assert_decisions(target, result.stored, d, PASS_PATH)
    assert_status(target, result.stored, passed=True, raw=100)
    assert result.stored[el(target, "cmi.core.exit", "cmi.exit")] == el(target, "", "suspend")


def test_failing_path_then_best_replay(lms: Lms, packages: dict[str, Path], target: str) -> None:
    player = lms.launch(packages[target])
    d = ScenarioDriver(player.sco)
    d.choose("Please calm down")
    d.choose("That's our policy")
    assert d.node() == "lost"
    assert d.debrief().get_attribute("data-cs-passed") == "false"
    stored = player.session.stored()  # committed at the decision, before the SCO closes
    assert_decisions(target, stored, d, FAIL_PATH)
    # no assessment: raw = 100 * graded scenarios passed / graded scenarios = 0
    assert_status(target, stored, passed=False, raw=0)

    player.sco.locator("button[data-cs-sc-replay]:visible").click(timeout=TIMEOUT)
    assert d.node() == "opening"
    assert d.focused_heading() == "opening"
    for node, text in PASS_PATH:
        assert d.node() == node
        d.choose(text)
    result = close(player)
    assert_clean(result)
    assert_decisions(target, result.stored, d, FAIL_PATH + PASS_PATH)
    assert_status(target, result.stored, passed=True, raw=100)


def test_relaunch_mid_scenario_resumes(lms: Lms, packages: dict[str, Path], target: str) -> None:
    pkg = packages[target]
    player = lms.launch(pkg)
    d = ScenarioDriver(player.sco)
    d.choose("Please calm down")  # empathy -1
    d.choose("You're right, I'm sorry")  # back to the opening (a loop), sets 'apologized'
    assert d.node() == "opening"
    first = close(player)
    assert_clean(first)
    assert first.stored[el(target, "cmi.core.exit", "cmi.exit")] == "suspend"
    state = json.loads(first.stored["cmi.suspend_data"])
    node_ids = [n["id"] for n in d.sc["n"]]
    # [node, scores, flags, path, steps, attempts, result]: opening, empathy -1, apologized set
    assert state["s"] == [[node_ids.index("opening"), [-1, 0], "1",
                           [node_ids.index("opening"), 1, 0], 2, 0, None]]

    second = lms.relaunch(first, pkg)
    again = ScenarioDriver(second.sco)
    assert again.node() == "opening", "the relaunch did not resume on the node left"
    assert "Step 3" in second.sco.locator(
        "[data-cs-node]:not([hidden]) [data-cs-sc-heading]").inner_text()
    again.choose("I'm sorry you waited")  # empathy -1 + 2 = 1
    assert any(t.strip('"“').startswith("Let me bring in my supervisor")
               for t in again.offered()), "the flag set before the relaunch was lost"
    again.choose("I'll call you back")
    scores = {r.get_attribute("data-cs-sc-score"): r.locator("td").first.inner_text()
              for r in again.debrief().locator("tr[data-cs-sc-score]").all()}
    # the scores carried over (empathy 1 < 2: the pass rule fails at a 'pass' ending)
    assert scores == {"empathy": "1", "policy": "1"}, scores
    assert again.debrief().get_attribute("data-cs-passed") == "false"
    path = again.debrief().locator("ol.cs-sc-path li").all_inner_texts()
    assert len(path) == 4, f"the path taken lost its first steps: {path}"
    done = close(second)
    assert_clean(done)
    rows = interactions(done.stored)
    # the decisions of this session (whether earlier ones are carried over is up to the LMS)
    assert [r["id"] for r in rows][-2:] == [f"{SCENARIO}--opening", f"{SCENARIO}--listen"]
    assert_status(target, done.stored, passed=False, raw=0)


def test_axe_on_node_and_ending(lms: Lms, packages: dict[str, Path]) -> None:
    player = lms.launch(packages["scorm2004"])
    d = ScenarioDriver(player.sco)
    violations = axe_violations(player.sco, "node")
    d.choose("I'm sorry you waited")
    violations += axe_violations(player.sco, "node after a choice (feedback shown)")
    d.choose("I'll call you back")
    violations += axe_violations(player.sco, "ending")
    assert_clean(close(player))
    assert violations == [], "\n".join(violations)


def test_keyboard_only(lms: Lms, packages: dict[str, Path]) -> None:
    """Tab to a choice and press Enter: the scenario moves on without a mouse."""
    player = lms.launch(packages["scorm12"])
    d = ScenarioDriver(player.sco)
    first = d.section.locator("[data-cs-node]:not([hidden]) button[data-cs-sc-choice]").first
    first.focus()
    player.page.keyboard.press("Enter")
    player.sco.wait_for_function(
        "() => document.activeElement && document.activeElement.hasAttribute('data-cs-sc-heading')",
        timeout=TIMEOUT)
    assert d.node() == "listen"
    assert_clean(close(player))


def test_loops_keep_the_state_bounded(browser: Any, packages: dict[str, Path]) -> None:
    """Going round the loop many times: the stored path keeps the last PATH_KEEP choices and a
    count, and the state never grows past the build-time worst case."""
    course = load_course(COURSE, Reporter())
    assert course is not None
    worst = len(worst_case_state(course))
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((packages["web"] / "index.html").as_uri())
        d = ScenarioDriver(page)
        for _ in range(20):
            d.choose("Please calm down")
            d.choose("You're right, I'm sorry")
        d.choose("Please calm down")
        d.choose("That's our policy")
        state = page.evaluate("() => JSON.stringify(window.coursec.state())")
        entry = json.loads(state)["s"][0]
        assert entry[4] == 42 and len(entry[3]) == 1 + d.data["limits"]["path"]
        assert len(state) <= worst
        assert "18 earlier steps not shown" in d.debrief().inner_text()
    finally:
        context.close()
    assert errors == []


# --------------------------------------------------------------------------------------------
# the browser applies the analysis' rules exactly (coursec/check/scenario_states.py)
# --------------------------------------------------------------------------------------------

STEP_JS = """([sid, pick]) => {
  const sec = document.querySelector(`[data-cs-scenario="${sid}"]`);
  if (pick !== null) {
    const replay = sec.querySelector('[data-cs-node]:not([hidden]) [data-cs-sc-replay]');
    if (pick < 0) replay.click();
    else sec.querySelector(`[data-cs-node]:not([hidden]) [data-cs-sc-choice="${pick}"]`).click();
  }
  const node = sec.querySelector('[data-cs-node]:not([hidden])');
  const offered = [...node.querySelectorAll('li:not([hidden]) [data-cs-sc-choice]')]
    .map(b => +b.getAttribute('data-cs-sc-choice'));
  const i = window.coursec.state().s;
  return {node: node.getAttribute('data-cs-node'), offered, entry: i};
}"""


def test_runtime_follows_the_analysis(browser: Any, tmp_path: Path) -> None:
    """Random walks through the fixture's and the sample course's scenarios: after every click
    the node shown, the choices offered, the scores and the flags the page keeps are those
    ``scenario_states`` computes for the same choices (the fixture's small range and its loop
    make clamping happen; its 'Please calm down' unsets a flag)."""
    courses = [load_course(COURSE, Reporter()), load_course(SAMPLE, Reporter())]
    checked = 0
    for n, course in enumerate(c for c in courses if c is not None and c.scenarios()):
        checked += _walk_course(browser, course, tmp_path / str(n))
    assert checked > 60


def _walk_course(browser: Any, course: Any, out: Path) -> int:
    import random

    from coursec.check import scenario_states as analysis
    from coursec.contract.state import scenario_flags
    from coursec.render import render_site

    for path, data in render_site(course, "local", Reporter()).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(content_bytes(data))
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    rng = random.Random(4)
    checked = clamped = 0
    try:
        page.goto((out / "index.html").as_uri())
        for index, scenario in enumerate(course.scenarios()):
            page_of = next(k for k, p in enumerate(course.pages()) if scenario in p.blocks)
            page.evaluate(f"() => document.querySelectorAll('[data-cs-page]')[{page_of}]"
                          ".removeAttribute('hidden')")
            flags = scenario_flags(scenario)
            ids = scenario.node_ids()
            lo, hi = scenario.score_range
            for _walk in range(4):
                state = analysis.start_state(scenario)
                seen = page.evaluate(STEP_JS, [scenario.id, None])
                for _step in range(30):
                    assert seen["node"] == state.node
                    node = scenario.nodes.get(state.node)
                    if node is None:  # an ending: replay
                        seen = page.evaluate(STEP_JS, [scenario.id, -1])
                        break
                    offered = analysis.available(scenario, state)
                    assert seen["offered"] == [node.choices.index(c) for c in offered]
                    onward = [c for c in offered if c.target in scenario.nodes]
                    # mostly stay inside the graph: long walks go round loops and hit the range
                    choice = rng.choice(onward if onward and rng.random() < 0.85 else offered)
                    before = state
                    state = analysis.step(scenario, state, choice)
                    clamped += any(
                        not lo <= v + choice.deltas.get(name, 0) <= hi
                        for name, v in zip(scenario.competencies, before.scores, strict=True))
                    seen = page.evaluate(STEP_JS, [scenario.id, node.choices.index(choice)])
                    entry = seen["entry"][index]
                    assert ids[entry[0]] == state.node
                    assert tuple(entry[1]) == state.scores
                    kept = {f for k, f in enumerate(flags) if _bit(entry[2], k)}
                    assert kept == set(state.flags), (entry, state.flags)
                    checked += 1
    finally:
        context.close()
    assert errors == []
    if course.root == COURSE:
        assert clamped, "the walks never hit the score range: the clamping went untested"
    return checked


def _bit(hexset: str, k: int) -> bool:
    return bool(int(hexset[k // 4] or "0", 16) & (1 << (k % 4))) if k // 4 < len(hexset) else False
