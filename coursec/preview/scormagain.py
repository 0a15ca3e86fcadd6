"""Where the preview finds scorm-again, the LMS-side SCORM runtime it hosts packages with.

In:  the course folder (and the environment variable ``COURSEC_SCORM_AGAIN``).
Out: ``find_scorm_again(course_dir)`` -> the path of ``scorm-again/dist/scorm-again.js`` or
     None. Looked up, first found wins: ``$COURSEC_SCORM_AGAIN`` (the file itself or a
     ``scorm-again`` package folder); ``node_modules/scorm-again`` in the course folder, the
     working directory, or any of their parents (``npm ci`` at the root of this repository, or
     ``npm install scorm-again`` in a course repository, puts it there).
Reported: nothing; without it the LMS panel says how to install it, and the ``web`` target
     still previews.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COURSEC_SCORM_AGAIN"
DIST = Path("dist") / "scorm-again.js"
INSTALL_HINT = (
    "scorm-again (the SCORM runtime the LMS panel hosts packages with) was not found: run "
    "`npm ci` at the root of the coursec repository, or `npm install scorm-again@3.4.3` in "
    f"your course repository, or set {ENV_VAR} to its dist/scorm-again.js"
)


def find_scorm_again(course_dir: Path) -> Path | None:
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
        for candidate in (path, path / DIST):
            if candidate.is_file():
                return candidate.resolve()
    seen: set[Path] = set()
    for start in (course_dir.resolve(), Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if folder in seen:
                continue
            seen.add(folder)
            candidate = folder / "node_modules" / "scorm-again" / DIST
            if candidate.is_file():
                return candidate
    return None
