"""Small generated courses for the migration property test: a description -> course files.

In:  a ``Desc`` (lessons of pages holding quizzes, one assessment, one scenario).
Out: ``write(desc, folder)`` writes course.yaml and the lesson files; ``EDITS`` are the edits
     the property test draws (each returns an edited copy of the description).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

Desc = dict[str, Any]


def initial() -> Desc:
    lessons = []
    for li in range(3):
        pages = []
        for pi in range(3):
            quizzes = [{"id": f"q{li}{pi}", "correct": 0, "choices": ["a", "b", "c"]}] \
                if pi != 1 else []
            pages.append({"id": f"p{li}{pi}", "text": f"Page {li}.{pi}.", "quizzes": quizzes})
        lessons.append({"id": f"lesson{li}", "explicit": True, "pages": pages})
    return {
        "lessons": lessons,
        "pool": [{"id": f"a{i}", "correct": 1, "choices": ["a", "b"]} for i in range(3)],
        "draw": 0,
        "edges": [["n1", "go", "n2"], ["n1", "stop", "lose"], ["n2", "win", "win"],
                  ["n2", "back", "n1"]],
        "next": 0,
    }


def _quiz(q: dict[str, Any]) -> str:
    lines = [f":::{{quiz}} {q['id']}", "", f"Question {q['id']}?", ""]
    for i, c in enumerate(q["choices"]):
        lines.append(f"- [{'x' if i == q['correct'] else ' '}] {{#{c}}} Choice {c}")
    return "\n".join([*lines, ":::", ""])


def _scenario(desc: Desc) -> str:
    out = ["::::{scenario} sc", ":start: n1", ":competencies: skill", "", "Intro.", ""]
    for node in ("n1", "n2"):
        out += [f":::{{node}} {node}", f"Node {node}.", ""]
        for source, cid, target in desc["edges"]:
            if source == node:
                out.append(f"- \"{cid} text\" {{#{cid}}} -> {target} {{skill +1}}")
        out += [":::", ""]
    for ending, outcome in (("win", "pass"), ("lose", "fail")):
        out += [f":::{{ending}} {ending}", f":outcome: {outcome}", "", f"End {ending}.", ":::", ""]
    return "\n".join([*out, "::::", ""])


def write(desc: Desc, root: Path) -> None:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        "id: gen\ntitle: Generated\nversion: '1'\nlanguage: en-US\ntargets: [web]\n",
        encoding="utf-8")
    count = len(desc["lessons"])
    for n, lesson in enumerate(desc["lessons"]):
        head = f"---\nid: {lesson['id']}\n---\n\n" if lesson["explicit"] else ""
        body = [f"{head}# Lesson {lesson['id']}", ""]
        for i, page in enumerate(lesson["pages"]):
            if i:
                body += [f"## Page {page['id']} {{#{page['id']}}}", ""]
            body += [page["text"], ""]
            body += [_quiz(q) for q in page["quizzes"]]
        if n == count - 1:
            body += ["## Practice {#practice}", "", _scenario(desc)]
            body += ["## Final {#final}", "", "::::{assessment} final",
                     f":draw: {desc['draw']}" if desc["draw"] else "", ""]
            body += [_quiz(q) for q in desc["pool"]] + ["::::", ""]
        name = f"{n + 1:02d}-{lesson['id']}.md"
        (root / "lessons" / name).write_text("\n".join(body), encoding="utf-8")


def _fresh_id(desc: Desc, prefix: str) -> str:
    desc["next"] += 1
    return f"{prefix}new{desc['next']}"


def _pages(desc: Desc) -> list[tuple[dict[str, Any], int]]:
    return [(lesson, i) for lesson in desc["lessons"] for i in range(1, len(lesson["pages"]))]


def _quizzes(desc: Desc) -> list[dict[str, Any]]:
    pool: list[dict[str, Any]] = desc["pool"]
    return [q for lesson in desc["lessons"] for p in lesson["pages"] for q in p["quizzes"]] + pool


def add_page(desc: Desc, pick: int) -> None:
    lesson = desc["lessons"][pick % len(desc["lessons"])]
    pid = _fresh_id(desc, "p")
    quizzes = [{"id": _fresh_id(desc, "q"), "correct": 0, "choices": ["a", "b"]}] \
        if pick % 2 else []
    lesson["pages"].insert(1 + pick % len(lesson["pages"]),
                           {"id": pid, "text": "New.", "quizzes": quizzes})


def remove_page(desc: Desc, pick: int) -> None:
    pages = _pages(desc)
    if pages:
        lesson, i = pages[pick % len(pages)]
        del lesson["pages"][i]


def reorder_pages(desc: Desc, pick: int) -> None:
    lesson = desc["lessons"][pick % len(desc["lessons"])]
    if len(lesson["pages"]) > 2:
        i = 1 + pick % (len(lesson["pages"]) - 2)
        lesson["pages"][i], lesson["pages"][i + 1] = lesson["pages"][i + 1], lesson["pages"][i]


def edit_text(desc: Desc, pick: int) -> None:
    lesson = desc["lessons"][pick % len(desc["lessons"])]
    page = lesson["pages"][pick % len(lesson["pages"])]
    page["text"] += " More."


def change_answer(desc: Desc, pick: int) -> None:
    quizzes = _quizzes(desc)
    q = quizzes[pick % len(quizzes)]
    q["correct"] = (q["correct"] + 1) % len(q["choices"])


def change_edge(desc: Desc, pick: int) -> None:
    edge = desc["edges"][pick % len(desc["edges"])]
    targets = ["n1", "n2", "win", "lose"]
    edge[2] = targets[(targets.index(edge[2]) + 1 + pick % 3) % 4]


def rename_id(desc: Desc, pick: int) -> None:
    which = pick % 3
    if which == 0:
        lesson = desc["lessons"][pick % len(desc["lessons"])]
        lesson["id"] = _fresh_id(desc, "lesson")
        lesson["explicit"] = pick % 2 == 0
    elif which == 1:
        pages = _pages(desc)
        if pages:
            lesson, i = pages[pick % len(pages)]
            lesson["pages"][i]["id"] = _fresh_id(desc, "p")
    else:
        quizzes = _quizzes(desc)
        quizzes[pick % len(quizzes)]["id"] = _fresh_id(desc, "q")


EDITS = {f.__name__: f for f in (add_page, remove_page, reorder_pages, edit_text,
                                   change_answer, change_edge, rename_id)}


def apply(desc: Desc, edits: list[tuple[str, int]]) -> Desc:
    out = copy.deepcopy(desc)
    for name, pick in edits:
        EDITS[name](out, pick)
    return out
