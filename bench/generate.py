"""Write a synthetic coursec course for benchmarking.

In:  ``--scale N`` (number of modules, 1, 5 or 20 in the benchmark) and ``--out DIR``.
Out: ``DIR/course.yaml``, ``DIR/lessons/NN-<topic>.md`` (one lesson per module) and a few tiny
     SVG files in ``DIR/media/``. Every module is one lesson of 20 pages (the ``#`` opening page
     plus 19 ``##`` pages) of about 185 words of prose each, 10 quizzes of every gradable kind,
     2 tables, 3 images, a branching scenario (``scenario_gen``: 10 nodes, as in the sample
     course) and a link to the next module. The last module ends
     with a small assessment (``:pass: 80%``).

The text is made from seeded word lists, so the same arguments always give byte-identical files,
and module ``k`` is the same at every scale (a 5x course is the 1x course plus four modules).

``--targets auto`` (the default) lists scorm12, scorm2004 and web in course.yaml, but leaves
scorm12 out when coursec reports CS501 for it (its 4096-character suspend_data limit is too small
for the course's worst-case resume state), so that ``coursec check DIR`` is clean at every scale.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenario_gen import Shape, scenario_markdown

PAGES_PER_MODULE = 20
WORDS_PER_PAGE = 185
QUIZZES_PER_MODULE = 10
ALL_TARGETS = ("scorm12", "scorm2004", "web")
SEED = 20240611
SCENARIO_SHAPE = Shape(nodes=10, competencies=3, flags=1)  # the sample course's size

# --- vocabulary -----------------------------------------------------------------------------

TOPICS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("workplace-safety", "Workplace safety", ("hazard", "guard rail", "safety briefing")),
    ("data-privacy", "Data privacy", ("consent record", "retention rule", "access log")),
    ("project-planning", "Project planning", ("milestone", "dependency", "risk register")),
    ("customer-onboarding", "Customer onboarding", ("welcome call", "setup guide", "account")),
    ("inventory-control", "Inventory control", ("stock count", "reorder point", "pallet")),
    ("meeting-facilitation", "Meeting facilitation", ("agenda", "action item", "time box")),
    ("incident-response", "Incident response", ("incident log", "status page", "on-call rota")),
    ("budget-tracking", "Budget tracking", ("cost centre", "forecast", "purchase order")),
    ("quality-inspection", "Quality inspection", ("sample batch", "defect report", "tolerance")),
    ("supplier-management", "Supplier management", ("supplier review", "contract", "invoice")),
    ("feedback-conversations", "Feedback conversations", ("one-to-one", "example", "goal")),
    ("time-management", "Time management", ("task list", "calendar block", "priority")),
    ("document-control", "Document control", ("version number", "approval", "template")),
    ("remote-collaboration", "Remote collaboration", ("shared drive", "video call", "handover")),
    ("fire-evacuation", "Fire evacuation", ("assembly point", "fire warden", "exit route")),
    ("change-management", "Change management", ("change request", "rollback plan", "sign-off")),
    ("accessible-writing", "Accessible writing", ("plain word", "heading", "alt text")),
    ("vendor-payments", "Vendor payments", ("payment run", "remittance", "credit note")),
    ("field-service-visits", "Field service visits", ("job sheet", "site survey", "spare part")),
    ("shift-handover", "Shift handover", ("handover note", "open issue", "shift lead")),
)

SUBJECTS = (
    "the team",
    "a new starter",
    "your manager",
    "every reviewer",
    "the shift lead",
    "a careful planner",
    "the project owner",
    "each coordinator",
    "the support desk",
    "an experienced colleague",
    "the night crew",
    "the regional office",
    "a trainee",
    "the quality lead",
    "the person on call",
    "a good mentor",
)
VERBS = (
    ("review", "reviews"),
    ("update", "updates"),
    ("check", "checks"),
    ("record", "records"),
    ("share", "shares"),
    ("question", "questions"),
    ("explain", "explains"),
    ("compare", "compares"),
    ("improve", "improves"),
    ("document", "documents"),
    ("schedule", "schedules"),
    ("test", "tests"),
    ("confirm", "confirms"),
    ("prepare", "prepares"),
    ("summarize", "summarizes"),
    ("track", "tracks"),
)
OBJECTS = (
    "the weekly report",
    "each open request",
    "the checklist",
    "a draft proposal",
    "the latest figures",
    "the shared calendar",
    "every new entry",
    "the written procedure",
    "the list of open questions",
    "the current plan",
    "the notes from the last meeting",
    "the agreed deadline",
    "the training record",
    "the main risks",
    "the next step",
)
ADVERBIALS = (
    "before the meeting starts",
    "at the end of each shift",
    "whenever a deadline moves",
    "without waiting to be asked",
    "as soon as new data arrives",
    "once a week",
    "before anything is signed",
    "during the first hour of the day",
    "after every change",
    "while the details are still fresh",
    "before passing the work on",
    "on a quiet afternoon",
)
REASONS = (
    "so that nobody has to guess what happened",
    "because small errors grow quickly",
    "which keeps the whole group informed",
    "so the next person can pick up the work",
    "because memory is less reliable than a written note",
    "which saves time later in the week",
    "so that problems surface while they are still cheap to fix",
    "because customers notice when details are lost",
    "which makes audits far less stressful",
    "so that decisions rest on facts rather than guesses",
)
CONNECTORS = (
    "In practice,",
    "Over time,",
    "For example,",
    "As a result,",
    "However,",
    "In most cases,",
    "On busy days,",
    "Even so,",
    "Sooner or later,",
    "In the best teams,",
)
ADJECTIVES = (
    "clear",
    "short",
    "reliable",
    "simple",
    "careful",
    "regular",
    "honest",
    "practical",
    "visible",
    "consistent",
    "calm",
    "specific",
)
HABITS = (
    "writing things down",
    "asking one question at a time",
    "checking the facts twice",
    "agreeing who owns each task",
    "keeping records in one place",
    "saying what you will do next",
    "reading the procedure before starting",
    "flagging problems early",
    "closing the loop with the requester",
    "planning the day before it begins",
)
NAMES = ("Amara", "Ben", "Chen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jade", "Kofi")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(word: str) -> str:
    """``word`` with its indefinite article."""
    return f"an {word}" if word[0] in "aeiou" or word.startswith("hon") else f"a {word}"


def _answer(reason: str) -> str:
    """A reason clause ('because ...', 'so that ...', 'which ...') as a sentence of its own."""
    for prefix, replacement in (
        ("because ", ""),
        ("so that ", ""),
        ("so ", ""),
        ("which ", "it "),
    ):
        if reason.startswith(prefix):
            return _cap(replacement + reason.removeprefix(prefix)) + "."
    return _cap(reason) + "."


@dataclass
class Writer:
    """Seeded sentence generator for one module."""

    rng: random.Random
    topic_words: tuple[str, ...]

    def pick(self, items: Sequence[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def obj(self) -> str:
        if self.rng.random() < 0.35:
            return f"the {self.pick(self.topic_words)}"
        return self.pick(OBJECTS)

    def reason(self) -> str:
        reason = self.pick(REASONS)
        return f", {reason}" if reason.startswith("which") else f" {reason}"

    def sentence(self) -> str:
        r = self.rng
        subj, subj2 = self.pick(SUBJECTS), self.pick(SUBJECTS)
        base, third = VERBS[r.randrange(len(VERBS))]
        base2, third2 = VERBS[r.randrange(len(VERBS))]
        form = r.randrange(8)
        if form == 0:
            return f"{self.pick(CONNECTORS)} {subj} {third} {self.obj()} {self.pick(ADVERBIALS)}."
        if form == 1:
            return f"{_cap(subj)} {third} {self.obj()}{self.reason()}."
        if form == 2:
            return (
                f"When {subj} {third} {self.obj()}, {subj2} {third2} {self.obj()} "
                f"{self.pick(ADVERBIALS)}."
            )
        if form == 3:
            return f"It is worth remembering that {subj} {third} {self.obj()}{self.reason()}."
        if form == 4:
            return (
                f"{_cap(subj)} rarely needs to {base} {self.obj()} twice; instead, {subj2} "
                f"{third2} {self.obj()} {self.pick(ADVERBIALS)}."
            )
        if form == 5:
            return (
                f"{_cap(_a(self.pick(ADJECTIVES)))} habit such as {self.pick(HABITS)} helps {subj} "
                f"{base2} {self.obj()}."
            )
        if form == 6:
            return (
                f"Why should {subj} {base} {self.obj()} {self.pick(ADVERBIALS)}? "
                f"{_answer(self.pick(REASONS))}"
            )
        return (
            f"{self.pick(CONNECTORS)} {self.pick(HABITS)} is the most {self.pick(ADJECTIVES)} "
            f"way to keep {self.obj()} under control."
        )

    def prose(self, words: int) -> list[str]:
        """Paragraphs of about ``words`` words in total."""
        paragraphs: list[str] = []
        current: list[str] = []
        count = 0
        target_len = self.rng.randint(3, 5)
        while count < words:
            s = self.sentence()
            if self.rng.random() < 0.08:
                habit = self.pick(HABITS)
                s = s.replace(habit, f"**{habit}**", 1) if habit in s else s
            current.append(s)
            count += len(s.split())
            if len(current) >= target_len:
                paragraphs.append(" ".join(current))
                current, target_len = [], self.rng.randint(3, 5)
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs


# --- quizzes --------------------------------------------------------------------------------

KINDS = (
    "single",
    "multiple",
    "true-false",
    "fill-in",
    "numeric",
    "matching",
    "sequencing",
    "single",
    "multiple",
    "numeric",
)


def _feedback_options(w: Writer, index: int) -> list[str]:
    lines = []
    if index % 3 == 0:
        lines.append(":attempts: 2")
    lines.append(f":hint: Think about how {w.pick(SUBJECTS)} would handle {w.obj()}.")
    lines.append(f":correct: Yes. {_cap(w.pick(HABITS))} is what makes the difference here.")
    lines.append(f":incorrect: Not quite. Go back over the page on {w.pick(HABITS)}.")
    return lines


def quiz(w: Writer, module: int, index: int, kind: str) -> list[str]:
    qid = f"m{module:02d}-q{index + 1:02d}"
    head = [f":::{{quiz}} {qid}"]
    body: list[str] = []
    r = w.rng
    if kind in ("single", "multiple"):
        head.append(":shuffle: true")
        habits = r.sample(HABITS, 5 if kind == "multiple" else 4)
        correct = {0, 1, 2} if kind == "multiple" and r.random() < 0.5 else {0, 1}
        if kind == "single":
            correct = {0}
        if kind == "single":
            body.append(f"Which habit matters most {w.pick(ADVERBIALS)}?")
        else:
            body.append(f"Which of these habits keep {w.obj()} accurate? Select all that apply.")
        body.append("")
        order = list(range(len(habits)))
        r.shuffle(order)
        for i in order:
            mark = "x" if i in correct else " "
            body.append(f"- [{mark}] {_cap(habits[i])}")
            if i in correct:
                body.append(f"  > Right: {habits[i]} keeps the work {w.pick(ADJECTIVES)}.")
            elif r.random() < 0.6:
                body.append("  > This helps a little, but it is not the main point here.")
    elif kind == "true-false":
        head.append(":type: true-false")
        truth = r.random() < 0.5
        habit = w.pick(HABITS)
        if truth:
            body.append(
                f"{_cap(habit)} makes it easier for {w.pick(SUBJECTS)} to {VERBS[0][0]} {w.obj()}."
            )
        else:
            body.append(f"{_cap(habit)} is only useful on the first day of a project.")
        body.append("")
        body.append(f"- [{'x' if truth else ' '}] True")
        body.append(f"- [{' ' if truth else 'x'}] False")
    elif kind == "fill-in":
        word = w.pick(("checklist", "handover", "deadline", "summary", "agenda", "owner"))
        clue = {
            "checklist": "the written list of steps you tick off one by one",
            "handover": "passing your open work to the next person at the end of a shift",
            "deadline": "the date by which a task must be finished",
            "summary": "a short restatement of the key facts",
            "agenda": "the list of topics for a meeting, sent in advance",
            "owner": "the one person responsible for a task",
        }[word]
        body.append(f"What is the usual word for {clue}? One word is enough.")
        body.append("")
        body.append(f"= {word}")
        body.append(f"= {_a(word)}")
    elif kind == "numeric":
        a, b = r.randint(3, 12), r.randint(2, 9)
        item = w.pick(("requests", "reports", "checks", "entries", "calls"))
        body.append(
            f"{w.pick(NAMES)} handles {a} {item} a day for {b} days. How many {item} is that "
            "in total?"
        )
        body.append("")
        if r.random() < 0.5:
            body.append(f"= {a * b}")
        else:
            body.append(f"= {a * b - 1}..{a * b + 1}")
    elif kind == "matching":
        habits = r.sample(HABITS, 4)
        reasons = r.sample(REASONS, 4)
        body.append("Match each habit with what it gives the team.")
        body.append("")
        for h, why in zip(habits, reasons, strict=True):
            body.append(f"- {_cap(h)} -> {_cap(why)}")
    elif kind == "sequencing":
        topic = w.pick(w.topic_words)
        body.append(f"Put the steps for dealing with a new {topic} in order.")
        body.append("")
        steps = (
            f"Read the request about the {topic}",
            "Ask one clarifying question",
            "Agree who owns the next step",
            "Record what was decided",
            "Confirm the outcome with the requester",
        )
        for n, step in enumerate(steps[: r.randint(4, 5)], start=1):
            body.append(f"{n}. {step}")
    else:  # pragma: no cover - KINDS is fixed
        raise ValueError(kind)
    return [*head, *_feedback_options(w, index), "", *body, ":::"]


# --- other blocks ---------------------------------------------------------------------------


def table(w: Writer) -> list[str]:
    rows = ["| Habit | Who | When | Why it helps |", "| --- | --- | --- | --- |"]
    for habit in w.rng.sample(HABITS, 4):
        rows.append(
            f"| {_cap(habit)} | {_cap(w.pick(SUBJECTS))} | {_cap(w.pick(ADVERBIALS))} "
            f"| {_cap(w.pick(REASONS))} |"
        )
    return rows


def scenario(w: Writer, slug: str) -> list[str]:
    """A real branching scenario of the sample course's size (10 nodes, 3 competencies, a flag,
    conditions, loops, three endings): see ``scenario_gen``."""
    return scenario_markdown(f"{slug}-call", SCENARIO_SHAPE, w.sentence)


MEDIA = (
    ("chart.svg", "A bar chart with four bars rising from left to right"),
    ("cycle.svg", "Three circles joined in a loop by arrows"),
    ("checklist.svg", "A checklist with three ticked boxes and one empty box"),
    ("team.svg", "Four people seated around a square table"),
    ("timeline.svg", "A horizontal timeline with five evenly spaced markers"),
    ("warning.svg", "A yellow triangle with an exclamation mark"),
)


def svg(index: int, name: str, alt: str) -> str:
    rng = random.Random(SEED + 1000 + index)
    shapes = []
    for _ in range(4):
        x, y = rng.randrange(10, 200), rng.randrange(10, 100)
        color = f"#{rng.randrange(0x303030, 0xD0D0D0):06X}"
        if rng.random() < 0.5:
            shapes.append(f'  <rect x="{x}" y="{y}" width="40" height="30" fill="{color}"/>')
        else:
            shapes.append(f'  <circle cx="{x}" cy="{y}" r="18" fill="{color}"/>')
    stem = name.removesuffix(".svg")
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 140" width="240" '
            f'height="140" role="img" aria-labelledby="{stem}-title">',
            f'  <title id="{stem}-title">{alt}</title>',
            '  <rect x="0" y="0" width="240" height="140" fill="#F4F6F8"/>',
            *shapes,
            "</svg>",
            "",
        ]
    )


# --- modules --------------------------------------------------------------------------------


def lesson_file(module: int) -> str:
    slug = TOPICS[(module - 1) % len(TOPICS)][0]
    return f"{module:02d}-{slug}.md"


def module_text(module: int, scale: int) -> str:
    slug, title, words = TOPICS[(module - 1) % len(TOPICS)]
    if module > len(TOPICS):
        slug, title = f"{slug}-{module}", f"{title} {module}"
    w = Writer(random.Random(SEED * 100 + module), words)
    out = [
        "---",
        f"id: {slug}",
        f"title: {title}",
        f"objectives: [{slug}-basics]",
        "duration: 20m",
        "---",
        "",
        f"# {title}",
        "",
    ]
    quiz_pages = {p: i for i, p in enumerate(range(1, PAGES_PER_MODULE, 2))}  # 10 pages
    table_pages = {4, 12}
    image_pages = {2: 0, 8: 1, 16: 2}
    scenario_page = 10
    for page in range(PAGES_PER_MODULE):
        if page > 0:
            heading = f"{_cap(w.pick(HABITS))} and {w.pick(w.topic_words)}"
            if page % 4 == 0:
                out += [f"## {heading} {{#page-{page + 1:02d}}}", ""]
            else:
                out += [f"## Part {page + 1}: {heading}", ""]
        budget = WORDS_PER_PAGE
        if page == scenario_page:
            out += ["Practise the conversation: choose what you would say.", ""]
            out += [*scenario(w, slug), ""]
            budget -= 110
        if page in image_pages:
            name, alt = MEDIA[(module + image_pages[page]) % len(MEDIA)]
            out += [f"![{alt}](../media/{name})", ""]
        paragraphs = w.prose(budget)
        if page in table_pages:
            out += [paragraphs[0], "", *table(w), ""]
            paragraphs = paragraphs[1:]
        for paragraph in paragraphs:
            out += [paragraph, ""]
        if page == PAGES_PER_MODULE - 1 and module < scale:
            out += [f"Next, continue with [the next module]({lesson_file(module + 1)}).", ""]
        if page in quiz_pages:
            index = quiz_pages[page]
            out += [*quiz(w, module, index, KINDS[index]), ""]
    if module == scale:
        out += assessment(w, module)
    return "\n".join(out).rstrip("\n") + "\n"


def assessment(w: Writer, module: int) -> list[str]:
    out = [
        "## Final check {#final-check}",
        "",
        "::::{assessment} final-check",
        ":title: Final check",
        ":pass: 80%",
        ":attempts: 2",
        "",
        "Answer the five questions below. You need 80% to pass.",
        "",
    ]
    kinds = ("single", "multiple", "true-false", "numeric", "sequencing")
    for i, kind in enumerate(kinds):
        lines = quiz(w, module, 0, kind)
        lines[0] = f":::{{quiz}} final-q{i + 1}"
        out += [*lines, ""]
    out += ["::::", ""]
    return out


def course_yaml(scale: int, targets: Sequence[str]) -> str:
    return "\n".join(
        [
            f"id: bench-{scale}x",
            f"title: Benchmark course ({scale} module{'s' if scale != 1 else ''})",
            "description: Synthetic course written by bench/generate.py.",
            'version: "1.0"',
            "language: en-US",
            f"targets: [{', '.join(targets)}]",
            "completion:",
            "  pages: all",
            "  assessment: true",
            "theme:",
            "  name: default",
            '  brand_color: "#1F5F8B"',
            "",
        ]
    )


def generate(scale: int, out: Path, targets: Sequence[str] | None = None) -> list[str]:
    """Write the course; return the targets listed in its course.yaml."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    out.mkdir(parents=True, exist_ok=True)
    for owned in ("lessons", "media"):
        if (out / owned).exists():
            shutil.rmtree(out / owned)
    (out / "lessons").mkdir()
    (out / "media").mkdir()
    for i, (name, alt) in enumerate(MEDIA):
        (out / "media" / name).write_bytes(svg(i, name, alt).encode())
    for module in range(1, scale + 1):
        (out / "lessons" / lesson_file(module)).write_bytes(module_text(module, scale).encode())
    chosen = list(targets) if targets is not None else list(ALL_TARGETS)
    (out / "course.yaml").write_bytes(course_yaml(scale, chosen).encode())
    if targets is None and "scorm12" in chosen and not _fits_scorm12(out):
        chosen.remove("scorm12")
        (out / "course.yaml").write_bytes(course_yaml(scale, chosen).encode())
    return chosen


def _fits_scorm12(course_dir: Path) -> bool:
    """False when coursec reports CS501 (suspend_data limit) for scorm12."""
    try:
        from coursec.build import BuildOptions, load_and_check
        from coursec.diagnostics import Code, Reporter
    except ImportError:  # coursec not importable: keep every target
        return True
    reporter = Reporter()
    with redirect_stderr(io.StringIO()):
        load_and_check(BuildOptions(course_dir=course_dir, targets=["scorm12"]), reporter)
    return not any(d.code is Code.CS501 for d in reporter.diagnostics)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=int, default=1, help="number of modules (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="course folder to write")
    parser.add_argument(
        "--targets",
        default="auto",
        help="comma-separated targets for course.yaml, or 'auto' (default: all that fit)",
    )
    args = parser.parse_args(argv)
    targets = None if args.targets == "auto" else [t for t in args.targets.split(",") if t]
    chosen = generate(args.scale, args.out, targets)
    print(f"wrote {args.scale} module(s) to {args.out} (targets: {', '.join(chosen)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
