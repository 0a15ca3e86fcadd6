"""The output folder: where a build's packages go, and how a whole set is published at once.

In:  the output folder (``--out``), the course id and the package file maps of one build.
Out: the documented layout, where every public name goes through one ``current`` link, so
     switching that link (one atomic rename) switches every folder and zip together::

       <out>/<course-id>                        -> .coursec/<course-id>/current/tree
         (so <out>/<course-id>/<region>/<target>/ is the package folder)
       <out>/<course-id>-<region>-<target>.zip  -> .coursec/<course-id>/current/<same name>
       <out>/.coursec/lock                      held (flock) while a build writes
       <out>/.coursec/<course-id>/current       -> gen-<n>, the published set
       <out>/.coursec/<course-id>/gen-<n>/      one complete set: tree/<region>/<target>/, zips
       <out>/.coursec/<course-id>/staging-<n>/  the set being written

     A reader sees all of the old set or all of the new one, never a mix; a build that fails or
     is killed leaves the published set as it was, and whatever it left behind (staging, the
     previous generation, the ``.tmp``/``.old`` siblings of older coursec versions) is removed
     by the next build. Packages of the previous set that this build does not make (another
     region or target) are carried over into the new set (hard links, else copies). Two builds
     to the same folder never interleave: the second waits for the first's lock.
Reported (``write_set``): CS506 output folder unusable (a file, not writable, cannot be
     created), CS507 a write failed half-way (disk full, I/O error: the published set is
     unchanged), CS508 ``SOURCE_DATE_EPOCH`` is not an integer (checked before writing).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from coursec import archive
from coursec.content import ContentMap
from coursec.diagnostics import Code, Reporter, Span

STORE = ".coursec"
LOCK = "lock"
CURRENT = "current"
TREE = "tree"
_GEN_RE = re.compile(r"gen-(\d+)")


def write_set(out_dir: Path, course_id: str,
              packages: Mapping[tuple[str, str], ContentMap], reporter: Reporter,
              progress: Callable[[str], None]) -> bool:
    """Lock ``out_dir``, publish ``packages`` as one set; False (and a diagnostic) on failure."""
    try:
        archive.zip_date()
    except ValueError as error:
        reporter.report(Code.CS508, Span("<environment>"), str(error),
                        help="set it to a Unix time in seconds, e.g. $(git log -1 --format=%ct)")
        return False
    where = Span(str(out_dir))
    try:
        prepare(out_dir)
    except OSError as error:
        reporter.report(Code.CS506, where, f"cannot use '{out_dir}' as the output folder: "
                        f"{_reason(error)}", help="pass --out a folder you can write to")
        return False
    try:
        with locked(out_dir, lambda: progress(f"waiting for another build writing to {out_dir}")):
            publish(out_dir, course_id, packages, progress)
    except OSError as error:
        code = Code.CS506 if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else Code.CS507
        shown = f" ({error.filename})" if error.filename else ""
        reporter.report(code, where, f"cannot write the output: {_reason(error)}{shown}",
                        help="the previous output is unchanged; nothing of this build was kept")
        return False
    return True


def _reason(error: OSError) -> str:
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        return "it is a file, not a folder"
    return error.strerror or str(error)


def package_dir(out_dir: Path, course_id: str, region: str, target: str) -> Path:
    """The public folder of one package."""
    return out_dir / course_id / region / target


def zip_name(course_id: str, region: str, target: str) -> str:
    return f"{course_id}-{region}-{target}.zip"


def zip_path(out_dir: Path, course_id: str, region: str, target: str) -> Path:
    """The public zip of one package."""
    return out_dir / zip_name(course_id, region, target)


def prepare(out_dir: Path) -> None:
    """Create ``out_dir`` if needed and check that it is a folder coursec can write to."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(20, "not a folder", str(out_dir))
    (out_dir / STORE).mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def locked(out_dir: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock; calls ``on_wait`` once if another build holds it."""
    fd = os.open(out_dir / STORE / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def publish(out_dir: Path, course_id: str,
            packages: Mapping[tuple[str, str], ContentMap],
            progress: Callable[[str], None]) -> None:
    """Write ``packages`` ({(region, target): files}) as the new set and switch to it.

    Call with the lock held (``locked``). On any failure before the switch the published set
    is untouched and the staging folder is removed.
    """
    store = out_dir / STORE / course_id
    store.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out_dir, course_id)
    current = _current(store)
    number = 1 + max((int(m.group(1)) for m in (_GEN_RE.fullmatch(p.name)
                                                 for p in store.iterdir()) if m), default=0)
    staging = store / f"staging-{number}"
    try:
        for (region, target), files in sorted(packages.items()):
            progress(f"writing {zip_path(out_dir, course_id, region, target)}")
            archive.write_tree(files, staging / TREE / region / target)
            archive.write_zip(files, staging / zip_name(course_id, region, target))
        (staging / TREE).mkdir(parents=True, exist_ok=True)
        if current is not None:
            _carry_over(current / TREE, current, staging, course_id, set(packages))
        elif _legacy(out_dir, course_id):
            _carry_over(out_dir / course_id, out_dir, staging, course_id, set(packages))
        generation = store / f"gen-{number}"
        os.replace(staging, generation)
        if current is not None:  # names new to this set: dangling (absent) until the switch
            _public_links(out_dir, course_id, generation)
        _link(store / CURRENT, generation.name)  # the switch: one atomic rename
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _public_links(out_dir, course_id, generation)
    clean_leftovers(out_dir, course_id)


def _current(store: Path) -> Path | None:
    link = store / CURRENT
    if not link.is_symlink():
        return None
    target = store / os.readlink(link)
    return target if target.is_dir() else None


def _legacy(out_dir: Path, course_id: str) -> bool:
    """Whether an older coursec's output is there (real folders and zips, no store)."""
    tree = out_dir / course_id
    has_tree = tree.is_dir() and not tree.is_symlink()
    return has_tree or any(not p.is_symlink() for p in out_dir.glob(f"{course_id}-*.zip"))


def _carry_over(tree: Path, zips: Path, staging: Path, course_id: str,
                made: set[tuple[str, str]]) -> None:
    """Link into ``staging`` the packages of the previous set this build did not make."""
    if tree.is_dir():
        for region_dir in sorted(p for p in tree.iterdir() if p.is_dir()):
            for target_dir in sorted(p for p in region_dir.iterdir() if p.is_dir()):
                if target_dir.name.startswith("."):
                    continue
                key = (region_dir.name, target_dir.name)
                dest = staging / TREE / key[0] / key[1]
                if key not in made and not dest.exists():
                    shutil.copytree(target_dir, dest, symlinks=False,
                                    copy_function=archive.link_or_copy)
    names = {zip_name(course_id, region, target) for region, target in made}
    for old_zip in sorted(zips.glob(f"{course_id}-*.zip")):
        if old_zip.name not in names and old_zip.is_file():
            archive.link_or_copy(str(old_zip), str(staging / old_zip.name))


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symlink to ``target`` in one atomic step (replacing a file or link)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    temporary = path.with_name(f".{path.name}.link.tmp")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    if path.is_dir() and not path.is_symlink():  # an older coursec's real folder
        aside = path.with_name(f".{path.name}.coursec.old")
        shutil.rmtree(aside, ignore_errors=True)
        os.replace(path, aside)
    os.replace(temporary, path)


def _public_links(out_dir: Path, course_id: str, generation: Path) -> None:
    base = f"{STORE}/{course_id}/{CURRENT}"
    _link(out_dir / course_id, f"{base}/{TREE}")
    for made in sorted(generation.glob(f"{course_id}-*.zip")):
        _link(out_dir / made.name, f"{base}/{made.name}")


def clean_leftovers(out_dir: Path, course_id: str) -> None:
    """Remove what failed or killed builds left: staging, unpublished or previous generations,
    link temporaries, and the ``.tmp``/``.old`` siblings older coursec versions wrote."""
    store = out_dir / STORE / course_id
    current = _current(store)
    if store.is_dir():
        for entry in store.iterdir():
            if entry.name.startswith("staging-") or (
                _GEN_RE.fullmatch(entry.name) and (current is None or entry != current)
            ):
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.endswith(".link.tmp"):
                entry.unlink(missing_ok=True)
    for pattern in (f".{course_id}-*.zip.*.tmp", f".{course_id}.link.tmp",
                    f".{course_id}.coursec.old"):
        for leftover in out_dir.glob(pattern):
            _remove(leftover)
    tree = out_dir / course_id
    if tree.is_dir() and not tree.is_symlink():
        for pattern in ("*/.*.tmp", "*/.*.old"):
            for leftover in tree.glob(pattern):
                _remove(leftover)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
