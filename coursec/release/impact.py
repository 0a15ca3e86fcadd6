"""What replacing one release by another does to learners in flight.

In:  the layout of the release a state was saved under (``old``), the current layout (``new``)
     and, for ``migrate``, a decoded resume state (keys as in ``coursec/check/limits.py``).
Out: ``migrate(old, new, state)`` -> ``(migrated state or None, actions)``: exactly what
     ``coursec/runtime/migrate.js`` computes (the property test in tests/release/ runs both);
     ``coursec.release.predict`` states the same rules for every learner at once (what
     ``coursec diff`` and ``coursec check --since`` report). Nothing is reported here.

The rules (docs/releases.md):
- pages are matched by ``<lesson>--<page>`` key: visited marks follow their page, a removed
  page's mark is dropped; the bookmark stays on its page, or moves to the nearest surviving page
  of the old order (the next one first, then the previous one), else to the first page;
- a question is matched by id: its saved answer is kept when kind, answer key (choice ids and
  order, correct answers, ranges, pairs) and place (practice or assessment) are unchanged, and
  reset on its own otherwise; a removed question's answer is dropped;
- the assessment's attempts and scores are kept when it keeps its id and draw count and every
  question of the old pool is still in the pool with the same answer key (questions may be
  added); otherwise they are reset, with the answers of the attempt in progress;
- a scenario is matched by id: it continues when its graph hash is unchanged; otherwise the
  play restarts at the start node, keeping the attempts count and the counted result when its
  ending still exists with the same competencies (the result is dropped otherwise).
"""

from __future__ import annotations

from typing import Any

from coursec.release.layout import Layout

Action = dict[str, Any]
FRESH_ASSESSMENT = {"n": 0, "d": [], "s": 0, "b": -1, "l": -1, "p": 0}


def _bits(hex_text: Any, count: int) -> list[bool]:
    text = hex_text if isinstance(hex_text, str) else ""
    out = []
    for i in range(count):
        char = text[i >> 2] if (i >> 2) < len(text) else "0"
        n = int(char, 16) if char in "0123456789abcdefABCDEF" else 0
        out.append(bool(n & (1 << (i & 3))))
    return out


def _hex(bits: list[bool]) -> str:
    out = ""
    for i in range(0, len(bits), 4):
        n = sum(1 << j for j in range(4) if i + j < len(bits) and bits[i + j])
        out += format(n, "x")
    return out


def nearest(old_pages: list[str], at: int, survives: set[str]) -> str | None:
    for d in range(1, len(old_pages)):
        for i in (at + d, at - d):
            if 0 <= i < len(old_pages) and old_pages[i] in survives:
                return old_pages[i]
    return None


def quiz_change(old_q: dict[str, Any], new_q: dict[str, Any]) -> str | None:
    """Why a saved answer to ``old_q`` cannot stand for ``new_q`` (same id), or None."""
    if old_q["kind"] != new_q["kind"]:
        return "kind changed"
    if old_q["inA"] != new_q["inA"]:
        return "moved into the assessment" if new_q["inA"] else "moved out of the assessment"
    if old_q["key"] != new_q["key"] or old_q.get("choices") != new_q.get("choices") \
            or old_q.get("pairs") != new_q.get("pairs"):  # compact layouts: the key covers them
        return "answer key changed"
    return None


def pool_change(old: Layout, new: Layout) -> str | None:
    """Why the old assessment's attempts and scores cannot stand, or None (kept)."""
    a0, a1 = old.get("assessment"), new.get("assessment")
    if a0 is None:
        return None
    if a1 is None:
        return "assessment removed"
    if a0["id"] != a1["id"]:
        return f"assessment id changed to '{a1['id']}'"
    if a0["draw"] != a1["draw"]:
        return f"draw changed from {a0['draw']} to {a1['draw']}"
    keys0 = {q["id"]: q["key"] for q in old["quizzes"]}
    keys1 = {q["id"]: q["key"] for q in new["quizzes"]}
    for qid in a0["pool"]:
        if qid not in a1["pool"]:
            return f"question '{qid}' left the pool"
        if keys0.get(qid) != keys1.get(qid):
            return f"answer key of '{qid}' changed"
    return None


