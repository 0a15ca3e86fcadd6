"""A learner simulator (tests and bench only): xAPI statements of a cohort from a known model.

In:  a checked course (the sample course), a cohort size, a seed, the planted region effects.
Out: ``Cohort``: the statements, shaped as coursec's runtime sends them (``coursec/runtime/lrs.js``:
     verbs, object ids from ``ActivityIds``, full interaction definitions, the coursec profile's
     extensions, ``context.language`` = the region), and ``Truth``: what the model did (the
     funnel counted exactly, each question's difficulty, the learners per scenario edge and
     ending).

The model: learner ability ``theta ~ N(0, 1)``; question difficulty ``b`` spread over
[-1.6, 1.6]; a first try is correct with the Rasch probability ``1 / (1 + exp(b + effect -
theta))``, where ``effect`` is the planted region effect (0 elsewhere); a wrong answer picks a
distractor (the first distractor twice as often as the others; a planted choice preference,
``PLANTED_CHOICE``, makes a region's learners pick one distractor at a given rate); a practice
question is retried until right (at most 3 tries). After each page a learner stays with
probability ``stay``. The assessment draws 6 of its questions per attempt, passes at 80 %, at
most 2 attempts. A scenario choice is taken with a probability growing with ``theta`` times the
sum of its deltas.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from coursec.activities import ActivityIds, runtime_data
from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Reporter
from coursec.model import Assessment, Course, Quiz, Scenario
from coursec.render.markdown import MarkdownRenderer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "courses" / "customer-service"
V = "http://adlnet.gov/expapi/verbs/"
PROFILE = "https://w3id.org/coursec/xapi/v1"
EXT = PROFILE + "/extensions/"
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
#: the planted effects: (region, lesson/quiz) -> added difficulty (logits)
PLANTED = {("de-DE", "empathy/specific-empathy"): 1.6,
           ("es-MX", "final-assessment/a-no-rule-fits"): 1.6}
#: the planted choice preferences: (region, lesson/quiz) -> (distractor, share of the wrong
#: answers picking it); they change which distractor is picked, never whether an answer is right
PLANTED_CHOICE = {("es-MX", "empathy/specific-empathy"): ("you-re-absolutely-right", 0.7)}


def load_sample(path: Path = SAMPLE) -> Course:
    checked = load_and_check(BuildOptions(course_dir=path), Reporter())
    assert checked is not None
    return checked[0]


@dataclass
class Truth:
    funnel: Counter[str] = field(default_factory=Counter)  # step -> learners
    difficulty: dict[str, float] = field(default_factory=dict)  # lesson/quiz -> b
    edges: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (scn, node, choice)
    endings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (scenario, ending)
    learners: int = 0


def _duration(seconds: float) -> str:
    cs = max(0, round(seconds * 100))
    m, cs = divmod(cs, 6000)
    s, cs = divmod(cs, 100)
    return "PT" + (f"{m}M" if m else "") + f"{s}" + (f".{cs:02d}" if cs else "") + "S"


class _Learner:
    def __init__(self, sim: Simulator, index: int, rng: random.Random) -> None:
        self.sim, self.rng = sim, rng
        self.theta = rng.gauss(0, 1)
        self.region = sim.regions[index % len(sim.regions)]
        self.actor = {"objectType": "Agent", "name": f"Learner {index}",
                      "account": {"homePage": "https://lms.example", "name": f"l{index:06d}"}}
        self.registration = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        self.clock = START + timedelta(minutes=index)
        self.out: list[dict[str, Any]] = []

    def emit(self, verb: str, obj: dict[str, Any], result: dict[str, Any] | None = None,
             parent: str | None = None, seconds: float = 20.0) -> None:
        self.clock += timedelta(seconds=seconds)
        ca: dict[str, Any] = {"grouping": [{"objectType": "Activity", "id": self.sim.ids.course}],
                              "category": [{"objectType": "Activity", "id": PROFILE}]}
        if parent:
            ca["parent"] = [{"objectType": "Activity", "id": parent}]
        s: dict[str, Any] = {
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "actor": self.actor, "verb": {"id": V + verb, "display": {self.region: verb}},
            "object": obj, "context": {"language": self.region, "registration": self.registration,
                                       "contextActivities": ca},
            "timestamp": self.clock.isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        if result is not None:
            s["result"] = result
        self.out.append(s)


class Simulator:
    def __init__(self, course: Course, seed: int = 7, stay: float = 0.99,
                 planted: dict[tuple[str, str], float] | None = None,
                 definitions: bool = True,
                 planted_choice: dict[tuple[str, str], tuple[str, float]] | None = None) -> None:
        self.course = course
        self.definitions = definitions  # full interaction definitions, as the runtime sends
        self.ids = ActivityIds(course)
        self.regions = [course.config.language, *course.config.regions]
        self.planted = PLANTED if planted is None else planted
        self.planted_choice = PLANTED_CHOICE if planted_choice is None else planted_choice
        self.stay = stay
        self.seed = seed
        md = MarkdownRenderer(allow_html=False)
        self.xapi = runtime_data(course, md, course.config.language)
        self.defs = {q["id"]: q["def"] for q in self.xapi["quizzes"]}
        self.iris = {(lesson.id, q.id): self.ids.quiz(lesson.id, q)
                     for lesson, q in self._quizzes()}
        self.truth = Truth()
        rng = random.Random(seed)
        graded = [f"{lesson.id}/{q.id}" for lesson, q in self._quizzes()
                  if q.kind != "likert"]
        spread = [-1.6 + 3.2 * i / (len(graded) - 1) for i in range(len(graded))]
        rng.shuffle(spread)
        self.truth.difficulty = dict(zip(graded, spread, strict=True))

    def _quizzes(self) -> Iterator[tuple[Any, Quiz]]:
        for lesson in self.course.lessons:
            for page in lesson.pages:
                for block in page.blocks:
                    for q in block.quizzes if isinstance(block, Assessment) else [block]:
                        if isinstance(q, Quiz):
                            yield lesson, q

    def course_object(self) -> dict[str, Any]:
        return {"objectType": "Activity", "id": self.ids.course}

    def learners(self, n: int) -> Iterator[list[dict[str, Any]]]:
        """Statements per learner, for ``n`` learners (the truth is counted as they go)."""
        for i in range(n):
            learner = _Learner(self, i, random.Random(f"{self.seed}:{i}"))
            self._play(learner)
            self.truth.learners += 1
            yield learner.out

    def statements(self, n: int) -> list[dict[str, Any]]:
        return [s for out in self.learners(n) for s in out]

    # --- one learner ---------------------------------------------------------------------

    def _play(self, ln: _Learner) -> None:
        t = self.truth
        t.funnel["launched"] += 1
        ln.emit("initialized", self.course_object())
        t.funnel["initialized"] += 1
        pages = [(lesson, page) for lesson in self.course.lessons for page in lesson.pages]
        passed = False
        seen_all = False
        for n, (lesson, page) in enumerate(pages):
            key = f"{lesson.id}/{page.id}"
            page_obj = {"objectType": "Activity", "id": self.ids.page(lesson.id, page.id),
                        "definition": {"type": "http://activitystrea.ms/schema/1.0/page"}}
            ln.emit("experienced", page_obj, parent=self.ids.lesson(lesson.id))
            t.funnel["page:" + key] += 1
            for block in page.blocks:
                if isinstance(block, Quiz):
                    self._practice(ln, lesson.id, block)
                elif isinstance(block, Scenario):
                    self._scenario(ln, lesson.id, block)
                elif isinstance(block, Assessment):
                    passed = self._assessment(ln, lesson.id, block)
            if n == len(pages) - 1:
                seen_all = True
            elif ln.rng.random() > self.stay:
                break
        if seen_all and passed:
            ln.emit("completed", self.course_object(), {"completion": True, "duration": "PT40M"})
            t.funnel["completed"] += 1
        if passed:
            t.funnel["passed"] += 1
        ln.emit("terminated", self.course_object(), {"duration": "PT41M"})

    def _p_correct(self, ln: _Learner, key: str) -> float:
        b = self.truth.difficulty[key] + self.planted.get((ln.region, key), 0.0)
        return 1 / (1 + math.exp(b - ln.theta))

    def _answer(self, ln: _Learner, lesson: str, q: Quiz, ok: bool) -> None:
        iri = self.iris[(lesson, q.id)]
        result: dict[str, Any] = {"response": self._response(ln, f"{lesson}/{q.id}", q, ok),
                                  "duration": _duration(ln.rng.lognormvariate(2.5, 0.5))}
        if q.kind != "likert":
            result["success"] = ok
            result["score"] = {"scaled": 1 if ok else 0, "raw": q.points if ok else 0, "min": 0,
                               "max": q.points}
        obj: dict[str, Any] = {"objectType": "Activity", "id": iri}
        if self.definitions:
            obj["definition"] = self.defs[iri]
        ln.emit("answered", obj,
                result, parent=self.ids.lesson(lesson))

    def _response(self, ln: _Learner, key: str, q: Quiz, ok: bool) -> str:
        correct = [c.id for c in q.choices if c.correct]
        wrong = [c.id for c in q.choices if not c.correct]
        kind = q.kind
        if kind == "likert":
            return ln.rng.choice(q.choices).id
        if kind in ("single", "true-false"):
            if ok:
                return correct[0]
            weights = [2] + [1] * (len(wrong) - 1)
            planted = self.planted_choice.get((ln.region, key))
            if planted is None:
                return ln.rng.choices(wrong, weights=weights)[0]
            # one draw, as rng.choices makes: the learner's later draws stay the same
            choice, rate = planted
            u = ln.rng.random()
            if u < rate:
                return choice
            others = [(c, w) for c, w in zip(wrong, weights, strict=True) if c != choice]
            u = (u - rate) / (1 - rate) * sum(w for _, w in others)
            for c, w in others:
                u -= w
                if u < 0:
                    return c
            return others[-1][0]
        if kind == "multiple":
            picked = correct if ok else correct[:-1] + wrong[:1]
            return "[,]".join(picked)
        if kind == "sequencing":
            order = [c.id for c in q.choices]
            return "[,]".join(order if ok else order[1:] + order[:1])
        if kind == "matching":
            ids = [p.id for p in q.pairs]
            targets = ids if ok else ids[1:] + ids[:1]
            return "[,]".join(f"{a}[.]{b}" for a, b in zip(ids, targets, strict=True))
        if kind == "numeric":
            return str(q.ranges[0].low if ok else q.ranges[0].high + 7)
        return q.answers[0] if ok else "no idea"

    def _practice(self, ln: _Learner, lesson: str, q: Quiz) -> None:
        if q.kind == "likert":
            self._answer(ln, lesson, q, True)
            return
        p = self._p_correct(ln, f"{lesson}/{q.id}")
        for tries in range(3):
            ok = ln.rng.random() < (p if tries == 0 else 0.5 + p / 2)
            self._answer(ln, lesson, q, ok)
            if ok:
                return

    def _assessment(self, ln: _Learner, lesson: str, a: Assessment) -> bool:
        for _attempt in range(a.attempts or 1):
            drawn = ln.rng.sample(a.quizzes, a.draw or len(a.quizzes))
            right = 0
            for q in drawn:
                ok = ln.rng.random() < self._p_correct(ln, f"{lesson}/{q.id}")
                right += ok
                self._answer(ln, lesson, q, ok)
            score = round(100 * right / len(drawn))
            passed = score >= a.pass_percent
            ln.emit("passed" if passed else "failed", self.course_object(),
                    {"success": passed, "duration": "PT30M",
                     "score": {"scaled": score / 100, "raw": score, "min": 0, "max": 100}})
            if passed:
                return True
        return False

    def _scenario(self, ln: _Learner, lesson: str, sc: Scenario) -> None:
        siri = self.ids.scenario(lesson, sc.id)
        skey = f"{lesson}/{sc.id}"
        scores = dict.fromkeys(sc.competencies, 0)
        low, high = sc.score_range
        node_id, path = sc.start, [sc.start]
        for _step in range(40):
            if node_id in sc.endings:
                break
            node = sc.nodes[node_id]
            options = [c for c in node.choices if c.condition is None]
            weights = [math.exp(0.9 * ln.theta * sum(c.deltas.values())) for c in options]
            choice = ln.rng.choices(options, weights=weights)[0]
            for name, d in choice.deltas.items():
                scores[name] = max(low, min(high, scores[name] + d))
            self.truth.edges[(skey, node.id, choice.id)] += 1
            ln.emit("answered", {"objectType": "Activity", "id": f"{siri}/{node.id}",
                                 "definition": {"type": "http://adlnet.gov/expapi/activities/"
                                                "cmi.interaction", "interactionType": "choice"}},
                    {"response": choice.id, "duration": _duration(ln.rng.uniform(3, 30)),
                     "extensions": {EXT + "competency-deltas": dict(choice.deltas),
                                    EXT + "competency-scores": dict(scores)}},
                    parent=siri)
            node_id = choice.target
            path.append(node_id)
        if node_id not in sc.endings:
            return
        ending = sc.endings[node_id]
        self.truth.endings[(skey, ending.id)] += 1
        result: dict[str, Any] = {"completion": True, "extensions": {
            EXT + "competency-scores": dict(scores), EXT + "path": path,
            EXT + "ending": ending.id, EXT + "outcome": ending.outcome.value}}
        if sc.graded or ending.outcome.value != "neutral":
            result["success"] = ending.outcome.value == "pass"
        ln.emit("completed", {"objectType": "Activity", "id": siri, "definition": {
            "type": "http://adlnet.gov/expapi/activities/simulation"}}, result,
            parent=self.ids.lesson(lesson))


def write_ndjson(statements: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for s in statements:
            f.write(json.dumps(s, separators=(",", ":")) + "\n")
    return path
