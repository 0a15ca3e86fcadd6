"""The browser runtime shipped into every package: small modules assembled into the page's
scripts (``player.js``, ``scenario.js``, one adapter per standard) and the CSS.

In:  the module files next to this one. Each is a plain script in the module convention of
     CONTRACT.md (usable in the page and with ``require`` in Node) and names the modules it needs
     with ``require('./name.js')``.
Out: ``runtime_file(name)`` gives the bytes of a file shipped in ``runtime/``: a script of
     ``SCRIPTS`` is the modules of its entry points with every module they require, each after
     what it requires, each stripped of comments and whitespace (``shipped``: rjsmin, a pure
     function of the text, so the bytes stay deterministic); the stylesheet (``coursec.css``)
     is minified by rcssmin (pure as well). ``adapter_file`` is the adapter's script. The
     constants below are shared by the renderer (which passes
     them to the page in ``cs-data.limits``) and by ``coursec.check.limits`` (which computes
     the worst-case resume state with them), so the Python and the JS agree. Nothing is
     reported; a module that requires one that does not exist, or a cycle, is a
     ``ValueError`` (a packaging bug).

This is the one place that knows which module goes into which script: a page loads one script,
``runtime/player.js`` (``page_script``): the adapter's script, then ``scenario.js`` (when the
course has scenarios), then ``player.js``, joined into one file so that one gzip stream covers
them all (issue 14's 30 KB budget); a module a later script needs that an earlier one carries is
not shipped twice, and the modules of ``RELEASES_ONLY`` only in the pages of a course with
``releases/``.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

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
#: adapters that can report to an LRS (their script carries lrs.js, the statements and the queue)
LRS_ADAPTERS = ("xapi", "cmi5", "local")

#: each shipped script: its entry modules, in the order they install themselves (``local``
#: installs its localStorage transport unless the page was launched with the TinCan
#: parameters; ``xapi`` installs itself otherwise)
SCRIPTS: dict[str, tuple[str, ...]] = {
    "scorm12.js": ("scorm12.js",),
    "scorm2004.js": ("scorm2004.js",),
    "xapi.js": ("xapi.js",),
    "cmi5.js": ("cmi5.js",),
    "local.js": ("local.js", "xapi.js"),
    "scenario.js": ("scenario.js",),
    "player.js": ("player.js",),
}
#: the order the scripts stand in the page's one script (an adapter's first)
PAGE_ORDER = ("<adapter>", "scenario.js", "player.js")
#: the package path of the page's one script
PAGE_SCRIPT = "runtime/player.js"
#: modules only a course with ``releases/`` runs: the codec migrates a saved state only from
#: one of cs-data's ``releases`` (codec.js ``earlier``), so a page without them ships none of
#: these, and the codec's ``require`` of them finds nothing it would ever call
RELEASES_ONLY = ("migrate.js",)

_REQUIRE = re.compile(r"""require\('\./([a-z0-9]+\.js)'\)""")


def source(name: str) -> bytes:
    """The bytes of one source file of the runtime (a module, ``coursec.css``)."""
    return (HERE / name).read_bytes()


def _version(name: str) -> tuple[int, int]:
    """(mtime, size) of a runtime file: what the memos below are keyed by, so an edited
    runtime file (a preview session while the runtime is worked on) is read again."""
    stat = (HERE / name).stat()
    return stat.st_mtime_ns, stat.st_size


def shipped(name: str) -> bytes:
    """The bytes of one module as the page gets it: comments and whitespace stripped."""
    return _minified(name, _version(name))


@functools.lru_cache(maxsize=256)
def _minified(name: str, version: tuple[int, int]) -> bytes:
    """Every package of a build ships the same modules: each is minified once."""
    out: bytes = rjsmin.jsmin(source(name))
    return out


def runtime_file(name: str) -> bytes:
    """The bytes of ``runtime/<name>`` as shipped (a script assembled, the stylesheet minified
    by rcssmin, a pure function of its text like rjsmin)."""
    if name in SCRIPTS:
        return page_file(name)
    if name.endswith(".css"):
        return _css(name, _version(name))
    return source(name)


@functools.lru_cache(maxsize=16)
def _css(name: str, version: tuple[int, int]) -> bytes:
    out: bytes = rcssmin.cssmin(source(name))
    return out


def requires(name: str) -> tuple[str, ...]:
    """The modules ``name`` requires, in the order it names them."""
    return _requires(name, _version(name))


@functools.lru_cache(maxsize=256)
def _requires(name: str, version: tuple[int, int]) -> tuple[str, ...]:
    text = source(name).decode("utf-8")
    return tuple(dict.fromkeys(_REQUIRE.findall(text)))


def modules(entries: tuple[str, ...]) -> tuple[str, ...]:
    """``entries`` with everything they require, each module after its requirements."""
    out: list[str] = []
    active: list[str] = []

    def visit(name: str) -> None:
        if name in out:
            return
        if name in active:
            raise ValueError(f"runtime modules require each other: {' -> '.join([*active, name])}")
        if not (HERE / name).is_file():
            raise ValueError(f"runtime module {name} is required but missing")
        active.append(name)
        for dep in requires(name):
            visit(dep)
        active.pop()
        out.append(name)

    for entry in entries:
        visit(entry)
    return tuple(out)


def _earlier(script: str) -> set[str]:
    """The modules the scripts loaded before ``script`` on every page carry (the adapter's
    script comes first, so only scenario.js and player.js have any)."""
    if script not in ("scenario.js", "player.js"):
        return set()
    shared = set.intersection(*(set(modules(SCRIPTS[f"{a}.js"])) for a in ADAPTERS))
    if script == "player.js":  # scenario.js is not on every page: nothing of it is shared
        clash = (set(modules(SCRIPTS["scenario.js"])) & set(modules(SCRIPTS["player.js"]))) - shared
        if clash:
            raise ValueError(f"scenario.js and player.js both need {sorted(clash)}")
    return shared


def _versions() -> tuple[tuple[str, int, int], ...]:
    """(name, mtime, size) of every file of the runtime: what an assembled script is memoised
    by (one directory scan instead of a stat per module the script's graph visits)."""
    with os.scandir(HERE) as entries:
        found = [(entry.name, entry.stat()) for entry in entries if entry.is_file()]
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in found))