def _int(value: Any) -> bool:
    """An integer as JSON has it (JS ``Number.isInteger``): never a boolean."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _clamp(value: int, rng: list[int]) -> int:
    return max(rng[0], min(rng[1], value))


def _scenario_entry(s0: dict[str, Any], s1: dict[str, Any], entry: Any) -> tuple[Any, str]:
    """The restarted entry of a changed scenario, and what became of the counted result."""
    attempts = entry[5] if len(entry) == 7 else 0
    result = entry[6] if len(entry) == 7 else None
    kept: Any = None
    what = "none"
    if isinstance(result, list) and len(result) == 3:
        old_ids = s0["nodes"] + s0["endings"]
        idx = result[0]
        ending = old_ids[int(idx)] if _int(idx) and 0 <= idx < len(old_ids) else None
        if ending in s1["endings"] and s0["comps"] == s1["comps"]:
            kept = [len(s1["nodes"]) + s1["endings"].index(ending), result[1], result[2]]
            what = "kept"
        else:
            what = "dropped"
    if not _positive(attempts):
        return None, what
    start = s1["nodes"].index(s1["start"]) if s1["start"] in s1["nodes"] else 0
    zeros = [_clamp(0, s1["range"]) for _ in s1["comps"]]
    return [start, zeros, _hex([False] * len(s1["flags"])), [start], 0, attempts, kept], what


def migrate(old: Layout, new: Layout, state: Any) -> tuple[dict[str, Any] | None, list[Action]]:
    if not isinstance(state, dict) or state.get("h") != old.get("hash"):
        return None, [{"do": "fresh", "why": "state of another release"}]
    if not isinstance(state.get("q"), list) or not _int(state.get("c")):
        return None, [{"do": "fresh", "why": "damaged state"}]
    actions: list[Action] = []
    pages0, pages1 = old["pages"], new["pages"]
    survives = set(pages1)
    visited = dict(zip(pages0, _bits(state.get("p"), len(pages0)), strict=True))
    for key in pages0:
        if key not in survives and visited[key]:
            actions.append({"do": "page-dropped", "page": key})
    c = max(0, min(len(pages0) - 1, int(state["c"])))
    at = pages0[c] if pages0 else None
    to = at if at in survives else nearest(pages0, c, survives)
    if to is None and pages1:
        to = pages1[0]
    if at not in survives:
        actions.append({"do": "bookmark-moved", "from": at, "to": to})
    quiz0 = {q["id"]: (i, q) for i, q in enumerate(old["quizzes"])}
    new_ids = {q["id"] for q in new["quizzes"]}
    saved = state["q"]

    def entry(i: int) -> Any:
        return saved[i] if i < len(saved) and isinstance(saved[i], list) else None

    for i, q in enumerate(old["quizzes"]):
        if q["id"] not in new_ids and entry(i) is not None:
            actions.append({"do": "question-dropped", "question": q["id"]})
    pool_why = pool_change(old, new)
    a_saved = state.get("a") if isinstance(state.get("a"), dict) else None
    a_reset = pool_why is not None and a_saved is not None and _positive(a_saved.get("n"))
    entries: list[Any] = []
    for q in new["quizzes"]:
        found = quiz0.get(q["id"])
        e = entry(found[0]) if found else None
        if e is not None and q["inA"] and found is not None and found[1]["inA"] and a_reset:
            e = None  # the attempt in progress is reset with the assessment
        elif e is not None and found is not None:
            why = quiz_change(found[1], q)
            if why is not None:
                actions.append({"do": "question-reset", "question": q["id"], "why": why})
                e = None
        entries.append(e)
    while entries and entries[-1] is None:
        entries.pop()
    out: dict[str, Any] = {
        "v": state.get("v"), "h": new["hash"], "r": state.get("r"),
        "c": pages1.index(to) if to in survives else 0,
        "p": _hex([visited.get(key, False) for key in pages1]),
        "q": entries,
    }
    if new.get("assessment") is not None:
        a = dict(FRESH_ASSESSMENT) if a_saved is None else dict(a_saved)
        if a_reset:
            actions.append({"do": "assessment-reset", "assessment": old["assessment"]["id"],
                            "why": pool_why})
            a = dict(FRESH_ASSESSMENT)
        elif pool_why is not None:
            a = dict(FRESH_ASSESSMENT)
        else:
            index1 = {q["id"]: j for j, q in enumerate(new["quizzes"])}
            ids0 = [q["id"] for q in old["quizzes"]]
            got = a.get("d")
            drawn: list[Any] = got if isinstance(got, list) else []
            a["d"] = [index1[ids0[int(i)]] for i in drawn
                      if _int(i) and 0 <= i < len(ids0) and ids0[int(i)] in index1]
        out["a"] = {k: a.get(k, FRESH_ASSESSMENT[k]) for k in ("n", "d", "s", "b", "l", "p")}
    elif a_reset:
        actions.append({"do": "assessment-reset", "assessment": old["assessment"]["id"],
                        "why": pool_why})
    _scenarios(old, new, state, out, actions)
    return out, actions


def _scenarios(old: Layout, new: Layout, state: dict[str, Any], out: dict[str, Any],
               actions: list[Action]) -> None:
    got = state.get("s")
    saved: list[Any] = got if isinstance(got, list) else []
    scen0 = {s["id"]: (i, s) for i, s in enumerate(old["scenarios"])}
    new_ids = {s["id"] for s in new["scenarios"]}
    for i, s in enumerate(old["scenarios"]):
        if s["id"] not in new_ids and i < len(saved) and isinstance(saved[i], list):
            actions.append({"do": "scenario-dropped", "scenario": s["id"]})
    if not new["scenarios"]:
        return
    entries: list[Any] = []
    for s in new["scenarios"]:
        found = scen0.get(s["id"])
        e = saved[found[0]] if found and found[0] < len(saved) else None
        e = e if isinstance(e, list) else None
        if e is not None and found is not None and found[1]["graph"] != s["graph"]:
            e, result = _scenario_entry(found[1], s, e)
            actions.append({"do": "scenario-restarted", "scenario": s["id"], "result": result})
        entries.append(e)
    out["s"] = entries
