"""The browser runtime shipped into every package: ``player.js``, one adapter per standard, CSS.

In:  nothing (the files sit next to this module).
Out: ``runtime_file(name)`` gives a file's bytes; the constants below are shared by the renderer
     (which passes them to the page in ``cs-data.limits``) and by ``coursec.check.limits`` (which
     computes the worst-case resume state with them), so the Python and the JS agree.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

STATE_VERSION = 2  # 2: scenarios (``s``) added to the resume state
HASH_LENGTH = 6  # characters of the course-structure hash stored in the state (``h``)
FILL_IN_MAXLENGTH = 50  # maxlength of a fill-in answer box (UTF-16 units, as the browser counts)
NUMERIC_MAXLENGTH = 20  # maxlength of a numeric answer box; stored text keeps [0-9.,+-eE] only
TRIES_CAP = 99  # tries stored for a quiz with unlimited attempts are capped here
SEED_MAX = 2147483647  # the per-attempt shuffle seed is an integer in [0, SEED_MAX]
PATH_KEEP = 24  # scenario path: the last PATH_KEEP choices are kept, older ones only counted
STEP_CAP = 9999  # scenario path: the step count stored beside the kept steps is capped here

ADAPTERS = ("scorm12", "scorm2004", "local", "xapi", "cmi5")
#: adapters that can report to an LRS: ``queue.js`` (the statement queue), ``lrs.js`` (client,
#: statements, transport)
#: followed by their own code (``local`` also carries ``xapi.js``, used when the page is launched
#: with the TinCan parameters)
LRS_ADAPTERS = {"xapi": ("queue.js", "lrs.js", "xapi.js"),
                "cmi5": ("queue.js", "lrs.js", "cmi5.js"),
                "local": ("queue.js", "lrs.js", "xapi.js", "local.js")}


def runtime_file(name: str) -> bytes:
    """The bytes of one runtime file (``player.js``, ``scorm12.js``, ``coursec.css``...)."""
    return (HERE / name).read_bytes()


#: the SCORM adapters share API discovery and safe calls (``scorm-api.js``)
SCORM_ADAPTERS = {"scorm12": ("scorm-api.js", "scorm12.js"),
                  "scorm2004": ("scorm-api.js", "scorm2004.js")}


def adapter_file(adapter: str) -> bytes:
    """The bytes of ``runtime/<adapter>.js`` as shipped: the adapter, with what it shares with
    other adapters (the LRS client, the SCORM API access) bundled in front of it."""
    parts = LRS_ADAPTERS.get(adapter) or SCORM_ADAPTERS.get(adapter) or (f"{adapter}.js",)
    return b"\n".join(runtime_file(name) for name in parts)
