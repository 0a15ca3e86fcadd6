"""The JS runtime agrees with ``coursec.check.limits``: a learner who answers everything with the
longest responses the page allows never stores more than the computed worst case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_limits import ALL_KINDS, course_with, quiz

from coursec.check.limits import worst_case_state
from coursec.content import content_bytes
from coursec.diagnostics import Reporter
from coursec.render import render_site

# --- the JS runtime agrees: answer everything as long as possible, compare --------------------

MAX_OUT = """(data) => {
  const all = data.quizzes;
  const longest = (q, f) => {
    const pick = (v) => {
      const i = f.querySelector(`input[name="${q.id}"][value="${v}"]`);
      if (i) i.click();
    };
    if (q.kind === 'multiple') q.choices.forEach(pick);
    else if (q.choices && q.kind !== 'sequencing') pick(q.choices[q.choices.length - 1]);
    if (q.kind === 'fill-in') f.querySelector('[data-cs-answer]').value = '"'.repeat(80);
    if (q.kind === 'numeric') f.querySelector('[data-cs-answer]').value = '8'.repeat(40);
    if (q.kind === 'matching') q.pairs.forEach(p => {
      f.querySelector(`select[data-cs-pair="${p}"]`).value = q.pairs[0];
    });
  };
  for (let round = 0; round < 120; round++) {
    all.filter(q => !q.inA).forEach(q => {
      const f = document.querySelector(`form[data-cs-quiz="${q.id}"]`);
      longest(q, f);
      const b = f.querySelector('[data-cs-check]');
      if (!b.disabled) b.click();
    });
  }
  // Show answer where the page offers it (unlimited tries): the entry gains its 4th item
  document.querySelectorAll('[data-cs-reveal]').forEach(b => { if (!b.hidden) b.click(); });
  const next = document.querySelector('[data-cs-nav="next"]');
  document.querySelectorAll('[data-cs-page]').forEach(() => next.click());
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = document.querySelector(
      '[data-cs-start]:not([hidden]), [data-cs-retry]:not([hidden])');
    if (!start) break;
    start.click();
    window.coursec.state().a.d.forEach(i =>
      longest(all[i], document.querySelector(`form[data-cs-quiz="${all[i].id}"]`)));
    document.querySelector('[data-cs-submit]').click();
    document.querySelector('[data-cs-submit]').click();
  }
  return JSON.stringify(window.coursec.state());
}"""


def test_runtime_state_never_exceeds_worst_case(tmp_path: Path, browser: Any) -> None:
    course = course_with(
        ALL_KINDS,
        pool=[
            quiz("a1", "fill-in"),
            quiz("a2", "single"),
            quiz("a3", "matching"),
        ],
        pages=9,
    )
    for path, data in render_site(course, "local", Reporter()).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content_bytes(data))
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "index.html").as_uri())
    data = page.evaluate("JSON.parse(document.getElementById('cs-data').textContent)")
    actual = page.evaluate(MAX_OUT, data)
    page.close()
    assert not errors
    worst = worst_case_state(course)
    state = json.loads(actual)
    assert state["a"]["n"] == 3 and all(e is not None for e in state["q"][:8])
    shown = [e for q, e in zip(data["quizzes"], state["q"], strict=False) if e and len(e) == 4]
    assert shown and all(e[3] == 1 for e in shown)  # the learner's Show answer is stored
    assert len(actual) <= len(worst)
    # the bound is tight, not a guess: the random draw decides which pool answers the last
    # attempt leaves stored, so a maximal real run lands within a third of the worst case
    assert len(worst) < 1.4 * len(actual), (actual, worst)
