"""Where a save stops being a page patch and relaunches the SCO (``coursec.preview.repaint``).

The sample course is built once by the preview's builder; each case edits one lesson file,
builds again and asks ``repaint.plan`` how the page shown (the first build) gets there. Then
the event of a real save (``Preview.rebuild``) and the page as the preview serves it.
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursec.content import FileMap, content_bytes
from coursec.preview import repaint
from coursec.preview.app import Preview
from coursec.preview.incremental import Builder
from coursec.preview.server import HOOK_TAG, with_hook

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "courses" / "customer-service"
FIRST = "01-why-service-matters.md"
TOUCHPOINT = "why-service-matters--human-touchpoint"


@dataclass
class Shown:
    course: Path
    builder: Builder
    files: FileMap  # the build the panel shows

    def plan(
        self, name: str, old: str, new: str, *, lessons_only: bool = True
    ) -> repaint.Patch | repaint.Relaunch:
        path = self.course / "lessons" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        try:
            self.builder.invalidate({path})
            result = self.builder.result("en-US", "scorm12")
            assert result.ok, [d.message for d in result.diagnostics]
            return repaint.plan(self.files, result.files, lessons_only)
        finally:
            path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Shown:
    course = tmp_path_factory.mktemp("repaint") / "customer-service"
    shutil.copytree(SAMPLE, course)
    builder = Builder(course)
    first = builder.result("en-US", "scorm12")
    assert first.ok
    return Shown(course, builder, first.files)


def patched(how: repaint.Patch | repaint.Relaunch) -> repaint.Patch:
    assert isinstance(how, repaint.Patch), how
    return how


def relaunched(how: repaint.Patch | repaint.Relaunch) -> str:
    assert isinstance(how, repaint.Relaunch), how
    return how.reason


# --- patched ----------------------------------------------------------------------------------


def test_a_prose_edit_patches_that_page_only(shown: Shown) -> None:
    patch = patched(shown.plan(FIRST, "exactly as late", "exactly as late (edited)"))
    [page] = patch.pages
    assert page.key == TOUCHPOINT and page.index == 1
    assert "exactly as late (edited)" in page.html and page.html.lstrip().startswith("<p")
    assert "<section" not in page.html.split("</h2>", 1)[0]  # the inner HTML, not the section
    assert patch.texts == {}


def test_a_question_stem_edit_patches_and_carries_the_new_text(shown: Shown) -> None:
    patch = patched(shown.plan(FIRST, "arrives two days late", "arrives three days late"))
    assert [p.key for p in patch.pages] == [TOUCHPOINT]
    [(index, text)] = patch.texts.items()
    assert index == 0 and "three days late" in text
    message = patch.message(3, 4)
    assert message["from"] == 3 and message["to"] == 4
    assert "three days late" in message["texts"]["0"] and message["pages"][0]["key"] == TOUCHPOINT


def test_hint_feedback_and_a_choice_words_keeping_its_id_patch(shown: Shown) -> None:
    for old, new in (
        ("tell their friends about", "tell their family about"),  # the hint
        ("The facts fade quickly", "The facts soon fade"),  # the correct feedback
        ("Dates fade quickly unless", "Dates fade unless"),  # a choice's feedback
        ("parcel finally arrived", "parcel arrived at last"),  # id "the-exact-date-the" stays
    ):
        patch = patched(shown.plan(FIRST, old, new))
        assert [p.key for p in patch.pages] == [TOUCHPOINT] and patch.texts == {}, old


def test_an_unchanged_document_is_an_empty_patch(shown: Shown) -> None:
    patch = patched(shown.plan(FIRST, "---\nid:", "---\nid:"))
    assert patch.pages == [] and patch.texts == {}


# --- relaunched -------------------------------------------------------------------------------


def test_an_answer_key_edit_relaunches(shown: Shown) -> None:
    path = shown.course / "lessons" / FIRST
    text = path.read_text(encoding="utf-8")
    rekeyed = text.replace("- [x] How the agent", "- [ ] How the agent", 1).replace(
        "- [ ] The exact date", "- [x] The exact date", 1
    )
    reason = relaunched(shown.plan(FIRST, text, rekeyed))
    assert reason == "question touchpoint-memory changed beyond its texts"


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (":shuffle: true\n:hint: Think", ":shuffle: false\n:hint: Think", "touchpoint-memory"),
        (":shuffle: true\n:hint: Think", ":attempts: 2\n:shuffle: true\n:hint: Think", "beyond"),
        ("- [ ] The exact date", "- [ ] A date", "course data"),  # the choice id changes
        ("## Three layers", "## A new page {#new-page}\n\nNew.\n\n## Three layers", "pages were"),
        ("## The human touchpoint {#", "## The human side {#", "outside the pages"),  # the menu
    ],
)
def test_a_structure_or_menu_edit_relaunches(shown: Shown, old: str, new: str, why: str) -> None:
    assert why in relaunched(shown.plan(FIRST, old, new))


def test_edits_on_scenario_and_assessment_pages_relaunch(shown: Shown) -> None:
    reason = relaunched(
        shown.plan("06-practice-scenarios.md", "Use the [five steps]", "Use the [5 steps]")
    )
    assert "practice-scenarios--late-refund" in reason and "scenario" in reason
    reason = relaunched(
        shown.plan("07-final-assessment.md", "Answer six questions drawn", "Answer six drawn")
    )
    assert "final-assessment--check" in reason


def test_a_change_outside_the_lessons_or_without_a_good_build_relaunches(shown: Shown) -> None:
    how = shown.plan(FIRST, "exactly as late", "exactly as late!", lessons_only=False)
    assert "other than a lesson" in relaunched(how)
    assert "no good build" in relaunched(repaint.plan(None, shown.files, True))
    changed = dict(shown.files)
    changed["imsmanifest.xml"] = b"<manifest/>"
    assert "imsmanifest.xml changed" in relaunched(repaint.plan(shown.files, changed, True))


def test_a_document_of_another_shape_relaunches(shown: Shown) -> None:
    document = content_bytes(shown.files["index.html"])
    broken = dict(shown.files)
    broken["index.html"] = document.replace(b"</section>", b"", 1)  # a page never closed
    assert "not found" in relaunched(repaint.plan(shown.files, broken, True))


# --- the event and the page served -------------------------------------------------------------


@pytest.fixture
def preview(sample_preview: Preview) -> Preview:
    return sample_preview  # tests/conftest.py


def test_the_rebuild_event_carries_the_patch_or_the_reason(preview: Preview) -> None:
    path = preview.options.course_dir / "lessons" / FIRST
    text = path.read_text(encoding="utf-8")
    shown = preview.builder.last_good("en-US", "scorm12")
    assert shown is not None
    path.write_text(text.replace("exactly as late", "exactly as late (saved)", 1), "utf-8")
    preview.rebuild({path})
    message = preview.events.message
    patch = message["patches"]["en-US/scorm12"]
    assert patch["from"] == shown.generation and patch["to"] == message["generation"]
    assert [p["key"] for p in patch["pages"]] == [TOUCHPOINT]
    assert "exactly as late (saved)" in patch["pages"][0]["html"]
    assert message["detected"] <= message["built"] <= message["planned"]
    terminal = preview.out
    assert isinstance(terminal, io.StringIO)
    assert "coursec: scorm12 (en-US): 1 page(s) patched in place" in terminal.getvalue()
    json.dumps(message)  # it travels as JSON

    path.write_text(text.replace("## Three layers", "## New {#new}\n\nNew.\n\n## Three layers"))
    preview.rebuild({path})
    assert "relaunch" in preview.events.message["patches"]["en-US/scorm12"]
    assert "scorm12 (en-US): relaunch: pages were added" in terminal.getvalue()

    path.write_text(text.replace("- [x] How the agent", "- [ ] How the agent", 1), "utf-8")
    preview.rebuild({path})  # a broken build: no patch, no relaunch (the overlay shows)
    assert preview.events.message["patches"] == {}
    assert preview.events.message["ok"] == {"en-US/scorm12": False}


def test_the_served_page_is_the_build_plus_the_hook(preview: Preview) -> None:
    import urllib.request

    good = preview.builder.last_good("en-US", "scorm12")
    assert good is not None
    built = content_bytes(good.files["index.html"])
    url = f"{preview.url}pkg/en-US/scorm12/{good.generation}/index.html"
    with urllib.request.urlopen(url, timeout=10) as response:
        served = response.read()
    assert served == with_hook(built) and served.count(HOOK_TAG) == 1
    assert served.replace(HOOK_TAG + b"\n", b"") == built
    # a plain script in the head runs while the page is parsed: before the deferred runtime
    assert served.index(HOOK_TAG) < served.index(b"</head>") and b"defer" not in HOOK_TAG
    with urllib.request.urlopen(preview.url + "_preview/static/hook.js", timeout=10) as response:
        assert b"coursecPreview" in response.read()
