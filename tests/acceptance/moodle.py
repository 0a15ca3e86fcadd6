"""Drives the local Moodle acceptance tool (``shared/tools/moodle``) for the acceptance tests.

In:  ``MOODLE_ACCEPTANCE_HOME`` (the Moodle site, e.g. ``/opt/moodle-acceptance``, with its
     ``env.sh``) and optionally ``MOODLE_ACCEPTANCE_TOOLS`` (the tool folder; else
     ``shared/tools/moodle`` next to the repository or its worktree folder); packages to add.
Out: ``Moodle.add(package)`` -> the activity's cmid; ``Moodle.play(cmid, script)`` -> a
     ``Launch``: what the SCO called on Moodle's API, what the content logged, what the learner
     script saw and what Moodle stored (``play.py``'s JSON). ``unavailable()`` says in one line
     why the suite cannot run. Failures of the tool raise ``MoodleError``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ACTIONS = HERE / "moodle_actions.py"
ENV = "MOODLE_ACCEPTANCE_HOME"


class MoodleError(RuntimeError):
    pass


def tools_dir() -> Path | None:
    given = os.environ.get("MOODLE_ACCEPTANCE_TOOLS")
    candidates = [Path(given)] if given else [
        REPO.parent / "shared" / "tools" / "moodle",
        REPO.parent.parent / "shared" / "tools" / "moodle",
    ]
    return next((c for c in candidates if (c / "play.py").exists()), None)


def site_env(home: Path) -> dict[str, str]:
    """The variables ``env.sh`` of the site exports (``export K="V"`` lines)."""
    out: dict[str, str] = {}
    for line in (home / "env.sh").read_text(encoding="utf-8").splitlines():
        if line.startswith("export ") and "=" in line:
            key, value = line[len("export "):].split("=", 1)
            out[key.strip()] = value.strip().strip('"')
    return out


def unavailable() -> str | None:
    """Why the Moodle acceptance suite cannot run here (one line), or None."""
    home = os.environ.get(ENV)
    if not home:
        return f"{ENV} is not set (it names a local Moodle made by shared/tools/moodle)"
    if not (Path(home) / "env.sh").exists():
        return f"{ENV}={home} has no env.sh (run shared/tools/moodle/setup.sh)"
    if tools_dir() is None:
        return "shared/tools/moodle not found (set MOODLE_ACCEPTANCE_TOOLS)"
    www = site_env(Path(home)).get("MOODLE_WWWROOT", "http://127.0.0.1:8080")
    try:
        with urllib.request.urlopen(www + "/login/index.php", timeout=10) as r:
            r.read(100)
    except OSError as e:
        return f"Moodle at {www} is not reachable ({e}); start it with setup.sh"
    return None


@dataclass
class Launch:
    """One play.py run."""

    script: str
    raw: dict[str, Any]

    @property
    def calls(self) -> list[dict[str, Any]]:
        return list(self.raw.get("api_calls") or [])

    @property
    def learner(self) -> dict[str, Any]:
        results = self.raw.get("action_results") or [{}]
        return dict(results[-1])

    def got(self, element: str) -> str | None:
        """What the SCO read for ``element`` (its first successful GetValue)."""
        for c in self.calls:
            if c.get("fn") in ("LMSGetValue", "GetValue") and c.get("args") == [element]:
                return str(c.get("ret"))
        return None

    def refused(self) -> list[str]:
        """Every SetValue/LMSSetValue Moodle refused: ``element=value -> error``."""
        return [f"{c['args'][0]}={c['args'][1][:60]!r} -> {c.get('err')}" for c in self.calls
                if c.get("fn") in ("LMSSetValue", "SetValue")
                and (c.get("ret") != "true" or str(c.get("err") or "0") not in ("0", ""))]

    def content_errors(self) -> list[str]:
        out = [f"{m.get('type')}: {m.get('text')}" for m in self.raw.get("content_console_errors")
               or [] if m.get("type") == "error"]
        out += [str(e) for e in self.raw.get("page_errors") or []]
        out += [str(e.get("message")) for e in self.raw.get("frame_errors") or []]
        return out

    def stored(self) -> dict[str, str]:
        """The CMI Moodle stored for the last attempt's (only) SCO, with dotted names."""
        attempts = (self.raw.get("moodle") or {}).get("attempts") or []
        if not attempts:
            return {}
        scoes = attempts[-1].get("scoes") or {}
        sco: dict[str, Any] = next(iter(scoes.values()), {})
        return {str(k): str(v) for k, v in (sco.get("cmi") or {}).items()}

    def attempts(self) -> int:
        return len((self.raw.get("moodle") or {}).get("attempts") or [])

    def grade(self) -> Any:
        return (self.raw.get("moodle") or {}).get("grade")

    def completion(self) -> Any:
        return (self.raw.get("moodle") or {}).get("completionstate")


class Moodle:
    def __init__(self) -> None:
        self.home = Path(os.environ[ENV])
        tools = tools_dir()
        assert tools is not None
        self.tools = tools
        self.env = {**os.environ, **site_env(self.home), "MOODLE_HOME": str(self.home)}

    def add(self, package: Path, name: str) -> int:
        proc = subprocess.run(
            [str(self.tools / "add_scorm.sh"), str(package), f"--name={name}", "--maxattempt=0"],
            capture_output=True, text=True, env=self.env, timeout=300, check=False)
        last = (proc.stdout.strip().splitlines() or [""])[-1]
        if proc.returncode != 0 or not last.startswith("cmid="):
            raise MoodleError(f"add_scorm.sh failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return int(last.split("=", 1)[1])

    def play(self, cmid: int, script: str) -> Launch:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "run.json"
            proc = subprocess.run(
                [sys.executable, str(self.tools / "play.py"), "--cmid", str(cmid),
                 "--actions", str(ACTIONS), "--out", str(out), "--timeout-ms", "30000"],
                capture_output=True, text=True, timeout=600, check=False,
                env={**self.env, "COURSEC_MOODLE_SCRIPT": script})
            if proc.returncode != 0 or not out.exists():
                raise MoodleError(f"play.py failed ({proc.returncode}): "
                                  f"{(proc.stdout + proc.stderr)[-3000:]}")
            return Launch(script, json.loads(out.read_text(encoding="utf-8")))
