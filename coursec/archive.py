"""Deterministic zip archives and package folders.

In:  a package file map ``{relative POSIX path: bytes | SourceFile}`` made by a target
     (``coursec.content``: media files stay on disk until they are written here).
Out: ``zip_bytes`` / ``write_zip``: the same map always gives the same bytes; ``write_tree``
     writes the map as a new folder. A ``SourceFile`` is copied from disk in chunks (zip entries
     and folder files alike), so memory does not grow with media size x packages.
     ``replace_tree``: writes a directory next to the destination and swaps it in, so a failed
     write leaves the previous output untouched. Publishing a whole build at once (every
     folder and zip, all old or all new) is ``coursec.output``'s job.

Zip hygiene (what LMS importers trip over, see shared/interop.md pitfall 10):
* entries sorted by path, no directory entries, ``imsmanifest.xml`` wherever the map puts it
  (targets put it at the root);
* every timestamp is ``SOURCE_DATE_EPOCH`` (UTC, clamped to the zip range 1980..2107, rounded
  down to the 2-second DOS resolution) when that variable is set, else 1980-01-01 00:00:00;
* Unix attributes: regular file, mode 0o644; "made by" Unix; no extra fields, no comment;
* deflate at level 6, except already-compressed media (``STORED_SUFFIXES``), which are stored;
* paths must be relative, ``/``-separated, ASCII, without ``..``/empty segments or characters
  that are unsafe in a URL; ``path_problem`` (``coursec.content``) says what is wrong with one
  and the writers raise ``ValueError`` for such a path (targets report it as CS505 before it
  gets here).
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

from coursec.content import ContentMap, SourceFile
from coursec.content import path_problem as path_problem  # the rule is the content's

CHUNK = 1 << 20  # bytes copied at a time from a media file
DEFAULT_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
FILE_MODE = 0o644
STORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".mp3", ".m4a", ".ogg", ".oga",
     ".mp4", ".m4v", ".webm", ".woff", ".woff2", ".zip", ".gz", ".pdf"}
)
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


def _check_paths(files: ContentMap) -> None:
    problems = [p for p in (path_problem(name) for name in files) if p]
    if problems:
        raise ValueError("invalid package path: " + "; ".join(problems))
    folded: dict[str, str] = {}
    for name in files:
        other = folded.setdefault(name.lower(), name)
        if other != name:
            raise ValueError(f"package paths differ only by case: '{other}' and '{name}'")


def zip_bytes(files: ContentMap) -> bytes:
    """The zip archive of ``files``; identical input gives identical bytes."""
    buffer = io.BytesIO()
    _write_zip_to(files, buffer)
    return buffer.getvalue()


def _write_zip_to(files: ContentMap, handle: BinaryIO) -> None:
    _check_paths(files)
    date = zip_date()
    with zipfile.ZipFile(handle, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=date)
            info.create_system = 3  # Unix, so external_attr carries the mode
            info.external_attr = (0o100000 | FILE_MODE) << 16
            stored = Path(name).suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            content = files[name]
            if isinstance(content, bytes):
                archive.writestr(info, content, compresslevel=COMPRESS_LEVEL)
                continue
            # Streamed: the same header as writestr (size known up front, so the same zip64
            # decision); deflate at zlib's default level, which is COMPRESS_LEVEL (6).
            with content.path.open("rb") as source:
                info.file_size = os.fstat(source.fileno()).st_size
                with archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, CHUNK)


def write_zip(files: ContentMap, dest: Path) -> None:
    """Write ``zip_bytes(files)`` to ``dest`` atomically (temp file, then rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "w+b") as handle:
            _write_zip_to(files, handle)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(files: ContentMap, dest_dir: Path) -> None:
    """Write ``files`` into ``dest_dir`` (which must not exist yet); mode 0o755 / 0o644."""
    _check_paths(files)
    dest_dir.mkdir(parents=True)
    for name in sorted(files):
        target = dest_dir.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        content = files[name]
        if isinstance(content, SourceFile):
            with content.path.open("rb") as source, target.open("xb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        else:
            target.write_bytes(content)
        os.chmod(target, FILE_MODE)
    for folder in sorted({p for p in dest_dir.rglob("*") if p.is_dir()} | {dest_dir}):
        os.chmod(folder, 0o755)


def link_or_copy(source: str, dest: str) -> None:
    """Hard-link ``source`` at ``dest`` (files here are never changed in place), else copy."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)
        os.chmod(dest, stat.S_IMODE(os.stat(source).st_mode))


def replace_tree(files: ContentMap, dest_dir: Path) -> None:
    """Make ``dest_dir`` hold exactly ``files``: write a temp sibling, then swap it in.

    If anything fails before the swap, the temp directory is removed and ``dest_dir`` is
    untouched; if the final rename fails, the previous directory is put back.
    """
    _check_paths(files)
    parent = dest_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest_dir.name}.", suffix=".tmp", dir=parent))
    try:
        tmp.rmdir()
        write_tree(files, tmp)
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
