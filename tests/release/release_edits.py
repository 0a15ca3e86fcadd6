"""Named edits to a copy of the sample course, for the golden ``coursec diff`` outputs.

In:  a course folder (a copy of courses/customer-service).
Out: ``EDITS[name](folder)`` edits the files in place; ``copy_sample(dest)`` makes the copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "courses" / "customer-service"


def copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("releases"))
    return dest


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def policy_change(root: Path) -> None:
    """The refund window goes from 30 to 45 days (the table's wording too) and the scenario's
    'options' node is rewritten: the customer's line, and the promise-of-tomorrow choice."""
    _replace(root / "course.yaml", "refund-window: {type: unit, value: 30,",
             "refund-window: {type: unit, value: 45,")
    lesson5 = root / "lessons" / "05-policy-and-escalation.md"
    _replace(lesson5, "You're out of the 30-day window.", "You're out of the 45-day window.")
    lesson6 = root / "lessons" / "06-practice-scenarios.md"
    _replace(lesson6, '"So what happens now? Because I am not waiting another two weeks."',
             '"So what now? I was told refunds take a week, and it has been eighteen days."')
    _replace(lesson6,
             "- \"I'll release it now. It'll be in your account by tomorrow, I promise.\" -> "
             "confirm {policy -2, empathy +1}",
             "- \"I'll release it now and flag it as urgent with the bank.\" -> "
             "confirm {policy -1, empathy +1}")


def answer_key(root: Path) -> None:
    """The goodwill question's right answer changes (the limit now needs the team lead)."""
    lesson = root / "lessons" / "05-policy-and-escalation.md"
    _replace(lesson, "- [x] {#own-limit}", "- [ ] {#own-limit}")
    _replace(lesson, "- [ ] {#nothing}", "- [x] {#nothing}")


def typo(root: Path) -> None:
    """A typo fixed in a question's prompt: reworded, nothing reset."""
    lesson = root / "lessons" / "05-policy-and-escalation.md"
    _replace(lesson, "Up to which amount can you approve\nit yourself",
             "Up to what amount can you approve\nit yourself")


def pages(root: Path) -> None:
    """A page added to lesson 3 and two pages of lesson 5 swapped."""
    lesson3 = root / "lessons" / "03-empathy.md"
    _replace(lesson3, "## Empathy in every channel {#channels}",
             "## Empathy and boundaries {#boundaries}\n\nEmpathy never means agreeing to "
             "everything.\n\n## Empathy in every channel {#channels}")
    lesson5 = root / "lessons" / "05-policy-and-escalation.md"
    text = lesson5.read_text(encoding="utf-8")
    a = text.index("## When no rule fits {#judgment}")
    b = text.index("## Escalating well {#escalate}")
    c = text.index("## Handoff checklist {#handoff}")
    lesson5.write_text(text[:a] + text[b:c] + text[a:b] + text[c:], encoding="utf-8")


def renamed_lesson(root: Path) -> None:
    """Lesson 3 loses its explicit id and its file is renamed: the id now comes from the name."""
    old = root / "lessons" / "03-empathy.md"
    _replace(old, "id: empathy\n", "")
    old.rename(root / "lessons" / "03-showing-empathy.md")


def pool(root: Path) -> None:
    """A question leaves the final assessment's pool (and the course)."""
    lesson = root / "lessons" / "07-final-assessment.md"
    text = lesson.read_text(encoding="utf-8")
    a = text.index(":::{quiz} a-channel-tone")
    b = text.index(":::", text.index("\n", a) + 1)
    end = text.index("\n", b) + 1
    lesson.write_text(text[:a] + text[end:], encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "policy-change": policy_change,
    "answer-key": answer_key,
    "typo": typo,
    "pages": pages,
    "renamed-lesson": renamed_lesson,
    "pool": pool,
}
