"""What every stored statement must satisfy: strict xAPI validation and the cmi5 rules.

In:  statements as Ralph returned them (dicts), and what the launch said (actor, registration,
     session, launch mode, mastery score, region).
Out: ``problems(...)`` -> a list of human-readable problems (empty when all is well); the tests
     assert it is empty, so a failure names every broken rule at once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

V = "http://adlnet.gov/expapi/verbs/"
CMI5_CAT = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CAT = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
DEFINED = ("initialized", "completed", "passed", "failed", "terminated")
DELTAS = "https://w3id.org/coursec/xapi/v1/extensions/competency-deltas"
FORBIDDEN_AU = ("launched", "satisfied", "abandoned", "waived", "voided")


def verb(s: dict[str, Any]) -> str:
    return str(s["verb"]["id"]).rsplit("/", 1)[-1]


def count_verbs(statements: list[dict[str, Any]]) -> dict[str, int]:
    return dict(sorted(Counter(verb(s) for s in statements).items()))


def validate(statements: list[dict[str, Any]]) -> list[str]:
    """Strict offline validation with Ralph's pydantic models (Ralph stores far worse)."""
    from ralph.models.xapi.base.statements import BaseXapiStatement

    out = []
    for s in statements:
        try:
            BaseXapiStatement.model_validate(s)
        except Exception as error:  # pydantic.ValidationError, with every field that failed
            out.append(f"{s.get('id')} ({verb(s)}) invalid: {error}")
    return out


def _maps(s: dict[str, Any]) -> list[dict[str, str]]:
    maps = [s["verb"].get("display") or {}]
    definition = s.get("object", {}).get("definition") or {}
    maps += [definition.get("name") or {}, definition.get("description") or {}]
    for key in ("choices", "scale", "source", "target"):
        maps += [c.get("description") or {} for c in definition.get(key) or []]
    return [m for m in maps if m]


def common(statements: list[dict[str, Any]], *, actor: dict[str, Any], registration: str,
           lang: str) -> list[str]:
    """Actor from the launch, the registration, the region in every language map and in
    context.language, answers with full interaction definitions."""
    out = validate(statements)
    for s in statements:
        tag = f"{s['id']} ({verb(s)})"
        if verb(s) == "launched":  # the LMS's own statement
            continue
        if s["actor"] != actor:
            out.append(f"{tag}: actor {s['actor']} is not the launch actor")
        ctx = s.get("context") or {}
        if ctx.get("registration") != registration:
            out.append(f"{tag}: registration {ctx.get('registration')}")
        if ctx.get("language") != lang:
            out.append(f"{tag}: context.language {ctx.get('language')!r}, expected {lang!r}")
        for m in _maps(s):
            if list(m) != [lang]:
                out.append(f"{tag}: language map keys {list(m)}, expected [{lang!r}]")
        if set(ctx.get("contextActivities") or {}) - {"parent", "grouping", "category", "other"}:
            out.append(f"{tag}: illegal contextActivities key")
        if verb(s) == "answered":
            d = s["object"].get("definition") or {}
            r = s.get("result") or {}
            if not d.get("interactionType") or not d.get("description"):
                out.append(f"{tag}: interaction definition incomplete: {d}")
            decision = DELTAS in (r.get("extensions") or {})  # scenario: no right answer
            if d.get("interactionType") != "likert" and not decision \
                    and "correctResponsesPattern" not in d:
                out.append(f"{tag}: no correctResponsesPattern")
            if "response" not in r or "duration" not in r:
                out.append(f"{tag}: result without response or duration: {r}")
    return out


def _cats(s: dict[str, Any]) -> set[str]:
    ca = (s.get("context") or {}).get("contextActivities") or {}
    return {a["id"] for a in ca.get("category") or []}


