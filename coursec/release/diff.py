"""``coursec diff``: the semantic change between two versions of a course.

In:  the two checked courses (OLD, NEW).
Out: ``diff_courses(old, new)`` -> ``CourseDiff``: ``changes`` (area, what, subject, detail),
     sorted by area in ``AREAS`` order then source order; ``stale`` (per region, the
     translation keys this change makes stale, from ``coursec.release.regional``); ``impact``
     (``coursec.release.predict.predict`` on the two layouts); ``xapi`` (activity ids that
     change). Two versions with the same source give an empty diff. Nothing is reported here.

Texts are compared by localization segment (``coursec.localize.segments``: keys built from ids),
structure by id (``coursec.release.layout``), so a reworded question shows as reworded and a
moved one as moved, never as removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursec.activities import ActivityIds, answer_key_hash
from coursec.localize.segments import segments
from coursec.model import Course, Quiz, Scenario, ScenarioChoice
from coursec.release.change import Change, added_removed
from coursec.release.layout import layout
from coursec.release.predict import Impact, predict
from coursec.release.textchanges import media_changes, text_changes, whole_ids

AREAS = ("course", "lessons", "pages", "questions", "assessment", "scenarios", "values",
         "regions", "media", "texts")


@dataclass
class CourseDiff:
    changes: list[Change] = field(default_factory=list)
    stale: dict[str, list[str]] = field(default_factory=dict)
    impact: Impact = field(default_factory=Impact)
    xapi: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)

    @property
    def empty(self) -> bool:
        return not self.changes and self.impact.empty and not self.xapi


def _ids(items: list[str]) -> str:
    return ", ".join(items)


def _moved(area: str, kind: str, old: list[str], new: list[str]) -> list[Change]:
    common0 = [i for i in old if i in new]
    common1 = [i for i in new if i in old]
    if common0 == common1:
        return []
    return [Change(area, "moved", f"{kind} '{i}'",
                   f"position {common0.index(i) + 1} -> {common1.index(i) + 1}")
            for i in common1 if common0.index(i) != common1.index(i)]


def _answer(quiz: Quiz) -> str:
    if quiz.choices and quiz.kind != "sequencing":
        return _ids([c.id for c in quiz.choices if c.correct]) or "none"
    if quiz.choices:
        return " > ".join(c.id for c in quiz.choices)
    if quiz.answers:
        return " | ".join(quiz.answers)
    if quiz.ranges:
        return ", ".join(f"{r.low:g}..{r.high:g}" for r in quiz.ranges)
    return _ids([p.id for p in quiz.pairs])


def _quizzes(old: Course, new: Course) -> list[Change]:
    q0 = {q.id: q for q in old.quizzes()}
    q1 = {q.id: q for q in new.quizzes()}
    out = added_removed("questions", "question", list(q0), list(q1))
    for qid, quiz in q1.items():
        before = q0.get(qid)
        if before is None:
            continue
        subject = f"question '{qid}'"
        if before.kind != quiz.kind:
            out.append(Change("questions", "changed", subject,
                              f"kind {before.kind} -> {quiz.kind}"))
        c0, c1 = [c.id for c in before.choices], [c.id for c in quiz.choices]
        for cid in c0:
            if cid not in c1:
                out.append(Change("questions", "removed", f"{subject} choice '{cid}'"))
        for cid in c1:
            if cid not in c0:
                out.append(Change("questions", "added", f"{subject} choice '{cid}'"))
        if answer_key_hash(before) != answer_key_hash(quiz):
            out.append(Change("questions", "changed", f"{subject} answer",
                              f"{_answer(before)} -> {_answer(quiz)}"))
        for name in ("points", "attempts"):
            if getattr(before, name) != getattr(quiz, name):
                out.append(Change("questions", "changed", f"{subject} {name}",
                                  f"{getattr(before, name):g} -> {getattr(quiz, name):g}"))
    return out


def _effects(choice: ScenarioChoice) -> str:
    parts = [f"{k} {v:+d}" for k, v in sorted(choice.deltas.items())]
    parts += [f"set {f}" for f in choice.sets] + [f"unset {f}" for f in choice.unsets]
    text = f"-> {choice.target}" + (f" {{{', '.join(parts)}}}" if parts else "")
    return text + (f" if {choice.condition_text}" if choice.condition_text else "")


def _scenario(before: Scenario, after: Scenario) -> list[Change]:
    out: list[Change] = []
    name = f"scenario '{after.id}'"
    n0, n1 = before.node_ids(), after.node_ids()
    out += added_removed("scenarios", f"{name} node", n0, n1)
    for key, label in (("start", "start"), ("pass_text", "pass rule"),
                       ("competencies", "competencies"), ("score_range", "score range"),
                       ("graded", "graded"), ("retry", "retry")):
        a, b = getattr(before, key), getattr(after, key)
        if a != b:
            out.append(Change("scenarios", "changed", f"{name} {label}", f"{a} -> {b}"))
    for node_id, node in after.nodes.items():
        old_node = before.nodes.get(node_id)
        if old_node is None:
            continue
        e0 = {c.id: c for c in old_node.choices}
        e1 = {c.id: c for c in node.choices}
        for cid, choice in e1.items():
            where = f"{name} edge {node_id}/{cid}"
            if cid not in e0:
                out.append(Change("scenarios", "added", where, _effects(choice)))
            elif _effects(e0[cid]) != _effects(choice):
                out.append(Change("scenarios", "changed", where,
                                  f"{_effects(e0[cid])} => {_effects(choice)}"))
        for cid, choice in e0.items():
            if cid not in e1:
                out.append(Change("scenarios", "removed", f"{name} edge {node_id}/{cid}",
                                  _effects(choice)))
    for ending_id, ending in after.endings.items():
        old_ending = before.endings.get(ending_id)
        if old_ending is not None and old_ending.outcome is not ending.outcome:
            out.append(Change("scenarios", "changed", f"{name} ending '{ending_id}'",
                              f"{old_ending.outcome.value} -> {ending.outcome.value}"))
    return out


def _assessment(old: Course, new: Course) -> list[Change]:
    a0, a1 = old.assessment(), new.assessment()
    if a0 is None and a1 is None:
        return []
    if a0 is None or a1 is None:
        which = a1 or a0
        assert which is not None
        return [Change("assessment", "added" if a0 is None else "removed",
                       f"assessment '{which.id}'")]
    out: list[Change] = []
    for key, label in (("pass_percent", "pass mark"), ("attempts", "attempts"),
                       ("drawn", "questions drawn"), ("shuffle", "shuffle")):
        a, b = getattr(a0, key), getattr(a1, key)
        if a != b:
            out.append(Change("assessment", "changed", f"assessment '{a1.id}' {label}",
                              f"{a} -> {b}"))
    p0, p1 = [q.id for q in a0.quizzes], [q.id for q in a1.quizzes]
    out += [Change("assessment", "removed", f"pool question '{q}'") for q in p0 if q not in p1]
    out += [Change("assessment", "added", f"pool question '{q}'") for q in p1 if q not in p0]
    return out


def _course(old: Course, new: Course) -> list[Change]:
    out: list[Change] = []
    c0, c1 = old.config, new.config
    pairs = [("id", c0.id, c1.id), ("version", c0.version, c1.version),
             ("mastery", old.mastery_percent(), new.mastery_percent()),
             ("completion", c0.completion.model_dump(), c1.completion.model_dump()),
             ("xapi.base_iri", c0.xapi.base_iri, c1.xapi.base_iri)]
    for name, a, b in pairs:
        if a != b:
            out.append(Change("course", "changed", name, f"{a} -> {b}"))
    return out


def _xapi(old: Course, new: Course, impact: Impact) -> list[tuple[str, str]]:
    """Activity ids that change for something that is still there (a new question version,
    a renamed lesson, another course IRI); added and removed things are in ``changes``."""
    ids0, ids1 = ActivityIds(old), ActivityIds(new)
    if ids0.course != ids1.course:
        return [(ids0.course, ids1.course)]
    out = [(ids0.lesson(a), ids1.lesson(b)) for a, b in impact.lessons_renamed]
    lesson0 = {q.id: (lesson.id, q) for lesson in old.lessons for q in lesson.quizzes()}
    for lesson in new.lessons:
        for quiz in lesson.quizzes():
            if quiz.id in lesson0:
                a = ids0.quiz(*lesson0[quiz.id])
                b = ids1.quiz(lesson.id, quiz)
                if a != b:
                    out.append((a, b))
    return out


def diff_courses(old: Course, new: Course, stale: dict[str, list[str]] | None = None,
                 regional: list[Change] | None = None) -> CourseDiff:
    l0, l1 = layout(old), layout(new)
    changes = _course(old, new)
    impact = predict(l0, l1)
    renamed = dict(impact.lessons_renamed)
    changes += [Change("lessons", "renamed", f"lesson '{a}'", f"now '{b}'")
                for a, b in renamed.items()]
    pages0 = [k for k in l0["pages"] if k.split("--")[0] not in renamed]
    pages1 = [k for k in l1["pages"] if k.split("--")[0] not in renamed.values()]
    changes += added_removed("lessons", "lesson",
                              [x.id for x in old.lessons if x.id not in renamed],
                              [x.id for x in new.lessons if x.id not in renamed.values()])
    changes += _moved("lessons", "lesson", [x.id for x in old.lessons],
                      [x.id for x in new.lessons])
    changes += added_removed("pages", "page", pages0, pages1)
    changes += _moved("pages", "page", pages0, pages1)
    changes += _quizzes(old, new)
    changes += _moved("questions", "question", [q["id"] for q in l0["quizzes"]],
                      [q["id"] for q in l1["quizzes"]])
    changes += _assessment(old, new)
    s0 = {s.id: s for s in old.scenarios()}
    s1 = {s.id: s for s in new.scenarios()}
    changes += added_removed("scenarios", "scenario", list(s0), list(s1))
    for sid, scenario in s1.items():
        if sid in s0:
            changes += _scenario(s0[sid], scenario)
    changes += regional or []
    changes += media_changes(old, new)
    changes += text_changes(segments(old), segments(new), whole_ids(old, new))
    order = {a: i for i, a in enumerate(AREAS)}
    changes = sorted(changes, key=lambda c: order[c.area])  # stable: source order in an area
    return CourseDiff(changes, stale or {}, impact, _xapi(old, new, impact))
