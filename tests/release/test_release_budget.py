"""The suspend-data budget covers migrated states: the worst-case state of the sample, migrated
across each named edit, is never longer than the new version's worst case (what CS501 checks
against the target's limit), and it fits SCORM 1.2's 4096 characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursec.check.limits import SUSPEND_LIMITS, worst_case_state
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.release.impact import migrate
from coursec.release.layout import layout

from .release_edits import EDITS, copy_sample


@pytest.mark.parametrize("name", sorted(EDITS))
def test_migrated_worst_case_fits(name: str, tmp_path: Path) -> None:
    old = load_course(copy_sample(tmp_path / "old"), Reporter())
    root = copy_sample(tmp_path / "new")
    EDITS[name](root)
    new = load_course(root, Reporter())
    assert old is not None and new is not None
    before = layout(old)
    state = json.loads(worst_case_state(old))
    state["h"] = before["hash"]
    migrated, _ = migrate(before, layout(new), state)
    assert migrated is not None
    size = len(json.dumps(migrated, ensure_ascii=False, separators=(",", ":")))
    assert size <= len(worst_case_state(new)) <= SUSPEND_LIMITS["scorm12"]
