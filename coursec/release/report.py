"""Printing a ``CourseDiff``: text for the terminal, Markdown for a pull request, JSON.

In:  a ``CourseDiff`` and the two version labels.
Out: ``diff_text``, ``diff_markdown`` (the learner impact first, every change in a collapsible
     ``<details>`` section: short in a pull request comment) and ``diff_json`` (stable keys,
     sorted as the diff is). An empty diff prints nothing at all (empty string).
``impact_lines`` states the learner impact in sentences (also used by ``coursec release``).
"""

from __future__ import annotations

import json
from typing import Any

from coursec.release.diff import CourseDiff
from coursec.release.predict import Impact


def impact_lines(impact: Impact) -> list[str]:
    if impact.everything:
        return [f"every learner starts again: {impact.everything}"]
    lines: list[str] = []
    for old_id, new_id in impact.lessons_renamed:
        lines.append(f"lesson '{old_id}' is now '{new_id}': every learner loses the pages seen "
                     "in it (answers are kept; an explicit `id:` in the lesson keeps it all)")
    for key in impact.pages_dropped:
        to = impact.bookmarks.get(key)
        lines.append(f"page '{key}' is gone: a learner on it resumes on "
                     f"{repr(to) if to else 'the first page'}")
    for qid, why in impact.questions_reset:
        lines.append(f"question '{qid}' is reset for learners who answered it ({why})")
    for qid in impact.questions_dropped:
        lines.append(f"question '{qid}' is gone: its saved answers are dropped")
    if impact.assessment:
        lines.append(f"assessment attempts and scores are reset ({impact.assessment})")
    for sid in impact.scenarios_restarted:
        lines.append(f"scenario '{sid}' restarts for learners in it (its graph changed); "
                     "attempts and a counted result on a surviving ending are kept")
    for sid in impact.scenarios_dropped:
        lines.append(f"scenario '{sid}' is gone: its saved play is dropped")
    if not lines:
        lines.append("every learner keeps their progress (pages, answers, attempts, scenarios)")
    return lines


def _changes(diff: CourseDiff) -> list[tuple[str, str, str, str]]:
    return [(c.area, c.what, c.subject, c.detail) for c in diff.changes]


def _xapi_line(diff: CourseDiff) -> str:
    if not diff.xapi:
        return "xAPI activity ids: unchanged"
    return f"xAPI activity ids: {len(diff.xapi)} change(s) (statements before and after differ)"


def diff_text(diff: CourseDiff, old: str, new: str) -> str:
    if diff.empty:
        return ""
    out = [f"coursec diff {old} -> {new}: {len(diff.changes)} change(s)"]
    area = None
    for a, what, subject, detail in _changes(diff):
        if a != area:
            out.append(f"{a}:")
            area = a
        out.append(f"  {what:<9}{subject}" + (f": {detail}" if detail else ""))
    if diff.stale:
        out.append("translations made stale:")
        out += [f"  {tag}: {len(keys)} ({', '.join(keys)})" for tag, keys in diff.stale.items()]
    out.append("learner impact:")
    out += [f"  {line}" for line in impact_lines(diff.impact)]
    out.append(_xapi_line(diff))
    out += [f"  {a} -> {b}" for a, b in diff.xapi]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_markdown(diff: CourseDiff, old: str, new: str) -> str:
    if diff.empty:
        return ""
    out = [f"### coursec diff `{old}` → `{new}`", "", "**Learner impact**", ""]
    out += [f"- {_cell(line)}" for line in impact_lines(diff.impact)]
    out += [f"- {_xapi_line(diff)}", ""]
    stale = sum(len(k) for k in diff.stale.values())
    summary = f"{len(diff.changes)} change(s)"
    if diff.stale:
        summary += f"; {stale} translation(s) made stale in {len(diff.stale)} region(s)"
    out += ["<details>", f"<summary>{summary}</summary>", "",
            "| area | change | what | detail |", "| --- | --- | --- | --- |"]
    out += [f"| {a} | {w} | {_cell(s)} | {_cell(d)} |" for a, w, s, d in _changes(diff)]
    if diff.stale:
        out += ["", "| region | stale translations |", "| --- | --- |"]
        out += [f"| {tag} | {_cell(', '.join(keys))} |" for tag, keys in diff.stale.items()]
    if diff.xapi:
        out += ["", "| old activity id | new activity id |", "| --- | --- |"]
        out += [f"| {a} | {b} |" for a, b in diff.xapi]
    out += ["", "</details>"]
    return "\n".join(out) + "\n"


def diff_json(diff: CourseDiff, old: str, new: str) -> str:
    impact = diff.impact
    data: dict[str, Any] = {
        "old": old,
        "new": new,
        "changes": [{"area": a, "change": w, "subject": s, "detail": d}
                    for a, w, s, d in _changes(diff)],
        "stale": diff.stale,
        "impact": {
            "everything": impact.everything,
            "lessons_renamed": [list(p) for p in impact.lessons_renamed],
            "pages_dropped": impact.pages_dropped,
            "bookmarks": impact.bookmarks,
            "questions_reset": [{"question": q, "why": w} for q, w in impact.questions_reset],
            "questions_dropped": impact.questions_dropped,
            "assessment_reset": impact.assessment,
            "scenarios_restarted": impact.scenarios_restarted,
            "scenarios_dropped": impact.scenarios_dropped,
        },
        "xapi": [{"old": a, "new": b} for a, b in diff.xapi],
    }
    if diff.empty:
        data = {"old": old, "new": new, "changes": []}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
