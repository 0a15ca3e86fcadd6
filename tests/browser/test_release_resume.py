"""A learner halfway through release 1 relaunches release 2 (and 3) of a course in a strict
SCORM 1.2 / 2004 host: the saved state is migrated, not wiped.

Release 1 is a copy of the sample course. A scripted learner answers every practice question up
to the "escalate" page of lesson 5 and leaves. Release 2 adds a page (lesson 3), swaps two pages
of lesson 5, changes the answer key of one question and fixes a typo in another. The relaunch with
the stored ``suspend_data`` lands on the same page with the same answers, except the changed
one, which the page announces in one line. Release 3 changes only another answer key (the state
hash ``h`` stays; the release key ``k`` tells the states apart). Every assertion about the state
reads what the LMS stored (decoded with the Python codec); the host fails on any refused call.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from release.release_edits import EDITS, copy_sample  # tests/ is on sys.path

from coursec.cli import main
from coursec.contract.state import ResumeState, decode
from coursec.release.embed import compact, release_key

from .conftest import SCORM_TARGETS, build_course, sample_package
from .learner import CourseLearner
from .lmshost import SCORM12, Lms, Player, SessionResult

LEFT_ON = "policy-and-escalation--escalate"
KEY_CHANGED = "goodwill-limit-check"  # release 2: EDITS["answer-key"]
TYPO_FIXED = "policy-reason"  # release 2: reworded only
KEY_ONLY = "warm-transfer-term"  # release 3: only its answer key changes


@pytest.fixture(params=SCORM_TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def release(root: Path, version: str) -> dict[str, Any]:
    assert main(["release", str(root), "--version", version]) == 0
    layout: dict[str, Any] = json.loads((root / "releases" / f"{version}.json").read_text("utf-8"))
    return layout


def build(root: Path, out: Path, target: str) -> Path:
    build_course(root, out, (target,))
    return sample_package(out, target)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stored_state(result: SessionResult) -> ResumeState:
    text = result.stored.get("cmi.suspend_data")
    assert text, "the LMS stored no suspend_data"
    return decode(text)


def by_id(state: ResumeState, layout: dict[str, Any]) -> dict[str, Any]:
    ids = [q["id"] for q in layout["quizzes"]]
    return {ids[i]: list(e) for i, e in enumerate(state.q) if e is not None}


def clean(result: SessionResult) -> None:
    assert result.problems == [], "the LMS flagged calls:\n" + "\n".join(result.problems)
    assert result.js_errors == [], "the page logged errors:\n" + "\n".join(result.js_errors)


def notes(player: Player) -> list[str]:
    found: list[str] = player.sco.eval_on_selector_all(
        "[data-cs-lms-status] .cs-resume-note", "ps => ps.map(p => p.textContent)")
    return found


def relaunch(lms: Lms, previous: SessionResult, pkg: Path) -> tuple[Player, CourseLearner]:
    player = lms.relaunch(previous, pkg)
    learner = CourseLearner(player.sco)
    learner.f.wait_for_function(
        "id => { const v = document.querySelectorAll('section[data-cs-page]:not([hidden])');"
        " return v.length === 1 && v[0].getAttribute('data-cs-page') === id; }",
        arg=LEFT_ON, timeout=5000,
    )
    return player, learner


def play_halfway(learner: CourseLearner) -> dict[str, Any]:
    """Release 1 as a learner leaves it: right answers up to LEFT_ON; the answered controls."""
    for _ in range(len(learner.pages())):
        learner.answer_visible(correct=True)
        if learner.current() == LEFT_ON:
            break
        learner.next()
    assert learner.current() == LEFT_ON
    assert {KEY_CHANGED, TYPO_FIXED, KEY_ONLY} <= set(learner.answered)
    return {q: learner.controls(q) for q in learner.answered}


def test_a_new_release_keeps_the_learner_s_place_and_answers(
        lms: Lms, tmp_path: Path, target: str) -> None:
    root = copy_sample(tmp_path / "course")
    r1 = release(root, "1")
    pkg1 = build(root, tmp_path / "out1", target)

    # ---- release 1: halfway, then leave
    player = lms.launch(pkg1)
    learner = CourseLearner(player.sco)
    controls = play_halfway(learner)
    first = player.close()
    clean(first)
    saved1 = stored_state(first)
    assert saved1.k == release_key(compact(r1)) and saved1.h == r1["hash"]
    answers1 = by_id(saved1, r1)
    assert set(answers1) == set(learner.answered)

    # ---- release 2: a page added, two pages swapped, an answer key changed, a typo fixed
    EDITS["pages"](root)
    EDITS["answer-key"](root)
    replace(root / "lessons" / "05-policy-and-escalation.md",
            "explaining the reason for the rule", "explaining the reason behind the rule")
    r2 = release(root, "2")
    assert r2["hash"] != r1["hash"]
    pkg2 = build(root, tmp_path / "out2", target)
    player, again = relaunch(lms, first, pkg2)
    for quiz, before in controls.items():
        if quiz != KEY_CHANGED:
            assert again.controls(quiz) == before, f"{quiz} not restored"
    assert again.controls(KEY_CHANGED)["result"] is None, "the changed question keeps its answer"
    lines = notes(player)
    assert len(lines) == 1 and "Know the why behind the rule" in lines[0], lines
    second = player.close()
    clean(second)
    comment_key = "cmi.comments" if target == SCORM12 else "cmi.comments_from_learner.0.comment"
    assert second.stored.get(comment_key) == (
        "coursec: saved progress migrated from an earlier release: question-reset "
        f"{KEY_CHANGED} (answer key changed)"), second.stored.get(comment_key)
    saved2 = stored_state(second)
    assert saved2.k == release_key(compact(r2)) and saved2.h == r2["hash"]
    assert saved2.c == r2["pages"].index(LEFT_ON)
    # (a page was added before it and it moved one back: its index is the same, its place not)
    assert r2["pages"][saved2.c - 1] != r1["pages"][saved1.c - 1]
    answers2 = by_id(saved2, r2)
    assert answers2 == {q: e for q, e in answers1.items() if q != KEY_CHANGED}
    assert saved2.r == saved1.r, "the shuffle seed changed: choices would move"
    seen1 = {r1["pages"][i] for i in range(len(r1["pages"])) if bit(saved1.p, i)}
    seen2 = {r2["pages"][i] for i in range(len(r2["pages"])) if bit(saved2.p, i)}
    assert seen2 == seen1, "the pages seen did not follow their pages"

    # ---- release 3: only an answer key changes (same h, another k)
    lesson5 = root / "lessons" / "05-policy-and-escalation.md"
    text = lesson5.read_text(encoding="utf-8")
    start = text.index(f":::{{quiz}} {KEY_ONLY}")
    end = text.index(":::\n", start + 4)
    block = text[start:end]
    assert "[x]" in block or "=" in block, block
    r3 = release_after_key_change(root, lesson5, text, start, end)
    assert r3["hash"] == r2["hash"], "an answer key alone must not change the structure hash"
    pkg3 = build(root, tmp_path / "out3", target)
    player, third = relaunch(lms, second, pkg3)
    assert third.controls(KEY_ONLY)["result"] is None
    assert third.controls(TYPO_FIXED) == controls[TYPO_FIXED]
    assert len(notes(player)) == 1
    done = player.close()
    clean(done)
    # (this host, unlike Moodle, does not hand the earlier comments back to the next launch)
    comment = done.stored["cmi.comments" if target == SCORM12
                          else "cmi.comments_from_learner.0.comment"]
    assert comment.split("\n")[-1].endswith(f"{KEY_ONLY} (answer key changed)"), comment
    saved3 = stored_state(done)
    assert saved3.k == release_key(compact(r3)) != saved2.k
    assert by_id(saved3, r3) == {q: e for q, e in answers2.items() if q != KEY_ONLY}
    exit_key = "cmi.core.exit" if target == SCORM12 else "cmi.exit"
    assert done.stored[exit_key] == "suspend"


def bit(hexes: str, i: int) -> bool:
    return i // 4 < len(hexes) and bool(int(hexes[i // 4], 16) & (1 << (i % 4)))


def release_after_key_change(root: Path, lesson: Path, text: str, start: int, end: int
                             ) -> dict[str, Any]:
    """Release 3: KEY_ONLY's answer key changes (a correct answer added or the right choice
    moved), nothing else."""
    block = text[start:end]
    lines = block.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("- [x]"):
            lines[i] = "- [ ]" + line[5:]
            for j, other in enumerate(lines):
                if other.startswith("- [ ]") and j != i:
                    lines[j] = "- [x]" + other[5:]
                    break
            break
        if line.startswith("= "):  # a fill-in answer: one more accepted answer
            lines.insert(i + 1, "= zzz-accepted")
            break
    else:
        pytest.fail(f"cannot change the answer key of {KEY_ONLY}:\n{block}")
    lesson.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")
    return release(root, "3")
