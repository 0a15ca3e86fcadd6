"""The release version manifests carry, once a release is recorded.

In:  the course (its folder's ``releases/``: only the file names are read).
Out: ``release_version(root)``: the newest recorded release (numbers compared as numbers:
     1.9 < 1.10 < 2), else None; ``manifest_version(course)``: that, else course.yaml's
     ``version`` (so a course with no ``releases/`` builds exactly as before);
     ``RELEASE_NS``: the namespace of the ``<cs:release>`` element the xAPI documents carry
     (``coursec.targets.xml_tree.stamp_release``: an element in a foreign namespace, which
     cmi5's CourseStructure.xsd admits in ``course`` and tincan.xml readers ignore) only when a
     release is recorded. Nothing is reported here.

A load-layer module (the targets read it): it imports nothing from the rest of
``coursec.release``.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursec.model import Course

RELEASE_NS = "urn:coursec:release"
RELEASES = "releases"
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key: ``1.9 < 1.10 < 2``; a text part sorts after the numbers at its place."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[._-]", version))


def release_version(course_root: Path) -> str | None:
    folder = course_root / RELEASES
    if not folder.is_dir():
        return None
    versions = [p.stem for p in folder.glob("*.json") if VERSION_RE.match(p.stem)]
    return max(versions, key=version_key) if versions else None


def manifest_version(course: Course) -> str:
    return release_version(course.root) or course.config.version
