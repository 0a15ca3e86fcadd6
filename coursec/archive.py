"""Deterministic zip archives and atomic directory output.

In:  a package file map ``{relative POSIX path: bytes}`` made by a target.
Out: ``zip_bytes`` / ``write_zip``: the same map always gives the same bytes. ``replace_tree``:
     writes a directory next to the destination and swaps it in, so a failed write leaves the
     previous output untouched.

Zip hygiene (what LMS importers trip over, see shared/interop.md pitfall 10):
* entries sorted by path, no directory entries, ``imsmanifest.xml`` wherever the map puts it
  (targets put it at the root);
* every timestamp is ``SOURCE_DATE_EPOCH`` (UTC, clamped to the zip range 1980..2107, rounded
  down to the 2-second DOS resolution) when that variable is set, else 1980-01-01 00:00:00;
* Unix attributes: regular file, mode 0o644; "made by" Unix; no extra fields, no comment;
* deflate at level 6, except already-compressed media (``STORED_SUFFIXES``), which are stored;
* paths must be relative, ``/``-separated, ASCII, without ``..``/empty segments or characters
  that are unsafe in a URL; ``path_problem`` says what is wrong with one and the writers raise
  ``ValueError`` for such a path (targets report it as CS505 before it gets here).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

DEFAULT_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FILE_MODE = 0o644
STORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".mp3", ".m4a", ".ogg", ".oga",
     ".mp4", ".m4v", ".webm", ".woff", ".woff2", ".zip", ".gz", ".pdf"}
)
# printable ASCII that needs no quoting in a URL path and is safe in every file system
_SAFE_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()+,;=@"
)


def path_problem(path: str) -> str | None:
    """Why ``path`` cannot be a package entry, or None when it is fine."""
    if not path:
        return "empty path"
    if not path.isascii():
        return f"'{path}' has non-ASCII characters (some LMSs cannot unpack or serve them)"
    if path.startswith("/") or "\\" in path or ":" in path:
        return f"'{path}' must be a relative path with '/' separators"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return f"'{path}' has an empty, '.' or '..' segment"
    bad = sorted(set(path) - _SAFE_CHARS)
    if bad:
        shown = " ".join(repr(c) for c in bad)
        return f"'{path}' has characters that are unsafe in a URL or file name: {shown}"
    return None


def zip_date() -> tuple[int, int, int, int, int, int]:
    """The timestamp every entry gets: SOURCE_DATE_EPOCH (UTC) if set, else 1980-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return DEFAULT_DATE
    try:
        epoch = int(raw)
    except ValueError as exc:
        raise ValueError(f"SOURCE_DATE_EPOCH must be an integer, got {raw!r}") from exc
    t = time.gmtime(max(epoch, 315532800))  # 1980-01-01T00:00:00Z
    if t.tm_year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def _check_paths(files: Mapping[str, bytes]) -> None:
    problems = [p for p in (path_problem(name) for name in files) if p]
    if problems:
        raise ValueError("invalid package path: " + "; ".join(problems))
    folded: dict[str, str] = {}
    for name in files:
        other = folded.setdefault(name.lower(), name)
        if other != name:
            raise ValueError(f"package paths differ only by case: '{other}' and '{name}'")


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """The zip archive of ``files``; identical input gives identical bytes."""
    _check_paths(files)
    date = zip_date()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=date)
            info.create_system = 3  # Unix, so external_attr carries the mode
            info.external_attr = (0o100000 | FILE_MODE) << 16
            if Path(name).suffix.lower() in STORED_SUFFIXES:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, files[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, files[name], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def write_zip(files: Mapping[str, bytes], dest: Path) -> None:
    """Write ``zip_bytes(files)`` to ``dest`` atomically (temp file, then rename)."""
    data = zip_bytes(files)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_tree(files: Mapping[str, bytes], dest_dir: Path) -> None:
    """Make ``dest_dir`` hold exactly ``files``: write a temp sibling, then swap it in.

    If anything fails before the swap, the temp directory is removed and ``dest_dir`` is
    untouched; if the final rename fails, the previous directory is put back.
    """
    _check_paths(files)
    parent = dest_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest_dir.name}.", suffix=".tmp", dir=parent))
    try:
        for name in sorted(files):
            target = tmp.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
            os.chmod(target, FILE_MODE)
        os.chmod(tmp, 0o755)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old: Path | None = None
    if dest_dir.exists() or dest_dir.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{dest_dir.name}.", suffix=".old", dir=parent))
        old.rmdir()
        os.replace(dest_dir, old)
    try:
        os.replace(tmp, dest_dir)
    except BaseException:
        if old is not None:
            os.replace(old, dest_dir)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
