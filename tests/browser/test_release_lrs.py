"""A learner halfway through release 1 relaunches release 2 of a course through the tests'
cmi5 LMS and a TinCan (xAPI) launch: the resume state lives in the LRS's State API, is migrated
on launch, and the LRS receives a ``resumed`` statement saying what was kept and reset.

The course and the edits are tests/browser/test_release_resume.py's (release 1 = a copy of the
sample; release 2 adds a page, swaps two pages, changes one answer key, fixes a typo in another
question). Every assertion reads what the LMS and Ralph hold: the State document the LMS stored
(decoded with the Python codec), the statements Ralph stored (validated strictly, the cmi5 rules
per session), and the statements the cmi5 LMS refused (none may be).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lrs import checks
from lrs.lms import Launch, LrsLms, canonical_agent
from release.release_edits import EDITS, copy_sample  # tests/ is on sys.path

from coursec.contract.state import ResumeState, decode
from coursec.release.embed import compact, release_key

from .conftest import build_course
from .learner import CourseLearner
from .test_release_resume import (
    KEY_CHANGED,
    LEFT_ON,
    by_id,
    play_halfway,
    release,
    replace,
)
from .test_xapi_lrs import has, open_page, wait_for

STATE_ID = "https://w3id.org/coursec/xapi/v1/state"
RESTORED = "https://w3id.org/coursec/xapi/v1/extensions/restored"
LRS_TARGETS = ("cmi5", "xapi")


@pytest.fixture(params=LRS_TARGETS)
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def package(root: Path, out: Path, target: str) -> Path:
    build_course(root, out, (target,))
    pkg = out / "customer-service" / "en-US" / target
    assert (pkg / "index.html").is_file(), f"no {target} package at {pkg}"
    return pkg


def au_id(pkg: Path) -> str:
    from lxml import etree

    ids = [au.get("id") for au in etree.parse(str(pkg / "cmi5.xml")).iter("{*}au")]
    assert len(ids) == 1, ids
    return str(ids[0])


def launch(lms: LrsLms, target: str, name: str, pkg: Path, registration: str | None,
           actor: dict[str, Any] | None) -> Launch:
    lms.mount(name, pkg)
    if target == "cmi5":
        return lms.cmi5_launch(name, au_id(pkg), registration=registration, actor=actor)
    return lms.xapi_launch(name, registration=registration, actor=actor)


def state_doc(lms: LrsLms, run: Launch, learner: CourseLearner) -> dict[str, Any]:
    """The coursec State document the LMS holds for this learner and registration."""
    activity = run.activity_id or str(learner.data["xapi"]["course"]["id"])
    found = [v for (a, agent, reg, sid), v in lms.state.items()
             if sid == STATE_ID and a == activity and reg == run.registration
             and agent == canonical_agent(json.dumps(run.actor))]
    assert len(found) == 1, f"{len(found)} State documents for the registration"
    doc: dict[str, Any] = json.loads(found[0])
    return doc


def stored_state(doc: dict[str, Any]) -> ResumeState:
    assert doc.get("state"), f"the State document holds no resume state: {doc}"
    return decode(str(doc["state"]))


def leave(context: Any, page: Any) -> None:
    page.goto("about:blank")  # pagehide: the State document and terminated, keepalive
    context.close()


def test_a_new_release_keeps_progress_in_the_lrs(
        browser: Any, lrs_lms: LrsLms, tmp_path: Path, target: str) -> None:
    root = copy_sample(tmp_path / "course")
    r1 = release(root, "1")
    pkg1 = package(root, tmp_path / "out1", target)

    # ---- release 1: halfway, then leave
    first = launch(lrs_lms, target, f"rel-{target}-1", pkg1, None, None)
    context, page = open_page(browser, first.url)
    learner = CourseLearner(page)
    controls = play_halfway(learner)
    leave(context, page)
    stored1 = wait_for(lrs_lms, first.registration, has("terminated"))
    saved1 = stored_state(state_doc(lrs_lms, first, learner))
    assert saved1.k == release_key(compact(r1)) and saved1.h == r1["hash"]
    answers1 = by_id(saved1, r1)
    assert set(answers1) == set(learner.answered)
    assert not [s for s in stored1 if checks.verb(s) == "resumed"]

    # ---- release 2: a page added, two pages swapped, an answer key changed, a typo fixed
    EDITS["pages"](root)
    EDITS["answer-key"](root)
    replace(root / "lessons" / "05-policy-and-escalation.md",
            "explaining the reason for the rule", "explaining the reason behind the rule")
    r2 = release(root, "2")
    assert r2["hash"] != r1["hash"]
    pkg2 = package(root, tmp_path / "out2", target)
    second = launch(lrs_lms, target, f"rel-{target}-2", pkg2, first.registration, first.actor)
    context, page = open_page(browser, second.url)
    again = CourseLearner(page)
    page.wait_for_function(
        "id => { const v = document.querySelectorAll('section[data-cs-page]:not([hidden])');"
        " return v.length === 1 && v[0].getAttribute('data-cs-page') === id; }",
        arg=LEFT_ON, timeout=5000)
    for quiz, before in controls.items():
        if quiz != KEY_CHANGED:
            assert again.controls(quiz) == before, f"{quiz} not restored"
    assert again.controls(KEY_CHANGED)["result"] is None, "the changed question keeps its answer"
    lines = page.eval_on_selector_all("[data-cs-lms-status] .cs-resume-note",
                                      "ps => ps.map(p => p.textContent)")
    assert len(lines) == 1 and "Know the why behind the rule" in lines[0], lines
    assert page.evaluate("window.coursecTransport.rejected()") == []
    leave(context, page)

    # ---- what the LMS and the LRS hold
    stored = wait_for(lrs_lms, first.registration, has("terminated", 2))
    saved2 = stored_state(state_doc(lrs_lms, second, again))
    assert saved2.k == release_key(compact(r2)) and saved2.h == r2["hash"]
    assert saved2.c == r2["pages"].index(LEFT_ON)
    assert by_id(saved2, r2) == {q: e for q, e in answers1.items() if q != KEY_CHANGED}
    assert saved2.r == saved1.r, "the shuffle seed changed: choices would move"
    assert lrs_lms.refused(first.registration) == [], "the cmi5 LMS refused statements"
    problems = checks.common(stored, actor=first.actor, registration=first.registration,
                             lang=str(again.data["lang"])) + checks.exactly_once(stored)
    if target == "cmi5":
        au = first.activity_id
        problems += checks.cmi5(stored, session=first.session, activity_id=au)
        problems += checks.cmi5(stored, session=second.session, activity_id=au)
        problems += checks.registration_rules(stored)
    assert not problems, "\n".join(problems)
    resumed = [s for s in stored if checks.verb(s) == "resumed"]
    assert len(resumed) == 1, checks.count_verbs(stored)
    s = resumed[0]
    assert s["result"]["extensions"][RESTORED] == {"kept": True, "actions": [
        {"do": "question-reset", "question": KEY_CHANGED, "why": "answer key changed"}]}
    assert s["verb"]["display"] == {str(again.data["lang"]): "resumed"}
    course = first.activity_id or str(again.data["xapi"]["course"]["id"])
    assert s["object"]["id"] == course
    if target == "cmi5":
        ext = s["context"]["extensions"]
        assert ext[checks.SESSION] == second.session
        mine = sorted((x for x in stored
                       if (x.get("context") or {}).get("extensions", {}).get(checks.SESSION)
                       == second.session and checks.verb(x) != "launched"),
                      key=lambda x: x["timestamp"])
        assert checks.verb(mine[0]) == "initialized" and mine.index(s) > 0
    text = str(state_doc(lrs_lms, second, again)["state"])
    print(f"\n{target}: release 2 relaunch: statements per verb {checks.count_verbs(stored)};"
          f" migrated state {len(text)} characters")
