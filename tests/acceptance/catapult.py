"""Plays the sample course's cmi5 package in ADL CATAPULT's player (``../shared/tools/cmi5-lms``)
and reads back what the player and its LRS stored.

In:  ``CMI5_LMS_STATE`` (the state folder ``setup.sh start`` printed), ``CMI5_LMS_TOOLS`` (the
     folder with ``launch.py``; default ``/work/shared/tools/cmi5-lms``), a package built by
     :func:`build_package`, a plan of ``catapult_actions.py``.
Out: :func:`play` returns launch.py's JSON; :func:`row` one line of the per-run table;
     :func:`problems` what the run breaks of the cmi5 rules (empty when all is well).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "courses" / "customer-service"
ACTIONS = Path(__file__).resolve().parent / "catapult_actions.py"
TOOLS = Path(os.environ.get("CMI5_LMS_TOOLS", "/work/shared/tools/cmi5-lms"))
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
LMS_VERBS = ("launched", "satisfied", "abandoned", "waived")
CMI5_CAT = "https://w3id.org/xapi/cmi5/context/categories/cmi5"


def _cats(s: dict[str, Any]) -> set[str]:
    ca = (s.get("context") or {}).get("contextActivities") or {}
    return {a.get("id") for a in ca.get("category") or []}


def unavailable() -> str | None:
    """Why the suite cannot run here (one line), or None."""
    state = os.environ.get("CMI5_LMS_STATE")
    if not state:
        return "CMI5_LMS_STATE is not set (start ../shared/tools/cmi5-lms/setup.sh)"
    if not (Path(state) / "lms.json").is_file():
        return f"no lms.json in CMI5_LMS_STATE={state}"
    if not (TOOLS / "launch.py").is_file():
        return f"no launch.py in {TOOLS} (set CMI5_LMS_TOOLS)"
    return None


def build_package(out: Path, *, au: str = "course") -> Path:
    """The sample course's cmi5 package (one AU, or one per lesson), as a zip."""
    source = SAMPLE
    if au != "course":
        source = out / "course"
        shutil.copytree(SAMPLE, source)
        config = source / "course.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "xapi:\n", f"xapi:\n  au: {au}\n", 1), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "coursec", "build", str(source), "--target", "cmi5",
                    "--out", str(out / "build"), "--quiet"], cwd=REPO, check=True, timeout=300)
    folder = next((out / "build").glob("*/en-US/cmi5"))
    return Path(shutil.make_archive(str(out / f"cmi5-{au}"), "zip", folder))


def play(package: Path, plan: str, out: Path, *, aus: str = "0",
         mode: str | None = None) -> dict[str, Any]:
    result = out / f"{plan}.json"
    cmd = [sys.executable, str(TOOLS / "launch.py"), str(package), "--au", aus,
           "--action", str(ACTIONS), "--timeout", "20", "--out", str(result)]
    if mode:
        cmd += ["--launch-mode", mode]
    env = {**os.environ, "COURSEC_CATAPULT_PLAN": plan}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    if not result.is_file():
        raise AssertionError(f"launch.py wrote nothing (exit {proc.returncode}):\n"
                             f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    data["exit_code"] = proc.returncode
    return data


def verb(s: dict[str, Any]) -> str:
    return str(s.get("verb", {}).get("id", "")).rsplit("/", 1)[-1]


def sessions(data: dict[str, Any]) -> list[list[str]]:
    """The AU's verbs per launch (by the player's session code), in timestamp order; a
    statement without the cmi5 category (an 'allowed' one) as ``other:<verb>``."""
    out = []
    codes = {s.get("id"): s.get("code") for s in data.get("player_sessions", [])
             if isinstance(s, dict)}
    for launch in data.get("launches", []):
        code = codes.get(launch.get("session_id"))
        mine = [s for s in data.get("statements", []) if verb(s) not in LMS_VERBS
                and ((s.get("context") or {}).get("extensions") or {}).get(SESSION_EXT) == code]
        out.append([verb(s) if CMI5_CAT in _cats(s) else "other:" + verb(s)
                    for s in sorted(mine, key=lambda s: s["timestamp"])])
    return out


def refused(data: dict[str, Any]) -> list[str]:
    return [f"{r['method']} {r['path']} -> {r['status']}: {str(r.get('error'))[:200]}"
            for launch in data.get("launches", []) for r in launch.get("browser_requests", [])
            if r.get("rejected") or r.get("status") is None]


def problems(data: dict[str, Any]) -> list[str]:
    """What cmi5 requires of every run: each session starts with initialized, ends with
    terminated, has at most one passed/failed; nothing refused; launch.py happy."""
    out = [f"refused: {r}" for r in refused(data)]
    for i, verbs in enumerate(sessions(data)):
        if not verbs or verbs[0] != "initialized" or verbs[-1] != "terminated":
            out.append(f"session {i}: {verbs[:3]}...{verbs[-2:]}")
        if verbs.count("passed") + verbs.count("failed") > 1:
            out.append(f"session {i}: more than one verdict")
    for launch in data.get("launches", []):
        if not launch.get("terminated"):
            out.append(f"launch {launch.get('index')}: not terminated")
        if launch.get("action_error"):
            out.append(f"launch {launch.get('index')}: {launch['action_error']}")
    return out


def _short(verbs: list[str]) -> str:
    counts = Counter(verbs)
    keep = ("initialized", "completed", "passed", "failed", "terminated")
    named = " ".join(v + (f"x{counts[v]}" if counts[v] > 1 else "") for v in keep if counts[v])
    return named + f" (+{len(verbs) - sum(counts[v] for v in keep)} other)"


def row(name: str, data: dict[str, Any]) -> str:
    aus = data.get("aus", [])
    flags = ", ".join(
        f"AU{a['index']} {a['moveOn']}: " + "/".join(
            k for k in ("completed", "passed", "satisfied") if a.get(k)) or f"AU{a['index']}: -"
        for a in aus)
    lms = Counter(verb(s) for s in data.get("statements", []) if verb(s) in LMS_VERBS)
    return (f"| {name} | {' ; '.join(_short(v) for v in sessions(data))} | "
            f"{', '.join(f'{k}x{n}' for k, n in sorted(lms.items()))} | {flags} | "
            f"{'yes' if data.get('course_satisfied') else 'no'} | {len(refused(data))} |")


HEADER = ("| run | AU statements per session | LMS statements | AUs (moveOn: state) | "
          "course satisfied | refused |\n|---|---|---|---|---|---|")
