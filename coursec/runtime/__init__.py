"""The browser runtime shipped into every package: ``player.js``, one adapter per standard, CSS.

In:  nothing (the files sit next to this module).
Out: ``runtime_file(name)`` gives a file's bytes; the constants below are shared by the renderer
     (which passes them to the page in ``cs-data.limits``) and by ``coursec.check.limits`` (which
     computes the worst-case resume state with them), so the Python and the JS agree.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

STATE_VERSION = 1
HASH_LENGTH = 6  # characters of the course-structure hash stored in the state (``h``)
FILL_IN_MAXLENGTH = 50  # maxlength of a fill-in answer box (UTF-16 units, as the browser counts)
NUMERIC_MAXLENGTH = 20  # maxlength of a numeric answer box; stored text keeps [0-9.,+-eE] only
TRIES_CAP = 99  # tries stored for a quiz with unlimited attempts are capped here
SEED_MAX = 2147483647  # the per-attempt shuffle seed is an integer in [0, SEED_MAX]

ADAPTERS = ("scorm12", "scorm2004", "local")


def runtime_file(name: str) -> bytes:
    """The bytes of one runtime file (``player.js``, ``scorm12.js``, ``coursec.css``...)."""
    return (HERE / name).read_bytes()
