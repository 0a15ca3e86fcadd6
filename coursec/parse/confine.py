"""Every path a course reads stays inside its folder, symlinks included.

In:  a folder (the course folder, or a theme's folder) and a path that a course file names or
     that coursec looks for (a lesson, media, the logo, a region file, a theme and its files).
Out: ``inside`` -> the path fully resolved (every symlink followed, ``..`` applied) when it is
     still inside the resolved folder, else None; ``confine`` does the same and reports.
Reported (``confine``): CS405 "'<name>' is outside the course folder", the code and message of
     media paths, at the span given (where the path is written, or the file itself).

Resolve first, then check containment: checking the written path (no ``..``, not absolute)
misses a symlinked file or folder, and checking after opening is too late.
"""

from __future__ import annotations

from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span


def inside(folder: Path, path: Path) -> Path | None:
    """``path`` resolved when it stays inside ``folder`` (also resolved); None otherwise."""
    try:
        resolved = path.resolve()
        base = folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop, an unreadable folder
        return None
    return resolved if resolved == base or resolved.is_relative_to(base) else None


def confine(
    folder: Path, path: Path, name: str, span: Span, reporter: Reporter
) -> Path | None:
    """``inside(folder, path)``, reporting CS405 at ``span`` when ``path`` leaves ``folder``."""
    resolved = inside(folder, path)
    if resolved is None:
        reporter.report(Code.CS405, span, f"'{name}' is outside the course folder")
    return resolved
