"""What a build is asked for and what it made: a leaf, so the catalog and the build cache can
look a course up without importing the pipeline (``coursec.build``, which re-exports these).

In:  the command line's options.
Out: ``BuildOptions`` (a course folder, targets, edition, output folder, strict, regions, cache,
     and the share of its packages a catalog worker makes),
     ``Package`` (one region's package for one target: its folder, zip and files) and
     ``default_out_dir`` (where packages go when ``--out`` is not given). Nothing is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursec.content import FileMap


@dataclass
class BuildOptions:
    course_dir: Path
    targets: list[str] | None = None  # None: the targets listed in course.yaml
    edition: int | None = None  # SCORM 2004 edition; None: course.yaml's
    out_dir: Path | None = None  # None: default_out_dir(course_dir)
    strict: bool = False
    regions: list[str] | None = None  # None: the source language and course.yaml's regions
    cache: bool = True  # False: build even when the cache holds this build (``--no-cache``)
    #: (k, n): make only every n-th package from the k-th on, in build order (a catalog worker's
    #: share of one course, ``coursec.catalog``); None: every package
    part: tuple[int, int] | None = None


@dataclass
class Package:
    target: str
    region: str
    directory: Path
    zip_path: Path
    files: FileMap = field(repr=False, default_factory=dict)


def default_out_dir(course_dir: Path) -> Path:
    """``build/`` in the working directory, as mkdocs' ``site/``; when the working directory is
    the course folder or inside it, ``build/`` beside the course folder instead, so packages
    never land in the folder that goes into git."""
    course, here = course_dir.resolve(), Path.cwd().resolve()
    if here.is_relative_to(course):
        return course.parent / "build"
    return Path("build")
