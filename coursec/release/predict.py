"""The learner impact for every learner at once: ``impact.migrate``'s rules, stated per change.

In:  the layout of a release (``old``) and the layout replacing it (``new``).
Out: ``predict(old, new)`` -> ``Impact``: pages dropped and where a bookmark on each goes,
     questions reset (with why) and dropped, why the assessment's attempts are reset (None:
     kept), scenarios restarted and dropped, renamed lessons, and why nobody keeps anything
     (None: some progress survives). ``coursec diff`` prints it, ``check --since`` reports it.
     The property test checks it against ``migrate`` on a state that answered everything.
Nothing is reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursec.release.impact import nearest, pool_change, quiz_change
from coursec.release.layout import Layout


@dataclass
class Impact:
    """``predict``: the rules applied to every learner at once."""

    pages_dropped: list[str] = field(default_factory=list)
    bookmarks: dict[str, str | None] = field(default_factory=dict)  # dropped page -> new page
    questions_reset: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    questions_dropped: list[str] = field(default_factory=list)
    assessment: str | None = None  # why its attempts and scores are reset, None: kept
    scenarios_restarted: list[str] = field(default_factory=list)
    scenarios_dropped: list[str] = field(default_factory=list)
    lessons_renamed: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    everything: str | None = None  # why no learner keeps anything, or None

    @property
    def empty(self) -> bool:
        return not (self.pages_dropped or self.questions_reset or self.questions_dropped
                    or self.assessment or self.scenarios_restarted or self.scenarios_dropped
                    or self.lessons_renamed or self.everything)


def predict(old: Layout, new: Layout) -> Impact:
    impact = Impact()
    pages0, survives = old["pages"], set(new["pages"])
    for c, key in enumerate(pages0):
        if key not in survives:
            impact.pages_dropped.append(key)
            to = nearest(pages0, c, survives)
            impact.bookmarks[key] = to if to is not None else (new["pages"] or [None])[0]
    quiz1 = {q["id"]: q for q in new["quizzes"]}
    pool_why = pool_change(old, new)
    impact.assessment = pool_why
    for q in old["quizzes"]:
        q1 = quiz1.get(q["id"])
        if q1 is None:
            impact.questions_dropped.append(q["id"])
        elif not (q["inA"] and q1["inA"] and pool_why is not None):
            why = quiz_change(q, q1)
            if why is not None:
                impact.questions_reset.append((q["id"], why))
    scen1 = {s["id"]: s for s in new["scenarios"]}
    for s in old["scenarios"]:
        if s["id"] not in scen1:
            impact.scenarios_dropped.append(s["id"])
        elif scen1[s["id"]]["graph"] != s["graph"]:
            impact.scenarios_restarted.append(s["id"])
    impact.lessons_renamed = renamed_lessons(old, new)
    impact.everything = _everything(old, new)
    return impact


def renamed_lessons(old: Layout, new: Layout) -> list[tuple[str, str]]:
    """Lessons whose id changed while their pages stayed (a renamed lesson file whose id came
    from its name): matched by the same page ids in the same order."""
    ids0 = {x["id"] for x in old["lessons"]}
    ids1 = {x["id"] for x in new["lessons"]}
    gone = [x for x in old["lessons"] if x["id"] not in ids1]
    came = [x for x in new["lessons"] if x["id"] not in ids0]
    found = []
    for lesson in gone:
        match = next((n for n in came if n["pages"] == lesson["pages"]), None)
        if match is not None:
            found.append((lesson["id"], match["id"]))
            came.remove(match)
    return found


def _everything(old: Layout, new: Layout) -> str | None:
    if old["course"] != new["course"]:
        return f"the course id changed from '{old['course']}' to '{new['course']}'"
    if old["pages"] and not set(old["pages"]) & set(new["pages"]):
        return "no page of the release survives (every page key changed)"
    return None
