"""One version of a course to compare: a folder as it is, or a git revision of a folder.

In:  a spec (a folder path, or a git revision such as ``HEAD~1``, ``v1.0``, ``main``) and the
     course folder the revisions are taken from.
Out: ``open_version(spec, course_dir)`` is a context manager yielding the folder to read
     (a revision is extracted with ``git archive`` into a temporary folder, removed after).
Raises ``VersionError`` (a one-line reason, printed by the command) when the spec is neither
a folder nor a revision git knows.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class VersionError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise VersionError(f"git cannot run: {exc}") from exc
    if done.returncode != 0:
        raise VersionError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
                           if done.stderr.strip() else f"git {' '.join(args)} failed")
    return done.stdout


@contextmanager
def open_version(spec: str, course_dir: Path) -> Iterator[Path]:
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    course_dir = course_dir.resolve()
    if not course_dir.is_dir():
        raise VersionError(f"'{course_dir}' is not a folder")
    top = Path(_git(["rev-parse", "--show-toplevel"], course_dir).decode().strip())
    inside = course_dir.relative_to(top.resolve()).as_posix() or "."
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], course_dir)
    except VersionError:
        raise VersionError(f"'{spec}' is neither a folder nor a git revision") from None
    data = _git(["archive", "--format=tar", spec, "--", inside], top)
    with tempfile.TemporaryDirectory(prefix="coursec-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            if hasattr(tarfile, "data_filter"):  # 3.11.4+: refuse links out of the folder
                tar.extractall(tmp, filter="data")
            else:  # pragma: no cover - git archive of a revision holds only its own files
                tar.extractall(tmp)
        root = Path(tmp) / inside
        if not (root / "course.yaml").is_file():
            raise VersionError(f"'{inside}' has no course.yaml at revision '{spec}'")
        yield root