def page_file(script: str, leave_out: tuple[str, ...] = ()) -> bytes:
    """The bytes of the shipped script ``script`` (a key of ``SCRIPTS``), without the modules
    of ``leave_out`` (``RELEASES_ONLY`` for a course without releases)."""
    return _page_file(script, leave_out, _versions())


@functools.lru_cache(maxsize=32)
def _page_file(script: str, leave_out: tuple[str, ...],
               versions: tuple[tuple[str, int, int], ...]) -> bytes:
    """Every package of a build ships the same scripts: each is assembled once per version
    of the runtime's files."""
    skip = _earlier(script) | set(leave_out)
    names = [name for name in modules(SCRIPTS[script]) if name not in skip]
    return b"\n".join(shipped(name) for name in names)


def adapter_file(adapter: str) -> bytes:
    """The bytes of ``runtime/<adapter>.js`` as shipped."""
    return runtime_file(f"{adapter}.js")


def page_script(adapter: str, scenarios: bool, releases: bool) -> bytes:
    """The bytes of the one script a page of ``adapter`` loads (``PAGE_SCRIPT``): the scripts
    of ``PAGE_ORDER`` joined, ``scenario.js`` only when the course has ``scenarios``, the
    modules of ``RELEASES_ONLY`` only when it has ``releases``."""
    return _page_script(adapter, scenarios, releases, _versions())


@functools.lru_cache(maxsize=32)
def _page_script(adapter: str, scenarios: bool, releases: bool,
                 versions: tuple[tuple[str, int, int], ...]) -> bytes:
    leave_out = () if releases else RELEASES_ONLY
    return b"\n".join(
        _page_file(f"{adapter}.js" if script == "<adapter>" else script, leave_out, versions)
        for script in PAGE_ORDER
        if scenarios or script != "scenario.js"
    )
