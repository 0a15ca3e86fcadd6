"""Recorded releases: ``releases/<version>.json`` beside course.yaml.

In:  a course folder (and, to record, the course's ``layout``).
Out: ``record_release`` writes one release file (deterministic JSON: two-space indent, keys in
     layout order, one id per line, so a pull request shows what moved); ``load_releases``
     reads them all, ordered by version (numbers compared as numbers: 1.9 < 1.10);
     ``latest_release`` is the newest one (``release.stamp`` has the version order and what
     manifests are stamped with).
Reported: CS906 (a release file that is not a layout this coursec reads, or an unknown
     ``--since`` version), CS907 (recording a version again with a different layout).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span
from coursec.release.layout import LAYOUT_FORMAT, Layout, same_layout
from coursec.release.stamp import RELEASES, version_key


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    layout: Layout


def releases_dir(course_root: Path) -> Path:
    return course_root / RELEASES


def dumps(layout: Layout) -> str:
    return json.dumps(layout, indent=2, ensure_ascii=False) + "\n"


def _valid(data: object) -> bool:
    if not isinstance(data, dict) or data.get("format") != LAYOUT_FORMAT:
        return False
    lists = ("lessons", "pages", "quizzes", "scenarios")
    return all(isinstance(data.get(k), list) for k in lists) and isinstance(data.get("hash"), str)


def load_releases(course_root: Path, reporter: Reporter) -> list[Release]:
    folder = releases_dir(course_root)
    if not folder.is_dir():
        return []
    found: list[Release] = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            reporter.report(Code.CS906, Span(str(path), 1, 1),
                            f"release file cannot be read: {exc}",
                            help="restore it from git (`git checkout -- releases/`)")
            continue
        if not _valid(data):
            reporter.report(Code.CS906, Span(str(path), 1, 1),
                            f"'{path.name}' is not a release layout (format {LAYOUT_FORMAT})",
                            help="release files are written by `coursec release`; do not edit them")
            continue
        found.append(Release(path.stem, path, data))
    return sorted(found, key=lambda r: version_key(r.version))


def latest_release(course_root: Path, reporter: Reporter) -> Release | None:
    found = load_releases(course_root, reporter)
    return found[-1] if found else None


def find_release(course_root: Path, version: str, reporter: Reporter) -> Release | None:
    found = load_releases(course_root, reporter)
    for release in found:
        if release.version == version:
            return release
    known = ", ".join(r.version for r in found) or "none recorded"
    reporter.report(Code.CS906, Span(str(releases_dir(course_root)), 0, 0),
                    f"no release '{version}' (releases: {known})",
                    help="record one with `coursec release --version X`")
    return None


def record_release(
    course_root: Path, version: str, layout: Layout, reporter: Reporter
) -> Path | None:
    """Write ``releases/<version>.json``; None (reported) when the version is taken."""
    path = releases_dir(course_root) / f"{version}.json"
    text = dumps({"release": version, **layout})
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            old = None
        if isinstance(old, dict) and same_layout(old, layout):
            return path  # recorded already, same layout: nothing to do
        reporter.report(Code.CS907, Span(str(path), 1, 1),
                        f"release '{version}' is recorded already with another layout",
                        help="a recorded release is what learners' saved state refers to; "
                        "record the change as a new version (`--version`)")
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