def cmi5(statements: list[dict[str, Any]], *, session: str, activity_id: str,
         mode: str = "Normal", mastery: float | None = None) -> list[str]:
    """The cmi5 rules of interop.md for the AU statements of one session (timestamp order)."""
    out: list[str] = []
    mine = [s for s in statements if verb(s) != "launched"
            and ((s.get("context") or {}).get("extensions") or {}).get(SESSION) == session]
    mine.sort(key=lambda s: s["timestamp"])
    if not mine:
        return [f"no statement of session {session}"]
    if verb(mine[0]) != "initialized":
        out.append(f"first statement is {verb(mine[0])}, not initialized")
    if verb(mine[-1]) != "terminated":
        out.append(f"last statement is {verb(mine[-1])}, not terminated")

    def defined(s: dict[str, Any]) -> bool:
        """cmi5-defined: a defined verb on the AU itself, or anything with the cmi5 category
        (a defined verb on another activity, e.g. a scenario's completed, is 'allowed')."""
        return CMI5_CAT in _cats(s) or (verb(s) in DEFINED and s["object"]["id"] == activity_id)

    counts = Counter(verb(s) for s in mine if defined(s))
    for name in DEFINED:
        if counts[name] > 1:
            out.append(f"{name} sent {counts[name]} times in one session")
    every = Counter(verb(s) for s in mine)
    for name in FORBIDDEN_AU:
        if every[name]:
            out.append(f"the AU sent {name}")
    if mode != "Normal":
        for name in ("completed", "passed", "failed"):
            if counts[name]:
                out.append(f"{name} sent in {mode} mode")
    for s in mine:
        tag = f"{s['id']} ({verb(s)})"
        cats = _cats(s)
        r = s.get("result") or {}
        if verb(s) in ("initialized", "terminated") or defined(s):
            if CMI5_CAT not in cats:
                out.append(f"{tag}: no cmi5 category")
            if s["object"]["id"] != activity_id:
                out.append(f"{tag}: object {s['object']['id']} is not the launch activityId")
        else:
            if cats & {CMI5_CAT, MOVEON_CAT}:
                out.append(f"{tag}: an allowed statement carries a cmi5/moveon category")
        if not defined(s):
            continue
        if ("success" in r or "completion" in r) and MOVEON_CAT not in cats:
            out.append(f"{tag}: no moveon category")
        if verb(s) == "completed" and (r.get("completion") is not True or "duration" not in r):
            out.append(f"{tag}: completed needs completion=true and a duration")
        if verb(s) == "terminated" and "duration" not in r:
            out.append(f"{tag}: terminated without duration")
        if verb(s) in ("passed", "failed"):
            scaled = (r.get("score") or {}).get("scaled")
            ext = (s.get("context") or {}).get("extensions") or {}
            if r.get("success") is not (verb(s) == "passed") or scaled is None:
                out.append(f"{tag}: success/score missing: {r}")
            elif mastery is not None:
                if ext.get(MASTERY) != mastery:
                    out.append(f"{tag}: masteryscore extension {ext.get(MASTERY)} != {mastery}")
                if (scaled >= mastery) != (verb(s) == "passed"):
                    out.append(f"{tag}: scaled {scaled} against masteryScore {mastery}")
    return out


def registration_rules(statements: list[dict[str, Any]]) -> list[str]:
    """Across sessions: at most one completed and one passed; no failed after passed."""
    au = sorted((s for s in statements if verb(s) != "launched"
                 and CMI5_CAT in _cats(s)), key=lambda s: s["timestamp"])
    counts = Counter(verb(s) for s in au)
    out = [f"{n} sent {counts[n]} times in the registration" for n in ("completed", "passed")
           if counts[n] > 1]
    passed = False
    for s in au:
        passed = passed or verb(s) == "passed"
        if passed and verb(s) == "failed":
            out.append("failed after passed")
    return out


def exactly_once(statements: list[dict[str, Any]]) -> list[str]:
    ids = Counter(s["id"] for s in statements)
    return [f"statement {i} stored {n} times" for i, n in ids.items() if n > 1]
