"""The build cache: a course whose inputs have not changed is not built again.

In:  a course build's inputs: every file of the course folder (path and bytes; not ``.git``,
     ``__pycache__`` or an output folder inside it), every file of the installed coursec
     package (its code, runtime, templates and built-in themes, so a new coursec version or an
     edited theme changes every key) and ``coursec.__version__``, the options (targets,
     edition, regions, strict, verbose), ``SOURCE_DATE_EPOCH`` and the course folder as
     diagnostics show it (``display_path``). A course-local theme is a folder of the course.
Out: ``build_key`` (a SHA-256 hex digest of all that: the same on every machine for the same
     checkout and command line, so CI shards share it); ``replay``: the packages of the entry
     of a key, its diagnostics reported again, when the published output still is what that
     entry describes (every zip's SHA-256 matches and its folder exists), else None;
     ``store`` writes the entry of a build that was just published.
     Entries live in ``<out>/.coursec/cache/<key>.json`` with ``<course-id>.key`` naming the
     latest key of each course (older entries of a course are removed when it is stored).
     An entry holds the packages made (folder, zip and the zip's SHA-256) and every diagnostic
     the build reported (warnings only: a build with errors is never stored), so a cached
     build reports them again.
Reported: nothing. An unreadable, malformed or stale entry is a miss (the course is built);
     failing to write an entry only costs the next build its hit.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import coursec
from coursec import output
from coursec.build_options import BuildOptions, Package, default_out_dir
from coursec.diagnostics import Code, Diagnostic, Reporter, Severity, Span, display_path

SCHEMA = 1
CACHE = "cache"
_SKIPPED_DIRS = {".git", "__pycache__", ".hg", ".svn"}


def cache_dir(out_dir: Path) -> Path:
    return out_dir / output.STORE / CACHE


@functools.cache
def tool_digest() -> str:
    """The digest of the running coursec: its version and every file of its package."""
    package = Path(coursec.__file__).resolve().parent
    digest = hashlib.sha256(f"coursec {coursec.__version__}\0".encode())
    _feed_tree(digest, package, exclude=None)
    return digest.hexdigest()


def build_key(options: BuildOptions, reporter: Reporter) -> str:
    """The key of one course build: its files, coursec, and every option that changes its
    output or its diagnostics."""
    digest = hashlib.sha256()
    header = {
        "schema": SCHEMA,
        "tool": tool_digest(),
        "course": display_path(options.course_dir),  # diagnostics name their files by it
        "targets": options.targets,
        "edition": options.edition,
        "regions": options.regions,
        "strict": options.strict or reporter.strict,
        "verbose": reporter.verbose,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip(),
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    out_dir = options.out_dir or default_out_dir(options.course_dir)
    _feed_tree(digest, options.course_dir, exclude=out_dir)
    return digest.hexdigest()


def _feed_tree(digest: Any, root: Path, exclude: Path | None) -> None:
    """Every file under ``root`` into ``digest`` as (path, size, bytes), in sorted order."""
    skip = exclude.resolve() if exclude is not None else None
    for relative, path in _files(root.resolve(), skip):
        if path.is_symlink():  # its text, and the bytes of a file it points to
            data = f"link:{os.readlink(path)}\0".encode()
            data += path.read_bytes() if path.is_file() else b""
        else:
            data = path.read_bytes()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)


def _files(root: Path, skip: Path | None) -> Iterator[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        kept = []
        for name in dirs:
            child = here / name
            if name in _SKIPPED_DIRS or (skip is not None and child == skip):
                continue
            if child.is_symlink():  # not followed: hashed as a link (its text)
                names.append(name)
                continue
            kept.append(name)
        dirs[:] = kept
        for name in names:
            if name.endswith(".pyc"):
                continue
            path = here / name
            found.append((path.relative_to(root).as_posix(), path))
    yield from sorted(found)


def replay(key: str, options: BuildOptions, reporter: Reporter) -> list[Package] | None:
    """The published packages of ``key``'s build, its diagnostics reported again into
    ``reporter``; None when the cache does not hold it or the output no longer matches it."""
    out_dir = options.out_dir or default_out_dir(options.course_dir)
    try:
        raw = json.loads((cache_dir(out_dir) / f"{key}.json").read_text(encoding="utf-8"))
        if raw.get("schema") != SCHEMA or raw.get("key") != key:
            return None
        packages = []
        for item in raw["packages"]:
            folder, zip_file = out_dir / str(item["folder"]), out_dir / str(item["zip"])
            if not folder.is_dir() or _file_digest(zip_file) != item["sha256"]:
                return None
            packages.append(Package(target=str(item["target"]), region=str(item["region"]),
                                    directory=folder, zip_path=zip_file))
        diagnostics = [_diagnostic(d) for d in raw["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not packages or any(d.severity is Severity.ERROR for d in diagnostics):
        return None
    reporter.diagnostics.extend(diagnostics)
    return packages


def store(key: str, options: BuildOptions, packages: Sequence[Package],
          diagnostics: Iterable[Diagnostic]) -> None:
    """Record the build of ``key``, just published, with what it reported (best effort)."""
    out_dir = options.out_dir or default_out_dir(options.course_dir)
    with contextlib.suppress(OSError, ValueError):
        folder = cache_dir(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        entry = {
            "schema": SCHEMA,
            "key": key,
            "packages": [
                {"region": p.region, "target": p.target,
                 "folder": _inside(out_dir, p.directory), "zip": _inside(out_dir, p.zip_path),
                 "sha256": _file_digest(p.zip_path)}
                for p in packages
            ],
            "diagnostics": [_plain(d) for d in diagnostics],
        }
        _write(folder / f"{key}.json", json.dumps(entry, sort_keys=True, indent=1))
        course_id = Path(_inside(out_dir, packages[0].directory)).parts[0]  # <id>/<region>/...
        latest = folder / f"{course_id}.key"
        with contextlib.suppress(OSError):
            previous = latest.read_text(encoding="ascii").strip()
            if previous != key and len(previous) == 64 and previous.isalnum():
                (folder / f"{previous}.json").unlink(missing_ok=True)
        _write(latest, key)


def _inside(out_dir: Path, path: Path) -> str:
    """``path`` relative to the output folder (a ValueError when it is not inside it)."""
    return path.relative_to(out_dir).as_posix()


def _write(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all (a reader never sees half an entry)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plain(diag: Diagnostic) -> dict[str, Any]:
    span = diag.span
    return {
        "code": diag.code.name,
        "severity": diag.severity.value,
        "span": [span.path, span.line, span.col, span.length],
        "message": diag.message,
        "help": diag.help,
    }


def _diagnostic(raw: dict[str, Any]) -> Diagnostic:
    path, line, col, length = raw["span"]
    help_text = raw["help"]
    return Diagnostic(
        Code[raw["code"]],
        Severity(raw["severity"]),
        Span(str(path), int(line), int(col), int(length)),
        str(raw["message"]),
        None if help_text is None else str(help_text),
    )
