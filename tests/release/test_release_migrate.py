"""Property test: for random edit sequences to a generated course, the Python migration
(``coursec.release.impact.migrate``) and the runtime's (``coursec/runtime/migrate.js``, under
Node) agree exactly on random saved states, and both agree with ``predict`` (what ``coursec
diff`` says about every learner).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursec.contract.state import decode, encode
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.release.embed import compact
from coursec.release.impact import migrate
from coursec.release.layout import Layout, layout
from coursec.release.predict import predict

from . import course_gen, release_edits

DRIVER = Path(__file__).parent / "migrate_driver.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _layout(desc: course_gen.Desc) -> Layout:
    with tempfile.TemporaryDirectory() as tmp:
        course_gen.write(desc, Path(tmp))
        course = load_course(Path(tmp), Reporter())
        assert course is not None
        return layout(course)


def _visited(pages: int, rng: random.Random) -> str:
    """A visited bitset as the player writes it: no bit past the last page."""
    bits = [rng.random() < 0.5 for _ in range(pages)]
    return "".join(format(sum(1 << j for j in range(4) if i + j < pages and bits[i + j]), "x")
                   for i in range(0, pages, 4))


def _state(old: Layout, rng: random.Random, full: bool) -> dict[str, Any]:
    pages = len(old["pages"])
    entries: list[Any] = []
    for q in old["quizzes"]:
        if full or rng.random() < 0.6:
            entries.append([rng.randint(0, 3), rng.randint(0, len(q["choices"]) - 1),
                            rng.randint(0, 1)])
        else:
            entries.append(None)
    state: dict[str, Any] = {
        "v": 2, "h": old["hash"], "r": rng.randint(0, 2**31 - 1),
        "c": rng.randint(0, pages) if not full else rng.randint(0, pages - 1),
        "p": _visited(pages, rng),
        "q": entries[: rng.randint(0, len(entries))] if not full else entries,
    }
    if old["assessment"] is not None:
        pool = [i for i, q in enumerate(old["quizzes"]) if q["inA"]]
        state["a"] = {"n": rng.randint(1 if full else 0, 3), "d": rng.sample(pool, len(pool)),
                      "s": rng.randint(0, 1), "b": rng.choice([-1, 50, 100]),
                      "l": rng.choice([-1, 40]), "p": rng.randint(0, 1)}
    scenarios: list[Any] = []
    for s in old["scenarios"]:
        count = len(s["nodes"]) + len(s["endings"])
        ending = len(s["nodes"]) + rng.randrange(len(s["endings"]))
        result = [ending, rng.randint(0, 1), [rng.randint(-2, 3) for _ in s["comps"]]]
        scenarios.append(None if not full and rng.random() < 0.3 else [
            rng.randrange(count), [rng.randint(-2, 3) for _ in s["comps"]], "",
            [0, 0], rng.randint(0, 4), rng.randint(1, 3), result if rng.random() < 0.7 else None])
    state["s"] = scenarios
    return state


def _node(cases: list[dict[str, Any]]) -> list[Any]:
    assert NODE is not None
    done = subprocess.run([NODE, str(DRIVER)], input=json.dumps(cases), capture_output=True,
                          text=True, check=True, timeout=60)
    result: list[Any] = json.loads(done.stdout)
    return result


EDIT = st.tuples(st.sampled_from(sorted(course_gen.EDITS)), st.integers(0, 50))
BASE = course_gen.initial()
BASE_LAYOUT = _layout(BASE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDIT, min_size=1, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_python_and_js_migrations_agree(edits: list[tuple[str, int]], seed: int) -> None:
    old = BASE_LAYOUT
    new = _layout(course_gen.apply(BASE, edits))
    rng = random.Random(seed)
    states = [_state(old, rng, full=i == 0) for i in range(6)]
    cases = [{"old": old, "new": new, "state": s} for s in states]
    # what a build embeds (compact layouts) must migrate the same way, in both languages
    cases += [{"old": compact(old), "new": compact(new), "state": s} for s in states]
    js = _node(cases)
    for case, got in zip(cases, js, strict=True):
        state, actions = migrate(old, new, case["state"])
        assert got == {"state": state, "actions": actions}
        assert migrate(case["old"], case["new"], case["state"]) == (state, actions)
    # the first state answered everything and played every scenario: its actions are predict's
    impact = predict(old, new)
    _, actions = migrate(old, new, states[0])
    reset = [(a["question"], a["why"]) for a in actions if a["do"] == "question-reset"]
    order = {q["id"]: i for i, q in enumerate(old["quizzes"])}
    assert sorted(reset) == sorted(impact.questions_reset)
    assert [a["question"] for a in actions if a["do"] == "question-dropped"] == \
        sorted(impact.questions_dropped, key=order.__getitem__)
    assert [a["scenario"] for a in actions if a["do"] == "scenario-restarted"] == \
        impact.scenarios_restarted
    assert any(a["do"] == "assessment-reset" for a in actions) == bool(impact.assessment)


def test_same_layout_keeps_everything() -> None:
    rng = random.Random(7)
    for _ in range(20):
        state = _state(BASE_LAYOUT, rng, full=True)
        migrated, actions = migrate(BASE_LAYOUT, BASE_LAYOUT, state)
        assert actions == []
        assert migrated == state


def test_unknown_state_starts_fresh() -> None:
    states: list[Any] = [None, "x", {"h": "000000"}, {"h": BASE_LAYOUT["hash"], "q": 3}]
    cases = [{"old": BASE_LAYOUT, "new": BASE_LAYOUT, "state": s} for s in states]
    for case, got in zip(cases, _node(cases), strict=True):
        state, actions = migrate(BASE_LAYOUT, BASE_LAYOUT, case["state"])
        assert got == {"state": state, "actions": actions}
        assert state is None and actions[0]["do"] == "fresh"


CONTRACT = Path(__file__).resolve().parents[1] / "fixtures" / "contract" / "states.json"


@pytest.mark.parametrize("name", sorted(release_edits.EDITS))
def test_contract_states_of_the_sample(name: str, tmp_path: Path) -> None:
    """The contract's sample states (the codec's fixtures, the worst case among them) migrate
    the same way in both languages across each named edit, into states the codec reads back."""
    old_course = load_course(release_edits.copy_sample(tmp_path / "old"), Reporter())
    root = release_edits.copy_sample(tmp_path / "new")
    release_edits.EDITS[name](root)
    new_course = load_course(root, Reporter())
    assert old_course is not None and new_course is not None
    old, new = layout(old_course), layout(new_course)
    # the worst case carries the widest hash ("ffffff"): saved under this release, it has its hash
    states = [{**case["state"], "h": old["hash"]}
              for case in json.loads(CONTRACT.read_text(encoding="utf-8"))]
    assert len(states) >= 2
    cases = [{"old": old, "new": new, "state": s} for s in states]
    for case, got in zip(cases, _node(cases), strict=True):
        state, actions = migrate(old, new, case["state"])
        assert got == {"state": state, "actions": actions}
        assert state is not None
        text = encode(decode(json.dumps(state, separators=(",", ":"))))
        assert json.loads(text) == state
