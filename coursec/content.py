"""What a package file holds: bytes made in memory, or a course file streamed from disk.

In:  the renderer puts generated files (HTML, runtime, manifests) in a package file map as
     ``bytes`` and every course media file as a ``SourceFile`` (its path only), so a package
     never holds a copy of a media file in memory, however many regions and targets there are.
Out: ``FileMap`` (package path -> ``Content``); ``content_bytes`` reads one entry when a
     caller really needs the bytes (the preview serving a file, a check reading a manifest);
     ``content_size``. The writers (``coursec.archive``) copy a ``SourceFile`` from disk in
     chunks. ``path_problem``: why a path cannot be a package entry (the package checks report
     it, the writers refuse it). Nothing is reported here; a read error is an ``OSError`` for
     the caller.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """A file of the course folder copied as it is into a package (read only when written)."""

    path: Path


Content = bytes | SourceFile
FileMap = dict[str, Content]
ContentMap = Mapping[str, Content]


def content_bytes(content: Content) -> bytes:
    """The bytes of ``content`` (reads a ``SourceFile`` whole: for small files or one-offs)."""
    return content if isinstance(content, bytes) else content.path.read_bytes()


def content_size(content: Content) -> int:
    return len(content) if isinstance(content, bytes) else content.path.stat().st_size


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
