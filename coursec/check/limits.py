"""Worst-case resume state per target: will the runtime's suspend_data always fit?

In:  the course model and a target name.
Out: ``worst_case_state(course)`` is the longest string ``player.js`` can write to suspend_data for
     this course (same JSON encoding, every field at its maximum); ``check_limits`` reports CS501
     when it is longer than the target's limit (``suspend_limit`` in ``coursec.targets.registry``).

The state's layout and its codec live in ``coursec.contract.state`` (the records this module
fills in at their maximum, encoded exactly as ``player.js`` writes them).

The scenario bound is exact where it can be: the path holds at most the longest path of the node
graph when that graph has no cycle (conditions ignored, so it is an upper bound), else PATH_KEEP.
"""

from __future__ import annotations

from typing import Any

from coursec.contract.state import (
    SHOWN,
    AssessmentState,
    QuizEntry,
    ResumeState,
    ScenarioEntry,
    bitset,
    encode,
    scenario_flags,
    stringify,
)
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Course, Quiz, Scenario
from coursec.quizkinds.registry import learner_reveals, spec
from coursec.release.stamp import RELEASES
from coursec.runtime import (
    HASH_LENGTH,
    PATH_KEEP,
    SEED_MAX,
    STATE_VERSION,
    STEP_CAP,
    TRIES_CAP,
)
from coursec.targets.registry import TARGETS, capabilities

SUSPEND_LIMITS = {t.name: t.suspend_limit for t in TARGETS.values() if t.suspend_limit}
WORST_SCORE = 33.33  # a score with the most characters the runtime writes (2 decimals)


def _worst_response(quiz: Quiz) -> Any:
    return spec(quiz.kind).worst(quiz)


def _entry(quiz: Quiz, in_assessment: bool) -> QuizEntry:
    worst = (_worst_tries(quiz, in_assessment), _worst_response(quiz), 0)
    if learner_reveals(quiz, in_assessment):  # Show answer pressed: the entry carries SHOWN
        return (*worst, SHOWN)
    return worst


def _width(value: Any) -> int:
    return len(stringify(value))


def _worst_tries(quiz: Quiz, in_assessment: bool) -> int:
    if in_assessment:
        return 1
    return quiz.attempts if quiz.attempts else TRIES_CAP


def _longest_walk(scenario: Scenario) -> int | None:
    """Most choices any play can make (node graph, conditions ignored); None when it has a cycle."""
    known = set(scenario.node_ids())
    memo: dict[str, int] = {}
    active: set[str] = set()

    def longest(node_id: str) -> int | None:
        if node_id in memo:
            return memo[node_id]
        if node_id in active:
            return None
        active.add(node_id)
        best = 0
        node = scenario.nodes.get(node_id)
        for choice in node.choices if node else []:
            if choice.target not in known:
                continue
            rest = longest(choice.target)
            if rest is None:
                return None
            best = max(best, rest + 1)
        active.discard(node_id)
        memo[node_id] = best
        return best

    return longest(scenario.start) if scenario.start in known else 0


def _worst_scenario(scenario: Scenario) -> ScenarioEntry:
    lo, hi = scenario.score_range
    widest = lo if len(str(lo)) >= len(str(hi)) else hi
    scores = [widest] * len(scenario.competencies)
    last_node = max(len(scenario.node_ids()) - 1, 0)
    last_ending = last_node  # endings come last in node_ids()
    widest_choice = max((len(n.choices) - 1 for n in scenario.nodes.values()), default=0)
    walk = _longest_walk(scenario)
    kept = PATH_KEEP if walk is None else min(PATH_KEEP, walk)
    steps = STEP_CAP if walk is None else min(STEP_CAP, walk)
    flags = bitset([True] * len(scenario_flags(scenario)))  # every flag set, canonical
    return (
        last_node,
        scores,
        flags,
        [last_node] + [widest_choice] * kept,
        steps,
        TRIES_CAP,
        (last_ending, 1, scores),
    )


def worst_state(course: Course) -> ResumeState:
    """The resume state with every field at its widest (what ``worst_case_state`` encodes)."""
    pages = course.pages()
    quizzes = course.quizzes()
    assessment = course.assessment()
    pool = {q.id for q in assessment.quizzes} if assessment else set()
    entries: list[QuizEntry | None] = [None if q.id in pool else _entry(q, False) for q in quizzes]
    pool_indexes = [i for i, q in enumerate(quizzes) if q.id in pool]
    stored: AssessmentState | None = None
    if assessment is not None:
        # one attempt's answers are stored at a time: the widest `drawn` of the pool
        widest = sorted(pool_indexes, key=lambda i: -_width(list(_entry(quizzes[i], True))))
        for i in widest[: assessment.drawn]:
            entries[i] = _entry(quizzes[i], True)
        drawn = sorted(pool_indexes, reverse=True)[: assessment.drawn]  # the widest indexes
        stored = AssessmentState(
            n=assessment.attempts or TRIES_CAP, d=drawn, s=1, b=WORST_SCORE, l=WORST_SCORE, p=1
        )
    while entries and entries[-1] is None:  # the runtime never stores trailing nulls
        entries.pop()
    scenarios = course.scenarios()
    return ResumeState(
        v=STATE_VERSION,
        h="f" * HASH_LENGTH,
        k="f" * HASH_LENGTH if (course.root / RELEASES).is_dir() else None,  # names its release
        r=SEED_MAX,
        c=max(len(pages) - 1, 0),
        p=bitset([True] * len(pages)),  # every page visited, as the runtime writes it
        q=entries,
        a=stored,
        s=[_worst_scenario(scenario) for scenario in scenarios] if scenarios else None,
    )


def worst_case_state(course: Course) -> str:
    """The longest ``suspend_data`` the runtime can write for ``course``."""
    return encode(worst_state(course))


def check_limits(course: Course, target: str, reporter: Reporter) -> None:
    entry = capabilities(target)
    if entry is None or entry.suspend_limit is None:
        return
    limit = entry.suspend_limit
    worst = worst_case_state(course)
    if len(worst) <= limit:
        return
    heavy = sorted(
        course.quizzes(),
        key=lambda q: -_width(_worst_response(q)),
    )[:3]
    reporter.report(
        Code.CS501,
        Span(str(course.root / "course.yaml"), 1, 1),
        f"the resume state can reach {len(worst)} characters; {target} stores at most {limit}",
        help="the largest questions: "
        + ", ".join(f"'{q.id}' ({q.kind})" for q in heavy)
        + _scenario_note(course)
        + "; use fewer or shorter questions (fill-in answers take the most), or build "
        + entry.suspend_hint,
    )


def _scenario_note(course: Course) -> str:
    scenarios = course.scenarios()
    if not scenarios:
        return ""
    widest = max(scenarios, key=lambda s: _width(_plain_scenario(s)))
    return f"; scenario '{widest.id}' takes up to {_width(_plain_scenario(widest))} characters"


def _plain_scenario(scenario: Scenario) -> list[Any]:
    entry = _worst_scenario(scenario)
    return [*entry[:6], list(entry[6]) if entry[6] is not None else None]
